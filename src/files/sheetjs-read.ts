/**
 * Legacy and other spreadsheet formats through SheetJS (`@e965/xlsx`, the maintained 0.20 line):
 * Excel 97–2003 `.xls` (BIFF8, also what WPS saves as `.et`), XML Spreadsheet 2003 (what the
 * 一体化 system exports, usually named `.xls`) and OpenDocument `.ods` — into the same Grid as
 * the .xlsx reader: typed values (a formula gives its cached result, an error cell `{ error }`),
 * the number format of every cell that has one, merged areas, hidden sheets.
 *
 * SheetJS is loaded on first use: it brings its code-page tables (needed for legacy Chinese text)
 * and costs a few hundred milliseconds that a folder of .xlsx files should not pay.
 */
import type * as XLSXTypes from '@e965/xlsx';
import type { RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';
import { serialFromTime } from './ooxml-read';

type XLSXModule = typeof XLSXTypes;
let loaded: XLSXModule | undefined;

/** The SheetJS module, required on first use. */
export function sheetjs(): XLSXModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (!loaded) loaded = require('@e965/xlsx') as XLSXModule;
  return loaded;
}

/** SheetJS error codes (BIFF8 §2.5.97.2) → the text Excel shows. */
const ERROR_TEXT: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};

/** SheetJS builds dates in local time from the serial: undo that to get the serial back. */
function dateToSerial(d: Date, date1904: boolean): number | null {
  return serialFromTime(d.getTime() - d.getTimezoneOffset() * 60000, date1904);
}

function cellToValue(cell: XLSXTypes.CellObject, date1904: boolean): CellValue {
  const v = cell.v;
  switch (cell.t) {
    case 'n':
      return typeof v === 'number' && Number.isFinite(v) ? v : null;
    case 's':
      return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
    case 'b':
      return typeof v === 'boolean' ? v : Boolean(v);
    case 'e':
      return { error: typeof v === 'number' ? (ERROR_TEXT[v] ?? cell.w ?? '#VALUE!') : (cell.w ?? String(v ?? '#VALUE!')) };
    case 'd':
      return v instanceof Date ? dateToSerial(v, date1904) : typeof v === 'number' ? v : null;
    default:
      return null;
  }
}

function isFormat(z: unknown): z is string {
  return typeof z === 'string' && z !== '' && z !== 'General';
}

/** One SheetJS worksheet (dense mode) → a GridSheet. */
export function sheetToGrid(name: string, ws: XLSXTypes.WorkSheet, date1904: boolean, hidden: boolean): GridSheet {
  const data = (ws['!data'] ?? []) as (XLSXTypes.CellObject[] | undefined)[];
  const values: (CellValue | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  let anyFormat = false;
  let lastRow = -1;
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (!cell) continue;
      const v = cellToValue(cell, date1904);
      const fmt = cell.z;
      const hasFmt = isFormat(fmt);
      if (v === null && !hasFmt) continue;
      if (v !== null) {
        (values[r] ??= [])[c] = v;
        if (r > lastRow) lastRow = r;
      }
      if (hasFmt) {
        (formats[r] ??= [])[c] = fmt;
        anyFormat = true;
      }
    }
  }
  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  const merges: RangePos[] = (ws['!merges'] ?? [])
    .filter((m) => m.e.r > m.s.r || m.e.c > m.s.c)
    .map((m) => ({ top: m.s.r, left: m.s.c, bottom: m.e.r, right: m.e.c }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const sheet: GridSheet = { name, values, merges };
  if (anyFormat) {
    for (let i = 0; i < formats.length; i++) if (!formats[i]) formats[i] = [];
    sheet.formats = formats;
  }
  if (hidden) sheet.hidden = true;
  return sheet;
}

/** Options every SheetJS read uses: values, number formats and merges only — no styles, formulas, HTML. */
export const SHEETJS_READ_OPTIONS: XLSXTypes.ParsingOptions = {
  type: 'buffer',
  dense: true,
  cellNF: true,
  cellDates: false,
  cellText: false,
  cellHTML: false,
  cellStyles: false,
  cellFormula: false,
  sheetStubs: false,
  bookVBA: false,
  bookDeps: false,
  bookFiles: false,
  WTF: false,
};

/** A SheetJS workbook → Grid (every sheet, in workbook order). */
export function workbookToGrid(wb: XLSXTypes.WorkBook): Grid {
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets: GridSheet[] = [];
  wb.SheetNames.forEach((name, i) => {
    const ws = wb.Sheets[name];
    if (!ws) return;
    const hidden = (meta[i]?.Hidden ?? 0) !== 0;
    sheets.push(sheetToGrid(name, ws, date1904, hidden));
  });
  const grid: Grid = { sheets };
  const title = wb.Props?.Title;
  if (typeof title === 'string' && title.trim() !== '') grid.name = title.trim();
  return grid;
}

/**
 * SheetJS reports what it cannot map (ODS conditional number formats, unknown records) on the
 * console; the CLI's output is its report, so those notes are dropped while it parses.
 */
function quietly<T>(fn: () => T): T {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  const drop = (): void => undefined;
  console.error = drop;
  console.warn = drop;
  console.log = drop;
  try {
    return fn();
  } finally {
    console.error = saved.error;
    console.warn = saved.warn;
    console.log = saved.log;
  }
}

/** Parse a file (bytes, or the text of an XML file) with SheetJS into a Grid. Throws what SheetJS throws. */
export function readWithSheetjs(data: Buffer | string): Grid {
  const XLSX = sheetjs();
  const opts: XLSXTypes.ParsingOptions = { ...SHEETJS_READ_OPTIONS, type: typeof data === 'string' ? 'string' : 'buffer' };
  return workbookToGrid(quietly(() => XLSX.read(data, opts)));
}
