/**
 * Hostile inputs built in the test (never stored): not a zip, a truncated zip, an encrypted
 * (OLE/CFB) file, a sheet declaring A1:XFD1048576, 100,000 rows of noise, a zip bomb, and data
 * validations over whole columns; and in the other formats: encrypted, truncated, corrupt and
 * 50 MB .xls files, XML with entity expansion and external entities, Word zip bombs (one with a
 * lying zip directory). Each is a real file a reviewer could be sent.
 */
import * as fs from 'fs';
import * as XLSX from '@e965/xlsx';
import JSZip from 'jszip';
import { readWorkbookFile } from '../../src/files/read';
import { fixture } from './fixtures';
import { gridToDocx, gridToXls } from './formats';

const SMALL = 'hebei-2025-zhangerzhuang.xlsx';

export function notAZip(): Buffer {
  return Buffer.from('这不是一个 Excel 文件，只是改了扩展名的文本。\n', 'utf8');
}

export function truncatedZip(): Buffer {
  const buf = fs.readFileSync(fixture(SMALL));
  return buf.subarray(0, Math.floor(buf.length / 2));
}

/** What Excel writes for a password-protected workbook: an OLE compound file (EncryptionInfo + EncryptedPackage). */
export function encryptedWorkbook(): Buffer {
  const b = Buffer.alloc(4096, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  b.writeUInt16LE(0x003e, 0x18); // minor version
  b.writeUInt16LE(0x0003, 0x1a); // major version 3
  b.writeUInt16LE(0xfffe, 0x1c); // byte order
  b.writeUInt16LE(0x0009, 0x1e); // sector shift (512)
  Buffer.from('EncryptedPackage', 'utf16le').copy(b, 0x400);
  Buffer.from('EncryptionInfo', 'utf16le').copy(b, 0x480);
  return b;
}

async function withSheetXml(edit: (xml: string) => string, base = SMALL): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(fixture(base)));
  const name = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(name)!.async('string');
  zip.file(name, edit(xml));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The real table, but the sheet declares its dimension as the whole grid. */
