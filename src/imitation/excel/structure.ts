/**
 * Inserting and deleting cells, rows and columns, sorting, cutting and copying in the in-memory
 * Excel — what happens to the cells (values, formats, data validation), notes, merged areas, row
 * heights and column widths, and to the ranges conditional formats apply to. Used both by the
 * Office.js proxies (`Range.insert`, `Range.delete`, `Range.sort.apply`, `Range.moveTo`,
 * `Range.copyFrom`) and by the clerk at the keyboard (`MemoryUser.insertRows`, `sort`, `cut`, `copy`…).
 *
 * What Excel does, and where the imitation had to choose:
 * - Insert / delete (Excel.Range.insert, Range.delete, ExcelApi 1.1: “shifts the other cells to make
 *   space”). Cells, notes and merged areas move with their cells. A conditional format's ranges are
 *   adjusted like references (“Conditional Formatting formulas and ranges will automatically adjust
 *   when you copy, delete, or move data around”, superuser.com/q/648176): its cells move with the
 *   shift, cells deleted leave it, a format left with no cell is gone, and inserted cells join it only
 *   where it spans the insertion (the cells on both sides of it belong to it) — how Excel treats an
 *   insertion right at the edge of a format's range is not documented; the imitation does what a
 *   reference does (A1:A10 stays A1:A10 when a row is inserted at row 11). Inserted cells are blank
 *   with the default format (the API); `MemoryUser.insertRows` / `insertColumns` then give them the
 *   format of the row above / column to the left, as Excel's Insert Options default (“Format Same As
 *   Above”) does for the clerk. Refused like Excel refuses them: cutting through a merged area (“We
 *   can't do that to a merged cell”) and pushing content off the sheet.
 * - Sort (Excel.RangeSort.apply, ExcelApi 1.2). Rows move whole: values, cell formats, data
 *   validation and notes go with their row; the ranges of conditional formats stay where they are
 *   (a conditional format belongs to cell positions, not to the data — what Excel users observe when
 *   sorting; Excel does not document it). Refused over merged cells (Excel: “To do this, all the
 *   merged cells need to be the same size”; the imitation refuses any). Order as Excel sorts:
 *   numbers, then text, then logical values, then errors; blank cells always last.
 * - Cut and paste (Range.moveTo, ExcelApi 1.11): the cells — values, formats, notes, merged areas and
 *   their conditional formats — move to the destination, which loses what it had; the source is left
 *   blank. Copy and paste (Range.copyFrom, ExcelApi 1.9; the clerk's Ctrl+C, Ctrl+V): the destination
 *   gets a copy; with `All` or `Formats` the destination's own conditional formats give way to the
 *   source's (“as far as Excel is concerned, conditional formatting is just that—formatting—and is
 *   treated as such when you copy and paste”, excelribbon.tips.net T001143); `All` copies notes too.
 *   To another sheet a conditional format is copied as a new one there.
 */
import { rangeToA1, type RangePos } from '../../domain/address';
import { cellKeysOf, rectsOf, type ConditionalFormatState } from './conditional';
import { MAX_COLS, MAX_ROWS, MemoryExcelError, isDefaultFormat, newCell, type CellState, type ConditionalFormatIds, type NoteState, type SheetCells } from './cells';

export type InsertShift = 'Down' | 'Right';
export type DeleteShift = 'Up' | 'Left';

const key = (row: number, col: number) => row * MAX_COLS + col;
const rowOf = (k: number) => Math.floor(k / MAX_COLS);
const colOf = (k: number) => k % MAX_COLS;
const noteKey = (row: number, col: number) => `${row},${col}`;

/** Excel.ErrorCodes.mergedRangeConflict: “Cannot complete the operation. A table can't overlap with another table, a PivotTable report, query results, merged cells, or an XML Map.” */
function mergedError(m: RangePos): MemoryExcelError {
  return new MemoryExcelError('MergedRangeConflict', `无法对合并单元格执行此操作（${rangeToA1(m)}）：We can't do that to a merged cell.`);
}

function blank(c: CellState | undefined): boolean {
  return !c || (c.value === '' && c.formula === undefined && isDefaultFormat(c));
}

