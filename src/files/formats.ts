/**
 * One record per file format jxmb reads: what it is called in Chinese, the extensions a folder
 * search collects, how its content is told apart (the signature; the content decides, never the
 * name), what its sheets and the file itself are called, whether an annotated copy keeps the
 * original's formatting, and the reader that turns it into a Grid. The reader's dispatch
 * (./read.ts), the folder search (src/cli/files.ts) and every printer (stylish, html, annotate)
 * read these facts from here; a new format is a new record and its reader.
 */
import type { Grid } from '../sheet/grid';
import { readDocx } from './docx-read';
import { readOoxmlWorkbook } from './ooxml-read';
import { readWithSheetjs } from './sheetjs-read';
import type { ZipParts } from './zip-parts';

/** What a file holds, told from its content. */
export type SourceFormat = 'xlsx' | 'xls' | 'xml2003' | 'ods' | 'docx';

export const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const ZIP_EMPTY_MAGIC = [0x50, 0x4b, 0x05, 0x06];
export const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export interface FileFormat<R> {
  id: SourceFormat;
  /** what the clerk and the reviewer read: `Excel 工作簿`, `Word 文档` */
  label: string;
  /**
   * extensions a folder search collects (lower case); `sniffed`: only when the content matches
   * (an .xml file is collected only when it is an XML Spreadsheet 2003)
   */
  extensions: string[];
  sniffed?: boolean;
  /** the leading bytes of its container (zip, OLE compound file), if it has a binary one */
  magic?: number[][];
  /** how the content is told apart, in words (docs, messages) */
  signature: string;
  /** what one of its grid's sheets is: a 工作表, or a Word document's 表格 */
  sheetNoun: '工作表' | '表格';
  /** the file as a whole: 工作簿 or 文档 */
  fileNoun: '工作簿' | '文档';
  /** the usual format: the terminal report does not name it */
  usual: boolean;
  /** the annotated copy is the original re-opened with its formatting (else an .xlsx of what was read) */
  annotatesOriginal: boolean;
  /** turns the file (its zip parts, its bytes or its text) into a Grid */
  read: R;
}

const zipReader = (read: (zip: ZipParts) => Promise<Grid>) => read;
const dataReader = (read: (data: Buffer | string) => Grid) => read;

export const FORMATS = {
  xlsx: {
    id: 'xlsx',
    label: 'Excel 工作簿',
    extensions: ['.xlsx', '.xlsm'],
    magic: [ZIP_MAGIC, ZIP_EMPTY_MAGIC],
    signature: 'zip 包，主部件为 xl/workbook.xml（WPS 另存的 .et 同此）',
    sheetNoun: '工作表',
    fileNoun: '工作簿',
    usual: true,
    annotatesOriginal: true,
    read: zipReader((zip) => readOoxmlWorkbook(zip)),
  },
  docx: {
    id: 'docx',
    label: 'Word 文档',
    extensions: ['.docx'],
    magic: [ZIP_MAGIC, ZIP_EMPTY_MAGIC],
    signature: 'zip 包，主部件为 word/document.xml',
    sheetNoun: '表格',
    fileNoun: '文档',
    usual: false,
    annotatesOriginal: false,
    read: zipReader((zip) => readDocx(zip)),
  },
  ods: {
    id: 'ods',
    label: 'OpenDocument 表格',
    extensions: ['.ods'],
    magic: [ZIP_MAGIC],
    signature: 'zip 包，mimetype 为 application/vnd.oasis.opendocument.spreadsheet',
    sheetNoun: '工作表',
    fileNoun: '工作簿',
    usual: false,
    annotatesOriginal: false,
    read: dataReader(readWithSheetjs),
  },
  xls: {
    id: 'xls',
    label: 'Excel 97-2003 工作簿',
    extensions: ['.xls', '.et'],
    magic: [OLE_MAGIC],
    signature: 'OLE 复合文档，含 Workbook 或 Book 流（WPS .et 同此）',
    sheetNoun: '工作表',
    fileNoun: '工作簿',
    usual: false,
    annotatesOriginal: false,
    read: dataReader(readWithSheetjs),
  },
  xml2003: {
    id: 'xml2003',
    label: 'XML 电子表格 2003',
    extensions: ['.xml'],
    sniffed: true,
    signature: 'XML 文本，根元素为 urn:schemas-microsoft-com:office:spreadsheet 的 Workbook',
    sheetNoun: '工作表',
    fileNoun: '工作簿',
    usual: false,
    annotatesOriginal: false,
    read: dataReader(readWithSheetjs),
  },
} satisfies { [F in SourceFormat]: FileFormat<unknown> & { id: F } };

/** The record of a format. */
export function fileFormat(id: SourceFormat): FileFormat<unknown> {
  return FORMATS[id];
}

/** The formats' labels, by id. */
export const FORMAT_LABEL = Object.fromEntries(Object.values(FORMATS).map((f) => [f.id, f.label])) as Record<SourceFormat, string>;

/** Extensions a folder search collects without looking inside (the others are `sniffed`). */
export const COLLECTED_EXTENSIONS: string[] = Object.values(FORMATS).flatMap((f: FileFormat<unknown>) => (f.sniffed ? [] : f.extensions));

/** Extensions collected only when the content matches their format. */
export const SNIFFED_EXTENSIONS: string[] = Object.values(FORMATS).flatMap((f: FileFormat<unknown>) => (f.sniffed ? f.extensions : []));
