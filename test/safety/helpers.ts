/**
 * Helpers of the "nothing lost" safety suite: the fixtures as in-memory workbooks, the clerk's own
 * formatting, and snapshot diffs.
 */
import { readWorkbookFile } from '../../src/files/read';
import type { CellSnapshot, MemoryWorkbook, WorkbookSnapshot } from '../../src/imitation/excel';
import type { Grid } from '../../src/sheet/grid';
import { fixture } from '../helpers/fixtures';

export const FIXTURES = ['hebei-2021-anshan.xlsx', 'hebei-2025-zhangerzhuang.xlsx', 'disclosure-2023-haomen.xlsx'];

const cache = new Map<string, Grid>();
export async function fixtureGrid(name: string): Promise<Grid> {
  let g = cache.get(name);
  if (!g) {
    g = await readWorkbookFile(fixture(name));
    cache.set(name, g);
  }
  return g;
}

/** sheet → cell → value (cells without a value left out) */
export function valuesOf(s: WorkbookSnapshot): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const sh of s.sheets) {
    const v: Record<string, unknown> = {};
    for (const [a, c] of Object.entries(sh.cells)) if (c.value !== '') v[a] = c.value;
    out[sh.name] = v;
  }
  return out;
}

/** `sheet!A1` of every cell whose snapshot (value or any format) differs */
export function changedCells(a: WorkbookSnapshot, b: WorkbookSnapshot): string[] {
  const out: string[] = [];
  a.sheets.forEach((sa, i) => {
    const sb = b.sheets[i];
    const keys = new Set([...Object.keys(sa.cells), ...Object.keys(sb?.cells ?? {})]);
    for (const k of keys) {
      const ca: CellSnapshot | undefined = sa.cells[k];
      const cb: CellSnapshot | undefined = sb?.cells[k];
      if (JSON.stringify(ca ?? null) !== JSON.stringify(cb ?? null)) out.push(`${sa.name}!${k}`);
    }
  });
  return out.sort();
}

/** a small deterministic generator (tests stay reproducible without fast-check) */
export function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

/**
 * The clerk's own formatting on the given cells, one style per cell in turn: no fill is left on
 * some, others get white, solid colour, a patterned fill, fonts, borders, number formats.
 */
export function decorate(wb: MemoryWorkbook, sheet: string, cells: string[], seed = 1): void {
  const r = rng(seed);
  cells.forEach((cell) => {
    switch (Math.floor(r() * 8)) {
      case 0:
        break; // no fill, nothing
      case 1:
        wb.user.setFill(sheet, cell, '#FFFFFF'); // white is not "no fill"
        break;
      case 2:
        wb.user.setFill(sheet, cell, '#00B050', 'Gray25', '#FF0000');
        wb.user.setFont(sheet, cell, { bold: true, color: '#0000FF' });
        break;
      case 3:
        wb.user.setFill(sheet, cell, '#FFFF00');
        wb.user.setBorder(sheet, cell, ['EdgeTop', 'EdgeLeft'], 'Dash', '#FF0000', 'Medium');
        break;
      case 4:
        wb.user.setFont(sheet, cell, { italic: true, name: '宋体', size: 14 });
        break;
      case 5:
        wb.user.setNumberFormat(sheet, cell, '0.00_ ');
        wb.user.setBorder(sheet, cell, ['EdgeBottom', 'EdgeRight']);
        break;
      case 6:
        wb.user.setFill(sheet, cell, '#DDEBF7', 'LightUp', '#000080'); // a mark colour, but patterned: the clerk's
        break;
      default:
        wb.user.setFill(sheet, cell, '#FFC7CE'); // exactly the error mark colour, set by the clerk
        wb.user.addNote(sheet, cell, '办事员自己的批注');
    }
  });
}

/**
 * A copy of the grid where some percentages are spelt the way clerks do (`≥95百分比`, `>=90％`),
 * so every fixture has fixable diagnostics. Writes at most `max` cells; the cells changed are returned.
 */
export function withFixableProblems(grid: Grid, blocks: { sheet: string; indicators: { value: { cell: string; text: string } }[] }[], max = 6): { grid: Grid; cells: string[] } {
  const copy: Grid = { ...grid, sheets: grid.sheets.map((s) => ({ ...s, values: s.values.map((r) => (r ? [...r] : r)) })) };
  const cells: string[] = [];
  const spell = [(n: string) => `${n}百分比`, (n: string) => `>=${n}％`, (n: string) => `不低于${n}%`];
  for (const b of blocks) {
    const sheet = copy.sheets.find((s) => s.name === b.sheet);
    if (!sheet) continue;
    for (const ind of b.indicators) {
      if (cells.length >= max) break;
      const m = /^(?:≥)?(\d+(?:\.\d+)?)%$/.exec(ind.value.text);
      if (!m) continue;
      const p = parseA1Cell(ind.value.cell);
      if (!sheet.values[p.row]) continue;
      sheet.values[p.row][p.col] = spell[cells.length % spell.length](m[1]);
      cells.push(`${b.sheet}!${ind.value.cell}`);
    }
  }
  return { grid: copy, cells };
}

function parseA1Cell(a: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray;
  let col = 0;
  for (const ch of m[1]) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}
