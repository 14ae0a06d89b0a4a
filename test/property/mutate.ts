/**
 * Random mutations of real fixture grids: blanked, swapped, error-valued, huge and perturbed
 * cells, rows dropped or duplicated, merges broken. Deterministic from the fast-check inputs.
 */
import fc from 'fast-check';
import type { CellValue } from '../../src/domain/model';
import type { Grid, GridSheet } from '../../src/sheet/grid';
import { EXCEL_ERRORS, mergeArb } from './arbitraries';

export type Mutation =
  | { kind: 'blank'; r: number; c: number }
  | { kind: 'swap'; r: number; c: number; r2: number; c2: number }
  | { kind: 'error'; r: number; c: number; error: string }
  | { kind: 'huge'; r: number; c: number; size: number }
  | { kind: 'perturb'; r: number; c: number; how: number }
  | { kind: 'set'; r: number; c: number; value: CellValue }
  | { kind: 'dropRow'; r: number }
  | { kind: 'dupRow'; r: number }
  | { kind: 'dropMerge'; i: number }
  | { kind: 'addMerge'; top: number; left: number; bottom: number; right: number }
  | { kind: 'formula'; r: number; c: number };

const pos = { r: fc.nat(400), c: fc.nat(12) };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('blank' as const), ...pos }),
  fc.record({ kind: fc.constant('swap' as const), ...pos, r2: fc.nat(400), c2: fc.nat(12) }),
  fc.record({ kind: fc.constant('error' as const), ...pos, error: fc.constantFrom(...EXCEL_ERRORS) }),
  fc.record({ kind: fc.constant('huge' as const), ...pos, size: fc.constantFrom(1000, 100_000) }),
  fc.record({ kind: fc.constant('perturb' as const), ...pos, how: fc.nat(9) }),
  fc.record({
    kind: fc.constant('set' as const),
    ...pos,
    value: fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -0, true, false, null, '', '≥95百分比', '$\\geq 95\\%$', '１２３万元', '项目编码', '一级指标', '资金支出计划（%）', '12月底')),
  }),
  fc.record({ kind: fc.constant('dropRow' as const), r: fc.nat(400) }),
  fc.record({ kind: fc.constant('dupRow' as const), r: fc.nat(400) }),
  fc.record({ kind: fc.constant('dropMerge' as const), i: fc.nat(200) }),
  mergeArb.map((m) => ({ kind: 'addMerge' as const, ...m })),
  fc.record({ kind: fc.constant('formula' as const), ...pos }),
);

/** Label perturbations a clerk (or an export) produces. */
function perturb(v: CellValue | undefined, how: number): CellValue | undefined {
  if (typeof v !== 'string') return v === undefined || v === null ? '　' : `${String(typeof v === 'object' ? v.error : v)} `;
  const chars = Array.from(v);
  switch (how) {
    case 0:
      return v.split('').join(' '); // spaces between every character
    case 1:
      return v.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)); // full width
    case 2:
      return `${v}：`;
    case 3:
      return chars.slice(0, Math.max(0, chars.length - 1)).join(''); // cut short
    case 4:
      return `\n${v}\n`;
    case 5:
      return chars.reverse().join('');
    case 6:
      return v.replace(/（/g, '(').replace(/）/g, ')');
    case 7:
      return `${v}${v}`;
    case 8:
      return v.toUpperCase() + '\u200b';
    default:
      return '';
  }
}

function at(s: GridSheet, r: number, c: number): CellValue | undefined {
  return s.values[r]?.[c];
}

function put(s: GridSheet, r: number, c: number, v: CellValue | undefined): void {
  if (r < 0 || c < 0 || r > 5000 || c > 200) return;
  while (s.values.length <= r) s.values.push([]);
  if (!s.values[r]) s.values[r] = [];
  s.values[r][c] = v;
}

/** A deep copy of a grid (values, formats, merges), so mutations never touch the shared fixture. */
export function cloneGrid(g: Grid): Grid {
  return {
    ...g,
    sheets: g.sheets.map((s) => ({
      ...s,
      values: s.values.map((row) => (row ? [...row] : row)),
      formats: s.formats?.map((row) => (row ? [...row] : row)),
      merges: s.merges.map((m) => ({ ...m })),
    })),
  };
}

/** Applies mutations to a copy of `grid`; positions are taken modulo the sheet's size so they land. */
export function mutateGrid(grid: Grid, sheetPicks: number[], mutations: Mutation[]): Grid {
  const g = cloneGrid(grid);
  mutations.forEach((m, i) => {
    if (g.sheets.length === 0) return;
    const s = g.sheets[(sheetPicks[i] ?? 0) % g.sheets.length];
    const rows = Math.max(1, s.values.length);
    const wrap = (r: number) => r % rows;
    const cols = (r: number) => Math.max(1, s.values[wrap(r)]?.length ?? 1);
    switch (m.kind) {
      case 'blank':
        put(s, wrap(m.r), m.c % cols(m.r), undefined);
        break;
      case 'swap': {
        const a = [wrap(m.r), m.c % cols(m.r)] as const;
        const b = [wrap(m.r2), m.c2 % cols(m.r2)] as const;
        const va = at(s, ...a);
        put(s, ...a, at(s, ...b));
        put(s, ...b, va);
        break;
      }
      case 'error':
        put(s, wrap(m.r), m.c % cols(m.r), { error: m.error });
        break;
      case 'huge':
        put(s, wrap(m.r), m.c % cols(m.r), `${String(at(s, wrap(m.r), m.c % cols(m.r)) ?? '')}${'字'.repeat(m.size)}`);
        break;
      case 'perturb':
        put(s, wrap(m.r), m.c % cols(m.r), perturb(at(s, wrap(m.r), m.c % cols(m.r)), m.how));
        break;
      case 'set':
        put(s, wrap(m.r), m.c % cols(m.r), m.value);
        break;
      case 'formula':
        put(s, wrap(m.r), m.c % cols(m.r), `=SUM(${String.fromCharCode(65 + (m.c % 7))}1:A${wrap(m.r) + 1})`);
        break;
      case 'dropRow':
        s.values.splice(wrap(m.r), 1);
        s.formats?.splice(wrap(m.r), 1);
        break;
      case 'dupRow':
        s.values.splice(wrap(m.r), 0, [...(s.values[wrap(m.r)] ?? [])]);
        s.formats?.splice(wrap(m.r), 0, [...(s.formats[wrap(m.r)] ?? [])]);
        break;
      case 'dropMerge':
        if (s.merges.length) s.merges.splice(m.i % s.merges.length, 1);
        break;
      case 'addMerge':
        s.merges.push({ top: m.top % rows, left: m.left, bottom: m.bottom % rows, right: m.right });
        break;
    }
  });
  return g;
}
