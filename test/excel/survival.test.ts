/**
 * The adapter survives what documented Excel does (test/excel/documented.test.ts shows the
 * in-memory Excel doing it): 512-merged-area reads, payload and cell-count limits, protected
 * sheets, formula coercion, co-authors' edits, edits that fire no event, and batches held back
 * while the clerk edits a cell.
 */
import { blockRenderer, hebeiWorkbookGrid } from '../../scripts/bench-excel';
import type { Diagnostic } from '../../src/domain/model';
import { analyzeGrid } from '../../src/excel/analyze';
import { applyFixes } from '../../src/excel/fix';
import { CELLS_PER_READ } from '../../src/excel/limits';
import { createLiveChecker, type LiveResult, type LiveStatus } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { readWorkbook } from '../../src/excel/read';
import { clerkOwn, marksOn } from './marks-helpers';
import { toyAnalyze } from './toy';

/** the edits' events delivered and every check they caused done */
async function settle(wb: MemoryWorkbook, checker: { idle(): Promise<void> }) {
  for (let i = 0; i < 3; i++) {
    await wb.eventsDelivered();
    await checker.idle();
  }
}

const noSyncFailed = (wb: MemoryWorkbook) => expect(wb.syncLog.filter((r) => r.error).map((r) => r.error)).toEqual([]);

/**
 * a promise that must settle while the test still holds Excel in cell-edit mode (a hang fails the
 * test; the limit is generous, as a busy CI machine is slow, and only a command that waits for the
 * edit to end would reach it)
 */
function settlesSoon<T>(p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error('hung: the command waited for the cell edit')), 30_000);
  });
  return Promise.race([p, hung]).finally(() => clearTimeout(timer));
}

describe('merged areas read in pieces (512 per read at most)', () => {
  test('a sheet of 60 projects with more than 1,200 merged areas is checked, and a template inserted into it', async () => {
    const grid = hebeiWorkbookGrid(60);
    const wb = MemoryWorkbook.fromGrid(grid);
    const name = grid.sheets[0].name;
    expect(wb.sheets[0].merges.length).toBeGreaterThan(1200);
    const excel = createMemoryExcel(wb);
    // negative control: one read of the sheet's merged areas fails, as its reference says (the only failed sync here)
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(name).getUsedRange().getMergedAreasOrNullObject().load({ address: true });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation' });
    const read = await readWorkbook(excel);
    expect(read.sheets[0].merges.length).toBe(wb.sheets[0].merges.length);
    const checker = createLiveChecker({ excel, debounceMs: 0 });
    const r = await checker.recheck();
    expect(r.blocks).toHaveLength(60);
    expect(r.diagnostics).toEqual(analyzeGrid(grid).diagnostics);
    wb.user.select(name, 'B3');
    const ins = await checker.insert(blockRenderer());
    expect(ins).toMatchObject({ ok: true, placed: 'below' });
    expect(checker.last!.blocks).toHaveLength(61);
    expect(wb.syncLog.filter((x) => x.error).map((x) => x.error)).toEqual(['InvalidOperation']);
    await checker.dispose();
  }, 60000);
});

