/**
 * Reading sheets into the host-agnostic Grid, within Excel's limits and in a fixed number of round
 * trips for any township workbook:
 *   1. the sheet list;
 *   2. each sheet's geometry (the used range, and the range of cells with values);
 *   3. values and number formats in row chunks (each far under the 5,000,000-cell read limit, and
 *      together within the payload budget — more syncs only for a workbook beyond ~140,000 cells),
 *      and the merged areas in bands that cannot hold more than 512 areas (where
 *      `getMergedAreasOrNullObject` would fail).
 * A response Excel refuses as too large is read again in smaller chunks.
 */
import { parseRange, type RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';
import type { ExcelApi, XRange, XRangeAreas, XRequestContext, XValue, XWorksheet } from './api';
import { getCapabilities, type Capabilities } from './capabilities';
import { BYTES_PER_CALL, BYTES_PER_CELL_READ, CELLS_PER_READ, PAYLOAD_BUDGET, byBudget, mergedAreaBands, rowBands, type Rect } from './limits';

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

/**
 * The rectangles of a `getMergedAreasOrNullObject` result (none for a null object).
 * @requires caps.mergedAreas
 */
export function mergedRanges(areas: XRangeAreas | null): RangePos[] {
  return areas && !areas.isNullObject ? parseAreasAddress(areas.address) : [];
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

/**
 * A cell's fill as Excel reports it. No fill is pattern `None` — its colour reads `#FFFFFF`, the
 * same as a white fill (office-js #6218), so the colour alone never tells them apart.
 */
export interface FillInfo {
  color: string;
  pattern: string;
  patternColor?: string;
}

export const NO_FILL_INFO: FillInfo = { color: '#FFFFFF', pattern: 'None' };

/**
 * A cell's fill from `getCellProperties` (`format.fill` with color, pattern, patternColor, tintAndShade).
 * @requires caps.cellProperties
 */
export function fillInfoOf(f: Excel.CellPropertiesFill | undefined): FillInfo {
  if (!f) return NO_FILL_INFO;
  // no fill: pattern "None"; where pattern is missing, tintAndShade is null for No Fill and a number for any fill (office-js #4900)
  const none = f.pattern === 'None' || (f.pattern === undefined || f.pattern === null ? f.tintAndShade === null || f.tintAndShade === undefined : false);
  if (none) return NO_FILL_INFO;
  const info: FillInfo = { color: (f.color ?? '#FFFFFF').toUpperCase(), pattern: f.pattern ?? 'Solid' };
  if (f.patternColor && info.pattern !== 'Solid') info.patternColor = f.patternColor.toUpperCase();
  return info;
}

/** the fill properties read for highlighting */
export const FILL_LOAD = { format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true } } } as const;

/** A sheet's used ranges, queued in the geometry sync. */
export interface SheetGeometry {
  ws: XWorksheet;
  id: string;
  name: string;
  used: XRange;
  valuesUsed: XRange;
}

/** Queue a sheet's geometry (`ws` must have `id,name` loaded). */
export function queueGeometry(ws: XWorksheet): SheetGeometry {
  const dims = { rowIndex: true, columnIndex: true, rowCount: true, columnCount: true } as const;
  return {
    ws,
    get id() {
      return ws.id;
    },
    get name() {
      return ws.name;
    },
    used: ws.getUsedRangeOrNullObject(false).load(dims),
    valuesUsed: ws.getUsedRangeOrNullObject(true).load(dims),
  };
}

const rectOf = (r: XRange): Rect => ({ top: r.rowIndex, left: r.columnIndex, rows: r.rowCount, cols: r.columnCount });

/** a used range this much bigger than its cells with values (a formatted whole column) is read as the values' range */
const HOSTILE_CELLS = 1_000_000;

/**
 * What to read of a sheet (after the geometry sync): the used range — values, formats and merges,
 * as recognition needs them — unless formatting alone stretches it past a million cells (a whole
 * formatted column), then the range of the cells with values.
 */
export function areaOf(g: SheetGeometry): Rect | null {
  if (g.used.isNullObject) return null;
  const used = rectOf(g.used);
  if (used.rows * used.cols <= HOSTILE_CELLS || g.valuesUsed.isNullObject) return used;
  return rectOf(g.valuesUsed);
}

/** One sheet's data as read. */
export interface SheetData {
  id: string;
  name: string;
  area: Rect | null;
  /** values and number formats, row chunk by row chunk */
  chunks: { rect: Rect; values: XValue[][]; numberFormat: string[][] }[];
  merges: RangePos[];
}

interface Pending {
  sheet: number;
  rect: Rect;
}

/**
 * Reads the values, number formats and merged areas of each sheet's area: as few syncs as the
 * payload budget allows (one for any township workbook).
 */
