/**
 * Live validation: re-check the workbook on every user edit (debounced, coalescing rapid edits
 * and pastes), keep the highlights in step, apply fixes, insert blocks — the controller the task
 * pane talks to. See the API summary in ./index.ts.
 */
import { parseA1, parseRange, rangeContains } from '../domain/address';
import type { Block, Diagnostic } from '../domain/model';
import { isSafeBulkFix } from '../domain/fixes';
import type { CellPos } from '../domain/address';
import type { RenderPlan } from '../sheet/render';
import type { ExcelApi, XChangedEventArgs, XEventHandlerResult, XSelectionChangedEventArgs } from './api';
import type { SheetReport } from '../sheet/recognize';
import { analyzeGrid } from './analyze';
import { getCapabilities, type Capabilities } from './capabilities';
import { applyFixes, type FixOutcome } from './fix';
import { insertPlan, type InsertOptions, type InsertResult } from './insert';
import { applyAddIndicator, type AddIndicatorWrite } from './add-indicator';
import { planAddIndicator } from '../sheet/add-indicator';
import type { IndicatorLike } from '../domain/indicators/form';
import { validationPass, type Analyze, type PassResult } from './pass';
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
}

export interface SelectionInfo {
  sheet: string;
  address: string;
  /** diagnostics on the selected cell(s), those exactly at the first cell first */
  diagnostics: Diagnostic[];
}

export interface LiveCheckerOptions<S = SheetReport[]> {
  excel: ExcelApi;
  /** recognition + checking of a grid (default: recognize + checkBlocks, see ./analyze.ts) */
  analyze?: Analyze<S>;
  /** override the settings stored in the workbook (e.g. a profile chosen in the pane) */
  settings?: WorkbookSettings;
  onResult?: (result: LiveResult<S>) => void;
  onSelection?: (selection: SelectionInfo) => void;
  /** zh-CN message of a failed pass or action (the checker keeps running) */
  onError?: (message: string, error: unknown) => void;
  /** wait after the last edit before checking (default 300 ms) */
  debounceMs?: number;
  /** without triggerSource (ExcelApi < 1.14): change events this long after our own writes are ignored (default 1000 ms) */
  suppressMs?: number;
}

export interface LiveChecker<S = SheetReport[]> {
  readonly capabilities: Capabilities;
  readonly last: LiveResult<S> | undefined;
  /** register the events and run the first check */
  start(): Promise<LiveResult<S>>;
  /** unregister the events (highlights stay; they are restored when highlighting is turned off) */
  stop(): Promise<void>;
  /** check now (covers changes Excel fires no event for) */
  recheck(): Promise<LiveResult<S>>;
  applyFix(diagnostic: Diagnostic): Promise<FixOutcome>;
  /** every fix of the last check; two fixes on one cell: the first wins */
  applySafeFixes(): Promise<FixOutcome>;
  /** select a cell (activating its sheet) */
  select(cell: string, sheet?: string): Promise<void>;
  /** mark flagged cells in the sheet or restore every marked cell exactly */
  setHighlighting(on: boolean): Promise<LiveResult<S>>;
  /** store settings in the workbook and re-check */
  updateSettings(settings: WorkbookSettings): Promise<LiveResult<S>>;
  /** insert a rendered block (see insertPlan) and re-check */
  insert(render: (at: CellPos) => RenderPlan, options?: InsertOptions): Promise<InsertResult>;
  /** add a 指标库 indicator to a block of the last check, in its place (src/sheet/add-indicator.ts), and re-check */
  addIndicator(blockIndex: number, indicator: IndicatorLike): Promise<AddIndicatorWrite & { note?: string }>;
  diagnosticsAt(sheet: string, address: string): Diagnostic[];
  subscribe(listener: (result: LiveResult<S>) => void): () => void;
  onSelectionChanged(listener: (selection: SelectionInfo) => void): () => void;
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
  const suppressMs = opts.suppressMs ?? 1000;
  let overrides: WorkbookSettings = { ...opts.settings };
  let last: LiveResult<S> | undefined;
  let lastPass: PassResult<S> | undefined;
  let chain: Promise<unknown> = Promise.resolve();
  let running = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let handlers: XEventHandlerResult[] = [];
  let listening = false;
  let ownWrites = 0;
  let suppressUntil = 0;
  const results = new Set<(r: LiveResult<S>) => void>();
  const selections = new Set<(s: SelectionInfo) => void>();
  if (opts.onResult) results.add(opts.onResult);
  if (opts.onSelection) selections.add(opts.onSelection);

  const report = (what: string, e: unknown) => opts.onError?.(`${what}：${errorText(e)}`, e);

