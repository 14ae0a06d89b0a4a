/**
 * What jxmb writes in WPS 表格 when the clerk asks: a template block (src/sheet/render.ts's plan), a
 * 指标库 row (src/sheet/add-indicator.ts's plan), a fix (src/domain/fixes.ts). The plans are the pure
 * core's, the same as in Excel; this file only carries them out with WPS's synchronous calls.
 *
 * Never overwrite: a block goes where every cell of its rectangle is empty and unmerged (the
 * selection, else below the used range); an indicator row is written only when the rows the plan
 * was made from still read the same and the cells it fills are empty; a fix only when its cell
 * still holds the value that was checked. A protected sheet refuses, with a message.
 */
import { toA1, type CellPos, type RangePos } from '../domain/address';
import type { CellEdit, CellValue, Diagnostic, Fix } from '../domain/model';
import { editsOf, normCell, planFixes } from '../domain/fixes';
import { parseA1 } from '../domain/address';
import { cellText } from '../domain/text';
import type { AddIndicatorPlan } from '../sheet/add-indicator';
import { cellValue, type Grid, type GridSheet } from '../sheet/grid';
import type { RenderCell, RenderPlan } from '../sheet/render';
import {
  bgr,
  xlBetween,
  xlContinuous,
  xlHAlignCenter,
  xlHAlignLeft,
  xlHAlignRight,
  xlShiftDown,
  xlThin,
  xlValidAlertStop,
  xlValidateInputOnly,
  xlValidateList,
  xlVAlignBottom,
  xlVAlignCenter,
  xlVAlignTop,
  type WApp,
  type WSheet,
} from './et';
import { address, findSheet, fromCell, toCell, valuesOf } from './read';

const PROTECTED = (name: string, what: string) => `工作表“${name}”受保护，无法${what}；请先撤消工作表保护（审阅 › 撤消工作表保护）`;

/** a string WPS would not keep as written unless the cell is text (a formula, a number, a percentage) */
function coercible(v: unknown): boolean {
  return typeof v === 'string' && v !== '' && (/^[=+-]/.test(v) || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?\s*$/.test(v));
}

/** writes a value as it is meant: text stays text (entered into a `@` cell, then the cell's format) */
function writeValue(sheet: WSheet, row: number, col: number, value: CellValue, numberFormat?: string): void {
  const r = sheet.Range(toA1(row, col));
  const v = fromCell(value);
  if (coercible(v)) {
    r.NumberFormat = '@';
    r.Value2 = v;
    if (numberFormat !== undefined && numberFormat !== '@') r.NumberFormat = numberFormat;
  } else {
    if (numberFormat !== undefined) r.NumberFormat = numberFormat;
    r.Value2 = v;
  }
}

const H: Record<string, number> = { left: xlHAlignLeft, center: xlHAlignCenter, right: xlHAlignRight };
const V: Record<string, number> = { top: xlVAlignTop, middle: xlVAlignCenter, bottom: xlVAlignBottom };

function writeFormats(sheet: WSheet, cells: RenderCell[]): void {
  for (const c of cells) {
    if (!(c.bold || c.wrap || c.align || c.valign || c.fill || c.fontSize)) continue;
    const r = sheet.Range(toA1(c.row, c.col));
    if (c.bold) r.Font.Bold = true;
    if (c.fontSize) r.Font.Size = c.fontSize;
    if (c.wrap) r.WrapText = true;
    if (c.align) r.HorizontalAlignment = H[c.align];
    if (c.valign) r.VerticalAlignment = V[c.valign];
    if (c.fill) r.Interior.Color = bgr(c.fill);
  }
}

function writeBorders(sheet: WSheet, ranges: RangePos[]): void {
  for (const b of ranges) {
    const r = sheet.Range(address(b));
    r.Borders.LineStyle = xlContinuous;
    r.Borders.Weight = xlThin;
  }
}

function writePrompt(sheet: WSheet, range: RangePos, title: string, message: string, hasList: boolean): void {
  const v = sheet.Range(address(range)).Validation;
  if (!hasList) {
    v.Delete();
    v.Add(xlValidateInputOnly);
  }
  v.InputTitle = title;
  v.InputMessage = message;
  v.ShowInput = true;
}

