/**
 * The tables of a Word .docx document as a Grid: one sheet per table, its first row the paragraph
 * before the table (the table's title, e.g. `1.村办公经费绩效目标表`, merged across the table),
 * then the table's rows on the table's own column grid:
 *
 * - `w:gridSpan` (a cell spanning grid columns) and `w:vMerge` (restart / continue down) become
 *   merged areas, with the text in the top-left cell; `w:gridBefore` skips grid columns;
 * - a cell's paragraphs are joined with line breaks; field instructions (`TC …`, `PAGEREF …`),
 *   deleted text and hidden text are left out, as Word does not show them;
 * - a table that follows another with only empty paragraphs between them (Word documents often
 *   split one table like that: the 部门预算 documents put a project's header and its indicators in
 *   two) continues the same sheet;
 * - content controls (`w:sdt`) and custom XML are looked into.
 *
 * Parsed with fast-xml-parser after refusing any DTD (so no entity is ever expanded); character
 * references and the five predefined entities are decoded here.
 */
import { XMLParser } from 'fast-xml-parser';
import type { RangePos } from '../domain/address';
import type { Grid, GridSheet } from '../sheet/grid';
import { mainPart, partText, unescapeXml } from './ooxml-read';
import { safeSheetName } from './sheet-name';
import type { ZipParts } from './zip-parts';

type XmlNode = Record<string, unknown>;

/**
 * Only `w:val` is read of all attributes, and the content of elements that never hold cell text
 * (run and paragraph properties, drawings, deletions, field instructions …) is kept unparsed:
 * three times faster on a document of twenty project tables.
 */
const UNPARSED = ['w:rPr', 'w:pPr', 'w:tblPr', 'w:sectPr', 'w:drawing', 'w:pict', 'w:object', 'mc:AlternateContent', 'w:del', 'w:moveFrom', 'w:instrText', 'w:tblPrEx', 'w:tcW', 'w:tcBorders', 'w:shd'];

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: (name: string) => name !== 'w:val',
  stopNodes: UNPARSED.map((t) => `*.${t}`),
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: false,
  maxNestedTags: 400,
});

/** The element name of a preserveOrder node (`w:p`, `#text`, …). */
function tagOf(n: XmlNode): string {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return '';
}

function children(n: XmlNode): XmlNode[] {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
}

function attrOf(n: XmlNode, name: string): string | undefined {
  const a = n[':@'] as Record<string, string> | undefined;
  return a ? a[name] : undefined;
}

function child(n: XmlNode, tag: string): XmlNode | undefined {
  return children(n).find((c) => tagOf(c) === tag);
}

/** Elements whose content is looked into as if it stood in their place. */
const TRANSPARENT = new Set(['w:sdt', 'w:sdtContent', 'w:customXml', 'w:smartTag', 'w:ins', 'w:moveTo', 'w:hyperlink', 'w:fldSimple', 'w:dir', 'w:bdo']);

/** Inline content → text: runs' `w:t`, tabs, breaks; no field instructions, deletions, drawings. */
function inlineText(nodes: XmlNode[], out: string[]): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    switch (tag) {
      case 'w:r': {
        const rPr = child(n, 'w:rPr');
        if (rPr && isHidden(rawOf(rPr))) break; // hidden text
        for (const c of children(n)) {
          const t = tagOf(c);
          if (t === 'w:t') out.push(textOf(c));
          else if (t === 'w:tab' || t === 'w:ptab') out.push(' ');
          else if (t === 'w:br' || t === 'w:cr') out.push('\n');
          else if (t === 'w:noBreakHyphen') out.push('-');
        }
        break;
      }
      default:
        // w:del, w:moveFrom, w:pPr, bookmarks, comments, drawings: nothing shown as text
        if (TRANSPARENT.has(tag)) inlineText(children(n), out);
        break;
    }
  }
}

/** The unparsed content of a stop node. */
function rawOf(n: XmlNode): string {
  let s = '';
  for (const c of children(n)) if (typeof c['#text'] === 'string') s += c['#text'];
  return s;
}

/** Run properties that hide the text (`<w:vanish/>`, not `w:val="false"`). */
function isHidden(rPr: string): boolean {
  const m = /<w:vanish\b([^>]*)>/.exec(rPr);
  return m !== null && !/w:val="(false|0|off)"/.test(m[1]);
}

function textOf(n: XmlNode): string {
  let s = '';
  for (const c of children(n)) if (typeof c['#text'] === 'string') s += c['#text'];
  return unescapeXml(s);
}

function paragraphText(p: XmlNode): string {
  const out: string[] = [];
  inlineText(children(p), out);
  return out.join('');
}

