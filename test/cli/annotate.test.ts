import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { annotateWorkbook, planAnnotateTargets, RESULT_SHEET, rowHeightFor, SEVERITY_FILL, workbookFromGrid } from '../../src/cli/annotate';
import { readWorkbookFile } from '../../src/files/read';
import { ReportSchema, type Report } from '../../src/cli/report';
import { gridToDocx, gridToXls, gridToXml2003 } from '../helpers/formats';
import type { FileResult } from '../../src/cli/check';
import type { InputFile } from '../../src/cli/files';
import type { Diagnostic } from '../../src/domain/model';
import { fixture } from '../helpers/fixtures';
import { noteOf, run, sha256, tmpDir } from './helpers';

const SHEET = '项目绩效目标';

function diag(severity: Diagnostic['severity'], cell: string, ruleId: string, message: string, fix?: Diagnostic['fix']): Diagnostic {
  return { ruleId, severity, message, sheet: SHEET, cell, block: { index: 0, name: '镇街改革补贴项目', range: 'A3:G20' }, fix };
}

function resultFor(file: string, diagnostics: Diagnostic[]): FileResult {
  const input: InputFile = { path: file, display: file, rel: path.basename(file) };
  return { input, error: null, year: 2021, blocks: [], sheets: [{ name: SHEET, blockCount: 1 }], diagnostics };
}

function argbOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  return fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
}