/** the first cell of the rectangle that is not free (a value or a merged cell), or undefined */
function occupied(sheet: WSheet, r: RangePos): string | undefined {
  const values = valuesOf(sheet, r);
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < values[i].length; j++) if (toCell(values[i][j]) !== undefined) return `${toA1(r.top + i, r.left + j)} 已有内容`;
  const area = sheet.Range(address(r));
  if (area.MergeCells !== false) return `${address(r)} 中有合并单元格`;
  return undefined;
}

export type WpsInsertResult = { ok: true; sheet: string; range: string; note?: string } | { ok: false; reason: string };

export function insertBlock(app: WApp, render: (at: CellPos) => RenderPlan, gap = 2): WpsInsertResult {
  const sheet = app.ActiveSheet;
  const name = sheet.Name;
  if (sheet.ProtectContents) return { ok: false, reason: PROTECTED(name, '插入表格') };
  const cell = app.ActiveCell;
  const want = { row: cell.Row - 1, col: cell.Column - 1 };
  let plan = render(want);
  let note: string | undefined;
  const clash = occupied(sheet, plan.range);
  const used = sheet.UsedRange;
  const usedEmpty = used.Count === 1 && toCell(used.Value2) === undefined && used.MergeCells === false;
  if (clash) {
    const below = { row: usedEmpty ? 0 : used.Row - 1 + used.Rows.Count + gap, col: usedEmpty ? 0 : used.Column - 1 };
    const other = render(below);
    const clash2 = occupied(sheet, other.range);
    if (clash2) return { ok: false, reason: `所选位置 ${toA1(want.row, want.col)} 起的区域中 ${clash}；已用区域下方也无法放置：${clash2}` };
    note = `所选位置 ${toA1(want.row, want.col)} 起的区域中 ${clash}，已插入到已用区域下方 ${address(other.range)}`;
    plan = other;
  }
  for (const m of plan.merges) sheet.Range(address(m)).Merge();
  for (const c of plan.cells) {
    if (c.value === null) {
      if (c.numberFormat) sheet.Range(toA1(c.row, c.col)).NumberFormat = c.numberFormat;
      continue;
    }
    writeValue(sheet, c.row, c.col, c.value, c.numberFormat);
  }
  writeFormats(sheet, plan.cells);
  writeBorders(sheet, plan.borders);
  // a column's width only on a sheet that was empty (the clerk's widths stay)
  if (usedEmpty) for (const w of plan.columnWidths) sheet.Range(toA1(0, w.col)).ColumnWidth = w.width;
  for (const h of plan.rowHeights ?? []) sheet.Range(toA1(h.row, plan.range.left)).RowHeight = h.height;
  const lists = new Set<string>();
  for (const v of plan.validations) {
    const dv = sheet.Range(address(v.range)).Validation;
    dv.Delete();
    dv.Add(xlValidateList, xlValidAlertStop, xlBetween, v.list.join(','));
    dv.InCellDropdown = true;
    lists.add(address(v.range));
  }
  for (const p of plan.prompts ?? []) writePrompt(sheet, p.range, p.title, p.message, lists.has(address(p.range)));
  sheet.Range(toA1(plan.range.top, plan.range.left)).Select();
  return { ok: true, sheet: name, range: address(plan.range), note };
}

const CHANGED = '表格在上次检查后有改动，未添加：请等检查完成后再点一次“添加”';

export type WpsAddResult = { ok: true; sheet: string; cell: string } | { ok: false; reason: string };

