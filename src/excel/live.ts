/**
 * Live validation: re-check the workbook on every edit (debounced, coalescing rapid edits and
 * pastes), keep the marks in step, apply fixes, insert blocks — the controller the task pane
 * talks to. See the API summary in ./index.ts.
 *
 * What real Excel does, and what the checker does about it:
 * - Some edits fire no `onChanged` at all: a pick from a data-validation dropdown (our templates
 *   insert them; office-js #3888, #420), a paste or a fill-drag (#1110, #3899). They leave what
 *   they changed selected, so a selection change starts a cheap verification — the cells just left
 *   are read (1 sync) and compared with the last check — and a sheet activation fingerprints the
 *   sheets involved (2 syncs); only when something differs does a full check run.
 * - A co-author's edit arrives with `source: 'Remote'` (“Work with Events” › Events and
 *   coauthoring): it is checked (the pane is up to date) but nothing is written for it — the marks
 *   are brought up to date by the next local edit or re-check, so the checker never paints over
 *   what a co-author is doing; a fix refuses a cell anyone changed since the check (fix.ts).
 * - A batch run with `delayForCellEdit` waits while the clerk edits a cell, and clicking the task
 *   pane does not end the edit (office-js #806). Background checks wait that way; the clerk's own
 *   commands (insert, fix, re-check, settings) never queue behind such a check: they stop it (it
 *   gives up before writing anything) and run at once — failing with a clear message if Excel is
 *   still in cell-edit mode, instead of hanging.
 * - The pane is told when its result may be out of date (`status().stale`, zh-CN).
 *
 * This module assembles the checker from its parts, and keeps the result, the status and the
 * clerk's commands:
 * - ./live/commands.ts — the command queue (one at a time, never behind a background check) and
 *   own-write suppression (our writes' change events are not the clerk's);
 * - ./live/schedule.ts — scheduling: what is wanted, the debounce, one background check at a time,
 *   a stopped check's work wanted again;
 * - ./live/verify.ts — change verification after a selection change or sheet switch (the cells
 *   just left, or the sheets' fingerprints);
 * - ./live/events.ts — the event adapters: onChanged, onSelectionChanged, onActivated, their
 *   registration and removal;
 * - ./live/selection.ts — the diagnostics on a selection.
 */
import type { Block, Diagnostic } from '../domain/model';
import { isSafeBulkFix } from '../domain/fixes';
import type { CellPos } from '../domain/address';
import type { RenderPlan } from '../sheet/render';
import type { ExcelApi } from './api';
import type { SheetReport } from '../sheet/recognize';
import { analyzeGrid } from './analyze';
import { getCapabilities, type Capabilities } from './capabilities';
import { applyFixes, type FixOutcome } from './fix';
import { insertPlan, type InsertOptions, type InsertResult } from './insert';
import { applyAddIndicator, type AddIndicatorWrite } from './add-indicator';
import { planAddIndicator } from '../sheet/add-indicator';
import type { IndicatorLike } from '../domain/indicators/form';
import { inCellEdit } from './limits';
import { migrateLegacyHighlights } from './legacy';
import { PassCancelled, validationPass, type Analyze, type PassMemory, type PassResult } from './pass';
import { loadSettings, saveSettings, type WorkbookSettings } from './settings';
import { clerkError, createCommandQueue, createOwnWrites } from './live/commands';
import { createScheduler, type Wanted } from './live/schedule';
import { changedSinceCheck } from './live/verify';
import { createEventAdapters } from './live/events';
import { diagnosticsAt } from './live/selection';

export interface LiveResult<S = SheetReport[]> {
  blocks: Block[];
  diagnostics: Diagnostic[];
  /** the budget year used by the checks (setting, else recognised) */
  year?: number;
  /** what recognition says about each sheet */
  sheets: S;
  /** adapter + engine time of the pass */
  durationMs: number;
  settings: WorkbookSettings;
  /** cells are marked in the sheet */
  highlighting: boolean;
  capabilities: Capabilities;
  /** zh-CN: what the clerk should know about this check (a protected sheet, …) */
  notices: string[];
  /** when the check finished (ms since the epoch) */
  checkedAt: number;
}

