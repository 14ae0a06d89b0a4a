import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readWorkbookBuffer, readWorkbookFile, WorkbookReadError } from '../../src/files/read';

async function sampleWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目绩效目标');
  ws.getCell('A1').value = '1.村级办公经费绩效目标表';
  ws.mergeCells('A1:G1');
  ws.getCell('A2').value = '项目编码';
  ws.getCell('B2').value = '130322219GER8HTIB96ND';
  ws.mergeCells('B2:C2');
  ws.getCell('C3').value = 29.5;
  ws.getCell('C3').numFmt = '0.00';
  ws.getCell('B4').value = 0.25;
  ws.getCell('B4').numFmt = '0.00%';
  ws.getCell('C4').value = { formula: 'B4*2', result: 0.5 } as ExcelJS.CellFormulaValue;
  ws.getCell('C4').numFmt = '0%';
  ws.getCell('D4').value = { formula: 'X1', result: undefined } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell('E4').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
  ws.getCell('F4').value = { formula: '1/0', result: { error: '#DIV/0!' } } as unknown as ExcelJS.CellFormulaValue;
  ws.getCell('A5').value = { richText: [{ text: '其中：' }, { text: '财政资金', font: { bold: true } }] };
  ws.getCell('B5').value = { text: '链接文字', hyperlink: 'https://example.org' };
  ws.getCell('C5').value = true;
  ws.getCell('D5').value = new Date(Date.UTC(2021, 11, 31));
  ws.getCell('D5').numFmt = 'yyyy"年"m"月"d"日"';
  ws.getCell('A8').value = '产出指标';
  ws.mergeCells('A8:A10');
  const hidden = wb.addWorksheet('隐藏');
  hidden.state = 'hidden';
  hidden.getCell('B2').value = 'x';
  wb.title = '2021年部门预算项目绩效目标表';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readWorkbookBuffer', () => {
  let grid: Awaited<ReturnType<typeof readWorkbookBuffer>>;
  beforeAll(async () => {
    grid = await readWorkbookBuffer(await sampleWorkbook(), 'sample.xlsx');
  });

  it('reads sheet names, hidden sheets and the document title', () => {
    expect(grid.sheets.map((s) => s.name)).toEqual(['项目绩效目标', '隐藏']);
    expect(grid.sheets[0].hidden).toBeUndefined();
    expect(grid.sheets[1].hidden).toBe(true);
    expect(grid.name).toBe('2021年部门预算项目绩效目标表');
  });

  it('keeps the merge master value only in the top-left cell', () => {
    const s = grid.sheets[0];
    expect(s.values[0][0]).toBe('1.村级办公经费绩效目标表');
    for (let c = 1; c < 7; c++) expect(s.values[0][c]).toBeUndefined();
    expect(s.values[1][1]).toBe('130322219GER8HTIB96ND');
    expect(s.values[1][2]).toBeUndefined();
    expect(s.values[8]?.[0]).toBeUndefined();
    expect(s.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 0, right: 6 },
        { top: 1, left: 1, bottom: 1, right: 2 },
        { top: 7, left: 0, bottom: 9, right: 0 },
      ]),
    );
    expect(s.merges).toHaveLength(3);
  });

  it('types values and keeps number formats', () => {
    const s = grid.sheets[0];
    expect(s.values[2][2]).toBe(29.5);
    expect(s.formats?.[2][2]).toBe('0.00');
    expect(s.values[3][1]).toBe(0.25);
    expect(s.formats?.[3][1]).toBe('0.00%');
    expect(s.values[3][2]).toBe(0.5); // formula → cached result
    expect(s.formats?.[3][2]).toBe('0%');
    expect(s.values[3][3] ?? null).toBeNull(); // formula without a cached result
    expect(s.values[3][4]).toEqual({ error: '#REF!' });
    expect(s.values[3][5]).toEqual({ error: '#DIV/0!' });
    expect(s.values[4][0]).toBe('其中：财政资金'); // rich text → plain text
    expect(s.values[4][1]).toBe('链接文字'); // hyperlink → its text
    expect(s.values[4][2]).toBe(true);
    expect(s.values[4][3]).toBe(44561); // date → Excel serial
    expect(s.formats?.[4][3]).toBe('yyyy"年"m"月"d"日"');
  });

  it('uses the file name as grid name when the workbook has no title', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('S').getCell('A1').value = 1;
    const g = await readWorkbookBuffer(Buffer.from(await wb.xlsx.writeBuffer()), '/x/y/2023年公开表.xlsx');
    expect(g.name).toBe('2023年公开表.xlsx');
  });

  it('only visits existing cells of a sheet that declares a huge dimension', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 'a';
    ws.getCell('C3').value = 'c';
    const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    const g = await readWorkbookBuffer(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(g.sheets[0].values).toHaveLength(3);
    expect(g.sheets[0].values[2][2]).toBe('c');
  });
});

