/**
 * One sheet recognised: its cells indexed and scanned for anchors, then its tables read in turn —
 * one-row-per-indicator tables (src/sheet/indicator-rows.ts), disclosure lists, 汇总 tables, and
 * the stacked blocks among the rows none of them took — with the sheet's title year and its note.
 */
import type { SummaryTable } from '../../domain/model';
import type { Profile } from '../../domain/profile';
import { profiles } from '../../domain/profiles';
import type { GridSheet } from '../grid';
import { findRowsTables } from '../indicator-rows';
import { INDICATORS_SLOT, type ListColumn } from '../labels';
import { isBudgetTitle, type SummaryColumn } from '../tables';
import { groupHits, scanLabels } from './anchors';
import { buildBlock, type BuiltBlock } from './block';
import { SheetCtx } from './context';
import { buildList } from './list';
import { sheetNote } from './notes';
import { buildSummary, type BuiltSummary } from './summary';
import { sheetTitle, yearFromTitle } from './year';

export interface SheetResult {
  built: BuiltBlock[];
  summaries: SummaryTable[];
  titleYear?: number;
  note?: string;
}

/** The profiles a recognition is forced to, by layout. */
export interface Forced {
  block?: Profile;
  list?: Profile;
  rows?: Profile;
}

export function recognizeSheet(sheet: GridSheet, forced: Forced): SheetResult {
  const ctx = new SheetCtx(sheet);
  scanLabels(ctx);
  const built: BuiltBlock[] = [];
  const spans: { from: number; to: number }[] = [];
  const inSpan = (row: number) => spans.some((s) => row >= s.from && row < s.to);

  // one row per indicator (docs/domain.md §2.8): src/sheet/indicator-rows.ts, from the rows that hold a header's words
  const rowsTables = findRowsTables(sheet, rowsTableCandidates(ctx), forced.rows);
  built.push(...rowsTables.built);
  spans.push(...rowsTables.spans);

  // disclosure lists: from the first header row to the next block label (or the end)
  const listProfile = forced.list ?? profiles.find((p) => p.layout === 'list');
  const listHeaderRows = [...ctx.listHeaders.keys()].sort((a, b) => a - b);
  for (let i = 0; i < listHeaderRows.length && listProfile; i++) {
    const hr = listHeaderRows[i];
    if (inSpan(hr)) continue; // a repeated header
    let stop = ctx.nRows;
    for (const h of ctx.hits) {
      if (h.row > hr) {
        stop = h.row;
        break;
      }
    }
    spans.push({ from: hr, to: stop });
    built.push(...buildList(ctx, hr, ctx.listHeaders.get(hr) as Map<ListColumn, number>, stop, listProfile));
  }

  // 汇总 tables: read, never blocks
  const summaries: BuiltSummary[] = [];
  for (const hr of [...ctx.summaryHeaders.keys()].sort((a, b) => a - b)) {
    if (inSpan(hr)) continue;
    const s = buildSummary(ctx, hr, ctx.summaryHeaders.get(hr) as Map<SummaryColumn, number>);
    spans.push({ from: s.top, to: s.bottom + 1 });
    summaries.push(s);
  }

  // stacked blocks
  const groups = groupHits(ctx, inSpan);
  let prevBottom = -1;
  let department = false;
  for (const g of groups) {
    for (const s of spans) if (s.to <= g.firstRow) prevBottom = Math.max(prevBottom, s.to - 1);
    const b = buildBlock(ctx, g, prevBottom, forced.block);
    if (b === 'department') department = true;
    if (typeof b === 'string') continue;
    built.push(b);
    prevBottom = b.bottom;
  }
  built.sort((a, b) => a.top - b.top);

  // a sheet title above the first block names the budget year, else a block's year line
  const title = sheetTitle(ctx, built.length > 0 ? built[0].top : ctx.nRows);
  let year = title.year;
  if (year === undefined) year = built.find((b) => b.year !== undefined)?.year;
  if (year === undefined && typeof sheet.name === 'string') year = yearFromTitle(sheet.name);
  const note = sheetNote({
    built: built.length,
    rows: ctx.nRows,
    summaries: summaries.length,
    department,
    budget: title.budgetTitle || (typeof sheet.name === 'string' && isBudgetTitle(sheet.name)),
    rowsNotes: rowsTables.notes,
    hidden: Boolean(sheet.hidden),
  });
  return { built, summaries: summaries.map((s) => s.table), titleYear: year, note };
}

/** The rows a `rows` table's header may be on: a list or 汇总 header, or a 一级指标 label. */
function rowsTableCandidates(ctx: SheetCtx): number[] {
  const rows = [...ctx.listHeaders.keys(), ...ctx.summaryHeaders.keys()];
  for (const h of ctx.hits) if (h.field === INDICATORS_SLOT) rows.push(h.row);
  return rows;
}

/** The profile a recognition is forced to, by layout. */
export function forcedProfiles(id: string | undefined): Forced {
  if (!id) return {};
  const p = profiles.find((x) => x.id === id);
  if (!p) return {};
  return p.layout === 'list' ? { list: p } : p.layout === 'rows' ? { rows: p } : { block: p };
}
