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
 */
import { parseA1, parseRange, rangeContains } from '../domain/address';
import type { Block, Diagnostic } from '../domain/model';
import { isSafeBulkFix } from '../domain/fixes';
import type { CellPos } from '../domain/address';
import type { RenderPlan } from '../sheet/render';
import type { ExcelApi, XActivatedEventArgs, XChangedEventArgs, XEventHandlerResult, XHandlerContext, XRange, XSelectionChangedEventArgs } from './api';
import type { SheetReport } from '../sheet/recognize';
import { analyzeGrid } from './analyze';
import { getCapabilities, type Capabilities } from './capabilities';
import { applyFixes, type FixOutcome } from './fix';
import { insertPlan, type InsertOptions, type InsertResult } from './insert';
import { applyAddIndicator, type AddIndicatorWrite } from './add-indicator';
import { planAddIndicator } from '../sheet/add-indicator';
import type { IndicatorLike } from '../domain/indicators/form';
import { CELL_EDIT_MESSAGE, inCellEdit } from './limits';
import { migrateLegacyHighlights } from './legacy';
import { PassCancelled, queueSessionProbe, validationPass, type Analyze, type PassMemory, type PassResult } from './pass';
import { fingerprintOf, queueGeometry, readSheetData, toCellValue } from './read';
import { cellFormat, cellValue, type GridSheet } from '../sheet/grid';
import { loadSettings, saveSettings, type WorkbookSettings } from './settings';

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

/** what a background check was asked for */
interface Wanted {
  /** a local change: check and bring the marks up to date */
  local: boolean;
  /** a co-author's change: check only */
  remote: boolean;
  /** sheets to verify (an edit Excel may not have reported); empty: nothing to verify */
  verify: Set<string>;
  /** cells to verify: the selection the clerk just left, by sheet id → A1 ranges */
  cells: Map<string, Set<string>>;
}

/** a selection this small is verified cell by cell; a larger one, with its whole sheet */
const VERIFY_CELLS = 5000;

