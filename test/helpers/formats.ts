/**
 * Writers for the other formats a reviewer receives, built from a Grid (usually read from one of
 * the real workbooks), so a test can check that the same tables give the same findings whatever
 * the file format:
 *
 * - {@link gridToDocx}: a Word document the way the 部门预算 documents carry these tables — a
 *   heading paragraph, then per project the title paragraph (with the TOC field code the seeds
 *   show) and its table, cut in two (header part / indicators) by an empty paragraph; merges as
 *   `w:gridSpan` and `w:vMerge`, line breaks as paragraphs, numbers as the text Word shows;
 * - {@link gridToXml2003}: XML Spreadsheet 2003 as the 一体化 system exports it (`ss:MergeAcross`,
 *   `ss:MergeDown`, `ss:Index`, styles carrying the number formats);
 * - {@link gridToXls}: Excel 97–2003 (BIFF8) through the SheetJS writer.
 */
import JSZip from 'jszip';
import * as XLSX from '@e965/xlsx';
import type { RangePos } from '../../src/domain/address';
import type { CellValue } from '../../src/domain/model';
import { displayText } from '../../src/sheet/display';
import { cellFormat, cellValue, colCount, type Grid, type GridSheet } from '../../src/sheet/grid';

export function xmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function mergeAt(sheet: GridSheet, r: number, c: number): RangePos | undefined {
  return sheet.merges.find((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
}

function rowEmpty(sheet: GridSheet, r: number): boolean {
  const row = sheet.values[r] ?? [];
  return !row.some((v) => v !== undefined && v !== null && String(v).trim() !== '');
}

function rowCells(sheet: GridSheet, r: number): number[] {
  const out: number[] = [];
  (sheet.values[r] ?? []).forEach((v, c) => {
    if (v !== undefined && v !== null && String(v).trim() !== '') out.push(c);
  });
  return out;
}

// ---- Word --------------------------------------------------------------------------------------

function run(text: string): string {
  return `<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">${xmlEscape(text)}</w:t></w:r>`;
}

function paragraph(text: string, opts: { tocField?: boolean; bookmark?: number } = {}): string {
  let body = '';
  if (opts.bookmark !== undefined) body += `<w:bookmarkStart w:id="${opts.bookmark}" w:name="_Toc_${opts.bookmark}"/>`;
  body += run(text);
  if (opts.tocField) {
    // the hidden TOC entry field the seed documents carry after every table title
    body +=
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      `<w:r><w:instrText xml:space="preserve"> TC "${xmlEscape(text)}" \\f C \\l 1 </w:instrText></w:r>` +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
  }
  if (opts.bookmark !== undefined) body += `<w:bookmarkEnd w:id="${opts.bookmark}"/>`;
  return `<w:p>${body}</w:p>`;
}

function cellParagraphs(text: string): string {
  const lines = text.split('\n');
  return lines.map((l) => `<w:p>${l ? run(l) : ''}</w:p>`).join('');
}

const BORDERS = ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`).join('');

function tableXml(sheet: GridSheet, top: number, bottom: number, width: number): string {
  const grid = Array.from({ length: width }, () => '<w:gridCol w:w="1200"/>').join('');
  let rows = '';
  for (let r = top; r <= bottom; r++) {
    let cells = '';
    for (let c = 0; c < width; ) {
      const m = mergeAt(sheet, r, c);
      const span = m ? m.right - m.left + 1 : 1;
      let pr = `<w:tcW w:w="${1200 * span}" w:type="dxa"/>`;
      if (span > 1) pr += `<w:gridSpan w:val="${span}"/>`;
      let text = '';
      if (m && m.bottom > m.top) pr += r === m.top ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>';
      if (!m || (r === m.top && c === m.left)) text = displayText(cellValue(sheet, r, c), cellFormat(sheet, r, c));
      cells += `<w:tc><w:tcPr>${pr}</w:tcPr>${cellParagraphs(text)}</w:tc>`;
      c += span;
    }
    rows += `<w:tr>${cells}</w:tr>`;
  }
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>${BORDERS}</w:tblBorders><w:tblLook w:val="04A0"/></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${rows}</w:tbl>`;
}

export interface DocxOptions {
  /** the document title in docProps/core.xml */
  title?: string;
  /** a row where a table is cut in two by an empty paragraph (default: the 一级指标 header row) */
  splitBefore?: (sheet: GridSheet, row: number) => boolean;
  /** paragraphs before everything else (a cover) */
  cover?: string[];
}

const INDICATOR_HEADER = (sheet: GridSheet, r: number): boolean => String(cellValue(sheet, r, 0) ?? '').replace(/\s/g, '') === '一级指标';

/**
 * The grid's sheets as a Word document: each run of non-empty rows is a table; a first row holding a
 * single cell becomes the paragraph before it (the table's title); a one-row run is a paragraph.
 */
export async function gridToDocx(grid: Grid, opts: DocxOptions = {}): Promise<Buffer> {
  const split = opts.splitBefore ?? INDICATOR_HEADER;
  let body = (opts.cover ?? []).map((t) => paragraph(t)).join('');
  let bookmark = 0;
  for (const sheet of grid.sheets) {
    const n = sheet.values.length;
    const width = colCount(sheet);
    for (let r = 0; r < n; ) {
      if (rowEmpty(sheet, r)) {
        r++;
        continue;
      }
      let end = r;
      while (end + 1 < n && !rowEmpty(sheet, end + 1)) end++;
      let start = r;
      const first = rowCells(sheet, r);
      if (first.length === 1 && first[0] === 0) {
        body += paragraph(displayText(cellValue(sheet, r, 0), cellFormat(sheet, r, 0)), { tocField: end > r, bookmark: bookmark++ });
        start = r + 1;
      }
      let from = start;
      for (let k = start + 1; k <= end; k++) {
        if (split(sheet, k)) {
          body += tableXml(sheet, from, k - 1, width);
          body += '<w:p/>';
          from = k;
        }
      }
      if (from <= end) body += tableXml(sheet, from, end, width);
      body += '<w:p/>';
      r = end + 1;
    }
  }
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
    `<w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1080" w:bottom="1440" w:left="1080" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>',
  );
  zip.file('word/document.xml', document);
  zip.file(
    'docProps/core.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      (opts.title ? `<dc:title>${xmlEscape(opts.title)}</dc:title>` : '') +
      '</cp:coreProperties>',
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// ---- XML Spreadsheet 2003 ------------------------------------------------------------------------

function xmlType(v: CellValue): [string, string] | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'number') return ['Number', String(v)];
  if (typeof v === 'boolean') return ['Boolean', v ? '1' : '0'];
  if (typeof v === 'string') return ['String', v];
  return ['Error', v.error];
}

/** SpreadsheetML 2003 text of a grid (as the 一体化 system writes it). */
export function gridToXml2003(grid: Grid, opts: { title?: string } = {}): string {
  const styles = new Map<string, string>();
  const styleOf = (fmt: string | undefined): string | undefined => {
    if (!fmt) return undefined;
    let id = styles.get(fmt);
    if (!id) {
      id = `s${styles.size + 62}`;
      styles.set(fmt, id);
    }
    return id;
  };
  let sheetsXml = '';
  for (const sheet of grid.sheets) {
    const width = colCount(sheet);
    let rows = '';
    for (let r = 0; r < sheet.values.length; r++) {
      let cells = '';
      let next = 0;
      for (let c = 0; c < width; c++) {
        const m = mergeAt(sheet, r, c);
        if (m && !(m.top === r && m.left === c)) continue;
        const v = cellValue(sheet, r, c);
        const fmt = cellFormat(sheet, r, c);
        const t = xmlType(v);
        if (!t && !m && !fmt) continue;
        let a = '';
        if (c !== next) a += ` ss:Index="${c + 1}"`;
        if (m && m.right > m.left) a += ` ss:MergeAcross="${m.right - m.left}"`;
        if (m && m.bottom > m.top) a += ` ss:MergeDown="${m.bottom - m.top}"`;
        const sid = styleOf(fmt);
        if (sid) a += ` ss:StyleID="${sid}"`;
        cells += t ? `<Cell${a}><Data ss:Type="${t[0]}">${xmlEscape(t[1]).replace(/\n/g, '&#10;')}</Data></Cell>` : `<Cell${a}/>`;
        next = (m ? m.right : c) + 1;
      }
      rows += `<Row ss:Index="${r + 1}">${cells}</Row>`;
    }
    const hidden = sheet.hidden ? '<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>' : '';
    sheetsXml += `<Worksheet ss:Name="${xmlEscape(sheet.name)}"><Table>${rows}</Table>${hidden}</Worksheet>`;
  }
  let stylesXml = '<Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/><Font ss:FontName="宋体" x:CharSet="134" ss:Size="11"/></Style>';
  for (const [fmt, id] of styles) stylesXml += `<Style ss:ID="${id}"><NumberFormat ss:Format="${xmlEscape(fmt)}"/></Style>`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<?mso-application progid="Excel.Sheet"?>\n' +
    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">' +
    `<DocumentProperties xmlns="urn:schemas-microsoft-com:office:office">${opts.title ? `<Title>${xmlEscape(opts.title)}</Title>` : ''}<Author>一体化</Author></DocumentProperties>` +
    `<Styles>${stylesXml}</Styles>${sheetsXml}</Workbook>`
  );
}

// ---- Excel 97–2003 -------------------------------------------------------------------------------

/** A grid as a BIFF8 .xls (SheetJS writer): values, number formats, merges, hidden sheets. */
export function gridToXls(grid: Grid, bookType: XLSX.BookType = 'biff8'): Buffer {
  const wb = XLSX.utils.book_new();
  for (const sheet of grid.sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxR = 0;
    let maxC = 0;
    sheet.values.forEach((row, r) =>
      (row ?? []).forEach((v, c) => {
        if (v === undefined || v === null) return;
        const fmt = cellFormat(sheet, r, c);
        const cell: XLSX.CellObject =
          typeof v === 'number' ? { t: 'n', v } : typeof v === 'boolean' ? { t: 'b', v } : typeof v === 'string' ? { t: 's', v } : { t: 'e', v: 0x17, w: v.error };
        if (fmt) cell.z = fmt;
        ws[XLSX.utils.encode_cell({ r, c })] = cell;
        maxR = Math.max(maxR, r);
        maxC = Math.max(maxC, c);
      }),
    );
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxR, c: maxC } });
    ws['!merges'] = sheet.merges.map((m) => ({ s: { r: m.top, c: m.left }, e: { r: m.bottom, c: m.right } }));
    XLSX.utils.book_append_sheet(wb, ws, sheet.name);
  }
  wb.Workbook = { Sheets: grid.sheets.map((s) => ({ name: s.name, Hidden: s.hidden ? 1 : 0 })) };
  return XLSX.write(wb, { type: 'buffer', bookType, bookSST: true }) as Buffer;
}
