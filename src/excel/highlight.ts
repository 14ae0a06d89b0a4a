/**
 * Inline highlighting: every flagged cell gets a fill by severity and (where notes exist) a note
 * with the reason. Before a cell is marked its original fill is saved in the workbook (setting
 * `jxmb.highlights`), so clearing restores it exactly — also after closing and reopening. Fonts,
 * borders, number formats and values are never touched; a user's own note is never overwritten.
 *
 * Planning is pure (`planHighlights`: previous state + wanted marks + what the cells hold now →
 * the writes and the next state). What the cells hold is read only for the cells the plan may act
 * on (`cellsToInspect`, `queueInspection`): a mark that stays as it was is taken to be intact.
 * `queueHighlightOps` queues the writes: cells getting the same fill are written through one
 * `Worksheet.getRanges` object, so a first pass over 500 projects stays far under Excel on the web's
 * 5 MB request limit (one object and call per cell would not).
 *
 * Note for issue 13 (conditional formats will replace this scheme): the saved fill relies on
 * `pattern` to tell No Fill from a white fill, since No Fill's colour reads #FFFFFF (office-js #6218);
 * where a platform reports no pattern, `tintAndShade` (null for No Fill, office-js #4900) decides
 * (read.ts `fillInfoOf`). A clerk who recolours a cell while its mark stays the same is not noticed
 * until the mark changes (then their colour is kept, never painted over).
 */
import { columnName, parseA1 } from '../domain/address';
import type { Diagnostic, Severity } from '../domain/model';
import type { XNote, XNoteCollection, XRequestContext, XWorksheet } from './api';
import type { Capabilities } from './capabilities';
import { FILL_LOAD, FNV_START, fillInfoOf, fnv, NO_FILL_INFO, type FillInfo } from './read';

export const HIGHLIGHT_KEY = 'jxmb.highlights';
export const NOTE_PREFIX = '【绩效表助手】';
const NOTE_MAX = 1000;

/** error light red, warning amber, info light blue */
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

export interface Mark {
  sheetId: string;
  cell: string;
  severity: Severity;
  /** the fill the cell had before it was marked */
  fill: FillInfo;
  /** the note we wrote, as `noteTag` (absent: the cell had a note of its own, or notes are unavailable) */
  note?: string;
}

export interface HighlightState {
  version: 1;
  marks: Mark[];
}

export const EMPTY_HIGHLIGHTS: HighlightState = { version: 1, marks: [] };

export function parseHighlightState(value: unknown): HighlightState {
  if (typeof value !== 'string' || value === '') return { version: 1, marks: [] };
  try {
    const v = JSON.parse(value) as Partial<HighlightState>;
    if (v && v.version === 1 && Array.isArray(v.marks)) return { version: 1, marks: v.marks };
  } catch {
    // a damaged setting: start afresh (nothing to restore that we can trust)
  }
  return { version: 1, marks: [] };
}

export interface WantedMark {
  sheetId: string;
  cell: string;
  severity: Severity;
  note: string;
}

/**
 * What the state keeps of a note we wrote: a short tag of its text (enough to tell our note from one
 * the clerk wrote or changed), so the state stays small — at 500 projects the full texts would add
 * ~2 MB to every highlight write, against Excel on the web's 5 MB request limit.
 */
export function noteTag(content: string): string {
  return `fnv:${fnv(FNV_START, content).toString(16)}:${content.length}`;
}

/** `stored` (a tag, or a full text in a state written before tags) is the note `content` */
export function sameNote(stored: string | undefined, content: string | undefined): boolean {
  return stored !== undefined && content !== undefined && (stored === content || stored === noteTag(content));
}

export function markKey(sheetId: string, cell: string): string {
  return `${sheetId}!${cell}`;
}

function topLeft(cell: string): string {
  return cell.split(':')[0].replace(/\$/g, '').toUpperCase();
}

/** One mark per flagged cell: the highest severity, and every reason in the note. */
export function wantedMarks(diagnostics: Diagnostic[], sheetIdByName: Map<string, string>): Map<string, WantedMark> {
  const byCell = new Map<string, { sheetId: string; cell: string; severity: Severity; lines: string[] }>();
  for (const d of diagnostics) {
    const sheetId = sheetIdByName.get(d.sheet);
    if (!sheetId) continue;
    const cell = topLeft(d.cell);
    try {
      parseA1(cell);
    } catch {
      continue;
    }
    const key = markKey(sheetId, cell);
    const m = byCell.get(key) ?? { sheetId, cell, severity: d.severity, lines: [] };
    if (RANK[d.severity] > RANK[m.severity]) m.severity = d.severity;
    const label = d.severity === 'error' ? '错误' : d.severity === 'warning' ? '警告' : '提示';
    m.lines.push(`【${label}】${d.message}`);
    byCell.set(key, m);
  }
  const out = new Map<string, WantedMark>();
  for (const [key, m] of byCell) {
    let note = `${NOTE_PREFIX}\n${m.lines.join('\n')}`;
    if (note.length > NOTE_MAX) note = `${note.slice(0, NOTE_MAX - 1)}…`;
    out.set(key, { sheetId: m.sheetId, cell: m.cell, severity: m.severity, note });
  }
  return out;
}

