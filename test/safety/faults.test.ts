/**
 * Nothing lost, part 4: a batch that fails partway (`injectFault`: the commands before the failing
 * one stay applied, as in Excel) leaves the sheet as it was — values AND formats, merges, notes,
 * validation, row heights, column widths — for insertion, mark updates, fixes and settings.
 * Every command position of each write batch is tried (sampled when the batch is long).
 */
import { blockRenderer } from '../../scripts/bench-excel';
import { analyzeGrid } from '../../src/excel/analyze';
import { applyFixes } from '../../src/excel/fix';
import { insertPlan } from '../../src/excel/insert';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { loadSettings, saveSettings, SETTINGS_KEY } from '../../src/excel/settings';
import type { Grid } from '../../src/sheet/grid';
import { clerkOwn, expectedMarks, marksOn } from '../excel/marks-helpers';
import { decorate, fixtureGrid, withFixableProblems } from './helpers';

/** the command counts of every sync `f` makes on a copy of the workbook */
async function syncSizes(make: () => MemoryWorkbook, f: (wb: MemoryWorkbook) => Promise<unknown>): Promise<number[]> {
  const wb = make();
  const sizes: number[] = [];
  const take = wb.takeFault.bind(wb);
  wb.takeFault = (ops: number) => {
    sizes.push(ops);
    return take(ops);
  };
  await f(wb);
  return sizes;
}

/** up to `n` positions spread over 0…size-1, always the first and the last */
function positions(size: number, n = 12): number[] {
  if (size <= n) return [...Array(size).keys()];
  const out = new Set<number>([0, size - 1]);
  for (let i = 1; i < n - 1; i++) out.add(Math.floor((i * size) / (n - 1)));
  return [...out].sort((a, b) => a - b);
}

/** like `injectFault`, aimed at one sync: the `nth` (1-based, counted from now) fails at command `at` */
function failSync(wb: MemoryWorkbook, nth: number, at: number): void {
  const take = wb.takeFault.bind(wb);
  let n = 0;
  wb.takeFault = (ops: number) => {
    n++;
    if (n === nth) {
      wb.takeFault = take;
      wb.injectFault(0, at);
    }
    return take(ops);
  };
}

function disarm(wb: MemoryWorkbook): void {
  wb.injectFault(Number.MAX_SAFE_INTEGER, 0);
}

/** a sheet the clerk formatted where the block will go (fills, fonts, borders, formats, validation, sizes) */
function formattedSheet(withValues: boolean): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const u = wb.user;
  u.setFill('Sheet1', 'B3:E8', '#FFFF00');
  u.setFill('Sheet1', 'C10:H12', '#00B050', 'Gray25', '#FF0000');
  u.setFill('Sheet1', 'B14:D14', '#FFFFFF');
  u.setFont('Sheet1', 'B3:H20', { name: '宋体', size: 12, italic: true });
  u.setFont('Sheet1', 'D5', { bold: true, color: '#FF0000' });
  u.setBorder('Sheet1', 'B3:H6', ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'], 'Dash', '#0000FF', 'Medium');
  u.setNumberFormat('Sheet1', 'C4:H25', '@');
  u.setNumberFormat('Sheet1', 'F9', '0.000');
  u.setValidation('Sheet1', 'F13:F30', ['是', '否']);
  u.setValidation('Sheet1', 'B15:C16', ['甲', '乙']);
  u.addNote('Sheet1', 'E7', '别动我的批注');
  wb.sheets[0].rowHeights.set(2, 40);
  wb.sheets[0].rowHeights.set(9, 9.75);
  wb.sheets[0].columnWidths.set(1, 120);
  wb.sheets[0].columnWidths.set(4, 20);
  if (withValues) {
    u.setValues('Sheet1', 'A1', [['已有内容']], { fireEvent: false });
    u.setValues('Sheet1', 'K3', [['旁边的数']], { fireEvent: false });
  }
  u.select('Sheet1', 'B3');
  return wb;
}

