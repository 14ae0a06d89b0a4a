/**
 * The WPS host (src/wps) against the WPS imitation (src/imitation/wps): the key scenarios of
 * test/excel/live.test.ts, marks.test.ts and add-indicator.test.ts, through the pane's host
 * interface — an edit marks the flagged cells with conditional formats of our own; the clerk's own
 * formats (fills, look-alike rules) are untouched; a paste WPS does not report is caught by the
 * selection it leaves; our own writes do not loop; fixes; a template inserted without overwriting;
 * a 指标库 row added; a protected sheet.
 */
import { rangeToA1 } from '../../src/domain/address';
import type { Severity } from '../../src/domain/model';
import { indicatorLibrary } from '../../src/domain/indicators';
import type { Suggestion } from '../../src/domain/indicators/suggest';
import { cellKeysOf, SHEET_COLUMNS } from '../../src/excel/cellset';
import { MARK_COLORS, markOf } from '../../src/excel/marks';
import { WpsImitation } from '../../src/imitation/wps';
import { bgr } from '../../src/wps/et';
import { createWpsHost } from '../../src/wps/host';
import type { CellRef, CheckResult } from '../../src/taskpane/host';
import { toyAnalyze } from '../excel/toy';

const DEBOUNCE = 10;

type MarkMap = Record<Severity, string[]>;
const a1 = (k: number) => rangeToA1({ top: Math.floor(k / SHEET_COLUMNS), left: k % SHEET_COLUMNS, bottom: Math.floor(k / SHEET_COLUMNS), right: k % SHEET_COLUMNS });

function marksOn(wb: WpsImitation, sheet: string): MarkMap {
  const out: MarkMap = { error: [], warning: [], info: [] };
  for (const c of wb.sheet(sheet).conditions) {
    const sev = markOf(c.formula1);
    if (!sev) continue;
    for (const k of cellKeysOf(c.applies)) out[sev].push(a1(k));
  }
  for (const sev of Object.keys(out) as Severity[]) out[sev] = [...new Set(out[sev])].sort();
  return out;
}

/** what the clerk owns: every cell and merge, and the conditional formats that are not ours */
function clerkOwn(wb: WpsImitation) {
  return wb.sheets.map((s) => ({
    name: s.name,
    cells: JSON.stringify([...s.cells].filter(([, c]) => Object.values(c).some((v) => v !== undefined)).sort()),
    merges: JSON.stringify(s.merges),
    conditions: JSON.stringify(s.conditions.filter((c) => markOf(c.formula1) === undefined)),
  }));
}

function setup(opts: { toy?: boolean; sheets?: string[] } = {}) {
  const wb = new WpsImitation({ sheets: opts.sheets ?? ['Sheet1', '第二页'] });
  const host = createWpsHost(wb, { debounceMs: DEBOUNCE, analyze: opts.toy === false ? undefined : toyAnalyze });
  const results: CheckResult[] = [];
  const selections: CellRef[] = [];
  const errors: string[] = [];
  host.onResult((r) => results.push(r));
  host.onSelection((r) => selections.push(r));
  host.onError((m) => errors.push(m));
  return { wb, host, results, selections, errors };
}

async function settle(wb: WpsImitation, host: { idle(): Promise<void> }) {
  for (let i = 0; i < 3; i++) {
    await wb.eventsDelivered();
    await host.idle();
  }
}

