/**
 * Workbooks marked by an earlier jxmb. That version coloured each flagged cell's own fill, wrote a
 * note (`【绩效表助手】…`) and kept, in the workbook setting `jxmb.highlights`, each marked cell's
 * address, its fill from before and a tag of the note. Left alone, those fills would look like marks
 * that never go away. So once, when the pane first checks such a workbook, the saved state is used
 * to put back what that version changed — where it is still there to put back: a cell whose fill is
 * still exactly the old mark's colour gets its own fill again, a note that is still exactly the note
 * that version wrote is deleted — and the setting is then removed. A cell the clerk recoloured, or
 * whose content moved since (the old state was kept by address), is left as it is. Sheets whose
 * protection does not allow formatting are left too, and their part of the state is kept for a later
 * run. This is the only time the add-in writes a setting on its own (it clears Excel's undo history
 * once).
 */
import type { Severity } from '../domain/model';
import type { ExcelApi, XClientResult, XNote, XWorksheet } from './api';
import { cellKey, rectsOf } from './cellset';
import type { Capabilities } from './capabilities';
import { parseA1, toA1 } from '../domain/address';
import { addressPieces } from './marks';
import { FILL_LOAD, FNV_START, fillInfoOf, fnv, type FillInfo } from './read';

export const HIGHLIGHT_KEY = 'jxmb.highlights';
export const NOTE_PREFIX = '【绩效表助手】';

/** the fills that version used (the marks now use the same colours) */
const OLD_FILLS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

export interface LegacyMark {
  sheetId: string;
  cell: string;
  severity: Severity;
  /** the cell's fill before that version marked it */
  fill: FillInfo;
  /** the note it wrote, as a tag of its text (or the text itself, in its earliest states) */
  note?: string;
}

export function parseLegacyState(value: unknown): LegacyMark[] {
  if (typeof value !== 'string' || value === '') return [];
  try {
    const v = JSON.parse(value) as { version?: unknown; marks?: unknown };
    if (v && v.version === 1 && Array.isArray(v.marks))
      return (v.marks as LegacyMark[]).filter((m) => m && typeof m.sheetId === 'string' && typeof m.cell === 'string' && m.severity in OLD_FILLS && m.fill && typeof m.fill.pattern === 'string');
  } catch {
    // a damaged setting: nothing can be put back with confidence
  }
  return [];
}

/** The tag that version kept of a note it wrote. */
export function noteTag(content: string): string {
  return `fnv:${fnv(FNV_START, content).toString(16)}:${content.length}`;
}

function sameNote(stored: string | undefined, content: string | undefined): boolean {
  return stored !== undefined && content !== undefined && content.startsWith(NOTE_PREFIX) && (stored === content || stored === noteTag(content));
}

export interface LegacyOutcome {
  /** cells whose own fill was put back */
  fills: number;
  /** notes of that version deleted */
  notes: number;
  /** marks left for a later run (a protected sheet) */
  kept: number;
}

const fillKey = (f: FillInfo) => `${f.pattern}|${f.color}|${f.patternColor ?? ''}`;

/**
 * Put back what the earlier version changed and remove its setting (3 syncs: the state, the cells, the writes).
 * @requires caps.cellProperties
 */
