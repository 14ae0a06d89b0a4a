/**
 * Reads any file a reviewer receives into the host-agnostic Grid (src/sheet/grid.ts). The format is
 * told from the content, never from the extension:
 *
 * - zip with `xl/workbook.xml` — Excel .xlsx / .xlsm (also WPS .et saved as OOXML): ooxml-read.ts;
 * - zip with `word/document.xml` — Word .docx: its tables (docx-read.ts);
 * - zip with an OpenDocument spreadsheet `mimetype` — .ods: SheetJS;
 * - OLE compound file with a `Workbook`/`Book` stream — Excel 97–2003 .xls (BIFF), WPS .et: SheetJS;
 * - XML whose root is `<Workbook>` in the SpreadsheetML namespace — XML Spreadsheet 2003 (the
 *   一体化 system's export, usually named .xls): SheetJS.
 *
 * Unreadable input throws a {@link WorkbookReadError} with a one-line Chinese message that says what
 * the file is and what to do: not a workbook (PDF, web page, legacy .doc, text), encrypted, truncated
 * or corrupt, too large (zip bombs are stopped while inflating, whatever the zip directory claims),
 * or hostile XML (a DTD — entity expansion, external entities — is never processed).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Grid } from '../sheet/grid';
import { FORMATS, OLE_MAGIC, ZIP_EMPTY_MAGIC, ZIP_MAGIC, type SourceFormat } from './formats';
import { hasDoctype, mainPart, XmlDoctypeError } from './ooxml-read';
import { sheetjs } from './sheetjs-read';
import { ZipBudgetError, ZipParts } from './zip-parts';

export type WorkbookReadErrorCode = 'not-workbook' | 'encrypted' | 'truncated' | 'too-large' | 'hostile' | 'corrupt' | 'unknown';

/** A file that cannot be read; `message` is zh-CN and says what to do. */
export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  /** the file name or path the error is about, when known */
  readonly file?: string;

  constructor(code: WorkbookReadErrorCode, message: string, file?: string, options?: { cause?: unknown }) {
    super(message);
    this.name = 'WorkbookReadError';
    this.code = code;
    this.file = file;
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}

export { FORMAT_LABEL, type SourceFormat } from './formats';

export interface Source {
  grid: Grid;
  format: SourceFormat;
}

export interface ReadOptions {
  /** refuse a zip package whose entries together unpack to more than this many bytes (default 100 MB) */
  maxUncompressedBytes?: number;
  /** refuse a legacy file (.xls, XML 2003; an .ods by what it unpacks to) larger than this (default 10 MB) */
  maxLegacyBytes?: number;
}

/**
 * A real 绩效目标表 workbook unpacks to well under 1 MB. Reading keeps a few bytes of heap per byte
 * of sheet XML, so 100 MB keeps the worst readable package far from the heap limit; anything larger
 * is refused before (or while) it is inflated.
 */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

/**
 * Legacy files (and .ods packages, by what they unpack to) are parsed whole by SheetJS, which holds
 * every cell as an object: a 19 MB .xls of 1.1 million numbers took ~600 MB of heap. A real .xls of
 * these tables is well under 1 MB; 10 MB keeps the worst accepted file near 300 MB.
 */
export const DEFAULT_MAX_LEGACY_BYTES = 10 * 1024 * 1024;


