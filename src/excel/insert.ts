/**
 * Inserting a rendered block (RenderPlan, src/sheet/render.ts) into the sheet. One Excel.run,
 * 3 syncs whatever the size of the sheet:
 *   1. where: the sheet, its protection, the selection, the extent of the cells with values (and
 *      any merged cell reaching below the last of them);
 *   2. what is there: for the target at the selection and the one below the used range, their
 *      values and merged cells (is it free?), and everything the write may change — fills, fonts,
 *      borders, alignment, wrapping, number formats (getCellProperties), row heights
 *      (getRowProperties), column widths (getColumnProperties), data validation — so a failed
 *      write can be undone exactly. Only the block's own rectangle is read, never the used range
 *      (a sheet of 500 projects stays far under the 5 MB and 5,000,000-cell limits);
 *   3. every write, queued.
 * It never overwrites a non-empty cell: when the selection is not free the block goes below the
 * used range (or, with `onlyAtSelection`, nothing is written and the result says why). A protected
 * sheet is refused before anything is written. Should the write fail, the sheet is put back as it
 * was (one more sync), unless Excel refused the batch as a whole (nothing was applied).
 *
 * The insertion is the clerk's command: it does not wait while Excel is in cell-edit mode (a batch
 * held back by the edit would look like a hang, office-js #806), it fails at once with a message.
 */
import { rangeToA1, toA1, type CellPos, type RangePos } from '../domain/address';
import type { RenderCell, RenderPlan } from '../sheet/render';
import { planFootprint } from '../sheet/render';
import type { ExcelApi, XBorderIndex, XClientResult, XDataValidation, XRange, XRangeAreas, XRequestContext, XValue, XWorksheet } from './api';
import { getCapabilities, type Capabilities } from './capabilities';
import { CELL_EDIT_MESSAGE, inCellEdit, refusedWhole } from './limits';
import { fillInfoOf, fromCellValue, mergedRanges } from './read';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** every format property the write may touch, read before writing so a failed write can be undone */
const FORMAT_LOAD = {
  format: {
    fill: { color: true, pattern: true, patternColor: true, tintAndShade: true },
    font: { bold: true, size: true },
    borders: { style: true, color: true, weight: true },
    wrapText: true,
    horizontalAlignment: true,
    verticalAlignment: true,
  },
} as const;
/** row heights belong to getRowProperties, column widths to getColumnProperties (not to cell properties) */
const ROW_LOAD = { format: { rowHeight: true, useStandardHeight: true } } as const;
const COLUMN_LOAD = { format: { columnWidth: true, useStandardWidth: true } } as const;

interface Size {
  standard: boolean;
  points: number;
}

/** What a target rectangle held before writing, as far as the write can change it. */
interface Before {
  rect: RangePos;
  props: Excel.CellProperties[][];
  numberFormat: string[][];
  heights: Map<number, Size>;
  widths: Map<number, Size>;
  validation: Map<string, XDataValidation>;
}

/** The reads of one candidate rectangle (queued in sync 2). */
interface Candidate {
  rect: RangePos;
  /** the rectangle, with the blank rows above it that must stay free of merged cells */
  range: XRange;
  merged: XRangeAreas | null;
  checkTop: number;
  props: XClientResult<Excel.CellProperties[][]> | null;
  rows: XClientResult<Excel.RowProperties[]> | null;
  cols: XClientResult<Excel.ColumnProperties[]> | null;
  validation: Map<string, XDataValidation>;
  /** rows the block sets a height on: does the row hold content elsewhere? */
  rowUsed: Map<number, XRange>;
}

