/**
 * `--annotate DIR`: writes a copy of a checked workbook with every flagged cell filled (error red,
 * warning amber, info blue — light fills, the cell's own borders/fonts/number formats kept), a note
 * holding its messages, and a first sheet 检查结果 listing every diagnostic with a link to its cell.
 *
 * An .xlsx/.xlsm input is read again with ExcelJS (which keeps the formatting). What cannot be
 * written back in its own format — .xls, .et, .ods, XML Spreadsheet 2003, Word — gets an .xlsx copy
 * of what was read (values, number formats, merged areas; for Word one sheet per table) with the
 * same marks and the same 检查结果 sheet. The input is never modified: the copy is written to a
 * temporary file in DIR and renamed into place.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { excelJs } from '../files/exceljs';
import JSZip from 'jszip';
import { tameHugeRanges } from '../files/xlsx-tame';
import type { CellValue, Diagnostic, Severity } from '../domain/model';
import type { Grid } from '../sheet/grid';
import { displayWidth } from './ansi';
import type { FileResult } from './check';
import type { InputFile } from './files';
import { writeFileAtomically } from './io';
import { blockName } from './report';
import { FORMATS } from '../files/formats';
import { safeSheetName } from '../files/sheet-name';
import { noTableLine, SEVERITY_LABEL } from './stylish';

export const RESULT_SHEET = '检查结果';

/** Light fills (ARGB) that keep black text readable. */
export const SEVERITY_FILL: Record<Severity, string> = {
  error: 'FFFFC7CE',
  warning: 'FFFFE699',
  info: 'FFDDEBF7',
};

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

function samePath(a: string, b: string): boolean {
  const na = path.resolve(a);
  const nb = path.resolve(b);
  return process.platform === 'win32' || process.platform === 'darwin' ? na.toLowerCase() === nb.toLowerCase() : na === nb;
}

export interface AnnotatePlan {
  /** input absolute path → output absolute path */
  targets: Map<string, string>;
  /** a Chinese reason to refuse the whole run (the copy would overwrite an input) */
  refusal?: string;
}

/** The copy is always an .xlsx workbook: `报表.xls` → `报表.xlsx`, `预算.docx` → `预算.xlsx`. */
export function copyName(rel: string): string {
  const ext = path.extname(rel);
  return ext.toLowerCase() === '.xlsx' ? rel : `${rel.slice(0, rel.length - ext.length)}.xlsx`;
}

/**
 * Where each input's annotated copy goes: DIR/<relative path inside the folder argument> for files
 * found in a folder, DIR/<base name> for files given directly, always as .xlsx ({@link copyName});
 * a clash gets ` (2)`, ` (3)` ….
 */
export function planAnnotateTargets(inputs: InputFile[], dir: string): AnnotatePlan {
  const targets = new Map<string, string>();
  const used: string[] = [];
  const inputPaths = inputs.filter((f) => !f.error).map((f) => f.path);
  const taken = (p: string): boolean => used.some((u) => samePath(u, p)) || inputPaths.some((q) => samePath(q, p));
  // .xlsx inputs first: their copies keep their names; a converted file's copy gives way
  const readable = inputs.filter((f) => !f.error);
  const isXlsx = (f: InputFile): boolean => path.extname(f.path).toLowerCase() === '.xlsx';
  for (const f of [...readable.filter(isXlsx), ...readable.filter((f) => !isXlsx(f))]) {
    const rel = f.root ? f.rel : path.basename(f.path);
    const wanted = path.resolve(dir, copyName(rel));
    if (samePath(wanted, f.path)) {
      return {
        targets,
        refusal: `批注副本会覆盖原文件“${f.display}”：--annotate 的文件夹不能是被检查文件所在的文件夹，请另选一个`,
      };
    }
    const ext = path.extname(wanted);
    let stem = wanted.slice(0, wanted.length - ext.length);
    let candidate = wanted;
    // 报表.xls beside 报表.xlsx: the copy says where it comes from, 报表 (xls).xlsx
    const from = path.extname(rel).slice(1).toLowerCase();
    if (taken(candidate) && !isXlsx(f) && from) {
      stem = `${stem} (${from})`;
      candidate = `${stem}${ext}`;
    }
    for (let n = 2; taken(candidate); n++) candidate = `${stem} (${n})${ext}`;
    used.push(candidate);
    targets.set(f.path, candidate);
  }
  return { targets };
}