export async function migrateLegacyHighlights(excel: ExcelApi, caps: Capabilities): Promise<LegacyOutcome> {
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    const item = ctx.workbook.settings.getItemOrNullObject(HIGHLIGHT_KEY).load({ value: true });
    const sheets = ctx.workbook.worksheets.load({ id: true, protection: { protected: true, options: true } });
    await ctx.sync();
    const outcome: LegacyOutcome = { fills: 0, notes: 0, kept: 0 };
    if (item.isNullObject) return outcome;
    const marks = parseLegacyState(item.value);
    const byId = new Map(sheets.items.map((ws) => [ws.id, ws]));
    const writable = (id: string) => {
      const p = byId.get(id)?.protection;
      return !p || !p.protected || p.options.allowFormatCells === true;
    };
    const kept = marks.filter((m) => byId.has(m.sheetId) && !writable(m.sheetId));
    const todo = marks.filter((m) => byId.has(m.sheetId) && writable(m.sheetId));
    // what the cells hold now: their fill, and their note
    const fills = new Map<LegacyMark, FillRead>();
    const notes = new Map<LegacyMark, XNote>();
    const bySheet = new Map<string, LegacyMark[]>();
    for (const m of todo) bySheet.set(m.sheetId, [...(bySheet.get(m.sheetId) ?? []), m]);
    for (const [id, list] of bySheet) {
      const ws = ctx.workbook.worksheets.getItem(id);
      queueFillReads(ws, list, fills);
      if (caps.notes) queueNoteReads(ws, list, notes);
    }
    await ctx.sync();
    // put back: fills grouped by the fill to put back, notes one by one
    const restore = new Map<string, { sheetId: string; fill: FillInfo; cells: number[] }>();
    for (const m of todo) {
      const read = fills.get(m);
      const now = read && fillOf(read);
      if (now && now.pattern === 'Solid' && now.color.toUpperCase() === OLD_FILLS[m.severity]) {
        const k = `${m.sheetId}|${fillKey(m.fill)}`;
        const g = restore.get(k) ?? { sheetId: m.sheetId, fill: m.fill, cells: [] };
        const p = parseA1(m.cell);
        g.cells.push(cellKey(p.row, p.col));
        restore.set(k, g);
        outcome.fills++;
      }
    }
    for (const g of restore.values()) {
      const ws = ctx.workbook.worksheets.getItem(g.sheetId);
      for (const address of addressPieces(new Set(g.cells))) {
        const cells = ws.getRanges(address);
        if (g.fill.pattern === 'None') cells.format.fill.clear();
        else {
          cells.format.fill.color = g.fill.color;
          cells.format.fill.pattern = g.fill.pattern as Excel.RangeFill['pattern'];
          if (g.fill.patternColor) cells.format.fill.patternColor = g.fill.patternColor;
        }
      }
    }
    if (caps.notes) outcome.notes = queueNoteDeletes(todo, notes);
    outcome.kept = kept.length;
    if (kept.length > 0) ctx.workbook.settings.add(HIGHLIGHT_KEY, JSON.stringify({ version: 1, marks: kept }));
    else item.delete();
    await ctx.sync();
    return outcome;
  });
}

/**
 * Queue the fill reads of the marked cells of one sheet, in vertical runs.
 * @requires caps.cellProperties
 */
function queueFillReads(ws: XWorksheet, list: LegacyMark[], out: Map<LegacyMark, FillRead>): void {
  const at = new Map<string, LegacyMark[]>();
  const keys: number[] = [];
  for (const m of list) {
    let p;
    try {
      p = parseA1(m.cell);
    } catch {
      continue;
    }
    const a = toA1(p.row, p.col);
    at.set(a, [...(at.get(a) ?? []), m]);
    keys.push(cellKey(p.row, p.col));
  }
  for (const r of rectsOf(keys)) {
    const props = ws.getRangeByIndexes(r.top, r.left, r.bottom - r.top + 1, r.right - r.left + 1).getCellProperties(FILL_LOAD);
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++)
        for (const m of at.get(toA1(row, col)) ?? []) out.set(m, { props, row: row - r.top, col: col - r.left });
  }
}

/** one cell's place in a queued `getCellProperties` read */
interface FillRead {
  props: XClientResult<Excel.CellProperties[][]>;
  row: number;
  col: number;
}

/**
 * After the sync: the fill a queued read found.
 * @requires caps.cellProperties
 */
function fillOf(r: FillRead): FillInfo {
  return fillInfoOf(r.props.value[r.row]?.[r.col]?.format?.fill);
}

/**
 * Queue the note reads of the marked cells that version wrote a note on.
 * @requires caps.notes
 */
function queueNoteReads(ws: XWorksheet, list: LegacyMark[], out: Map<LegacyMark, XNote>): void {
  for (const m of list) if (m.note !== undefined) out.set(m, ws.notes.getItemOrNullObject(m.cell).load({ content: true }));
}

/**
 * Queue the deletion of the notes that are still exactly what that version wrote; how many.
 * @requires caps.notes
 */
function queueNoteDeletes(list: LegacyMark[], notes: Map<LegacyMark, XNote>): number {
  let n = 0;
  for (const m of list) {
    const note = notes.get(m);
    if (!note || note.isNullObject || !sameNote(m.note, note.content)) continue;
    note.delete();
    n++;
  }
  return n;
}