describe('annotateWorkbook', () => {
  let dir: string;
  let input: string;
  let output: string;
  let before: string;
  let wb: ExcelJS.Workbook;
  let original: ExcelJS.Workbook;

  beforeAll(async () => {
    dir = tmpDir();
    input = path.join(dir, 'in', 'anshan.xlsx');
    fs.mkdirSync(path.dirname(input));
    fs.copyFileSync(fixture('hebei-2021-anshan.xlsx'), input);
    before = sha256(input);
    output = path.join(dir, 'out', 'anshan.xlsx');
    const diags = [
      diag('warning', 'F13', 'value/percent-notation', '指标值“100百分比”写法不规范，应写作“100%”', { cell: 'F13', value: '100%', label: '改为“100%”' }),
      diag('error', 'F13', 'value/percent-out-of-range', '示例错误'),
      diag('info', 'F5', 'plan/behind-schedule', '合并区域内的提示'),
      diag('warning', 'E5', 'id/duplicate-project', '项目名称重复'),
      diag('error', 'B9', 'plan/final-not-100', '最后一期不是100%'),
    ];
    await annotateWorkbook(resultFor(input, diags), output);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(output);
    original = new ExcelJS.Workbook();
    await original.xlsx.readFile(input);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('leaves the input byte-for-byte unchanged and leaves no temp file', () => {
    expect(sha256(input)).toBe(before);
    expect(fs.readdirSync(path.dirname(output))).toEqual(['anshan.xlsx']);
  });

  test('fills a flagged cell with the worst severity and keeps its border and number format', () => {
    const ws = wb.getWorksheet(SHEET)!;
    const ows = original.getWorksheet(SHEET)!;
    expect(argbOf(ws.getCell('F13'))).toBe(SEVERITY_FILL.error);
    expect(ws.getCell('F13').border).toEqual(ows.getCell('F13').border);
    expect(argbOf(ws.getCell('B9'))).toBe(SEVERITY_FILL.error);
    expect(ws.getCell('B9').numFmt).toBe(ows.getCell('B9').numFmt);
    expect(ws.getCell('B9').numFmt).toMatch(/%/);
  });

  test('does not fill cells that were not flagged, even those sharing the flagged cell\'s style', () => {
    const ws = wb.getWorksheet(SHEET)!;
    for (const addr of ['F12', 'F14', 'C9', 'A1', 'F33']) {
      expect(argbOf(ws.getCell(addr))).not.toBe(SEVERITY_FILL.error);
      expect(argbOf(ws.getCell(addr))).not.toBe(SEVERITY_FILL.warning);
    }
  });

  test('a diagnostic inside a merged area marks the whole merge; the note sits on its top-left cell', () => {
    const ws = wb.getWorksheet(SHEET)!;
    for (const addr of ['E5', 'F5', 'G5']) expect(argbOf(ws.getCell(addr))).toBe(SEVERITY_FILL.warning);
    const note = noteOf(ws.getCell('E5'));
    expect(note).toContain('[警告] id/duplicate-project：项目名称重复');
    expect(note).toContain('[提示] plan/behind-schedule：合并区域内的提示');
  });

  test('the note lists every message of the cell, with its fix', () => {
    const note = noteOf(wb.getWorksheet(SHEET)!.getCell('F13'));
    expect(note).toContain('[警告] value/percent-notation：指标值“100百分比”写法不规范，应写作“100%”');
    expect(note).toContain('[错误] value/percent-out-of-range：示例错误');
    expect(note).toContain('修复建议：改为“100%”');
    expect(noteOf(wb.getWorksheet(SHEET)!.getCell('F12'))).toBe('');
  });

  test('检查结果 is the first sheet, with a bold frozen header and one row per diagnostic', () => {
    const first = wb.worksheets[0];
    expect(first.name).toBe(RESULT_SHEET);
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, ...original.worksheets.map((w) => w.name)]);
    expect((first.getRow(1).values as unknown[]).slice(1)).toEqual(['级别', '规则', '工作表', '单元格', '项目', '说明', '修复建议']);
    expect(first.getCell('A1').font?.bold).toBe(true);
    expect(first.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(first.getColumn(6).width).toBeGreaterThan(40);
    expect(first.rowCount).toBe(6);
    const rules = [2, 3, 4, 5, 6].map((r) => first.getCell(r, 2).value);
    expect(rules).toContain('value/percent-notation');
    expect(rules).toContain('plan/final-not-100');
    const fixRow = [2, 3, 4, 5, 6].find((r) => first.getCell(r, 2).value === 'value/percent-notation')!;
    expect(first.getCell(fixRow, 7).value).toBe('改为“100%”');
    expect(first.getCell(fixRow, 1).value).toBe('警告');
  });

  test('the 单元格 column links inside the workbook, the way Excel writes internal links', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(output));
    const book = await zip.file('xl/workbook.xml')!.async('string');
    const rid = new RegExp(`<sheet [^>]*name="${RESULT_SHEET}"[^>]*r:id="([^"]+)"`).exec(book)![1];
    const bookRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`).exec(bookRels)!;
    const sheetPath = `xl/${(target[1] ?? target[2]).replace(/^\/?xl\//, '')}`;
    const xml = await zip.file(sheetPath)!.async('string');
    const links = xml.match(/<hyperlink\b[^>]*>/g) ?? [];
    expect(links).toHaveLength(5);
    for (const l of links) {
      expect(l).not.toMatch(/r:id=/);
      expect(l).toMatch(/location="(&apos;|')项目绩效目标(&apos;|')!(F13|F5|E5|B9)"/);
    }
    // the sheet with the links is the first sheet of the workbook
    expect(/<sheet [^>]*name="([^"]+)"/.exec(book)![1]).toBe(RESULT_SHEET);
  });

  test('annotating an annotated copy replaces its 检查结果 sheet instead of adding another', async () => {
    const again = path.join(dir, 'out2', 'anshan.xlsx');
    await annotateWorkbook(resultFor(output, [diag('error', 'B9', 'plan/final-not-100', '最后一期不是100%')]), again);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(again);
    expect(wb2.worksheets.filter((w) => w.name.startsWith(RESULT_SHEET))).toHaveLength(1);
    expect(wb2.worksheets[0].rowCount).toBe(2);
  });
});

describe('planAnnotateTargets', () => {
  const file = (p: string, root?: string): InputFile => ({ path: p, display: p, root, rel: root ? path.relative(root, p) : path.basename(p) });

  test('keeps the folder structure of files found in a folder', () => {
    const plan = planAnnotateTargets([file('/data/in/a/x.xlsx', '/data/in'), file('/data/in/b/x.xlsx', '/data/in')], '/data/out');
    expect(plan.refusal).toBeUndefined();
    expect(plan.targets.get('/data/in/a/x.xlsx')).toBe('/data/out/a/x.xlsx');
    expect(plan.targets.get('/data/in/b/x.xlsx')).toBe('/data/out/b/x.xlsx');
  });

  test('gives clashing base names a unique name', () => {
    const plan = planAnnotateTargets([file('/p/x.xlsx'), file('/q/x.xlsx')], '/out');
    expect(plan.targets.get('/p/x.xlsx')).toBe('/out/x.xlsx');
    expect(plan.targets.get('/q/x.xlsx')).toBe('/out/x (2).xlsx');
  });

  test('refuses a folder where the copy would overwrite its input', () => {
    const plan = planAnnotateTargets([file('/p/x.xlsx')], '/p');
    expect(plan.refusal).toMatch(/覆盖原文件/);
  });

  test('never targets another input file', () => {
    const plan = planAnnotateTargets([file('/p/x.xlsx'), file('/out/x.xlsx')], '/out');
    expect(plan.refusal).toMatch(/覆盖原文件/); // /out/x.xlsx would overwrite itself
    const plan2 = planAnnotateTargets([file('/p/x.xlsx'), file('/out/x.xlsx', '/out')], '/elsewhere');
    expect(plan2.refusal).toBeUndefined();
    const plan3 = planAnnotateTargets([file('/p/x.xlsx'), file('/out/sub/x.xlsx', '/out/sub')], '/out');
    expect(plan3.targets.get('/p/x.xlsx')).toBe('/out/x.xlsx');
  });

  test('skips inputs that could not be found', () => {
    const plan = planAnnotateTargets([{ ...file('/p/missing.xlsx'), error: '文件或文件夹不存在' }], '/p');
    expect(plan.refusal).toBeUndefined();
    expect(plan.targets.size).toBe(0);
  });
});

