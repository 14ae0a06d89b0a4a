/**
 * One validation pass: read every sheet, recognise and check (pure code), update the highlights.
 * At most 3 syncs whatever the size of the workbook:
 *   1. the sheet list, the settings, the highlight state, the notes;
 *   2. every sheet's used range (values, number formats, merged areas, fills) and note locations;
 *   3. (only when something changes) the highlight writes and the new highlight state.
 * Should sync 3 fail partway, 2 more syncs put every touched cell's fill and note back.
 */
import { parseA1 } from '../domain/address';
import type { Block, Diagnostic } from '../domain/model';
import type { Grid } from '../sheet/grid';
import type { ExcelApi, XNote, XRange, XWorksheet } from './api';
import type { Capabilities } from './capabilities';
import {
  EMPTY_HIGHLIGHTS,
  rollbackHighlights,
  HIGHLIGHT_KEY,
  markKey,
  parseHighlightState,
  planHighlights,
  queueHighlightOps,
  queueHighlightState,
  wantedMarks,
  type HighlightState,
} from './highlight';
import { fillMapOf, NO_FILL_INFO, queueSheetRead, toGridSheet, type FillMap } from './read';
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
  settings: WorkbookSettings;
  highlights: HighlightState;
  /** highlight writes queued in this pass (0 = nothing changed in the sheet) */
  highlightWrites: number;
  durationMs: number;
}

export interface PassOptions<S> {
  analyze: Analyze<S>;
  /** settings given by the caller override those stored in the workbook */
  settings?: WorkbookSettings;
  /** called right before the write sync (to start the own-write suppression window) */
  beforeWrite?: () => void;
}

function sheetOfAddress(address: string): string {
  const bang = address.lastIndexOf('!');
  const s = bang >= 0 ? address.slice(0, bang) : '';
  return s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s;
}

function cellOfAddress(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1).split(':')[0].replace(/\$/g, '');
}

const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export async function validationPass<S>(excel: ExcelApi, caps: Capabilities, opts: PassOptions<S>): Promise<PassResult<S>> {
  const t0 = now();
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    // sync 1
    const wb = ctx.workbook;
    const sheets = wb.worksheets.load('items/id,items/name');
    const settingItem = queueSettingsLoad(ctx);
    const stateItem = wb.settings.getItemOrNullObject(HIGHLIGHT_KEY).load('value');
    const notes = caps.notes ? wb.notes.load('items/content') : null;
    await ctx.sync();

    const settings: WorkbookSettings = { ...settingsFrom(settingItem), ...opts.settings };
    const prev = caps.highlighting ? parseHighlightState(stateItem.isNullObject ? '' : stateItem.value) : EMPTY_HIGHLIGHTS;
    const highlightOn = caps.highlighting && settings.highlighting !== false;
    const needFills = highlightOn || prev.marks.length > 0;

    // sync 2
    const reads = sheets.items.map((ws) => queueSheetRead(ws, caps, needFills));
    const noteItems: XNote[] = notes ? notes.items : [];
    const locations: XRange[] = noteItems.map((n) => n.getLocation().load('address'));
    await ctx.sync();

    const grid: Grid = { sheets: reads.map(toGridSheet) };
    const sheetIds = new Map(reads.map((r) => [r.name, r.id]));
    const fills = new Map<string, FillMap | null>(reads.map((r) => [r.id, fillMapOf(r)]));
    const noteAt = new Map<string, string>();
    locations.forEach((loc, i) => {
      const id = sheetIds.get(sheetOfAddress(loc.address));
      if (id) noteAt.set(markKey(id, cellOfAddress(loc.address)), noteItems[i].content);
    });

    const analysis = opts.analyze(grid, settings);

    let highlights = prev;
    let highlightWrites = 0;
    if (caps.highlighting) {
      const wanted = highlightOn ? wantedMarks(analysis.diagnostics, sheetIds) : new Map();
      const plan = planHighlights(prev, wanted, {
        sheetExists: (id) => fills.has(id),
        fill: (id, cell) => {
          const m = fills.get(id);
          if (!m) return NO_FILL_INFO;
          const p = parseA1(cell);
          return m.get(p.row, p.col);
        },
        note: (id, cell) => noteAt.get(markKey(id, cell)),
        notes: caps.notes,
      });
      highlights = plan.next;
      highlightWrites = plan.ops.length;
      if (plan.changed) {
        // sync 3
        const byId = new Map<string, XWorksheet>();
        const sheet = (id: string): XWorksheet => {
          let ws = byId.get(id);
          if (!ws) {
            ws = wb.worksheets.getItem(id);
            byId.set(id, ws);
          }
          return ws;
        };
        queueHighlightOps(plan.ops, sheet);
        queueHighlightState(ctx, plan.next);
        opts.beforeWrite?.();
        try {
          await ctx.sync();
        } catch (e) {
          // the batch failed partway: every touched cell gets back the fill and note it had before
          // this pass (read in sync 2); the stored state was written last, so it still matches them
          const why = e instanceof Error ? e.message : String(e);
          try {
            const fresh = new Map<string, XWorksheet>(); // proxies of the failed batch may never have resolved
            const again = (id: string): XWorksheet => {
              let ws = fresh.get(id);
              if (!ws) {
                ws = wb.worksheets.getItem(id);
                fresh.set(id, ws);
              }
              return ws;
            };
            await rollbackHighlights(ctx, plan.ops, again, {
              fill: (id, cell) => {
                const m = fills.get(id);
                return m ? m.get(parseA1(cell).row, parseA1(cell).col) : NO_FILL_INFO;
              },
              note: (id, cell) => noteAt.get(markKey(id, cell)),
            });
          } catch (e2) {
            throw new Error(`更新标记失败：${why}；恢复原有格式时又出错（${e2 instanceof Error ? e2.message : String(e2)}）`);
          }
          throw new Error(`更新标记失败，已恢复原有格式：${why}`);
        }
      }
    }
    return {
      ...analysis,
      grid,
      sheetIds,
      settings,
      highlights,
      highlightWrites,
      durationMs: now() - t0,
    };
  });
}