export type HighlightOp =
  | { kind: 'mark'; sheetId: string; cell: string; severity: Severity }
  | { kind: 'restore'; sheetId: string; cell: string; fill: FillInfo }
  | { kind: 'addNote'; sheetId: string; cell: string; content: string }
  | { kind: 'setNote'; sheetId: string; cell: string; content: string }
  | { kind: 'deleteNote'; sheetId: string; cell: string };

/** What the cells hold now (read in the same pass). */
export interface HighlightEnv {
  sheetExists(sheetId: string): boolean;
  fill(sheetId: string, cell: string): FillInfo;
  /** content of the note on the cell, if any */
  note(sheetId: string, cell: string): string | undefined;
  /** notes are written on this sheet (the API exists and the sheet's protection allows them) */
  notes(sheetId: string): boolean;
}

function isMarkFill(f: FillInfo, severity: Severity): boolean {
  return f.pattern === 'Solid' && f.color.toUpperCase() === MARK_COLORS[severity];
}

export interface HighlightPlan {
  ops: HighlightOp[];
  next: HighlightState;
  /** the state differs from the previous one (the setting must be written) */
  changed: boolean;
}

/** the order marks are stored in */
export function sortMarks(marks: Mark[]): Mark[] {
  return marks.sort((a, b) => (a.sheetId + a.cell < b.sheetId + b.cell ? -1 : 1));
}

export function planHighlights(prev: HighlightState, wanted: Map<string, WantedMark>, env: HighlightEnv): HighlightPlan {
  const ops: HighlightOp[] = [];
  const next: Mark[] = [];
  const prevByKey = new Map(prev.marks.map((m) => [markKey(m.sheetId, m.cell), m]));

  for (const [key, m] of prevByKey) {
    if (wanted.has(key)) continue;
    if (!env.sheetExists(m.sheetId)) continue; // the sheet is gone: nothing to restore
    // restore only when the cell still shows our mark (if the user recoloured it, theirs stays)
    if (isMarkFill(env.fill(m.sheetId, m.cell), m.severity)) ops.push({ kind: 'restore', sheetId: m.sheetId, cell: m.cell, fill: m.fill });
    if (env.notes(m.sheetId) && sameNote(m.note, env.note(m.sheetId, m.cell))) ops.push({ kind: 'deleteNote', sheetId: m.sheetId, cell: m.cell });
  }

  for (const [key, w] of wanted) {
    const old = prevByKey.get(key);
    const current = env.fill(w.sheetId, w.cell);
    const mark: Mark = { sheetId: w.sheetId, cell: w.cell, severity: w.severity, fill: current };
    if (old) {
      if (isMarkFill(current, old.severity)) {
        mark.fill = old.fill;
        if (old.severity !== w.severity) ops.push({ kind: 'mark', sheetId: w.sheetId, cell: w.cell, severity: w.severity });
      } else {
        // the user gave the marked cell a fill of their own: that is now the one to restore
        ops.push({ kind: 'mark', sheetId: w.sheetId, cell: w.cell, severity: w.severity });
      }
    } else {
      ops.push({ kind: 'mark', sheetId: w.sheetId, cell: w.cell, severity: w.severity });
    }
    if (env.notes(w.sheetId)) {
      const existing = env.note(w.sheetId, w.cell);
      const ours = sameNote(old?.note, existing);
      if (ours) {
        mark.note = sameNote(old?.note, w.note) ? old?.note : noteTag(w.note);
        if (!sameNote(old?.note, w.note)) ops.push({ kind: 'setNote', sheetId: w.sheetId, cell: w.cell, content: w.note });
      } else if (existing === undefined) {
        mark.note = noteTag(w.note);
        ops.push({ kind: 'addNote', sheetId: w.sheetId, cell: w.cell, content: w.note });
      } // else: the user's own note stays; the reason is shown in the pane only
    }
    next.push(mark);
  }
  sortMarks(next);
  const nextState: HighlightState = { version: 1, marks: next };
  const changed = ops.length > 0 || JSON.stringify(nextState) !== JSON.stringify(prev);
  return { ops, next: nextState, changed };
}

