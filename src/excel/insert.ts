/**
 * Inserting a rendered block (RenderPlan, src/sheet/render.ts) into the sheet. One Excel.run,
 * 2 syncs: read (selection, used range, merges, protection), then every write queued and sent in
 * one sync. It never overwrites a non-empty cell: the footprint is checked first; when the
 * selection is not free the block goes below the used range (or, with `onlyAtSelection`, nothing
 * is written and the result says why, so the pane can ask). Everything that could make the write
 * fail is checked before writing; should the write still fail, the sheet is put back as it was:
 * values emptied, merges undone, and every format the write touches (number formats, fills, fonts,
 * borders, alignment, wrapping, data validation, row heights, column widths) restored from what
 * was read before writing. The read happens in the pre-check sync (the used range's cell
 * properties — every cell outside the used range has the default format — plus the heights of
 * the rows below it and of a strip at A1); only when the block lands where that read does not
 * reach (a far selection, the clerk's own validation inside the target) is one more read sync
 * spent, so an insertion is 2 syncs, at most 3 (+1 to roll back a failed write).
 */
import { rangeToA1, toA1, type CellPos, type RangePos } from '../domain/address';
import type { RenderCell, RenderPlan } from '../sheet/render';
import { planFootprint } from '../sheet/render';
import type {
  ExcelApi,
  XBorderIndex,
  XCellProperties,
  XCellPropertiesBorder,
  XCellPropertiesLoadOptions,
  XClientResult,
  XDataValidation,
  XValue,
  XWorksheet,
} from './api';
import { getCapabilities } from './capabilities';
import { fromCellValue, parseAreasAddress } from './read';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

/** every format property the write may touch, read before writing so a failed write can be undone */
const FORMAT_LOAD: XCellPropertiesLoadOptions = {
  format: {
    fill: { color: true, pattern: true, patternColor: true },
    font: { bold: true, size: true },
    borders: { style: true, color: true, weight: true },
    wrapText: true,
    horizontalAlignment: true,
    verticalAlignment: true,
    rowHeight: true,
    useStandardHeight: true,
    columnWidth: true,
    useStandardWidth: true,
  },
};
const SIZE_LOAD: XCellPropertiesLoadOptions = { format: { rowHeight: true, useStandardHeight: true, columnWidth: true, useStandardWidth: true } };
/** rows/columns at A1 whose heights/widths are read in the pre-check sync (an insertion on a fresh sheet) */
const STRIP_ROWS = 200;
const STRIP_COLS = 40;

interface Size {
  standard: boolean;
  points: number;
}

/** What the target held before writing, as far as the write can change it. */
class Before {
  readonly heights = new Map<number, Size>();
  readonly widths = new Map<number, Size>();
  /** cell properties of the used range (cells outside it have the default format) */
  used: { top: number; left: number; rows: number; cols: number; props: XCellProperties[][]; numberFormat: string[][] } | null = null;
  readonly validation = new Map<string, XDataValidation>();

  addSizes(top: number, left: number, props: XCellProperties[][]): void {
    props.forEach((line, i) =>
      line.forEach((p, j) => {
        const f = p.format;
        if (!f) return;
        if (j === 0 && f.rowHeight !== undefined && !this.heights.has(top + i)) this.heights.set(top + i, { standard: f.useStandardHeight === true, points: f.rowHeight });
        if (i === 0 && f.columnWidth !== undefined && !this.widths.has(left + j)) this.widths.set(left + j, { standard: f.useStandardWidth === true, points: f.columnWidth });
      }),
    );
  }

  inUsed(row: number, col: number): boolean {
    const u = this.used;
    return u !== null && row >= u.top && row < u.top + u.rows && col >= u.left && col < u.left + u.cols;
  }
}

