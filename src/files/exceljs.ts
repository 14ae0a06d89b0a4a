/**
 * ExcelJS, required on first use. It writes the annotated copies and the templates; `jxmb check`
 * without `--annotate` never needs it, and loading it costs a few hundred milliseconds.
 */
import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

export function excelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!loaded) loaded = require('exceljs') as typeof ExcelJS;
  return loaded;
}