describe('rowHeightFor', () => {
  test('one line for short texts, more for long Chinese text or line breaks', () => {
    const one = rowHeightFor(['短', 'abc'], [10, 10]);
    expect(rowHeightFor(['中'.repeat(30)], [61])).toBe(one); // 60 columns fit 30 CJK characters
    expect(rowHeightFor(['中'.repeat(31)], [61])).toBeGreaterThan(one);
    expect(rowHeightFor(['a\nb\nc'], [60])).toBeGreaterThanOrEqual(3 * 13.5);
    expect(rowHeightFor(['x'.repeat(200), ''], [21, 60])).toBeGreaterThan(rowHeightFor(['x'.repeat(20), ''], [21, 60]));
  });
});

describe('--annotate for what cannot be written back in its own format', () => {
  let dir: string;
  let out: string;
  let report: Report;
  const inputs: Record<string, Buffer> = {};

  beforeAll(async () => {
    dir = tmpDir('jxmb-annot-formats-');
    out = path.join(dir, 'out');
    const src = path.join(dir, 'in');
    fs.mkdirSync(src);
    const grid = await readWorkbookFile(fixture('hebei-2025-zhangerzhuang.xlsx'));
    inputs['张二庄.docx'] = await gridToDocx(grid);
    inputs['张二庄.xls'] = gridToXls(grid);
    inputs['一体化导出.xls'] = Buffer.from(gridToXml2003(grid));
    for (const [n, b] of Object.entries(inputs)) fs.writeFileSync(path.join(src, n), b);
    fs.copyFileSync(fixture('hebei-2025-zhangerzhuang.xlsx'), path.join(src, '张二庄.xlsx'));
    const r = await run(['check', '--format', 'json', '--annotate', out, src]);
    expect(r.code).toBe(0); // warnings only
    report = ReportSchema.parse(JSON.parse(r.stdout));
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes one .xlsx copy per input; the .xlsx keeps its name, the others say what they were; inputs unchanged', () => {
    expect(fs.readdirSync(out).sort()).toEqual(['一体化导出.xlsx', '张二庄 (docx).xlsx', '张二庄 (xls).xlsx', '张二庄.xlsx'].sort());
    for (const [n, b] of Object.entries(inputs)) expect(fs.readFileSync(path.join(dir, 'in', n)).equals(b)).toBe(true);
  });

  it('Word: one sheet per table after 检查结果, the same marks and notes on the cells the report names', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, '张二庄 (docx).xlsx'));
    const file = report.files.find((f) => f.file.endsWith('张二庄.docx'))!;
    expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, '1.村办公经费绩效目标表', '2.村干部工资绩效目标表', '3.服务基层专项经费绩效目标表', '4.自收自支人员补助绩效目标表']);
    expect(file.diagnostics.length).toBeGreaterThan(0);
    for (const d of file.diagnostics) {
      const cell = wb.getWorksheet(d.sheet)!.getCell(d.cell);
      expect(argbOf(cell)).toBe(SEVERITY_FILL[d.severity]);
      expect(noteOf(cell)).toContain(d.message);
    }
    // the table as read: title row merged across, values, a vMerge as a merged area
    const first = wb.getWorksheet('1.村办公经费绩效目标表')!;
    expect(first.getCell('A1').value).toBe('1.村办公经费绩效目标表');
    expect(first.getCell('G1').isMerged).toBe(true);
    expect(first.getCell('B3').value).toBe('13043425P00442410076K');
    expect(first.getCell('A10').value).toBe('产出指标');
    expect(first.getCell('A13').isMerged).toBe(true);
    // 检查结果 lists every problem with a link to its table and cell, and says where the copy comes from
    const rs = wb.getWorksheet(RESULT_SHEET)!;
    const rows = rs.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.length).toBe(1 + file.diagnostics.length + 1);
    expect(rs.getCell('C2').value).toBe(file.diagnostics[0].sheet);
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, '张二庄 (docx).xlsx')));
    const sheets = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
    const locations = sheets.flatMap((x) => [...x.matchAll(/<hyperlink\b[^>]*location="([^"]+)"/g)].map((m) => m[1].replace(/&apos;/g, "'")));
    expect(locations).toEqual(file.diagnostics.map((d) => `'${d.sheet}'!${d.cell}`));
    expect(String(rows[rows.length - 1][6])).toMatch(/Word 文档“张二庄.docx”中的表格生成（每个表格一个工作表/);
  });

  it('.xls and XML Spreadsheet 2003: the sheet as read (values, number formats, merges) with the same marks', async () => {
    for (const [copy, input] of [
      ['张二庄 (xls).xlsx', '张二庄.xls'],
      ['一体化导出.xlsx', '一体化导出.xls'],
    ]) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(path.join(out, copy));
      expect(wb.worksheets.map((w) => w.name)).toEqual([RESULT_SHEET, 'Sheet1']);
      const sheet = wb.getWorksheet('Sheet1')!;
      expect(sheet.getCell('A1').value).toBe('魏县张二庄镇人民政府2025年部门预算项目绩效目标表');
      expect(sheet.getCell('G1').isMerged).toBe(true);
      const file = report.files.find((f) => f.file.endsWith(input))!;
      expect(file.diagnostics.length).toBeGreaterThan(0);
      for (const d of file.diagnostics) expect(argbOf(sheet.getCell(d.cell))).toBe(SEVERITY_FILL[d.severity]);
      const rows = wb.getWorksheet(RESULT_SHEET)!.getSheetValues().filter(Boolean) as unknown[][];
      expect(String(rows[rows.length - 1][6])).toContain(`“${input}”读取的内容生成`);
    }
  });
});

