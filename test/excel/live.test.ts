import { MARK_COLORS, NOTE_PREFIX, HIGHLIGHT_KEY } from '../../src/excel/highlight';
import { createLiveChecker, type LiveResult } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/excel/memory';
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
const note = (wb: MemoryWorkbook, sheet: number, a1: string) => wb.snapshot().sheets[sheet].notes[a1];

describe('live validation and inline highlighting', () => {
  test('flagged cells are filled by severity and carry a note with the reason; the state is in the workbook', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:C1', [['XXX项目', '95百分比', 'TODO']]);
    wb.user.setValues('Sheet1', 'A2', [['正常内容']]);
    const r = await checker.start();
    expect(r.diagnostics.map((d) => d.ruleId).sort()).toEqual(['table/placeholder-text', 'toy/todo', 'value/percent-notation']);
    expect(cell(wb, 0, 'A1').fill).toMatchObject({ color: MARK_COLORS.error, pattern: 'Solid' });
    expect(cell(wb, 0, 'B1').fill).toMatchObject({ color: MARK_COLORS.warning });
    expect(cell(wb, 0, 'C1').fill).toMatchObject({ color: MARK_COLORS.info });
    expect(cell(wb, 0, 'A2').fill).toBeUndefined();
    expect(note(wb, 0, 'A1')).toContain(NOTE_PREFIX);
    expect(note(wb, 0, 'A1')).toContain('含模板占位符');
    expect(note(wb, 0, 'A2')).toBeUndefined();
    expect(String(wb.settings.get(HIGHLIGHT_KEY))).toContain('"A1"');
    await checker.dispose();
  });

  test('editing a cell re-checks after the debounce: the highlight appears, then disappears restoring the cell exactly', async () => {
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
    expect(cell(wb, 0, 'B2').fill).toMatchObject({ color: MARK_COLORS.error });
    expect(cell(wb, 0, 'B2').font).toEqual(clean.sheets[0].cells.B2.font); // fonts untouched
    expect(cell(wb, 0, 'B2').borders).toEqual(clean.sheets[0].cells.B2.borders);

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

  test('turning highlighting off restores every cell exactly (fills, patterns, notes); on again marks them', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:D1', [['XXX', 'XXX', 'XXX', 'XXX']]);
    wb.user.setFill('Sheet1', 'B1', '#FFFFFF'); // white is not "no fill"
    wb.user.setFill('Sheet1', 'C1', '#00B050', 'Gray25', '#FF0000'); // patterned fill
    wb.user.setFont('Sheet1', 'D1', { italic: true });
    wb.user.setBorder('Sheet1', 'D1', ['EdgeBottom']);
    wb.user.setValues('第二页', 'A1', [['95百分比']]);
    const before = wb.snapshot();
    await checker.start();
    expect(cell(wb, 0, 'C1').fill).toMatchObject({ color: MARK_COLORS.error, pattern: 'Solid' });
    expect(cell(wb, 1, 'A1').fill).toMatchObject({ color: MARK_COLORS.warning });
    const r = await checker.setHighlighting(false);
    expect(r.highlighting).toBe(false);
    expect(r.diagnostics).toHaveLength(5); // still reported in the pane
    expect(wb.snapshot()).toEqual(before);
    await checker.setHighlighting(true);
    expect(cell(wb, 0, 'B1').fill).toMatchObject({ color: MARK_COLORS.error });
    await checker.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);
    await checker.dispose();
  });

  test('the highlight state survives reopening: a new adapter on the same workbook restores the cells', async () => {
    const { wb, excel, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    wb.user.setFill('Sheet1', 'A1', '#FFFF00');
    const before = wb.snapshot();
    await checker.start();
    await checker.dispose(); // the task pane is closed; highlights stay in the file
    expect(cell(wb, 0, 'A1').fill).toMatchObject({ color: MARK_COLORS.error });

    const reopened = createLiveChecker({ excel, analyze: toyAnalyze, debounceMs: DEBOUNCE });
    await reopened.start();
    await reopened.setHighlighting(false);
    expect(wb.snapshot()).toEqual(before);
    await reopened.dispose();
  });

  test("a user's own note is never overwritten or deleted; a cell the user recoloured while marked keeps the user's colour", async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1:B1', [['XXX', 'XXX']]);
    wb.user.addNote('Sheet1', 'A1', '我自己的批注');
    await checker.start();
    expect(note(wb, 0, 'A1')).toBe('我自己的批注');
    expect(note(wb, 0, 'B1')).toContain(NOTE_PREFIX);
    wb.user.setFill('Sheet1', 'B1', '#00FF00'); // the clerk colours the marked cell themself
    wb.user.setValues('Sheet1', 'A1:B1', [['好', '好']]);
    await settle(wb, checker);
    expect(note(wb, 0, 'A1')).toBe('我自己的批注');
    expect(note(wb, 0, 'B1')).toBeUndefined();
    expect(cell(wb, 0, 'A1').fill).toBeUndefined();
    expect(cell(wb, 0, 'B1').fill).toMatchObject({ color: '#00FF00' });
    await checker.dispose();
  });

  test('highlight updates are diff-based: an unrelated edit writes nothing to the highlighted cells', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    await checker.start();
    const syncs = wb.syncCount;
    wb.user.setValues('Sheet1', 'F9', [['无关内容']]);
    await settle(wb, checker);
    expect(wb.syncCount - syncs).toBe(3); // list, geometry, data: no inspection, no highlight write sync
    await checker.dispose();
  });

  test('a severity change re-colours the cell but keeps the original fill to restore', async () => {
    const { wb, checker } = setup();
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    wb.user.setFill('Sheet1', 'A1', '#ABCDEF');
    const before = wb.snapshot().sheets[0].cells.A1.fill;
    await checker.start();
    expect(cell(wb, 0, 'A1').fill).toMatchObject({ color: MARK_COLORS.warning });
    wb.user.setValues('Sheet1', 'A1', [['XXX95百分比']]);
    await settle(wb, checker);
    expect(cell(wb, 0, 'A1').fill).toMatchObject({ color: MARK_COLORS.error });
    expect(note(wb, 0, 'A1')).toMatch(/错误[\s\S]*警告/);
    wb.user.setValues('Sheet1', 'A1', [['好']]);
    await settle(wb, checker);
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
  test('ExcelApi 1.12: no notes, no merged areas, no triggerSource — Chinese messages, fills still restore, own writes suppressed', async () => {
    const { wb, checker, results, errors } = setup({ excelApi: 12 });
    expect(checker.capabilities).toMatchObject({ liveEvents: true, triggerSource: false, notes: false, mergedAreas: false, highlighting: true });
    expect(checker.capabilities.messages.join('\n')).toMatch(/批注.*1\.18/);
    expect(checker.capabilities.messages.join('\n')).toMatch(/合并单元格/);
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    wb.user.setFill('Sheet1', 'A1', '#CCCCCC');
    const before = wb.snapshot();
    const r = await checker.start();
    expect(r.diagnostics).toHaveLength(1);
    expect(cell(wb, 0, 'A1').fill).toMatchObject({ color: MARK_COLORS.warning });
    expect(wb.snapshot().sheets[0].notes).toEqual({});
    await checker.applyFix(r.diagnostics[0]); // our write fires an event without triggerSource
    await settle(wb, checker);
    expect(results).toHaveLength(2); // start + the re-check after the fix, no loop
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    await new Promise((res) => setTimeout(res, 60)); // past the suppression window
    wb.user.setValues('Sheet1', 'A1', [['95百分比']]);
    await settle(wb, checker);
    expect(results.length).toBe(3);
    await checker.setHighlighting(false);
    // the fill is the clerk's again
    expect(cell(wb, 0, 'A1').fill).toEqual(before.sheets[0].cells.A1.fill);
    expect(errors).toEqual([]);
    await checker.dispose();
  });

  test('ExcelApi 1.8: no events and no safe highlighting — checks still run on demand', async () => {
    const { wb, checker } = setup({ excelApi: 8 });
    expect(checker.capabilities.liveEvents).toBe(false);
    expect(checker.capabilities.messages.join('\n')).toMatch(/重新检查/);
    wb.user.setValues('Sheet1', 'A1', [['XXX']]);
    const before = wb.snapshot();
    const r = await checker.start();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.highlighting).toBe(false);
    expect(wb.snapshot()).toEqual(before);
    await checker.dispose();
  });
});
