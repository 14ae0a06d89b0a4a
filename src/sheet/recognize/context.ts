/**
 * The sheet, indexed for recognition: cells read as the clerk sees them, merges by their top-left
 * cell, the label hits and header rows the anchor scan (anchors.ts) finds, and the small helpers
 * every reader shares — a label's value cell, the cells a block maps, a blank row.
 */
import type { RangePos } from '../../domain/address';
import type { CellValue, Field } from '../../domain/model';
import type { Profile } from '../../domain/profile';
import { cellAddress, displayText, makeField } from '../display';
import type { GridSheet } from '../grid';
import { normLabel, type BlockField, type ListColumn } from '../labels';
import type { SummaryColumn } from '../tables';

/** Columns a label's value is looked for to its right. */
export const MAX_VALUE_SCAN = 12;

export class SheetCtx {
  readonly sheet: GridSheet;
  readonly nRows: number;
  /** merges by top-left cell: row → column → merge */
  private readonly merges = new Map<number, Map<number, RangePos>>();
  /** block label hits: row → column → field */
  readonly labelAt = new Map<number, Map<number, BlockField>>();
  /** rows holding a block label */
  readonly labelRows = new Set<number>();
  /** disclosure-list header rows → their columns */
  readonly listHeaders = new Map<number, Map<ListColumn, number>>();
  /** 汇总 table header rows → their columns */
  readonly summaryHeaders = new Map<number, Map<SummaryColumn, number>>();
  /** rows holding a mark of a 部门整体 table (its title, 年度主要任务 …) */
  readonly departmentRows = new Set<number>();
  /** the profile chosen for each shape of block seen on the sheet (see chooseProfile) */
  readonly profileBySignature = new Map<string, Profile>();
  readonly hits: Hit[] = [];

  constructor(sheet: GridSheet) {
    this.sheet = sheet;
    this.nRows = Array.isArray(sheet.values) ? sheet.values.length : 0;
    for (const m of Array.isArray(sheet.merges) ? sheet.merges : []) {
      if (!m || !(m.bottom >= m.top) || !(m.right >= m.left) || m.top < 0 || m.left < 0) continue;
      let row = this.merges.get(m.top);
      if (!row) this.merges.set(m.top, (row = new Map()));
      row.set(m.left, m);
    }
  }

  rowLength(r: number): number {
    const row = this.sheet.values[r];
    return Array.isArray(row) ? row.length : 0;
  }

  value(r: number, c: number): CellValue {
    const row = this.sheet.values[r];
    const v = Array.isArray(row) ? row[c] : undefined;
    return v === undefined ? null : v;
  }

  isEmpty(r: number, c: number): boolean {
    const v = this.value(r, c);
    if (v === null) return true;
    if (typeof v === 'string') return v.trim() === '';
    return false;
  }

  text(r: number, c: number): string {
    const v = this.value(r, c);
    if (v === null) return '';
    if (typeof v === 'string') return v.trim();
    return displayText(v, this.sheet.formats?.[r]?.[c]);
  }

  mergeAt(r: number, c: number): RangePos | undefined {
    return this.merges.get(r)?.get(c);
  }

  field(r: number, c: number): Field {
    return makeField(this.sheet, r, c);
  }

  addr(r: number, c: number): string {
    return cellAddress(this.sheet, r, c);
  }

  range(top: number, left: number, bottom: number, right: number): string {
    const a = this.addr(top, left);
    const b = this.addr(bottom, right);
    return a === b ? a : `${a}:${b}`;
  }

  isLabel(r: number, c: number): boolean {
    return this.labelAt.get(r)?.has(c) ?? false;
  }

  /** Row r lies inside a merged area that starts on a row above (a title over two rows). */
  coveredFromAbove(r: number): boolean {
    for (let top = r - 1; top >= 0 && top >= r - 10; top--) {
      const row = this.merges.get(top);
      if (!row) continue;
      for (const m of row.values()) if (m.bottom >= r) return true;
    }
    return false;
  }
}

export interface Hit {
  field: BlockField;
  row: number;
  col: number;
  /** the label as compared (normalised, without a money-unit suffix) */
  key: string;
  /** the cell's text normalised (with its suffix) */
  norm: string;
}

export class BlockCells {
  /** mapped cells: row → columns */
  private readonly mapped = new Map<number, Set<number>>();
  top = Infinity;
  left = Infinity;
  bottom = -Infinity;
  right = -Infinity;
  constructor(private readonly ctx: SheetCtx) {}

  has(r: number, c: number): boolean {
    return this.mapped.get(r)?.has(c) ?? false;
  }

  add(r: number, c: number): void {
    let row = this.mapped.get(r);
    if (!row) this.mapped.set(r, (row = new Set()));
    row.add(c);
    const m = this.ctx.mergeAt(r, c);
    this.top = Math.min(this.top, r);
    this.left = Math.min(this.left, c);
    this.bottom = Math.max(this.bottom, m ? Math.min(m.bottom, this.ctx.nRows - 1, r + 50) : r);
    this.right = Math.max(this.right, m ? Math.min(m.right, c + 50) : c);
  }

  addField(f: { row: number; col: number }): void {
    this.add(f.row, f.col);
  }
}

export interface Pos {
  row: number;
  col: number;
}

/** The value cell of a label: next non-empty cell to the right (past the label's merge, not past another label). */
export function valueRight(ctx: SheetCtx, r: number, labelCol: number, labelText?: string): Pos {
  const m = ctx.mergeAt(r, labelCol);
  return valueFrom(ctx, r, (m ? m.right : labelCol) + 1, labelText);
}

/** The first non-empty, non-label cell of row r from column `start`; blank → the cell at `start`. */
export function valueFrom(ctx: SheetCtx, r: number, start: number, labelText?: string): Pos {
  const len = ctx.rowLength(r);
  const own = labelText === undefined ? undefined : normLabel(labelText);
  for (let c = start; c < len && c < start + MAX_VALUE_SCAN; c++) {
    if (ctx.isEmpty(r, c)) continue;
    if (own !== undefined && sameLabel(ctx, r, c, own)) continue; // the label repeated across its merge
    if (ctx.isLabel(r, c)) break;
    return { row: r, col: c };
  }
  return { row: r, col: start };
}

/** Whether cell (r, c) repeats a label whose normalised key is `own` (cheap for long texts). */
export function sameLabel(ctx: SheetCtx, r: number, c: number, own: string): boolean {
  const v = ctx.value(r, c);
  if (typeof v !== 'string' || v.length > 2 * own.length + 20) return false;
  // most cells beside a label are its value: a CJK first character it lacks settles it cheaply
  const first = own.charAt(0);
  if (first >= '\u3400' && !v.includes(first)) return false;
  return normLabel(v) === own;
}

/** Row r holds a block label left of column `limit` (the next block's 项目编码 …, not a 三级 name). */
export function labelLeftOf(ctx: SheetCtx, r: number, limit: number): boolean {
  const at = ctx.labelAt.get(r);
  if (!at) return false;
  for (const c of at.keys()) if (c < limit) return true;
  return false;
}

export function rowIsBlank(ctx: SheetCtx, r: number): boolean {
  const len = ctx.rowLength(r);
  for (let c = 0; c < len; c++) if (!ctx.isEmpty(r, c)) return false;
  return true;
}