  function exclusive<T>(f: () => Promise<T>): Promise<T> {
    running++;
    const p = chain.then(f).finally(() => running--);
    chain = p.catch(() => undefined);
    return p;
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

  async function pass(): Promise<LiveResult<S>> {
    const r = await ownWrite(() => validationPass(excel, caps, { analyze, settings: overrides }));
    lastPass = r;
    last = {
      blocks: r.blocks,
      diagnostics: r.diagnostics,
      year: r.year,
      sheets: r.sheets,
      durationMs: r.durationMs,
      settings: r.settings,
      highlighting: caps.highlighting && r.settings.highlighting !== false,
      capabilities: caps,
    };
    const result = last;
    for (const l of results) l(result);
    return result;
  }

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      exclusive(pass).catch((e) => report('自动检查失败', e));
    }, debounceMs);
  }

  async function onChanged(args: XChangedEventArgs): Promise<void> {
    if (!listening) return;
    if (args.triggerSource === 'ThisLocalAddin') return;
    if (args.triggerSource === undefined && (ownWrites > 0 || Date.now() < suppressUntil)) return;
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

  async function onSelection(args: XSelectionChangedEventArgs): Promise<void> {
    if (!listening || selections.size === 0) return;
    let sheet = '';
    for (const [name, id] of lastPass?.sheetIds ?? []) if (id === args.worksheetId) sheet = name;
    const info: SelectionInfo = { sheet, address: args.address, diagnostics: diagnosticsAt(sheet, args.address) };
    for (const l of selections) l(info);
  }

  async function stop(): Promise<void> {
    listening = false;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const hs = handlers;
    handlers = [];
    // as Office.js requires: remove each handler inside Excel.run on the context it was added in
    const contexts = new Map<XEventHandlerResult['context'], XEventHandlerResult[]>();
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
  }

  async function fixAll(ds: Diagnostic[]): Promise<FixOutcome> {
    const outcome = await exclusive(async () => {
      const grid = lastPass?.grid;
      if (!grid) return { applied: [], refused: ds.map((d) => ({ diagnostic: d, reason: '尚未检查，请先检查后再修复' })), edits: [] };
      return ownWrite(() => applyFixes(excel, ds, grid));
    });
    if (outcome.edits.length > 0) await exclusive(pass).catch((e) => report('修复后检查失败', e));
    return outcome;
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
          const hs = [sheets.onChanged.add(onChanged), sheets.onSelectionChanged.add(onSelection)];
          await ctx.sync();
          return hs;
        });
        listening = true;
      }
      return exclusive(pass);
    },
    stop,
    recheck: () => exclusive(pass),
    applyFix(diagnostic) {
      return fixAll([diagnostic]);
    },
    applySafeFixes() {
      return fixAll((last?.diagnostics ?? []).filter(isSafeBulkFix));
    },
    select(cell, sheet) {
      return excel.run({ delayForCellEdit: true }, async (ctx) => {
        const ws = sheet === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      });
    },
    async setHighlighting(on) {
      return checker.updateSettings({ highlighting: on });
    },
    async updateSettings(settings) {
      return exclusive(async () => {
        const stored = await loadSettings(excel);
        await saveSettings(excel, { ...stored, ...settings });
        overrides = { ...overrides, ...settings };
        return pass();
      });
    },
    async insert(render, options) {
      const result = await exclusive(() => ownWrite(() => insertPlan(excel, render, options)));
      if (result.ok) await checker.recheck().catch((e) => report('插入后检查失败', e));
      return result;
    },
    async addIndicator(blockIndex, indicator) {
      const result = await exclusive(async (): Promise<AddIndicatorWrite & { note?: string }> => {
        const block = last?.blocks.find((b) => b.index === blockIndex);
        const sheet = lastPass?.grid.sheets.find((g) => g.name === block?.sheet);
        if (!block || !sheet || !lastPass) return { ok: false, reason: '找不到这张表：请重新检查后再添加' };
        const planned = planAddIndicator(block, sheet, indicator, last?.year);
        if (!planned.ok) return { ok: false, reason: planned.reason };
        const out = await ownWrite(() => applyAddIndicator(excel, planned.plan, sheet, lastPass?.sheetIds.get(block.sheet)));
        return out.ok ? { ...out, note: planned.plan.note } : out;
      });
      if (result.ok) await checker.recheck().catch((e) => report('添加指标后检查失败', e));
      return result;
    },
    diagnosticsAt,
    subscribe(listener) {
      results.add(listener);
      return () => results.delete(listener);
    },
    onSelectionChanged(listener) {
      selections.add(listener);
      return () => selections.delete(listener);
    },
    async idle() {
      while (timer !== undefined || running > 0) {
        await new Promise((r) => setTimeout(r, Math.min(20, debounceMs + 1)));
        await chain;
      }
    },
    async dispose() {
      await stop();
      results.clear();
      selections.clear();
    },
  };

  return checker;
}