function startsWith(buf: Buffer, magic: number[]): boolean {
  if (buf.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (buf[i] !== magic[i]) return false;
  return true;
}

function label(name?: string): string {
  return name ? `“${path.basename(name)}”` : '该文件';
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(n >= 10 * 1024 * 1024 ? 0 : 1)} MB`;
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  return msg.split('\n')[0].slice(0, 120);
}

const SAVE_AS = '请在 Excel 或 WPS 中打开并另存为 .xlsx 后再检查';

function tooLarge(name: string | undefined, limit: number): WorkbookReadError {
  return new WorkbookReadError('too-large', `${label(name)}解压后超过上限 ${mb(limit)}，为防止内存耗尽未读取：请删除无关工作表或内容后再检查`, name);
}

function hostile(name: string | undefined): WorkbookReadError {
  return new WorkbookReadError(
    'hostile',
    `${label(name)}含有 DTD 实体声明（<!DOCTYPE>），出于安全考虑未读取：正常导出的表格不含此内容，请重新导出，或${SAVE_AS.slice(1)}`,
    name,
  );
}

/** Text at the start of a file: UTF-8 or UTF-16 by its byte-order mark. */
function headText(buf: Buffer, max = 64 * 1024): string {
  const head = buf.subarray(0, Math.min(buf.length, max));
  if (head[0] === 0xff && head[1] === 0xfe) return head.subarray(2).toString('utf16le');
  if (head[0] === 0xfe && head[1] === 0xff) return Buffer.from(head.subarray(2)).swap16().toString('utf16le');
  const s = head.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * The whole file as text. XML Spreadsheet 2003 may be saved as UTF-16 (a byte-order mark says so) or
 * in a legacy encoding its declaration names — Chinese systems export `encoding="gb2312"` or GBK.
 */
function wholeText(buf: Buffer): string {
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  if (buf[0] === 0xfe && buf[1] === 0xff) return Buffer.from(buf.subarray(2)).swap16().toString('utf16le');
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/.exec(buf.subarray(0, 200).toString('latin1'))?.[1].toLowerCase();
  if (declared && !/^utf-?8$/.test(declared)) {
    // GB2312 and GBK are subsets of GB18030: decode the superset
    const label = /^(gb2312|gbk|gb_2312-80|x-gbk|cp936|windows-936|gb18030)$/.test(declared) ? 'gb18030' : declared;
    try {
      return new TextDecoder(label).decode(buf).replace(/^\ufeff/, '');
    } catch {
      // an encoding the runtime does not know: read it as UTF-8
    }
  }
  const s = buf.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** The root element's name of an XML text (after the prolog, processing instructions, comments, DTD). */
export function xmlRoot(text: string): string | undefined {
  const re = /<([!?]?)([^\s>/]*)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[1] === '?') continue;
    if (m[1] === '!') {
      if (m[2].startsWith('--')) {
        const end = text.indexOf('-->', m.index + 4);
        if (end < 0) return undefined;
        re.lastIndex = end + 3;
      }
      continue;
    }
    return m[2];
  }
  return undefined;
}

const SPREADSHEET_NS = 'urn:schemas-microsoft-com:office:spreadsheet';

/** Is this XML text an XML Spreadsheet 2003 workbook (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`)? */
export function isSpreadsheetMl(text: string): boolean {
  const root = xmlRoot(text);
  return root !== undefined && /^(\w+:)?Workbook$/.test(root) && text.includes(SPREADSHEET_NS);
}

function notWorkbook(name: string | undefined, what: string, todo = SAVE_AS): WorkbookReadError {
  return new WorkbookReadError('not-workbook', `${label(name)}${what}，无法读取：${todo}`, name);
}

/** A text file that is no spreadsheet: say what it seems to be. */
function describeText(buf: Buffer, name?: string): WorkbookReadError {
  const head = headText(buf, 4096).trimStart();
  if (head.startsWith('%PDF')) return notWorkbook(name, '是 PDF 文件，其中的表格不能直接检查', '请提供原始的 Excel 工作簿或 Word 文档');
  if (head.startsWith('{\\rtf')) return notWorkbook(name, '是 RTF 文档', '请在 Word 中另存为 .docx 后再检查');
  if (/^<(!doctype\s+html|html|table|head|body|meta)\b/i.test(head)) {
    return notWorkbook(name, '是网页（HTML）格式，不是真正的 Excel 工作簿（常见于系统导出的“.xls”）');
  }
  if (head.startsWith('<')) {
    return notWorkbook(name, '是 XML 文件，但不是 XML 电子表格 2003（根元素不是 Workbook）');
  }
  return notWorkbook(
    name,
    '不是可读取的表格或文档（支持 .xlsx、.xlsm、.xls、.et、.ods、XML 电子表格 2003 和 Word .docx）',
    '请确认文件类型，或在 Excel 中另存为 .xlsx',
  );
}

function ensureLegacySize(buf: Buffer, name: string | undefined, options: ReadOptions): void {
  const limit = options.maxLegacyBytes ?? DEFAULT_MAX_LEGACY_BYTES;
  if (buf.length > limit) {
    throw new WorkbookReadError(
      'too-large',
      `${label(name)}有 ${mb(buf.length)}，超过旧版格式的上限 ${mb(limit)}，为防止内存耗尽未读取：请删除无关内容，或另存为 .xlsx 后再检查`,
      name,
    );
  }
}

/** SheetJS failures → a Chinese reason. */
function sheetjsError(e: unknown, name: string | undefined, what: string): WorkbookReadError {
  if (e instanceof WorkbookReadError) return e;
  const msg = firstLine(e);
  if (/password|encrypt/i.test(msg)) {
    return new WorkbookReadError('encrypted', `${label(name)}受密码保护（已加密），无法读取：请在 Excel 或 WPS 中取消密码后另存为 .xlsx 再检查`, name, { cause: e });
  }
  return new WorkbookReadError('corrupt', `${label(name)}已损坏或不是有效的${what}（${msg}），无法读取：${SAVE_AS}`, name, { cause: e });
}

