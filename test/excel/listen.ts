/** Test helper: register an onChanged handler that records every event (the list fills as events arrive). */
import type { ExcelApi, XChangedEventArgs } from '../../src/excel/api';

export async function recordChanges(excel: ExcelApi): Promise<XChangedEventArgs[]> {
  const seen: XChangedEventArgs[] = [];
  await excel.run(async (ctx) => {
    ctx.workbook.worksheets.onChanged.add(async (e) => {
      seen.push(e);
    });
    await ctx.sync();
  });
  return seen;
}