export function addIndicatorRow(app: WApp, plan: AddIndicatorPlan, grid: GridSheet): WpsAddResult {
  const sheet = findSheet(app, plan.sheet);
  if (!sheet) return { ok: false, reason: CHANGED };
  if (sheet.ProtectContents) return { ok: false, reason: PROTECTED(plan.sheet, '添加指标') };
  const left = plan.shift?.left ?? Math.min(...plan.cells.map((c) => c.col));
  const right = plan.shift?.right ?? Math.max(...plan.cells.map((c) => c.col));
  const top = plan.mode === 'insert' ? Math.max(0, plan.row - 1) : plan.row;
  const rows = valuesOf(sheet, { top, left, bottom: plan.row, right });
  for (let i = 0; i < rows.length; i++)
    for (let j = 0; j < rows[i].length; j++) {
      const then = cellText(grid.values[top + i]?.[left + j] as CellValue | undefined);
      if (cellText(toCell(rows[i][j]) ?? null) !== then) return { ok: false, reason: CHANGED };
    }
  if (plan.mode === 'fill')
    for (const c of plan.cells) if (cellText(toCell(rows[c.row - top]?.[c.col - left]) ?? null) !== '') return { ok: false, reason: `${toA1(c.row, c.col)} 已有内容，未添加（不会覆盖已有内容）` };

  for (const m of plan.unmerge) sheet.Range(address(m)).UnMerge();
  const s = plan.shift;
  if (s) sheet.Range(address({ top: s.row, left: s.left, bottom: s.row, right: s.right })).Insert(xlShiftDown);
  for (const c of plan.cells) {
    if (c.value === null) {
      if (c.numberFormat) sheet.Range(toA1(c.row, c.col)).NumberFormat = c.numberFormat;
      continue;
    }
    writeValue(sheet, c.row, c.col, c.value, c.numberFormat);
  }
  writeFormats(sheet, plan.cells);
  for (const m of plan.merge) sheet.Range(address(m)).Merge();
  writeBorders(sheet, plan.borders);
  for (const p of plan.prompts) writePrompt(sheet, p.range, p.title, p.message, false);
  const target = plan.prompts[0]?.range ?? { top: plan.row, left: plan.cells[0]?.col ?? 0 };
  sheet.Activate();
  sheet.Range(toA1(target.top, target.left)).Select();
  return { ok: true, sheet: plan.sheet, cell: toA1(target.top, target.left) };
}

export interface WpsFixOutcome {
  applied: Diagnostic[];
  refused: { diagnostic: Diagnostic; reason: string }[];
  edits: CellEdit[];
}

function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return a === b;
}

/** fixes against the checked grid: a cell changed since, or two fixes on one cell, refuse */
export function applyFixes(app: WApp, diagnostics: Diagnostic[], checked: Grid): WpsFixOutcome {
  const out: WpsFixOutcome = { applied: [], refused: [], edits: [] };
  const bySheet = new Map<string, { diag: Diagnostic; fix: Fix }[]>();
  for (const d of diagnostics) {
    if (!d.fix) {
      out.refused.push({ diagnostic: d, reason: '该问题没有可自动应用的修复，请手动修改' });
      continue;
    }
    bySheet.set(d.sheet, [...(bySheet.get(d.sheet) ?? []), { diag: d, fix: d.fix }]);
  }
  for (const [name, items] of bySheet) {
    const sheet = findSheet(app, name);
    const gs = checked.sheets.find((s) => s.name === name);
    const plan = planFixes(items.map((i) => i.fix));
    const diagOf = new Map(items.map((i) => [i.fix, i.diag]));
    for (const r of plan.refused) out.refused.push({ diagnostic: diagOf.get(r.fix) as Diagnostic, reason: r.reason });
    for (const fix of plan.applied) {
      const diag = diagOf.get(fix) as Diagnostic;
      if (!sheet || !gs) {
        out.refused.push({ diagnostic: diag, reason: `工作表“${name}”自检查后已变化，未修复；请重新检查后再试` });
        continue;
      }
      if (sheet.ProtectContents) {
        out.refused.push({ diagnostic: diag, reason: PROTECTED(name, '修复') });
        continue;
      }
      const edits = editsOf(fix);
      let stale: string | undefined;
      for (const e of edits) {
        const c = normCell(e.cell);
        const p = parseA1(c);
        const now = fromCell(toCell(sheet.Range(c).Value2));
        const then = fromCell(cellValue(gs, p.row, p.col));
        if (!same(now, then)) {
          stale = `单元格${c}自检查后已被修改（检查时为${then === '' ? '空' : `“${String(then)}”`}，现为${now === '' ? '空' : `“${String(now)}”`}），未修复；请重新检查后再试`;
          break;
        }
      }
      if (stale) {
        out.refused.push({ diagnostic: diag, reason: stale });
        continue;
      }
      for (const e of edits) {
        const p = parseA1(normCell(e.cell));
        writeValue(sheet, p.row, p.col, e.value, e.numberFormat);
        out.edits.push(e);
      }
      out.applied.push(diag);
    }
  }
  return out;
}