/** The axis a shift moves along: `a` the coordinate that moves, `b` the other. */
interface Axis {
  vertical: boolean;
  a(row: number, col: number): number;
  b(row: number, col: number): number;
  /** (a, b) → [row, col] */
  at(a: number, b: number): [number, number];
  /** a range's extent along / across */
  along(r: RangePos): [number, number];
  across(r: RangePos): [number, number];
  limit: number;
  /** the range covers whole rows (vertical) or whole columns */
  whole(r: RangePos): boolean;
}

function axis(vertical: boolean): Axis {
  return vertical
    ? {
        vertical,
        a: (row) => row,
        b: (_row, col) => col,
        at: (a, b) => [a, b],
        along: (r) => [r.top, r.bottom],
        across: (r) => [r.left, r.right],
        limit: MAX_ROWS,
        whole: (r) => r.left === 0 && r.right === MAX_COLS - 1,
      }
    : {
        vertical,
        a: (_row, col) => col,
        b: (row) => row,
        at: (a, b) => [b, a],
        along: (r) => [r.left, r.right],
        across: (r) => [r.top, r.bottom],
        limit: MAX_COLS,
        whole: (r) => r.top === 0 && r.bottom === MAX_ROWS - 1,
      };
}

function fromAxis(x: Axis, a0: number, a1: number, b0: number, b1: number): RangePos {
  const [top, left] = x.at(a0, b0);
  const [bottom, right] = x.at(a1, b1);
  return { top, left, bottom, right };
}

/** An insertion or deletion of `pos` along an axis: its extent along (t…e, n lines) and across (b0…b1). */
interface Shift {
  x: Axis;
  t: number;
  e: number;
  n: number;
  b0: number;
  b1: number;
  /** whole rows (vertical) or whole columns */
  whole: boolean;
}

function shiftOf(pos: RangePos, vertical: boolean): Shift {
  const x = axis(vertical);
  const [t, e] = x.along(pos);
  const [b0, b1] = x.across(pos);
  return { x, t, e, n: e - t + 1, b0, b1, whole: x.whole(pos) };
}

/**
 * The merged areas after a shift: one before it, or beside the lines it shifts, stays; one reaching
 * outside those lines is refused (Excel: “We can't do that to a merged cell”); any other is what
 * `moved` makes of it from its extent along (a0…a1) and across (c0…c1) — null: gone with its cells.
 */
function shiftMerges(s: SheetCells, sh: Shift, moved: (m: RangePos, a0: number, a1: number, c0: number, c1: number) => RangePos | null): RangePos[] {
  const out: RangePos[] = [];
  for (const m of s.merges) {
    const [a0, a1] = sh.x.along(m);
    const [c0, c1] = sh.x.across(m);
    if (c1 < sh.b0 || c0 > sh.b1 || a1 < sh.t) {
      out.push(m);
      continue;
    }
    if (c0 < sh.b0 || c1 > sh.b1) throw mergedError(m);
    const r = moved(m, a0, a1, c0, c1);
    if (r) out.push(r);
  }
  return out;
}

/** Moves every cell, note and conditional-format cell of `s` through `map` (null: the cell is gone). */
function remap(s: SheetCells, map: (row: number, col: number) => [number, number] | null, affected: (row: number, col: number) => boolean): void {
  const moved: [number, CellState][] = [];
  for (const [k, c] of s.cells) {
    const row = rowOf(k);
    const col = colOf(k);
    if (!affected(row, col)) continue;
    moved.push([k, c]);
  }
  for (const [k] of moved) s.cells.delete(k);
  for (const [k, c] of moved) {
    const to = map(rowOf(k), colOf(k));
    if (to) s.cells.set(key(to[0], to[1]), c);
  }
  const notes: [string, NoteState][] = [];
  for (const [k, n] of s.notes) {
    const [row, col] = k.split(',').map(Number);
    if (affected(row, col)) notes.push([k, n]);
  }
  for (const [k] of notes) s.notes.delete(k);
  for (const [k, n] of notes) {
    const [row, col] = k.split(',').map(Number);
    const to = map(row, col);
    if (to) s.notes.set(noteKey(to[0], to[1]), n);
  }
}

