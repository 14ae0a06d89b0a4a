/**
 * What this Excel can do (requirement sets), with Chinese messages for what is unavailable, so
 * the adapter degrades instead of crashing on older Excel.
 *
 * manifest.xml requires ExcelApi 1.8. Every Office member the adapter uses from a later set is
 * reached only behind the capability for that set, in one of these recognisable forms (the
 * requirement-set test, test/excel/requirement-sets.test.ts, checks each use against the
 * `[Api set: …]` of its declaration in @types/office-js):
 *   if (caps.x) { …use… }          caps.x && …use…          caps.x ? …use… : …
 *   if (!caps.x) return …; …use…   (the rest of the block)
 *   a function whose JSDoc says `@requires caps.x`, called only from such places.
 */
import type { ExcelApi } from './api';

/** The ExcelApi 1.x minor version each capability stands for. */
export const CAPABILITY_SETS = {
  /** WorksheetCollection.onChanged / onSelectionChanged (1.9), onActivated (1.7): checking as the clerk edits */
  liveEvents: 9,
  /** WorksheetChangedEventArgs.triggerSource: tell our own writes from the clerk's */
  triggerSource: 14,
  /** Worksheet.notes: only to remove the notes an earlier jxmb wrote (./legacy.ts); the marks write no notes */
  notes: 18,
  /** Range.getMergedAreasOrNullObject: merged cells read for recognition */
  mergedAreas: 13,
  /** Range.getCellProperties / getRowProperties / getColumnProperties: an insertion's cells read (and put back if it fails) exactly */
  cellProperties: 9,
  /** Worksheet.getRanges, RangeAreas.conditionalFormats, ConditionalFormat.getRanges: the marks (conditional formats over many cells) */
  marks: 9,
  /** Excel.RunOptions.mergeUndoGroup: a pass's writes are one action of the clerk's undo history */
  undoGroups: 20,
} as const;

export type Capability = keyof typeof CAPABILITY_SETS;

export type Capabilities = { [K in Capability]: boolean } & {
  /** zh-CN, one line per unavailable feature */
  messages: string[];
};

/** what only the add-in's own housekeeping needs: nothing the clerk would miss */
type Internal = 'notes';

/** zh-CN: what the clerk loses without each capability (shown in the pane, listed in docs/excel.md) */
export const DEGRADED: Record<Exclude<Capability, Internal>, string> = {
  liveEvents: '此版本 Excel 不支持工作表更改事件（需要 ExcelApi 1.9）：编辑后不会自动检查，请点击“重新检查”。',
  triggerSource: '此版本 Excel 无法区分加载项自己的写入（需要 ExcelApi 1.14）：写入后短时间内的更改事件将被忽略，如有遗漏请点击“重新检查”。',
  mergedAreas: '此版本 Excel 无法读取合并单元格（需要 ExcelApi 1.13）：按未合并处理，识别结果可能不完整。',
  cellProperties: '此版本 Excel 无法读取单元格的原有格式（需要 ExcelApi 1.9）：插入表格失败时只能清除已写入的格式，无法恢复原有格式。',
  marks: '此版本 Excel 不能为多个单元格添加条件格式（需要 ExcelApi 1.9）：问题只在任务窗格中列出，不在单元格上标记。',
  undoGroups: '此版本 Excel 不能撤消加载项的更改（需要 ExcelApi 1.20）：加载项写入工作簿时（标记有变化、修复、插入模板），Excel 会清空撤消记录（Ctrl+Z）；标记不变的检查不写入，不影响撤消。如需保留撤消记录，可在“设置”中关闭“在单元格上标记问题”。',
};

export function getCapabilities(excel: Pick<ExcelApi, 'isSetSupported'>): Capabilities {
  const has = (minor: number): boolean => {
    try {
      return excel.isSetSupported('ExcelApi', `1.${minor}`);
    } catch {
      return false;
    }
  };
  const caps = { messages: [] as string[] } as Capabilities;
  for (const k of Object.keys(CAPABILITY_SETS) as Capability[]) caps[k] = has(CAPABILITY_SETS[k]);
  for (const k of Object.keys(DEGRADED) as (keyof typeof DEGRADED)[]) {
    if (caps[k]) continue;
    if (k === 'triggerSource' && !caps.liveEvents) continue; // without events there is nothing to tell apart
    if (k === 'undoGroups' && !caps.marks) continue; // without marks the checker writes nothing
    caps.messages.push(DEGRADED[k]);
  }
  return caps;
}
