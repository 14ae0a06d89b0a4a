/**
 * Hostile .xlsx inputs built in the test (never stored): not a zip, a truncated zip, an encrypted
 * (OLE/CFB) file, a sheet declaring A1:XFD1048576, 100,000 rows of noise, a zip bomb, and data
 * validations over whole columns. Each is a real file a reviewer could be sent.
 */
import * as fs from 'fs';
import JSZip from 'jszip';
import { fixture } from './fixtures';

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
