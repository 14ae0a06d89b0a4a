import { createLiveChecker, type LiveResult } from '../../src/excel/live';
import { MARK_COLORS } from '../../src/excel/marks';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { clerkOwn, marksOn } from './marks-helpers';
import { toyAnalyze } from './toy';

const DEBOUNCE = 15;

function setup(support?: { excelApi: number }) {
  const wb = new MemoryWorkbook({ sheets: ['Sheet1', '第二页'], support });
  const excel = createMemoryExcel(wb);
  const results: LiveResult<string[]>[] = [];
  const errors: string[] = [];
  const checker = createLiveChecker({
    excel,
    analyze: toyAnalyze,
    debounceMs: DEBOUNCE,
    suppressMs: 50,
    onResult: (r) => results.push(r),
    onError: (m) => errors.push(m),
  });
  return { wb, excel, checker, results, errors };
}

/** the user's edit has been delivered and every check it caused has run */
async function settle(wb: MemoryWorkbook, checker: { idle(): Promise<void> }) {
  await wb.eventsDelivered();
  await checker.idle();
  await wb.eventsDelivered();
  await checker.idle();
}

const cell = (wb: MemoryWorkbook, sheet: number, a1: string) => wb.snapshot().sheets[sheet].cells[a1];

describe('live validation and marks', () => {
  test('flagged cells are marked by severity with conditional formats of our own; no cell, note or setting is written', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:C1', [['XXX项目', '95百分比', 'TODO']]);
    wb.user.setValues('Sheet1', 'A2', [['正常内容']]);
    const before = wb.snapshot();
    const r = await checker.start();
    expect(r.diagnostics.map((d) => d.ruleId).sort()).toEqual(['table/placeholder-text', 'toy/todo', 'value/percent-notation']);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: ['B1'], info: ['C1'] });
    // one format per severity, drawn in the severity's colour
    expect(wb.snapshot().sheets[0].conditionalFormats.map((cf) => cf.fill).sort()).toEqual(Object.values(MARK_COLORS).sort());
    expect(clerkOwn(wb.snapshot())).toEqual(before);
    expect(wb.settings.size).toBe(0);
    expect(wb.writeLog.map((w) => w.member).filter((m) => !m.startsWith('Conditional'))).toEqual([]);
    await checker.dispose();
  });

  test('editing a cell re-checks after the debounce: the mark appears, then goes, and the workbook is exactly as it was', async () => {
    const { wb, checker, results } = setup();
    // a cell with the user's own fill, font and borders
    wb.user.setValues('Sheet1', 'B2', [['好的内容']]);
    wb.user.setFill('Sheet1', 'B2', '#123456');
    wb.user.setFont('Sheet1', 'B2', { bold: true, color: '#FF0000', name: '宋体', size: 14 });
    wb.user.setBorder('Sheet1', 'B2', ['EdgeTop', 'EdgeLeft'], 'Dash', '#0000FF', 'Medium');
    await checker.start();
    const clean = wb.snapshot();
    expect(results).toHaveLength(1);

    wb.user.setValues('Sheet1', 'B2', [['XXX']]);
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(results[1].diagnostics).toHaveLength(1);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['B2']);
    expect(cell(wb, 0, 'B2')).toEqual({ ...clean.sheets[0].cells.B2, value: 'XXX' }); // fill, font, borders: the clerk's

    wb.user.setValues('Sheet1', 'B2', [['好的内容']]);
    await settle(wb, checker);
    expect(results).toHaveLength(3);
    expect(results[2].diagnostics).toHaveLength(0);
    expect(wb.snapshot()).toEqual(clean);
    await checker.dispose();
  });

  test('rapid edits and a multi-cell paste are coalesced into one pass; our own writes do not loop', async () => {
    const { wb, checker, results } = setup();
    await checker.start();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    wb.user.setValues('Sheet1', 'A2', [['b']]);
    wb.user.setValues('Sheet1', 'A3:C4', [
      ['XXX', '95百分比', 'x'],
      ['y', 'z', 'TODO'],
    ]);
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(results[1].diagnostics).toHaveLength(4);
    // the pass wrote highlights; applying a fix writes values: neither starts another pass by itself
    await new Promise((r) => setTimeout(r, DEBOUNCE * 4));
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    await checker.dispose();
  });

  test('turning marking off deletes our conditional formats and nothing else; on again marks the cells', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:D1', [['XXX', 'XXX', 'XXX', 'XXX']]);
    wb.user.setFill('Sheet1', 'B1', '#FFFFFF'); // white is not "no fill"
    wb.user.setFill('Sheet1', 'C1', '#00B050', 'Gray25', '#FF0000'); // patterned fill
    wb.user.setFont('Sheet1', 'D1', { italic: true });
    wb.user.setBorder('Sheet1', 'D1', ['EdgeBottom']);
    wb.user.addConditionalFormat('Sheet1', 'A1:D9', '=TRUE', '#00FF00'); // the clerk's own rule over the same cells
    wb.user.setValues('第二页', 'A1', [['95百分比']]);
    const before = wb.snapshot();
    await checker.start();
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1', 'B1', 'C1', 'D1']);
    expect(marksOn(wb, '第二页').warning).toEqual(['A1']);
    expect(clerkOwn(wb.snapshot())).toEqual(before);
    const r = await checker.setHighlighting(false);
    expect(r.highlighting).toBe(false);
    expect(r.diagnostics).toHaveLength(5); // still reported in the pane
    // the setting is the clerk's command (saved in the workbook); the cells are exactly as they were
    expect(clerkOwn(wb.snapshot())).toEqual(before);
    expect(wb.snapshot().sheets.map((s) => s.conditionalFormats.length)).toEqual([1, 0]);
    await checker.setHighlighting(true);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1', 'B1', 'C1', 'D1']);
    await checker.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);
    await checker.dispose();
  });

  test('the marks are found again by their rule alone: a new checker on the marked workbook writes nothing, and clears them', async () => {
    const { wb, excel, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    wb.user.setFill('Sheet1', 'A1', '#FFFF00');
    const before = wb.snapshot();
    await checker.start();
    await checker.dispose(); // the task pane is closed; the marks stay in the file
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1']);

    const reopened = createLiveChecker({ excel, analyze: toyAnalyze, debounceMs: DEBOUNCE });
    const writes = wb.writeLog.length;
    await reopened.recheck();
    expect(wb.writeLog.length).toBe(writes);
    await reopened.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);
    await reopened.dispose();
  });

  test("jxmb writes no note: a clerk's own notes stay as they are, on flagged cells and elsewhere", async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:B1', [['XXX', 'XXX']]);
    wb.user.addNote('Sheet1', 'A1', '我自己的批注');
    const notes = wb.snapshot().sheets[0].notes;
    await checker.start();
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1', 'B1']);
    expect(wb.snapshot().sheets[0].notes).toEqual(notes);
    wb.user.setFill('Sheet1', 'B1', '#00FF00'); // the clerk colours the marked cell themself
    wb.user.setValues('Sheet1', 'A1:B1', [['好', '好']]);
    await settle(wb, checker);
    expect(wb.snapshot().sheets[0].notes).toEqual(notes);
    expect(marksOn(wb, 'Sheet1').error).toEqual([]);
    expect(cell(wb, 0, 'B1').fill).toMatchObject({ color: '#00FF00' });
    await checker.dispose();
  });

  test('a pass that changes no mark writes nothing: an unrelated edit costs one read', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    await checker.start();
    let syncs = wb.syncCount;
    const writes = wb.writeLog.length;
    wb.user.setValues('Sheet1', 'B3', [['无关内容']]);
    await settle(wb, checker);
    expect(wb.syncCount - syncs).toBe(1);
    // far outside what was read last time (the used range grew past the margin): its cells are read in one more trip
    syncs = wb.syncCount;
    wb.user.setValues('Sheet1', 'F99', [['无关内容']]);
    await settle(wb, checker);
    expect(wb.syncCount - syncs).toBe(2);
    expect(wb.writeLog.length).toBe(writes);
    await checker.dispose();
  });

  test("a severity change replaces that cell's mark; the cell's own fill is never touched", async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    wb.user.setFill('Sheet1', 'A1', '#ABCDEF');
    const before = wb.snapshot().sheets[0].cells.A1.fill;
    await checker.start();
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: [], warning: ['A1'], info: [] });
    wb.user.setValues('Sheet1', 'A1', [['XXX95百分比']]);
    await settle(wb, checker);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: [], info: [] });
    expect(cell(wb, 0, 'A1').fill).toEqual(before);
    wb.user.setValues('Sheet1', 'A1', [['好']]);
    await settle(wb, checker);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: [], warning: [], info: [] });
    expect(cell(wb, 0, 'A1').fill).toEqual(before);
    await checker.dispose();
  });

  test('selection changes report the selected cell with its diagnostics first', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:B1', [['XXX', '95百分比']]);
    await checker.start();
    const seen: { sheet: string; address: string; rules: string[] }[] = [];
    checker.onSelectionChanged((s) => seen.push({ sheet: s.sheet, address: s.address, rules: s.diagnostics.map((d) => d.ruleId) }));
    wb.user.select('Sheet1', 'B1');
    wb.user.select('Sheet1', 'A1:B1');
    wb.user.select('Sheet1', 'C5');
    await wb.eventsDelivered();
    expect(seen).toEqual([
      { sheet: 'Sheet1', address: 'B1', rules: ['value/percent-notation'] },
      { sheet: 'Sheet1', address: 'A1:B1', rules: ['table/placeholder-text', 'value/percent-notation'] },
      { sheet: 'Sheet1', address: 'C5', rules: [] },
    ]);
    await checker.select('A1', '第二页');
    expect(wb.activeSheet().name).toBe('第二页');
    await checker.dispose();
  });

  test('a check started while the user is typing in a cell waits for the edit to end', async () => {
    const { wb, checker, results } = setup();
    await checker.start();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    wb.user.beginCellEdit();
    await wb.eventsDelivered();
    await new Promise((r) => setTimeout(r, DEBOUNCE * 3));
    expect(results).toHaveLength(1);
    wb.user.endCellEdit();
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(results[1].diagnostics).toHaveLength(1);
    await checker.dispose();
  });

  test('after stop() edits no longer trigger checks; recheck() covers changes Excel fires no event for', async () => {
    const { wb, checker, results } = setup();
    await checker.start();
    wb.user.setValues('Sheet1', 'A1', [['XXX']], { fireEvent: false });
    await settle(wb, checker);
    expect(results).toHaveLength(1);
    const r = await checker.recheck();
    expect(r.diagnostics).toHaveLength(1);
    await checker.stop();
    wb.user.setValues('Sheet1', 'A2', [['XXX']]);
    await settle(wb, checker);
    expect(results).toHaveLength(2);
    expect(wb.changedListeners.size).toBe(0);
  });
});

