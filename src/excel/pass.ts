/**
 * One validation pass: read every sheet, recognise and check (pure code), update the highlights.
 * The same number of syncs whatever the size of a township workbook (each within Excel's limits,
 * see ./limits.ts):
 *   1. the sheet list, the settings, the highlight state;
 *   2. each sheet's geometry and protection;
 *   3. values, number formats and merged areas (read.ts);
 *   4. (only when a highlight changes) the fill and note of each cell the change touches;
 *   5. (only then) the highlight writes and the new highlight state.
 * Nothing changed: 3 syncs; a highlight changed: 5. Should the writes fail partway, 2 more syncs
 * put every touched cell's fill and note back.
 */
import type { Block, Diagnostic } from '../domain/model';
import type { Grid } from '../sheet/grid';
import type { ExcelApi, XWorkbook, XWorksheet, XWorksheetProtection } from './api';
import type { Capabilities } from './capabilities';
import {
  EMPTY_HIGHLIGHTS,
  cellsToInspect,
  inspectionParts,
  inspectedEnv,
  markKey,
  parseHighlightState,
  planHighlights,
  queueHighlightOps,
  queueHighlightState,
  queueInspection,
  rollbackHighlights,
  sortMarks,
  HIGHLIGHT_KEY,
  wantedMarks,
  type HighlightOp,
  type HighlightState,
  type Inspection,
  type WantedMark,
} from './highlight';
import { BYTES_PER_CALL, PAYLOAD_BUDGET, byBudget, jsonBytes } from './limits';
import { NO_FILL_INFO, fingerprintOf, queueGeometry, readSheetData, toGridSheet } from './read';
import { queueSettingsLoad, settingsFrom, type WorkbookSettings } from './settings';

/** What recognition + checking produce for a grid (src/sheet recognize + src/domain checkBlocks). */
export interface Analysis<S = unknown> {
  blocks: Block[];
  diagnostics: Diagnostic[];
  year?: number;
  sheets: S;
}

export type Analyze<S = unknown> = (grid: Grid, settings: WorkbookSettings) => Analysis<S>;

export interface PassResult<S = unknown> extends Analysis<S> {
  grid: Grid;
  /** sheet name → worksheet id */
  sheetIds: Map<string, string>;
  /** worksheet id → fingerprint of its content as checked (read.ts `fingerprintOf`) */
  fingerprints: Map<string, string>;
  settings: WorkbookSettings;
  highlights: HighlightState;
  /** highlight writes queued in this pass (0 = nothing changed in the sheet) */
  highlightWrites: number;
  /** the highlights were left as they were (a check-only pass): they may not match the diagnostics */
  highlightsPending: boolean;
  /** zh-CN: what the clerk should know about this check (a protected sheet, …) */
  notices: string[];
  durationMs: number;
}

export interface PassOptions<S> {
  analyze: Analyze<S>;
  /** settings given by the caller override those stored in the workbook */
  settings?: WorkbookSettings;
  /** called right before the write sync (to start the own-write suppression window) */
  beforeWrite?: () => void;
  /** bring the highlights up to date (default true); false: check only, write nothing (a co-author's change) */
  write?: boolean;
  /** wait while the clerk edits a cell (default true: a live pass; a command the clerk gave fails at once instead) */
  delayForCellEdit?: boolean;
  /** asked after every round trip: true stops the pass there, before anything is written */
  cancelled?: () => boolean;
}

/** The pass was stopped (`cancelled`) before it wrote anything. */
export class PassCancelled extends Error {
  constructor() {
    super('检查已让位于用户的操作');
    this.name = 'PassCancelled';
  }
}

/**
 * The request bytes one highlight op adds: fills are written through one object per list of ~40
 * cells (queueHighlightOps), so a cell's share is a fifth of a call and its address; a note is one
 * call (add) or two (find, then change or delete) and its text.
 */
function opBytes(op: HighlightOp): number {
  if (op.kind === 'mark' || op.kind === 'restore') return BYTES_PER_CALL / 5 + op.cell.length + 1;
  return BYTES_PER_CALL * (op.kind === 'addNote' ? 1 : 2) + op.cell.length + ('content' in op ? jsonBytes(op.content) : 0);
}

