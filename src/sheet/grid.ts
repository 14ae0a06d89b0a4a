/**
 * A host-agnostic grid: what both Office.js (`values`, `numberFormat`, merged areas) and ExcelJS
 * give us, reduced to the same shape. Rows and columns are 0-based.
 */
import type { RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';

export interface GridSheet {
  name: string;
  /** row-major values; rows may be ragged or missing (undefined = empty cell) */
  values: (CellValue | undefined)[][];
  /** number formats aligned with `values`; missing = General */
  formats?: (string | undefined)[][];
  /** merged areas (top-left cell holds the value) */
  merges: RangePos[];
  /** where the grid starts on the real sheet (a used range that does not begin at A1); default 0,0 */
  origin?: { row: number; col: number };
  /** the sheet is hidden (or very hidden) in the workbook; it is still read and checked */
  hidden?: boolean;
}

export interface Grid {
  sheets: GridSheet[];
  /** a workbook title or file name, used for the budget year when the sheets have none */
  name?: string;
}

export function cellValue(sheet: GridSheet, row: number, col: number): CellValue {
  const r = sheet.values[row];
  const v = r === undefined ? undefined : r[col];
  return v === undefined ? null : v;
}

export function cellFormat(sheet: GridSheet, row: number, col: number): string | undefined {
  const r = sheet.formats?.[row];
  return r === undefined ? undefined : r[col];
}

export function rowCount(sheet: GridSheet): number {
  return sheet.values.length;
}

export function colCount(sheet: GridSheet): number {
  let n = 0;
  for (const r of sheet.values) if (r && r.length > n) n = r.length;
  return n;
}
