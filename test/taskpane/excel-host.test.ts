/**
 * The pane's host over the in-memory Excel: the same adapter the add-in uses.
 */
import { MemoryWorkbook, createMemoryExcel } from '../../src/imitation/excel';
import { createExcelHost, toPaneSettings, toWorkbookSettings } from '../../src/taskpane/excel-host';
import { validateHeader } from '../../src/taskpane/catalog';
import type { CellRef, CheckResult } from '../../src/taskpane/host';
import { searchTypes } from '../../src/domain/templates';
import { readWorkbookFile } from '../../src/files/read';
import { fixture } from '../helpers/fixtures';
import { SAFE_BULK_FIX_RULES as SAFE_FIX_RULES } from '../../src/domain/fixes';
import { displayText } from '../../src/sheet/display';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Waits for a condition, polling: no fixed sleep that a busy machine could outlast. The limit only
 * stops a hung test.
 */
async function until(what: string, cond: () => boolean, hangMs = 60_000): Promise<void> {
  const stop = Date.now() + hangMs; // clock-ok: only stops a hung wait
  while (!cond()) {
    if (Date.now() > stop) throw new Error(`still waiting after ${hangMs} ms: ${what}`); // clock-ok: hang-stop
    await wait(5);
  }
}

async function setup() {
  const wb = new MemoryWorkbook();
  const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 5 });
  const results: CheckResult[] = [];
  const selections: CellRef[] = [];
  host.onResult((r) => results.push(r));
  host.onSelection((r) => selections.push(r));
  await host.start();
  return { wb, host, results, selections, last: () => results[results.length - 1] };
}

function header(over: Record<string, string> = {}) {
  const v = validateHeader({ name: '农村保洁员经费', code: '', budget: '12.5', fiscal: '', other: '', year: '2025', ...over });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.header;
}

const cleaners = () => searchTypes('保洁', 'hebei-project')[0].id;

