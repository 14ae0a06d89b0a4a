/**
 * Carrying out an {@link AddIndicatorPlan} (src/sheet/add-indicator.ts) in Excel: one Excel.run,
 * 3 syncs (2 when nothing moves: a blank row filled), all or nothing (see `applyAddIndicator`).
 *
 * 1. read: the sheet's protection, the values of the rows the plan relies on (the row it fills, or
 *    the row it goes under and the first row it pushes down) and the cells it writes — the plan was
 *    made from the last check's reading: if those cells changed since, nothing is written and the
 *    clerk is asked to add again once the table is re-checked; a cell to write that is not empty
 *    refuses too (never overwrite).
 * 2. write (the structure in one round trip, the content in the next): undo the merged areas the plan lists, `Range.insert(Excel.InsertShiftDirection.down)` on
 *    the block's columns (ExcelApi 1.1), the cells, merged areas, borders and the value cell's prompt,
 *    the value cell selected (where the clerk types the number). The marks below need nothing: they
 *    are conditional formats (./marks.ts), which Excel moves down with their cells; the next pass
 *    finds them there. No setting is read or written.
 */
import { rangeToA1, toA1, type RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import { cellText } from '../domain/text';
import type { AddIndicatorPlan } from '../sheet/add-indicator';
import type { GridSheet } from '../sheet/grid';
import type { ExcelApi, XValue, XWorksheet } from './api';
import { queueBorders, queueCellFormats } from './insert';
import { CELL_EDIT_MESSAGE, inCellEdit, refusedWhole } from './limits';
import { fromCellValue } from './read';

export type AddIndicatorWrite = { ok: true; sheet: string; cell: string } | { ok: false; reason: string };


const CHANGED = '表格在上次检查后有改动，未添加：请等检查完成后再点一次“添加”';

/** the rows the plan relies on, as they were read (A1 of their first cell → values) */
function expectedRows(plan: AddIndicatorPlan, grid: GridSheet): { range: RangePos; values: string[][] } {
  const left = plan.shift?.left ?? Math.min(...plan.cells.map((c) => c.col));
  const right = plan.shift?.right ?? Math.max(...plan.cells.map((c) => c.col));
  const top = plan.mode === 'insert' ? Math.max(0, plan.row - 1) : plan.row;
  const bottom = plan.row;
  const values: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: string[] = [];
    for (let c = left; c <= right; c++) line.push(cellText(grid.values[r]?.[c] as CellValue | undefined));
    values.push(line);
  }
  return { range: { top, left, bottom, right }, values };
}

/** the rows and columns whose cells the plan may change, as they are before it (the pushed row included) */
function touchedArea(plan: AddIndicatorPlan): RangePos {
  const cols = plan.cells.map((c) => c.col);
  const left = Math.min(plan.shift?.left ?? Infinity, ...cols, ...plan.unmerge.map((m) => m.left));
  const right = Math.max(plan.shift?.right ?? -Infinity, ...cols, ...plan.unmerge.map((m) => m.right));
  const top = Math.min(plan.row, ...plan.unmerge.map((m) => m.top));
  const bottom = Math.max(plan.row, ...plan.unmerge.map((m) => m.bottom)) + (plan.shift ? 1 : 0);
  return { top, left, bottom, right };
}

function codeOf(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
}

/**
 * All or nothing, and never waiting on the clerk: the batch runs without `delayForCellEdit` (a
 * click while the clerk is still in a cell fails at once and the pane says so, instead of seeming
 * to hang: office-js #806). The structure (unmerge, insert) is its own round trip, the content the
 * next: should Excel refuse either (MergedRangeConflict, InsertDeleteConflict, NonBlankCellOffSheet,
 * …), what ran before the refusal is undone — batches are not transactional — and the cells it
 * touched are read back and compared with what they held before (values, formulas, number formats).
 */
