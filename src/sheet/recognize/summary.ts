/**
 * 汇总 tables (docs/domain.md §2.6): a table listing projects with their amounts is read into a
 * {@link SummaryTable} — never a block — for total/summary-mismatch to check against the blocks.
 */
import type { SummaryRow, SummaryTable } from '../../domain/model';
import { closeCjkGaps, labelKey, labelMoneyUnit, looksLikeNote, moneyUnitOf } from '../labels';
import { isTotalRowText, summaryColumnOfKey, type SummaryColumn } from '../tables';
import { labelLeftOf, type SheetCtx } from './context';

export interface BuiltSummary {
  table: SummaryTable;
  top: number;
  bottom: number;
}

/**
 * A 汇总 table from its header row: one row per project until a blank row, the 合计 row, a note or
 * a block label in its first columns. A second header row (`其中：财政资金 | 其他资金` under a
 * merged 预算数) is read as headers too.
 */
export function buildSummary(ctx: SheetCtx, headerRow: number, cols: Map<SummaryColumn, number>): BuiltSummary {
  const columns = new Map(cols);
  let first = headerRow + 1;
  // a second header row: more column headers and no project name
  if (first < ctx.nRows && ctx.isEmpty(first, columns.get('name') as number)) {
    const len = ctx.rowLength(first);
    let more = 0;
    for (let c = 0; c < len; c++) {
      const k = labelKey(ctx.text(first, c));
      const sc = k === undefined ? undefined : summaryColumnOfKey(k);
      if (sc && sc !== 'name' && !columns.has(sc)) {
        columns.set(sc, c);
        more++;
      }
    }
    if (more > 0) first++;
  }
  const nameCol = columns.get('name') as number;
  const colList = [...columns.values()];
  const left = Math.min(...colList);
  const right = Math.max(...colList);
  const headers: Record<string, string> = {};
  for (const [k, c] of columns) if (k !== 'no') headers[k] = ctx.addr(headerRow, c);
  for (const [k, c] of columns) {
    if (k !== 'no' && ctx.isEmpty(headerRow, c) && headerRow + 1 < first) headers[k] = ctx.addr(headerRow + 1, c);
  }
  // the unit: an amount header's suffix, a 单位：元 line just above, else 万元
  const amountCol = columns.get('amount');
  let moneyUnit = amountCol !== undefined ? labelMoneyUnit(ctx.text(headerRow, amountCol)) : undefined;
  for (let r = headerRow - 1; !moneyUnit && r >= 0 && r >= headerRow - 3; r--) {
    const len = Math.min(ctx.rowLength(r), right + 4);
    for (let c = 0; c < len && !moneyUnit; c++) if (!ctx.isEmpty(r, c)) moneyUnit = moneyUnitOf(ctx.text(r, c));
  }
  const rows: SummaryRow[] = [];
  let bottom = first - 1;
  for (let r = first; r < ctx.nRows; r++) {
    if (ctx.listHeaders.has(r) || ctx.summaryHeaders.has(r) || labelLeftOf(ctx, r, nameCol + 1)) break;
    let any = false;
    for (let c = left; c <= right && !any; c++) if (!ctx.isEmpty(r, c)) any = true;
    if (!any) break;
    const name = ctx.text(r, nameCol);
    const no = columns.has('no') ? ctx.text(r, columns.get('no') as number) : '';
    if (looksLikeNote(name) || looksLikeNote(no)) break;
    bottom = r;
    if (isTotalRowText(name) || isTotalRowText(no)) break; // the 合计 row ends the list
    if (name === '') continue;
    const f = (k: SummaryColumn) => {
      const c = columns.get(k);
      return c === undefined ? undefined : ctx.field(r, c);
    };
    const row: SummaryRow = { row: r + (ctx.sheet.origin?.row ?? 0), name: { ...ctx.field(r, nameCol), text: closeCjkGaps(name) } };
    const code = f('code');
    const amount = f('amount');
    const fiscal = f('fiscal');
    const other = f('other');
    if (code) row.code = code;
    if (amount) row.amount = amount;
    if (fiscal) row.fiscal = fiscal;
    if (other) row.other = other;
    rows.push(row);
  }
  const table: SummaryTable = {
    sheet: ctx.sheet.name,
    range: ctx.range(headerRow, left, Math.max(bottom, headerRow), right),
    anchor: ctx.addr(headerRow, nameCol),
    headers,
    moneyUnit: moneyUnit ?? '万元',
    rows,
  };
  return { table, top: headerRow, bottom: Math.max(bottom, headerRow) };
}
