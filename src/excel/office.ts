/**
 * The real host: `Excel.run` and `Office.context.requirements`. Only call this inside the add-in
 * (after `Office.onReady`).
 *
 * Assigning the real `Excel.run` to `ExcelApi['run']` is the compile-time proof that the real
 * Office.js objects are the views of ./api.ts: each overload of `XRun` takes a batch of
 * `(context: XRequestContext) => …`, which is only assignable to the real overload's batch if
 * `Excel.RequestContext` is assignable to `XRequestContext` — and so on, member by member, through
 * every object the adapter can reach. The view's members are function-typed properties, so those
 * checks are strict (contravariant parameters), not bivariant like method parameters.
 */
import type { ExcelApi, XRun } from './api';

export function officeExcel(): ExcelApi {
  const run: XRun = Excel.run;
  return {
    run,
    isSetSupported: (name: string, minVersion?: string) => Office.context.requirements.isSetSupported(name, minVersion),
  };
}
