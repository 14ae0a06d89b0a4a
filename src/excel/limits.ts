/**
 * How much the adapter puts in one round trip, so that every read and write stays under Excel's
 * documented limits (“Resource limits and performance optimization for Office Add-ins” › Excel
 * add-ins): Excel on the web refuses a request or response over 5 MB; every platform refuses a read
 * of a range of more than 5,000,000 cells; `getMergedAreasOrNullObject` fails past 512 merged areas
 * (Excel.Range reference). Work that would not fit is split over more syncs — which happens only
 * far beyond what a township workbook holds (a 500-project sheet fits in one).
 */

/** bytes one sync may carry each way: the 5 MB limit with a margin for what the estimates miss */
export const PAYLOAD_BUDGET = 4_000_000;

/**
 * Request bytes reckoned per API call or object. Office does not document its wire format; its
 * performance guide says 20,000 calls “would likely exceed the 5MB payload size limit”, i.e. about
 * 250 bytes a call. The adapter reckons more, to keep a margin.
 */
export const BYTES_PER_CALL = 300;

/** response bytes reckoned per cell read with its values and number format (a township sheet averages ~22) */
export const BYTES_PER_CELL_READ = 30;

/** cells in one range read: far under the 5,000,000-cell limit, and ~3.6 MB of values and formats at the reckoned size */
export const CELLS_PER_READ = 120_000;

/** merged areas `getMergedAreasOrNullObject` returns before it fails (Excel.Range reference) */
export const MERGED_AREAS_PER_READ = 512;

/** A rectangle of a sheet, 0-based. */
export interface Rect {
  top: number;
  left: number;
  rows: number;
  cols: number;
}

/** Row bands of `r` of at most `maxCells` cells each (at least one row a band). */
export function rowBands(r: Rect, maxCells: number): Rect[] {
  const per = Math.max(1, Math.floor(maxCells / Math.max(1, r.cols)));
  const out: Rect[] = [];
  for (let top = r.top; top < r.top + r.rows; top += per) out.push({ top, left: r.left, rows: Math.min(per, r.top + r.rows - top), cols: r.cols });
  return out;
}

/**
 * Bands in which `getMergedAreasOrNullObject` cannot fail: every merged area it returns covers at
 * least one cell of the band, and areas do not overlap, so a band of at most 512 cells holds at most
 * 512 areas.
 */
export function mergedAreaBands(r: Rect): Rect[] {
  return rowBands(r, MERGED_AREAS_PER_READ);
}

/**
 * Splits `items` into groups whose reckoned size stays within the payload budget; each group goes in
 * its own sync. `size(item)` is the item's reckoned request (or response) bytes.
 */
export function byBudget<T>(items: T[], size: (item: T) => number, budget = PAYLOAD_BUDGET): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let used = 0;
  for (const it of items) {
    const s = size(it);
    if (cur.length > 0 && used + s > budget) {
      out.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(it);
    used += s;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

/** UTF-8 bytes of a value as JSON (what it adds to a request or response). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a surrogate pair (4 UTF-8 bytes) counts 2 + 2
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return n;
}

/** The error codes of a batch Excel refused as a whole: nothing in it was applied, so there is nothing to roll back. */
export function refusedWhole(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'InvalidOperationInCellEditMode' || code === 'RequestPayloadSizeLimitExceeded';
}

/** The clerk is editing a cell (a batch run without `delayForCellEdit` fails with this code). */
export function inCellEdit(e: unknown): boolean {
  return (e as { code?: unknown } | null)?.code === 'InvalidOperationInCellEditMode';
}

/** zh-CN: what to do when a command found Excel in cell-editing mode (Excel.RunOptions.delayForCellEdit; office-js #806). */
export const CELL_EDIT_MESSAGE = 'Excel 正在编辑单元格：请先按 Enter 或 Esc 结束编辑（或单击其他单元格），再重试';

/** An Office.js error of this code (`OfficeExtension.Error.code`). */
export function isCode(e: unknown, code: string): boolean {
  return (e as { code?: unknown } | null)?.code === code;
}
