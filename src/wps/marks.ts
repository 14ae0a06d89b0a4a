/**
 * Marks in WPS 表格: the same conditional formats jxmb owns in Excel (src/excel/marks.ts — the rule
 * `=ISTEXT("jxmb-mark:<severity>")`, the colours, which cells want which mark, the plan of what to
 * replace: all reused, pure), written through WPS's `FormatConditions`:
 *
 * - found: `Worksheet.Cells.FormatConditions` (all of the sheet's), each told ours by its
 *   `Formula1` alone (`markOf`) and its fill (`Interior.Color`, a BGR integer); the clerk's own
 *   conditional formats, fills and fonts are never written;
 * - where one sits: `AppliesTo.Address()`;
 * - deleted by position, from the last to the first (positions move up after a deletion), before
 *   any is added (strictest reading: an `Add` may put the new format first and move the others);
 * - added with `Range(address).FormatConditions.Add(xlExpression, , formula)`, then its
 *   `Interior.Color`; an address of at most 255 characters per call (the string form of `Range`).
 */
import { rangeToA1, type RangePos } from '../domain/address';
import type { Severity } from '../domain/model';
import { cellKeysOf, rectsOf, type CellKey } from '../excel/cellset';
import { MARK_COLORS, markFormula, markOf, planMarks, type Mark } from '../excel/marks';
import { bgr, xlExpression, type WSheet } from './et';
import { rectOf } from './read';

/** characters of one address given to `Worksheet.Range` */
export const WPS_ADDRESS_CHARS = 255;

export function marksOn(sheet: WSheet): Mark[] {
  const all = sheet.Cells.FormatConditions;
  const out: Mark[] = [];
  for (let i = 1; i <= all.Count; i++) {
    const f = all.Item(i);
    const sev = markOf(f.Formula1);
    if (sev === undefined) continue;
    const intact = sev !== null && f.Interior.Color === bgr(MARK_COLORS[sev]);
    let cells: Set<CellKey> | null;
    try {
      const rects: RangePos[] = f.AppliesTo.Address(false, false).split(',').map(rectOf);
      cells = cellKeysOf(rects);
    } catch {
      cells = null;
    }
    out.push({ id: String(i), formula: f.Formula1, severity: intact ? sev : null, cells });
  }
  return out;
}

/** the cells as addresses of at most WPS_ADDRESS_CHARS characters */
export function wpsAddressPieces(cells: Set<CellKey>): string[] {
  const out: string[] = [];
  let cur = '';
  for (const r of rectsOf(cells)) {
    const a = rangeToA1(r);
    if (cur !== '' && cur.length + 1 + a.length > WPS_ADDRESS_CHARS) {
      out.push(cur);
      cur = '';
    }
    cur = cur === '' ? a : `${cur},${a}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

/** brings a sheet's marks to the wanted cells; returns how many formats were added or deleted */
export function syncMarks(sheet: WSheet, wanted: Map<Severity, Set<CellKey>> | undefined): number {
  const found = marksOn(sheet);
  const plan = planMarks(found, wanted);
  const deletes = [...new Set(plan.deletes.map(Number))].sort((a, b) => b - a);
  const all = sheet.Cells.FormatConditions;
  for (const i of deletes) all.Item(i).Delete();
  // planMarks cuts addresses for Excel's getRanges; WPS's Range takes shorter ones: cut again
  const bySeverity = new Map<Severity, Set<CellKey>>();
  for (const a of plan.adds) {
    const set = bySeverity.get(a.severity) ?? new Set<CellKey>();
    for (const k of cellKeysOf(a.address.split(',').map(rectOf))) set.add(k);
    bySeverity.set(a.severity, set);
  }
  let adds = 0;
  for (const [sev, cells] of bySeverity)
    for (const piece of wpsAddressPieces(cells)) {
      const f = sheet.Range(piece).FormatConditions.Add(xlExpression, undefined, markFormula(sev));
      f.Interior.Color = bgr(MARK_COLORS[sev]);
      adds++;
    }
  return deletes.length + adds;
}

/** deletes every mark of ours on the sheet (nothing else) */
export function clearMarks(sheet: WSheet): number {
  const ids = marksOn(sheet)
    .map((m) => Number(m.id))
    .sort((a, b) => b - a);
  const all = sheet.Cells.FormatConditions;
  for (const i of ids) all.Item(i).Delete();
  return ids.length;
}
