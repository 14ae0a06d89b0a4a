/**
 * {@link PaneHost} in WPS 表格 (WPS加载项): the same pane, the same pure core (src/sheet recognise
 * and render, src/domain check, fixes, the 指标库, src/excel/analyze + marks' pure planning), over
 * WPS's synchronous object model (./et.ts, typed by et-jsapi-declare).
 *
 * Live checking: `Application.ApiEvent` —
 * - `SheetChange`: a check after `debounceMs` of quiet (rapid edits coalesce into one pass);
 * - `SheetSelectionChange`: the pane is told the cell and its problems; and because an edit WPS may
 *   not report (a paste, a dropdown pick — undocumented: the strictest reading is that it may not)
 *   leaves what it changed selected, the same debounced pass runs: it re-reads the workbook and
 *   compares it with the last check's grid, and only when something differs checks and marks;
 * - `WorkbookBeforeSave`: a pending check runs at once, so the marks saved with the file are current.
 * Every scheduled pass first reads the workbook and compares it with the grid of the last check
 * (values, number formats, merged areas — all that recognition and the checks read): only when it
 * differs does it check and mark. So our own writes, which WPS may report like the clerk's
 * (strictest reading), cost one read and nothing more — the marks are not in the grid — and no
 * timing window decides whether a clerk's edit counts.
 *
 * Settings (profile, year, rules, marks on/off) travel with the file: a custom property
 * `jxmb.settings` (JSON) of the workbook's first worksheet (`Worksheet.CustomProperties`, declared
 * by et-jsapi-declare — `Workbook.CustomDocumentProperties` is typed `any` there).
 */
import type { Diagnostic } from '../domain/model';
import { isSafeBulkFix } from '../domain/fixes';
import { findType, type TemplateHeader } from '../domain/templates';
import { toTemplateIndicator } from '../domain/indicators/form';
import type { Grid } from '../sheet/grid';
import { renderBlock } from '../sheet/render';
import { planAddIndicator } from '../sheet/add-indicator';
import { analyzeGrid } from '../excel/analyze';
import { wantedMarks } from '../excel/marks';
import type { Analysis, Analyze } from '../excel/pass';
import { parseSettings, SETTINGS_KEY, WorkbookSettingsSchema, type WorkbookSettings } from '../excel/settings';
import { toPaneSettings, toWorkbookSettings } from '../taskpane/excel-host';
import type { CellRef, CheckResult, PaneHost } from '../taskpane/host';
import type { BeforeSaveListener, SelectionListener, SheetChangeListener, WApp, WSheet } from './et';
import { clearMarks, syncMarks } from './marks';
import { readGrid, sheetsOf } from './read';
import { addIndicatorRow, applyFixes, insertBlock } from './write';

export interface WpsHostOptions {
  /** wait after the last edit before checking, ms (default 300) */
  debounceMs?: number;
  /** recognition + checking (default: src/excel/analyze.ts) */
  analyze?: Analyze<unknown>;
}