/** OLE compound file: a legacy .xls/.et, an encrypted OOXML package, a legacy Word document … */
function readOle(buf: Buffer, name: string | undefined, options: ReadOptions): Source {
  const encryptedName = buf.indexOf(Buffer.from('EncryptedPackage', 'utf16le')) >= 0 || buf.indexOf(Buffer.from('EncryptionInfo', 'utf16le')) >= 0;
  const encrypted = (): WorkbookReadError =>
    new WorkbookReadError('encrypted', `${label(name)}受密码保护（已加密），无法读取：请在 Excel 中取消“用密码进行加密”后另存为 .xlsx 再检查`, name);
  if (buf.length > (options.maxLegacyBytes ?? DEFAULT_MAX_LEGACY_BYTES) && encryptedName) throw encrypted();
  ensureLegacySize(buf, name, options);
  const XLSX = sheetjs();
  let streams: string[];
  try {
    const cfb = XLSX.CFB.read(buf, { type: 'buffer' });
    streams = cfb.FullPaths.map((p: string) => (p.replace(/\/$/, '').split('/').pop() ?? '').toLowerCase());
  } catch (e) {
    if (encryptedName) throw encrypted();
    throw new WorkbookReadError('corrupt', `${label(name)}已损坏（旧版 Office 文件的结构无法读取：${firstLine(e)}）：${SAVE_AS}`, name, { cause: e });
  }
  if (streams.includes('encryptedpackage') || streams.includes('encryptioninfo')) throw encrypted();
  if (streams.includes('workbook') || streams.includes('book')) {
    try {
      return { grid: nameGrid(FORMATS.xls.read(buf), name), format: 'xls' };
    } catch (e) {
      throw sheetjsError(e, name, ' Excel 97-2003 工作簿');
    }
  }
  if (streams.includes('worddocument')) throw notWorkbook(name, '是旧版 Word 文档（.doc 或 WPS 文字）', '请在 Word 或 WPS 中另存为 .docx 后再检查');
  throw notWorkbook(name, '是旧版 Office 文件，但其中没有 Excel 工作簿');
}

/** The grid's name: the document title when the file has one, else the file name (both can name the year). */
function nameGrid(grid: Grid, name?: string): Grid {
  if (!grid.name && name) grid.name = path.basename(name);
  return grid;
}

async function readZip(buf: Buffer, name: string | undefined, options: ReadOptions): Promise<Source> {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  let zip: ZipParts;
  try {
    zip = await ZipParts.open(buf, limit);
  } catch (e) {
    throw new WorkbookReadError('truncated', `${label(name)}已损坏或不完整（压缩包目录无法读取），无法打开：请重新下载或重新保存该文件`, name, { cause: e });
  }
  const declared = zip.declaredSize();
  if (declared > limit) {
    throw new WorkbookReadError(
      'too-large',
      `${label(name)}解压后约 ${mb(declared)}，超过上限 ${mb(limit)}，为防止内存耗尽未读取：请删除无关工作表或内容后再检查`,
      name,
    );
  }
  try {
    // the package's main part (its relationships name it; the usual names otherwise)
    const main = await mainPart(zip, '');
    if (/^xl\//.test(main) || zip.has('xl/workbook.xml') || zip.names().some((n) => /^xl\/workbook\d*\.xml$/.test(n))) {
      return { grid: nameGrid(await FORMATS.xlsx.read(zip), name), format: 'xlsx' };
    }
    if (/^word\//.test(main) || zip.has('word/document.xml')) {
      return { grid: nameGrid(await FORMATS.docx.read(zip), name), format: 'docx' };
    }
    const mime = zip.has('mimetype') ? ((await zip.text('mimetype')) ?? '').trim() : '';
    if (mime === 'application/vnd.oasis.opendocument.spreadsheet' || (!mime && zip.has('content.xml') && zip.has('META-INF/manifest.xml'))) {
      // SheetJS parses the whole package: the legacy formats' limit applies to what it unpacks to
      const unpacked = await zip.verifyAll();
      const legacy = options.maxLegacyBytes ?? DEFAULT_MAX_LEGACY_BYTES;
      if (unpacked > legacy) {
        throw new WorkbookReadError(
          'too-large',
          `${label(name)}解压后约 ${mb(unpacked)}，超过 OpenDocument 表格的上限 ${mb(legacy)}，为防止内存耗尽未读取：请删除无关内容，或另存为 .xlsx 后再检查`,
          name,
        );
      }
      for (const part of ['content.xml', 'styles.xml', 'meta.xml', 'settings.xml']) {
        const xml = await zip.text(part);
        if (xml !== undefined && hasDoctype(xml)) throw new XmlDoctypeError(part);
      }
      try {
        return { grid: nameGrid(FORMATS.ods.read(buf), name), format: 'ods' };
      } catch (e) {
        throw sheetjsError(e, name, ' OpenDocument 表格');
      }
    }
    if (mime.startsWith('application/vnd.oasis.opendocument.text')) {
      throw notWorkbook(name, '是 OpenDocument 文字文档（.odt）', '请另存为 Word .docx 后再检查');
    }
    if (zip.names().some((n) => n.startsWith('ppt/'))) throw notWorkbook(name, '是 PowerPoint 演示文稿', '请提供 Excel 工作簿或 Word 文档');
    throw new WorkbookReadError(
      'not-workbook',
      `${label(name)}是压缩包，但不是 Excel 工作簿、Word 文档或 OpenDocument 表格（缺少 xl/workbook.xml、word/document.xml）：请确认文件类型`,
      name,
    );
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    if (e instanceof ZipBudgetError) throw tooLarge(name, limit);
    if (e instanceof XmlDoctypeError) throw hostile(name);
    throw new WorkbookReadError('corrupt', `${label(name)}无法读取（${firstLine(e)}）：${SAVE_AS}`, name, { cause: e });
  }
}

