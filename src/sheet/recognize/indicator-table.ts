/**
 * The indicator table of a stacked block: the header under a 一级指标 label (its columns in any
 * order, a 指标值 split into 符号 | 值 | 计量单位), the rows that belong to it, and those rows read
 * into {@link IndicatorRow}s (an empty 一级/二级 cell inherits the group above).
 */
import type { Field, IndicatorRow } from '../../domain/model';
import { readSplitValue } from '../../domain/split-value';
import { headerKey, indicatorColumnOf, looksLikeNote, looksLikeTitle, moneyUnitOf, normLabel, splitPartOf, type IndicatorColumn, type SplitPart } from '../labels';
import { labelLeftOf, type BlockCells, type Hit, type SheetCtx } from './context';

export interface IndicatorScan {
  headerRow: number;
  /** rows the header takes (2 when the 指标值 is split under a merged header) */
  headerRows: number;
  cols: Map<IndicatorColumn, number>;
  /** the split 指标值's sub-columns (符号 | 值 | 计量单位) */
  split?: Map<SplitPart, number>;
  headerCells: { row: number; col: number }[];
  /** the header texts as compared (for choosing the profile) */
  headerKeys: string[];
  left: number;
  right: number;
  rows: number[];
}

function rowIsTitleOrUnit(ctx: SheetCtx, r: number, left: number, right: number): boolean {
  let first: string | undefined;
  for (let c = left; c <= right; c++) {
    if (ctx.isEmpty(r, c)) continue;
    const t = ctx.text(r, c);
    if (moneyUnitOf(t)) return true;
    if (first === undefined) first = t;
    else if (t !== first) return false;
  }
  return first !== undefined && looksLikeTitle(first) && !indicatorLevelLike(first);
}

/** `产出指标` etc. end with 指标 but are indicator cells, not titles. */
function indicatorLevelLike(t: string): boolean {
  return /指标$/.test(t) && t.length <= 16;
}

/** Columns of the indicator header left of its 一级指标 cell that a header may still hold. */
const MAX_HEADER_LEFT = 8;

/**
 * The indicator table under a 一级指标 header: its columns (any order, from the header texts of
 * every profile), a 指标值 split into 符号 | 值 | 计量单位 on the header's second row, and its rows.
 */
export function scanIndicators(ctx: SheetCtx, h: Hit): IndicatorScan {
  const r = h.row;
  const cols = new Map<IndicatorColumn, number>();
  const split = new Map<SplitPart, number>();
  const headerCells: { row: number; col: number }[] = [];
  let left = h.col;
  let right = h.col;
  const take = (c: number, role: IndicatorColumn) => {
    headerCells.push({ row: r, col: c });
    if (!cols.has(role)) cols.set(role, c);
    const m = ctx.mergeAt(r, c);
    right = Math.max(right, m ? m.right : c);
  };
  // columns left of 一级指标 (a table that puts 三级 first); a caption such as 绩效指标 ends the header
  for (let c = h.col - 1; c >= 0 && c >= h.col - MAX_HEADER_LEFT; c--) {
    if (ctx.isEmpty(r, c)) continue;
    const role = indicatorColumnOf(ctx.text(r, c));
    if (!role) break;
    take(c, role);
    left = c;
  }
  const len = ctx.rowLength(r);
  for (let c = h.col; c < len && c <= h.col + 20; c++) {
    if (ctx.isEmpty(r, c)) continue;
    const t = ctx.text(r, c);
    const role = indicatorColumnOf(t);
    if (role) {
      take(c, role);
      continue;
    }
    const part = splitPartOf(t); // 符号 | 值 | 计量单位 as columns of the header row itself
    if (part && !split.has(part)) {
      split.set(part, c);
      headerCells.push({ row: r, col: c });
      right = Math.max(right, c);
      continue;
    }
    if (c > h.col + 1 && cols.size >= 3) break;
  }
  cols.set('level1', h.col);
  let headerRows = 1;
  // a merged 指标值 header with 符号 | 值 | 计量单位 in the row below
  const valueCol = cols.get('value');
  if (valueCol !== undefined && split.size === 0 && r + 1 < ctx.nRows) {
    const m = ctx.mergeAt(r, valueCol);
    const to = Math.max(m ? m.right : valueCol, valueCol + 2);
    const below = new Map<SplitPart, number>();
    for (let c = valueCol; c <= to; c++) {
      if (ctx.isEmpty(r + 1, c)) continue;
      const part = splitPartOf(ctx.text(r + 1, c));
      if (part && !below.has(part)) below.set(part, c);
    }
    if (below.size >= 2) {
      for (const [part, c] of below) {
        split.set(part, c);
        headerCells.push({ row: r + 1, col: c });
        right = Math.max(right, c);
      }
      headerRows = 2;
    }
  }
  if (split.size >= 2) {
    // the missing part sits where the system puts it: 符号 | 值 | 计量单位, left to right
    const first = Math.min(...split.values());
    (['operator', 'number', 'unit'] as SplitPart[]).forEach((p, i) => {
      if (!split.has(p)) split.set(p, first + i);
    });
    for (const c of split.values()) right = Math.max(right, c);
    if (!cols.has('value')) cols.set('value', split.get('number') as number);
  }
  if (!cols.has('level2')) cols.set('level2', h.col + 1);
  if (!cols.has('level3')) cols.set('level3', (cols.get('level2') as number) + 1);
  if (!cols.has('value')) {
    const basis = cols.get('basis');
    cols.set('value', basis !== undefined ? basis - 1 : Math.max(right, (cols.get('level3') as number) + 1));
  }
  for (const c of cols.values()) {
    right = Math.max(right, c);
    left = Math.min(left, c);
  }
  const rows: number[] = [];
  const limit = Math.min(cols.get('level1') as number, cols.get('level2') as number) + 1;
  const level3 = cols.get('level3') as number;
  const c1 = cols.get('level1') as number;
  const c2 = cols.get('level2') as number;
  let gap = false;
  for (let rr = r + headerRows; rr < ctx.nRows; rr++) {
    if (ctx.listHeaders.has(rr) || ctx.summaryHeaders.has(rr) || labelLeftOf(ctx, rr, limit)) break;
    let any = false;
    let firstText: string | undefined;
    let nonEmpty = 0;
    const last = Math.min(right, ctx.rowLength(rr) - 1); // a row stored shorter (or not at all) is blank beyond its end
    for (let c = left; c <= last; c++) {
      if (ctx.isEmpty(rr, c)) continue;
      any = true;
      nonEmpty++;
      if (firstText === undefined) firstText = ctx.text(rr, c);
    }
    // a blank row does not end the table (clerks leave them after the header and between groups):
    // what follows it goes on the table when it is an indicator row, else the table ended at the blank
    if (!any) {
      gap = true;
      continue;
    }
    if (gap && !continuesAfterGap(ctx, rr, c1, c2, level3)) break;
    gap = false;
    if (firstText !== undefined && looksLikeNote(firstText)) break;
    if (rowIsTitleOrUnit(ctx, rr, left, right)) break;
    if (nonEmpty === 1 && firstText !== undefined && firstText.length > 30 && ctx.isEmpty(rr, level3)) break;
    rows.push(rr);
  }
  const headerKeys: string[] = [];
  for (const hc of headerCells) {
    const k = headerKey(ctx.text(hc.row, hc.col));
    if (k) headerKeys.push(k);
  }
  return { headerRow: r, headerRows, cols, split: split.size >= 2 ? split : undefined, headerCells, headerKeys, left, right, rows };
}

