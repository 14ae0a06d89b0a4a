/**
 * Finding the anchors: one pass over every cell for block label hits, disclosure-list and 汇总
 * header rows (and the marks of a 部门整体 table); then the hits grouped into candidate blocks —
 * labels close together, a 一级指标 header closing its group with the indicator table under it.
 */
import { INDICATORS_SLOT, bareLabelKey, blockLabelOfKey, labelKey, listColumnOfKey, vocabulary, type BlockField, type ListColumn } from '../labels';
import { isDepartmentMarker, isDepartmentMarkerKey, summaryColumnOfKey, type SummaryColumn } from '../tables';
import type { Hit, SheetCtx } from './context';
import { scanIndicators, type IndicatorScan } from './indicator-table';

/** Largest row gap between two labels of one block (the usage row and plan values row sit between). */
const MAX_LABEL_GAP = 3;

/** One pass over all cells: block label hits, disclosure-list and 汇总 header rows. */
export function scanLabels(ctx: SheetCtx): void {
  const values = ctx.sheet.values;
  const vocab = vocabulary();
  for (let r = 0; r < ctx.nRows; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let rowHits: Hit[] | undefined;
    let listCols: Map<ListColumn, number> | undefined;
    let sumCols: Map<SummaryColumn, number> | undefined;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length === 0 || v.length > 60) continue;
      if (v.length > 40) {
        if (isDepartmentMarker(v)) ctx.departmentRows.add(r); // a long title
        continue;
      }
      const k = labelKey(v);
      if (k === undefined) continue;
      if (isDepartmentMarkerKey(k)) ctx.departmentRows.add(r);
      const f = blockLabelOfKey(k, vocab);
      if (f) (rowHits ??= []).push({ field: f, row: r, col: c, key: bareLabelKey(k), norm: k });
      const lc = listColumnOfKey(k, vocab);
      if (lc) {
        listCols ??= new Map();
        if (!listCols.has(lc)) listCols.set(lc, c);
      }
      const sc = summaryColumnOfKey(k);
      if (sc) {
        sumCols ??= new Map();
        if (!sumCols.has(sc)) sumCols.set(sc, c);
      }
    }
    if (listCols && listCols.has('name') && (listCols.has('indicators') || listCols.has('goal')) && (listCols.has('budget') || listCols.has('code'))) {
      ctx.listHeaders.set(r, listCols);
      continue; // the list header's 绩效目标 is not a block label
    }
    if (sumCols && isSummaryHeader(ctx, r, sumCols)) {
      ctx.summaryHeaders.set(r, sumCols);
      continue; // a 汇总 header's 项目名称, 预算数 … are column headers, not block labels
    }
    if (rowHits) {
      const at = new Map<number, BlockField>();
      for (const h of rowHits) {
        ctx.hits.push(h);
        at.set(h.col, h.field);
      }
      ctx.labelAt.set(r, at);
      ctx.labelRows.add(r);
    }
  }
}

/**
 * A 汇总 header row: 项目名称 and an amount column, with the next column header right beside
 * 项目名称 (in a block, 项目名称 has its value there).
 */
function isSummaryHeader(ctx: SheetCtx, r: number, cols: Map<SummaryColumn, number>): boolean {
  const name = cols.get('name');
  if (name === undefined || !cols.has('amount') || cols.size < 3) return false;
  const m = ctx.mergeAt(r, name);
  const next = (m ? m.right : name) + 1;
  const k = labelKey(ctx.text(r, next));
  return k !== undefined && summaryColumnOfKey(k) !== undefined;
}


export interface Group {
  hits: Map<BlockField, Hit>;
  repeats: Hit[];
  firstRow: number;
  lastRow: number;
  indicators?: IndicatorScan;
}

/**
 * The same label again: on the same row, or just below — in the same column, or the same text
 * repeated over the cells a merge spanned (`年度总体目标` over A12:B13 written in every cell).
 */
function isRepeat(prev: Hit, h: Hit): boolean {
  if (h.row === prev.row) return true;
  if (h.row - prev.row > 2) return false;
  return h.col === prev.col || (h.key === prev.key && Math.abs(h.col - prev.col) <= 3);
}

export function groupHits(ctx: SheetCtx, excluded: (row: number) => boolean): Group[] {
  const groups: Group[] = [];
  let cur: Group | undefined;
  let coveredUntil = -1; // label words inside an indicator table (a 三级 named 预算数) are data
  for (const h of ctx.hits) {
    if (h.row <= coveredUntil || excluded(h.row)) continue;
    if (cur) {
      const prev = cur.hits.get(h.field);
      const closed = cur.indicators !== undefined;
      if (closed || h.row - cur.lastRow > MAX_LABEL_GAP || (prev && !isRepeat(prev, h))) {
        groups.push(cur);
        cur = undefined;
      } else if (prev) {
        cur.repeats.push(h);
        cur.lastRow = Math.max(cur.lastRow, h.row);
        continue;
      }
    }
    if (!cur) cur = { hits: new Map(), repeats: [], firstRow: h.row, lastRow: h.row };
    cur.hits.set(h.field, h);
    cur.lastRow = Math.max(cur.lastRow, h.row);
    if (h.field === INDICATORS_SLOT) {
      cur.indicators = scanIndicators(ctx, h);
      const rows = cur.indicators.rows;
      if (rows.length > 0) cur.lastRow = coveredUntil = rows[rows.length - 1];
      else if (cur.indicators.headerRows > 1) coveredUntil = Math.max(coveredUntil, cur.indicators.headerRow + cur.indicators.headerRows - 1);
    }
  }
  if (cur) groups.push(cur);
  return groups;
}