function noteText(diags: Diagnostic[]): string {
  return diags
    .map((d) => {
      let s = `[${SEVERITY_LABEL[d.severity]}] ${d.ruleId}：${d.message}`;
      if (d.fix) s += `\n  修复建议：${d.fix.label}`;
      return s;
    })
    .join('\n');
}

function existingNoteText(note: ExcelJS.Comment | string | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function solidFill(argb: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb } };
}

/** Sets the fill on a copy of the cell's style: ExcelJS shares style objects between cells. */
function setFill(cell: ExcelJS.Cell, argb: string): void {
  cell.style = { ...cell.style, fill: solidFill(argb) };
}

interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function mergeOf(ws: ExcelJS.Worksheet, master: ExcelJS.Cell): MergeRange | undefined {
  const merges = (ws as unknown as { _merges?: Record<string, MergeRange | undefined> })._merges;
  const m = merges?.[master.address];
  return m && typeof m.top === 'number' ? { top: m.top, left: m.left, bottom: m.bottom, right: m.right } : undefined;
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** The name of the copy's sheet that holds what the grid calls `name` (the same, unless it had to change). */
type SheetNames = (name: string) => string;
const SAME: SheetNames = (name) => name;

function markCells(wb: ExcelJS.Workbook, diags: Diagnostic[], sheetName: SheetNames = SAME): void {
  // group by the cell that carries them (a merged cell's top-left)
  const groups = new Map<string, { ws: ExcelJS.Worksheet; cell: ExcelJS.Cell; diags: Diagnostic[] }>();
  for (const d of diags) {
    const ws = wb.getWorksheet(sheetName(d.sheet));
    if (!ws) continue;
    let cell: ExcelJS.Cell;
    try {
      cell = ws.getCell(d.cell);
    } catch {
      continue;
    }
    // ExcelJS, not Office.js: nothing to load
    // eslint-disable-next-line office-addins/load-object-before-read
    if (cell.isMerged && cell.master) cell = cell.master;
    const key = `${ws.id}!${cell.address}`;
    const g = groups.get(key);
    if (g) g.diags.push(d);
    else groups.set(key, { ws, cell, diags: [d] });
  }
  for (const { ws, cell, diags: list } of groups.values()) {
    const worst = list.reduce<Severity>((w, d) => (RANK[d.severity] > RANK[w] ? d.severity : w), 'info');
    const argb = SEVERITY_FILL[worst];
    const merge = mergeOf(ws, cell);
    if (merge) {
      for (let r = merge.top; r <= merge.bottom; r++) for (let c = merge.left; c <= merge.right; c++) setFill(ws.getCell(r, c), argb);
    } else {
      setFill(cell, argb);
    }
    const before = existingNoteText(cell.note as ExcelJS.Comment | string | undefined);
    const text = (before ? `${before}\n` : '') + noteText(list);
    cell.note = { texts: [{ text }], margins: { insetmode: 'auto', inset: [0.13, 0.13, 0.25, 0.25] } } as ExcelJS.Comment;
  }
}

const HEADERS = ['级别', '规则', '工作表', '单元格', '项目', '说明', '修复建议'];
const WIDTHS = [7, 26, 14, 10, 22, 60, 26]; // 9 is ExcelJS's default and would not be written
/** One explicit font for the whole result sheet (a font without a name renders as a serif fallback). */
const FONT: Partial<ExcelJS.Font> = { name: '微软雅黑', size: 10 };

/**
 * Row height (points) that shows every wrapped cell in full: Excel does not grow rows written
 * without a height, so estimate the lines from the text's width (CJK counts double) per column.
 */
export function rowHeightFor(texts: string[], widths: number[], lineHeight = 13.5): number {
  let lines = 1;
  texts.forEach((t, i) => {
    const cap = Math.max(1, (widths[i] ?? 10) - 1);
    const n = t.split('\n').reduce((sum, part) => sum + Math.max(1, Math.ceil(displayWidth(part) / cap)), 0);
    if (n > lines) lines = n;
  });
  return Math.ceil(lines * lineHeight + 3);
}

function addResultSheet(wb: ExcelJS.Workbook, result: FileResult, sheetName: SheetNames = SAME, footnote?: string): ExcelJS.Worksheet {
  // an earlier annotated copy: replace its result sheet rather than stacking another one
  const old = wb.getWorksheet(RESULT_SHEET);
  let name = RESULT_SHEET;
  if (old) {
    if (String(old.getCell('A1').value ?? '') === HEADERS[0]) wb.removeWorksheet(old.id);
    else for (let n = 2; wb.getWorksheet(name); n++) name = `${RESULT_SHEET}${n}`;
  }
  const minOrder = Math.min(0, ...wb.worksheets.map((w) => (w as unknown as { orderNo: number }).orderNo));
  for (const w of wb.worksheets) for (const v of w.views ?? []) (v as { tabSelected?: boolean }).tabSelected = false;

  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2', tabSelected: true } as unknown as ExcelJS.WorksheetView],
  });
  (ws as unknown as { orderNo: number }).orderNo = minOrder - 1;
  ws.columns = HEADERS.map((header, i) => ({ header, width: WIDTHS[i] }));
  const head = ws.getRow(1);
  head.font = { ...FONT, bold: true };
  head.alignment = { vertical: 'middle' };
  head.eachCell((c) => {
    c.fill = solidFill('FFE7E6E6');
    c.border = { bottom: { style: 'thin', color: { argb: 'FF808080' } } };
  });

  const pos = new Map<number, string>();
  result.blocks.forEach((b) => pos.set(b.index, blockName(b)));
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  for (const d of result.diagnostics) {
    const sheet = sheetName(d.sheet);
    const row = ws.addRow([
      SEVERITY_LABEL[d.severity],
      d.ruleId,
      sheet,
      { text: d.cell, hyperlink: `#${quoteSheet(sheet)}!${d.cell}`, tooltip: `转到 ${sheet}!${d.cell}` },
      d.block ? (pos.get(d.block.index) ?? d.block.name) : '',
      d.message,
      d.fix ? d.fix.label : '',
    ]);
    row.alignment = wrap;
    row.font = FONT;
    row.height = rowHeightFor([d.ruleId, d.sheet, d.cell, d.block?.name ?? '', d.message, d.fix?.label ?? ''].map(String), WIDTHS.slice(1));
    row.getCell(1).fill = solidFill(SEVERITY_FILL[d.severity]);
    row.getCell(4).font = { ...FONT, color: { argb: 'FF0563C1' }, underline: true };
  }
  if (result.diagnostics.length === 0) {
    ws.addRow(['', '', '', '', '', '未发现问题', '']).font = FONT;
  }
  for (const s of result.sheets) {
    if (s.blockCount === 0 && s.name !== name) {
      const row = ws.addRow(['', '', sheetName(s.name), '', '', noTableLine(s.name, s.note), '']);
      row.alignment = wrap;
      row.font = { ...FONT, color: { argb: 'FF808080' } };
      row.height = rowHeightFor([noTableLine(s.name, s.note)], [WIDTHS[5]]);
    }
  }
  const lastListed = Math.max(1, ws.rowCount);
  if (footnote) {
    const row = ws.addRow(['', '', '', '', '', footnote, '']);
    row.alignment = wrap;
    row.font = { ...FONT, color: { argb: 'FF808080' } };
    row.height = rowHeightFor([footnote], [WIDTHS[5]]);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastListed, column: HEADERS.length } };
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };

  const views = wb.views && wb.views.length > 0 ? wb.views : [{ x: 0, y: 0, width: 20000, height: 12000, visibility: 'visible' } as ExcelJS.WorkbookView];
  wb.views = views.map((v, i) => (i === 0 ? { ...v, activeTab: 0, firstSheet: 0 } : v));
  return ws;
}

