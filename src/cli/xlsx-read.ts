/**
 * Read an .xlsx workbook (ExcelJS) into the host-agnostic Grid (src/sheet/grid.ts).
 *
 * - values are typed: numbers stay numbers, strings, booleans; a formula gives its cached result
 *   (or null); an error cell gives `{ error: '#REF!' }`; rich text and hyperlinks give their plain
 *   text; a date gives its Excel serial number (the date number format is kept);
 * - number formats are kept per cell (missing = General);
 * - merged areas are kept, and only their top-left cell holds the value (ExcelJS repeats the
 *   master value into every cell of a merge: those copies are dropped);
 * - hidden sheets are read and marked `hidden`;
 * - only cells that exist are visited (a sheet that declares A1:XFD1048576 allocates nothing more).
 *
 * Unreadable input throws a {@link WorkbookReadError} with a Chinese message and a `code`; the
 * file is sniffed (OLE/CFB magic, zip magic) and the zip's central directory is checked (zip-bomb
 * guard) before ExcelJS sees it.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { tameHugeRanges } from './xlsx-tame';
import type { RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Grid, GridSheet } from '../sheet/grid';

export type WorkbookReadErrorCode = 'not-zip' | 'encrypted' | 'truncated' | 'too-large' | 'not-xlsx' | 'unknown';

/** A workbook that cannot be read; `message` is zh-CN and says what to do. */
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

export interface ReadOptions {
  /** refuse a workbook whose zip entries together unpack to more than this many bytes (default 100 MB) */
  maxUncompressedBytes?: number;
}

/**
 * A real 绩效目标表 workbook unpacks to well under 1 MB. ExcelJS holds about 15 bytes of heap per
 * byte of sheet XML, so 100 MB keeps the worst readable file under ~1.5 GB; anything larger is
 * refused before it is inflated.
 */
export const DEFAULT_MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];

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

/**
 * Sniff the bytes and check the zip directory (no entry is inflated). Throws
 * {@link WorkbookReadError} when the buffer is not a readable .xlsx.
 */
export async function checkWorkbookBuffer(buf: Buffer, name?: string, options: ReadOptions = {}): Promise<void> {
  const who = label(name);
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  if (buf.length === 0) {
    throw new WorkbookReadError('truncated', `${who}是空文件（0 字节），无法读取：请重新保存或重新获取该工作簿`, name);
  }
  if (startsWith(buf, OLE_MAGIC)) {
    // An OLE compound file: either an encrypted (password-protected) .xlsx or a legacy .xls.
    const encrypted = buf.indexOf(Buffer.from('EncryptionInfo', 'utf16le')) >= 0;
    throw new WorkbookReadError(
      'encrypted',
      encrypted
        ? `${who}受密码保护（已加密），无法读取：请在 Excel 中取消“用密码进行加密”后另存为 .xlsx 再检查`
        : `${who}是加密的工作簿或旧版 .xls（Excel 97-2003）格式，无法读取：请在 Excel 中取消密码并另存为 .xlsx（Excel 工作簿）后再检查`,
      name,
    );
  }
  if (!startsWith(buf, ZIP_MAGIC) && !startsWith(buf, ZIP_EMPTY_MAGIC)) {
    throw new WorkbookReadError(
      'not-zip',
      `${who}不是 Excel 工作簿（.xlsx）：文件开头不是 xlsx 的压缩包格式，请确认文件类型，或在 Excel 中另存为 .xlsx`,
      name,
    );
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  } catch (e) {
    throw new WorkbookReadError(
      'truncated',
      `${who}已损坏或不完整（压缩包目录无法读取），无法打开：请重新下载或重新保存该工作簿`,
      name,
      { cause: e },
    );
  }
  let total = 0;
  let hasWorkbook = false;
  let hasContentTypes = false;
  for (const entryName of Object.keys(zip.files)) {
    const entry = zip.files[entryName] as JSZip.JSZipObject & { _data?: { uncompressedSize?: number } };
    if (entry.dir) continue;
    const size = entry._data?.uncompressedSize;
    if (typeof size === 'number' && Number.isFinite(size)) total += size;
    if (entryName === 'xl/workbook.xml' || /^xl\/workbook\d*\.xml$/.test(entryName)) hasWorkbook = true;
    if (entryName === '[Content_Types].xml') hasContentTypes = true;
  }
  if (total > limit) {
    throw new WorkbookReadError(
      'too-large',
      `${who}解压后约 ${mb(total)}，超过上限 ${mb(limit)}，为防止内存耗尽未读取：请删除无关工作表或内容后再检查`,
      name,
    );
  }
  if (!hasWorkbook || !hasContentTypes) {
    throw new WorkbookReadError(
      'not-xlsx',
      `${who}是压缩包但不是 Excel 工作簿（缺少 xl/workbook.xml）：请确认是 .xlsx 文件，而不是 .docx、.zip 等其他格式`,
      name,
    );
  }
}

/** ExcelJS value type numbers (exceljs Enums.ValueType). */
const VT_MERGE = 1;

type RawValue = unknown;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function dateToSerial(d: Date, date1904: boolean): number | null {
  const t = d.getTime();
  if (!Number.isFinite(t)) return null;
  const serial = 25569 + t / 86400000 - (date1904 ? 1462 : 0);
  // round to the millisecond to avoid float noise (45658.000000001)
  return Math.round(serial * 86400000) / 86400000;
}

