/**
 * Reading sheets into the host-agnostic Grid in a fixed number of round trips, whatever the size:
 * one sync for the sheet list, one for every sheet's used range (values, number formats, merged
 * areas and — when highlighting — the cell fills) loaded together.
 */
import { parseRange, type RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';
import type { ExcelApi, XCellProperties, XClientResult, XRange, XRangeAreas, XValue, XWorksheet } from './api';
import { getCapabilities, type Capabilities } from './capabilities';

const EXCEL_ERRORS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#FIELD!',
  '#BLOCKED!',
  '#UNKNOWN!',
  '#BUSY!',
  '#CONNECT!',
]);

export function toCellValue(v: XValue | null | undefined): CellValue | undefined {
  if (v === '' || v === null || v === undefined) return undefined;
  if (typeof v === 'string' && EXCEL_ERRORS.has(v)) return { error: v };
  return v;
}

/** The inverse, for comparing a checked grid value with what Excel returns now. */
export function fromCellValue(v: CellValue | undefined): XValue {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return v.error;
  return v;
}

/** Splits `Sheet1!A1:G1, 'My, sheet'!A2:E2` into ranges (sheet prefixes dropped). */
export function parseAreasAddress(address: string): RangePos[] {
  if (!address.includes("'")) return address.split(',').map((p) => parseRange(p.slice(p.lastIndexOf('!') + 1).replace(/\$/g, '').trim()));
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => parseRange(p.slice(p.lastIndexOf('!') + 1).replace(/\$/g, '')));
}

/** A cell's fill as Excel reports it: no fill is pattern 'None' (its color reads as #FFFFFF). */
export interface FillInfo {
  color: string;
  pattern: string;
  patternColor?: string;
}

export const NO_FILL_INFO: FillInfo = { color: '#FFFFFF', pattern: 'None' };

/** Fills of a sheet's used range, looked up by absolute (0-based) row/col; outside = no fill. */
export class FillMap {
  constructor(
    private readonly top: number,
    private readonly left: number,
    private readonly props: XCellProperties[][],
  ) {}
  get(row: number, col: number): FillInfo {
    const f = this.props[row - this.top]?.[col - this.left]?.format?.fill;
    if (!f) return NO_FILL_INFO;
    const info: FillInfo = { color: (f.color ?? '#FFFFFF').toUpperCase(), pattern: f.pattern ?? 'None' };
    if (f.patternColor && info.pattern !== 'None' && info.pattern !== 'Solid') info.patternColor = f.patternColor.toUpperCase();
    return info;
  }
}

/** The proxies of one sheet's read, queued together (one sync for all sheets). */
export interface SheetRead {
  id: string;
  name: string;
  used: XRange;
  merged: XRangeAreas | null;
  fills: XClientResult<XCellProperties[][]> | null;
}

/** Queue the loads of one sheet (`ws` must have `id,name` loaded). */
export function queueSheetRead(ws: XWorksheet, caps: Capabilities, withFills: boolean): SheetRead {
  const used = ws.getUsedRange();
  used.load('rowIndex,columnIndex,values,numberFormat');
  const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject().load('address') : null;
  const fills = withFills && caps.highlighting ? used.getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true } } }) : null;
  return { id: ws.id, name: ws.name, used, merged, fills };
}

/** After the sync: the sheet as a Grid sheet (absolute coordinates: the grid starts at A1). */
export function toGridSheet(r: SheetRead): GridSheet {
  const top = r.used.rowIndex;
  const left = r.used.columnIndex;
  const values: (CellValue | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  for (let i = 0; i < top; i++) {
    values.push([]);
    formats.push([]);
  }
  const vals = r.used.values;
  const fmts = r.used.numberFormat;
  for (let i = 0; i < vals.length; i++) {
    const vrow: (CellValue | undefined)[] = new Array(left);
    const frow: (string | undefined)[] = new Array(left);
    for (let j = 0; j < vals[i].length; j++) {
      vrow.push(toCellValue(vals[i][j]));
      const f = fmts[i]?.[j];
      frow.push(f === undefined || f === null || f === 'General' ? undefined : String(f));
    }
    values.push(vrow);
    formats.push(frow);
  }
  const merges = r.merged && !r.merged.isNullObject ? parseAreasAddress(r.merged.address) : [];
  return { name: r.name, values, formats, merges };
}

export function fillMapOf(r: SheetRead): FillMap | null {
  return r.fills ? new FillMap(r.used.rowIndex, r.used.columnIndex, r.fills.value) : null;
}

/** Reads every sheet of the workbook into a Grid: 2 syncs whatever the size. */
export async function readWorkbook(excel: ExcelApi, caps: Capabilities = getCapabilities(excel)): Promise<Grid> {
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    const sheets = ctx.workbook.worksheets.load('items/id,items/name');
    await ctx.sync();
    const reads = sheets.items.map((ws) => queueSheetRead(ws, caps, false));
    await ctx.sync();
    return { sheets: reads.map(toGridSheet) };
  });
}

/** Reads one sheet (the active one when no name is given) into a Grid sheet: 1 sync. */
export async function readSheet(excel: ExcelApi, sheetName?: string, caps: Capabilities = getCapabilities(excel)): Promise<GridSheet> {
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    const ws = sheetName === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(sheetName);
    ws.load('id,name');
    const used = ws.getUsedRange();
    used.load('rowIndex,columnIndex,values,numberFormat');
    const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject().load('address') : null;
    await ctx.sync();
    return toGridSheet({ id: ws.id, name: ws.name, used, merged, fills: null });
  });
}