describe('a failed insertion leaves the sheet exactly as it was', () => {
  test.each([
    ['an empty sheet the clerk formatted (column widths are written)', false, undefined],
    ['a sheet with values elsewhere (the block goes at the selection)', true, undefined],
    ['a given position (opts.at)', true, { row: 2, col: 1 }],
  ] as const)('%s', async (_what, withValues, at) => {
    const render = blockRenderer();
    const opts = at ? { at } : {};
    const sizes = await syncSizes(() => formattedSheet(withValues), (wb) => insertPlan(createMemoryExcel(wb), render, opts));
    expect(sizes).toHaveLength(3); // where, what is there, the write
    const write = sizes[2];
    // negative control: the insertion does write, and does touch the clerk's formatting
    const ok = formattedSheet(withValues);
    const clean = ok.snapshot();
    expect(await insertPlan(createMemoryExcel(ok), render, opts)).toMatchObject({ ok: true, placed: 'selection' });
    expect(ok.snapshot()).not.toEqual(clean);
    for (const k of positions(write, 16)) {
      const wb = formattedSheet(withValues);
      const before = wb.snapshot();
      failSync(wb, 3, k);
      const result = await insertPlan(createMemoryExcel(wb), render, opts);
      disarm(wb);
      expect(result.ok).toBe(false);
      expect(result.ok ? '' : result.reason).toMatch(/插入失败，已撤回/);
      expect([k, wb.snapshot()]).toEqual([k, before]);
    }
  });

  test.each([
    ['the clerk sized a row there', false],
    ['the clerk also formatted cells there, some under the template’s dropdowns', true],
  ] as const)('below the used range of a real workbook: %s', async (_what, fill) => {
    const grid = await fixtureGrid('hebei-2025-zhangerzhuang.xlsx');
    const name = grid.sheets[0].name;
    const make = () => {
      const wb = MemoryWorkbook.fromGrid(grid);
      wb.user.select(name, 'A1');
      const last = wb.sheets[0].usedRange(false)!.bottom;
      wb.sheets[0].rowHeights.set(last + 4, 33); // where the block will go
      wb.user.setFill(name, 'A1:B2', '#FFFF00'); // inside the used range
      if (fill) {
        wb.user.setFill(name, `A${last + 5}:H${last + 30}`, '#FFFF00', 'Gray25', '#00FF00');
        wb.user.setValidation(name, `F${last + 12}:F${last + 14}`, ['是', '否']);
      }
      return wb;
    };
    const render = blockRenderer();
    const sizes = await syncSizes(make, (wb) => insertPlan(createMemoryExcel(wb), render));
    expect(sizes).toHaveLength(3); // only the block's rectangle is read, wherever it goes
    for (const k of positions(sizes[2], 10)) {
      const wb = make();
      const before = wb.snapshot();
      failSync(wb, 3, k);
      const result = await insertPlan(createMemoryExcel(wb), render);
      disarm(wb);
      expect(result.ok).toBe(false);
      expect([k, wb.snapshot()]).toEqual([k, before]);
    }
  });
});

describe('a failed mark update touches nothing of the clerk’s, and the next pass sets the marks right', () => {
  async function flaggedWorkbook(): Promise<{ make: () => MemoryWorkbook; grid: Grid }> {
    const grid = await fixtureGrid('hebei-2021-anshan.xlsx');
    const flagged = analyzeGrid({ sheets: grid.sheets }).diagnostics.map((d) => d.cell.split(':')[0]);
    const make = () => {
      const wb = MemoryWorkbook.fromGrid(grid);
      decorate(wb, grid.sheets[0].name, [...new Set(flagged)], 3);
      return wb;
    };
    return { make, grid };
  }

  test('the first pass (every mark new), failing at every position of its write: cells, notes and settings untouched', async () => {
    const { make, grid } = await flaggedWorkbook();
    const sheet = grid.sheets[0].name;
    const sizes = await syncSizes(make, (wb) => createLiveChecker({ excel: createMemoryExcel(wb) }).recheck());
    expect(sizes).toHaveLength(3); // the list with the active sheet's geometry and formats, its cells, the write
    const write = sizes[2];
    for (const k of positions(write, 10)) {
      const wb = make();
      const before = wb.snapshot();
      const checker = createLiveChecker({ excel: createMemoryExcel(wb) });
      failSync(wb, 3, k);
      await expect(checker.recheck()).rejects.toThrow(/更新单元格标记失败/);
      disarm(wb);
      expect([k, clerkOwn(wb.snapshot())]).toEqual([k, before]);
      expect(wb.settings.size).toBe(0);
      // the next pass finds what the failed one left and sets it right; turning marks off leaves nothing behind
      const r = await checker.recheck();
      expect(marksOn(wb, sheet)).toEqual(expectedMarks(r.diagnostics, sheet));
      await checker.setHighlighting(false);
      expect(wb.snapshot()).toEqual(before);
      await checker.dispose();
    }
  });

  test('a later pass that moves marks, failing at every position of its write: the sheet stays as the clerk left it', async () => {
    const { make, grid } = await flaggedWorkbook();
    const sheet = grid.sheets[0].name;
    const analysis = analyzeGrid({ sheets: grid.sheets });
    const withFix = analysis.diagnostics.filter((d) => d.fix).slice(0, 3);
    const other = analysis.blocks[1].indicators[0].value.cell;
    const prepare = async (wb: MemoryWorkbook) => {
      const checker = createLiveChecker({ excel: createMemoryExcel(wb) });
      await checker.recheck();
      // the clerk fixes three flagged cells by hand and breaks another one
      for (const d of withFix) wb.user.setValues(sheet, d.fix!.cell, [[d.fix!.value as string]], { fireEvent: false });
      wb.user.setValues(sheet, other, [['95百分比']], { fireEvent: false });
      return checker;
    };
    const probe = make();
    const c0 = await prepare(probe);
    const sizes = await syncSizes(() => probe, () => c0.recheck());
    expect(sizes).toHaveLength(2); // one read, one write
    const write = sizes[1];
    for (const k of positions(write, 10)) {
      const wb = make();
      const checker = await prepare(wb);
      const before = clerkOwn(wb.snapshot());
      failSync(wb, 2, k);
      await expect(checker.recheck()).rejects.toThrow(/更新单元格标记失败/);
      disarm(wb);
      expect([k, clerkOwn(wb.snapshot())]).toEqual([k, before]);
      const r = await checker.recheck();
      expect([k, marksOn(wb, sheet)]).toEqual([k, expectedMarks(r.diagnostics, sheet)]);
      await checker.dispose();
    }
  });
});

