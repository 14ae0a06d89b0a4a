/**
 * One validation pass: read the workbook, recognise and check (pure code), bring the marks
 * (./marks.ts) up to date. Two round trips when the pass knows the workbook from the one before
 * (`PassMemory`, kept by the live checker), whatever the size of a township workbook:
 *   1. read — the settings, the sheet list with each sheet's protection, and of each sheet
 *      remembered: its used range, its cells where they were last time with a margin around them
 *      (values, number formats, merged areas; ./read.ts), its conditional formats, and where each of
 *      our marks remembered sits;
 *   2. write, only when a mark changes — our conditional formats added and deleted, in one undo
 *      action where Excel keeps add-ins' changes (`mergeUndoGroup`, ExcelApi 1.20).
 * What the memory does not cover costs a read more: a sheet it has not seen (its used range, then
 * its cells), a sheet grown past the margin (its cells), a mark it has not seen (where it sits). The
 * first pass of a session knows what the live checker's event registration learnt in its own round
 * trip (`queueSessionProbe`: the active sheet's used range and marks), so a workbook of one sheet is
 * read in 1 then too (2 with more sheets); a pass with no memory at all reads the active sheet's used
 * range and formats with the sheet list, then its cells: 2. A remembered sheet or mark that is gone
 * (deleted, undone) fails the first read, which is then done afresh.
 *
 * Undo (“Undo support with the Excel JavaScript API”): a pass calls nothing from that page's table
 * of APIs that clear the undo history, and writes no setting; a pass that changes no mark writes
 * nothing at all, so the clerk's Ctrl+Z is untouched by it on every Excel version.
 */
import type { Block, Diagnostic } from '../domain/model';
import type { Grid } from '../sheet/grid';
import type { ExcelApi, XConditionalFormatCollection, XRangeAreas, XRequestContext, XWorksheet, XWorksheetProtection } from './api';
import type { Capabilities } from './capabilities';
import { SHEET_COLUMNS, SHEET_ROWS } from './cellset';
import { HIGHLIGHT_KEY } from './legacy';
import { BYTES_PER_CALL, PAYLOAD_BUDGET, byBudget, inCellEdit, isCode, jsonBytes, type Rect } from './limits';
import { cellsOfAddress, emptyPlan, marksIn, planMarks, queueFormatsRead, queueMarkAdds, queueMarkCells, queueMarkWrites, queueSubCollections, queueSubDeletes, wantedMarks, type Mark, type MarkPlan, type WantedMarks } from './marks';
import { areaOf, cropRead, fingerprintOf, queueRectRead, queueUsed, readSheetData, rectReadBytes, rectWithin, toGridSheet, type RectRead, type SheetData, type SheetGeometry } from './read';
import { queueSettingsLoad, settingsFrom, type WorkbookSettings } from './settings';

/** What recognition + checking produce for a grid (src/sheet recognize + src/domain checkBlocks). */
export interface Analysis<S = unknown> {
  blocks: Block[];
  diagnostics: Diagnostic[];
  year?: number;
  sheets: S;
}

export type Analyze<S = unknown> = (grid: Grid, settings: WorkbookSettings) => Analysis<S>;

/** What the next pass may assume to read the workbook in one round trip (it checks every assumption in that same trip). */
export interface PassMemory {
  /** sheet id → the area read of it */
  areas: Map<string, Rect | null>;
  /** sheet id → the ids of our marks on it, as read after the last write (checked against the rules read beside them) */
  marks: Map<string, string[]>;
  /** sheets whose conditional formats could not be read (office-js #6827, #6835): read on their own, not with the others */
  unreadable?: Set<string>;
  /** sheets where a mark could not be deleted through the whole sheet's collection (office-js #5222): deleted through their cells from then on */
  covered?: Set<string>;
}

export interface PassResult<S = unknown> extends Analysis<S> {
  grid: Grid;
  /** sheet name → worksheet id */
  sheetIds: Map<string, string>;
  /** worksheet id → fingerprint of its content as checked (read.ts `fingerprintOf`) */
  fingerprints: Map<string, string>;
  settings: WorkbookSettings;
  /** worksheet id → our marks on it after the pass */
  marks: Map<string, Mark[]>;
  /** conditional formats this pass added or deleted (0: it wrote nothing) */
  markWrites: number;
  /** the marks were left as they were (a check-only pass) though they differ from the diagnostics */
  marksPending: boolean;
  /** zh-CN: what the clerk should know about this check (a protected sheet, …) */
  notices: string[];
  durationMs: number;
  /** for the next pass */
  memory: PassMemory;
  /** an earlier jxmb's highlight state is in the workbook (see ./legacy.ts) */
  legacy: boolean;
}

