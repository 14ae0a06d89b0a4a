import { blockRenderer, hebeiWorkbookGrid } from '../../scripts/bench-excel';
import { parseHeader } from '../../src/domain/templates';
import { typesForProfile } from '../../src/domain/templates';
import { readWorkbookFile } from '../../src/files/read';
import { analyzeGrid } from '../../src/excel/analyze';
import { insertPlan } from '../../src/excel/insert';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { readWorkbook } from '../../src/excel/read';
import { renderBlock } from '../../src/sheet/render';
import { fixture } from '../helpers/fixtures';
import { clerkOwn, expectedMarks, marksOn } from './marks-helpers';

describe('real workbooks through the in-memory Excel', () => {
  test.each(['hebei-2021-anshan.xlsx', 'hebei-2025-zhangerzhuang.xlsx', 'disclosure-2023-haomen.xlsx'])(
    '%s: the adapter reads the same grid and finds the same diagnostics as the file reader; the marks sit exactly on the flagged cells and go without a trace',
    async (name) => {
      const grid = await readWorkbookFile(fixture(name));
      const wb = MemoryWorkbook.fromGrid(grid);
      const excel = createMemoryExcel(wb);
      const expected = analyzeGrid({ sheets: grid.sheets });
      const before = wb.snapshot();
      const checker = createLiveChecker({ excel });
      const r = await checker.start();
      expect(r.blocks.length).toBe(expected.blocks.length);
      expect(r.blocks.length).toBeGreaterThan(0);
      expect(r.diagnostics).toEqual(expected.diagnostics);
      for (const sheet of before.sheets) expect(marksOn(wb, sheet.name)).toEqual(expectedMarks(r.diagnostics, sheet.name));
      expect(clerkOwn(wb.snapshot())).toEqual(before);
      await checker.setHighlighting(false);
      expect(wb.snapshot()).toEqual(before);
      await checker.dispose();
    },
  );

  test('readWorkbook reads values, number formats and merges in 3 syncs (list, geometry, data), in sheet coordinates', async () => {
    const wb = new MemoryWorkbook({ sheets: ['甲', 'Sheet 2'] });
    wb.user.setValues('甲', 'C4:D4', [['预算数', '20.00']]);
    wb.user.setValues('甲', 'C5', [['25%']]);
    wb.user.merge('甲', 'C6:E6');
    wb.user.setValues('Sheet 2', 'A1', [['x']]);
    const excel = createMemoryExcel(wb);
    const s0 = wb.syncCount;
    const grid = await readWorkbook(excel);
    expect(wb.syncCount - s0).toBe(3);
    const g = grid.sheets[0];
    expect(g.values[3][2]).toBe('预算数');
    expect(g.values[3][3]).toBe(20);
    expect(g.values[4][2]).toBe(0.25);
    expect(g.formats?.[4][2]).toBe('0%');
    expect(g.merges).toEqual([{ top: 5, left: 2, bottom: 5, right: 4 }]);
    expect(grid.sheets[1]).toMatchObject({ name: 'Sheet 2', values: [['x']] });
  });
});

describe('syncs are constant whatever the size', () => {
  test.each([1, 50, 500])('%i blocks: a pass is 2 syncs when a mark changes (the first of a session too), 1 when none does, 3 per insertion — with the limits on', async (n) => {
    const grid = hebeiWorkbookGrid(n);
    const wb = MemoryWorkbook.fromGrid(grid);
    const excel = createMemoryExcel(wb);
    const checker = createLiveChecker({ excel, debounceMs: 0 });
    let s = wb.syncCount;
    const first = await checker.start();
    expect(first.blocks).toHaveLength(n);
    // the pane opens: the event registration, which learns the active sheet's extent and marks in the
    // same trip; then the first pass, like any other: one read, one write (the marks)
    expect(wb.syncCount - s).toBe(1 + 2);
    expect(wb.syncLog.slice(-2).map((r) => r.error)).toEqual([undefined, undefined]);
    const cell = first.blocks[0].indicators[0].value.cell;
    const marked = marksOn(wb, 0);
    wb.user.setValues(grid.sheets[0].name, cell, [['12人']], { fireEvent: false });
    s = wb.syncCount;
    const second = await checker.recheck();
    expect(marksOn(wb, 0)).not.toEqual(marked); // the cell's mark went
    expect(wb.syncCount - s).toBe(2); // one read, one write
    expect(marksOn(wb, 0)).toEqual(expectedMarks(second.diagnostics, grid.sheets[0].name));
    s = wb.syncCount;
    await checker.recheck();
    expect(wb.syncCount - s).toBe(1); // nothing changed: one read, no write
    wb.user.select(grid.sheets[0].name, 'A1');
    s = wb.syncCount;
    const ins = await insertPlan(excel, blockRenderer());
    expect(ins).toMatchObject({ ok: true, placed: 'below' });
    expect(wb.syncCount - s).toBe(3); // where, what is there, write
    // every sync stayed within Excel on the web's limits
    for (const r of wb.syncLog) {
      expect(r.error).toBeUndefined();
      expect(r.requestBytes).toBeLessThan(5_000_000);
      expect(r.responseBytes).toBeLessThan(5_000_000);
      expect(r.largestRead).toBeLessThanOrEqual(5_000_000);
    }
    await checker.dispose();
  }, 60000);
});