describe('fixes', () => {
  test('applying a fix changes exactly the named cell, then re-validates and the highlight goes', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:B1', [['95百分比', 'XXX']]);
    wb.user.setFill('Sheet1', 'A1', '#DDDDDD');
    const original = wb.snapshot();
    const r = await checker.start();
    const d = r.diagnostics.find((x) => x.cell === 'A1');
    const outcome = await checker.applyFix(d!);
    expect(outcome.applied).toHaveLength(1);
    expect(outcome.refused).toHaveLength(0);
    const after = wb.snapshot().sheets[0].cells;
    // text is written as text (never reinterpreted by Excel), and the cell keeps its number format
    expect(after.A1).toEqual({ value: '95%', fill: original.sheets[0].cells.A1.fill });
    expect(after.B1.value).toBe('XXX');
    expect(checker.last!.diagnostics.map((x) => x.cell)).toEqual(['B1']);
    await checker.dispose();
  });

  test('a fix is refused when its cell changed since the check', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    const r = await checker.start();
    await checker.stop(); // no automatic re-check: the result is stale
    wb.user.setValues('Sheet1', 'A1', [['80百分比']]);
    const outcome = await checker.applyFix(r.diagnostics[0]);
    expect(outcome.applied).toHaveLength(0);
    expect(outcome.refused[0].reason).toMatch(/A1自检查后已被修改.*95百分比.*80百分比/);
    expect(cell(wb, 0, 'A1').value).toBe('80百分比');
  });

  test('a fix also writes its `also` cells; two fixes on one cell do not both apply', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:C1', [['XXX', 'b', 'c']]);
    const r = await checker.start();
    const base = r.diagnostics[0];
    const first = { ...base, fix: { cell: 'A1', value: '甲', label: '一', also: [{ cell: 'C1', value: '丙' }] } };
    const second = { ...base, fix: { cell: 'A1', value: '乙', label: '二' } };
    const noFix = { ...base, fix: undefined };
    const excel = createMemoryExcel(wb);
    const { applyFixes } = await import('../../src/excel/fix');
    const outcome = await applyFixes(excel, [first, second, noFix], { sheets: [] });
    // with no checked grid for the sheet, everything is refused as stale
    expect(outcome.applied).toHaveLength(0);
    const pass = await import('../../src/excel/pass');
    const fresh = await pass.validationPass(excel, checker.capabilities, { analyze: toyAnalyze });
    const ok = await applyFixes(excel, [first, second, noFix], fresh.grid);
    expect(ok.applied).toEqual([first]);
    expect(ok.refused.map((x) => x.reason)).toEqual(expect.arrayContaining([expect.stringContaining('没有可自动应用的修复'), expect.stringContaining('同一单元格A1')]));
    expect(ok.refused).toHaveLength(2);
    const c = wb.snapshot().sheets[0].cells;
    expect([c.A1.value, c.B1.value, c.C1.value]).toEqual(['甲', 'b', '丙']);
    await checker.dispose();
  });

  test('applySafeFixes applies only the notation fixes and re-checks', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:C1', [['XXX名称', '90百分比', 'TODO']]);
    await checker.start();
    const outcome = await checker.applySafeFixes();
    expect(outcome.applied.map((d) => d.ruleId)).toEqual(['value/percent-notation']);
    const c = wb.snapshot().sheets[0].cells;
    expect(c.A1.value).toBe('XXX名称'); // a placeholder fix changes content: offered one by one, never in bulk
    expect(c.B1).toEqual({ value: '90%' });
    expect(checker.last!.diagnostics.map((d) => d.ruleId).sort()).toEqual(['table/placeholder-text', 'toy/todo']);
    expect(c.B1.fill).toBeUndefined();
    await checker.dispose();
  });
});