describe('reads within the payload and cell-count limits', () => {
  test('a sheet beyond one read (240,000 cells) is read in chunks, each within the limits, and comes out whole', async () => {
    const wb = new MemoryWorkbook();
    const rows = 24000;
    for (let r = 0; r < rows; r++) wb.user.setValues('Sheet1', `A${r + 1}`, [[`第${r}行`, r, '', '', '', '', '', '', '', 'x']], { fireEvent: false });
    const grid = await readWorkbook(createMemoryExcel(wb));
    expect(grid.sheets[0].values[rows - 1][0]).toBe(`第${rows - 1}行`);
    expect(grid.sheets[0].values[12345][1]).toBe(12345);
    const reads = wb.syncLog.filter((r) => r.largestRead > 0);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    for (const r of wb.syncLog) expect(r.largestRead).toBeLessThanOrEqual(CELLS_PER_READ);
    noSyncFailed(wb);
  }, 60000);

  test('a text-heavy sheet whose answer Excel on the web refuses as too large is read again in smaller pieces', async () => {
    const wb = new MemoryWorkbook();
    const text = '项目绩效目标说明'.repeat(30); // 720 bytes a cell
    for (let r = 0; r < 12000; r++) wb.user.setValues('Sheet1', `A${r + 1}`, [[text]], { fireEvent: false });
    const grid = await readWorkbook(createMemoryExcel(wb));
    expect(grid.sheets[0].values.filter((row) => row?.[0] === text)).toHaveLength(12000);
    expect(wb.syncLog.some((r) => r.error === 'ResponsePayloadSizeLimitExceeded')).toBe(true); // it did meet the limit
    for (const r of wb.syncLog.filter((x) => !x.error)) expect(r.responseBytes).toBeLessThanOrEqual(5_000_000);
  }, 60000);

  test('a whole column formatted to the last row: the cells with values are read, not 1,048,576 rows', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(2));
    const name = wb.sheets[0].name;
    wb.user.setFill(name, 'XFD1048576', '#FFFF00'); // the used range now spans the whole sheet
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 0 });
    const r = await checker.recheck();
    expect(r.blocks).toHaveLength(2);
    noSyncFailed(wb);
    for (const s of wb.syncLog) expect(s.largestRead).toBeLessThan(5_000_000);
    await checker.dispose();
  });
});

describe('a protected sheet: one clear message, no partial writes', () => {
  function book() {
    const wb = new MemoryWorkbook({ sheets: ['Sheet1', '第二页'] });
    wb.user.setValues('Sheet1', 'A1:B1', [['XXX', '95百分比']]);
    wb.user.setValues('第二页', 'A1', [['XXX']]);
    return wb;
  }

  test('checking: the protected sheet is left untouched and the pane is told once; the other sheet is marked', async () => {
    const wb = book();
    wb.user.protect('Sheet1');
    const before = wb.snapshot().sheets[0];
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
    const r = await checker.start();
    expect(r.diagnostics.map((d) => `${d.sheet}!${d.cell}`).sort()).toEqual(['Sheet1!A1', 'Sheet1!B1', '第二页!A1']);
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]).toMatch(/工作表“Sheet1”受保护.*单元格上的标记未更新.*撤消工作表保护/);
    expect(wb.snapshot().sheets[0]).toEqual(before);
    expect(marksOn(wb, '第二页').error).toEqual(['A1']);
    noSyncFailed(wb);
    // formatting allowed: marked, no notice
    wb.user.protect('Sheet1', true, { allowFormatCells: true });
    const again = await checker.recheck();
    expect(again.notices).toEqual([]);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: ['B1'], info: [] });
    expect(clerkOwn(wb.snapshot()).sheets[0]).toEqual(before);
    // protected again, the problem fixed meanwhile: the marks stay as they are (they cannot be removed either), and the pane says so
    wb.user.protect('Sheet1', false);
    wb.user.setValues('Sheet1', 'A1', [['好']], { fireEvent: false });
    wb.user.protect('Sheet1');
    const locked = await checker.recheck();
    expect(locked.notices).toEqual([expect.stringMatching(/工作表“Sheet1”受保护/)]);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: ['B1'], info: [] });
    wb.user.protect('Sheet1', false);
    const free = await checker.recheck();
    expect(free.notices).toEqual([]);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: [], warning: ['B1'], info: [] });
    noSyncFailed(wb);
    await checker.dispose();
  });

  test('a fix on a protected sheet is refused with the reason and writes nothing; an insertion likewise', async () => {
    const wb = book();
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
    const r = await checker.start();
    wb.user.protect('Sheet1');
    const before = wb.snapshot();
    const outcome = await checker.applySafeFixes();
    expect(outcome.applied).toEqual([]);
    expect(outcome.refused.map((x) => x.reason)).toEqual([expect.stringMatching(/工作表“Sheet1”受保护.*单元格已锁定.*撤消工作表保护/)]);
    const ins = await checker.insert(blockRenderer());
    expect(ins).toMatchObject({ ok: false, reason: expect.stringMatching(/受保护.*撤消工作表保护/) });
    expect(wb.snapshot()).toEqual(before);
    // an unlocked cell of a protected sheet that allows formatting can be fixed
    wb.user.protect('Sheet1', false);
    wb.user.setLocked('Sheet1', 'B1', false);
    wb.user.protect('Sheet1', true, { allowFormatCells: true });
    const fixed = await applyFixes(createMemoryExcel(wb), r.diagnostics.filter((d) => d.cell === 'B1'), (await fresh(wb)).grid);
    expect(fixed.applied).toHaveLength(1);
    expect(wb.snapshot().sheets[0].cells.B1.value).toBe('95%');
    await checker.dispose();
  });
});