describe('insertion', () => {
  const header = parseHeader({
    name: '村级组织运转经费',
    code: '130322250000000000123',
    budget: 20,
    year: 2025,
    unitName: '昌黎县安山镇人民政府本级',
    unitCode: '813001',
    plan: [25, 50, 75, 100],
  });
  if (!header.ok) throw new Error(header.errors.join());

  test.each(['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info'])('%s: inserted at the selection, recognised as a block of that profile', async (profile) => {
    const wb = new MemoryWorkbook();
    const excel = createMemoryExcel(wb);
    wb.user.select('Sheet1', 'B3');
    const type = typesForProfile(profile)[0];
    const result = await insertPlan(excel, (at) => renderBlock(profile, type, header.header, at));
    expect(result).toMatchObject({ ok: true, placed: 'selection', sheet: 'Sheet1' });
    if (!result.ok) return;
    expect(result.range.startsWith('B3:')).toBe(true);
    const snap = wb.snapshot().sheets[0];
    const plan = renderBlock(profile, type, header.header, { row: 2, col: 1 });
    expect(snap.merges.length).toBe(plan.merges.length);
    const anyBorder = Object.values(snap.cells).some((c) => c.borders?.EdgeTop?.style === 'Continuous');
    expect(anyBorder).toBe(true);
    if (plan.validations.length) expect(Object.values(snap.cells).some((c) => c.validation?.list)).toBe(true);
    expect(Object.keys(snap.columnWidths).length).toBeGreaterThan(0); // empty sheet: widths set
    const r = analyzeGrid(await readWorkbook(excel), { profile });
    const blocks = r.blocks.filter((b) => b.profile === profile && b.listRole !== 'department' && b.listRole !== 'unit');
    expect(blocks.length).toBeGreaterThanOrEqual(1);
    expect(blocks[0].name?.text).toContain('村级组织运转经费');
    // the clerk's blanks (the 绩效目标 / 年度总体目标 text) are asked for; nothing else is structurally broken
    const structural = r.diagnostics.filter((d) => d.ruleId === 'table/missing-field' || d.ruleId.startsWith('indicator/unknown'));
    expect(structural.filter((d) => !/(绩效|总体)目标为空/.test(d.message))).toEqual([]);
  });

  test('never overwrites: an occupied selection sends the block below the used range and says why', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'D5', [['别人的内容']]);
    wb.user.setValues('Sheet1', 'A9', [['最后一行']]);
    wb.user.select('Sheet1', 'B2');
    const excel = createMemoryExcel(wb);
    const before = wb.snapshot().sheets[0].cells;
    const result = await insertPlan(excel, blockRenderer());
    expect(result).toMatchObject({ ok: true, placed: 'below' });
    if (!result.ok) return;
    expect(result.range.startsWith('A12:')).toBe(true); // two blank rows after row 9
    expect(result.reason).toMatch(/D5.*别人的内容.*已插入到已用区域下方/);
    const after = wb.snapshot().sheets[0].cells;
    expect(after.D5).toEqual(before.D5);
    expect(after.A9).toEqual(before.A9);
    expect(Object.keys(wb.snapshot().sheets[0].columnWidths)).toHaveLength(0); // widths of a used sheet are kept
  });

  test('a merged area in the footprint is not free either; onlyAtSelection refuses without writing', async () => {
    const wb = new MemoryWorkbook();
    wb.user.merge('Sheet1', 'C4:D4');
    wb.user.select('Sheet1', 'A1');
    const excel = createMemoryExcel(wb);
    const before = wb.snapshot();
    const result = await insertPlan(excel, blockRenderer(), { onlyAtSelection: true });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/C4.*合并单元格 C4:D4.*未插入/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('a free selection is used as is, even on a sheet with content elsewhere', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1', [['标题']]);
    wb.user.select('Sheet1', 'J1');
    const excel = createMemoryExcel(wb);
    const result = await insertPlan(excel, blockRenderer());
    expect(result).toMatchObject({ ok: true, placed: 'selection' });
    expect(result.ok && result.range.startsWith('J1:')).toBe(true);
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('标题');
  });

  test('all-or-nothing: a protected sheet is refused before writing; a failure inside the write is rolled back', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1', [['已有']]);
    wb.user.select('Sheet1', 'C3');
    const excel = createMemoryExcel(wb);
    const before = wb.snapshot();
    wb.user.protect('Sheet1');
    const refused = await insertPlan(excel, blockRenderer());
    expect(refused).toMatchObject({ ok: false });
    expect(refused.ok ? '' : refused.reason).toMatch(/受保护/);
    expect(wb.snapshot()).toEqual(before);
    wb.user.protect('Sheet1', false);
    // the write batch (the 3rd sync) fails at its 15th command; the first 14 were applied
    const take = wb.takeFault.bind(wb);
    let n = 0;
    wb.takeFault = (ops: number) => {
      if (++n === 3) wb.injectFault(0, 14);
      return take(ops);
    };
    const failed = await insertPlan(excel, blockRenderer());
    expect(failed).toMatchObject({ ok: false });
    expect(failed.ok ? '' : failed.reason).toMatch(/插入失败，已撤回/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('insert through the controller re-checks: the new block and its diagnostics appear', async () => {
    const wb = new MemoryWorkbook();
    const excel = createMemoryExcel(wb);
    const checker = createLiveChecker({ excel, debounceMs: 5 });
    await checker.start();
    expect(checker.last!.blocks).toHaveLength(0);
    const results: number[] = [];
    checker.subscribe((r) => results.push(r.blocks.length));
    const result = await checker.insert(blockRenderer());
    expect(result.ok).toBe(true);
    await wb.eventsDelivered();
    await checker.idle();
    expect(results).toEqual([1]); // one re-check, no loop from the insert's own change events
    const goal = checker.last!.diagnostics.find((d) => d.ruleId === 'table/missing-field');
    expect(goal).toBeDefined();
    expect(marksOn(wb, 0).error).toContain(goal!.cell);
    await checker.dispose();
  });
});