function remapFormats(s: SheetCells, map: (row: number, col: number) => [number, number] | null, extra?: (cells: Set<number>) => number[]): void {
  for (const cf of s.conditionalFormats) {
    const old = cellKeysOf(cf.ranges, MAX_COLS);
    const next = new Set<number>();
    for (const k of old) {
      const to = map(rowOf(k), colOf(k));
      if (to) next.add(key(to[0], to[1]));
    }
    if (extra) for (const k of extra(old)) next.add(k);
    cf.ranges = rectsOf(next, MAX_COLS);
  }
  // a conditional format whose every cell was deleted is gone
  s.conditionalFormats = s.conditionalFormats.filter((cf) => cf.ranges.length > 0);
}

function shiftLines(lines: Map<number, number>, from: number, by: number, drop?: [number, number]): void {
  const entries = [...lines];
  lines.clear();
  for (const [i, v] of entries) {
    if (drop && i >= drop[0] && i <= drop[1]) continue;
    lines.set(i >= from ? i + by : i, v);
  }
}

/** Range.insert(shift): blank cells at `pos`, the others shifted down or right. */
export function insertCells(s: SheetCells, pos: RangePos, shift: InsertShift): void {
  const sh = shiftOf(pos, shift === 'Down');
  const { x, t, n, b0, b1, whole } = sh;
  const inSpan = (row: number, col: number) => {
    const b = x.b(row, col);
    return b >= b0 && b <= b1;
  };
  // merged areas: moved, stretched (whole rows/columns through them), or the insertion is refused
  const merges = shiftMerges(s, sh, (m, a0, a1, c0, c1) => {
    if (a0 >= t) return fromAxis(x, a0 + n, a1 + n, c0, c1);
    if (!whole) throw mergedError(m);
    return fromAxis(x, a0, a1 + n, c0, c1);
  });
  // nothing may be pushed off the sheet
  for (const [k, c] of s.cells) {
    const row = rowOf(k);
    const col = colOf(k);
    if (inSpan(row, col) && x.a(row, col) + n >= x.limit && !blank(c))
      throw new MemoryExcelError('NonBlankCellOffSheet', '为防止可能的数据丢失，Excel 不能将非空白单元格移出工作表');
  }
  const affected = (row: number, col: number) => inSpan(row, col) && x.a(row, col) >= t;
  const map = (row: number, col: number): [number, number] | null => {
    if (!affected(row, col)) return [row, col];
    const a = x.a(row, col) + n;
    return a >= x.limit ? null : x.at(a, x.b(row, col));
  };
  remap(s, map, affected);
  remapFormats(s, map, (old) => {
    // inserted cells join a format that spans the insertion (the cells before and after belong to it)
    const add: number[] = [];
    if (t === 0) return add;
    for (let b = b0; b <= b1; b++) {
      const [pr, pc] = x.at(t - 1, b);
      const [nr, nc] = x.at(t, b);
      if (!old.has(key(pr, pc)) || !old.has(key(nr, nc))) continue;
      for (let a = t; a < t + n; a++) {
        const [r, c] = x.at(a, b);
        add.push(key(r, c));
      }
    }
    return add;
  });
  s.merges = merges;
  if (whole) shiftLines(x.vertical ? s.rowHeights : s.columnWidths, t, n);
}

/** Range.delete(shift): the cells of `pos` removed, the others shifted up or left. */
export function deleteCells(s: SheetCells, pos: RangePos, shift: DeleteShift): void {
  const sh = shiftOf(pos, shift === 'Up');
  const { x, t, e, n, b0, b1, whole } = sh;
  const merges = shiftMerges(s, sh, (m, a0, a1, c0, c1) => {
    if (a0 >= t && a1 <= e) return null; // deleted with its cells
    if (a0 > e) return fromAxis(x, a0 - n, a1 - n, c0, c1);
    // the deletion cuts through the merged area: whole rows/columns shrink it, cells cannot
    if (!whole) throw mergedError(m);
    const gone = Math.min(a1, e) - Math.max(a0, t) + 1;
    const start = Math.min(a0, t);
    const shrunk = fromAxis(x, start, start + (a1 - a0 + 1 - gone) - 1, c0, c1);
    return shrunk.top !== shrunk.bottom || shrunk.left !== shrunk.right ? shrunk : null;
  });
  const affected = (row: number, col: number) => {
    const b = x.b(row, col);
    return b >= b0 && b <= b1 && x.a(row, col) >= t;
  };
  const map = (row: number, col: number): [number, number] | null => {
    if (!affected(row, col)) return [row, col];
    const a = x.a(row, col);
    if (a <= e) return null;
    return x.at(a - n, x.b(row, col));
  };
  remap(s, map, affected);
  remapFormats(s, map);
  s.merges = merges;
  if (whole) shiftLines(x.vertical ? s.rowHeights : s.columnWidths, e + 1, -n, [t, e]);
}

const ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#SPILL!', '#CALC!']);

/** Excel's sort order of one value: numbers, text, logical values, errors; blanks are placed apart (always last). */
function rank(v: CellState['value'] | undefined): number {
  if (v === '' || v === undefined || v === null) return 4;
  if (typeof v === 'number') return 0;
  if (typeof v === 'boolean') return 2;
  if (typeof v === 'string' && ERRORS.has(v)) return 3;
  return 1;
}

function compareValues(a: CellState['value'] | undefined, b: CellState['value'] | undefined, matchCase: boolean): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 0) return (a as number) - (b as number);
  if (ra === 2) return Number(a) - Number(b);
  const sa = String(a ?? '');
  const sb = String(b ?? '');
  return sa.localeCompare(sb, 'zh-CN', { sensitivity: matchCase ? 'case' : 'base' });
}

export interface SortKey {
  /** offset of the key column from the range's first column */
  key: number;
  ascending: boolean;
}

/** RangeSort.apply over rows: each row of `pos` (its header row aside) moves whole with its notes; conditional formats stay. */
export function sortRows(s: SheetCells, pos: RangePos, fields: SortKey[], hasHeaders = false, matchCase = false): void {
  const top = hasHeaders ? pos.top + 1 : pos.top;
  if (top > pos.bottom) return;
  const body = { ...pos, top };
  for (const m of s.merges) if (!(m.bottom < body.top || m.top > body.bottom || m.right < body.left || m.left > body.right)) throw mergedError(m);
  for (const f of fields) if (f.key < 0 || pos.left + f.key > pos.right) throw new MemoryExcelError('InvalidArgument', `排序关键字超出区域：${f.key}`);
  interface Line {
    cells: (CellState | undefined)[];
    notes: (NoteState | undefined)[];
    index: number;
  }
  const lines: Line[] = [];
  for (let row = body.top; row <= body.bottom; row++) {
    const cells: (CellState | undefined)[] = [];
    const notes: (NoteState | undefined)[] = [];
    for (let col = pos.left; col <= pos.right; col++) {
      cells.push(s.cells.get(key(row, col)));
      notes.push(s.notes.get(noteKey(row, col)));
    }
    lines.push({ cells, notes, index: row });
  }
  lines.sort((p, q) => {
    for (const f of fields) {
      const a = p.cells[f.key]?.value;
      const b = q.cells[f.key]?.value;
      const blankA = rank(a) === 4;
      const blankB = rank(b) === 4;
      if (blankA !== blankB) return blankA ? 1 : -1; // blanks last, ascending or descending
      const c = compareValues(a, b, matchCase);
      if (c !== 0) return f.ascending ? c : -c;
    }
    return p.index - q.index;
  });
  lines.forEach((line, i) => {
    const row = body.top + i;
    line.cells.forEach((c, j) => {
      const k = key(row, pos.left + j);
      if (c) s.cells.set(k, c);
      else s.cells.delete(k);
    });
    line.notes.forEach((n, j) => {
      const k = noteKey(row, pos.left + j);
      if (n) s.notes.set(k, n);
      else s.notes.delete(k);
    });
  });
}

function clone(c: CellState): CellState {
  return JSON.parse(JSON.stringify(c)) as CellState;
}

function intersects(a: RangePos, b: RangePos): boolean {
  return !(a.bottom < b.top || a.top > b.bottom || a.right < b.left || a.left > b.right);
}

function inside(a: RangePos, b: RangePos): boolean {
  return a.top >= b.top && a.bottom <= b.bottom && a.left >= b.left && a.right <= b.right;
}

