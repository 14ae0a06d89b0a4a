/**
 * In-memory Excel: the slice of the Excel JavaScript API the adapter uses, over a MemoryWorkbook.
 * Used by the tests and by the browser preview (the code a clerk runs in Excel is the code they run).
 *
 *   const wb = MemoryWorkbook.fromGrid(grid);      // or new MemoryWorkbook({ sheets: ['Sheet1'] })
 *   const excel = createMemoryExcel(wb);            // an ExcelApi: { run, isSetSupported }
 *   wb.user.setValues('Sheet1', 'B3', [['x']]);     // the user types (fires onChanged, 'Unknown')
 *   wb.syncCount; wb.snapshot();
 */
import type { ExcelApi, XRequestContext, XRunOptions } from '../api';
import { MemoryRequestContext } from './proxies';
import { MemoryExcelError, type MemoryWorkbook } from './state';

export { MemoryWorkbook, MemoryUser, MemoryExcelError } from './state';
export type { WorkbookSnapshot, SheetSnapshot, CellSnapshot, ApiSupport } from './state';
export { MemoryRequestContext } from './proxies';

export interface MemoryExcel extends ExcelApi {
  readonly workbook: MemoryWorkbook;
}

export function createMemoryExcel(workbook: MemoryWorkbook): MemoryExcel {
  async function run<T>(
    a: XRunOptions | MemoryRequestContext | ((context: XRequestContext) => Promise<T>),
    b?: (context: XRequestContext) => Promise<T>,
  ): Promise<T> {
    const resumed = a instanceof MemoryRequestContext ? a : undefined;
    const options: XRunOptions = typeof a === 'function' || a instanceof MemoryRequestContext ? {} : a;
    const batch = typeof a === 'function' ? a : b;
    if (!batch) throw new MemoryExcelError('InvalidArgument', 'Excel.run needs a batch function');
    if (workbook.cellEditMode) {
      if (!options.delayForCellEdit)
        throw new MemoryExcelError('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.');
      await new Promise<void>((resolve) => workbook.editWaiters.push(resolve));
    }
    // Excel.run(eventResult.context, …) resumes the context the handler was added in
    const context = resumed ?? new MemoryRequestContext(workbook);
    const result = await batch(context);
    // like Excel.run: commands still queued when the batch returns are sent in one more round trip
    if (context.pending > 0) await context.sync();
    return result;
  }
  return {
    workbook,
    run: run as ExcelApi['run'],
    isSetSupported(name: string, minVersion?: string): boolean {
      if (name !== 'ExcelApi') return false;
      const minor = Number((minVersion ?? '1.1').split('.')[1] ?? 0);
      return workbook.supports(minor);
    },
  };
}
