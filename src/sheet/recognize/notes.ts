/**
 * The per-sheet note (zh-CN) the sheet list shows: why a sheet gave no project table — empty, a
 * 汇总 table, a 部门整体 table, a budget table, or nothing recognisable — then the notes of its
 * one-row-per-indicator tables, and that the sheet is hidden.
 */

const NOTE_NO_TABLE =
  '未找到可识别的绩效目标表：没有“项目编码”“项目名称”“一级指标”等标签，也没有“单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标”表头';
const NOTE_SUMMARY = '这是项目汇总表，不是项目绩效目标表：不单独检查，其中的项目金额已与各项目表核对';
const NOTE_DEPARTMENT = '这是部门整体绩效目标表，不是项目绩效目标表：不检查';
const NOTE_BUDGET = '这是预算表，不是项目绩效目标表：不检查';

export interface SheetFacts {
  /** project tables found (blocks, list rows, rows-table projects) */
  built: number;
  rows: number;
  summaries: number;
  /** a group of labels was inside a 部门整体 table */
  department: boolean;
  /** a title row or the sheet name is a budget table's */
  budget: boolean;
  /** the notes of the sheet's one-row-per-indicator tables */
  rowsNotes: string[];
  hidden: boolean;
}

export function sheetNote(f: SheetFacts): string | undefined {
  let note: string | undefined;
  if (f.built === 0) {
    if (f.rows === 0) note = '工作表为空';
    else if (f.summaries > 0) note = NOTE_SUMMARY;
    else if (f.department) note = NOTE_DEPARTMENT;
    else if (f.budget) note = NOTE_BUDGET;
    else note = NOTE_NO_TABLE;
  }
  if (f.rowsNotes.length > 0) note = note ? `${note}；${f.rowsNotes.join('；')}` : f.rowsNotes.join('；');
  if (f.hidden) note = note ? `隐藏的工作表；${note}` : '隐藏的工作表';
  return note;
}
