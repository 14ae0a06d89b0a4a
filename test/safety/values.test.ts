/**
 * Nothing lost, part 1: no operation of jxmb changes a cell value the clerk did not ask to change
 * (live passes, marks on/off, re-check, settings, selection, close/reopen, insertion), and marking
 * never touches a cell's own format: the marks are conditional formats of their own, and clearing
 * them leaves the workbook exactly as it was — on the three real fixtures and on sheets carrying
 * the clerk's own formatting.
 */
import { toA1 } from '../../src/domain/address';
import { analyzeGrid } from '../../src/excel/analyze';
import { HIGHLIGHT_KEY } from '../../src/excel/legacy';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { blockRenderer } from '../../scripts/bench-excel';
import { clerkOwn, markFormats, marksOn } from '../excel/marks-helpers';
import { changedCells, decorate, FIXTURES, fixtureGrid, valuesOf } from './helpers';

async function setup(name: string) {
  const grid = await fixtureGrid(name);
  const wb = MemoryWorkbook.fromGrid(grid);
  const excel = createMemoryExcel(wb);
  const analysis = analyzeGrid({ sheets: grid.sheets });
  return { grid, wb, excel, analysis };
}

describe('no operation changes a value the clerk did not ask to change', () => {
  test.each(FIXTURES)('%s: pass, re-check, highlight off/on, settings, select, close/reopen, insertion', async (name) => {
    const { wb, excel, analysis } = await setup(name);
    expect(analysis.diagnostics.length).toBeGreaterThan(0);
    const sheet = wb.sheets[0].name;
    // the clerk's own formatting on every flagged cell and a few others
    const flagged = [...new Set(analysis.diagnostics.filter((d) => d.sheet === sheet).map((d) => d.cell.split(':')[0]))];
    decorate(wb, sheet, [...flagged, 'A1', 'B2', 'C3'], 7);
    const before = wb.snapshot();
    const values = valuesOf(before);

    const checker = createLiveChecker({ excel, debounceMs: 0 });
    const r = await checker.start();
    expect(r.diagnostics.length).toBe(analysis.diagnostics.length);
    // the marks are really there (a negative control), and the cells are exactly the clerk's
    expect(markFormats(wb, sheet)).toBeGreaterThan(0);
    expect(clerkOwn(wb.snapshot())).toEqual(before);
    await checker.recheck();
    await checker.recheck();
    expect(valuesOf(wb.snapshot())).toEqual(values);
    await checker.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);
    await checker.setHighlighting(true);
    await checker.updateSettings({ year: 2030, satisfactionFloor: 95, planPacing: true });
    await checker.updateSettings({ rules: { 'value/percent-notation': 'off' } });
    await checker.select('B2', sheet);
    expect(valuesOf(wb.snapshot())).toEqual(values);

    // close and reopen: a new controller on the same workbook finds its marks and clears them exactly
    await checker.dispose();
    const again = createLiveChecker({ excel, debounceMs: 0 });
    await again.start();
    expect(valuesOf(wb.snapshot())).toEqual(values);
    await again.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);

    // insertion writes only inside the range it reports
    await again.setHighlighting(true);
    const ins = await again.insert(blockRenderer());
    expect(ins.ok).toBe(true);
    const after = valuesOf(wb.snapshot());
    for (const [s, cells] of Object.entries(values)) for (const [a, v] of Object.entries(cells)) expect([s, a, after[s][a]]).toEqual([s, a, v]);
    await again.dispose();
  }, 30000);

  test('a sheet with the clerk’s formatting everywhere: marks come and go with edits, the rest never moves', async () => {
    const wb = new MemoryWorkbook({ sheets: ['Sheet1'] });
    const { grid } = { grid: await fixtureGrid('hebei-2025-zhangerzhuang.xlsx') };
    const src = MemoryWorkbook.fromGrid({ sheets: [grid.sheets[0]] });
    // copy the values into a sheet the clerk formatted all over (cells A1:H60)
    for (const [a, c] of Object.entries(src.snapshot().sheets[0].cells)) {
      wb.user.setNumberFormat('Sheet1', a, c.numberFormat ?? 'General');
      wb.user.setValues('Sheet1', a, [[c.value]], { fireEvent: false });
    }
    for (const m of src.sheets[0].merges) wb.sheets[0].merges.push({ ...m });
    const all: string[] = [];
    for (let row = 0; row < 60; row++) for (let col = 0; col < 8; col++) all.push(toA1(row, col));
    decorate(wb, 'Sheet1', all, 11);
    const excel = createMemoryExcel(wb);
    const clean = wb.snapshot();
    const checker = createLiveChecker({ excel, debounceMs: 0 });
    const r = await checker.start();
    expect(r.blocks.length).toBeGreaterThan(0);
    const marked = Object.values(marksOn(wb, 'Sheet1')).flat();
    expect(marked.length).toBeGreaterThan(0);
    expect(clerkOwn(wb.snapshot())).toEqual(clean);

    // the clerk edits a marked cell so it is fine (or not): the mark follows, the format under it comes back
    const d = r.diagnostics.find((x) => x.ruleId.startsWith('value/') || x.ruleId.startsWith('indicator/')) ?? r.diagnostics[0];
    const cell = d.cell.split(':')[0];
    const fine = d.fix ? d.fix.value : '已填写';
    wb.user.setValues('Sheet1', cell, [[fine as string]], { fireEvent: false });
    const edited = wb.snapshot();
    await checker.recheck();
    expect(valuesOf(wb.snapshot())).toEqual(valuesOf(edited));
    await checker.setHighlighting(false);
    const end = wb.snapshot();
    // only the edited cell differs from the clean sheet, and only in its value
    expect(changedCells(clean, end)).toEqual([`Sheet1!${cell}`]);
    const { value: _v1, ...fmtBefore } = clean.sheets[0].cells[cell] ?? { value: '' };
    const { value: _v2, ...fmtAfter } = end.sheets[0].cells[cell];
    expect(fmtAfter).toEqual(fmtBefore);
    expect(wb.settings.has(HIGHLIGHT_KEY)).toBe(false); // no state kept anywhere
    await checker.dispose();
  });
});