/** The text of a table cell: its paragraphs (and those of nested tables) joined by line breaks. */
function cellText(tc: XmlNode): string {
  const lines: string[] = [];
  const walk = (nodes: XmlNode[]): void => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') lines.push(paragraphText(n));
      else if (tag === 'w:tbl' || tag === 'w:tr' || tag === 'w:tc' || TRANSPARENT.has(tag)) walk(children(n));
    }
  };
  walk(children(tc));
  // drop trailing empty paragraphs (Word ends every cell with one), keep inner line structure
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  while (lines.length > 0 && lines[0].trim() === '') lines.shift();
  return lines.join('\n').trim();
}

function intAttr(n: XmlNode | undefined, tag: string): number | undefined {
  if (!n) return undefined;
  const c = child(n, tag);
  const v = c ? attrOf(c, 'w:val') : undefined;
  const x = v === undefined ? NaN : parseInt(v, 10);
  return Number.isFinite(x) ? x : undefined;
}

/** Row-level and cell-level elements, looking through content controls and custom XML. */
function flatten(nodes: XmlNode[], want: string): XmlNode[] {
  const out: XmlNode[] = [];
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === want) out.push(n);
    else if (TRANSPARENT.has(tag)) out.push(...flatten(children(n), want));
  }
  return out;
}

interface TableGrid {
  rows: (string | undefined)[][];
  merges: RangePos[];
  width: number;
}

/** A `w:tbl` on its column grid: texts at grid positions, merged areas from gridSpan / vMerge. */
function readTable(tbl: XmlNode): TableGrid {
  const rows: (string | undefined)[][] = [];
  const merges: RangePos[] = [];
  /** open vertical merges by their left grid column */
  const open = new Map<number, RangePos>();
  let width = 0;
  const grid = child(tbl, 'w:tblGrid');
  if (grid) width = children(grid).filter((c) => tagOf(c) === 'w:gridCol').length;
  flatten(children(tbl), 'w:tr').forEach((tr, r) => {
    const row: (string | undefined)[] = [];
    rows.push(row);
    const trPr = child(tr, 'w:trPr');
    let col = intAttr(trPr, 'w:gridBefore') ?? 0;
    const seen = new Set<number>();
    for (const tc of flatten(children(tr), 'w:tc')) {
      const tcPr = child(tc, 'w:tcPr');
      const span = Math.max(1, Math.min(intAttr(tcPr, 'w:gridSpan') ?? 1, 1000));
      const vm = tcPr ? child(tcPr, 'w:vMerge') : undefined;
      const vmVal = vm ? (attrOf(vm, 'w:val') ?? 'continue') : undefined;
      const hm = tcPr ? child(tcPr, 'w:hMerge') : undefined;
      if (hm && (attrOf(hm, 'w:val') ?? 'continue') === 'continue' && col > 0) {
        // legacy horizontal merge: this cell widens the one to its left
        const left = merges.find((m) => m.top <= r && m.bottom >= r && m.right === col - 1) ?? { top: r, left: col - 1, bottom: r, right: col - 1 };
        if (!merges.includes(left)) merges.push(left);
        left.right = col + span - 1;
        col += span;
        continue;
      }
      if (vmVal === 'continue') {
        const above = open.get(col);
        if (above && above.bottom === r - 1) {
          above.bottom = r;
          seen.add(col);
          col += span;
          continue;
        }
        // a continuation with nothing above it: read it as an ordinary cell
      }
      const text = cellText(tc);
      if (text !== '') row[col] = text;
      const area: RangePos = { top: r, left: col, bottom: r, right: col + span - 1 };
      if (span > 1) merges.push(area);
      if (vmVal === 'restart') {
        if (span === 1) merges.push(area);
        open.set(col, area);
        seen.add(col);
      }
      col += span;
    }
    for (const k of [...open.keys()]) if (!seen.has(k)) open.delete(k);
    if (col > width) width = col;
  });
  // a vertical merge that never continued is no merge
  const kept = merges.filter((m) => m.bottom > m.top || m.right > m.left);
  return { rows, merges: kept, width };
}

/** Block-level nodes of the body in document order (content controls opened). */
function blocks(nodes: XmlNode[]): XmlNode[] {
  const out: XmlNode[] = [];
  for (const n of nodes) {
    const tag = tagOf(n);
    if (tag === 'w:p' || tag === 'w:tbl') out.push(n);
    else if (tag === 'w:sdt' || tag === 'w:sdtContent' || tag === 'w:customXml') out.push(...blocks(children(n)));
  }
  return out;
}

const YEAR_RE = /20\d{2}\s*年/;

