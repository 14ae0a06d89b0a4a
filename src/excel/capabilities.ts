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
  /** Workbook.notes / Worksheet.notes: the reason shown on the flagged cell */
  notes: 18,
  /** Range.getMergedAreasOrNullObject: merged cells read for recognition */
  mergedAreas: 13,
  /** Range.getCellProperties / getRowProperties / getColumnProperties, Worksheet.getRanges, RangeFill.pattern: fills saved and restored exactly */
  cellProperties: 9,
  /** the cells are marked (needs cellProperties: a mark is only made where the old fill can be put back) */
  highlighting: 9,
} as const;

export type Capability = keyof typeof CAPABILITY_SETS;

export type Capabilities = { [K in Capability]: boolean } & {
  /** zh-CN, one line per unavailable feature */
  messages: string[];
};

/** zh-CN: what the clerk loses without each capability (shown in the pane, listed in the README) */
export const DEGRADED: Record<Exclude<Capability, 'highlighting'>, string> = {
  liveEvents: '此版本 Excel 不支持工作表更改事件（需要 ExcelApi 1.9）：编辑后不会自动检查，请点击“重新检查”。',
  triggerSource: '此版本 Excel 无法区分加载项自己的写入（需要 ExcelApi 1.14）：写入后短时间内的更改事件将被忽略，如有遗漏请点击“重新检查”。',
  notes: '此版本 Excel 不支持批注接口（需要 ExcelApi 1.18）：问题说明只显示在任务窗格中，不写入单元格批注。',
  mergedAreas: '此版本 Excel 无法读取合并单元格（需要 ExcelApi 1.13）：按未合并处理，识别结果可能不完整。',
  cellProperties: '此版本 Excel 无法安全地保存单元格原有格式（需要 ExcelApi 1.9）：不在表格中标色，问题只显示在任务窗格中；插入表格失败时无法恢复原有格式。',
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
  caps.highlighting = caps.cellProperties;
  for (const k of Object.keys(DEGRADED) as (keyof typeof DEGRADED)[]) {
    if (caps[k]) continue;
    if (k === 'triggerSource' && !caps.liveEvents) continue; // without events there is nothing to tell apart
    caps.messages.push(DEGRADED[k]);
  }
  return caps;
}
