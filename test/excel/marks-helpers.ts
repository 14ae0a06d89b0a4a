/** Test helpers: where the marks are, and the workbook without them (what the clerk owns). */
import { rangeToA1 } from '../../src/domain/address';
import type { Severity } from '../../src/domain/model';
import { cellKeysOf, rectsOf, SHEET_COLUMNS } from '../../src/excel/cellset';
import { markOf } from '../../src/excel/marks';
import type { MemoryWorkbook, WorkbookSnapshot } from '../../src/imitation/excel';

export type MarkMap = Record<Severity, string[]>;

const a1 = (k: number) => rangeToA1({ top: Math.floor(k / SHEET_COLUMNS), left: k % SHEET_COLUMNS, bottom: Math.floor(k / SHEET_COLUMNS), right: k % SHEET_COLUMNS });

/** The cells our marks cover on a sheet (by name or index), per severity, each cell once, sorted. */
export function marksOn(wb: MemoryWorkbook, sheet: string | number): MarkMap {
  const s = typeof sheet === 'number' ? wb.sheets[sheet] : wb.sheet(sheet);
  const out: MarkMap = { error: [], warning: [], info: [] };
  for (const cf of s.conditionalFormats) {
    const sev = markOf(cf.formula);
    if (!sev) continue;
    for (const k of cellKeysOf(cf.ranges)) out[sev].push(a1(k));
  }
  for (const sev of Object.keys(out) as Severity[]) out[sev] = [...new Set(out[sev])].sort();
  return out;
}

/** How many of our conditional formats a sheet carries. */
export function markFormats(wb: MemoryWorkbook, sheet: string | number): number {
  const s = typeof sheet === 'number' ? wb.sheets[sheet] : wb.sheet(sheet);
  return s.conditionalFormats.filter((cf) => markOf(cf.formula) !== undefined).length;
}

/**
 * The snapshot without our marks: the cells, notes, merges, sizes and the clerk's own conditional
 * formats (of every kind). Ours as the adapter tells them (marks.ts `marksIn`): a custom format with
 * our rule, or one left with no rule by a failed batch.
 */
export function clerkOwn(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  return { sheets: snapshot.sheets.map((s) => ({ ...s, conditionalFormats: s.conditionalFormats.filter((cf) => cf.type !== undefined || (cf.formula !== '' && markOf(cf.formula) === undefined)) })) };
}

/** The cells of a diagnostic list, per severity, as the marks should show them (a cell once, with its highest severity). */
export function expectedMarks(diagnostics: { sheet: string; cell: string; severity: Severity }[], sheet: string): MarkMap {
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
  const best = new Map<string, Severity>();
  for (const d of diagnostics) {
    if (d.sheet !== sheet) continue;
    const c = d.cell.split(':')[0];
    const had = best.get(c);
    if (!had || rank[d.severity] > rank[had]) best.set(c, d.severity);
  }
  const out: MarkMap = { error: [], warning: [], info: [] };
  for (const [c, sev] of best) out[sev].push(c);
  for (const sev of Object.keys(out) as Severity[]) out[sev].sort();
  return out;
}

/** A1 of a set of rectangles' cells (for comparing areas) */
export function cellsA1(ranges: { top: number; left: number; bottom: number; right: number }[]): string[] {
  return rectsOf(cellKeysOf(ranges)).map(rangeToA1);
}