export async function applyAddIndicator(excel: ExcelApi, plan: AddIndicatorPlan, grid: GridSheet): Promise<AddIndicatorWrite> {
  return excel.run({ delayForCellEdit: false }, async (context) => {
    const ws: XWorksheet = context.workbook.worksheets.getItem(plan.sheet);
    ws.load({ name: true });
    const protection = ws.protection.load({ protected: true });
    const want = expectedRows(plan, grid);
    const now = ws.getRange(rangeToA1(want.range)).load({ values: true });
    const area = touchedArea(plan);
    const before = ws.getRange(rangeToA1(area)).load({ formulas: true, numberFormat: true });
    await context.sync();

    if (protection.protected) return { ok: false, reason: `工作表“${ws.name}”受保护，无法添加指标；请先撤销工作表保护` };
    const same = now.values.every((line, i) => line.every((v, j) => cellText(v as CellValue) === want.values[i][j]));
    if (!same) return { ok: false, reason: CHANGED };
    if (plan.mode === 'fill') {
      for (const c of plan.cells) {
        const v = now.values[c.row - want.range.top]?.[c.col - want.range.left];
        if (v !== undefined && cellText(v as CellValue) !== '') return { ok: false, reason: `${toA1(c.row, c.col)} 已有内容，未添加（不会覆盖已有内容）` };
      }
    }

    /** put the touched cells back and read them back: the reason to show */
    const putBack = async (why: unknown, inserted: boolean): Promise<AddIndicatorWrite> => {
      const refused = `Excel 拒绝了这次添加（${codeOf(why)}）`;
      try {
        if (inserted) {
          for (const m of plan.merge) ws.getRange(rangeToA1(m)).unmerge();
          const sh = plan.shift as NonNullable<AddIndicatorPlan['shift']>;
          ws.getRangeByIndexes(sh.row, sh.left, 1, sh.right - sh.left + 1).delete('Up');
        } else if (plan.mode === 'fill') {
          for (const m of plan.merge) ws.getRange(rangeToA1(m)).unmerge();
        }
        const whole = ws.getRange(rangeToA1(area));
        whole.formulas = before.formulas;
        whole.numberFormat = before.numberFormat;
        for (const m of plan.unmerge) ws.getRange(rangeToA1(m)).merge(false);
        const back = ws.getRange(rangeToA1(area)).load({ formulas: true, numberFormat: true });
        await context.sync();
        const same = JSON.stringify(back.formulas) === JSON.stringify(before.formulas) && JSON.stringify(back.numberFormat) === JSON.stringify(before.numberFormat);
        if (!same) return { ok: false, reason: `${refused}；撤回后表格与原来不一致，请用“撤消”（Ctrl+Z）或检查 ${rangeToA1(area)}` };
        return { ok: false, reason: `${refused}，未添加；表格已恢复原样` };
      } catch (e) {
        if (inCellEdit(e)) return { ok: false, reason: `${refused}；${CELL_EDIT_MESSAGE}后请检查 ${rangeToA1(area)}` };
        return { ok: false, reason: `${refused}；撤回时又出错（${codeOf(e)}），请用“撤消”（Ctrl+Z）或检查 ${rangeToA1(area)}` };
      }
    };

    // sync 2: the structure — unmerge, insert
    const s = plan.shift;
    if (plan.unmerge.length > 0 || s) {
      for (const m of plan.unmerge) ws.getRange(rangeToA1(m)).unmerge();
      if (s) ws.getRangeByIndexes(s.row, s.left, 1, s.right - s.left + 1).insert('Down');
      try {
        await context.sync();
      } catch (e) {
        if (refusedWhole(e)) return { ok: false, reason: inCellEdit(e) ? `${CELL_EDIT_MESSAGE}（未添加）` : `添加失败，未写入任何内容：${codeOf(e)}` };
        return putBack(e, false);
      }
    }

    // sync 3: the content
    for (const c of plan.cells) {
      if (c.numberFormat) ws.getRangeByIndexes(c.row, c.col, 1, 1).numberFormat = [[c.numberFormat]];
      if (c.value !== null) ws.getRangeByIndexes(c.row, c.col, 1, 1).values = [[fromCellValue(c.value) as XValue]];
    }
    queueCellFormats(ws, plan.cells);
    for (const m of plan.merge) ws.getRange(rangeToA1(m)).merge(false);
    queueBorders(ws, plan.borders);
    for (const p of plan.prompts) ws.getRange(rangeToA1(p.range)).dataValidation.prompt = { showPrompt: true, title: p.title, message: p.message };
    const target = plan.prompts[0]?.range ?? { top: plan.row, left: plan.cells[0]?.col ?? 0, bottom: plan.row, right: plan.cells[0]?.col ?? 0 };
    ws.activate();
    ws.getRangeByIndexes(target.top, target.left, 1, 1).select();
    try {
      await context.sync();
    } catch (e) {
      if (refusedWhole(e) && !s && plan.unmerge.length === 0) return { ok: false, reason: inCellEdit(e) ? `${CELL_EDIT_MESSAGE}（未添加）` : `添加失败，未写入任何内容：${codeOf(e)}` };
      return putBack(e, s !== undefined);
    }
    return { ok: true, sheet: plan.sheet, cell: toA1(target.top, target.left) };
  });
}