describe('older Excel: degrade, do not crash', () => {
  test('ExcelApi 1.12: no merged areas, no triggerSource, no undo of add-ins — Chinese messages, marks still drawn, own writes suppressed', async () => {
    const { wb, checker, results, errors } = setup({ excelApi: 12 });
    expect(checker.capabilities).toMatchObject({ liveEvents: true, triggerSource: false, notes: false, mergedAreas: false, marks: true, undoGroups: false });
    expect(checker.capabilities.messages.join('\n')).toMatch(/合并单元格/);
    expect(checker.capabilities.messages.join('\n')).toMatch(/撤消.*1\.20/);
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    wb.user.setFill('Sheet1', 'A1', '#CCCCCC');
    const before = wb.snapshot();
    const r = await checker.start();
    expect(r.diagnostics).toHaveLength(1);
    expect(marksOn(wb, 'Sheet1').warning).toEqual(['A1']);
    expect(clerkOwn(wb.snapshot())).toEqual(before);
    await checker.applyFix(r.diagnostics[0]); // our write fires an event without triggerSource
    await settle(wb, checker);
    expect(results).toHaveLength(2); // start + the re-check after the fix, no loop
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    await new Promise((res) => setTimeout(res, 60)); // past the suppression window
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    await settle(wb, checker);
    expect(results.length).toBe(3);
    await checker.setHighlighting(false);
    expect(cell(wb, 0, 'A1').fill).toEqual(before.sheets[0].cells.A1.fill);
    expect(marksOn(wb, 'Sheet1').warning).toEqual([]);
    expect(errors).toEqual([]);
    await checker.dispose();
  });

  test('ExcelApi 1.8: no events and no marks — the pane lists the problems and says why; checks still run on demand', async () => {
    const { wb, checker } = setup({ excelApi: 8 });
    expect(checker.capabilities).toMatchObject({ liveEvents: false, marks: false });
    expect(checker.capabilities.messages.join('\n')).toMatch(/重新检查/);
    expect(checker.capabilities.messages.join('\n')).toMatch(/条件格式（需要 ExcelApi 1\.9）：问题只在任务窗格中列出，不在单元格上标记/);
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    const before = wb.snapshot();
    const r = await checker.start();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.highlighting).toBe(false);
    expect(wb.snapshot()).toEqual(before);
    await checker.dispose();
  });
});
