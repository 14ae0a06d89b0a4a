/**
 * In-memory Excel: the views of ../api.ts (derived from `@types/office-js`) over a MemoryWorkbook,
 * behaving like documented Excel (see `ExcelBehaviour` in ./state.ts for the limits and quirks it
 * imitates, each with its reference). Used by the tests and by the browser preview (the code a
 * clerk runs in Excel is the code they run).
 *
 *   const wb = MemoryWorkbook.fromGrid(grid);      // or new MemoryWorkbook({ sheets: ['Sheet1'] })
 *   const excel = createMemoryExcel(wb);            // an ExcelApi: { run, isSetSupported }
 *   wb.user.setValues('Sheet1', 'B3', [['x']]);     // the clerk types (fires onChanged, source Local)
 *   wb.user.pick('Sheet1', 'F9', '是');              // a dropdown pick (fires nothing: office-js #3888)
 *   wb.coauthor.setValues('Sheet1', 'B4', [['y']]); // a co-author edits (source Remote)
 *   wb.behaviour.payloadLimit = null;               // switch a documented limit off (desktop Excel)
 *   wb.syncCount; wb.syncLog; wb.snapshot();
 */
import type { ExcelApi, XHandlerContext, XRequestContext, XRun } from '../../excel/api';
import { MemoryRequestContext } from './proxies';
import { MemoryExcelError, type MemoryWorkbook } from './state';

export { MemoryWorkbook, MemoryUser, MemoryExcelError, DOCUMENTED_EXCEL, evaluateFormula, UNDO_UNSUPPORTED_APIS, SETTING_WRITES, UNDO_CLEARING, UNDO_LEVELS } from './state';
export { evaluateCondition } from './conditional';
export type { WorkbookSnapshot, SheetSnapshot, CellSnapshot, ApiSupport, ExcelBehaviour, SyncRecord, MemoryErrorCode } from './state';
export { MemoryRequestContext, COMMAND_BYTES } from './proxies';

export interface MemoryExcel extends ExcelApi {
  readonly workbook: MemoryWorkbook;
}

export function createMemoryExcel(workbook: MemoryWorkbook): MemoryExcel {
  async function run<T>(a: Excel.RunOptions | XHandlerContext | ((context: XRequestContext) => Promise<T>), b?: (context: XRequestContext) => Promise<T>): Promise<T> {
    const batch = typeof a === 'function' ? a : b;
    if (!batch) throw new MemoryExcelError('InvalidArgument', 'Excel.run needs a batch function');
    // Excel.run(eventResult.context, …) resumes the context the handler was added in
    let context: MemoryRequestContext;
    if (a instanceof MemoryRequestContext) context = a;
    else if (typeof a === 'object' && a !== null && (a as Excel.RunOptions).previousObjects instanceof MemoryRequestContext)
      context = (a as Excel.RunOptions).previousObjects as unknown as MemoryRequestContext;
    else context = new MemoryRequestContext(workbook);
    if (typeof a === 'object' && a !== null && !(a instanceof MemoryRequestContext)) {
      const options = a as Excel.RunOptions;
      if (options.session !== undefined) throw new MemoryExcelError('NotImplemented', 'The in-memory Excel has no sessions (Excel.RunOptions.session).');
      context.delayForCellEdit = options.delayForCellEdit === true;
      // ExcelApi 1.20; an older Excel does not know the option (and keeps no add-in undo history at all)
      context.mergeUndoGroup = options.mergeUndoGroup === true && workbook.supports(20);
    }
    const result = await batch(context);
    // like Excel.run: commands still queued when the batch returns are sent in one more round trip
    if (context.pending > 0) await context.sync();
    return result;
  }
  return {
    workbook,
    run: run as XRun,
    isSetSupported(name: string, minVersion?: string): boolean {
      if (name !== 'ExcelApi') return false;
      const minor = Number((minVersion ?? '1.1').split('.')[1] ?? 0);
      return workbook.supports(minor);
    },
  };
}