/** A worksheet's notes collection, one proxy per sheet (ExcelApi 1.18). */
function notesBySheet(sheet: (sheetId: string) => XWorksheet, caps: Capabilities): (sheetId: string) => XNoteCollection {
  const notes = new Map<string, XNoteCollection>();
  return (sheetId) => {
    let n = notes.get(sheetId);
    if (!n) {
      if (!caps.notes) throw new Error('此版本 Excel 不支持批注接口（需要 ExcelApi 1.18）');
      n = sheet(sheetId).notes;
      notes.set(sheetId, n);
    }
    return n;
  };
}

/** Excel's limit on a range reference typed as text; each `getRanges` address is kept under it. */
const ADDRESS_CHARS = 255;

/** Cells as comma-separated addresses, each list at most ADDRESS_CHARS long, vertical runs joined (`F3:F9`). */
export function addressLists(cells: string[]): string[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    const p = parseA1(c);
    byCol.set(p.col, [...(byCol.get(p.col) ?? []), p.row]);
  }
  const parts: string[] = [];
  for (const [col, rows] of [...byCol].sort((a, b) => a[0] - b[0])) {
    const sorted = [...new Set(rows)].sort((a, b) => a - b);
    let start = sorted[0];
    let prev = sorted[0];
    const flush = () => parts.push(start === prev ? `${columnName(col)}${start + 1}` : `${columnName(col)}${start + 1}:${columnName(col)}${prev + 1}`);
    for (const r of sorted.slice(1)) {
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      flush();
      start = prev = r;
    }
    flush();
  }
  const out: string[] = [];
  let cur = '';
  for (const p of parts) {
    if (cur && cur.length + 1 + p.length > ADDRESS_CHARS) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${p}` : p;
  }
  if (cur) out.push(cur);
  return out;
}

const fillKey = (f: FillInfo) => `${f.pattern}|${f.color}|${f.patternColor ?? ''}`;

/**
 * Queue the writes of a plan (no sync). `sheet(id)` gives a worksheet proxy by id. Fills go through
 * `Worksheet.getRanges` (ExcelApi 1.9), one object per list of cells getting the same fill.
 * @requires caps.highlighting
 */
export function queueHighlightOps(ops: HighlightOp[], sheet: (sheetId: string) => XWorksheet, caps: Capabilities): void {
  const fills = new Map<string, { sheetId: string; fill: FillInfo | Severity; cells: string[] }>();
  const notesOf = notesBySheet(sheet, caps);
  for (const op of ops) {
    if (op.kind === 'mark' || op.kind === 'restore') {
      const key = `${op.sheetId}|${op.kind === 'mark' ? op.severity : fillKey(op.fill)}`;
      const g = fills.get(key) ?? { sheetId: op.sheetId, fill: op.kind === 'mark' ? op.severity : op.fill, cells: [] };
      g.cells.push(op.cell);
      fills.set(key, g);
    }
  }
  for (const g of fills.values()) {
    const ws = sheet(g.sheetId);
    for (const address of addressLists(g.cells)) {
      const fill = ws.getRanges(address).format.fill;
      if (typeof g.fill === 'string') {
        fill.color = MARK_COLORS[g.fill];
        fill.pattern = 'Solid';
      } else if (g.fill.pattern === 'None') fill.clear();
      else {
        fill.color = g.fill.color;
        fill.pattern = g.fill.pattern as Excel.RangeFill['pattern'];
        if (g.fill.patternColor) fill.patternColor = g.fill.patternColor;
      }
    }
  }
  // note ops are only planned where notes exist (ExcelApi 1.18)
  if (caps.notes) queueNoteOps(ops, notesOf);
}

/**
 * Queue the note writes of a plan (no sync).
 * @requires caps.notes
 */
function queueNoteOps(ops: HighlightOp[], notesOf: (sheetId: string) => XNoteCollection): void {
  for (const op of ops) {
    switch (op.kind) {
      case 'addNote':
        notesOf(op.sheetId).add(op.cell, op.content);
        break;
      case 'setNote':
        notesOf(op.sheetId).getItemOrNullObject(op.cell).content = op.content;
        break;
      case 'deleteNote':
        notesOf(op.sheetId).getItemOrNullObject(op.cell).delete();
        break;
    }
  }
}

/** A cell of a sheet, by sheet id. */
export interface SheetCell {
  sheetId: string;
  cell: string;
}

/** The cells whose current fill or note a plan depends on (see `cellsToInspect`). */
export interface ToInspect {
  fills: SheetCell[];
  /** cells whose note's text matters (is our note still there, unchanged?) */
  notes: SheetCell[];
  /** cells where only whether a note exists matters (a new mark: a note there is the clerk's own) */
  noteExists: SheetCell[];
}

/**
 * The cells whose current fill or note the plan depends on: marks to remove (is our mark still
 * there?), new marks (the fill to save, a note of the clerk's own?), marks that change (still ours?).
 * A mark that stays as it was needs nothing read.
 */
export function cellsToInspect(prev: HighlightState, wanted: Map<string, WantedMark>, notes: (sheetId: string) => boolean, sheetExists: (sheetId: string) => boolean): ToInspect {
  const out: ToInspect = { fills: [], notes: [], noteExists: [] };
  const prevByKey = new Map(prev.marks.map((m) => [markKey(m.sheetId, m.cell), m]));
  for (const [key, m] of prevByKey) {
    if (wanted.has(key) || !sheetExists(m.sheetId)) continue;
    out.fills.push(m);
    if (m.note !== undefined && notes(m.sheetId)) out.notes.push(m);
  }
  for (const [key, w] of wanted) {
    const old = prevByKey.get(key);
    if (!old || old.severity !== w.severity) out.fills.push(w);
    if (!notes(w.sheetId) || (old && sameNote(old.note, w.note))) continue;
    if (old?.note !== undefined) out.notes.push(w);
    else out.noteExists.push(w);
  }
  return out;
}

/** The request bytes the reads of `c` take: a fill read per vertical run of cells, a note found (and read) per cell. */
export function inspectionBytes(c: ToInspect, bytesPerCall: number): number {
  const bySheet = new Map<string, string[]>();
  for (const x of c.fills) bySheet.set(x.sheetId, [...(bySheet.get(x.sheetId) ?? []), x.cell]);
  let runs = 0;
  for (const cells of bySheet.values()) runs += addressLists(cells).join(',').split(',').length;
  return bytesPerCall * (2 * runs + 2 * c.notes.length + c.noteExists.length);
}

/** `c` in parts whose reads each take at most `budget` request bytes. */
export function inspectionParts(c: ToInspect, budget: number, bytesPerCall: number): ToInspect[] {
  const total = inspectionBytes(c, bytesPerCall);
  const n = Math.max(1, Math.ceil(total / budget));
  if (n === 1) return [c];
  const slice = <T>(list: T[], i: number) => list.slice(Math.floor((i * list.length) / n), Math.floor(((i + 1) * list.length) / n));
  return Array.from({ length: n }, (_, i) => ({ fills: slice(c.fills, i), notes: slice(c.notes, i), noteExists: slice(c.noteExists, i) }));
}

/** What the inspected cells hold now. */
export interface Inspection {
  fill: Map<string, FillInfo>;
  note: Map<string, string | undefined>;
}

/** what an existing note whose text was not read stands for (not ours: a new mark never has our note yet) */
const SOMEONE_ELSES_NOTE = '\u0000（单元格已有批注）';

/**
 * Queue the reads of the inspected cells' fills (getCellProperties over vertical runs of cells) and
 * notes; call the returned function after the sync.
 * @requires caps.highlighting
 */
export function queueInspection(cells: ToInspect, sheet: (sheetId: string) => XWorksheet, caps: Capabilities): () => Inspection {
  const runs: { sheetId: string; col: number; top: number; props: ReturnType<ReturnType<XWorksheet['getRange']>['getCellProperties']> }[] = [];
  const bySheet = new Map<string, string[]>();
  for (const c of cells.fills) bySheet.set(c.sheetId, [...(bySheet.get(c.sheetId) ?? []), c.cell]);
  for (const [sheetId, list] of bySheet) {
    const ws = sheet(sheetId);
    for (const address of addressLists(list))
      for (const part of address.split(',')) {
        const [a] = part.split(':');
        const p = parseA1(a);
        runs.push({ sheetId, col: p.col, top: p.row, props: ws.getRange(part).getCellProperties(FILL_LOAD) });
      }
  }
  const noteItems = caps.notes ? queueNoteReads(cells, notesBySheet(sheet, caps)) : [];
  return () => {
    const fill = new Map<string, FillInfo>();
    for (const r of runs)
      r.props.value.forEach((line, i) => fill.set(markKey(r.sheetId, `${columnName(r.col)}${r.top + i + 1}`), fillInfoOf(line[0]?.format?.fill)));
    const note = new Map<string, string | undefined>();
    if (caps.notes) for (const it of noteItems) note.set(it.key, noteRead(it));
    return { fill, note };
  };
}

interface NoteRead {
  key: string;
  note: XNote;
  text: boolean;
}

/**
 * Queue the note reads of an inspection.
 * @requires caps.notes
 */
function queueNoteReads(cells: ToInspect, notesOf: (sheetId: string) => XNoteCollection): NoteRead[] {
  const out: NoteRead[] = [];
  for (const c of cells.notes) out.push({ key: markKey(c.sheetId, c.cell), note: notesOf(c.sheetId).getItemOrNullObject(c.cell).load({ content: true }), text: true });
  // whether a note exists is known after the sync without loading it (`isNullObject`)
  for (const c of cells.noteExists) out.push({ key: markKey(c.sheetId, c.cell), note: notesOf(c.sheetId).getItemOrNullObject(c.cell), text: false });
  return out;
}

/**
 * What a note read found (after the sync).
 * @requires caps.notes
 */
function noteRead(it: NoteRead): string | undefined {
  return it.note.isNullObject ? undefined : it.text ? it.note.content : SOMEONE_ELSES_NOTE;
}

/** `cellsToInspect` read with `queueInspection` as the planner's view of the cells (a mark not inspected is taken to be intact). */
export function inspectedEnv(prev: HighlightState, seen: Inspection, notes: (sheetId: string) => boolean, sheetExists: (sheetId: string) => boolean): HighlightEnv {
  const prevByKey = new Map(prev.marks.map((m) => [markKey(m.sheetId, m.cell), m]));
  return {
    sheetExists,
    fill: (sheetId, cell) => {
      const key = markKey(sheetId, cell);
      const f = seen.fill.get(key);
      if (f) return f;
      const old = prevByKey.get(key);
      return old ? { color: MARK_COLORS[old.severity], pattern: 'Solid' } : NO_FILL_INFO;
    },
    note: (sheetId, cell) => {
      const key = markKey(sheetId, cell);
      if (seen.note.has(key)) return seen.note.get(key);
      // not inspected: our note, as we left it (the plan only compares it with what we stored)
      return prevByKey.get(key)?.note;
    },
    notes,
  };
}

/** Queue the state write (no sync). */
export function queueHighlightState(ctx: XRequestContext, state: HighlightState): void {
  ctx.workbook.settings.add(HIGHLIGHT_KEY, JSON.stringify(state));
}

/** What a cell held before the pass (fill and note), for putting it back. */
export interface HighlightBefore {
  fill(sheetId: string, cell: string): FillInfo;
  note(sheetId: string, cell: string): string | undefined;
}

/**
 * After a highlight batch failed partway (the commands before the failing one stay applied):
 * put every cell the ops touch back as it was before the pass. Fills are written as they were
 * (idempotent); notes are read first (1 sync) to know whether one exists now, then fixed (1 sync).
 * @requires caps.highlighting
 */
export async function rollbackHighlights(ctx: XRequestContext, ops: HighlightOp[], sheet: (sheetId: string) => XWorksheet, before: HighlightBefore, caps: Capabilities): Promise<void> {
  const fillCells = new Map<string, { sheetId: string; cell: string }>();
  const noteCells = new Map<string, { sheetId: string; cell: string }>();
  for (const op of ops) {
    const key = markKey(op.sheetId, op.cell);
    if (op.kind === 'mark' || op.kind === 'restore') fillCells.set(key, op);
    else noteCells.set(key, op);
  }
  const restore: HighlightOp[] = [];
  for (const c of fillCells.values()) restore.push({ kind: 'restore', sheetId: c.sheetId, cell: c.cell, fill: before.fill(c.sheetId, c.cell) });
  if (caps.notes && noteCells.size > 0) {
    const notesOf = notesBySheet(sheet, caps);
    const now = new Map<string, NoteRead>();
    for (const [key, c] of noteCells) now.set(key, { key, note: notesOf(c.sheetId).getItemOrNullObject(c.cell).load({ content: true }), text: true });
    await ctx.sync();
    for (const [key, c] of noteCells) {
      const was = before.note(c.sheetId, c.cell);
      const is = noteRead(now.get(key) as NoteRead);
      if (is === undefined) {
        if (was !== undefined) restore.push({ kind: 'addNote', sheetId: c.sheetId, cell: c.cell, content: was });
      } else if (was === undefined) restore.push({ kind: 'deleteNote', sheetId: c.sheetId, cell: c.cell });
      else if (is !== was) restore.push({ kind: 'setNote', sheetId: c.sheetId, cell: c.cell, content: was });
    }
  }
  queueHighlightOps(restore, sheet, caps);
  await ctx.sync();
}
