/**
 * What this Excel can do (requirement sets), with Chinese messages for what is unavailable, so
 * the adapter degrades instead of crashing on older Excel.
 */
import type { ExcelApi } from './api';

export interface Capabilities {
  /** worksheets.onChanged / onSelectionChanged on the collection (ExcelApi 1.9): live checking on edit */
  liveEvents: boolean;
  /** WorksheetChangedEventArgs.triggerSource (ExcelApi 1.14): tell our own writes from the user's */
  triggerSource: boolean;
  /** workbook.notes (ExcelApi 1.18): the reason shown on the flagged cell */
  notes: boolean;
  /** Range.getMergedAreasOrNullObject (ExcelApi 1.13): merged cells read in the same round trip */
  mergedAreas: boolean;
  /** Range.getCellProperties (ExcelApi 1.9): original fills saved before marking cells */
  highlighting: boolean;
  /** zh-CN, one line per unavailable feature */
  messages: string[];
}

export function getCapabilities(excel: Pick<ExcelApi, 'isSetSupported'>): Capabilities {
  const has = (minor: number): boolean => {
    try {
      return excel.isSetSupported('ExcelApi', `1.${minor}`);
    } catch {
      return false;
    }
  };
  const caps: Capabilities = {
    liveEvents: has(9),
    triggerSource: has(14),
    notes: has(18),
    mergedAreas: has(13),
    highlighting: has(9),
    messages: [],
  };
  if (!caps.liveEvents) caps.messages.push('此版本 Excel 不支持工作表更改事件（需要 ExcelApi 1.9）：编辑后不会自动检查，请点击“重新检查”。');
  if (caps.liveEvents && !caps.triggerSource)
    caps.messages.push('此版本 Excel 无法区分加载项自己的写入（需要 ExcelApi 1.14）：写入后短时间内的更改事件将被忽略，如有遗漏请点击“重新检查”。');
  if (!caps.notes) caps.messages.push('此版本 Excel 不支持批注接口（需要 ExcelApi 1.18）：问题说明只显示在任务窗格中，不写入单元格批注。');
  if (!caps.mergedAreas) caps.messages.push('此版本 Excel 无法读取合并单元格（需要 ExcelApi 1.13）：按未合并处理，识别结果可能不完整。');
  if (!caps.highlighting) caps.messages.push('此版本 Excel 无法安全地保存单元格原有填充色（需要 ExcelApi 1.9）：不在表格中标色，问题只显示在任务窗格中。');
  return caps;
}
