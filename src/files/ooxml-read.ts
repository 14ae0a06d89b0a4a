/**
 * The .xlsx / .xlsm reader of `jxmb check`: reads from the (already opened) zip exactly what the
 * recogniser needs and nothing else — the sheets in workbook order (name, hidden state), every
 * cell's value (shared and inline strings, rich text as plain text, numbers, booleans, error
 * codes, a formula's cached result), every cell's number format as written in styles.xml, the
 * merged areas, the 1904 date system and the document title.
 *
 * Why not a general library here: ExcelJS builds a full object model (styles, fonts, borders for
 * every cell) and takes about 8× the time of unzipping the sheet XML; SheetJS about 6×. Reading
 * the handful of SpreadsheetML elements directly brings a folder of workbooks to ~1–2× (measured
 * by `npm run bench`). SheetJS remains the reference: the tests read the same workbooks with both
 * and require the same grid. ExcelJS is still what writes the annotated copies.
 *
 * The XML is scanned, never parsed by an XML library: no DTD is processed, no entity other than the
 * five predefined ones and character references is expanded, and a part that declares a DOCTYPE is
 * refused (Excel itself refuses DTDs in a workbook).
 */
import type { RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';
import { clipHugeMerges } from './xlsx-tame';
import type { ZipParts } from './zip-parts';

/** Built-in number formats (ECMA-376 §18.8.30, zh-CN for the locale-dependent ids), from ExcelJS's table. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const BUILTIN_FORMATS = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string; 'zh-cn'?: string }>;

function builtinFormat(id: number): string | undefined {
  const e = BUILTIN_FORMATS[String(id)];
  return e ? (e.f ?? e['zh-cn']) : undefined;
}

/** A workbook part declares a DTD: refused (billion laughs, external entities). */
export class XmlDoctypeError extends Error {
  constructor(readonly part: string) {
    super(`${part} declares a DOCTYPE`);
    this.name = 'XmlDoctypeError';
  }
}

/** `<!DOCTYPE` or `<!ENTITY` anywhere in the first part of an XML text. */
export function hasDoctype(xml: string): boolean {
  // a DTD must come before the root element; look at the prolog only (and a little beyond)
  const head = xml.length > 4096 ? xml.slice(0, 4096) : xml;
  return /<!DOCTYPE|<!ENTITY/i.test(head);
}

const ENTITY_RE = /&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const OOXML_ESCAPE_RE = /_x([0-9A-Fa-f]{4})_/g;

function decodeEntity(_m: string, e: string): string {
  switch (e) {
    case 'amp':
      return '&';
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
    default: {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
    }
  }
}

/** XML text → string: the predefined entities and character references; nothing else is expanded. */
export function unescapeXml(s: string): string {
  return s.indexOf('&') < 0 ? s : s.replace(ENTITY_RE, decodeEntity);
}

/** Cell text → string: XML unescaping plus SpreadsheetML's `_xHHHH_` escapes (ECMA-376 §22.9.2.19). */
function cellText(s: string): string {
  const t = unescapeXml(s);
  return t.indexOf('_x') < 0 ? t : t.replace(OOXML_ESCAPE_RE, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

const ATTR_RE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  ATTR_RE.lastIndex = 0;
  for (let m = ATTR_RE.exec(s); m; m = ATTR_RE.exec(s)) {
    out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  }
  return out;
}

/** The value of attribute `name` (no namespace prefix) in an element's attribute text. */
function attr(s: string, name: string): string | undefined {
  const i = s.indexOf(`${name}=`);
  if (i < 0) return undefined;
  // make sure it is a whole attribute name (preceded by whitespace)
  let at = i;
  while (at >= 0) {
    const before = at === 0 ? ' ' : s[at - 1];
    if (/\s/.test(before)) {
      const q = s[at + name.length + 1];
      if (q === '"' || q === "'") {
        const end = s.indexOf(q, at + name.length + 2);
        if (end < 0) return undefined;
        return unescapeXml(s.slice(at + name.length + 2, end));
      }
    }
    at = s.indexOf(`${name}=`, at + 1);
  }
  return undefined;
}

/** The text runs of a string item (`<si>`, `<is>`): every `<t>`, phonetic runs (`<rPh>`) left out. */
function stringItem(xml: string): string {
  let s = xml;
  if (s.indexOf('rPh') >= 0) s = s.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let out = '';
  const re = /<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>|<(?:\w+:)?t(?:\s[^>]*)?\/>/g;
  for (let m = re.exec(s); m; m = re.exec(s)) if (m[1] !== undefined) out += m[1];
  return cellText(out);
}

/** A part's XML text; a part that declares a DTD is refused. */
export async function partText(zip: ZipParts, name: string): Promise<string | undefined> {
  const xml = await zip.text(name);
  if (xml !== undefined && hasDoctype(xml)) throw new XmlDoctypeError(name);
  return xml;
}

/** `xl/workbook.xml` + `worksheets/sheet1.xml` → `xl/worksheets/sheet1.xml` (a leading `/` is the package root). */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Rel {
  type: string;
  target: string;
}

export async function readRels(zip: ZipParts, part: string): Promise<Map<string, Rel>> {
  const map = new Map<string, Rel>();
  const xml = await partText(zip, relsPath(part));
  if (!xml) return map;
  const re = /<(?:\w+:)?Relationship\b([^>]*?)\/?>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const a = attrs(m[1]);
    if (a.Id && a.Target && a.TargetMode !== 'External') map.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
  }
  return map;
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  const re = /<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) out.push(m[1] === undefined ? '' : stringItem(m[1]));
  return out;
}