export type CopyType = 'All' | 'Formats' | 'Values' | 'Formulas';

/** What a cut or copy takes from its source: per cell, relative to the source's top-left. */
interface Taken {
  rows: number;
  cols: number;
  cells: (CellState | undefined)[][];
  notes: (NoteState | undefined)[][];
  merges: RangePos[];
  /** the conditional formats the cells belong to, with the (relative) cells of each */
  formats: { cf: ConditionalFormatState; cells: [number, number][] }[];
}

function take(s: SheetCells, pos: RangePos): Taken {
  for (const m of s.merges) if (intersects(m, pos) && !inside(m, pos)) throw mergedError(m);
  const rows = pos.bottom - pos.top + 1;
  const cols = pos.right - pos.left + 1;
  const cells: (CellState | undefined)[][] = [];
  const notes: (NoteState | undefined)[][] = [];
  for (let i = 0; i < rows; i++) {
    const line: (CellState | undefined)[] = [];
    const nl: (NoteState | undefined)[] = [];
    for (let j = 0; j < cols; j++) {
      const c = s.cells.get(key(pos.top + i, pos.left + j));
      line.push(c ? clone(c) : undefined);
      const n = s.notes.get(noteKey(pos.top + i, pos.left + j));
      nl.push(n ? { ...n } : undefined);
    }
    cells.push(line);
    notes.push(nl);
  }
  const merges = s.merges.filter((m) => inside(m, pos)).map((m) => ({ top: m.top - pos.top, bottom: m.bottom - pos.top, left: m.left - pos.left, right: m.right - pos.left }));
  const formats: Taken['formats'] = [];
  for (const cf of s.conditionalFormats) {
    const list: [number, number][] = [];
    for (const r of cf.ranges) {
      const top = Math.max(r.top, pos.top);
      const bottom = Math.min(r.bottom, pos.bottom);
      const left = Math.max(r.left, pos.left);
      const right = Math.min(r.right, pos.right);
      for (let row = top; row <= bottom; row++) for (let col = left; col <= right; col++) list.push([row - pos.top, col - pos.left]);
    }
    if (list.length) formats.push({ cf, cells: list });
  }
  return { rows, cols, cells, notes, merges, formats };
}

/** the cells of `pos` leave every conditional format of `s` */
function leaveFormats(s: SheetCells, pos: RangePos): void {
  for (const cf of s.conditionalFormats) {
    if (!cf.ranges.some((r) => intersects(r, pos))) continue;
    const keys = cellKeysOf(cf.ranges, MAX_COLS);
    for (let row = pos.top; row <= pos.bottom; row++) for (let col = pos.left; col <= pos.right; col++) keys.delete(key(row, col));
    cf.ranges = rectsOf(keys, MAX_COLS);
  }
}

function dropEmptyFormats(s: SheetCells): void {
  s.conditionalFormats = s.conditionalFormats.filter((cf) => cf.ranges.length > 0);
}