describe('createExcelHost over the in-memory Excel', () => {
  test('a blank workbook: no blocks; inserting a template gives a checked block', async () => {
    const { host, last, wb } = await setup();
    expect(last().blocks).toHaveLength(0);
    const r = await host.insertTemplate('hebei-project', cleaners(), header());
    expect(r).toMatchObject({ ok: true, sheet: 'Sheet1' });
    expect(last().blocks).toHaveLength(1);
    expect(last().blocks[0].name).toBe('农村保洁员经费');
    expect(last().diagnostics.some((d) => d.ruleId === 'id/code-missing')).toBe(true);
    // the sheet holds the block
    const cells = wb.snapshot().sheets[0].cells;
    expect(Object.values(cells).some((c) => c.value === '农村保洁员经费')).toBe(true);
    host.dispose();
  });

  test('an unknown type is refused with a Chinese message, nothing written', async () => {
    const { host, wb } = await setup();
    const r = await host.insertTemplate('hebei-project', 'no-such-type', header());
    expect(r).toEqual({ ok: false, message: expect.stringContaining('找不到项目类型') });
    expect(Object.keys(wb.snapshot().sheets[0].cells)).toHaveLength(0);
    host.dispose();
  });

  test('user edits re-check live; switched off, they do not', async () => {
    const { host, wb, last, results } = await setup();
    await host.insertTemplate('hebei-project', cleaners(), header());
    const goal = last().diagnostics.find((d) => d.ruleId === 'table/missing-field' && /绩效目标/.test(d.message));
    expect(goal).toBeDefined();
    wb.user.setValues('Sheet1', goal!.cell, [['保障保洁员工资按时发放']]);
    await until('the edit is re-checked', () => !last().diagnostics.some((d) => d.ruleId === 'table/missing-field' && d.cell === goal!.cell));

    host.setLive(false);
    const n = results.length;
    wb.user.setValues('Sheet1', goal!.cell, [['']]);
    await wb.eventsDelivered(); // the change event has reached every listener: none is ours any more
    await wait(50); // ten debounce periods: a pass wrongly scheduled would have reported
    expect(results.length).toBe(n);
    await host.recheck();
    expect(last().diagnostics.some((d) => d.ruleId === 'table/missing-field' && d.cell === goal!.cell)).toBe(true);
    host.dispose();
  });

  test('a fix is applied and cleared; select lands on the cell and reports the selection', async () => {
    const { host, wb, last, selections } = await setup();
    await host.insertTemplate('hebei-project', cleaners(), header());
    const planHead = Object.entries(wb.snapshot().sheets[0].cells).find(([, c]) => c.value === '12月底')![0];
    const lastCp = planHead.replace(/\d+$/, (n) => String(Number(n) + 1));
    wb.user.setValues('Sheet1', lastCp, [['100%']]);
    await until('the blank checkpoints are reported', () => last().diagnostics.some((d) => d.ruleId === 'plan/blank-checkpoint' && !!d.fix));
    const blank = last().diagnostics.find((d) => d.ruleId === 'plan/blank-checkpoint' && d.fix);
    expect(blank).toBeDefined();
    await host.applyFix(blank!);
    expect(last().diagnostics.some((d) => d.ruleId === 'plan/blank-checkpoint' && d.cell === blank!.cell)).toBe(false);
    expect(wb.snapshot().sheets[0].cells[blank!.fix!.cell].value).toBe(0);

    await host.select({ sheet: 'Sheet1', cell: 'C5' });
    expect(wb.selection?.range).toEqual({ top: 4, left: 2, bottom: 4, right: 2 });
    wb.user.select('Sheet1', 'B3');
    await until('the selection is reported', () => selections.some((r) => r.cell === 'B3'));
    expect(selections[selections.length - 1]).toEqual({ sheet: 'Sheet1', cell: 'B3' });
    host.dispose();
  });

  test('bulk fixes apply only the notation-safe ones', async () => {
    const { host, wb, last } = await setup();
    await host.insertTemplate('hebei-project', cleaners(), header());
    const planHead = Object.entries(wb.snapshot().sheets[0].cells).find(([, c]) => c.value === '12月底')![0];
    wb.user.setValues('Sheet1', planHead.replace(/\d+$/, (n) => String(Number(n) + 1)), [['100%']]);
    await until('the blank checkpoints are reported', () => last().diagnostics.some((d) => d.ruleId === 'plan/blank-checkpoint' && !!d.fix));
    const before = last().diagnostics.filter((d) => d.ruleId === 'plan/blank-checkpoint' && d.fix).length;
    expect(before).toBeGreaterThan(0);
    const n = await host.applySafeFixes();
    expect(n).toBe(0); // blank-checkpoint fixes are not notation fixes: left for the clerk
    expect(last().diagnostics.filter((d) => d.ruleId === 'plan/blank-checkpoint').length).toBe(before);
    host.dispose();
  });

  test('bulk fixes on a real workbook clear the notation problems and leave the rest', async () => {
    const wb = MemoryWorkbook.fromGrid(await readWorkbookFile(fixture('hebei-2021-anshan.xlsx')));
    const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 5 });
    const results: CheckResult[] = [];
    host.onResult((r) => results.push(r));
    await host.start();
    const before = results[results.length - 1].diagnostics;
    const safe = before.filter((d) => d.fix && SAFE_FIX_RULES.includes(d.ruleId));
    const other = before.filter((d) => !SAFE_FIX_RULES.includes(d.ruleId));
    expect(safe.length).toBeGreaterThan(0);
    const n = await host.applySafeFixes();
    expect(n).toBe(safe.length);
    const after = results[results.length - 1].diagnostics;
    expect(after.filter((d) => d.fix && SAFE_FIX_RULES.includes(d.ruleId))).toHaveLength(0);
    // the others are untouched (same rule and cell)
    const key = (d: { ruleId: string; sheet: string; cell: string }) => `${d.ruleId} ${d.sheet}!${d.cell}`;
    expect(after.filter((d) => !SAFE_FIX_RULES.includes(d.ruleId)).map(key).sort()).toEqual(other.map(key).sort());
    // a fixed cell holds the canonical notation
    const first = safe.find((d) => d.ruleId === 'value/percent-notation');
    if (first) {
      const sheet = wb.snapshot().sheets.find((s) => s.name === first.sheet)!;
      const c = sheet.cells[first.fix!.cell];
      // Excel turns typed "100%" into 1 with a % format: what the clerk sees is the fix
      expect(displayText(c.value, c.numberFormat)).toBe(first.fix!.value);
    }
    host.dispose();
  });

  test('settings round-trip through the workbook and change the result', async () => {
    const { host, last, wb } = await setup();
    await host.insertTemplate('hebei-project', cleaners(), header());
    expect(last().diagnostics.some((d) => d.ruleId === 'id/code-missing')).toBe(true);
    const s = await host.loadSettings();
    expect(s.profileId).toBe('');
    await host.saveSettings({ ...s, year: 2025, rules: { 'id/code-missing': 'off' } });
    expect(last().diagnostics.some((d) => d.ruleId === 'id/code-missing')).toBe(false);
    expect(last().year).toBe(2025);
    expect(JSON.parse(String(wb.settings.get('jxmb.settings')))).toMatchObject({ year: 2025, rules: { 'id/code-missing': 'off' } });
    expect(await host.loadSettings()).toMatchObject({ year: 2025, rules: { 'id/code-missing': 'off' } });
    // clearing the year removes it
    await host.saveSettings({ ...(await host.loadSettings()), year: undefined });
    expect(JSON.parse(String(wb.settings.get('jxmb.settings'))).year).toBeUndefined();
    host.dispose();
  });

  test('settings mapping: auto profile is absent in the workbook', () => {
    expect(toWorkbookSettings({ profileId: '', planPacing: true, rules: {} }).profile).toBeUndefined();
    expect(toWorkbookSettings({ profileId: 'disclosure-list', planPacing: false, rules: {} }).profile).toBe('disclosure-list');
    expect(toPaneSettings({})).toEqual({ profileId: '', year: undefined, satisfactionFloor: undefined, planPacing: false, rules: {}, marks: true });
    expect(toPaneSettings({ highlighting: false }).marks).toBe(false);
    expect(toWorkbookSettings({ profileId: '', planPacing: false, rules: {}, marks: false }).highlighting).toBe(false);
  });
});