export interface SelectionInfo {
  sheet: string;
  address: string;
  /** diagnostics on the selected cell(s), those exactly at the first cell first */
  diagnostics: Diagnostic[];
}

/** Whether the last result may be out of date, and why. */
export interface LiveStatus {
  /** zh-CN, one line; null: the result is as current as the checker can know */
  stale: string | null;
}

export interface LiveCheckerOptions<S = SheetReport[]> {
  excel: ExcelApi;
  /** recognition + checking of a grid (default: recognize + checkBlocks, see ./analyze.ts) */
  analyze?: Analyze<S>;
  /** override the settings stored in the workbook (e.g. a profile chosen in the pane) */
  settings?: WorkbookSettings;
  onResult?: (result: LiveResult<S>) => void;
  onSelection?: (selection: SelectionInfo) => void;
  onStatus?: (status: LiveStatus) => void;
  /** zh-CN message of a failed pass or action (the checker keeps running) */
  onError?: (message: string, error: unknown) => void;
  /** wait after the last edit before checking (default 300 ms) */
  debounceMs?: number;
  /** without triggerSource (ExcelApi < 1.14): change events this long after our own writes are ignored (default 1000 ms) */
  suppressMs?: number;
  /** a change not checked after this long makes the result “may be out of date” (default 1500 ms) */
  staleAfterMs?: number;
}

