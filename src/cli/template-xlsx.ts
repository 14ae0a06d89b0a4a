/**
 * Writes rendered templates (src/sheet/render.ts) to an .xlsx workbook with ExcelJS: values,
 * number formats, fonts and alignment, merges, thin borders, column widths, row heights, page breaks,
 * in-cell dropdowns (list data validations) and input prompts.
 */
import { promises as fs } from 'fs';
import type ExcelJS from 'exceljs';
import { excelJs } from '../files/exceljs';
import type { RangePos } from '../domain/address';
import type { RenderCell, RenderedWorkbook, RenderPlan } from '../sheet/render';

const FONT_NAME = '宋体';
const FONT_SIZE = 11;
const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };

function argb(hex: string): string {
  return `FF${hex.replace(/^#/, '').toUpperCase()}`;
}

function eachCell(r: RangePos, fn: (row: number, col: number) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(row, col);
}

/** The inline list formula of a dropdown (`"a,b,c"`); Excel allows 255 characters. */
export function listFormula(list: string[]): string {
  const bad = list.find((s) => s.includes(',') || s.includes('"'));
  if (bad !== undefined) throw new Error(`下拉列表的选项不能含逗号或引号：“${bad}”`);
  const f = `"${list.join(',')}"`;
  if (f.length > 257) throw new Error(`下拉列表过长（${f.length - 2}个字符，Excel最多255个）`);
  return f;
}

function styleCell(cell: ExcelJS.Cell, c: RenderCell): void {
  cell.value = c.value === null ? null : typeof c.value === 'object' ? { error: c.value.error as ExcelJS.CellErrorValue['error'] } : c.value;
  if (c.numberFormat !== undefined) cell.numFmt = c.numberFormat;
  cell.font = { name: FONT_NAME, size: c.fontSize ?? FONT_SIZE, bold: c.bold === true };
  cell.alignment = {
    horizontal: c.align,
    vertical: c.valign === 'middle' ? 'middle' : c.valign,
    wrapText: c.wrap === true,
  };
  if (c.fill !== undefined) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.fill) } };
}

/** Applies plans to a worksheet (later plans win where they overlap). */
export function addPlansToWorksheet(ws: ExcelJS.Worksheet, plans: RenderPlan[]): void {
  const widths = new Map<number, number>();
  for (const plan of plans) {
    for (const c of plan.cells) styleCell(ws.getCell(c.row + 1, c.col + 1), c);
    for (const w of plan.columnWidths) widths.set(w.col, Math.max(widths.get(w.col) ?? 0, w.width));
    for (const h of plan.rowHeights ?? []) ws.getRow(h.row + 1).height = h.height;
    // validations are collected per cell first, so a prompt and a dropdown on one cell combine
    const dvs = new Map<string, { row: number; col: number; dv: ExcelJS.DataValidation }>();
    const dvAt = (row: number, col: number) => {
      const key = `${row},${col}`;
      let e = dvs.get(key);
      if (!e) {
        e = { row, col, dv: { type: 'any', formulae: [] } as unknown as ExcelJS.DataValidation };
        dvs.set(key, e);
      }
      return e;
    };
    for (const v of plan.validations) {
      eachCell(v.range, (row, col) => {
        const e = dvAt(row, col);
        e.dv = {
          ...e.dv,
          type: 'list',
          allowBlank: true,
          formulae: [listFormula(v.list)],
          showErrorMessage: true,
          errorStyle: 'warning',
          errorTitle: '不在下拉列表中',
          error: `应为：${v.list.join('、')}`.slice(0, 255),
        };
      });
    }
    for (const p of plan.prompts ?? []) {
      eachCell(p.range, (row, col) => {
        const e = dvAt(row, col);
        e.dv = { ...e.dv, showInputMessage: true, promptTitle: p.title, prompt: p.message };
      });
    }
    for (const { row, col, dv } of dvs.values()) ws.getCell(row + 1, col + 1).dataValidation = dv;
    for (const r of plan.borders) {
      eachCell(r, (row, col) => {
        ws.getCell(row + 1, col + 1).border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      });
    }
    for (const m of plan.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    // a break before 0-based row r is a break after 1-based row r
    for (const r of plan.pageBreaks ?? []) if (r > 0) ws.getRow(r).addPageBreak();
  }
  for (const [col, width] of widths) ws.getColumn(col + 1).width = width;
}

/** A new ExcelJS workbook with one sheet per rendered workbook. */
export function buildTemplateWorkbook(rendered: RenderedWorkbook | RenderedWorkbook[]): ExcelJS.Workbook {
  const wb = new (excelJs().Workbook)();
  wb.creator = 'jxmb';
  for (const r of Array.isArray(rendered) ? rendered : [rendered]) {
    const ws = wb.addWorksheet(r.sheetName, {
      pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      properties: { defaultRowHeight: 18 },
    });
    addPlansToWorksheet(ws, r.plans);
  }
  return wb;
}

export async function templateXlsxBuffer(rendered: RenderedWorkbook | RenderedWorkbook[]): Promise<Buffer> {
  const data = await buildTemplateWorkbook(rendered).xlsx.writeBuffer();
  return Buffer.from(data as ArrayBuffer);
}

/** Writes the workbook to `file` (the whole file is built in memory first: nothing is written on failure). */
export async function writeTemplateXlsx(rendered: RenderedWorkbook | RenderedWorkbook[], file: string): Promise<void> {
  const buf = await templateXlsxBuffer(rendered);
  await fs.writeFile(file, buf);
}