export async function readSheetData(ctx: XRequestContext, geometry: SheetGeometry[], caps: Capabilities): Promise<SheetData[]> {
  const out: SheetData[] = geometry.map((g) => ({ id: g.id, name: g.name, area: areaOf(g), chunks: [], merges: [] }));
  const work: Pending[] = [];
  out.forEach((d, i) => {
    if (d.area) for (const rect of rowBands(d.area, CELLS_PER_READ)) work.push({ sheet: i, rect });
  });
  const bands: { sheet: number; areas: XRangeAreas }[] = [];
  let mergesQueued = false;
  const queueMerges = () => {
    if (mergesQueued || !caps.mergedAreas) return;
    mergesQueued = true;
    out.forEach((d, i) => {
      if (!d.area) return;
      for (const b of mergedAreaBands(d.area)) bands.push({ sheet: i, areas: geometry[i].ws.getRangeByIndexes(b.top, b.left, b.rows, b.cols).getMergedAreasOrNullObject().load({ address: true }) });
    });
  };
  const readGroup = async (group: Pending[], depth: number): Promise<void> => {
    const proxies = group.map((p) => geometry[p.sheet].ws.getRangeByIndexes(p.rect.top, p.rect.left, p.rect.rows, p.rect.cols).load({ values: true, numberFormat: true }));
    queueMerges();
    try {
      await ctx.sync();
    } catch (e) {
      // a response Excel on the web refuses as too large (an unusually text-heavy sheet): smaller chunks
      if ((e as { code?: unknown }).code !== 'ResponsePayloadSizeLimitExceeded' || depth >= 3) throw e;
      if (bands.length > 0 && mergesQueued) {
        bands.length = 0;
        mergesQueued = false;
      }
      // (the reckoned size was wrong for this sheet: a quarter of each chunk, each in a sync of its own)
      const smaller = group.flatMap((p) => rowBands(p.rect, Math.max(1, Math.floor((p.rect.rows * p.rect.cols) / 4))).map((rect) => ({ sheet: p.sheet, rect })));
      for (const p of smaller) await readGroup([p], depth + 1);
      return;
    }
    group.forEach((p, i) => out[p.sheet].chunks.push({ rect: p.rect, values: proxies[i].values, numberFormat: proxies[i].numberFormat }));
  };
  // a tenth of the budget is left for the merged areas, read with the first group
  const groups = byBudget(work, (p) => p.rect.rows * p.rect.cols * BYTES_PER_CELL_READ + BYTES_PER_CALL, PAYLOAD_BUDGET * 0.9);
  if (groups.length === 0) groups.push([]);
  for (const g of groups) await readGroup(g, 0);
  const seen = out.map(() => new Set<string>());
  for (const b of bands) {
    if (!caps.mergedAreas) break;
    for (const m of mergedRanges(b.areas)) {
      const key = `${m.top},${m.left},${m.bottom},${m.right}`;
      if (seen[b.sheet].has(key)) continue; // an area across two bands comes back from both
      seen[b.sheet].add(key);
      out[b.sheet].merges.push(m);
    }
  }
  for (const d of out) d.chunks.sort((a, b) => a.rect.top - b.rect.top);
  return out;
}

/** After the read: the sheet as a Grid sheet (absolute coordinates: the grid starts at A1). */
export function toGridSheet(d: SheetData): GridSheet {
  const values: (CellValue | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  const top = d.area?.top ?? 0;
  for (let i = 0; i < top; i++) {
    values.push([]);
    formats.push([]);
  }
  const left = d.area?.left ?? 0;
  for (const c of d.chunks) {
    for (let i = 0; i < c.values.length; i++) {
      const vrow: (CellValue | undefined)[] = new Array(left);
      const frow: (string | undefined)[] = new Array(left);
      for (let j = 0; j < c.values[i].length; j++) {
        vrow.push(toCellValue(c.values[i][j]));
        const f = c.numberFormat[i]?.[j];
        frow.push(f === undefined || f === null || f === 'General' ? undefined : String(f));
      }
      values.push(vrow);
      formats.push(frow);
    }
  }
  return { name: d.name, values, formats, merges: [...d.merges].sort((a, b) => a.top - b.top || a.left - b.left) };
}

export const FNV_START = 0x811c9dc5;

/** FNV-1a, 32 bits, over the UTF-16 code units of `s`, continuing from `h`. */
export function fnv(h: number, s: string): number {
  let x = h;
  for (let i = 0; i < s.length; i++) {
    x ^= s.charCodeAt(i);
    x = Math.imul(x, 0x01000193) >>> 0;
  }
  return x;
}

/**
 * A cheap fingerprint of what the checker reads of a sheet: its area, values and number formats.
 * Two reads with the same fingerprint checked the same content (merged areas aside), so a re-check
 * after an edit Excel may not have reported can stop there.
 */
export function fingerprintOf(area: Rect | null, rows: { values: XValue[][]; numberFormat: string[][] }[]): string {
  let h = fnv(FNV_START, area ? `${area.top},${area.left},${area.rows},${area.cols}` : 'empty');
  for (const c of rows)
    for (let i = 0; i < c.values.length; i++) {
      h = fnv(h, JSON.stringify(c.values[i]));
      h = fnv(h, JSON.stringify(c.numberFormat[i]));
    }
  return h.toString(16);
}

/** Reads every sheet of the workbook into a Grid: 3 syncs for any township workbook. */
export async function readWorkbook(excel: ExcelApi, caps: Capabilities = getCapabilities(excel)): Promise<Grid> {
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    const sheets = ctx.workbook.worksheets.load({ id: true, name: true });
    await ctx.sync();
    const geometry = sheets.items.map(queueGeometry);
    await ctx.sync();
    const data = await readSheetData(ctx, geometry, caps);
    return { sheets: data.map(toGridSheet) };
  });
}

/** Reads one sheet (the active one when no name is given) into a Grid sheet: 2 syncs. */
export async function readSheet(excel: ExcelApi, sheetName?: string, caps: Capabilities = getCapabilities(excel)): Promise<GridSheet> {
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    const ws = sheetName === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(sheetName);
    ws.load({ id: true, name: true });
    const g = queueGeometry(ws);
    await ctx.sync();
    const [data] = await readSheetData(ctx, [g], caps);
    return toGridSheet(data);
  });
}