/**
 * ExcelJS writes an internal link both as an external relationship and as `location` with the `#`
 * kept. Rewrite the result sheet's links the way Excel writes them: `location` only, no `#`.
 */
async function fixInternalLinks(buf: Buffer, sheetId: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const sheetPath = `xl/worksheets/sheet${sheetId}.xml`;
  const relsPath = `xl/worksheets/_rels/sheet${sheetId}.xml.rels`;
  const sheetFile = zip.file(sheetPath);
  if (!sheetFile) return buf;
  const xml = await sheetFile.async('string');
  const dropped = new Set<string>();
  const fixed = xml.replace(/<hyperlink\b[^>]*\/>/g, (tag) => {
    const loc = /\blocation="#/.test(tag);
    if (!loc) return tag;
    const rid = /\br:id="([^"]*)"/.exec(tag);
    if (rid) dropped.add(rid[1]);
    return tag.replace(/\s+r:id="[^"]*"/, '').replace(/\blocation="#/, 'location="');
  });
  zip.file(sheetPath, fixed);
  const relsFile = zip.file(relsPath);
  if (relsFile && dropped.size > 0) {
    const rels = await relsFile.async('string');
    const kept = rels.replace(/<Relationship\b[^>]*\/>/g, (tag) => {
      const id = /\bId="([^"]*)"/.exec(tag);
      return id && dropped.has(id[1]) ? '' : tag;
    });
    zip.file(relsPath, kept);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (typeof v === 'object') return { error: v.error } as ExcelJS.CellErrorValue;
  return v;
}

