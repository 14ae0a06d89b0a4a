/**
 * Nothing lost, part 2: applying a fix changes exactly the cells the fix names, nothing else —
 * every fixable diagnostic of the three real fixtures, one at a time and all together.
 */
import { parseA1, toA1 } from '../../src/domain/address';
import type { Diagnostic } from '../../src/domain/model';
import { analyzeGrid } from '../../src/excel/analyze';
import { applyFixes } from '../../src/excel/fix';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import type { Grid } from '../../src/sheet/grid';
import { changedCells, decorate, FIXTURES, fixtureGrid as rawGrid, withFixableProblems } from './helpers';

/** the fixture with a few percentages misspelt, so it has fixes to apply */
async function fixtureGrid(name: string): Promise<Grid> {
  const g = await rawGrid(name);
  return withFixableProblems(g, analyzeGrid({ sheets: g.sheets }).blocks).grid;
}

function fixCells(d: Diagnostic): string[] {
  if (!d.fix) return [];
  const cells = [d.fix.cell, ...(d.fix.also ?? []).map((e) => e.cell)].map((c) => {
    const p = parseA1(c.replace(/\$/g, ''));
    return `${d.sheet}!${toA1(p.row, p.col)}`;
  });
  return [...new Set(cells)].sort();
}

// disclosure lists keep a project's indicators in one text cell: no rule offers a fix there (checked below)
const WITH_FIXES = FIXTURES.filter((f) => !f.startsWith('disclosure'));

describe('a fix changes exactly its cells', () => {
  test.each(WITH_FIXES)('%s: each fix alone, on a sheet with the clerk’s formatting', async (name) => {
    const grid = await fixtureGrid(name);
    const { diagnostics } = analyzeGrid({ sheets: grid.sheets });
    const fixable = diagnostics.filter((d) => d.fix);
    expect(fixable.length).toBeGreaterThan(0);
    for (const d of fixable) {
      const wb = MemoryWorkbook.fromGrid(grid);
      decorate(wb, d.sheet, fixCells(d).map((c) => c.split('!')[1]), fixable.indexOf(d) + 1);
      const before = wb.snapshot();
      const out = await applyFixes(createMemoryExcel(wb), [d], grid);
      expect(out.refused).toEqual([]);
      expect(out.applied).toEqual([d]);
      const changed = changedCells(before, wb.snapshot());
      // every changed cell is one the fix names; the main cell did change (unless it already held the value)
      for (const c of changed) expect(fixCells(d)).toContain(c);
      expect(changed.length).toBeGreaterThan(0);
      // the formats under the fixed cells are the clerk's still (only the number format a fix sets may differ)
      const after = wb.snapshot();
      for (const c of changed) {
        const [sheet, a] = c.split('!');
        const si = after.sheets.findIndex((s) => s.name === sheet);
        const { value: _a, numberFormat: _n, ...rest } = after.sheets[si].cells[a] ?? { value: '' };
        const { value: _b, numberFormat: _m, ...was } = before.sheets[si].cells[a] ?? { value: '' };
        expect(rest).toEqual(was);
      }
    }
  }, 60000);

  test.each(WITH_FIXES)('%s: all safe fixes through the controller (highlighting off): the diff is the union of the applied fixes', async (name) => {
    const grid = await fixtureGrid(name);
    const wb = MemoryWorkbook.fromGrid(grid);
    const excel = createMemoryExcel(wb);
    const checker = createLiveChecker({ excel, debounceMs: 0, settings: { highlighting: false } });
    await checker.start();
    const before = wb.snapshot();
    const out = await checker.applySafeFixes();
    expect(out.applied.length).toBeGreaterThan(0);
    const allowed = new Set(out.applied.flatMap(fixCells));
    const changed = changedCells(before, wb.snapshot());
    expect(changed.length).toBeGreaterThan(0);
    for (const c of changed) expect(allowed.has(c)).toBe(true);
    // a refused fix (another fix on the same cell) wrote nothing of its own
    for (const r of out.refused) for (const c of fixCells(r.diagnostic)) if (!allowed.has(c)) expect(changed).not.toContain(c);
    await checker.dispose();
  }, 30000);

  test('a disclosure list has no fixes: “apply all” writes nothing at all', async () => {
    const grid = await fixtureGrid('disclosure-2023-haomen.xlsx');
    const wb = MemoryWorkbook.fromGrid(grid);
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 0, settings: { highlighting: false } });
    const r = await checker.start();
    expect(r.diagnostics.length).toBeGreaterThan(0);
    const before = wb.snapshot();
    const out = await checker.applySafeFixes();
    expect(out.applied).toEqual([]);
    expect(wb.snapshot()).toEqual(before);
    await checker.dispose();
  });

  test('a fix whose cell the clerk changed since the check is refused and writes nothing', async () => {
    const grid = await fixtureGrid('hebei-2025-zhangerzhuang.xlsx');
    const { diagnostics } = analyzeGrid({ sheets: grid.sheets });
    const d = diagnostics.find((x) => x.fix) as Diagnostic;
    const wb = MemoryWorkbook.fromGrid(grid);
    wb.user.setValues(d.sheet, d.fix!.cell, [['办事员刚改过']], { fireEvent: false });
    const before = wb.snapshot();
    const out = await applyFixes(createMemoryExcel(wb), [d], grid);
    expect(out.applied).toEqual([]);
    expect(out.refused[0].reason).toMatch(/自检查后已被修改/);
    expect(wb.snapshot()).toEqual(before);
  });
});