/** a check of the workbook as it is now (for fixes applied outside the checker) */
async function fresh(wb: MemoryWorkbook) {
  const pass = await import('../../src/excel/pass');
  const { getCapabilities } = await import('../../src/excel/capabilities');
  const excel = createMemoryExcel(wb);
  return pass.validationPass(excel, getCapabilities(excel), { analyze: toyAnalyze, write: false });
}

describe('a fix writes text as text', () => {
  test('“=100%”, “-”, “+5”, “-5%”, “95%” and “00123” are written exactly, never as formulas or numbers; the number format stays', async () => {
    const wb = new MemoryWorkbook();
    const targets = ['=100%', '-', '+5', '-5%', '95%', '00123'];
    const cells = ['A1', 'B1', 'C1', 'D1', 'E1', 'F1'];
    wb.user.setValues('Sheet1', 'A1:F1', [cells.map(() => '待改')]);
    wb.user.setNumberFormat('Sheet1', 'E1', '0.00_ ');
    const grid = (await fresh(wb)).grid;
    const fixes: Diagnostic[] = cells.map((cell, i) => ({
      ruleId: 'value/percent-notation',
      severity: 'warning',
      message: 'x',
      sheet: 'Sheet1',
      cell,
      block: null,
      fix: { cell, value: targets[i], label: `改为“${targets[i]}”` },
    }));
    const outcome = await applyFixes(createMemoryExcel(wb), fixes, grid);
    expect(outcome.applied).toHaveLength(6);
    const c = wb.snapshot().sheets[0].cells;
    expect(cells.map((a) => [c[a].value, c[a].formula, c[a].numberFormat])).toEqual([
      ['=100%', undefined, undefined],
      ['-', undefined, undefined],
      ['+5', undefined, undefined],
      ['-5%', undefined, undefined],
      ['95%', undefined, '0.00_ '],
      ['00123', undefined, undefined],
    ]);
  });

  test('the engine’s own fix of “＝100％” is “=100%”: applied through the checker it stays text and the problem is gone', async () => {
    const grid = hebeiWorkbookGrid(1);
    const name = grid.sheets[0].name;
    const wb = MemoryWorkbook.fromGrid(grid);
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 5 });
    const first = await checker.start();
    const ind = first.blocks[0].indicators.find((i) => /%/.test(i.value.text))!;
    wb.user.setValues(name, ind.value.cell, [['＝100％']], { fireEvent: false });
    const r = await checker.recheck();
    const d = r.diagnostics.find((x) => x.cell === ind.value.cell && x.ruleId === 'value/percent-notation')!;
    expect(d.fix?.value).toBe('=100%');
    await checker.applyFix(d);
    const cell = wb.snapshot().sheets[0].cells[ind.value.cell];
    expect(cell.value).toBe('=100%');
    expect(cell.formula).toBeUndefined();
    expect(checker.last!.diagnostics.filter((x) => x.cell === ind.value.cell && x.ruleId === 'value/percent-notation')).toEqual([]);
    await checker.dispose();
  });
});