export function createLiveChecker<S = SheetReport[]>(opts: LiveCheckerOptions<S>): LiveChecker<S> {
  const { excel } = opts;
  const analyze = opts.analyze ?? (analyzeGrid as unknown as Analyze<S>);
  const caps = getCapabilities(excel);
  const debounceMs = opts.debounceMs ?? 300;
  const suppressMs = opts.suppressMs ?? 1000;
  const staleAfterMs = opts.staleAfterMs ?? 1500;
  let overrides: WorkbookSettings = { ...opts.settings };
  let last: LiveResult<S> | undefined;
  let lastPass: PassResult<S> | undefined;
  /** what the event registration's round trip learnt of the workbook, for the first pass */
  let primed: PassMemory | undefined;
  const memory = (): PassMemory | undefined => lastPass?.memory ?? primed;
  let handlers: XEventHandlerResult[] = [];
  let listening = false;
  let ownWrites = 0;
  let suppressUntil = 0;
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

  // ---- the clerk's commands run one at a time, and never behind a background check
  let commands: Promise<unknown> = Promise.resolve();
  let commandsRunning = 0;
  function command<T>(f: () => Promise<T>): Promise<T> {
    commandsRunning++;
    background?.cancel();
    const p = commands.then(f).finally(() => {
      commandsRunning--;
      if (commandsRunning === 0) kick();
    });
    commands = p.catch(() => undefined);
    return p;
  }

  /** the clerk's command found Excel in cell-edit mode: one clear message */
  function clerkError(e: unknown): unknown {
    return inCellEdit(e) ? new Error(CELL_EDIT_MESSAGE) : e;
  }

  /** our own writes: without triggerSource, events during them and shortly after are ignored */
  async function ownWrite<T>(f: () => Promise<T>): Promise<T> {
    ownWrites++;
    try {
      return await f();
    } finally {
      ownWrites--;
      suppressUntil = Date.now() + suppressMs;
    }
  }

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

  // ---- background checks (edits, co-authors, verification): at most one at a time
  const nothing = (): Wanted => ({ local: false, remote: false, verify: new Set(), cells: new Map() });
  let wanted: Wanted = nothing();
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let background: { cancel(): void; done: Promise<void> } | undefined;

  function schedule(): void {
    markDirty();
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, debounceMs);
  }

  /** start the wanted background work, unless a command or another check is running */
  function kick(): void {
    if (disposed || timer !== undefined || background || commandsRunning > 0) return;
    const w = wanted;
    if (!w.local && !w.remote && w.verify.size === 0 && w.cells.size === 0) return;
    wanted = nothing();
    let cancelled = false;
    const me: { cancel(): void; done: Promise<void> } = {
      cancel: () => {
        cancelled = true;
        if (background === me) background = undefined; // the clerk's command does not wait for it
      },
      done: Promise.resolve(),
    };
    background = me;
    me.done = runBackground(w, () => cancelled)
      .catch((e) => {
        if (e instanceof PassCancelled || cancelled) {
          // the clerk's command went first: what this check was for is still to do
          wanted.local ||= w.local;
          wanted.remote ||= w.remote;
          for (const id of w.verify) wanted.verify.add(id);
          for (const [id, list] of w.cells) for (const a of list) wantCells(id, a);
          return;
        }
        lastFailure = errorText(e);
        report('自动检查失败', e);
        publishStatus();
      })
      .finally(() => {
        if (background === me) background = undefined;
        kick(); // what this check left (or gave back when it was stopped) is still to do
      });
  }

  async function runBackground(w: Wanted, cancelled: () => boolean): Promise<void> {
    if (!w.local && !w.remote) {
      // only a verification: has anything changed that Excel did not report?
      const changed = w.verify.size > 0 ? await changedSinceCheck([...w.verify], cancelled) : await cellsChanged(w.cells, cancelled);
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

  /**
   * The cheap check behind a selection change or sheet activation: read the given sheets' values
   * and number formats (2 syncs, no merged areas) and compare their fingerprints with the last
   * check's. A sheet the last check did not see counts as changed.
   */
  async function changedSinceCheck(ids: string[], cancelled: () => boolean): Promise<boolean> {
    const known = lastPass?.fingerprints;
    if (!known || ids.some((id) => !known.has(id))) return true;
    try {
      return await excel.run({ delayForCellEdit: true }, async (ctx) => {
        const geometry = ids.map((id) => queueGeometry(ctx.workbook.worksheets.getItem(id).load({ id: true, name: true })));
        await ctx.sync();
        if (cancelled()) throw new PassCancelled();
        const data = await readSheetData(ctx, geometry, { ...caps, mergedAreas: false });
        return data.some((d) => known.get(d.id) !== fingerprintOf(d.area, d.chunks));
      });
    } catch (e) {
      // a sheet that went away is a change; anything else the full check will meet (and report)
      if (e instanceof PassCancelled) throw e;
      return true;
    }
  }

  /**
   * The cheapest verification, behind a selection change: the cells the clerk just left — where a
   * dropdown pick, a paste or a fill-drag happened (they leave what they changed selected) — read
   * in one sync and compared with the last check's grid.
   */
  async function cellsChanged(cells: Map<string, Set<string>>, cancelled: () => boolean): Promise<boolean> {
    const pass = lastPass;
    if (!pass) return true;
    const names = new Map([...pass.sheetIds].map(([name, id]) => [id, name]));
    const reads: { sheet: GridSheet; top: number; left: number; range: XRange }[] = [];
    try {
      return await excel.run({ delayForCellEdit: true }, async (ctx) => {
        for (const [id, list] of cells) {
          const sheet = pass.grid.sheets.find((s) => s.name === names.get(id));
          if (!sheet) return true;
          const ws = ctx.workbook.worksheets.getItem(id);
          for (const address of list) {
            const r = parseRange(address);
            reads.push({ sheet, top: r.top, left: r.left, range: ws.getRange(address).load({ values: true, numberFormat: true }) });
          }
        }
        await ctx.sync();
        if (cancelled()) throw new PassCancelled();
        return reads.some(({ sheet, top, left, range }) =>
          range.values.some((line, i) =>
            line.some((v, j) => {
              const f = range.numberFormat[i][j];
              const fmt = f === 'General' || f === null || f === undefined ? undefined : String(f);
              return JSON.stringify(toCellValue(v) ?? null) !== JSON.stringify(cellValue(sheet, top + i, left + j)) || fmt !== cellFormat(sheet, top + i, left + j);
            }),
          ),
        );
      });
    } catch (e) {
      if (e instanceof PassCancelled) throw e;
      return true;
    }
  }

  function wantCells(sheetId: string, address: string): void {
    const list = wanted.cells.get(sheetId) ?? new Set<string>();
    list.add(address);
    wanted.cells.set(sheetId, list);
  }

  async function onChanged(args: XChangedEventArgs): Promise<void> {
    if (!listening) return;
    if (caps.triggerSource) {
      if (args.triggerSource === 'ThisLocalAddin') return;
    } else if (ownWrites > 0 || Date.now() < suppressUntil) return;
    if (args.source === 'Remote') wanted.remote = true;
    else wanted.local = true;
    schedule();
  }

  function verify(...sheetIds: string[]): void {
    for (const id of sheetIds) if (id) wanted.verify.add(id);
    schedule();
  }

  function diagnosticsAt(sheet: string, address: string): Diagnostic[] {
    if (!last) return [];
    let area;
    try {
      area = parseRange(address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, ''));
    } catch {
      return [];
    }
    const first = { row: area.top, col: area.left };
    const at = (cell: string) => {
      try {
        return parseA1(cell.split(':')[0]);
      } catch {
        return undefined;
      }
    };
    const hits = last.diagnostics.filter((d) => {
      if (d.sheet !== sheet) return false;
      const p = at(d.cell);
      return p !== undefined && rangeContains(area, p.row, p.col);
    });
    const exact = (d: Diagnostic) => {
      const p = at(d.cell);
      return p !== undefined && p.row === first.row && p.col === first.col;
    };
    return [...hits.filter(exact), ...hits.filter((d) => !exact(d))];
  }

  let activeSheetId: string | undefined;
  let selected: { sheetId: string; address: string } | undefined;

  async function onSelection(args: XSelectionChangedEventArgs): Promise<void> {
    if (!listening) return;
    // the clerk left a cell: an edit Excel did not report (a dropdown pick, a paste) is there
    const left = selected;
    selected = { sheetId: args.worksheetId, address: args.address };
    activeSheetId = args.worksheetId;
    if (left) {
      let size = Infinity;
      try {
        const r = parseRange(left.address.slice(left.address.lastIndexOf('!') + 1).replace(/\$/g, ''));
        size = (r.bottom - r.top + 1) * (r.right - r.left + 1);
      } catch {
        // an address we cannot read: verify the whole sheet
      }
      if (size <= VERIFY_CELLS) wantCells(left.sheetId, left.address);
      else wanted.verify.add(left.sheetId);
      schedule();
    }
    if (selections.size === 0) return;
    let sheet = '';
    for (const [name, id] of lastPass?.sheetIds ?? []) if (id === args.worksheetId) sheet = name;
    const info: SelectionInfo = { sheet, address: args.address, diagnostics: diagnosticsAt(sheet, args.address) };
    for (const l of selections) l(info);
  }

  async function onActivated(args: XActivatedEventArgs): Promise<void> {
    if (!listening) return;
    // the sheet left behind may hold an unreported edit, and the one shown may have changed meanwhile
    verify(args.worksheetId, activeSheetId ?? '');
    activeSheetId = args.worksheetId;
    selected = undefined;
  }

  async function stop(): Promise<void> {
    listening = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    markClean();
    const hs = handlers;
    handlers = [];
    // as Office.js requires: remove each handler inside Excel.run on the context it was added in
    const contexts = new Map<XHandlerContext, XEventHandlerResult[]>();
    for (const h of hs) contexts.set(h.context, [...(contexts.get(h.context) ?? []), h]);
    await Promise.all(
      [...contexts].map(([context, group]) =>
        excel
          .run(context, async (ctx) => {
            for (const h of group) h.remove();
            await ctx.sync();
          })
          .catch(() => undefined),
      ),
    );
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
        handlers = await excel.run(async (ctx) => {
          const sheets = ctx.workbook.worksheets;
          const register = () => [sheets.onChanged.add(onChanged), sheets.onSelectionChanged.add(onSelection), sheets.onActivated.add(onActivated)];
          // the same round trip learns the active sheet's extent and marks: the first pass reads once.
          // The probe is queued first: should its formats be unreadable (office-js #6827, #6835) the
          // batch stops there, before any handler is added, and they are added in a trip of their own.
          const probe = queueSessionProbe(ctx, caps);
          let hs = register();
          try {
            await ctx.sync();
            primed = probe();
          } catch (e) {
            if (inCellEdit(e)) throw e;
            hs = register();
            await ctx.sync();
          }
          return hs;
        });
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
    diagnosticsAt,
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
        await commands;
        if (background) await background.done;
        if (timer === undefined && !background && commandsRunning === 0) return;
        await new Promise((r) => setTimeout(r, Math.min(20, debounceMs + 1)));
      }
    },
    async dispose() {
      disposed = true;
      await stop();
      background?.cancel();
      if (staleTimer !== undefined) clearTimeout(staleTimer);
      results.clear();
      selections.clear();
      statuses.clear();
    },
  };

  return checker;
}