export function hugeDimension(): Promise<Buffer> {
  return withSheetXml((xml) => xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
}

/** The real table plus data validations over whole columns and the whole sheet. */
export function wholeColumnValidations(): Promise<Buffer> {
  const dv =
    '<dataValidations count="2">' +
    '<dataValidation type="list" allowBlank="1" sqref="A1:A1048576"><formula1>"产出指标,效益指标,满意度指标"</formula1></dataValidation>' +
    '<dataValidation type="whole" allowBlank="1" sqref="A1:XFD1048576"><formula1>0</formula1></dataValidation>' +
    '</dataValidations>';
  return withSheetXml((xml) => {
    // dataValidations goes right after mergeCells (or sheetData) in the schema's order
    if (xml.includes('</mergeCells>')) return xml.replace('</mergeCells>', `</mergeCells>${dv}`);
    return xml.replace('</sheetData>', `</sheetData>${dv}`);
  });
}

/** The real table plus a merged area over every column right of it, to the last row of the sheet. */
export function wholeSheetMerge(): Promise<Buffer> {
  return withSheetXml((xml) => xml.replace(/<mergeCells count="(\d+)">/, (_m, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="H1:XFD1048576"/>`));
}

/** A workbook with one sheet of `rows` rows × 6 columns of random text and numbers (no table). */
export async function noiseWorkbook(rows = 100_000): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  zip.file(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="噪声" sheetId="1" r:id="rId1"/></sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const words = ['指标', '预算', '项目', 'XXX', '#REF!', '产出', '95%', '≥', '万元', '其他', '……', 'abc'];
  const parts: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 6; c++) {
      const ref = `${String.fromCharCode(65 + c)}${r}`;
      if (rnd() < 0.5) row += `<c r="${ref}"><v>${Math.floor(rnd() * 1e6) / 100}</v></c>`;
      else row += `<c r="${ref}" t="inlineStr"><is><t>${words[Math.floor(rnd() * words.length)]}${Math.floor(rnd() * 100)}</t></is></c>`;
    }
    parts.push(row + '</row>');
  }
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:F${rows}"/><sheetData>${parts.join('')}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A zip bomb: a sheet part that inflates to `megabytes` MB of blanks from a tiny file. */
export async function zipBomb(megabytes = 300): Promise<Buffer> {
  const zip = await JSZip.loadAsync(fs.readFileSync(fixture(SMALL)));
  const name = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(name)!.async('string');
  const padding = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  zip.file(name, Buffer.concat([Buffer.from(xml.replace('</worksheet>', '')), padding, Buffer.from('</worksheet>')]));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

// ---- the other formats ---------------------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any -- SheetJS types its CFB helper as any */
const CFB: any = XLSX.CFB;

/** The `Workbook` stream of a BIFF8 file and a writer for a new file holding a changed stream. */
function biffStream(xls: Buffer): { stream: Buffer; write: (stream: Buffer) => Buffer } {
  const cfb = CFB.read(xls, { type: 'buffer' });
  const entry = CFB.find(cfb, 'Workbook');
  return {
    stream: Buffer.from(entry.content),
    write: (stream: Buffer) => {
      const out = CFB.utils.cfb_new();
      CFB.utils.cfb_add(out, 'Workbook', stream);
      return Buffer.from(CFB.write(out, { type: 'buffer' }));
    },
  };
}

/** A real BIFF8 workbook of the small fixture's table (SheetJS writer). */
export async function smallXls(): Promise<Buffer> {
  return gridToXls(await readWorkbookFile(fixture(SMALL)));
}

/** A .xls protected with a password: the table's BIFF8 stream with a FILEPASS record after the first BOF, as Excel writes it. */
export async function encryptedXls(): Promise<Buffer> {
  const { stream, write } = biffStream(await smallXls());
  const bofLen = stream.readUInt16LE(2);
  // FILEPASS (0x002F): wEncryptionType 0 (XOR obfuscation), key, verifier
  const filepass = Buffer.from([0x2f, 0x00, 0x06, 0x00, 0x00, 0x00, 0x34, 0x12, 0x78, 0x56]);
  return write(Buffer.concat([stream.subarray(0, 4 + bofLen), filepass, stream.subarray(4 + bofLen)]));
}

/** A password-protected .xlsx as Excel writes it: an OLE container with EncryptionInfo and EncryptedPackage streams. */
export function encryptedOoxml(): Buffer {
  const out = CFB.utils.cfb_new();
  CFB.utils.cfb_add(out, 'EncryptionInfo', Buffer.concat([Buffer.from([0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00]), Buffer.from('<?xml version="1.0"?><encryption/>')]));
  CFB.utils.cfb_add(out, 'EncryptedPackage', Buffer.alloc(4096, 0x5a));
  return Buffer.from(CFB.write(out, { type: 'buffer' }));
}

/** A .xls cut off in the middle (an interrupted download). */
export async function truncatedXls(): Promise<Buffer> {
  const b = await smallXls();
  return b.subarray(0, Math.floor(b.length * 0.6));
}

/** An OLE header followed by noise: not a readable legacy file. */
export function corruptXls(): Buffer {
  const b = Buffer.alloc(8192);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(b, 0);
  let seed = 7;
  for (let i = 8; i < b.length; i++) b[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  return b;
}

/**
 * A real BIFF8 workbook of about `megabytes` MB: the small table followed, in the same sheet, by
 * NUMBER records (18 bytes each) until the size is reached.
 */
export async function hugeXls(megabytes = 50): Promise<Buffer> {
  const { stream, write } = biffStream(await smallXls());
  // the last record of the stream is the sheet's EOF (0x000A): insert the cells before it
  const eof = stream.length - 4;
  const n = Math.ceil((megabytes * 1024 * 1024) / 18);
  const cells = Buffer.alloc(n * 18);
  for (let i = 0; i < n; i++) {
    const o = i * 18;
    cells.writeUInt16LE(0x0203, o);
    cells.writeUInt16LE(14, o + 2);
    cells.writeUInt16LE(100 + (i % 60000), o + 4); // row
    cells.writeUInt16LE(10 + Math.floor(i / 60000), o + 6); // column
    cells.writeUInt16LE(15, o + 8); // XF
    cells.writeDoubleLE(i, o + 10);
  }
  return write(Buffer.concat([stream.subarray(0, eof), cells, stream.subarray(eof)]));
}

const SS_HEAD = '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">';

/** XML Spreadsheet 2003 with nested entities (“billion laughs”): 10^9 copies if expanded. */
export function billionLaughsXml(): string {
  let dtd = '<!ENTITY lol0 "哈哈哈哈哈哈哈哈哈哈">';
  for (let i = 1; i <= 9; i++) dtd += `<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Workbook [${dtd}]>\n<?mso-application progid="Excel.Sheet"?>\n${SS_HEAD}<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&lol9;</Data></Cell></Row></Table></Worksheet></Workbook>`;
}

/** XML Spreadsheet 2003 whose cell would hold a local file if external entities were resolved. */
export function xxeXml(file = '/etc/passwd'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Workbook [<!ENTITY xxe SYSTEM "file://${file}">]>\n${SS_HEAD}<Worksheet ss:Name="项目"><Table><Row><Cell><Data ss:Type="String">项目名称&xxe;</Data></Cell></Row></Table></Worksheet></Workbook>`;
}

/** A Word document whose body declares an external entity. */
export async function xxeDocx(file = '/etc/passwd'): Promise<Buffer> {
  const docx = await gridToDocx(await readWorkbookFile(fixture(SMALL)));
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  zip.file('word/document.xml', xml.replace('<w:document ', `<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file://${file}">]><w:document `).replace('1.村办公经费绩效目标表', '1.村办公经费绩效目标表&xxe;'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A Word document whose document.xml inflates to `megabytes` MB of blanks from a tiny file. */
export async function docxBomb(megabytes = 300): Promise<Buffer> {
  const docx = await gridToDocx(await readWorkbookFile(fixture(SMALL)));
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const padding = Buffer.alloc(megabytes * 1024 * 1024, 0x20);
  zip.file('word/document.xml', Buffer.concat([Buffer.from(xml.replace('</w:body>', '')), padding, Buffer.from('</w:body></w:document>')]));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/**
 * A zip (a bomb) with its directory lying: every entry claims to unpack to 1,000 bytes. Only the
 * inflation itself can notice.
 */
export function lyingSizes(zip: Buffer): Buffer {
  const b = Buffer.from(zip);
  for (let i = 0; i + 46 <= b.length; i++) {
    const sig = b.readUInt32LE(i);
    if (sig === 0x02014b50) b.writeUInt32LE(1000, i + 24); // central directory: uncompressed size
    else if (sig === 0x04034b50) b.writeUInt32LE(1000, i + 22); // local header
  }
  return b;
}
/* eslint-enable @typescript-eslint/no-explicit-any */