function richTextToString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (isObject(v) && Array.isArray(v.richText)) {
    let s = '';
    for (const run of v.richText as unknown[]) if (isObject(run) && typeof run.text === 'string') s += run.text;
    return s;
  }
  return v === undefined || v === null ? '' : String(v);
}

/** ExcelJS cell value → grid CellValue. */
export function convertValue(v: RawValue, date1904 = false): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (isObject(v)) {
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) return richTextToString(v);
    if ('hyperlink' in v || 'text' in v) return richTextToString(v.text);
    if ('formula' in v || 'sharedFormula' in v || 'result' in v) {
      const r = v.result;
      if (r === undefined) return null;
      return convertValue(r, date1904);
    }
  }
  return null;
}

interface MergeLike {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function readMerges(ws: ExcelJS.Worksheet): RangePos[] {
  const out: RangePos[] = [];
  const internal = (ws as unknown as { _merges?: Record<string, { model?: MergeLike } & Partial<MergeLike>> })._merges;
  if (internal) {
    for (const key of Object.keys(internal)) {
      const r = internal[key];
      const m = r && (r.model ?? r);
      if (m && typeof m.top === 'number' && typeof m.left === 'number' && typeof m.bottom === 'number' && typeof m.right === 'number') {
        out.push({ top: m.top - 1, left: m.left - 1, bottom: m.bottom - 1, right: m.right - 1 });
      }
    }
  }
  out.sort((a, b) => a.top - b.top || a.left - b.left);
  return out;
}

function readSheet(ws: ExcelJS.Worksheet, date1904: boolean): GridSheet {
  const values: (CellValue | undefined)[][] = [];
  const formats: (string | undefined)[][] = [];
  let anyFormat = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      if ((cell.type as number) === VT_MERGE) return; // a copy of the merge master's value
      const c = colNumber - 1;
      const v = convertValue(cell.value, date1904);
      const fmt = cell.numFmt;
      const hasFmt = typeof fmt === 'string' && fmt !== '' && fmt !== 'General';
      if (v === null && !hasFmt) return;
      if (v !== null) {
        let vr = values[r];
        if (!vr) vr = values[r] = [];
        vr[c] = v;
      }
      if (hasFmt) {
        let fr = formats[r];
        if (!fr) fr = formats[r] = [];
        fr[c] = fmt;
        anyFormat = true;
      }
    });
  });
  // make the value rows dense up to the last used row (holes are fine inside a row)
  for (let i = 0; i < values.length; i++) if (!values[i]) values[i] = [];
  const sheet: GridSheet = { name: ws.name, values, merges: readMerges(ws) };
  if (anyFormat) {
    for (let i = 0; i < formats.length; i++) if (!formats[i]) formats[i] = [];
    sheet.formats = formats;
  }
  if (ws.state && ws.state !== 'visible') sheet.hidden = true;
  return sheet;
}

/** Read a workbook held in memory. `name` (a file name) is used in messages and as `grid.name`. */
export async function readWorkbookBuffer(buf: Buffer, name?: string, options: ReadOptions = {}): Promise<Grid> {
  await checkWorkbookBuffer(buf, name, options);
  const wb = new ExcelJS.Workbook();
  try {
    // merges over whole columns would make ExcelJS expand millions of cells: clip them first
    const tamed = (await tameHugeRanges(buf)).buffer;
    // ExcelJS' typings want its own Buffer type
    await wb.xlsx.load(tamed as unknown as ExcelJS.Buffer, {
      ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture', 'legacyDrawing'],
    } as unknown as ExcelJS.XlsxReadOptions);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw new WorkbookReadError(
      'unknown',
      `${label(name)}无法读取（${detail.slice(0, 120)}）：请在 Excel 中打开并另存为 .xlsx 后再检查`,
      name,
      { cause: e },
    );
  }
  const date1904 = Boolean((wb.properties as { date1904?: boolean } | undefined)?.date1904);
  const sheets: GridSheet[] = [];
  wb.eachSheet((ws) => {
    sheets.push(readSheet(ws, date1904));
  });
  const grid: Grid = { sheets };
  const title = wb.title || (name ? path.basename(name) : undefined);
  if (title) grid.name = title;
  return grid;
}

/** Read a workbook file. Refuses a file larger than the uncompressed limit without reading it. */
export async function readWorkbookFile(filePath: string, options: ReadOptions = {}): Promise<Grid> {
  const limit = options.maxUncompressedBytes ?? DEFAULT_MAX_UNCOMPRESSED_BYTES;
  let size: number;
  try {
    const st = await fs.stat(filePath);
    if (!st.isFile()) {
      throw new WorkbookReadError('unknown', `${label(filePath)}不是文件，无法读取`, filePath);
    }
    size = st.size;
  } catch (e) {
    if (e instanceof WorkbookReadError) throw e;
    throw new WorkbookReadError('unknown', `${label(filePath)}无法打开（${(e as Error).message}）：请确认路径存在且有读取权限`, filePath, { cause: e });
  }
  if (size > limit) {
    throw new WorkbookReadError('too-large', `${label(filePath)}有 ${mb(size)}，超过上限 ${mb(limit)}，未读取`, filePath);
  }
  const buf = await fs.readFile(filePath);
  return readWorkbookBuffer(buf, filePath, options);
}