/** `a` minus `b`: up to four rectangles */
function subtract(a: RangePos, b: RangePos): RangePos[] {
  const top = Math.max(a.top, b.top);
  const bottom = Math.min(a.bottom, b.bottom);
  const left = Math.max(a.left, b.left);
  const right = Math.min(a.right, b.right);
  if (top > bottom || left > right) return [a];
  const out: RangePos[] = [];
  if (a.top < top) out.push({ top: a.top, left: a.left, bottom: top - 1, right: a.right });
  if (a.bottom > bottom) out.push({ top: bottom + 1, left: a.left, bottom: a.bottom, right: a.right });
  if (a.left < left) out.push({ top, left: a.left, bottom, right: left - 1 });
  if (a.right > right) out.push({ top, left: right + 1, bottom, right: a.right });
  return out;
}

function rangeCells(r: RangePos): CellPos[] {
  const out: CellPos[] = [];
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) out.push({ row, col });
  return out;
}

const EDGES: [XBorderIndex, keyof NonNullable<NonNullable<XCellProperties['format']>['borders']>][] = [
  ['EdgeTop', 'top'],
  ['EdgeBottom', 'bottom'],
  ['EdgeLeft', 'left'],
  ['EdgeRight', 'right'],
];

/** Queue the commands that put the target back as `before` says it was (no sync). */
function queueRollback(ws: XWorksheet, plan: RenderPlan, written: (XValue | null)[][], before: Before | null): void {
  const target = plan.range;
  for (const m of plan.merges) ws.getRange(rangeToA1(m)).unmerge();
  ws.getRange(rangeToA1(target)).values = written.map((line) => line.map((v) => (v === null ? null : ''))) as XValue[][];
  const u = before?.used ?? null;
  const usedRect: RangePos | null = u ? { top: u.top, left: u.left, bottom: u.top + u.rows - 1, right: u.left + u.cols - 1 } : null;
  // outside the used range every cell had the default format: clearing formats restores it exactly
  for (const r of usedRect ? subtract(target, usedRect) : [target]) {
    const rg = ws.getRange(rangeToA1(r));
    rg.clear('Formats');
    rg.dataValidation.clear();
  }
  if (u && before) {
    for (const p of rangeCells(target)) {
      if (!before.inUsed(p.row, p.col)) continue;
      const f = u.props[p.row - u.top]?.[p.col - u.left]?.format;
      const nf = u.numberFormat[p.row - u.top]?.[p.col - u.left];
      if (nf !== undefined) ws.getRangeByIndexes(p.row, p.col, 1, 1).numberFormat = [[nf]];
      if (!f) continue;
      const fmt = ws.getRangeByIndexes(p.row, p.col, 1, 1).format;
      if (f.fill) {
        if (f.fill.pattern === 'None' || f.fill.pattern === undefined) fmt.fill.clear();
        else {
          if (f.fill.color) fmt.fill.color = f.fill.color;
          fmt.fill.pattern = f.fill.pattern;
          if (f.fill.patternColor && f.fill.pattern !== 'Solid') fmt.fill.patternColor = f.fill.patternColor;
        }
      }
      if (f.font?.bold !== undefined) fmt.font.bold = f.font.bold;
      if (f.font?.size !== undefined) fmt.font.size = f.font.size;
      if (f.wrapText !== undefined) fmt.wrapText = f.wrapText;
      if (f.horizontalAlignment !== undefined) fmt.horizontalAlignment = f.horizontalAlignment;
      if (f.verticalAlignment !== undefined) fmt.verticalAlignment = f.verticalAlignment;
      for (const [index, key] of EDGES) {
        const b: XCellPropertiesBorder | undefined = f.borders?.[key];
        if (!b) continue;
        const border = fmt.borders.getItem(index);
        if (b.style === 'None' || b.style === undefined) border.style = 'None';
        else {
          border.style = b.style;
          if (b.color) border.color = b.color;
          if (b.weight) border.weight = b.weight;
        }
      }
    }
    for (const [key, dv] of before.validation) {
      const [row, col] = key.split(',').map(Number);
      const target = ws.getRangeByIndexes(row, col, 1, 1).dataValidation;
      target.clear();
      if (dv.rule.list) target.rule = { list: { inCellDropDown: dv.rule.list.inCellDropDown, source: dv.rule.list.source } };
      const pr = dv.prompt;
      if (pr && (pr.showPrompt || pr.title || pr.message)) target.prompt = { showPrompt: pr.showPrompt, title: pr.title, message: pr.message };
    }
  }
  for (const h of plan.rowHeights ?? []) {
    const old = before?.heights.get(h.row);
    if (!old) continue;
    const fmt = ws.getRangeByIndexes(h.row, 0, 1, 1).format;
    if (old.standard) fmt.useStandardHeight = true;
    else fmt.rowHeight = old.points;
  }
  for (const w of plan.columnWidths) {
    const old = before?.widths.get(w.col);
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

const H_ALIGN: Record<string, string> = { left: 'Left', center: 'Center', right: 'Right' };
const V_ALIGN: Record<string, string> = { top: 'Top', middle: 'Center', bottom: 'Bottom' };

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
  if (r.bottom >= MAX_ROWS || r.right >= MAX_COLS) out.push(`表格超出工作表范围（${MAX_ROWS} 行、${MAX_COLS} 列）`);
  for (const v of plan.validations) {
    const src = v.list.join(',');
    if (src.length > 255) out.push(`下拉列表“${src.slice(0, 20)}…”超过 Excel 允许的 255 个字符`);
  }
  for (const p of plan.prompts ?? []) {
    if (p.title.length > 32 || p.message.length > 255) out.push(`输入提示“${p.title}”超过 Excel 的长度限制（标题 32、内容 255 个字符）`);
  }
  return out;
}

/** the pre-check read failed (nothing was written) */
class PreCheckFailed extends Error {
  constructor(override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export async function insertPlan(excel: ExcelApi, render: (at: CellPos) => RenderPlan, opts: InsertOptions = {}): Promise<InsertResult> {
  try {
    return await insertOnce(excel, render, opts, true);
  } catch (e) {
    // the rows below a used range that reaches the sheet's last row do not exist: read without them
    if (e instanceof PreCheckFailed) return insertOnce(excel, render, opts, false);
    throw e;
  }
}

async function insertOnce(excel: ExcelApi, render: (at: CellPos) => RenderPlan, opts: InsertOptions, readBelow: boolean): Promise<InsertResult> {
  const caps = getCapabilities(excel);
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    // sync 1: where, and what is there
    const ws: XWorksheet = opts.sheet === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(opts.sheet);
    ws.load('name');
    const protection = ws.protection.load('protected');
    const selection = opts.at === undefined ? ctx.workbook.getSelectedRange().load('rowIndex,columnIndex') : null;
    const used = ws.getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount,formulas,numberFormat');
    const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject().load('address') : null;
    // what the write may change, read now so a failed write can be undone (getCellProperties: ExcelApi 1.9)
    const canRestore = caps.highlighting;
    const probe = render(opts.at ?? { row: 0, col: 0 }).range;
    const probeRows = probe.bottom - probe.top + 1;
    const probeCols = probe.right - probe.left + 1;
    const usedProps = canRestore ? used.getCellProperties(FORMAT_LOAD) : null;
    const below = canRestore && readBelow ? used.getRowsBelow(probeRows + (opts.gap ?? 2) + 1).load('rowIndex,columnIndex') : null;
    const belowProps = below ? below.getCellProperties(SIZE_LOAD) : null;
    const fixed: { top: number; left: number; props: XClientResult<XCellProperties[][]> }[] = [];
    if (canRestore) {
      fixed.push({ top: 0, left: 0, props: ws.getRangeByIndexes(0, 0, STRIP_ROWS, 1).getCellProperties(SIZE_LOAD) });
      fixed.push({ top: 0, left: 0, props: ws.getRangeByIndexes(0, 0, 1, STRIP_COLS).getCellProperties(SIZE_LOAD) });
      const at = opts.at;
      if (at && at.row >= 0 && at.col >= 0 && at.row < MAX_ROWS && at.col < MAX_COLS) {
        const rows = Math.max(1, Math.min(probeRows, MAX_ROWS - at.row));
        const cols = Math.max(1, Math.min(probeCols, MAX_COLS - at.col));
        fixed.push({ top: at.row, left: at.col, props: ws.getRangeByIndexes(at.row, at.col, rows, cols).getCellProperties(SIZE_LOAD) });
      }
    }
    try {
      await ctx.sync();
    } catch (e) {
      if (below) throw new PreCheckFailed(e);
      throw e;
    }

    const sheet = ws.name;
    if (protection.protected) return { ok: false, sheet, reason: `工作表“${sheet}”受保护，无法插入表格；请先撤销工作表保护` };

    const uTop = used.rowIndex;
    const uLeft = used.columnIndex;
    const formulas = used.formulas;
    const merges = merged && !merged.isNullObject ? parseAreasAddress(merged.address) : [];
    const valueAt = (row: number, col: number): XValue => formulas[row - uTop]?.[col - uLeft] ?? '';
    let usedEmpty = true;
    let lastRow = -1;
    formulas.forEach((line, i) => {
      if (line.some((v) => v !== '' && v !== null)) {
        usedEmpty = false;
        lastRow = uTop + i;
      }
    });
    for (const m of merges) lastRow = Math.max(lastRow, m.bottom);
    if (merges.length > 0) usedEmpty = false;

    /** the first occupied cell of the footprint, or undefined when it is free */
    const occupied = (plan: RenderPlan): { cell: string; why: string } | undefined => {
      for (const p of planFootprint(plan)) {
        const v = valueAt(p.row, p.col);
        if (v !== '' && v !== null) return { cell: toA1(p.row, p.col), why: `已有内容“${shortText(v)}”` };
        const m = merges.find((g) => p.row >= g.top && p.row <= g.bottom && p.col >= g.left && p.col <= g.right);
        if (m) return { cell: toA1(p.row, p.col), why: `属于合并单元格 ${rangeToA1(m)}` };
      }
      return undefined;
    };

    const want: CellPos = opts.at ?? { row: selection ? selection.rowIndex : 0, col: selection ? selection.columnIndex : 0 };
    let plan = render(want);
    let placed: 'selection' | 'below' = 'selection';
    let reason: string | undefined;
    const atSelection = planProblems(plan);
    const clash = atSelection.length === 0 ? occupied(plan) : undefined;
    if (atSelection.length > 0 || clash) {
      const why = clash ? `所选位置 ${toA1(want.row, want.col)} 起的区域中 ${clash.cell} ${clash.why}` : atSelection.join('；');
      if (opts.onlyAtSelection) return { ok: false, sheet, reason: `${why}，未插入（不会覆盖已有内容）` };
      const row = usedEmpty ? 0 : lastRow + 1 + (opts.gap ?? 2);
      plan = render({ row, col: usedEmpty ? 0 : uLeft });
      placed = 'below';
      const problems = planProblems(plan);
      const stillOccupied = occupied(plan);
      if (problems.length > 0 || stillOccupied) {
        return { ok: false, sheet, reason: `${why}；已用区域下方也无法放置：${problems.join('；') || `${stillOccupied?.cell} ${stillOccupied?.why}`}` };
      }
      reason = `${why}，已插入到已用区域下方 ${rangeToA1(plan.range)}`;
    }

    let before: Before | null = null;
    if (usedProps) {
      const b = new Before();
      const props = usedProps.value;
      b.used = { top: used.rowIndex, left: used.columnIndex, rows: used.rowCount, cols: used.columnCount, props, numberFormat: used.numberFormat };
      b.addSizes(used.rowIndex, used.columnIndex, props);
      if (below && belowProps) b.addSizes(below.rowIndex, below.columnIndex, belowProps.value);
      for (const r of fixed) b.addSizes(r.top, r.left, r.props.value);
      // sizes and the clerk's own validation the pre-check read does not reach: one more read
      const t = plan.range;
      const heightRows = (plan.rowHeights ?? []).map((h) => h.row).filter((row) => !b.heights.has(row));
      const widthCols = usedEmpty ? plan.columnWidths.map((w) => w.col).filter((col) => !b.widths.has(col)) : [];
      const dvCells = new Map<string, CellPos>();
      for (const v of [...plan.validations.map((x) => x.range), ...(plan.prompts ?? []).map((x) => x.range)])
        for (const p of rangeCells(v)) if (b.inUsed(p.row, p.col)) dvCells.set(`${p.row},${p.col}`, p);
      if (heightRows.length > 0 || widthCols.length > 0 || dvCells.size > 0) {
        const more: { top: number; left: number; props: XClientResult<XCellProperties[][]> }[] = [];
        if (heightRows.length > 0) {
          const top = Math.min(...heightRows);
          more.push({ top, left: t.left, props: ws.getRangeByIndexes(top, t.left, Math.max(...heightRows) - top + 1, 1).getCellProperties(SIZE_LOAD) });
        }
        if (widthCols.length > 0) {
          const left = Math.min(...widthCols);
          more.push({ top: t.top, left, props: ws.getRangeByIndexes(t.top, left, 1, Math.max(...widthCols) - left + 1).getCellProperties(SIZE_LOAD) });
        }
        for (const [key, p] of dvCells) b.validation.set(key, ws.getRangeByIndexes(p.row, p.col, 1, 1).dataValidation.load('rule,prompt'));
        await ctx.sync();
        for (const m of more) b.addSizes(m.top, m.left, m.props.value);
      }
      before = b;
    }

    // sync 2 (3): every write, queued
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
        f.push(c?.numberFormat ?? null);
        if (c?.numberFormat) anyFormat = true;
        v.push(c && c.value !== null ? fromCellValue(c.value) : null);
      }
      formats.push(f);
      values.push(v);
    }
    const whole = ws.getRange(rangeToA1(target));
    if (anyFormat) whole.numberFormat = formats as string[][]; // null = leave as is
    whole.values = values as XValue[][];
    for (const c of plan.cells) {
      if (!(c.bold || c.wrap || c.align || c.valign || c.fill || c.fontSize)) continue;
      const fmt = ws.getRange(toA1(c.row, c.col)).format;
      if (c.bold) fmt.font.bold = true;
      if (c.fontSize) fmt.font.size = c.fontSize;
      if (c.wrap) fmt.wrapText = true;
      if (c.align) fmt.horizontalAlignment = H_ALIGN[c.align];
      if (c.valign) fmt.verticalAlignment = V_ALIGN[c.valign];
      if (c.fill) fmt.fill.color = c.fill;
    }
    for (const b of plan.borders) {
      const borders = ws.getRange(rangeToA1(b)).format.borders;
      const edges: XBorderIndex[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
      if (b.bottom > b.top) edges.push('InsideHorizontal');
      if (b.right > b.left) edges.push('InsideVertical');
      for (const e of edges) {
        const border = borders.getItem(e);
        border.style = 'Continuous';
        border.weight = 'Thin';
      }
    }
    if (usedEmpty) for (const w of plan.columnWidths) ws.getRangeByIndexes(0, w.col, 1, 1).format.columnWidth = charsToPoints(w.width);
    const rowHasContent = (row: number) => (formulas[row - uTop] ?? []).some((v) => v !== '' && v !== null);
    for (const h of plan.rowHeights ?? []) if (!rowHasContent(h.row)) ws.getRangeByIndexes(h.row, 0, 1, 1).format.rowHeight = h.height;
    for (const v of plan.validations) ws.getRange(rangeToA1(v.range)).dataValidation.rule = { list: { inCellDropDown: true, source: v.list.join(',') } };
    for (const p of plan.prompts ?? []) ws.getRange(rangeToA1(p.range)).dataValidation.prompt = { showPrompt: true, title: p.title, message: p.message };
    if (opts.select !== false) {
      ws.activate();
      ws.getRange(toA1(target.top, target.left)).select();
    }
    try {
      await ctx.sync();
    } catch (e) {
      // all-or-nothing: the target held no values; put back every format the write touched
      const why = e instanceof Error ? e.message : String(e);
      queueRollback(ws, plan, values, before);
      try {
        await ctx.sync();
      } catch (e2) {
        return { ok: false, sheet, reason: `插入失败：${why}；撤回时又出错（${e2 instanceof Error ? e2.message : String(e2)}），请用“撤消”或检查 ${rangeToA1(target)}` };
      }
      return { ok: false, sheet, reason: `插入失败，已撤回：${why}` };
    }
    const result: InsertResult = { ok: true, sheet, range: rangeToA1(target), placed };
    if (reason) result.reason = reason;
    return result;
  });
}