function rangeCells(r: RangePos): CellPos[] {
  const out: CellPos[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push({ row, col });
  return out;
}

const EDGES: [XBorderIndex, keyof Excel.CellBorderCollection][] = [
  ['EdgeTop', 'top'],
  ['EdgeBottom', 'bottom'],
  ['EdgeLeft', 'left'],
  ['EdgeRight', 'right'],
];

/** Queue the reads of the rectangle `rect` (+ the free rows above it down from `checkTop`). */
function queueCandidate(ws: XWorksheet, plan: RenderPlan, caps: Capabilities, checkTop: number): Candidate {
  const rect = plan.range;
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  const range = ws.getRangeByIndexes(rect.top, rect.left, rows, cols).load({ values: true, numberFormat: true });
  const checkRange = checkTop < rect.top ? ws.getRangeByIndexes(checkTop, rect.left, rect.bottom - checkTop + 1, cols) : range;
  const c: Candidate = {
    rect,
    range,
    checkTop,
    merged: caps.mergedAreas ? checkRange.getMergedAreasOrNullObject().load({ address: true }) : null,
    props: caps.cellProperties ? range.getCellProperties(FORMAT_LOAD) : null,
    rows: caps.cellProperties ? range.getRowProperties(ROW_LOAD) : null,
    cols: caps.cellProperties ? range.getColumnProperties(COLUMN_LOAD) : null,
    validation: new Map(),
    rowUsed: new Map(),
  };
  // the clerk's own validation inside the target, to put back should the write fail
  for (const v of [...plan.validations.map((x) => x.range), ...(plan.prompts ?? []).map((x) => x.range)])
    for (const p of rangeCells(v)) {
      const key = `${p.row},${p.col}`;
      if (!c.validation.has(key)) c.validation.set(key, ws.getRangeByIndexes(p.row, p.col, 1, 1).dataValidation.load({ rule: true, prompt: true }));
    }
  for (const h of plan.rowHeights ?? []) c.rowUsed.set(h.row, ws.getRangeByIndexes(h.row, 0, 1, MAX_COLS).getUsedRangeOrNullObject(true).load({ rowIndex: true }));
  return c;
}

/** the merged areas a candidate's check found */
function candidateMerges(c: Candidate, caps: Capabilities): RangePos[] {
  return caps.mergedAreas ? mergedRanges(c.merged) : [];
}

/** After sync 2: the first occupied cell of the plan's footprint, or undefined when it is free. */
function occupied(plan: RenderPlan, c: Candidate, caps: Capabilities): { cell: string; why: string } | undefined {
  const merges = candidateMerges(c, caps);
  for (const m of merges)
    if (m.bottom >= c.checkTop && m.top < plan.range.top) return { cell: toA1(m.top, m.left), why: `属于合并单元格 ${rangeToA1(m)}` };
  for (const p of planFootprint(plan)) {
    const v = c.range.values[p.row - c.rect.top]?.[p.col - c.rect.left] ?? '';
    if (v !== '' && v !== null) return { cell: toA1(p.row, p.col), why: `已有内容“${shortText(v)}”` };
    const m = merges.find((g) => p.row >= g.top && p.row <= g.bottom && p.col >= g.left && p.col <= g.right);
    if (m) return { cell: toA1(p.row, p.col), why: `属于合并单元格 ${rangeToA1(m)}` };
  }
  return undefined;
}

/**
 * What the candidate held, as read for the rollback (null when it could not be read).
 * @requires caps.cellProperties
 */
function before(c: Candidate): Before | null {
  if (!c.props || !c.rows || !c.cols) return null;
  const heights = new Map<number, Size>();
  c.rows.value.forEach((r, i) => heights.set(c.rect.top + i, { standard: r.format?.useStandardHeight === true, points: r.format?.rowHeight ?? 0 }));
  const widths = new Map<number, Size>();
  c.cols.value.forEach((r, i) => widths.set(c.rect.left + i, { standard: r.format?.useStandardWidth === true, points: r.format?.columnWidth ?? 0 }));
  return { rect: c.rect, props: c.props.value, numberFormat: c.range.numberFormat, heights, widths, validation: c.validation };
}

/** Queue the commands that put back what the write touched, as `b` says it was (no sync). */
function queueRollback(ws: XWorksheet, plan: RenderPlan, written: (XValue | null)[][], b: Before | null, caps: Capabilities): void {
  const target = plan.range;
  for (const m of plan.merges) ws.getRange(rangeToA1(m)).unmerge();
  ws.getRange(rangeToA1(target)).values = written.map((line) => line.map((v) => (v === null ? null : ''))) as XValue[][];
  if (!caps.cellProperties || !b) {
    // nothing could be read before writing (ExcelApi < 1.9): the target's formats go back to the default
    const rg = ws.getRange(rangeToA1(target));
    rg.clear('Formats');
    rg.dataValidation.clear();
    return;
  }
  const at = (row: number, col: number) => b.props[row - b.rect.top]?.[col - b.rect.left]?.format;
  const styled = new Set(plan.cells.filter((c) => c.bold || c.wrap || c.align || c.valign || c.fill || c.fontSize).map((c) => `${c.row},${c.col}`));
  const bordered = new Set<string>();
  for (const r of plan.borders) for (const p of rangeCells(r)) bordered.add(`${p.row},${p.col}`);
  for (const p of rangeCells(target)) {
    const key = `${p.row},${p.col}`;
    const nf = b.numberFormat[p.row - b.rect.top]?.[p.col - b.rect.left];
    if (nf !== undefined) ws.getRangeByIndexes(p.row, p.col, 1, 1).numberFormat = [[nf]];
    const f = at(p.row, p.col);
    if (!f || (!styled.has(key) && !bordered.has(key))) continue;
    const fmt = ws.getRangeByIndexes(p.row, p.col, 1, 1).format;
    if (styled.has(key)) {
      const fill = fillInfoOf(f.fill);
      if (fill.pattern === 'None') fmt.fill.clear();
      else {
        fmt.fill.color = fill.color;
        fmt.fill.pattern = fill.pattern as Excel.RangeFill['pattern'];
        if (fill.patternColor) fmt.fill.patternColor = fill.patternColor;
      }
      if (f.font?.bold !== undefined) fmt.font.bold = f.font.bold;
      if (f.font?.size !== undefined) fmt.font.size = f.font.size;
      if (f.wrapText !== undefined) fmt.wrapText = f.wrapText;
      if (f.horizontalAlignment !== undefined) fmt.horizontalAlignment = f.horizontalAlignment;
      if (f.verticalAlignment !== undefined) fmt.verticalAlignment = f.verticalAlignment;
    }
    if (bordered.has(key))
      for (const [index, edge] of EDGES) {
        const border = fmt.borders.getItem(index);
        const was = f.borders?.[edge];
        if (!was || was.style === 'None' || was.style === undefined) border.style = 'None';
        else {
          border.style = was.style;
          if (was.color) border.color = was.color;
          if (was.weight) border.weight = was.weight;
        }
      }
  }
  for (const [key, dv] of b.validation) {
    const [row, col] = key.split(',').map(Number);
    const target = ws.getRangeByIndexes(row, col, 1, 1).dataValidation;
    target.clear();
    if (dv.rule.list) target.rule = { list: { inCellDropDown: dv.rule.list.inCellDropDown, source: dv.rule.list.source } };
    const pr = dv.prompt;
    if (pr && (pr.showPrompt || pr.title || pr.message)) target.prompt = { showPrompt: pr.showPrompt, title: pr.title, message: pr.message };
  }
  for (const h of plan.rowHeights ?? []) {
    const old = b.heights.get(h.row);
    if (!old) continue;
    const fmt = ws.getRangeByIndexes(h.row, 0, 1, 1).format;
    if (old.standard) fmt.useStandardHeight = true;
    else fmt.rowHeight = old.points;
  }
  for (const w of plan.columnWidths) {
    const old = b.widths.get(w.col);
    if (!old) continue;
    const fmt = ws.getRangeByIndexes(0, w.col, 1, 1).format;
    if (old.standard) fmt.useStandardWidth = true;
    else fmt.columnWidth = old.points;
  }
}

export interface InsertOptions {
  /** sheet to insert into (default: the active sheet) */
  sheet?: string;
  /** top-left cell to try first (default: the selection's top-left cell) */
  at?: CellPos;
  /** blank rows left between the used range and a block placed below it (default 2) */
  gap?: number;
  /** do not place elsewhere: refuse when the target is not free */
  onlyAtSelection?: boolean;
  /** select the block's first cell afterwards (default true) */
  select?: boolean;
  /** wait while the clerk edits a cell (default false: fail at once with a message) */
  delayForCellEdit?: boolean;
}

export type InsertResult =
  | {
      ok: true;
      sheet: string;
      /** A1 range the block now covers */
      range: string;
      placed: 'selection' | 'below';
      /** zh-CN: why the block is not at the selection */
      reason?: string;
    }
  | { ok: false; sheet?: string; reason: string };

const H_ALIGN: Record<string, Excel.RangeFormat['horizontalAlignment']> = { left: 'Left', center: 'Center', right: 'Right' };
const V_ALIGN: Record<string, Excel.RangeFormat['verticalAlignment']> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };

/** Queue the formats of rendered cells (bold, size, wrap, alignment, fill) — no sync. */
export function queueCellFormats(ws: XWorksheet, cells: RenderCell[]): void {
  for (const c of cells) {
    if (!(c.bold || c.wrap || c.align || c.valign || c.fill || c.fontSize)) continue;
    const fmt = ws.getRange(toA1(c.row, c.col)).format;
    if (c.bold) fmt.font.bold = true;
    if (c.fontSize) fmt.font.size = c.fontSize;
    if (c.wrap) fmt.wrapText = true;
    if (c.align) fmt.horizontalAlignment = H_ALIGN[c.align];
    if (c.valign) fmt.verticalAlignment = V_ALIGN[c.valign];
    if (c.fill) fmt.fill.color = c.fill;
  }
}

/** Queue thin borders on every edge of every cell of each range — no sync. */
export function queueBorders(ws: XWorksheet, ranges: RangePos[]): void {
  for (const r of ranges) {
    const borders = ws.getRange(rangeToA1(r)).format.borders;
    const edges: XBorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (r.bottom > r.top) edges.push('InsideHorizontal');
    if (r.right > r.left) edges.push('InsideVertical');
    for (const e of edges) {
      const border = borders.getItem(e);
      border.style = 'Continuous';
      border.weight = 'Thin';
    }
  }
}