export interface PassOptions<S> {
  analyze: Analyze<S>;
  /** settings given by the caller override those stored in the workbook */
  settings?: WorkbookSettings;
  /** called right before the write sync (to start the own-write suppression window) */
  beforeWrite?: () => void;
  /** bring the marks up to date (default true); false: check only, write nothing (a co-author's change) */
  write?: boolean;
  /** wait while the clerk edits a cell (default true: a live pass; a command the clerk gave fails at once instead) */
  delayForCellEdit?: boolean;
  /** asked after every round trip: true stops the pass there, before anything is written */
  cancelled?: () => boolean;
  /** what the last pass learnt of the workbook */
  memory?: PassMemory;
}

/** The pass was stopped (`cancelled`) before it wrote anything. */
export class PassCancelled extends Error {
  constructor() {
    super('检查已让位于用户的操作');
    this.name = 'PassCancelled';
  }
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** zh-CN: a sheet whose protection keeps the marks as they are */
function protectionNotice(name: string): string {
  return `工作表“${name}”受保护（不允许设置单元格格式）：问题只在任务窗格中列出，单元格上的标记未更新。如需标记，请先撤消工作表保护（审阅 › 撤消工作表保护）。`;
}

/** zh-CN: a sheet whose conditional formats cannot be read (office-js #6827, #6835), in one line */
export function unreadableNotice(name: string): string {
  return `工作表“${name}”的条件格式无法读取（同一区域有两条“单元格值”规则或重复的规则）：问题照常列出，此表的标记未更新。`;
}

/** The area read of a remembered sheet: last time's, with room for what the clerk may have added since. */
export function readMargin(a: Rect): Rect {
  const top = Math.max(0, a.top - 5);
  const left = Math.max(0, a.left - 2);
  const bottom = Math.min(SHEET_ROWS - 1, a.top + a.rows - 1 + Math.max(20, Math.ceil(a.rows / 10)));
  const right = Math.min(SHEET_COLUMNS - 1, a.left + a.cols + 1);
  return { top, left, rows: bottom - top + 1, cols: right - left + 1 };
}

/** One sheet as the read phase gathers it. */
interface Sheet {
  id: string;
  name: string;
  protection: XWorksheetProtection;
  ws: XWorksheet;
  used?: Pick<SheetGeometry, 'used' | 'valuesUsed'>;
  /** the remembered area with its margin, read before the used range was known */
  guess?: RectRead;
  formats?: XConditionalFormatCollection;
  /** mark id → where it sits (queued) */
  cells: Map<string, XRangeAreas>;
  data?: SheetData;
  marks: Mark[];
  /** its conditional formats could not be read: checked, its marks left as they are */
  unreadable?: boolean;
}

interface Reading {
  settings: WorkbookSettings;
  legacy: boolean;
  sheets: Sheet[];
}

/**
 * What a session can know before its first pass: the active sheet's used range and our marks on it,
 * queued into a round trip the caller makes anyway (the live checker's event registration). The
 * first pass then reads as every later one does — one trip, checking each assumption again — so it
 * too is at most two (read; write when a mark changes). Call the returned function after that sync.
 */
export function queueSessionProbe(ctx: XRequestContext, caps: Capabilities): () => PassMemory {
  const { ws, used, formats } = queueActiveSheet(ctx, caps, true);
  return () => ({
    areas: new Map([[ws.id, areaOf(used)]]),
    marks: new Map([[ws.id, formats ? marksIn(formats).map((m) => m.id) : []]]),
  });
}

/** The active sheet (its id), its used range and, where marks are supported, its conditional formats. */
function queueActiveSheet(ctx: XRequestContext, caps: Capabilities, formats: boolean): { ws: XWorksheet; used: Pick<SheetGeometry, 'used' | 'valuesUsed'>; formats?: XConditionalFormatCollection } {
  const ws = ctx.workbook.worksheets.getActiveWorksheet().load({ id: true });
  return { ws, used: queueUsed(ws), formats: caps.marks && formats ? queueFormatsRead(ws) : undefined };
}

/** an error of the first, speculative read that reading afresh may avoid */
function retryable(e: unknown): boolean {
  return !(e instanceof PassCancelled) && !inCellEdit(e);
}

/**
 * @param isolate read every sheet's conditional formats in a round trip of its own (a shared read
 * failed: one sheet's formats may be unreadable, office-js #6827/#6835, and must not stop the others)
 */
async function readPhase(ctx: XRequestContext, caps: Capabilities, memory: PassMemory | undefined, step: () => Promise<void>, isolate = false): Promise<Reading> {
  const wb = ctx.workbook;
  /** whether a sheet's formats are read with the other reads (else on their own, after them) */
  const shared = (id: string | undefined): boolean => caps.marks && !isolate && !(id !== undefined && memory?.unreadable?.has(id));
  // round trip 1
  const settingItem = queueSettingsLoad(ctx);
  const legacyItem = wb.settings.getItemOrNullObject(HIGHLIGHT_KEY).load({ key: true });
  const list = wb.worksheets.load({ id: true, name: true, protection: { protected: true, options: true } });
  const known = new Map<string, Pick<Sheet, 'ws' | 'used' | 'guess' | 'formats' | 'cells'>>();
  if (memory) {
    const margins = new Map<string, Rect>();
    let bytes = 0;
    for (const [id, area] of memory.areas)
      if (area) {
        const m = readMargin(area);
        margins.set(id, m);
        bytes += rectReadBytes(m);
      }
    const cells = bytes <= PAYLOAD_BUDGET * 0.9; // else the cells are read on their own, in as many trips as they need
    for (const id of memory.areas.keys()) {
      const ws = wb.worksheets.getItem(id);
      const k: Pick<Sheet, 'ws' | 'used' | 'guess' | 'formats' | 'cells'> = { ws, used: queueUsed(ws), cells: new Map() };
      const margin = margins.get(id);
      if (cells && margin) k.guess = queueRectRead(ws, margin, caps);
      if (caps.marks && shared(id)) queueMarkReads(k, memory.marks.get(id) ?? []);
      known.set(id, k);
    }
  }
  // nothing remembered (the first pass): the active sheet's used range and formats come with the list
  let active: (Pick<Sheet, 'ws' | 'used' | 'guess' | 'formats' | 'cells'> & { ws: XWorksheet }) | undefined;
  if (!memory) {
    active = { ...queueActiveSheet(ctx, caps, shared(undefined)), cells: new Map() };
  }
  try {
    await step();
  } catch (e) {
    if (memory && retryable(e)) return readPhase(ctx, caps, undefined, step);
    if (!isolate && caps.marks && retryable(e)) return readPhase(ctx, caps, undefined, step, true);
    throw e;
  }
  if (active) known.set(active.ws.id, active);

  const sheets: Sheet[] = list.items.map((ws) => {
    const k = known.get(ws.id);
    return { id: ws.id, name: ws.name, protection: ws.protection, ws: k?.ws ?? ws, used: k?.used, guess: k?.guess, formats: k?.formats, cells: k?.cells ?? new Map(), marks: [] };
  });

  // round trip 2, for sheets the memory did not have: their used range and conditional formats
  const fresh = sheets.filter((s) => !s.used);
  if (fresh.length > 0) {
    for (const s of fresh) {
      s.used = queueUsed(s.ws);
      if (caps.marks && shared(s.id)) s.formats = queueFormatsRead(s.ws);
    }
    try {
      await step();
    } catch (e) {
      if (!isolate && caps.marks && retryable(e)) return readPhase(ctx, caps, undefined, step, true);
      throw e;
    }
  }

  // the formats not read with the rest: each sheet's on its own, so that one unreadable sheet stops no other
  if (caps.marks)
    for (const s of sheets)
      if (!s.formats) {
        s.formats = queueFormatsRead(s.ws);
        try {
          await step();
        } catch (e) {
          if (!retryable(e)) throw e;
          s.formats = undefined;
          s.unreadable = true;
        }
      }

  // the cells read in advance, where they cover the used range; where our marks sit, where read
  const rest: Sheet[] = [];
  for (const s of sheets) {
    const used = s.used as Pick<SheetGeometry, 'used' | 'valuesUsed'>;
    const area = areaOf(used);
    if (area === null) s.data = { id: s.id, name: s.name, area, chunks: [], merges: [] };
    else if (s.guess && rectWithin(area, s.guess.rect)) s.data = { id: s.id, name: s.name, area, ...cropRead(s.guess, area, caps) };
    else rest.push(s);
  }
  let pending = false;
  if (caps.marks)
    for (const s of sheets) {
      s.marks = s.formats && !s.unreadable ? marksIn(s.formats) : [];
      for (const m of s.marks)
        if (!s.cells.has(m.id)) {
          queueMarkReads(s, [m.id]);
          pending = true;
        }
    }

  // round trip 3 (more only past the payload budget): the cells not read yet, and where the marks not remembered sit
  if (rest.length > 0) {
    const data = await readSheetData(ctx, rest.map((s) => ({ ws: s.ws, id: s.id, name: s.name, ...(s.used as Pick<SheetGeometry, 'used' | 'valuesUsed'>) })), caps);
    rest.forEach((s, i) => (s.data = data[i]));
  } else if (pending) await step();
  if (caps.marks) for (const s of sheets) for (const m of s.marks) m.cells = cellsOfAddress((s.cells.get(m.id) as XRangeAreas).address);

  return { settings: settingsFrom(settingItem), legacy: !legacyItem.isNullObject, sheets };
}

/**
 * Queue the reads of a sheet's conditional formats and of where the given marks sit.
 * @requires caps.marks
 */
function queueMarkReads(s: Pick<Sheet, 'ws' | 'formats' | 'cells'>, ids: string[]): void {
  s.formats ??= queueFormatsRead(s.ws);
  for (const id of ids) s.cells.set(id, queueMarkCells(s.formats, id));
}

/** the request bytes of a sheet's mark writes: an added format is about six calls and its address, a deletion two */
function planBytes(p: MarkPlan): number {
  return p.adds.reduce((n, a) => n + 6 * BYTES_PER_CALL + jsonBytes(a.address), 0) + p.deletes.length * 2 * BYTES_PER_CALL;
}

export async function validationPass<S>(excel: ExcelApi, caps: Capabilities, opts: PassOptions<S>): Promise<PassResult<S>> {
  const t0 = now();
  const write = opts.write !== false;
  const runOptions: Excel.RunOptions = { delayForCellEdit: opts.delayForCellEdit !== false };
  // ExcelApi 1.20: the pass's writes are one action of the clerk's undo history
  if (caps.undoGroups) runOptions.mergeUndoGroup = true;
  return excel.run(runOptions, async (ctx) => {
    const step = async () => {
      await ctx.sync();
      if (opts.cancelled?.()) throw new PassCancelled();
    };
    const r = await readPhase(ctx, caps, opts.memory, step);
    if (opts.cancelled?.()) throw new PassCancelled();
    const data = r.sheets.map((s) => s.data as SheetData);
    const grid: Grid = { sheets: data.map(toGridSheet) };
    const sheetIds = new Map(data.map((d) => [d.name, d.id]));
    const fingerprints = new Map(data.map((d) => [d.id, fingerprintOf(d.area, d.chunks)]));
    const settings: WorkbookSettings = { ...r.settings, ...opts.settings };
    const analysis = opts.analyze(grid, settings);

    const notices: string[] = [];
    const plans = new Map<string, MarkPlan>();
    const marks = new Map<string, Mark[]>();
    const wanted: WantedMarks = caps.marks && settings.highlighting !== false ? wantedMarks(analysis.diagnostics, sheetIds) : new Map();
    if (caps.marks) {
      for (const s of r.sheets) {
        marks.set(s.id, s.marks);
        if (s.unreadable) {
          notices.push(unreadableNotice(s.name));
          continue;
        }
        const plan = planMarks(s.marks, wanted.get(s.id));
        if (emptyPlan(plan)) continue;
        // Excel.WorksheetProtectionOptions: conditional formats are cell formatting (allowFormatCells)
        const p = s.protection;
        if (p.protected && p.options.allowFormatCells !== true) notices.push(protectionNotice(s.name));
        else plans.set(s.id, plan);
      }
    }

    let markWrites = 0;
    let marksPending = false;
    const writes = [...plans.values()].reduce((n, p) => n + p.adds.length + p.deletes.length, 0);
    const covered = new Set(opts.memory?.covered ?? []);
    /** sheet id → its formats as read after the pass's writes (the ids the next pass may use) */
    const after = new Map<string, XConditionalFormatCollection>();
    if (writes > 0 && !write) marksPending = true;
    else if (writes > 0 && caps.marks) {
      if (opts.cancelled?.()) throw new PassCancelled();
      opts.beforeWrite?.();
      const byId = new Map(r.sheets.map((s) => [s.id, s]));
      try {
        try {
          // a sheet known for #5222: its marks to delete are found in their cells' collections first (one round trip more)
          const subs = new Map<string, ReturnType<typeof queueSubCollections>>();
          for (const [id, plan] of plans)
            if (opts.memory?.covered?.has(id) && plan.deletes.length > 0) {
              const s = byId.get(id) as Sheet;
              const gone = new Set(plan.deletes);
              subs.set(id, queueSubCollections(s.ws, s.marks.filter((m) => gone.has(m.id))));
            }
          if (subs.size > 0) await ctx.sync();
          // one round trip (more only past the payload budget: still one undo action with mergeUndoGroup)
          for (const batch of byBudget([...plans], ([, p]) => planBytes(p))) {
            for (const [id, plan] of batch) {
              const ws = (byId.get(id) as Sheet).ws;
              const sub = subs.get(id);
              if (sub) {
                queueSubDeletes(ws, sub);
                queueMarkAdds(ws, plan);
                after.set(id, queueFormatsRead(ws));
              } else after.set(id, queueMarkWrites(ws, plan));
            }
            await ctx.sync();
          }
        } catch (e) {
          if (!(isCode(e, 'ItemNotFound') && caps.marks)) throw e;
          for (const id of plans.keys()) covered.add(id);
          // office-js #5222: a mark another format also covers cannot be deleted through the whole
          // sheet's collection. What the failed batch did is not known (batches are not
          // transactional): read the marks again, and delete each through one of its cells' collection.
          after.clear();
          const sheets = [...plans.keys()].map((id) => byId.get(id) as Sheet);
          const found = sheets.map((s) => queueFormatsRead(s.ws));
          await ctx.sync();
          const again = sheets.map((s, i) => {
            const list = marksIn(found[i]);
            return { s, list, cells: list.map((m) => queueMarkCells(found[i], m.id)) };
          });
          await ctx.sync();
          const redo = again.map(({ s, list, cells }) => {
            list.forEach((m, j) => (m.cells = cellsOfAddress(cells[j].address)));
            const plan = planMarks(list, wanted.get(s.id));
            const gone = new Set(plan.deletes);
            return { s, plan, subs: queueSubCollections(s.ws, list.filter((m) => gone.has(m.id))) };
          });
          await ctx.sync();
          for (const { s, plan, subs } of redo) {
            queueSubDeletes(s.ws, subs);
            queueMarkAdds(s.ws, plan);
            after.set(s.id, queueFormatsRead(s.ws));
          }
          await ctx.sync();
        }
      } catch (e) {
        throw new Error(`更新单元格标记失败：${e instanceof Error ? e.message : String(e)}`);
      }
      markWrites = writes;
      for (const [id, formats] of after) {
        // the ids are new; the cells are those wanted (a severity written as one format) or read by the next pass
        const want = wanted.get(id);
        const list = marksIn(formats);
        for (const m of list) if (m.severity !== null && list.filter((x) => x.severity === m.severity).length === 1) m.cells = new Set(want?.get(m.severity) ?? []);
        marks.set(id, list);
      }
    }

    const memory: PassMemory = {
      areas: new Map(data.map((d) => [d.id, d.area])),
      marks: new Map([...marks].map(([id, list]) => [id, list.map((m) => m.id)])),
      unreadable: new Set(r.sheets.filter((s) => s.unreadable).map((s) => s.id)),
      covered,
    };
    return {
      ...analysis,
      grid,
      sheetIds,
      fingerprints,
      settings,
      marks,
      markWrites,
      marksPending,
      notices,
      durationMs: now() - t0,
      memory,
      legacy: r.legacy,
    };
  });
}
