/**
 * Inserting a rendered block (RenderPlan, src/sheet/render.ts) into the sheet. One Excel.run,
 * 2 syncs: read (selection, used range, merges, protection), then every write queued and sent in
 * one sync. It never overwrites a non-empty cell: the footprint is checked first; when the
 * selection is not free the block goes below the used range (or, with `onlyAtSelection`, nothing
 * is written and the result says why, so the pane can ask). Everything that could make the write
 * fail is checked before writing; should the write still fail, the footprint is cleared again.
 */
import { rangeToA1, toA1, type CellPos } from '../domain/address';
import type { RenderCell, RenderPlan } from '../sheet/render';
import { planFootprint } from '../sheet/render';
import type { ExcelApi, XBorderIndex, XValue, XWorksheet } from './api';
import { getCapabilities } from './capabilities';
import { fromCellValue, parseAreasAddress } from './read';

const MAX_ROWS = 1048576;
const MAX_COLS = 16384;

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

export async function insertPlan(excel: ExcelApi, render: (at: CellPos) => RenderPlan, opts: InsertOptions = {}): Promise<InsertResult> {
  const caps = getCapabilities(excel);
  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    // sync 1: where, and what is there
    const ws: XWorksheet = opts.sheet === undefined ? ctx.workbook.worksheets.getActiveWorksheet() : ctx.workbook.worksheets.getItem(opts.sheet);
    ws.load('name');
    const protection = ws.protection.load('protected');
    const selection = opts.at === undefined ? ctx.workbook.getSelectedRange().load('rowIndex,columnIndex') : null;
    const used = ws.getUsedRange().load('rowIndex,columnIndex,rowCount,columnCount,formulas');
    const merged = caps.mergedAreas ? used.getMergedAreasOrNullObject().load('address') : null;
    await ctx.sync();

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

    // sync 2: every write, queued
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
      // all-or-nothing: the footprint was empty, so clearing it restores the sheet
      const back = ws.getRange(rangeToA1(target));
      back.unmerge();
      back.clear('All');
      back.dataValidation.clear();
      await ctx.sync();
      return { ok: false, sheet, reason: `插入失败，已撤回：${e instanceof Error ? e.message : String(e)}` };
    }
    const result: InsertResult = { ok: true, sheet, range: rangeToA1(target), placed };
    if (reason) result.reason = reason;
    return result;
  });
}