/** Excel character units → points (Calibri/等线 11: 7 px per character + 5 px padding, 0.75 pt/px). */
export function charsToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function shortText(v: XValue): string {
  const s = String(v);
  return s.length > 12 ? `${s.slice(0, 12)}…` : s;
}

/** Problems that would make the write fail, found before anything is written. */
function planProblems(plan: RenderPlan): string[] {
  const out: string[] = [];
  const r = plan.range;
  if (r.top < 0 || r.left < 0 || r.bottom >= MAX_ROWS || r.right >= MAX_COLS) out.push(`表格超出工作表范围（${MAX_ROWS} 行、${MAX_COLS} 列）`);
  for (const v of plan.validations) {
    const src = v.list.join(',');
    if (src.length > 255) out.push(`下拉列表“${src.slice(0, 20)}…”超过 Excel 允许的 255 个字符`);
  }
  for (const p of plan.prompts ?? []) {
    if (p.title.length > 32 || p.message.length > 255) out.push(`输入提示“${p.title}”超过 Excel 的长度限制（标题 32、内容 255 个字符）`);
  }
  return out;
}

/** A string Excel would not keep as written in a cell that is not formatted as text (a formula, a number, a percentage). */
export function coercible(v: XValue): boolean {
  if (typeof v !== 'string' || v === '') return false;
  return /^[=+-]/.test(v) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$/.test(v);
}

export async function insertPlan(excel: ExcelApi, render: (at: CellPos) => RenderPlan, opts: InsertOptions = {}): Promise<InsertResult> {
  const caps = getCapabilities(excel);
  try {
    return await excel.run({ delayForCellEdit: opts.delayForCellEdit === true }, (ctx) => insertIn(ctx, caps, render, opts));
  } catch (e) {
    if (inCellEdit(e)) return { ok: false, reason: `${CELL_EDIT_MESSAGE}（未插入表格）` };
    throw e;
  }
}