/** styles.xml → the number format of each cell style index (`s`), undefined for General. */
function styleFormats(xml: string | undefined): (string | undefined)[] {
  if (!xml) return [];
  const custom = new Map<number, string>();
  const nf = /<(?:\w+:)?numFmt\b([^>]*?)\/?>/g;
  for (let m = nf.exec(xml); m; m = nf.exec(xml)) {
    const id = attr(m[1], 'numFmtId');
    const code = attr(m[1], 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), code);
  }
  const out: (string | undefined)[] = [];
  const start = xml.search(/<(?:\w+:)?cellXfs\b/);
  if (start < 0) return out;
  const endTag = xml.slice(start).search(/<\/(?:\w+:)?cellXfs>/);
  const body = endTag < 0 ? xml.slice(start) : xml.slice(start, start + endTag);
  const xf = /<(?:\w+:)?xf\b([^>]*?)\/?>/g;
  for (let m = xf.exec(body); m; m = xf.exec(body)) {
    const idText = attr(m[1], 'numFmtId');
    const id = idText === undefined ? 0 : Number(idText);
    const code = custom.get(id) ?? builtinFormat(id);
    out.push(code && code !== 'General' ? code : undefined);
  }
  return out;
}

/** `B12` → [11, 1] (row, column, 0-based); undefined for anything else. */
function cellRef(ref: string): [number, number] | undefined {
  let i = 0;
  const n = ref.length;
  if (i < n && ref.charCodeAt(i) === 36) i++; // $
  let col = 0;
  let letters = 0;
  for (; i < n; i++) {
    let c = ref.charCodeAt(i);
    if (c >= 97 && c <= 122) c -= 32;
    if (c < 65 || c > 90) break;
    col = col * 26 + (c - 64);
    letters++;
  }
  if (letters === 0 || letters > 3) return undefined;
  if (i < n && ref.charCodeAt(i) === 36) i++;
  let row = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = ref.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    row = row * 10 + (c - 48);
    digits++;
  }
  if (digits === 0 || digits > 7 || row === 0) return undefined;
  return [row - 1, col - 1];
}

/** Milliseconds since 1970 (UTC) → Excel's serial day number, rounded to the millisecond. */
export function serialFromTime(ms: number, date1904: boolean): number | null {
  if (!Number.isFinite(ms)) return null;
  const serial = 25569 + ms / 86400000 - (date1904 ? 1462 : 0);
  return Math.round(serial * 86400000) / 86400000;
}