describe('co-authors: checked, never written over', () => {
  test('a co-author’s edit is checked (the pane is current) but nothing is written for it; the clerk’s next edit brings the marks', async () => {
    const wb = new MemoryWorkbook();
    const statuses: LiveStatus[] = [];
    const results: LiveResult<string[]>[] = [];
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5, onStatus: (s) => statuses.push(s), onResult: (r) => results.push(r) });
    await checker.start();
    const writes = wb.writeLog.length;
    wb.coauthor.setValues('Sheet1', 'A1', [['XXX']]);
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(results[1].diagnostics.map((d) => d.cell)).toEqual(['A1']);
    expect(wb.writeLog.length).toBe(writes); // nothing written for it
    expect(marksOn(wb, 'Sheet1').error).toEqual([]);
    expect(checker.status().stale).toMatch(/协作者的修改/);
    wb.user.setValues('Sheet1', 'B1', [['本地']]);
    await settle(wb, checker);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1']);
    expect(checker.status().stale).toBeNull();
    await checker.dispose();
  });

  test('a fix of a cell a co-author changed since the check is refused: their value stays', async () => {
    const wb = new MemoryWorkbook();
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 1000 });
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    const r = await checker.start();
    wb.coauthor.setValues('Sheet1', 'A1', [['80百分比']]);
    const outcome = await checker.applyFix(r.diagnostics[0]);
    expect(outcome.applied).toEqual([]);
    expect(outcome.refused[0].reason).toMatch(/A1自检查后已被修改/);
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('80百分比');
    await checker.dispose();
  });
});

describe('edits that fire no event: the checker still converges', () => {
  test('a dropdown pick, a paste and a fill-drag: caught when the clerk moves on (selection change, sheet activation)', async () => {
    const wb = new MemoryWorkbook({ sheets: ['Sheet1', '第二页'] });
    const results: LiveResult<string[]>[] = [];
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5, onResult: (r) => results.push(r) });
    await checker.start();
    wb.user.setValidation('Sheet1', 'B2', ['是', 'XXX']);
    wb.user.pick('Sheet1', 'B2', 'XXX');
    await settle(wb, checker);
    expect(results).toHaveLength(1); // Excel said nothing
    wb.user.select('Sheet1', 'C5');
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(results[1].diagnostics.map((d) => d.cell)).toEqual(['B2']);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['B2']);
    // a paste, then the clerk clicks another sheet's tab
    wb.user.paste('Sheet1', 'D1:D2', [['95百分比'], ['好']]);
    wb.user.activate('第二页');
    await settle(wb, checker);
    expect(results.at(-1)!.diagnostics.map((d) => d.cell).sort()).toEqual(['B2', 'D1']);
    // a fill-drag on the second sheet, then back
    wb.user.setValues('第二页', 'A1', [['TODO']], { fireEvent: false });
    wb.user.fillDown('第二页', 'A1:A3');
    wb.user.select('Sheet1', 'A1');
    await settle(wb, checker);
    expect(results.at(-1)!.diagnostics.filter((d) => d.sheet === '第二页').map((d) => d.cell)).toEqual(['A1', 'A2', 'A3']);
    await checker.dispose();
  });

  test('nothing changed: the verification stops cheaply (the cells left: 1 sync; a sheet: 2 syncs), no check, no write', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(20), { behaviour: { silentEdits: true } });
    wb.user.addSheet('第二页');
    const name = wb.sheets[0].name;
    const results: unknown[] = [];
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 5, onResult: (r) => results.push(r) });
    await checker.start();
    wb.user.select(name, 'C7');
    await settle(wb, checker);
    let syncs = wb.syncCount;
    wb.user.select(name, 'D9'); // the clerk leaves C7, which did not change
    await settle(wb, checker);
    expect(wb.syncCount - syncs).toBe(1);
    syncs = wb.syncCount;
    wb.user.activate('第二页'); // another sheet: both sheets are fingerprinted
    await settle(wb, checker);
    expect(wb.syncCount - syncs).toBe(2);
    expect(results).toHaveLength(1);
    expect(checker.status().stale).toBeNull();
    // negative control: a changed cell left behind is caught by the same 1-sync read, then checked
    wb.user.activate(name);
    await settle(wb, checker);
    wb.user.pick(name, 'C7', 'XXX');
    wb.user.select(name, 'E3');
    await settle(wb, checker);
    expect(results.length).toBeGreaterThan(1);
    await checker.dispose();
  });

  test('a change not checked in time makes the pane say the result may be out of date, until it is checked', async () => {
    const wb = new MemoryWorkbook();
    const statuses: (string | null)[] = [];
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5, staleAfterMs: 30, onStatus: (s) => statuses.push(s.stale) });
    await checker.start();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    wb.user.beginCellEdit(); // the check is held back by a cell edit
    await wb.eventsDelivered();
    await new Promise((r) => setTimeout(r, 80));
    expect(checker.status().stale).toMatch(/结果可能不是最新的/);
    wb.user.endCellEdit();
    await settle(wb, checker);
    expect(checker.status().stale).toBeNull();
    expect(statuses).toEqual([expect.stringMatching(/尚未检查完/), null]);
    expect(checker.last!.diagnostics.map((d) => d.cell)).toEqual(['A1']);
    await checker.dispose();
  });

  test('live checking off, or no events on this Excel: the result may always be out of date, and the pane says so', async () => {
    const wb = new MemoryWorkbook();
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
    await checker.start();
    expect(checker.status().stale).toBeNull();
    await checker.stop();
    expect(checker.status().stale).toMatch(/边填边检查已关闭/);
    await checker.dispose();
    const old = createLiveChecker({ excel: createMemoryExcel(new MemoryWorkbook({ support: { excelApi: 8 } })), analyze: toyAnalyze });
    await old.start();
    expect(old.status().stale).toMatch(/不会在编辑后自动检查/);
    await old.dispose();
  });
});