describe('WPS: live checking and marks', () => {
  test('flagged cells are marked by severity with conditional formats of our own, in BGR colours; no cell, fill or setting written', async () => {
    const { wb, host, results } = setup();
    wb.user.setValues('Sheet1', 'A1:C1', [['XXX项目', '95百分比', 'TODO']]);
    wb.user.setFill('Sheet1', 'A1', '#123456');
    const before = clerkOwn(wb);
    await host.start();
    expect(results[0].diagnostics.map((d) => d.ruleId).sort()).toEqual(['table/placeholder-text', 'toy/todo', 'value/percent-notation']);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: ['B1'], info: ['C1'] });
    expect(wb.sheet('Sheet1').conditions.map((c) => c.color).sort()).toEqual(Object.values(MARK_COLORS).map(bgr).sort());
    expect(clerkOwn(wb)).toEqual(before);
    expect(wb.sheet('Sheet1').props).toEqual([]);
    host.dispose();
  });

  test('an edit re-checks after the debounce: the mark appears, then goes; the clerk’s fill and own rule stay; our writes do not loop', async () => {
    const { wb, host, results } = setup();
    wb.user.setValues('Sheet1', 'B2', [['好的内容']]);
    wb.user.setFill('Sheet1', 'B2', '#FFFF00');
    wb.user.addCondition('Sheet1', 'B2:B9', '=ISTEXT("我的规则")', 255);
    await host.start();
    const clean = clerkOwn(wb);
    expect(results).toHaveLength(1);

    wb.user.setValue('Sheet1', 'B2', 'XXX');
    await settle(wb, host);
    expect(results).toHaveLength(2);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['B2']);
    // the marks' own Add/Delete were reported back by the imitation: one read, no third check
    await settle(wb, host);
    expect(results).toHaveLength(2);
    expect(wb.sheet('Sheet1').peek(1, 1)?.fill).toBe(bgr('#FFFF00'));

    wb.user.setValue('Sheet1', 'B2', '好的内容');
    await settle(wb, host);
    expect(results).toHaveLength(3);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: [], warning: [], info: [] });
    expect(clerkOwn(wb)).toEqual(clean);
    expect(wb.sheet('Sheet1').conditions).toHaveLength(1); // the clerk's
    host.dispose();
  });

  test('rapid edits are coalesced into one pass', async () => {
    const { wb, host, results } = setup();
    await host.start();
    for (let i = 1; i <= 5; i++) wb.user.setValue('Sheet1', `A${i}`, `XXX${i}`);
    await settle(wb, host);
    expect(results).toHaveLength(2);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1', 'A2', 'A3', 'A4', 'A5']);
    host.dispose();
  });

  test('a paste WPS does not report is caught through the selection it leaves; a selection alone re-checks nothing', async () => {
    const { wb, host, results, selections } = setup();
    await host.start();
    wb.user.select('Sheet1', 'D4');
    await settle(wb, host);
    expect(results).toHaveLength(1); // nothing changed: the verification read, found the same grid, checked nothing
    expect(selections).toEqual([{ sheet: 'Sheet1', cell: 'D4' }]);
    wb.user.paste('Sheet1', 'A1', [['XXX'], ['95百分比']]);
    await settle(wb, host);
    expect(results).toHaveLength(2);
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: ['A2'], info: [] });
    host.dispose();
  });

  test('the marks are told ours by their rule alone: a new host writes nothing; marks off deletes ours only, on again marks', async () => {
    const first = setup();
    first.wb.user.setValues('Sheet1', 'A1:A2', [['XXX'], ['TODO']]);
    first.wb.user.addCondition('Sheet1', 'A1:A3', '=ISTEXT("jxmb")', 65535); // looks alike, is the clerk's
    await first.host.start();
    first.host.dispose();
    const wb = first.wb;
    const host = createWpsHost(wb, { debounceMs: DEBOUNCE, analyze: toyAnalyze });
    const log = wb.writeLog.length;
    await host.start();
    expect(wb.writeLog.length).toBe(log);
    expect(host.last?.markWrites).toBe(0);

    const settings = await host.loadSettings();
    await host.saveSettings({ ...settings, marks: false });
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: [], warning: [], info: [] });
    expect(wb.sheet('Sheet1').conditions.map((c) => c.formula1)).toEqual(['=ISTEXT("jxmb")']);
    expect(JSON.parse(wb.sheet('Sheet1').props.find((p) => p.name === 'jxmb.settings')!.value)).toMatchObject({ highlighting: false });
    await host.saveSettings({ ...settings, marks: true });
    expect(marksOn(wb, 'Sheet1')).toEqual({ error: ['A1'], warning: [], info: ['A2'] });
    host.dispose();
  });

  test('many scattered cells: each mark’s address stays within the 255 characters of Range("…")', async () => {
    const { wb, host } = setup();
    const cells: string[] = [];
    for (let r = 1; r <= 200; r += 2) cells.push(`C${r}`);
    for (const c of cells) wb.sheet('Sheet1').cell(Number(c.slice(1)) - 1, 2).value = 'XXX';
    await host.start();
    expect(marksOn(wb, 'Sheet1').error).toEqual([...cells].sort());
    expect(wb.sheet('Sheet1').conditions.length).toBeGreaterThan(1);
    host.dispose();
  });

  test('a protected sheet: the problems are listed with a notice, no mark is written there', async () => {
    const { wb, host, results } = setup();
    wb.user.setValue('第二页', 'A1', 'XXX');
    wb.user.protect('第二页');
    await host.start();
    expect(results[0].diagnostics).toHaveLength(1);
    expect(results[0].notices?.[0]).toMatch(/工作表“第二页”受保护/);
    expect(wb.sheet('第二页').conditions).toEqual([]);
    host.dispose();
  });

  test('after setLive(false) edits no longer check; recheck() does', async () => {
    const { wb, host, results } = setup();
    await host.start();
    host.setLive(false);
    wb.user.setValue('Sheet1', 'A1', 'XXX');
    await settle(wb, host);
    expect(results).toHaveLength(1);
    expect(wb.listenerCount()).toBe(0);
    await host.recheck();
    expect(results).toHaveLength(2);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1']);
    host.dispose();
  });

  test('WorkbookBeforeSave runs a pending check at once: the marks saved are current', async () => {
    const { wb, host, results } = setup();
    await host.start();
    wb.user.setValue('Sheet1', 'A1', 'XXX');
    await wb.eventsDelivered(); // the change is known, its check still waits for the debounce
    wb.save();
    expect(results).toHaveLength(2);
    expect(marksOn(wb, 'Sheet1').error).toEqual(['A1']);
    host.dispose();
  });
});

