/**
 * The real host: `Excel.run` and `Office.context.requirements`. Only call this inside the add-in
 * (after `Office.onReady`). Assigning the real `Excel.run` to `ExcelApi['run']` is also the
 * compile-time proof that the real Office.js objects satisfy the interfaces of ./api.ts.
 */
import type { ExcelApi } from './api';

export function officeExcel(): ExcelApi {
  const run: ExcelApi['run'] = Excel.run;
  return {
    run,
    isSetSupported: (name: string, minVersion?: string) => Office.context.requirements.isSetSupported(name, minVersion),
  };
}