/** worksheet proxies by id, one each */
function sheetsById(wb: XWorkbook): (id: string) => XWorksheet {
  const byId = new Map<string, XWorksheet>();
  return (id) => {
    let ws = byId.get(id);
    if (!ws) {
      ws = wb.worksheets.getItem(id);
      byId.set(id, ws);
    }
    return ws;
  };
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** zh-CN notices of a sheet whose protection keeps the marks (or notes) off it */
function protectionNotice(name: string, what: 'fills' | 'notes'): string {
  return what === 'fills'
    ? `工作表“${name}”受保护（不允许设置单元格格式）：问题只在任务窗格中列出，未在单元格上标色。如需标色，请先撤消工作表保护（审阅 › 撤消工作表保护）。`
    : `工作表“${name}”受保护（不允许编辑对象）：问题已标色，说明未写入批注，请在任务窗格中查看。`;
}

export async function validationPass<S>(excel: ExcelApi, caps: Capabilities, opts: PassOptions<S>): Promise<PassResult<S>> {
  const t0 = now();
  const write = opts.write !== false;
  return excel.run({ delayForCellEdit: opts.delayForCellEdit !== false }, async (ctx) => {
    const step = async () => {
      await ctx.sync();
      if (opts.cancelled?.()) throw new PassCancelled();
    };
    // sync 1
    const wb = ctx.workbook;
    const sheets = wb.worksheets.load({ id: true, name: true });
    const settingItem = queueSettingsLoad(ctx);
    const stateItem = wb.settings.getItemOrNullObject(HIGHLIGHT_KEY).load({ value: true });
    await step();

    const settings: WorkbookSettings = { ...settingsFrom(settingItem), ...opts.settings };
    const prev = caps.highlighting ? parseHighlightState(stateItem.isNullObject ? '' : stateItem.value) : EMPTY_HIGHLIGHTS;
    const highlightOn = caps.highlighting && settings.highlighting !== false;

    // sync 2
    const geometry = sheets.items.map(queueGeometry);
    const protection = new Map<string, XWorksheetProtection>(sheets.items.map((ws) => [ws.id, ws.protection.load({ protected: true, options: true })]));
    await step();

    // sync 3
    const data = await readSheetData(ctx, geometry, caps);
    if (opts.cancelled?.()) throw new PassCancelled();
    const grid: Grid = { sheets: data.map(toGridSheet) };
    const sheetIds = new Map(data.map((d) => [d.name, d.id]));
    const names = new Map(data.map((d) => [d.id, d.name]));
    const fingerprints = new Map(data.map((d) => [d.id, fingerprintOf(d.area, d.chunks)]));

    const analysis = opts.analyze(grid, settings);
    const notices: string[] = [];
    let highlights = prev;
    let highlightWrites = 0;
    let highlightsPending = false;
    if (caps.highlighting) {
      // Excel.WorksheetProtectionOptions: a protected sheet takes fills only with allowFormatCells, notes only with allowEditObjects
      const formatAllowed = (id: string) => {
        const p = protection.get(id);
        return !p || !p.protected || p.options.allowFormatCells === true;
      };
      const notesAllowed = (id: string) => {
        if (!caps.notes) return false;
        const p = protection.get(id);
        return !p || !p.protected || p.options.allowEditObjects === true;
      };
      const sheetExists = (id: string) => names.has(id);
      const wanted: Map<string, WantedMark> = highlightOn ? wantedMarks(analysis.diagnostics, sheetIds) : new Map();
      // a sheet whose protection keeps fills off: its marks stay as they are (they cannot be removed either), no new ones
      const blocked = new Set<string>();
      for (const [key, w] of wanted) {
        if (formatAllowed(w.sheetId)) continue;
        blocked.add(w.sheetId);
        wanted.delete(key);
      }
      const kept = prev.marks.filter((m) => sheetExists(m.sheetId) && !formatAllowed(m.sheetId));
      for (const m of kept) blocked.add(m.sheetId);
      const planned: HighlightState = { version: 1, marks: prev.marks.filter((m) => !kept.includes(m)) };
      for (const id of blocked) if (analysis.diagnostics.some((d) => sheetIds.get(d.sheet) === id)) notices.push(protectionNotice(names.get(id) ?? '', 'fills'));
      if (caps.notes)
        for (const id of new Set([...wanted.values()].map((w) => w.sheetId)))
          if (!notesAllowed(id)) notices.push(protectionNotice(names.get(id) ?? '', 'notes'));

      if (!write) highlightsPending = true;
      else {
        const sheet = sheetsById(wb);
        // sync 4: what the cells the plan may act on hold now
        const inspect = cellsToInspect(planned, wanted, notesAllowed, sheetExists);
        const seen: Inspection = { fill: new Map(), note: new Map() };
        if (inspect.fills.length + inspect.notes.length + inspect.noteExists.length > 0) {
          for (const part of inspectionParts(inspect, PAYLOAD_BUDGET, BYTES_PER_CALL)) {
            const done = queueInspection(part, sheet, caps);
            await step();
            const got = done();
            for (const [k, v] of got.fill) seen.fill.set(k, v);
            for (const [k, v] of got.note) seen.note.set(k, v);
          }
        }
        const plan = planHighlights(planned, wanted, inspectedEnv(planned, seen, notesAllowed, sheetExists));
        const next: HighlightState = { version: 1, marks: sortMarks([...plan.next.marks, ...kept]) };
        highlights = next;
        highlightWrites = plan.ops.length;
        if (plan.ops.length > 0 || JSON.stringify(next) !== JSON.stringify(prev)) {
          // sync 5 (more only past the payload budget; the state is written last)
          const batches = byBudget(plan.ops, opBytes, PAYLOAD_BUDGET - jsonBytes(JSON.stringify(next)));
          if (batches.length === 0) batches.push([]);
          if (opts.cancelled?.()) throw new PassCancelled();
          opts.beforeWrite?.();
          const sent: HighlightOp[] = [];
          try {
            for (let i = 0; i < batches.length; i++) {
              queueHighlightOps(batches[i], sheet, caps);
              sent.push(...batches[i]);
              if (i === batches.length - 1) queueHighlightState(ctx, next);
              await ctx.sync();
            }
          } catch (e) {
            // the batch failed partway: every touched cell gets back the fill and note it had before
            // this pass (read in sync 4); the stored state was written last, so it still matches them
            const why = e instanceof Error ? e.message : String(e);
            try {
              const again = sheetsById(wb); // proxies of the failed batch may never have resolved
              await rollbackHighlights(ctx, sent, again, {
                fill: (id, cell) => seen.fill.get(markKey(id, cell)) ?? NO_FILL_INFO,
                note: (id, cell) => seen.note.get(markKey(id, cell)),
              }, caps);
            } catch (e2) {
              throw new Error(`更新标记失败：${why}；恢复原有格式时又出错（${e2 instanceof Error ? e2.message : String(e2)}）`);
            }
            throw new Error(`更新标记失败，已恢复原有格式：${why}`);
          }
        }
      }
    }
    return {
      ...analysis,
      grid,
      sheetIds,
      fingerprints,
      settings,
      highlights,
      highlightWrites,
      highlightsPending,
      notices,
      durationMs: now() - t0,
    };
  });
}
