/**
 * Sets of cells of one sheet and the rectangles that cover them — how marks are compared (cell by
 * cell, never by address text: Excel normalises a conditional format's ranges its own way) and
 * how they are written (few, large areas: “Avoid large RangeAreas objects made of many single
 * cells”, “Work with multiple ranges simultaneously in Excel add-ins”). Shared with the in-memory
 * Excel, which keeps a conditional format's ranges the same way.
 */
import type { RangePos } from '../domain/address';

/** columns of a worksheet (XFD): a cell is `row * SHEET_COLUMNS + col` */
export const SHEET_COLUMNS = 16384;
/** rows of a worksheet */
export const SHEET_ROWS = 1048576;

export type CellKey = number;

export const cellKey = (row: number, col: number): CellKey => row * SHEET_COLUMNS + col;

export function cellKeysOf(ranges: RangePos[], maxCols = SHEET_COLUMNS): Set<CellKey> {
  const out = new Set<CellKey>();
  for (const r of ranges) for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.add(row * maxCols + col);
  return out;
}

/**
 * The cells as rectangles: vertical runs per column, then runs over the same rows in adjacent
 * columns joined. Sorted top to bottom, left to right.
 */
export function rectsOf(cells: Iterable<CellKey>, maxCols = SHEET_COLUMNS): RangePos[] {
  const byCol = new Map<number, number[]>();
  for (const k of cells) {
    const row = Math.floor(k / maxCols);
    const col = k % maxCols;
    const list = byCol.get(col);
    if (list) list.push(row);
    else byCol.set(col, [row]);
  }
  const runs: RangePos[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = [...new Set(byCol.get(col) as number[])].sort((a, b) => a - b);
    let start = rows[0];
    let prev = rows[0];
    for (const r of rows.slice(1)) {
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      runs.push({ top: start, bottom: prev, left: col, right: col });
      start = prev = r;
    }
    runs.push({ top: start, bottom: prev, left: col, right: col });
  }
  const out: RangePos[] = [];
  const open = new Map<string, RangePos>();
  for (const r of runs) {
    const key = `${r.top}:${r.bottom}`;
    const o = open.get(key);
    if (o && o.right === r.left - 1) o.right = r.right;
    else {
      const n = { ...r };
      out.push(n);
      open.set(key, n);
    }
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

export function sameCells(a: Set<CellKey>, b: Set<CellKey>): boolean {
  if (a.size !== b.size) return false;
  for (const k of a) if (!b.has(k)) return false;
  return true;
}