describe('workbookFromGrid', () => {
  it('keeps values, number formats, merges and hidden state; makes names Excel accepts', () => {
    const { wb, names } = workbookFromGrid({
      sheets: [
        { name: '项目/一:[二]', values: [['标题'], [0.25, 'x', { error: '#REF!' }, true]], formats: [[], ['0%']], merges: [{ top: 0, left: 0, bottom: 0, right: 3 }] },
        { name: RESULT_SHEET, values: [['a']], merges: [], hidden: true },
        { name: 'x'.repeat(40), values: [], merges: [] },
      ],
    });
    expect([...names.values()]).toEqual(['项目一二', `${RESULT_SHEET} (2)`, 'x'.repeat(31)]);
    const s = wb.getWorksheet('项目一二')!;
    expect(s.getCell('A2').value).toBe(0.25);
    expect(s.getCell('A2').numFmt).toBe('0%');
    expect(s.getCell('C2').value).toEqual({ error: '#REF!' });
    expect(s.getCell('D1').isMerged).toBe(true);
    expect(wb.getWorksheet(`${RESULT_SHEET} (2)`)!.state).toBe('hidden');
  });
});

describe('planAnnotateTargets for converted copies', () => {
  it('an .xlsx copy keeps its name; a converted one takes the name if free, else says its origin', () => {
    const f = (rel: string): InputFile => ({ path: `/in/${rel}`, display: rel, root: '/in', rel });
    const plan = planAnnotateTargets([f('a.docx'), f('a.xlsx'), f('b.xls'), f('a.xls'), f('c.XLSM')], '/out');
    expect(plan.targets.get('/in/a.xlsx')).toBe('/out/a.xlsx');
    expect(plan.targets.get('/in/a.docx')).toBe('/out/a (docx).xlsx');
    expect(plan.targets.get('/in/a.xls')).toBe('/out/a (xls).xlsx');
    expect(plan.targets.get('/in/b.xls')).toBe('/out/b.xlsx');
    expect(plan.targets.get('/in/c.XLSM')).toBe('/out/c.xlsx');
  });
});