/**
 * Removes every `<tag …>…</tag>` (or `<tag …/>`) from `xml` in one linear pass, keeping a piece only
 * when `keep` says so. An element left unclosed ends the pass (the rest is kept as it is).
 */
function dropElements(xml: string, tag: string, keep?: (piece: string) => boolean): string {
  const open = `<${tag}`;
  const close = `</${tag}>`;
  let out = '';
  let pos = 0;
  for (;;) {
    const i = xml.indexOf(open, pos);
    if (i < 0) break;
    const next = xml.charCodeAt(i + open.length);
    if (next !== 62 && next !== 32 && next !== 47) {
      // a longer name (w:pPrChange): not this element
      out += xml.slice(pos, i + open.length);
      pos = i + open.length;
      continue;
    }
    const gt = xml.indexOf('>', i);
    if (gt < 0) break;
    let end = gt + 1;
    if (xml.charCodeAt(gt - 1) !== 47) {
      const j = xml.indexOf(close, gt);
      if (j < 0) break;
      end = j + close.length;
    }
    const piece = xml.slice(i, end);
    out += xml.slice(pos, i) + (keep && keep(piece) ? piece : '');
    pos = end;
  }
  return out + xml.slice(pos);
}

/**
 * What Word writes around the text — paragraph, table and section properties, run properties (unless
 * they hide the run), bookmarks, proofing marks, revision ids — removed before parsing: half the
 * bytes of a typical document, twice as fast to parse.
 */
export function leanDocumentXml(xml: string): string {
  let s = xml;
  for (const tag of ['w:pPr', 'w:tblPr', 'w:sectPr', 'w:tcW', 'w:bookmarkStart', 'w:bookmarkEnd', 'w:proofErr', 'w:lastRenderedPageBreak']) s = dropElements(s, tag);
  s = dropElements(s, 'w:rPr', (piece) => piece.includes('<w:vanish'));
  return s.replace(/\sw:rsid\w*="[^"]*"/g, '');
}

/** Parse `word/document.xml` (already DTD-checked) into sheets. */
export function documentToGrid(xml: string): Grid {
  const root = parser.parse(leanDocumentXml(xml)) as XmlNode[];
  const doc = root.find((n) => tagOf(n) === 'w:document');
  const body = doc ? child(doc, 'w:body') : undefined;
  const sheets: GridSheet[] = [];
  const used = new Set<string>();
  let lastParagraph: string | undefined;
  let textSinceTable = true;
  let heading: string | undefined;
  let current: GridSheet | undefined;
  let tables = 0;
  for (const n of blocks(body ? children(body) : [])) {
    if (tagOf(n) === 'w:p') {
      const t = paragraphText(n).replace(/\s+/g, ' ').trim();
      if (t) {
        lastParagraph = t;
        textSinceTable = true;
        if (tables === 0 && heading === undefined && t.length <= 60 && YEAR_RE.test(t)) heading = t;
      }
      continue;
    }
    const table = readTable(n);
    tables++;
    if (table.rows.length === 0) continue;
    if (current && !textSinceTable) {
      // the same table, continued after an empty paragraph
      const offset = current.values.length;
      for (const row of table.rows) current.values.push(row);
      for (const m of table.merges) current.merges.push({ top: m.top + offset, left: m.left, bottom: m.bottom + offset, right: m.right });
    } else {
      const title = lastParagraph;
      const values: (string | undefined)[][] = [];
      const merges: RangePos[] = [];
      let offset = 0;
      if (title) {
        values.push([title]);
        if (table.width > 1) merges.push({ top: 0, left: 0, bottom: 0, right: table.width - 1 });
        offset = 1;
      }
      for (const row of table.rows) values.push(row);
      for (const m of table.merges) merges.push({ top: m.top + offset, left: m.left, bottom: m.bottom + offset, right: m.right });
      current = { name: safeSheetName(title, sheets.length + 1, used), values, merges };
      sheets.push(current);
    }
    lastParagraph = undefined;
    textSinceTable = false;
  }
  const grid: Grid = { sheets };
  if (heading) grid.name = heading;
  return grid;
}

function coreTitle(xml: string | undefined): string | undefined {
  const m = xml ? /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/.exec(xml) : null;
  const t = m ? unescapeXml(m[1]).trim() : '';
  return t || undefined;
}

/** Read an opened .docx package. Throws XmlDoctypeError on a DTD (from partText). */
export async function readDocx(zip: ZipParts): Promise<Grid> {
  const part = await mainPart(zip, 'word/document.xml');
  const xml = (await partText(zip, part)) ?? '';
  const grid = documentToGrid(xml);
  const title = coreTitle(await partText(zip, 'docProps/core.xml'));
  if (title) grid.name = title;
  return grid;
}