describe('unreadable input → WorkbookReadError', () => {
  async function code(buf: Buffer, options?: { maxUncompressedBytes?: number }): Promise<WorkbookReadError> {
    try {
      await readWorkbookBuffer(buf, 'bad.xlsx', options);
    } catch (e) {
      expect(e).toBeInstanceOf(WorkbookReadError);
      return e as WorkbookReadError;
    }
    throw new Error('no error thrown');
  }
  const OLE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

  it('detects an encrypted workbook (OLE container with EncryptionInfo)', async () => {
    const e = await code(Buffer.concat([OLE, Buffer.alloc(64), Buffer.from('EncryptionInfo', 'utf16le'), Buffer.alloc(64)]));
    expect(e.code).toBe('encrypted');
    expect(e.message).toContain('密码');
    expect(e.message).toContain('bad.xlsx');
    expect(e.file).toBe('bad.xlsx');
  });

  it('an OLE header with nothing readable behind it is a corrupt legacy file', async () => {
    const e = await code(Buffer.concat([OLE, Buffer.alloc(128)]));
    expect(e.code).toBe('corrupt');
    expect(e.message).toMatch(/已损坏/);
    expect(e.message).toContain('另存为 .xlsx');
  });

  it('refuses a text file (a CSV), saying what is supported', async () => {
    const e = await code(Buffer.from('项目编码,项目名称\n1,2\n'));
    expect(e.code).toBe('not-workbook');
    expect(e.message).toContain('.xls');
    expect(e.message).toContain('.docx');
    expect(e.message).toContain('另存为 .xlsx');
  });

  it('names what a file is when it is a PDF, a web page saved as .xls, RTF or other XML', async () => {
    expect((await code(Buffer.from('%PDF-1.7\n...'))).message).toMatch(/是 PDF 文件/);
    expect((await code(Buffer.from('<html><body><table><tr><td>项目名称</td></tr></table></body></html>'))).message).toMatch(/网页（HTML）/);
    expect((await code(Buffer.from('{\\rtf1\\ansi 项目}'))).message).toMatch(/RTF/);
    expect((await code(Buffer.from('<?xml version="1.0"?><config><a/></config>'))).message).toMatch(/不是 XML 电子表格 2003/);
  });

  it('refuses an empty or truncated file', async () => {
    expect((await code(Buffer.alloc(0))).code).toBe('truncated');
    const good = await sampleWorkbook();
    const e = await code(good.subarray(0, Math.floor(good.length / 2)));
    expect(e.code).toBe('truncated');
    expect(e.message).toMatch(/损坏|不完整/);
  });

  it('refuses a zip that is neither a workbook nor a document', async () => {
    const zip = new JSZip();
    zip.file('ppt/presentation.xml', '<p/>');
    zip.file('[Content_Types].xml', '<Types/>');
    const e = await code(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(e.code).toBe('not-workbook');
    expect(e.message).toMatch(/PowerPoint/);
    const other = new JSZip();
    other.file('readme.txt', 'x');
    expect((await code(await other.generateAsync({ type: 'nodebuffer' }))).message).toMatch(/是压缩包，但不是 Excel 工作簿、Word 文档/);
  });

  it('refuses a workbook that unpacks beyond the limit (zip-bomb guard)', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/worksheets/sheet1.xml', ' '.repeat(2 * 1024 * 1024));
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(buf.length).toBeLessThan(64 * 1024);
    const e = await code(buf, { maxUncompressedBytes: 1024 * 1024 });
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('超过上限');
  });

  it('a zip whose directory understates the sizes is stopped while inflating', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>');
    zip.file('xl/sharedStrings.xml', `<sst>${' '.repeat(3 * 1024 * 1024)}</sst>`);
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    // rewrite the declared uncompressed size (central directory and local header) to 10 bytes
    const lied = Buffer.from(buf);
    for (let i = 0; i + 4 <= lied.length; i++) {
      const sig = lied.readUInt32LE(i);
      if (sig === 0x02014b50 && lied.toString('latin1', i + 46, i + 46 + lied.readUInt16LE(i + 28)) === 'xl/sharedStrings.xml') lied.writeUInt32LE(10, i + 24);
      if (sig === 0x04034b50 && lied.toString('latin1', i + 30, i + 30 + lied.readUInt16LE(i + 26)) === 'xl/sharedStrings.xml') lied.writeUInt32LE(10, i + 22);
    }
    const e = await code(lied, { maxUncompressedBytes: 1024 * 1024 });
    expect(e.code).toBe('too-large');
    expect(e.message).toContain('超过上限 1.0 MB');
  });

  it('legacy formats parsed whole have their own limit: an .xls by its size, an .ods by what it unpacks to', async () => {
    const shipped = path.resolve(__dirname, '../fixtures/formats');
    for (const f of ['hebei-2025-zhangerzhuang.xls', 'hebei-2025-zhangerzhuang.ods']) {
      const buf = fs.readFileSync(path.join(shipped, f));
      await expect(readWorkbookBuffer(buf, f, { maxLegacyBytes: 4096 })).rejects.toMatchObject({ code: 'too-large', message: expect.stringMatching(/超过 ?(旧版格式|OpenDocument 表格)的上限/) });
      expect((await readWorkbookBuffer(buf, f)).sheets[0].values[0][0]).toBe('魏县张二庄镇人民政府2025年部门预算项目绩效目标表');
    }
  });

  it('a workbook part that declares a DTD is refused, not parsed', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('xl/workbook.xml', '<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]><workbook>&x;</workbook>');
    const e = await code(await zip.generateAsync({ type: 'nodebuffer' }));
    expect(e.code).toBe('hostile');
    expect(e.message).toMatch(/DTD/);
  });
});

describe('readWorkbookFile', () => {
  it('reads a file from disk and refuses a missing path or a too-large file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-read-'));
    try {
      const p = path.join(dir, 'a.xlsx');
      fs.writeFileSync(p, await sampleWorkbook());
      const g = await readWorkbookFile(p);
      expect(g.sheets[0].values[0][0]).toBe('1.村级办公经费绩效目标表');
      await expect(readWorkbookFile(path.join(dir, 'missing.xlsx'))).rejects.toMatchObject({ code: 'unknown' });
      await expect(readWorkbookFile(p, { maxUncompressedBytes: 100 })).rejects.toMatchObject({ code: 'too-large' });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