function isoDateToSerial(text: string, date1904: boolean): number | null {
  return serialFromTime(Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`), date1904);
}

/** The value of a short attribute (`r`, `s`, `t`) in a cell's attribute text, double or single quoted. */
function shortAttr(a: string, name: string): string | undefined {
  let i = a.indexOf(`${name}=`);
  while (i >= 0) {
    const before = i === 0 ? 32 : a.charCodeAt(i - 1);
    if (before === 32 || before === 9 || before === 10 || before === 13) {
      const q = a[i + name.length + 1];
      if (q === '"' || q === "'") {
        const end = a.indexOf(q, i + name.length + 2);
        return end < 0 ? undefined : a.slice(i + name.length + 2, end);
      }
    }
    i = a.indexOf(`${name}=`, i + 1);
  }
  return undefined;
}

function cellValueOf(t: string, raw: string, strings: string[], date1904: boolean): CellValue {
  switch (t) {
    case 's': {
      const str = strings[Number(raw)];
      return str === undefined ? null : str;
    }
    case 'str':
      return cellText(raw);
    case 'b': {
      const b = raw.trim();
      return b === '1' || b.toLowerCase() === 'true';
    }
    case 'e':
      return { error: unescapeXml(raw).trim() };
    case 'd':
      return isoDateToSerial(raw.trim(), date1904);
    default: {
      const n = raw.length === 0 ? NaN : Number(raw);
      return Number.isFinite(n) ? n : null;
    }
  }
}

/**
 * One worksheet part → values, formats and merges. A hand scanner over `<sheetData>`: `<row>` and
 * `<c>` start tags, and in a cell its `<v>` (or `<is>` for inline strings); everything else skipped.
 */
export function parseSheetXml(xml: string, name: string, strings: string[], formats: (string | undefined)[], date1904: boolean): GridSheet {
  const values: (CellValue | undefined)[][] = [];
  const fmts: (string | undefined)[][] = [];
  let anyFormat = false;
  let row = -1;
  let col = -1;
  let maxRow = -1;
  let maxCol = -1;

  const open = /<(\w+:)?sheetData\b/.exec(xml);
  const prefix = open?.[1] ?? '';
  const dataStart = open ? open.index : xml.length;
  let dataEnd = xml.indexOf(`</${prefix}sheetData>`, dataStart);
  if (dataEnd < 0) dataEnd = xml.length;
  const rowTag = `${prefix}row`;
  const cellTag = `${prefix}c`;
  const cellClose = `</${prefix}c>`;
  const vOpen = `<${prefix}v`;
  const vClose = `</${prefix}v>`;
  const isOpen = `<${prefix}is`;
  const isClose = `</${prefix}is>`;

  let pos = xml.indexOf('>', dataStart) + 1;
  while (pos > 0 && pos < dataEnd) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= dataEnd) break;
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    pos = gt + 1;
    // the tag name ends at whitespace, '/' or '>'
    let nameEnd = lt + 1;
    for (; nameEnd < gt; nameEnd++) {
      const c = xml.charCodeAt(nameEnd);
      if (c === 32 || c === 47 || c === 9 || c === 10 || c === 13) break;
    }
    const tag = xml.slice(lt + 1, nameEnd);
    if (tag === rowTag) {
      const r = shortAttr(xml.slice(nameEnd, gt), 'r');
      const n = r === undefined ? NaN : Number(r);
      row = Number.isInteger(n) && n > 0 ? n - 1 : row + 1;
      col = -1;
      continue;
    }
    if (tag !== cellTag) continue;
    const selfClosing = xml.charCodeAt(gt - 1) === 47;
    const a = xml.slice(nameEnd, selfClosing ? gt - 1 : gt);
    const ref = shortAttr(a, 'r');
    const p = ref === undefined ? undefined : cellRef(ref);
    if (p) {
      row = p[0];
      col = p[1];
    } else {
      if (row < 0) row = 0;
      col += 1;
    }
    const s = shortAttr(a, 's');
    const fmt = s === undefined ? formats[0] : formats[Number(s)];
    const t = shortAttr(a, 't') ?? 'n';
    let v: CellValue = null;
    if (!selfClosing) {
      let end = xml.indexOf(cellClose, pos);
      if (end < 0 || end > dataEnd) end = dataEnd;
      if (t === 'inlineStr') {
        const i = xml.indexOf(isOpen, pos);
        if (i >= 0 && i < end) {
          const j = xml.indexOf(isClose, i);
          if (j >= 0 && j <= end) v = stringItem(xml.slice(xml.indexOf('>', i) + 1, j));
        }
      } else {
        let i = xml.indexOf(vOpen, pos);
        // `<v>` or `<v …>`, not another element starting with v
        while (i >= 0 && i < end) {
          const c = xml.charCodeAt(i + vOpen.length);
          if (c === 62 || c === 32 || c === 47) break;
          i = xml.indexOf(vOpen, i + 1);
        }
        if (i >= 0 && i < end) {
          const vgt = xml.indexOf('>', i);
          if (xml.charCodeAt(vgt - 1) !== 47) {
            const j = xml.indexOf(vClose, vgt);
            if (j >= 0 && j <= end) v = cellValueOf(t, xml.slice(vgt + 1, j), strings, date1904);
          }
        }
      }
      pos = end + cellClose.length;
    }
    if (v === null && !fmt) continue;
    if (v !== null) (values[row] ??= [])[col] = v;
    if (fmt) {
      (fmts[row] ??= [])[col] = fmt;
      anyFormat = true;
    }
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
  }

  const merges: RangePos[] = [];
  const mre = /<(?:\w+:)?mergeCell\b([^>]*?)\/?>/g;
  mre.lastIndex = Math.min(dataEnd, xml.length);
  for (let m = mre.exec(xml); m; m = mre.exec(xml)) {
    const ref = attr(m[1], 'ref');
    if (!ref) continue;
    const [a, b] = ref.split(':');
    const p = cellRef(a);
    const q = b ? cellRef(b) : p;
    if (!p || !q) continue;
    const box = { top: Math.min(p[0], q[0]), left: Math.min(p[1], q[1]), bottom: Math.max(p[0], q[0]), right: Math.max(p[1], q[1]) };
    if (box.bottom === box.top && box.right === box.left) continue;
    merges.push(box);
  }
  const kept = clipHugeMerges(merges, { top: 0, left: 0, bottom: Math.max(maxRow, 0), right: Math.max(maxCol, 0) });
  // only a merge's top-left cell holds content (Excel keeps nothing else; drop stray copies)
  for (const mg of kept) {
    for (let r = mg.top; r <= Math.min(mg.bottom, values.length - 1); r++) {
      const vr = values[r];
      const fr = fmts[r];
      for (let c = mg.left; c <= mg.right; c++) {
        if (r === mg.top && c === mg.left) continue;
        if (vr && vr[c] !== undefined) vr[c] = undefined;
        if (fr && fr[c] !== undefined) fr[c] = undefined;
      }
    }
  }
  kept.sort((x, y) => x.top - y.top || x.left - y.left);

  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  const sheet: GridSheet = { name, values, merges: kept };
  if (anyFormat) {
    for (let i = 0; i < fmts.length; i++) if (!fmts[i]) fmts[i] = [];
    sheet.formats = fmts;
  }
  return sheet;
}

const REL_WORKSHEET = /\/worksheet$/;
const REL_SHARED_STRINGS = /\/sharedStrings$/;
const REL_STYLES = /\/styles$/;
const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

/** The main workbook part named by the package relationships (usually `xl/workbook.xml`). */
export async function mainPart(zip: ZipParts, fallback: string): Promise<string> {
  const rels = await readRels(zip, '');
  for (const r of rels.values()) if (REL_OFFICE_DOCUMENT.test(r.type) && zip.has(r.target)) return r.target;
  return fallback;
}

/** Read an opened .xlsx/.xlsm package into a Grid. Throws {@link XmlDoctypeError} on a DTD. */
export async function readOoxmlWorkbook(zip: ZipParts, fileName?: string): Promise<Grid> {
  const wbPart = await mainPart(zip, zip.has('xl/workbook.xml') ? 'xl/workbook.xml' : (zip.names().find((n) => /^xl\/workbook\d*\.xml$/.test(n)) ?? 'xl/workbook.xml'));
  const wbXml = (await partText(zip, wbPart)) ?? '';
  const rels = await readRels(zip, wbPart);
  const prMatch = /<(?:\w+:)?workbookPr\b([^>]*?)\/?>/.exec(wbXml);
  const d1904 = prMatch ? attr(prMatch[1], 'date1904') : undefined;
  const date1904 = d1904 === '1' || d1904 === 'true';

  let ssPart = 'xl/sharedStrings.xml';
  let stPart = 'xl/styles.xml';
  for (const r of rels.values()) {
    if (REL_SHARED_STRINGS.test(r.type)) ssPart = r.target;
    else if (REL_STYLES.test(r.type)) stPart = r.target;
  }
  const strings = sharedStrings(await partText(zip, ssPart));
  const formats = styleFormats(await partText(zip, stPart));

  const sheets: GridSheet[] = [];
  const sre = /<(?:\w+:)?sheet\b([^>]*?)\/?>/g;
  for (let m = sre.exec(wbXml); m; m = sre.exec(wbXml)) {
    const a = attrs(m[1]);
    const name = a.name ?? `Sheet${sheets.length + 1}`;
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => /:id$/.test(k))?.[1];
    const rel = rid ? rels.get(rid) : undefined;
    if (!rel || !REL_WORKSHEET.test(rel.type)) continue; // chart sheets, dialog sheets
    const xml = await partText(zip, rel.target);
    if (xml === undefined) continue;
    const sheet = parseSheetXml(xml, name, strings, formats, date1904);
    if (a.state === 'hidden' || a.state === 'veryHidden') sheet.hidden = true;
    sheets.push(sheet);
  }
  const grid: Grid = { sheets };
  const core = await partText(zip, 'docProps/core.xml');
  const title = core ? /<dc:title\b[^>]*>([\s\S]*?)<\/dc:title>/.exec(core) : null;
  const t = title ? unescapeXml(title[1]).trim() : '';
  if (t) grid.name = t;
  else if (fileName) grid.name = fileName;
  return grid;
}