/** Puts what was taken at `top,left` of `s`. */
function put(wb: ConditionalFormatIds, from: SheetCells, s: SheetCells, top: number, left: number, t: Taken, type: CopyType): void {
  const dst = { top, left, bottom: top + t.rows - 1, right: left + t.cols - 1 };
  if (dst.bottom >= MAX_ROWS || dst.right >= MAX_COLS) throw new MemoryExcelError('InvalidArgument', '粘贴区域超出工作表范围');
  const withFormats = type === 'All' || type === 'Formats';
  if (withFormats) {
    for (const m of s.merges) if (intersects(m, dst) && !inside(m, dst)) throw mergedError(m);
    s.merges = s.merges.filter((m) => !intersects(m, dst));
    leaveFormats(s, dst);
  } else for (const m of s.merges) if (intersects(m, dst) && !inside(m, dst)) throw mergedError(m);
  for (let i = 0; i < t.rows; i++)
    for (let j = 0; j < t.cols; j++) {
      const k = key(top + i, left + j);
      const src = t.cells[i][j];
      const cur = s.cells.get(k);
      if (type === 'All') {
        if (src) s.cells.set(k, clone(src));
        else s.cells.delete(k);
      } else if (type === 'Formats') {
        const c = src ? clone(src) : newCell();
        c.value = cur?.value ?? '';
        if (cur?.formula !== undefined) c.formula = cur.formula;
        else delete c.formula;
        s.cells.set(k, c);
      } else {
        const c = cur ?? newCell();
        c.value = src?.value ?? '';
        if (type === 'Formulas' && src?.formula !== undefined) c.formula = src.formula;
        else delete c.formula;
        s.cells.set(k, c);
      }
      if (type === 'All') {
        const n = t.notes[i][j];
        const nk = noteKey(top + i, left + j);
        if (n) s.notes.set(nk, { ...n });
        else s.notes.delete(nk);
      }
    }
  if (!withFormats) return;
  for (const m of t.merges) s.merges.push({ top: m.top + top, bottom: m.bottom + top, left: m.left + left, right: m.right + left });
  for (const { cf, cells } of t.formats) {
    let target: ConditionalFormatState | undefined;
    if (from === s && s.conditionalFormats.includes(cf)) target = cf;
    else {
      // to another sheet (or a format gone meanwhile): a copy of the rule there
      target = s.conditionalFormats.find((c) => c.type === cf.type && c.formula === cf.formula && c.fill === cf.fill && c.stopIfTrue === cf.stopIfTrue && JSON.stringify(c.parts ?? null) === JSON.stringify(cf.parts ?? null));
      if (!target) {
        target = { ...cf, id: wb.nextConditionalFormatId(), ranges: [], ...(cf.parts ? { parts: { ...cf.parts } } : {}) };
        s.conditionalFormats.unshift(target);
      }
    }
    const keys = cellKeysOf(target.ranges, MAX_COLS);
    for (const [i, j] of cells) keys.add(key(top + i, left + j));
    target.ranges = rectsOf(keys, MAX_COLS);
  }
  dropEmptyFormats(s);
}

/** Range.moveTo: cut `pos` of `from` and paste it at `top,left` of `to`. */
export function moveCells(wb: ConditionalFormatIds, from: SheetCells, pos: RangePos, to: SheetCells, top: number, left: number): void {
  const t = take(from, pos);
  const dst = { top, left, bottom: top + t.rows - 1, right: left + t.cols - 1 };
  if (to !== from || !inside(dst, pos)) for (const m of to.merges) if (intersects(m, dst) && !inside(m, dst) && !inside(m, pos)) throw mergedError(m);
  // the source is left blank: no value, format, note, merged area or conditional format
  for (let row = pos.top; row <= pos.bottom; row++)
    for (let col = pos.left; col <= pos.right; col++) {
      from.cells.delete(key(row, col));
      from.notes.delete(noteKey(row, col));
    }
  from.merges = from.merges.filter((m) => !inside(m, pos));
  leaveFormats(from, pos);
  put(wb, from, to, top, left, t, 'All');
  dropEmptyFormats(from);
}

/** Range.copyFrom: a copy of `pos` of `from` at `top,left` of `to`. */
export function copyCells(wb: ConditionalFormatIds, from: SheetCells, pos: RangePos, to: SheetCells, top: number, left: number, type: CopyType = 'All'): void {
  put(wb, from, to, top, left, take(from, pos), type);
}

/**
 * What Excel's Insert Options default does for the clerk (“Format Same As Above”): the inserted
 * rows (or columns) take the formats of the row above (the column to the left) — not its values,
 * notes, data validation or conditional formats.
 */
export function formatLikeNeighbour(s: SheetCells, pos: RangePos, shift: InsertShift): void {
  const x = axis(shift === 'Down');
  const [t, e] = x.along(pos);
  if (t === 0) return;
  const [b0, b1] = x.across(pos);
  for (let b = b0; b <= b1; b++) {
    const [pr, pc] = x.at(t - 1, b);
    const src = s.cells.get(key(pr, pc));
    if (!src || isDefaultFormat(src)) continue;
    for (let a = t; a <= e; a++) {
      const [r, c] = x.at(a, b);
      const f = clone(src);
      f.value = '';
      delete f.formula;
      delete f.validation;
      s.cells.set(key(r, c), f);
    }
  }
}