/**
 * A new workbook holding what was read from a file that cannot be written back in its own format:
 * every sheet with its values, number formats, merged areas and hidden state, columns wide enough
 * to read, long text wrapped. Returns the workbook and the name each grid sheet got.
 */
export function workbookFromGrid(grid: Grid): { wb: ExcelJS.Workbook; names: Map<string, string> } {
  const wb = new (excelJs().Workbook)();
  const names = new Map<string, string>();
  const used = new Set<string>();
  grid.sheets.forEach((sheet, i) => {
    const name = safeSheetName(sheet.name, i + 1, used, [RESULT_SHEET]);
    names.set(sheet.name, name);
    const ws = wb.addWorksheet(name, { state: sheet.hidden ? 'hidden' : 'visible' });
    ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
    const widths: number[] = [];
    // a merge's text spans several columns: it must not widen the first one
    const spanning = new Set(sheet.merges.filter((m) => m.right > m.left).map((m) => `${m.top},${m.left}`));
    sheet.values.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === undefined || v === null) return;
        const cell = ws.getCell(r + 1, c + 1);
        cell.value = excelValue(v);
        const wide = spanning.has(`${r},${c}`);
        if (typeof v === 'string') {
          const longest = Math.max(...v.split('\n').map((line) => displayWidth(line)));
          if (!wide) widths[c] = Math.max(widths[c] ?? 0, Math.min(longest, 40));
          if (v.includes('\n') || longest > 40) cell.alignment = { wrapText: true, vertical: 'top' };
        } else if (!wide) {
          widths[c] = Math.max(widths[c] ?? 0, 10);
        }
      }),
    );
    sheet.formats?.forEach((row, r) =>
      row.forEach((f, c) => {
        if (f) ws.getCell(r + 1, c + 1).numFmt = f;
      }),
    );
    for (const m of sheet.merges) {
      try {
        ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
      } catch {
        // overlapping merges (possible in hand-made files): keep the first
      }
    }
    widths.forEach((w, c) => {
      if (w > 0) ws.getColumn(c + 1).width = Math.max(10, Math.min(w + 2, 42));
    });
  });
  return { wb, names };
}

/** Writes the annotated copy of `result`'s workbook to `outputPath` (atomically). */
export async function annotateWorkbook(result: FileResult, outputPath: string): Promise<void> {
  let wb: ExcelJS.Workbook;
  let sheetName: SheetNames = SAME;
  let footnote: string | undefined;
  if (result.format === undefined || FORMATS[result.format].annotatesOriginal) {
    wb = new (excelJs().Workbook)();
    // whole-column validations or merges would make ExcelJS expand millions of cells: clip them first
    const { buffer } = await tameHugeRanges(await fs.readFile(result.input.path));
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } else {
    if (!result.grid) throw new Error('没有可写入的内容');
    const made = workbookFromGrid(result.grid);
    wb = made.wb;
    sheetName = (name) => made.names.get(name) ?? name;
    const source = path.basename(result.input.path);
    footnote =
      FORMATS[result.format].sheetNoun === '表格'
        ? `本副本由 ${FORMATS[result.format].label}“${source}”中的表格生成（每个表格一个工作表，表格前的段落作为标题行），原文件未改动`
        : `本副本由${FORMATS[result.format].label}“${source}”读取的内容生成（数值、数字格式和合并单元格），原文件未改动`;
  }
  markCells(wb, result.diagnostics, sheetName);
  const ws = addResultSheet(wb, result, sheetName, footnote);
  const raw = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFileAtomically(outputPath, await fixInternalLinks(raw, ws.id));
}