describe('a failed fix leaves the sheet as it was', () => {
  test('several fixes in one batch, failing at every position: old values and formats come back', async () => {
    const raw = await fixtureGrid('hebei-2025-zhangerzhuang.xlsx');
    const { grid } = withFixableProblems(raw, analyzeGrid({ sheets: raw.sheets }).blocks);
    const fixes = analyzeGrid({ sheets: grid.sheets }).diagnostics.filter((d) => d.fix);
    expect(fixes.length).toBeGreaterThan(1);
    const make = () => {
      const wb = MemoryWorkbook.fromGrid(grid);
      decorate(wb, fixes[0].sheet, fixes.map((d) => d.fix!.cell), 5);
      // text that Excel would read as a number, in a cell a fix writes: must come back as text
      return wb;
    };
    const sizes = await syncSizes(make, (wb) => applyFixes(createMemoryExcel(wb), fixes, grid));
    expect(sizes).toHaveLength(2);
    for (const k of positions(sizes[1], 12)) {
      const wb = make();
      const before = wb.snapshot();
      wb.injectFault(sizes[1], k);
      await expect(applyFixes(createMemoryExcel(wb), fixes, grid)).rejects.toThrow(/修复失败，已撤回/);
      disarm(wb);
      expect([k, wb.snapshot()]).toEqual([k, before]);
    }
  });

  test('a numeric-looking text the fix overwrote comes back as text, not as a number', async () => {
    const grid: Grid = { sheets: [{ name: 'S', values: [['0123', '130322210000000000123', 5]], merges: [] }] };
    const wb = MemoryWorkbook.fromGrid(grid);
    const fixes = ['A1', 'B1', 'C1'].map((cell) => ({
      ruleId: 'value/percent-notation',
      severity: 'warning' as const,
      message: 'x',
      sheet: 'S',
      cell,
      block: null,
      fix: { cell, value: '95%', label: '改' },
    }));
    const before = wb.snapshot();
    failSync(wb, 2, 8); // the write batch, after all three cells were written
    await expect(applyFixes(createMemoryExcel(wb), fixes, grid)).rejects.toThrow(/已撤回/);
    expect(wb.snapshot()).toEqual(before);
    expect(wb.snapshot().sheets[0].cells.B1.value).toBe('130322210000000000123');
  });
});

describe('a failed settings save changes nothing', () => {
  test('saveSettings and updateSettings: the stored settings and the sheet stay', async () => {
    const grid = await fixtureGrid('disclosure-2023-haomen.xlsx');
    const wb = MemoryWorkbook.fromGrid(grid);
    const excel = createMemoryExcel(wb);
    await saveSettings(excel, { year: 2023 });
    const checker = createLiveChecker({ excel });
    await checker.recheck();
    const before = wb.snapshot();
    const stored = wb.settings.get(SETTINGS_KEY);
    wb.injectFault(1, 0);
    await expect(saveSettings(excel, { year: 2024, profile: 'disclosure-list' })).rejects.toThrow(/注入的故障/);
    expect(wb.settings.get(SETTINGS_KEY)).toBe(stored);
    expect(wb.snapshot()).toEqual(before);
    // through the controller: the settings write is the only command of its batch
    const sizes: number[] = [];
    const take = wb.takeFault.bind(wb);
    wb.takeFault = (ops: number) => {
      sizes.push(ops);
      return take(ops);
    };
    wb.injectFault(1, 0); // the first sync (the settings load) fails
    await expect(checker.updateSettings({ highlighting: false })).rejects.toThrow();
    expect(await loadSettings(excel)).toEqual({ year: 2023 });
    expect(wb.snapshot()).toEqual(before);
    expect(sizes.length).toBeGreaterThan(0);
    await checker.dispose();
  });
});
