/**
 * Carrying out an {@link AddIndicatorPlan} (src/sheet/add-indicator.ts) in Excel: one Excel.run,
 * 2 syncs.
 *
 * 1. read: the sheet's protection, the values of the rows the plan relies on (the row it fills, or
 *    the row it goes under and the first row it pushes down) and the cells it writes — the plan was
 *    made from the last check's reading: if those cells changed since, nothing is written and the
 *    clerk is asked to add again once the table is re-checked; a cell to write that is not empty
 *    refuses too (never overwrite).
 * 2. write: undo the merged areas the plan lists, `Range.insert(Excel.InsertShiftDirection.down)` on
 *    the block's columns (ExcelApi 1.1), the cells, merged areas, borders and the value cell's prompt,
 *    the value cell selected (where the clerk types the number). The marks below need nothing: they
 *    are conditional formats (./marks.ts), which Excel moves down with their cells; the next pass
 *    finds them there. No setting is read or written.
 */
import { rangeToA1, toA1, type RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import { cellText } from '../domain/text';
import type { AddIndicatorPlan } from '../sheet/add-indicator';
import type { GridSheet } from '../sheet/grid';
import type { ExcelApi, XValue, XWorksheet } from './api';
import { queueBorders, queueCellFormats } from './insert';
import { fromCellValue } from './read';

export type AddIndicatorWrite = { ok: true; sheet: string; cell: string } | { ok: false; reason: string };


const CHANGED = '表格在上次检查后有改动，未添加：请等检查完成后再点一次“添加”';

/** the rows the plan relies on, as they were read (A1 of their first cell → values) */
function expectedRows(plan: AddIndicatorPlan, grid: GridSheet): { range: RangePos; values: string[][] } {
  const left = plan.shift?.left ?? Math.min(...plan.cells.map((c) => c.col));
  const right = plan.shift?.right ?? Math.max(...plan.cells.map((c) => c.col));
  const top = plan.mode === 'insert' ? Math.max(0, plan.row - 1) : plan.row;
  const bottom = plan.row;
  const values: string[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line: string[] = [];
    for (let c = left; c <= right; c++) line.push(cellText(grid.values[r]?.[c] as CellValue | undefined));
    values.push(line);
  }
  return { range: { top, left, bottom, right }, values };
}

export async function applyAddIndicator(excel: ExcelApi, plan: AddIndicatorPlan, grid: GridSheet): Promise<AddIndicatorWrite> {
  return excel.run({ delayForCellEdit: true }, async (context) => {
    const ws: XWorksheet = context.workbook.worksheets.getItem(plan.sheet);
    ws.load({ name: true });
    const protection = ws.protection.load({ protected: true });
    const want = expectedRows(plan, grid);
    const now = ws.getRange(rangeToA1(want.range)).load({ values: true });
    await context.sync();

    if (protection.protected) return { ok: false, reason: `工作表“${ws.name}”受保护，无法添加指标；请先撤销工作表保护` };
    const same = now.values.every((line, i) => line.every((v, j) => cellText(v as CellValue) === want.values[i][j]));
    if (!same) return { ok: false, reason: CHANGED };
    if (plan.mode === 'fill') {
      for (const c of plan.cells) {
        const v = now.values[c.row - want.range.top]?.[c.col - want.range.left];
        if (v !== undefined && cellText(v as CellValue) !== '') return { ok: false, reason: `${toA1(c.row, c.col)} 已有内容，未添加（不会覆盖已有内容）` };
      }
    }

    // sync 2: every write, queued
    for (const m of plan.unmerge) ws.getRange(rangeToA1(m)).unmerge();
    const s = plan.shift;
    if (s) ws.getRangeByIndexes(s.row, s.left, 1, s.right - s.left + 1).insert('Down');
    for (const c of plan.cells) {
      if (c.numberFormat) ws.getRangeByIndexes(c.row, c.col, 1, 1).numberFormat = [[c.numberFormat]];
      if (c.value !== null) ws.getRangeByIndexes(c.row, c.col, 1, 1).values = [[fromCellValue(c.value) as XValue]];
    }
    queueCellFormats(ws, plan.cells);
    for (const m of plan.merge) ws.getRange(rangeToA1(m)).merge(false);
    queueBorders(ws, plan.borders);
    for (const p of plan.prompts) ws.getRange(rangeToA1(p.range)).dataValidation.prompt = { showPrompt: true, title: p.title, message: p.message };
    const target = plan.prompts[0]?.range ?? { top: plan.row, left: plan.cells[0]?.col ?? 0, bottom: plan.row, right: plan.cells[0]?.col ?? 0 };
    ws.activate();
    ws.getRangeByIndexes(target.top, target.left, 1, 1).select();
    await context.sync();
    return { ok: true, sheet: plan.sheet, cell: toA1(target.top, target.left) };
  });
}