export interface WpsHost extends PaneHost {
  onError(l: (m: string) => void): () => void;
  onStatus(l: (stale: string | null) => void): () => void;
  /** resolves when no check is scheduled (tests) */
  idle(): Promise<void>;
  /** the last check's grid and analysis (tests) */
  readonly last: { grid: Grid; analysis: Analysis<unknown>; markWrites: number } | undefined;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function loadWpsSettings(app: WApp): WorkbookSettings {
  const first = sheetsOf(app)[0];
  if (!first) return {};
  const props = first.CustomProperties;
  for (let i = 1; i <= props.Count; i++) {
    const p = props.Item(i);
    if (p.Name === SETTINGS_KEY) return parseSettings(p.Value);
  }
  return {};
}

export function saveWpsSettings(app: WApp, settings: WorkbookSettings): void {
  const first = sheetsOf(app)[0];
  if (!first) return;
  const text = JSON.stringify(WorkbookSettingsSchema.parse(settings));
  const props = first.CustomProperties;
  for (let i = 1; i <= props.Count; i++) {
    const p = props.Item(i);
    if (p.Name === SETTINGS_KEY) {
      p.Value = text;
      return;
    }
  }
  props.Add(SETTINGS_KEY, text);
}

function sameGrid(a: Grid, b: Grid): boolean {
  return JSON.stringify(a.sheets) === JSON.stringify(b.sheets);
}

export function createWpsHost(app: WApp, opts: WpsHostOptions = {}): WpsHost {
  const debounceMs = opts.debounceMs ?? 300;
  const analyze = opts.analyze ?? (analyzeGrid as Analyze<unknown>);
  const results = new Set<(r: CheckResult) => void>();
  const selections = new Set<(r: CellRef) => void>();
  const errors = new Set<(m: string) => void>();
  const statuses = new Set<(s: string | null) => void>();
  let last: { grid: Grid; analysis: Analysis<unknown>; markWrites: number } | undefined;
  let settings: WorkbookSettings = {};
  let listening = false;
  let started = false;
  let writing = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stale: string | null = null;

  const setStatus = (s: string | null) => {
    if (s === stale) return;
    stale = s;
    statuses.forEach((l) => l(s));
  };
  const fail = (what: string, e: unknown) => errors.forEach((l) => l(`${what}：${errorText(e)}`));

  /** our own writes: events delivered during them are ours */
  function own<T>(f: () => T): T {
    writing++;
    try {
      return f();
    } finally {
      writing--;
    }
  }

  /** one pass: read, check (unless nothing changed and `onlyIfChanged`), bring the marks up to date */
  function pass(onlyIfChanged = false): void {
    const grid = readGrid(app);
    if (onlyIfChanged && last && sameGrid(grid, last.grid)) {
      setStatus(listening ? null : stale);
      return;
    }
    const t0 = Date.now();
    const analysis = analyze(grid, settings);
    const notices: string[] = [];
    let markWrites = 0;
    const sheets = sheetsOf(app);
    const marksOn = settings.highlighting !== false;
    const wanted = wantedMarks(analysis.diagnostics, new Map(sheets.map((s) => [s.Name, s.Name])));
    own(() => {
      for (const s of sheets) {
        if (s.ProtectContents) {
          notices.push(`工作表“${s.Name}”受保护：问题只在任务窗格中列出，单元格上的标记未更新。如需标记，请先撤消工作表保护（审阅 › 撤消工作表保护）。`);
          continue;
        }
        markWrites += marksOn ? syncMarks(s, wanted.get(s.Name)) : clearMarks(s);
      }
    });
    last = { grid, analysis, markWrites };
    const out: CheckResult = {
      blocks: analysis.blocks.map((b) => ({
        index: b.index,
        name: b.name?.text ?? '',
        sheet: b.sheet,
        range: b.range,
        profile: b.profile,
        usage: b.usage?.text,
        goal: b.goal?.text,
        indicators: b.indicators.map((i) => i.level3.text).filter((t) => t.trim() !== ''),
      })),
      diagnostics: analysis.diagnostics,
      year: analysis.year,
      sheets: grid.sheets.map((s) => s.name),
      durationMs: Date.now() - t0,
      notices,
    };
    results.forEach((l) => l(out));
    setStatus(listening ? null : '边填边检查已关闭：结果可能不是最新的，修改后请点击“重新检查”');
  }

  function safePass(onlyIfChanged: boolean): void {
    try {
      pass(onlyIfChanged);
    } catch (e) {
      setStatus(`上次检查未完成（${errorText(e)}）：结果可能不是最新的`);
      fail('自动检查失败', e);
    }
  }

  /** a pass after `debounceMs` of quiet; it checks only when the grid differs from the last check's */
  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      safePass(true);
    }, debounceMs);
  }

  const onChange: SheetChangeListener = () => {
    if (!listening || writing > 0) return;
    schedule();
  };
  const onSelect: SelectionListener = (_sheet, target) => {
    if (!listening) return;
    try {
      const ref: CellRef = { sheet: app.ActiveSheet.Name, cell: target.Address(false, false).split(',')[0].split(':')[0] };
      selections.forEach((l) => l(ref));
    } catch (e) {
      fail('读取选区失败', e);
    }
    if (writing > 0) return;
    // an edit WPS did not report is in what the clerk just did: verify (nothing checked when nothing changed)
    schedule();
  };
  const onBeforeSave: BeforeSaveListener = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    safePass(true);
  };

  function listen(on: boolean): void {
    if (on === listening) return;
    const ev = app.ApiEvent;
    if (on) {
      ev.AddApiEventListener('SheetChange', onChange);
      ev.AddApiEventListener('SheetSelectionChange', onSelect);
      ev.AddApiEventListener('WorkbookBeforeSave', onBeforeSave);
    } else {
      ev.RemoveApiEventListener('SheetChange', onChange);
      ev.RemoveApiEventListener('SheetSelectionChange', onSelect);
      ev.RemoveApiEventListener('WorkbookBeforeSave', onBeforeSave);
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    }
    listening = on;
  }

  /** a command of the clerk's: runs now (a scheduled check is folded into the pass after it) */
  function afterCommand(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    try {
      pass(false);
    } catch (e) {
      fail('检查失败', e);
    }
  }

  function sheetNamed(name: string): WSheet | undefined {
    return sheetsOf(app).find((s) => s.Name === name);
  }

  const host: WpsHost = {
    get last() {
      return last;
    },
    async start() {
      started = true;
      settings = loadWpsSettings(app);
      listen(true);
      pass(false);
    },
    dispose() {
      listen(false);
      results.clear();
      selections.clear();
      errors.clear();
      statuses.clear();
    },
    onResult(l) {
      results.add(l);
      return () => results.delete(l);
    },
    onSelection(l) {
      selections.add(l);
      return () => selections.delete(l);
    },
    onError(l) {
      errors.add(l);
      return () => errors.delete(l);
    },
    onStatus(l) {
      statuses.add(l);
      l(stale);
      return () => statuses.delete(l);
    },
    setLive(on) {
      if (!started) return;
      listen(on);
      setStatus(on ? null : '边填边检查已关闭：结果可能不是最新的，修改后请点击“重新检查”');
      if (on) schedule();
    },
    async recheck() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pass(false);
    },
    async applyFix(d: Diagnostic) {
      if (!last) throw new Error('尚未检查，请先检查后再修复');
      const grid = last.grid;
      const out = own(() => applyFixes(app, [d], grid));
      if (out.edits.length > 0) afterCommand();
      if (out.refused.length > 0 && out.applied.length === 0) throw new Error(out.refused[0].reason);
    },
    async applySafeFixes() {
      if (!last) return 0;
      const grid = last.grid;
      const ds = last.analysis.diagnostics.filter(isSafeBulkFix);
      const out = own(() => applyFixes(app, ds, grid));
      if (out.edits.length > 0) afterCommand();
      return out.applied.length;
    },
    async select(ref) {
      const s = sheetNamed(ref.sheet);
      if (!s) throw new Error(`找不到工作表“${ref.sheet}”`);
      own(() => {
        s.Activate();
        s.Range(ref.cell).Select();
      });
    },
    async loadSettings() {
      return toPaneSettings(loadWpsSettings(app));
    },
    async saveSettings(p) {
      const next = { ...loadWpsSettings(app), ...toWorkbookSettings(p) };
      own(() => saveWpsSettings(app, next));
      settings = next;
      afterCommand();
    },
    async insertTemplate(profileId, typeId, header, extras) {
      const found = findType(typeId);
      if (!found) return { ok: false, message: `找不到项目类型“${typeId}”，请重新选择` };
      const type = extras && extras.length > 0 ? { ...found, indicators: [...found.indicators, ...extras.map(toTemplateIndicator)] } : found;
      const r = own(() => insertBlock(app, (at) => renderBlock(profileId, type, header as TemplateHeader, at)));
      if (!r.ok) return { ok: false, message: r.reason };
      afterCommand();
      return { ok: true, sheet: r.sheet, range: r.range, note: r.note };
    },
    async addIndicator(block, indicator) {
      const b = last?.analysis.blocks.find((x) => x.index === block.index);
      const sheet = last?.grid.sheets.find((g) => g.name === b?.sheet);
      if (!b || !sheet) return { ok: false, message: '找不到这张表：请重新检查后再添加' };
      const planned = planAddIndicator(b, sheet, indicator, last?.analysis.year);
      if (!planned.ok) return { ok: false, message: planned.reason };
      const out = own(() => addIndicatorRow(app, planned.plan, sheet));
      if (!out.ok) return { ok: false, message: out.reason };
      afterCommand();
      return { ok: true, note: planned.plan.note };
    },
    capabilities: () => ({ highlighting: true, selectionEvents: true }),
    async idle() {
      while (timer !== undefined) await new Promise((r) => setTimeout(r, Math.min(20, debounceMs + 1)));
    },
  };
  return host;
}