describe('WPS: fixes', () => {
  test('a fix changes exactly its cell, re-checks, and the mark goes; a cell changed since the check is refused', async () => {
    const { wb, host, results } = setup();
    wb.user.setValues('Sheet1', 'A1:A2', [['XXX项目'], ['95百分比']]);
    await host.start();
    const before = clerkOwn(wb);
    const d = results[0].diagnostics.find((x) => x.cell === 'A1')!;
    await host.applyFix(d);
    expect(wb.sheet('Sheet1').peek(0, 0)?.value).toBe('项目');
    expect(marksOn(wb, 'Sheet1').error).toEqual([]);
    const after = clerkOwn(wb);
    expect(after[0].cells).not.toEqual(before[0].cells);
    expect(after[1]).toEqual(before[1]);

    const w = results.at(-1)!.diagnostics.find((x) => x.cell === 'A2')!;
    wb.sheet('Sheet1').cell(1, 0).value = '96百分比'; // changed since the check (no event: strictest)
    await expect(host.applyFix(w)).rejects.toThrow(/A2自检查后已被修改/);
    expect(wb.sheet('Sheet1').peek(1, 0)?.value).toBe('96百分比');
    host.dispose();
  });

  test('applySafeFixes applies the notation fixes only; "95%" is written as text', async () => {
    const { wb, host } = setup();
    wb.user.setValues('Sheet1', 'A1:A2', [['XXX项目'], ['95百分比']]);
    await host.start();
    expect(await host.applySafeFixes()).toBe(1);
    expect(wb.sheet('Sheet1').peek(1, 0)).toMatchObject({ value: '95%' });
    expect(wb.sheet('Sheet1').peek(0, 0)?.value).toBe('XXX项目');
    host.dispose();
  });
});

describe('WPS: templates and the 指标库 (the real recognition and checks)', () => {
  const header = { name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: 20, fiscal: 20, other: 0, year: 2025 };
  /** a 指标库 indicator as the pane passes it (a Suggestion) */
  const ind = (name: string): Suggestion => {
    const all = indicatorLibrary().indicators;
    const id = all.findIndex((x) => x.name === name);
    if (id < 0) throw new Error(name);
    return { ...all[id], id, score: 1, existing: false, uses: 0 } as Suggestion;
  };

  test('a template is inserted at the selection when it is free, below the used range when not — nothing overwritten — and recognised', async () => {
    const { wb, host, results } = setup({ toy: false, sheets: ['Sheet1'] });
    wb.user.setValues('Sheet1', 'B3', [['办公室的备注']]);
    wb.user.setFill('Sheet1', 'B3', '#00FF00');
    await host.start();
    wb.user.select('Sheet1', 'A1');
    await settle(wb, host);
    const r = await host.insertTemplate('hebei-project', 'rural-cleaners', header);
    expect(r).toMatchObject({ ok: true, sheet: 'Sheet1', note: expect.stringMatching(/B3 已有内容，已插入到已用区域下方 B6:/) });
    expect(wb.sheet('Sheet1').peek(2, 1)).toMatchObject({ value: '办公室的备注', fill: bgr('#00FF00') });
    const last = results.at(-1)!;
    expect(last.blocks).toHaveLength(1);
    expect(last.blocks[0].range.startsWith('B6:')).toBe(true);
    expect(last.blocks[0].indicators?.length).toBeGreaterThan(3);
    // the template's dropdowns and prompts are WPS validations
    expect([...wb.sheet('Sheet1').cells.values()].some((c) => c.validation?.type === 3)).toBe(true);
    host.dispose();
  });

  test('a 指标库 indicator is added in its place and re-checked; a second add of the same name is refused', async () => {
    const { wb, host, results } = setup({ toy: false, sheets: ['Sheet1'] });
    await host.start();
    expect((await host.insertTemplate('hebei-project', 'rural-cleaners', header)).ok).toBe(true);
    const block = results.at(-1)!.blocks[0];
    const r = await host.addIndicator!(block, ind('享受保洁服务的人数'));
    expect(r).toMatchObject({ ok: true, note: expect.stringContaining('享受保洁服务的人数') });
    const after = results.at(-1)!.blocks[0];
    expect(after.indicators).toContain('享受保洁服务的人数');
    expect(after.indicators!.length).toBe(block.indicators!.length + 1);
    const again = await host.addIndicator!(after, ind('享受保洁服务的人数'));
    expect(again).toMatchObject({ ok: false, message: expect.stringContaining('已有三级指标') });
    await settle(wb, host);
  });
});