async function insertIn(
  ctx: XRequestContext,
  caps: Capabilities,
  render: (at: CellPos) => RenderPlan,
  opts: InsertOptions,
): Promise<InsertResult> {
  const gap = opts.gap ?? 2;
  // sync 1: where
  const ws: XWorksheet = opts.sheet === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(opts.sheet);
  ws.load({ name: true });
  const protection = ws.protection.load({ protected: true });
  const selection = opts.at === undefined ? ctx.workbook.getSelectedRange().load({ rowIndex: true, columnIndex: true }) : null;
  const dims = { rowIndex: true, columnIndex: true, rowCount: true, columnCount: true } as const;
  const valuesUsed = ws.getUsedRangeOrNullObject(true).load(dims);
  const anyUsed = ws.getUsedRangeOrNullObject(false).load(dims);
  // a merged cell whose value is in the last row with values may reach below it
  const lastMerged = caps.mergedAreas ? ws.getUsedRange(true).getLastRow().getMergedAreasOrNullObject().load({ address: true }) : null;
  try {
    await ctx.sync();
  } catch (e) {
    if (inCellEdit(e)) throw e;
    return { ok: false, reason: `插入前读取工作表失败，未写入任何内容：${e instanceof Error ? e.message : String(e)}` };
  }

  const sheet = ws.name;
  if (protection.protected) return { ok: false, sheet, reason: `工作表“${sheet}”受保护，无法插入表格；请先撤消工作表保护（审阅 › 撤消工作表保护）` };

  const usedEmpty = valuesUsed.isNullObject && anyUsed.isNullObject;
  let lastRow = valuesUsed.isNullObject ? -1 : valuesUsed.rowIndex + valuesUsed.rowCount - 1;
  if (caps.mergedAreas) for (const m of mergedRanges(lastMerged)) lastRow = Math.max(lastRow, m.bottom);
  const left = valuesUsed.isNullObject ? 0 : valuesUsed.columnIndex;

  const want: CellPos = opts.at ?? { row: selection ? selection.rowIndex : 0, col: selection ? selection.columnIndex : 0 };
  const atPlan = render(want);
  const atProblems = planProblems(atPlan);
  const belowAt = (row: number): { plan: RenderPlan; problems: string[] } => {
    const plan = render({ row, col: usedEmpty ? 0 : left });
    return { plan, problems: planProblems(plan) };
  };
  let below = belowAt(usedEmpty ? 0 : lastRow + 1 + gap);

  // sync 2: what is there
  const atCand = atProblems.length === 0 ? queueCandidate(ws, atPlan, caps, atPlan.range.top) : null;
  let belowCand = !opts.onlyAtSelection && below.problems.length === 0 ? queueCandidate(ws, below.plan, caps, usedEmpty ? below.plan.range.top : lastRow + 1) : null;
  const readFailed = (e: unknown): InsertResult => {
    if (inCellEdit(e)) throw e;
    return { ok: false, sheet, reason: `插入前读取工作表失败，未写入任何内容：${e instanceof Error ? e.message : String(e)}` };
  };
  try {
    await ctx.sync();
  } catch (e) {
    return readFailed(e);
  }

  let plan = atPlan;
  let cand = atCand;
  let placed: 'selection' | 'below' = 'selection';
  let reason: string | undefined;
  const clash = atCand ? occupied(atPlan, atCand, caps) : undefined;
  if (!atCand || clash) {
    const why = clash ? `所选位置 ${toA1(want.row, want.col)} 起的区域中 ${clash.cell} ${clash.why}` : atProblems.join('；');
    if (opts.onlyAtSelection) return { ok: false, sheet, reason: `${why}，未插入（不会覆盖已有内容）` };
    let blocked = belowCand ? occupied(below.plan, belowCand, caps) : undefined;
    // a merged cell further down (empty, so not in the used values): go below it — one more read
    for (let tries = 0; belowCand && blocked && tries < 3; tries++) {
      const merges = candidateMerges(belowCand, caps);
      const bottom = Math.max(lastRow, ...merges.map((m) => m.bottom));
      if (bottom <= lastRow) break; // content, not a merge: nothing below can be free of it
      lastRow = bottom;
      below = belowAt(lastRow + 1 + gap);
      belowCand = below.problems.length === 0 ? queueCandidate(ws, below.plan, caps, lastRow + 1) : null;
      if (belowCand) {
        try {
          await ctx.sync();
        } catch (e) {
          return readFailed(e);
        }
        blocked = occupied(below.plan, belowCand, caps);
      }
    }
    if (!belowCand || blocked) {
      return { ok: false, sheet, reason: `${why}；已用区域下方也无法放置：${below.problems.join('；') || `${blocked?.cell} ${blocked?.why}`}` };
    }
    plan = below.plan;
    cand = belowCand;
    placed = 'below';
    reason = `${why}，已插入到已用区域下方 ${rangeToA1(plan.range)}`;
  }
  const b = caps.cellProperties && cand ? before(cand) : null;

  // sync 3: every write, queued
  const target = plan.range;
  const rows = target.bottom - target.top + 1;
  const cols = target.right - target.left + 1;
  for (const m of plan.merges) ws.getRange(rangeToA1(m)).merge(false);
  const byPos = new Map<string, RenderCell>(plan.cells.map((c) => [`${c.row},${c.col}`, c]));
  const formats: (string | null)[][] = [];
  const values: (XValue | null)[][] = [];
  let anyFormat = false;
  for (let i = 0; i < rows; i++) {
    const f: (string | null)[] = [];
    const v: (XValue | null)[] = [];
    for (let j = 0; j < cols; j++) {
      const c = byPos.get(`${target.top + i},${target.left + j}`);
      const value = c && c.value !== null ? fromCellValue(c.value) : null;
      // a template's text is text: a string Excel would read as a formula or number is written into a text cell
      const format = c?.numberFormat ?? (value !== null && coercible(value) && typeof c?.value === 'string' ? '@' : null);
      f.push(format);
      if (format) anyFormat = true;
      v.push(value);
    }
    formats.push(f);
    values.push(v);
  }
  const whole = ws.getRange(rangeToA1(target));
  if (anyFormat) whole.numberFormat = formats as string[][]; // null = leave as is
  whole.values = values as XValue[][];
  queueCellFormats(ws, plan.cells);
  queueBorders(ws, plan.borders);
  if (usedEmpty) for (const w of plan.columnWidths) ws.getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = charsToPoints(w.width);
  for (const h of plan.rowHeights ?? []) {
    const used = cand?.rowUsed.get(h.row);
    if (used && !used.isNullObject) continue; // the row holds the clerk's content elsewhere: its height stays
    ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
  }
  for (const v of plan.validations) ws.getRange(rangeToA1(v.range)).dataValidation.rule = { list: { inCellDropDown: true, source: v.list.join(',') } };
  for (const p of plan.prompts ?? []) ws.getRange(rangeToA1(p.range)).dataValidation.prompt = { showPrompt: true, title: p.title, message: p.message };
  if (opts.select !== false) {
    ws.activate();
    ws.getRange(toA1(target.top, target.left)).select();
  }
  try {
    await ctx.sync();
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (inCellEdit(e)) return { ok: false, sheet, reason: `${CELL_EDIT_MESSAGE}（未插入表格）` };
    // Excel refused the batch as a whole: nothing was written
    if (refusedWhole(e)) return { ok: false, sheet, reason: `插入失败，未写入任何内容：${why}` };
    // all-or-nothing: the target held no values; put back every format the write touched
    queueRollback(ws, plan, values, b, caps);
    // read back in the same round trip: the target is empty again, its number formats as they were, no merge left
    const back = ws.getRange(rangeToA1(target)).load({ values: true, numberFormat: true });
    // the footprint held no merged area (see occupied): none may be left there
    const mergedBack = caps.mergedAreas ? ws.getRange(rangeToA1(target)).getMergedAreasOrNullObject().load({ address: true }) : null;
    try {
      await ctx.sync();
    } catch (e2) {
      return { ok: false, sheet, reason: `插入失败：${why}；撤回时又出错（${e2 instanceof Error ? e2.message : String(e2)}），请用“撤消”或检查 ${rangeToA1(target)}` };
    }
    const empty = back.values.every((line) => line.every((v) => v === '' || v === null));
    const formatsBack = !b || back.numberFormat.every((line, i) => line.every((nf, j) => (b.numberFormat[target.top + i - b.rect.top]?.[target.left + j - b.rect.left] ?? nf) === nf));
    const unmerged = !caps.mergedAreas || mergedRanges(mergedBack).length === 0;
    if (!empty || !formatsBack || !unmerged) return { ok: false, sheet, reason: `插入失败：${why}；撤回后 ${rangeToA1(target)} 与原来不一致，请用“撤消”或检查` };
    return { ok: false, sheet, reason: `插入失败，已撤回：${why}` };
  }
  const result: InsertResult = { ok: true, sheet, range: rangeToA1(target), placed };
  if (reason) result.reason = reason;
  return result;
}