function readXml2003(buf: Buffer, name: string | undefined, options: ReadOptions): Source {
  ensureLegacySize(buf, name, options);
  const text = wholeText(buf);
  if (hasDoctype(text)) throw hostile(name);
  try {
    return { grid: nameGrid(FORMATS.xml2003.read(text), name), format: 'xml2003' };
  } catch (e) {
    throw sheetjsError(e, name, ' XML 电子表格 2003');
  }
}

/** Read a file held in memory; `name` (a file name or path) is used in messages and as the grid's name. */
export async function readSourceBuffer(buf: Buffer, name?: string, options: ReadOptions = {}): Promise<Source> {
  if (buf.length === 0) {
    throw new WorkbookReadError('truncated', `${label(name)}是空文件（0 字节），无法读取：请重新保存或重新获取该文件`, name);
  }
  if ([ZIP_MAGIC, ZIP_EMPTY_MAGIC].some((m) => startsWith(buf, m))) return readZip(buf, name, options);
  if (startsWith(buf, OLE_MAGIC)) return readOle(buf, name, options);
  const head = headText(buf);
  const trimmed = head.trimStart();
  if (trimmed.startsWith('<')) {
    if (hasDoctype(trimmed) && /<(\w+:)?Workbook\b/.test(trimmed)) throw hostile(name);
    if (isSpreadsheetMl(trimmed)) return readXml2003(buf, name, options);
  }
  throw describeText(buf, name);
}

/** Read a workbook or document held in memory into a Grid (any supported format). */
export async function readWorkbookBuffer(buf: Buffer, name?: string, options: ReadOptions = {}): Promise<Grid> {
  return (await readSourceBuffer(buf, name, options)).grid;
}

/** Read a file from disk. A file larger than the package limit is refused without being read. */
export async function readSourceFile(filePath: string, options: ReadOptions = {}): Promise<Source> {
  return readSourceBuffer(await readSourceBytes(filePath, options), filePath, options);
}

/** A file's bytes, refused before reading when it is not a file or past the size limit. */
export async function readSourceBytes(filePath: string, options: ReadOptions = {}): Promise<Buffer> {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  let size: number;
  try {
    const st = await fs.stat(filePath);
    if (!st.isFile()) throw new WorkbookReadError('unknown', `${label(filePath)}不是文件，无法读取`, filePath);
    size = st.size;
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError('unknown', `${label(filePath)}无法打开（${(e as Error).message}）：请确认路径存在且有读取权限`, filePath, { cause: e });
  }
  if (size > limit) {
    throw new WorkbookReadError('too-large', `${label(filePath)}有 ${mb(size)}，超过上限 ${mb(limit)}，未读取`, filePath);
  }
  return fs.readFile(filePath);
}

/** Read a file from disk into a Grid (any supported format). */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<Grid> {
  return (await readSourceFile(filePath, options)).grid;
}
