/**
 * Reading a WPS 表格 workbook as the host-agnostic grid (src/sheet/grid.ts): the values (`Value2`:
 * numbers and dates as numbers, as Office.js `values` gives them), the cells' number formats (one
 * read per row when the row's are all the same) (so src/sheet/display.ts shows the value as the clerk sees it — `Range.Text` is not used: it
 * depends on the column width, `###` where the number does not fit) and the merged areas.
 *
 * WPS's model is synchronous: a read is a call, no batching. A block's `Value2` is rows of values
 * (VBA's 2-D array); should this WPS give anything else for a block, the cells are read one by one.
 */
import { parseRange, type RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';
import { isSheet, type WApp, type WRange, type WSheet } from './et';

const ERRORS = /^#(NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA|SPILL!|CALC!|FIELD!|BLOCKED!|UNKNOWN!|BUSY!|CONNECT!)$/;

/** a Value2 as the grid holds it (undefined: empty) */
export function toCell(v: unknown): CellValue | undefined {
  if (v === '' || v === null || v === undefined) return undefined;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const s = String(v);
  return ERRORS.test(s) ? { error: s } : s;
}

/** the inverse, for writing and for comparing with what the sheet holds now */
export function fromCell(v: CellValue | undefined): string | number | boolean {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

/** `$A$1:$B$2` → 0-based rectangle */
export function rectOf(address: string): RangePos {
  return parseRange(address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, '').split(',')[0]);
}

export function sheetsOf(app: WApp): WSheet[] {
  const list = app.ActiveWorkbook.Worksheets;
  const out: WSheet[] = [];
  for (let i = 1; i <= list.Count; i++) {
    const s = list.Item(i);
    if (isSheet(s)) out.push(s);
  }
  return out;
}

export function findSheet(app: WApp, name: string): WSheet | undefined {
  return sheetsOf(app).find((s) => s.Name === name);
}

/** the values of a rectangle, rows × columns (cell by cell when the block read gives no rows) */
export function valuesOf(sheet: WSheet, r: RangePos): unknown[][] {
  const rows = r.bottom - r.top + 1;
  const cols = r.right - r.left + 1;
  const range = sheet.Range(address(r));
  if (rows === 1 && cols === 1) return [[range.Value2]];
  const v = range.Value2;
  if (Array.isArray(v) && v.length === rows && v.every((line) => Array.isArray(line) && line.length === cols)) return v as unknown[][];
  const out: unknown[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: unknown[] = [];
    for (let j = 0; j < cols; j++) line.push(sheet.Range(address({ top: r.top + i, left: r.left + j, bottom: r.top + i, right: r.left + j })).Value2);
    out.push(line);
  }
  return out;
}

export function address(r: RangePos): string {
  const a = (row: number, col: number) => `${colName(col)}${row + 1}`;
  return r.top === r.bottom && r.left === r.right ? a(r.top, r.left) : `${a(r.top, r.left)}:${a(r.bottom, r.right)}`;
}

function colName(col: number): string {
  let s = '';
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function mergesIn(sheet: WSheet, used: WRange, r: RangePos): RangePos[] {
  if (used.MergeCells === false) return [];
  const out: RangePos[] = [];
  const inside = (row: number, col: number) => out.some((m) => m.top <= row && row <= m.bottom && m.left <= col && col <= m.right);
  for (let row = r.top; row <= r.bottom; row++) {
    // a row with no merged cell answers false at once (a mixed row: null, VBA)
    if (sheet.Range(address({ top: row, left: r.left, bottom: row, right: r.right })).MergeCells === false) continue;
    for (let col = r.left; col <= r.right; col++) {
      if (inside(row, col)) continue;
      const cell = sheet.Range(address({ top: row, left: col, bottom: row, right: col }));
      if (cell.MergeCells !== true) continue;
      const m = rectOf(cell.MergeArea.Address(false, false));
      if (m.top !== m.bottom || m.left !== m.right) out.push(m);
    }
  }
  return out;
}

const GENERAL = new Set(['General', 'G/通用格式']);

/** a row's number formats: one read when the row is uniform (VBA: null when its cells differ), else cell by cell */
function rowFormats(sheet: WSheet, row: number, left: number, right: number): (string | undefined)[] {
  const out: (string | undefined)[] = [];
  const whole = sheet.Range(address({ top: row, left, bottom: row, right })).NumberFormat;
  if (typeof whole === 'string' && GENERAL.has(whole)) return out;
  for (let col = left; col <= right; col++) {
    const f = typeof whole === 'string' ? whole : sheet.Range(address({ top: row, left: col, bottom: row, right: col })).NumberFormat;
    if (typeof f === 'string' && !GENERAL.has(f)) out[col] = f;
  }
  return out;
}

/** one sheet as a grid (rows and columns from A1, as the Office.js adapter gives them) */
export function readSheet(sheet: WSheet): GridSheet {
  const used = sheet.UsedRange;
  const top = used.Row - 1;
  const left = used.Column - 1;
  const r: RangePos = { top, left, bottom: top + used.Rows.Count - 1, right: left + used.Columns.Count - 1 };
  const raw = valuesOf(sheet, r);
  const values: (CellValue | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  raw.forEach((line, i) => {
    const row = top + i;
    values[row] = [];
    line.forEach((v, j) => {
      const cv = toCell(v);
      if (cv !== undefined) values[row][left + j] = cv;
    });
    formats[row] = rowFormats(sheet, row, left, r.right);
  });
  for (let i = 0; i < top; i++) {
    values[i] ??= [];
    formats[i] ??= [];
  }
  return { name: sheet.Name, values, formats, merges: mergesIn(sheet, used, r) };
}

export function readGrid(app: WApp): Grid {
  return { sheets: sheetsOf(app).map(readSheet), name: app.ActiveWorkbook.Name };
}
