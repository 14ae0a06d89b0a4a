/**
 * A block ends where the structure says — the next block, a table that is not a project, the end of
 * the used range — never at a blank row (issue 21). Clerks leave one to three blank rows after the
 * indicator header, between 一级 groups and before 满意度; the rows below stay in the block, in
 * every block layout, whether the blank rows carry borders (cells that exist, styled, empty) or not.
 */
import { parseRange, rangeToA1, type RangePos } from '../../src/domain/address';
import { checkBlocks } from '../../src/domain/engine';
import type { Block } from '../../src/domain/model';
import { findType, parseHeader, type ProjectType, type TemplateHeader } from '../../src/domain/templates';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock } from '../../src/sheet/render';

function header(input: Record<string, unknown>): TemplateHeader {
  const r = parseHeader(input);
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}
const type = (id: string) => findType(id) as ProjectType;
const FIRST = header({ name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: '20', fiscal: '20', other: '0', year: 2025 });
const SECOND = header({ name: '2025年网格管理经费', code: '130322250QXP1WKIBNS3Y', budget: '10', fiscal: '10', other: '0', year: 2025 });

/** Two blocks of the profile, one under the other with two blank rows between them. */
function twoBlocks(profile: string): GridSheet {
  const s: GridSheet = { name: 'S', values: [], formats: [], merges: [] };
  const first = renderBlock(profile, type('rural-cleaners'), FIRST, { row: 0, col: 0 });
  applyPlanToGrid(s, first);
  applyPlanToGrid(s, renderBlock(profile, type('grid'), SECOND, { row: first.range.bottom + 3, col: 0 }));
  return s;
}

/**
 * Row `at` and below move down by n (as Excel's Insert Rows does: merges below move, merges across
 * stretch). `bordered` writes empty strings into the new rows' cells, as a reader that keeps styled
 * empty cells hands them over.
 */
function insertRows(s: GridSheet, at: number, n: number, bordered: boolean): GridSheet {
  const width = Math.max(...s.values.map((r) => r?.length ?? 0));
  const blank = () => (bordered ? Array.from({ length: width }, () => '') : []);
  const values = [...s.values.slice(0, at), ...Array.from({ length: n }, blank), ...s.values.slice(at)];
  const formats = s.formats ? [...s.formats.slice(0, at), ...Array.from({ length: n }, () => []), ...s.formats.slice(at)] : undefined;
  const merges: RangePos[] = s.merges.map((m) => {
    if (m.top >= at) return { ...m, top: m.top + n, bottom: m.bottom + n };
    if (m.bottom >= at) return { ...m, bottom: m.bottom + n };
    return m;
  });
  return { ...s, values, formats, merges };
}

const shape = (b: Block) => b.indicators.map((r) => [r.level1.text, r.level2.text, r.level3.text, r.value.text].join('|'));

/** the grid rows (0-based) where blank rows go: after the header, between 一级 groups, before 满意度 */
function places(b: Block): Record<string, number> {
  const first = b.indicators[0].row;
  const second1 = b.indicators.find((r) => !r.inherited.level1 && r.level1.text !== b.indicators[0].level1.text);
  const sat = b.indicators.find((r) => r.level1.text.includes('满意度'));
  if (!second1 || !sat) throw new Error('template without groups');
  return { 'after the indicator header': first, 'between 一级 groups': second1.row, 'before 满意度': sat.row };
}

const LAYOUTS = ['hebei-project', 'central-2021', 'hebei-yth-annual', 'hebei-yth-info'];

describe.each(LAYOUTS)('%s: blank rows inside the indicator table', (profile) => {
  const base = twoBlocks(profile);
  const rec0 = recognize({ sheets: [base] }, { profile });
  it('the unbroken sheet is two blocks of the profile', () => {
    expect(rec0.blocks.map((b) => b.profile)).toEqual([profile, profile]);
  });
  const [b0, c0] = rec0.blocks;
  const where = places(b0);
  for (const [what, row] of Object.entries(where)) {
    for (const n of [1, 2, 3]) {
      for (const bordered of [false, true]) {
        it(`${n} blank row(s) ${what}${bordered ? ', with borders' : ''}: every indicator stays, the next block is its own`, () => {
          const s = insertRows(base, row, n, bordered);
          const rec = recognize({ sheets: [s] }, { profile });
          expect(rec.blocks).toHaveLength(2);
          const [b, c] = rec.blocks;
          expect(shape(b)).toEqual(shape(b0));
          expect(shape(c)).toEqual(shape(c0));
          expect(b.name?.text).toBe(b0.name?.text);
          expect(c.name?.text).toBe(c0.name?.text);
          // the rows below the blank ones keep their cells: the empty values are reported where they are
          const empties = checkBlocks([b], { year: 2025 }).filter((d) => d.ruleId === 'indicator/missing-value');
          const empties0 = checkBlocks([b0], { year: 2025 }).filter((d) => d.ruleId === 'indicator/missing-value');
          expect(empties).toHaveLength(empties0.length);
          expect(checkBlocks([b], { year: 2025 }).filter((d) => d.ruleId === 'indicator/missing-level')).toHaveLength(0);
        });
      }
    }
  }
});

describe('what follows blank rows that is not an indicator row ends the table', () => {
  it('a signature line under the last indicator is not an indicator', () => {
    const base = twoBlocks('hebei-project');
    const b0 = recognize({ sheets: [base] }).blocks[0];
    const end = b0.indicators[b0.indicators.length - 1].row + 1;
    const s = insertRows(base, end, 3, false);
    const c3 = b0.indicators[0].level3.cell;
    const col = parseRange(c3).left;
    (s.values[end + 1] ??= [])[col] = '填报人：张三';
    const b = recognize({ sheets: [s] }).blocks[0];
    expect(shape(b)).toEqual(shape(b0));
    expect(rangeToA1(parseRange(b.range))).toBe(b.range);
  });
});