describe('a check held back by a cell edit never blocks the clerk’s own commands', () => {
  test('insert, fix, re-check and settings answer at once (with the reason) while the edit lasts; afterwards the check completes and the commands work', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
    const r = await checker.start();
    wb.user.setValues('Sheet1', 'B1', [['XXX']]); // a change: a background check is due
    wb.user.beginCellEdit(); // … and the clerk starts typing in a cell
    await wb.eventsDelivered();
    await new Promise((res) => setTimeout(res, 30));
    expect(wb.editWaiters.length).toBeGreaterThan(0); // the background check is waiting at its sync
    const before = wb.snapshot();
    wb.user.select('Sheet1', 'J1');
    const ins = await settlesSoon(checker.insert(blockRenderer()));
    expect(ins).toMatchObject({ ok: false, reason: expect.stringMatching(/Excel 正在编辑单元格.*未插入/) });
    await expect(settlesSoon(checker.applyFix(r.diagnostics[0]))).rejects.toThrow(/Excel 正在编辑单元格/);
    await expect(settlesSoon(checker.recheck())).rejects.toThrow(/Excel 正在编辑单元格/);
    await expect(settlesSoon(checker.updateSettings({ year: 2025 }))).rejects.toThrow(/Excel 正在编辑单元格/);
    expect(wb.snapshot()).toEqual(before); // nothing written meanwhile
    wb.user.endCellEdit();
    await settle(wb, checker);
    expect(checker.last!.diagnostics.map((d) => d.cell).sort()).toEqual(['A1', 'B1']);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['B1']);
    // and now the commands go through
    expect((await checker.applyFix(checker.last!.diagnostics.find((d) => d.cell === 'A1')!)).applied).toHaveLength(1);
    expect(await checker.insert(blockRenderer())).toMatchObject({ ok: true });
    // the only syncs that failed were the commands met by the cell edit
    expect(wb.syncLog.filter((x) => x.error).map((x) => x.error)).toEqual(Array(4).fill('InvalidOperationInCellEditMode'));
    await checker.dispose();
  });
});
