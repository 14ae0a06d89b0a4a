/**
 * Hostile files through `jxmb check`: each gets a clear Chinese answer and the right exit code, the
 * other files are still checked, and nothing runs away with time or memory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import {
  billionLaughsXml,
  corruptXls,
  docxBomb,
  encryptedOoxml,
  encryptedWorkbook,
  encryptedXls,
  hugeDimension,
  hugeXls,
  lyingSizes,
  noiseWorkbook,
  notAZip,
  truncatedXls,
  truncatedZip,
  wholeColumnValidations,
  wholeSheetMerge,
  xxeDocx,
  xxeXml,
  zipBomb,
} from '../helpers/hostile';
import { fixture } from '../helpers/fixtures';
import { tameSheetXml, HUGE_RANGE_CELLS } from '../../src/files/xlsx-tame';
import { ReportSchema } from '../../src/cli/report';
import { run, sha256, tmpDir } from './helpers';

jest.setTimeout(300_000); // a hang-stop: these spawn processes over big files, slow on a busy machine

let dir: string;
const files: Record<string, string> = {};

beforeAll(async () => {
  dir = tmpDir('jxmb-hostile-');
  const write = (name: string, buf: Buffer) => {
    files[name] = path.join(dir, name);
    fs.writeFileSync(files[name], buf);
  };
  write('not-a-zip.xlsx', notAZip());
  write('truncated.xlsx', truncatedZip());
  write('encrypted.xlsx', encryptedWorkbook());
  write('huge-dimension.xlsx', await hugeDimension());
  write('whole-column-validations.xlsx', await wholeColumnValidations());
  write('whole-sheet-merge.xlsx', await wholeSheetMerge());
  write('noise.xlsx', await noiseWorkbook(100_000));
  write('bomb.xlsx', await zipBomb(300));
  // the other formats
  secret = path.join(dir, 'secret.txt');
  fs.writeFileSync(secret, SECRET);
  write('encrypted.xls', await encryptedXls());
  write('encrypted-real.xlsx', encryptedOoxml());
  write('truncated.xls', await truncatedXls());
  write('corrupt.xls', corruptXls());
  write('huge-50mb.xls', await hugeXls(50));
  write('big-9mb.xls', await hugeXls(9)); // just under the legacy limit: read, in the capped heap too
  write('billion-laughs.xls', Buffer.from(billionLaughsXml()));
  write('xxe.xml.xls', Buffer.from(xxeXml(secret)));
  write('xxe.docx', await xxeDocx(secret));
  const docBomb = await docxBomb(150);
  write('bomb.docx', docBomb);
  write('lying-bomb.docx', lyingSizes(docBomb));
  fs.copyFileSync(fixture('hebei-2025-zhangerzhuang.xlsx'), path.join(dir, 'good.xlsx'));
  files['good.xlsx'] = path.join(dir, 'good.xlsx');
});

const SECRET = 'JXMB-本机机密-7f3a9c';
let secret: string;

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function checkJson(...names: string[]) {
  const r = await run(['check', '--format', 'json', ...names.map((n) => files[n])]);
  const report = ReportSchema.parse(JSON.parse(r.stdout));
  const byName = (n: string) => report.files.find((f) => path.basename(f.file) === n)!;
  return { ...r, report, byName };
}

describe('unreadable files get a one-line Chinese reason and exit 2, the rest is still checked', () => {
  it.each([
    ['not-a-zip.xlsx', /不是可读取的表格或文档/],
    ['truncated.xlsx', /损坏或不完整/],
    ['encrypted.xlsx', /密码/],
    ['bomb.xlsx', /解压后约 300 MB，超过上限 100 MB/],
  ])('%s', async (name, reason) => {
    const r = await checkJson(name, 'good.xlsx');
    expect(r.code).toBe(2);
    const bad = r.byName(name);
    expect(bad.error).toMatch(reason);
    expect(bad.error).not.toMatch(/\n|at .*\(|Error:/); // one line, no stack
    expect(bad.blocks).toEqual([]);
    const good = r.byName('good.xlsx');
    expect(good.error).toBeNull();
    expect(good.blocks).toHaveLength(4);
  });
});

describe('hostile files in the other formats: a one-line Chinese reason each, the good file still checked', () => {
  it.each([
    ['encrypted.xls', /受密码保护/],
    ['encrypted-real.xlsx', /受密码保护/],
    ['truncated.xls', /已损坏/],
    ['corrupt.xls', /已损坏/],
    ['huge-50mb.xls', /有 50 MB，超过旧版格式的上限 10 MB/],
    ['billion-laughs.xls', /DTD 实体声明/],
    ['xxe.xml.xls', /DTD 实体声明/],
    ['xxe.docx', /DTD 实体声明/],
    ['bomb.docx', /解压后约 150 MB，超过上限 100 MB/],
    ['lying-bomb.docx', /解压后超过上限 100 MB/],
  ])('%s', async (name, reason) => {
    const r = await checkJson(name, 'good.xlsx');
    expect(r.code).toBe(2);
    const bad = r.byName(name);
    expect(bad.error).toMatch(reason);
    expect(bad.error).toMatch(/请/); // says what to do
    expect(bad.error).not.toMatch(/\n|at .*\(|Error:/);
    expect(bad.blocks).toEqual([]);
    expect(r.byName('good.xlsx').blocks).toHaveLength(4);
  });

  it('an external entity is never resolved: the local file’s content appears nowhere', async () => {
    for (const format of ['json', 'stylish', 'html']) {
      const r = await run(['check', '--format', format, files['xxe.xml.xls'], files['xxe.docx']]);
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
    }
  });
});

describe('files that are readable but hostile', () => {
  it('a sheet declaring A1:XFD1048576 is read by its real cells', async () => {
    const r = await checkJson('huge-dimension.xlsx');
    expect(r.byName('huge-dimension.xlsx').error).toBeNull();
    expect(r.byName('huge-dimension.xlsx').blocks).toHaveLength(4);
  });

  // How long these take is the bench's business (no test asserts a duration); a runaway is stopped by
  // the suite's timeout, and the clipping itself is asserted exactly (here and in tameSheetXml below).
  it('data validations over whole columns and the whole sheet: checked and annotated, the validations clipped', async () => {
    const out = tmpDir('jxmb-hostile-out-');
    const before = sha256(files['whole-column-validations.xlsx']);
    const r = await run(['check', '--format', 'json', '--annotate', out, files['whole-column-validations.xlsx']]);
    expect(r.code).toBeLessThan(2);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.files[0].blocks).toHaveLength(4);
    expect(sha256(files['whole-column-validations.xlsx'])).toBe(before);
    // the copy opens, and keeps the validations clipped to the used area (A1:G72)
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, 'whole-column-validations.xlsx'));
    expect(wb.worksheets[0].name).toBe('检查结果');
    const sheet = wb.getWorksheet('Sheet1')!;
    expect(sheet.getCell('G72').dataValidation?.type).toBe('whole');
    expect(sheet.getCell('H73').dataValidation?.type).toBeUndefined();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('a merged area to the last row of the sheet is clipped, not expanded', async () => {
    const r = await checkJson('whole-sheet-merge.xlsx');
    expect(r.byName('whole-sheet-merge.xlsx').error).toBeNull();
    expect(r.byName('whole-sheet-merge.xlsx').blocks).toHaveLength(4);
  });

  it('an .xls just under the legacy limit (9 MB, half a million numbers) is read: the table is found', async () => {
    const r = await checkJson('big-9mb.xls');
    expect(r.byName('big-9mb.xls').error).toBeNull();
    expect(r.byName('big-9mb.xls').blocks).toHaveLength(4);
  });

  it('100,000 rows of noise: no table, said plainly, counted as not checked, exit 2', async () => {
    const r = await run(['check', files['noise.xlsx']]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/1 个文件未检查/);
    expect(r.stdout).toMatch(/工作表“噪声”：未找到可识别的绩效目标表（没有/);
  });

  it('memory stays bounded: the whole set checked in a process capped at a 768 MB heap', () => {
    const names = Object.keys(files).map((n) => files[n]);
    const script = `require(${JSON.stringify(path.resolve(__dirname, '../../src/cli/main'))}).main(['check', '--format', 'json', ...${JSON.stringify(names)}]).then((c) => { process.exitCode = c; })`;
    const r = spawnSync(process.execPath, ['--max-old-space-size=768', '--import', 'tsx', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(r.stderr).not.toMatch(/heap out of memory/);
    expect(r.status).toBe(2); // unreadable files among them; not a crash (134) or an OOM
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    expect(report.files).toHaveLength(names.length);
  });

  it('all of them in one run: every file reported, exit 2', async () => {
    const names = Object.keys(files);
    const r = await checkJson(...names);
    expect(r.code).toBe(2);
    expect(r.report.files).toHaveLength(names.length);
    const unreadable = r.report.files.filter((f) => f.error !== null).map((f) => path.basename(f.file)).sort();
    expect(unreadable).toEqual(
      [
        'bomb.xlsx',
        'encrypted.xlsx',
        'not-a-zip.xlsx',
        'truncated.xlsx',
        'encrypted.xls',
        'encrypted-real.xlsx',
        'truncated.xls',
        'corrupt.xls',
        'huge-50mb.xls',
        'billion-laughs.xls',
        'xxe.xml.xls',
        'xxe.docx',
        'bomb.docx',
        'lying-bomb.docx',
      ].sort(),
    );
  });
});

describe('tameSheetXml', () => {
  const sheet = (extra: string) =>
    `<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C9"><v>2</v></c></row></sheetData>${extra}</worksheet>`;

  it('leaves ordinary ranges alone', () => {
    expect(tameSheetXml(sheet('<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:A500"><formula1>"a"</formula1></dataValidation></dataValidations>'))).toBeUndefined();
  });

  it('clips huge validation ranges to the used area and drops what falls outside', () => {
    const xml = tameSheetXml(
      sheet('<dataValidations count="2"><dataValidation type="list" sqref="A1:A1048576 E5"><formula1>"a"</formula1></dataValidation><dataValidation type="whole" sqref="K1:XFD1048576"><formula1>0</formula1></dataValidation></dataValidations>'),
    )!;
    expect(xml).toContain('sqref="A1:A9 E5"');
    expect(xml).not.toContain('K1:XFD1048576');
    expect(xml).toContain('<dataValidations count="1">');
  });

  it('clips whole-column references without row numbers', () => {
    const xml = tameSheetXml(sheet('<dataValidations count="1"><dataValidation type="list" sqref="B:C"><formula1>"a"</formula1></dataValidation></dataValidations>'))!;
    expect(xml).toContain('sqref="B1:C9"');
  });

  it('removes a huge merge that lies outside the data, keeps the count right', () => {
    const xml = tameSheetXml(sheet('<mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="H1:XFD1048576"/></mergeCells>'))!;
    expect(xml).toContain('<mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>');
    expect(HUGE_RANGE_CELLS).toBeGreaterThan(100_000);
  });
});
