/**
 * The seed documents (data/seeds/*.txt) are text renderings of real 部门预算 documents. This
 * turns one into a {@link Grid} so that the project's own recogniser reads it, the way it reads a
 * workbook. Two renderings occur:
 *
 * - a Word document (seeds 000, 001): paragraphs as plain lines; a table row is a run of lines each
 *   starting with a TAB (one cell per such line; a line without the TAB continues the cell above),
 *   and a blank line ends the row. A cell whose text ends with a line break leaves a blank line
 *   inside a row: in an indicator table (whose width the 一级指标 header row gives) a row that comes
 *   up short is joined with the next one when together they fill the width.
 * - a disclosure list (seed 004): one table row per line, cells separated by TABs, paragraphs of a
 *   cell written as `<p>…</p>` (read as lines of the cell).
 *
 * Cells are placed left to right from column A (the rendering keeps no column positions; the
 * recogniser finds blocks by their labels, not by fixed columns).
 */
import type { CellValue } from '../../src/domain/model';
import type { Grid, GridSheet } from '../../src/sheet/grid';

/** `<p>a</p> <p>b</p>` → `a\nb`; other tags dropped, the usual entities decoded. */
function htmlCell(s: string): string {
  const paragraphs = [...s.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]);
  const text = paragraphs.length > 0 ? paragraphs.join('\n') : s;
  return text
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();
}

/** Whether the text is a disclosure list rendered as TAB-separated rows. */
export function isTabularList(text: string): boolean {
  return /^单位编码\t/m.test(text);
}

function cell(s: string): CellValue | undefined {
  const t = s.trim();
  return t === '' ? undefined : t;
}

function listRows(text: string): (CellValue | undefined)[][] {
  return text.split(/\r?\n/).map((line) => (line.trim() === '' ? [] : line.split('\t').map((c) => cell(htmlCell(c)))));
}

/** The label an indicator table's header row starts with. */
const INDICATOR_HEADER_RE = /^一级\s*指标$/;

function wordRows(text: string): (CellValue | undefined)[][] {
  const rows: (CellValue | undefined)[][] = [];
  let row: string[] | null = null;
  /** the width of the indicator table we are in (its header row's cell count), else 0 */
  let width = 0;
  /** the previous row came up short inside an indicator table: the next row may continue it */
  let short: string[] | null = null;
  const end = () => {
    if (row === null) return;
    const cells = row;
    row = null;
    if (short && short.length + cells.length === width) {
      short.push(...cells);
      rows[rows.length - 1] = short.map(cell);
      short = null;
      return;
    }
    short = null;
    if (cells.length > 0 && INDICATOR_HEADER_RE.test(cells[0].trim())) width = cells.length;
    else if (width > 0 && cells.length > 1 && cells.length < width) short = cells;
    rows.push(cells.map(cell));
  };
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('\t')) {
      row ??= [];
      row.push(line.slice(1));
    } else if (line.trim() === '') {
      end();
    } else if (row !== null && row.length > 0) {
      row[row.length - 1] += `\n${line}`;
    } else {
      // a paragraph: a title line, the text part of the document; ends any indicator table
      width = 0;
      short = null;
      rows.push([cell(line.replace(/\s+TC\s.*$/, '').replace(/^\[bookmark:[^\]]*\]/, ''))]);
    }
  }
  end();
  return rows;
}

/** A seed document as a one-sheet grid (`name` becomes the sheet's and the grid's name). */
export function seedToGrid(text: string, name: string): Grid {
  const values = isTabularList(text) ? listRows(text) : wordRows(text);
  const sheet: GridSheet = { name, values, merges: [] };
  return { sheets: [sheet], name };
}