export interface LiveChecker<S = SheetReport[]> {
  readonly capabilities: Capabilities;
  readonly last: LiveResult<S> | undefined;
  /** register the events and run the first check */
  start(): Promise<LiveResult<S>>;
  /** unregister the events (the marks stay in the workbook; turning marking off deletes them) */
  stop(): Promise<void>;
  /** check now (covers changes Excel fires no event for) */
  recheck(): Promise<LiveResult<S>>;
  applyFix(diagnostic: Diagnostic): Promise<FixOutcome>;
  /** every fix of the last check; two fixes on one cell: the first wins */
  applySafeFixes(): Promise<FixOutcome>;
  /** select a cell (activating its sheet) */
  select(cell: string, sheet?: string): Promise<void>;
  /** mark flagged cells in the sheet, or delete the marks (nothing else is touched) */
  setHighlighting(on: boolean): Promise<LiveResult<S>>;
  /**
   * “清除全部标记”: delete every jxmb mark in the workbook (the clerk's formats untouched), without
   * waiting on a cell edit. They come back with the next check. Resolves to the formats deleted and
   * what the clerk should know (a sheet whose formats cannot be read keeps its marks).
   */
  clearMarks(): Promise<{ removed: number; notices: string[] }>;
  /** store settings in the workbook and re-check */
  updateSettings(settings: WorkbookSettings): Promise<LiveResult<S>>;
  /** insert a rendered block (see insertPlan) and re-check */
  insert(render: (at: CellPos) => RenderPlan, options?: InsertOptions): Promise<InsertResult>;
  /** add a 指标库 indicator to a block of the last check, in its place (src/sheet/add-indicator.ts), and re-check */
  addIndicator(blockIndex: number, indicator: IndicatorLike): Promise<AddIndicatorWrite & { note?: string }>;
  diagnosticsAt(sheet: string, address: string): Diagnostic[];
  /** whether the last result may be out of date */
  status(): LiveStatus;
  subscribe(listener: (result: LiveResult<S>) => void): () => void;
  onSelectionChanged(listener: (selection: SelectionInfo) => void): () => void;
  onStatusChanged(listener: (status: LiveStatus) => void): () => void;
  /** resolves when no check is scheduled or running */
  idle(): Promise<void>;
  dispose(): Promise<void>;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export function createLiveChecker<S = SheetReport[]>(opts: LiveCheckerOptions<S>): LiveChecker<S> {
  const { excel } = opts;
  const analyze = opts.analyze ?? (analyzeGrid as unknown as Analyze<S>);
  const caps = getCapabilities(excel);
  const debounceMs = opts.debounceMs ?? 300;
  const staleAfterMs = opts.staleAfterMs ?? 1500;
  let overrides: WorkbookSettings = { ...opts.settings };
  let last: LiveResult<S> | undefined;
  let lastPass: PassResult<S> | undefined;
  /** what the event registration's round trip learnt of the workbook, for the first pass */
  let primed: PassMemory | undefined;
  const memory = (): PassMemory | undefined => lastPass?.memory ?? primed;
  let listening = false;
  const results = new Set<(r: LiveResult<S>) => void>();
  const selections = new Set<(s: SelectionInfo) => void>();
  const statuses = new Set<(s: LiveStatus) => void>();
  if (opts.onResult) results.add(opts.onResult);
  if (opts.onSelection) selections.add(opts.onSelection);
  if (opts.onStatus) statuses.add(opts.onStatus);

  const report = (what: string, e: unknown) => opts.onError?.(`${what}：${errorText(e)}`, e);

  // ---- status: may the result be out of date?
  let dirtySince: number | undefined;
  let lastFailure: string | undefined;
  let remotePending = false;
  let staleTimer: ReturnType<typeof setTimeout> | undefined;
  let shown: string | null = null;
  function computeStatus(): LiveStatus {
    if (!caps.liveEvents) return { stale: '此版本 Excel 不会在编辑后自动检查：结果可能不是最新的，修改后请点击“重新检查”' };
    if (last && !listening) return { stale: '边填边检查已关闭：结果可能不是最新的，修改后请点击“重新检查”' };
    if (lastFailure) return { stale: `上次检查未完成（${lastFailure}）：结果可能不是最新的` };
    if (dirtySince !== undefined && Date.now() - dirtySince >= staleAfterMs)
      return { stale: '有修改尚未检查完（Excel 可能正处于单元格编辑状态）：结果可能不是最新的，结束编辑后会自动检查' };
    if (remotePending) return { stale: '已检查协作者的修改；单元格上的标记将在你下次编辑或点击“重新检查”时更新' };
    return { stale: null };
  }
  function publishStatus(): void {
    const s = computeStatus();
    if (s.stale === shown) return;
    shown = s.stale;
    for (const l of statuses) l(s);
  }
  function markDirty(): void {
    if (dirtySince === undefined) dirtySince = Date.now();
    if (staleTimer === undefined)
      staleTimer = setTimeout(() => {
        staleTimer = undefined;
        publishStatus();
      }, staleAfterMs);
  }
  function markClean(): void {
    dirtySince = undefined;
    if (staleTimer !== undefined) clearTimeout(staleTimer);
    staleTimer = undefined;
  }

  // ---- the parts: background checks (./live/schedule.ts), the clerk's commands and our own
  // writes (./live/commands.ts), change verification (./live/verify.ts), events (./live/events.ts)
  const scheduler = createScheduler({
    debounceMs,
    busy: () => commands.running > 0,
    run: runBackground,
    requested: markDirty,
    failed(e) {
      lastFailure = errorText(e);
      report('自动检查失败', e);
      publishStatus();
    },
  });
  const commands = createCommandQueue({ starting: scheduler.cancel, idle: scheduler.kick });
  const command = <T>(f: () => Promise<T>): Promise<T> => commands.run(f);
  const ownWrites = createOwnWrites(caps, opts.suppressMs ?? 1000);
  const ownWrite = <T>(f: () => Promise<T>): Promise<T> => ownWrites.run(f);
  const events = createEventAdapters({
    excel,
    caps,
    listening: () => listening,
    isOwn: ownWrites.isOwn,
    request: scheduler.request,
    selected(worksheetId, address) {
      if (selections.size === 0) return;
      let sheet = '';
      for (const [name, id] of lastPass?.sheetIds ?? []) if (id === worksheetId) sheet = name;
      const info: SelectionInfo = { sheet, address, diagnostics: last ? diagnosticsAt(last.diagnostics, sheet, address) : [] };
      for (const l of selections) l(info);
    },
  });

  function publish(r: PassResult<S>): LiveResult<S> {
    lastPass = r;
    last = {
      blocks: r.blocks,
      diagnostics: r.diagnostics,
      year: r.year,
      sheets: r.sheets,
      durationMs: r.durationMs,
      settings: r.settings,
      highlighting: caps.marks && r.settings.highlighting !== false,
      capabilities: caps,
      notices: r.notices,
      checkedAt: Date.now(),
    };
    remotePending = r.marksPending;
    lastFailure = undefined;
    const result = last;
    for (const l of results) l(result);
    publishStatus();
    return result;
  }

  /** a pass the clerk asked for (or that follows their command): no waiting on a cell edit */
  async function clerkPass(): Promise<LiveResult<S>> {
    try {
      const r = await ownWrite(() => validationPass(excel, caps, { analyze, settings: overrides, delayForCellEdit: false, memory: memory() }));
      markClean();
      return publish(r);
    } catch (e) {
      lastFailure = inCellEdit(e) ? 'Excel 正处于单元格编辑状态' : errorText(e);
      publishStatus();
      throw clerkError(e);
    }
  }

  /** a background check (edits, co-authors, verification): waits while the clerk edits a cell */
  async function runBackground(w: Wanted, cancelled: () => boolean): Promise<void> {
    if (!w.local && !w.remote) {
      // only a verification: has anything changed that Excel did not report?
      const changed = await changedSinceCheck(excel, caps, lastPass, w, cancelled);
      if (!changed) {
        markClean();
        publishStatus();
        return;
      }
    }
    // a co-author's change alone is checked, not written for; the clerk's own activity is
    const write = w.local || w.verify.size > 0 || w.cells.size > 0;
    const r = await ownWrite(() => validationPass(excel, caps, { analyze, settings: overrides, write, cancelled, memory: memory() }));
    if (cancelled()) throw new PassCancelled();
    markClean();
    publish(r);
  }

  async function stop(): Promise<void> {
    listening = false;
    scheduler.stopTimer();
    markClean();
    await events.remove();
    publishStatus();
  }

  async function fixAll(ds: Diagnostic[]): Promise<FixOutcome> {
    return command(async () => {
      const grid = lastPass?.grid;
      if (!grid) return { applied: [], refused: ds.map((d) => ({ diagnostic: d, reason: '尚未检查，请先检查后再修复' })), edits: [] };
      let outcome: FixOutcome;
      try {
        outcome = await ownWrite(() => applyFixes(excel, ds, grid));
      } catch (e) {
        throw clerkError(e);
      }
      if (outcome.edits.length > 0) await clerkPass().catch((e) => report('修复后检查失败', e));
      return outcome;
    });
  }

  const checker: LiveChecker<S> = {
    capabilities: caps,
    get last() {
      return last;
    },
    async start() {
      if (caps.liveEvents && !listening) {
        await events.register((m) => (primed = m));
        listening = true;
      }
      return command(async () => {
        // the first check may wait for the clerk to finish a cell edit: nothing was asked yet
        try {
          const r = await ownWrite(() => validationPass(excel, caps, { analyze, settings: overrides, memory: memory() }));
          markClean();
          const out = publish(r);
          // once: what an earlier jxmb changed is put back (./legacy.ts)
          if (r.legacy && caps.cellProperties) await ownWrite(() => migrateLegacyHighlights(excel, caps)).catch((e) => report('清除旧版标色失败', e));
          return out;
        } catch (e) {
          lastFailure = errorText(e);
          publishStatus();
          throw e;
        }
      });
    },
    stop,
    recheck: () => command(clerkPass),
    applyFix(diagnostic) {
      return fixAll([diagnostic]);
    },
    applySafeFixes() {
      return fixAll((last?.diagnostics ?? []).filter(isSafeBulkFix));
    },
    select(cell, sheet) {
      return command(async () => {
        try {
          await excel.run(async (ctx) => {
            const ws = sheet === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(sheet);
            ws.activate();
            ws.getRange(cell).select();
            await ctx.sync();
          });
        } catch (e) {
          throw clerkError(e);
        }
      });
    },
    async clearMarks() {
      return command(async () => {
        if (!caps.marks) return { removed: 0, notices: [] };
        const r = await ownWrite(() =>
          validationPass(excel, caps, { analyze: (() => ({ blocks: [], diagnostics: [], sheets: undefined })) as unknown as Analyze<S>, delayForCellEdit: false, memory: memory() }),
        ).catch((e: unknown) => {
          throw clerkError(e);
        });
        if (lastPass) lastPass = { ...lastPass, memory: r.memory };
        return { removed: r.markWrites, notices: r.notices };
      });
    },
    async setHighlighting(on) {
      return checker.updateSettings({ highlighting: on });
    },
    async updateSettings(settings) {
      return command(async () => {
        try {
          const stored = await loadSettings(excel, { delayForCellEdit: false });
          await saveSettings(excel, { ...stored, ...settings }, { delayForCellEdit: false });
        } catch (e) {
          throw clerkError(e);
        }
        overrides = { ...overrides, ...settings };
        return clerkPass();
      });
    },
    async insert(render, options) {
      return command(async () => {
        const result = await ownWrite(() => insertPlan(excel, render, options));
        if (result.ok) await clerkPass().catch((e) => report('插入后检查失败', e));
        return result;
      });
    },
    async addIndicator(blockIndex, indicator) {
      return command(async (): Promise<AddIndicatorWrite & { note?: string }> => {
        const block = last?.blocks.find((b) => b.index === blockIndex);
        const sheet = lastPass?.grid.sheets.find((g) => g.name === block?.sheet);
        if (!block || !sheet || !lastPass) return { ok: false, reason: '找不到这张表：请重新检查后再添加' };
        const planned = planAddIndicator(block, sheet, indicator, last?.year);
        if (!planned.ok) return { ok: false, reason: planned.reason };
        const out = await ownWrite(() => applyAddIndicator(excel, planned.plan, sheet)).catch((e: unknown) => {
          throw clerkError(e);
        });
        if (!out.ok) return out;
        await clerkPass().catch((e) => report('添加指标后检查失败', e));
        return { ...out, note: planned.plan.note };
      });
    },
    diagnosticsAt(sheet, address) {
      return last ? diagnosticsAt(last.diagnostics, sheet, address) : [];
    },
    status: computeStatus,
    subscribe(listener) {
      results.add(listener);
      return () => results.delete(listener);
    },
    onSelectionChanged(listener) {
      selections.add(listener);
      return () => selections.delete(listener);
    },
    onStatusChanged(listener) {
      statuses.add(listener);
      return () => statuses.delete(listener);
    },
    async idle() {
      for (;;) {
        await commands.settled;
        const running = scheduler.running;
        if (running) await running;
        if (!scheduler.pending && !scheduler.running && commands.running === 0) return;
        await new Promise((r) => setTimeout(r, Math.min(20, debounceMs + 1)));
      }
    },
    async dispose() {
      scheduler.dispose();
      await stop();
      scheduler.cancel();
      if (staleTimer !== undefined) clearTimeout(staleTimer);
      results.clear();
      selections.clear();
      statuses.clear();
    },
  };

  return checker;
}