/**
 * After blank rows, row r still belongs to the indicator table when it reads as an indicator row:
 * a 一级 or 二级 cell (`效益指标`, `满意度指标`), or a 三级 name under the groups above that is
 * not a signature line (`填报人：…`).
 */
function continuesAfterGap(ctx: SheetCtx, r: number, c1: number, c2: number, c3: number): boolean {
  const t1 = ctx.isEmpty(r, c1) ? '' : ctx.text(r, c1);
  const t2 = ctx.isEmpty(r, c2) ? '' : ctx.text(r, c2);
  if (indicatorLevelLike(normLabel(t1)) || indicatorLevelLike(normLabel(t2))) return true;
  if (t1 !== '' || t2 !== '' || ctx.isEmpty(r, c3)) return false;
  return !/[:：]/.test(ctx.text(r, c3));
}


/**
 * The rows of a block's indicator table read into indicator rows; every cell read (and the header
 * cells) goes on the block's cells. An empty 一级 cell inherits the one above; an empty 二级 cell
 * too, unless the 一级 just changed.
 */
export function readIndicatorRows(ctx: SheetCtx, ind: IndicatorScan, cells: BlockCells): IndicatorRow[] {
  const indicators: IndicatorRow[] = [];
  for (const hc of ind.headerCells) cells.add(hc.row, hc.col);
  const col = (k: IndicatorColumn) => ind.cols.get(k);
  const c1 = col('level1') as number;
  const c2 = col('level2') as number;
  const c3 = col('level3') as number;
  const cv = col('value') as number;
  const cd = col('description');
  const cb = col('basis');
  const split = ind.split;
  let prev1: Field | undefined;
  let prev2: Field | undefined;
  for (const r of ind.rows) {
    let level1: Field;
    let level2: Field;
    let inh1 = false;
    let inh2 = false;
    let new1 = false;
    if (ctx.isEmpty(r, c1) && prev1) {
      level1 = prev1;
      inh1 = true;
    } else {
      level1 = ctx.field(r, c1);
      cells.add(r, c1);
      new1 = prev1 === undefined || normLabel(prev1.text) !== normLabel(level1.text);
    }
    if (ctx.isEmpty(r, c2) && prev2 && !new1) {
      level2 = prev2;
      inh2 = true;
    } else {
      level2 = ctx.field(r, c2);
      cells.add(r, c2);
    }
    cells.add(r, c3);
    const row: IndicatorRow = {
      row: r + (ctx.sheet.origin?.row ?? 0),
      level1,
      level2,
      level3: ctx.field(r, c3),
      value: ctx.field(r, cv),
      inherited: { level1: inh1, level2: inh2 },
    };
    if (split) {
      const part = (p: SplitPart) => {
        const c = split.get(p) as number;
        cells.add(r, c);
        return ctx.field(r, c);
      };
      const parts = { operator: part('operator'), number: part('number'), unit: part('unit') };
      const reading = readSplitValue(parts);
      // the value rules read the three cells as one value, at the 值 cell
      row.value = { cell: parts.number.cell, value: reading.text === '' ? null : reading.text, text: reading.text };
      row.split = parts;
    } else {
      cells.add(r, cv);
    }
    if (cd !== undefined) {
      cells.add(r, cd);
      row.description = ctx.field(r, cd);
    }
    if (cb !== undefined) {
      cells.add(r, cb);
      row.basis = ctx.field(r, cb);
    }
    indicators.push(row);
    prev1 = level1;
    prev2 = level2;
  }
  return indicators;
}
