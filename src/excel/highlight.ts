/**
 * Inline highlighting: every flagged cell gets a fill by severity and (where notes exist) a note
 * with the reason. Before a cell is marked its original fill is saved in the workbook (setting
 * `jxmb.highlights`), so clearing restores it exactly — also after closing and reopening. Fonts,
 * borders, number formats and values are never touched; a user's own note is never overwritten.
 *
 * Planning is pure (`planHighlights`: previous state + wanted marks + what the cells hold now →
 * the writes and the next state); `queueHighlightOps` queues those writes for one sync.
 */
import { parseA1 } from '../domain/address';
import type { Diagnostic, Severity } from '../domain/model';
import type { XNote, XRequestContext, XWorksheet } from './api';
import type { FillInfo } from './read';

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
  /** the note we wrote (absent: the cell had a note of its own, or notes are unavailable) */
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
  notes: boolean;
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

export function planHighlights(prev: HighlightState, wanted: Map<string, WantedMark>, env: HighlightEnv): HighlightPlan {
  const ops: HighlightOp[] = [];
  const next: Mark[] = [];
  const prevByKey = new Map(prev.marks.map((m) => [markKey(m.sheetId, m.cell), m]));

  for (const [key, m] of prevByKey) {
    if (wanted.has(key)) continue;
    if (!env.sheetExists(m.sheetId)) continue; // the sheet is gone: nothing to restore
    // restore only when the cell still shows our mark (if the user recoloured it, theirs stays)
    if (isMarkFill(env.fill(m.sheetId, m.cell), m.severity)) ops.push({ kind: 'restore', sheetId: m.sheetId, cell: m.cell, fill: m.fill });
    if (m.note !== undefined && env.notes && env.note(m.sheetId, m.cell) === m.note) ops.push({ kind: 'deleteNote', sheetId: m.sheetId, cell: m.cell });
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
    if (env.notes) {
      const existing = env.note(w.sheetId, w.cell);
      const ours = old?.note !== undefined && existing === old.note;
      if (ours) {
        mark.note = w.note;
        if (existing !== w.note) ops.push({ kind: 'setNote', sheetId: w.sheetId, cell: w.cell, content: w.note });
      } else if (existing === undefined) {
        mark.note = w.note;
        ops.push({ kind: 'addNote', sheetId: w.sheetId, cell: w.cell, content: w.note });
      } // else: the user's own note stays; the reason is shown in the pane only
    }
    next.push(mark);
  }
  next.sort((a, b) => (a.sheetId + a.cell < b.sheetId + b.cell ? -1 : 1));
  const nextState: HighlightState = { version: 1, marks: next };
  const changed = ops.length > 0 || JSON.stringify(nextState) !== JSON.stringify(prev);
  return { ops, next: nextState, changed };
}

/** Queue the writes of a plan (no sync). `sheet(id)` gives a worksheet proxy by id. */
export function queueHighlightOps(ops: HighlightOp[], sheet: (sheetId: string) => XWorksheet): void {
  for (const op of ops) {
    const ws = sheet(op.sheetId);
    switch (op.kind) {
      case 'mark': {
        const fill = ws.getRange(op.cell).format.fill;
        fill.color = MARK_COLORS[op.severity];
        fill.pattern = 'Solid';
        break;
      }
      case 'restore': {
        const fill = ws.getRange(op.cell).format.fill;
        if (op.fill.pattern === 'None') fill.clear();
        else {
          fill.color = op.fill.color;
          fill.pattern = op.fill.pattern;
          if (op.fill.patternColor) fill.patternColor = op.fill.patternColor;
        }
        break;
      }
      case 'addNote':
        ws.notes.add(ws.getRange(op.cell), op.content);
        break;
      case 'setNote':
        ws.notes.getItemOrNullObject(op.cell).content = op.content;
        break;
      case 'deleteNote':
        ws.notes.getItemOrNullObject(op.cell).delete();
        break;
    }
  }
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
 */
export async function rollbackHighlights(ctx: XRequestContext, ops: HighlightOp[], sheet: (sheetId: string) => XWorksheet, before: HighlightBefore): Promise<void> {
  const fillCells = new Map<string, { sheetId: string; cell: string }>();
  const noteCells = new Map<string, { sheetId: string; cell: string }>();
  for (const op of ops) {
    const key = markKey(op.sheetId, op.cell);
    if (op.kind === 'mark' || op.kind === 'restore') fillCells.set(key, op);
    else noteCells.set(key, op);
  }
  const now = new Map<string, XNote>();
  for (const [key, c] of noteCells) now.set(key, sheet(c.sheetId).notes.getItemOrNullObject(c.cell).load('content'));
  if (now.size > 0) await ctx.sync();
  const restore: HighlightOp[] = [];
  for (const c of fillCells.values()) restore.push({ kind: 'restore', sheetId: c.sheetId, cell: c.cell, fill: before.fill(c.sheetId, c.cell) });
  for (const [key, c] of noteCells) {
    const was = before.note(c.sheetId, c.cell);
    const note = now.get(key) as XNote;
    if (note.isNullObject) {
      if (was !== undefined) restore.push({ kind: 'addNote', sheetId: c.sheetId, cell: c.cell, content: was });
    } else if (was === undefined) restore.push({ kind: 'deleteNote', sheetId: c.sheetId, cell: c.cell });
    else if (note.content !== was) restore.push({ kind: 'setNote', sheetId: c.sheetId, cell: c.cell, content: was });
  }
  queueHighlightOps(restore, sheet);
  await ctx.sync();
}
