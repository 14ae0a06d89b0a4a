/**
 * A1 cell addresses. Rows and columns are 0-based internally; the A1 text is what the clerk sees.
 */

export interface CellPos {
  row: number;
  col: number;
}

export interface RangePos {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function columnName(col: number): string {
  let n = col + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function columnIndex(name: string): number {
  let n = 0;
  for (const ch of name.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new Error(`列名无效：${name}`);
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function toA1(row: number, col: number): string {
  return `${columnName(col)}${row + 1}`;
}

const A1_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

export function parseA1(address: string): CellPos {
  const m = A1_RE.exec(address.trim());
  if (!m) throw new Error(`单元格地址无效：${address}`);
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}

export function rangeToA1(r: RangePos): string {
  const a = toA1(r.top, r.left);
  const b = toA1(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

export function parseRange(range: string): RangePos {
  const [a, b] = range.split(':');
  const p = parseA1(a);
  const q = b === undefined ? p : parseA1(b);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

export function rangeContains(r: RangePos, row: number, col: number): boolean {
  return row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}
