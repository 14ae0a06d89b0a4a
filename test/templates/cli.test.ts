import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { runTemplate, templateCommand, type TemplateIO } from '../../src/cli/template';
import { projectTypes } from '../../src/domain/templates';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const sink: TemplateIO = { out: (t) => out.push(t), err: (t) => err.push(t) };
  return { out, err, sink };
}

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'jxmb-template-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const exists = (f: string) =>
  fs.stat(f).then(
    () => true,
    () => false,
  );

async function sheetOf(file: string): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets[0];
}

describe('jxmb template', () => {
  test('writes one block of a type with the header options', async () => {
    const file = path.join(dir, 'one.xlsx');
    const t = io();
    const code = await runTemplate(
      { type: '保洁', year: '2025', name: '2025年农村保洁员经费', code: '130322250qxp1wkibns3x', budget: '156.12', unit: '安山镇人民政府本级', unitCode: '813001', output: file },
      t.sink,
    );
    expect(t.err).toEqual([]);
    expect(code).toBe(0);
    expect(t.out[0]).toContain('农村保洁员经费');
    const ws = await sheetOf(file);
    expect(ws.getCell('E5').value).toBe('2025年农村保洁员经费');
    expect(ws.getCell('B5').value).toBe('130322250QXP1WKIBNS3X');
    expect(ws.getCell('C6').value).toBe(156.12);
    expect(ws.getCell('E6').value).toBe(156.12);
  });

  test('--type all writes every type of the profile, one block each', async () => {
    const file = path.join(dir, 'all.xlsx');
    const t = io();
    expect(await runTemplate({ profile: 'central-2021', type: 'all', year: '2025', output: file }, t.sink)).toBe(0);
    const ws = await sheetOf(file);
    const titles: string[] = [];
    ws.eachRow((row) => {
      const v = row.getCell(1).value;
      if (typeof v === 'string' && /^\d+\..*绩效目标表$/.test(v)) titles.push(v);
    });
    expect(titles).toHaveLength(projectTypes.filter((x) => x.profiles.includes('central-2021')).length);
  });

  test('the default is the generic type of hebei-project', async () => {
    const file = path.join(dir, 'generic.xlsx');
    expect(await runTemplate({ output: file }, io().sink)).toBe(0);
    const ws = await sheetOf(file);
    expect(ws.getCell('A3').value).toBe('项目绩效目标表');
  });

  test('a bad header is refused with the field named, and nothing is written', async () => {
    for (const [opts, field] of [
      [{ budget: '-3' }, '预算数'],
      [{ budget: '20', fiscal: '15', other: '3' }, '财政资金'],
      [{ code: '12345' }, '项目编码'],
      [{ year: '25' }, '预算年度'],
    ] as const) {
      const file = path.join(dir, `bad-${field}.xlsx`);
      const t = io();
      const code = await runTemplate({ type: '村级办公经费', output: file, ...opts }, t.sink);
      expect(code).toBe(1);
      expect(t.err.join('\n')).toContain(field);
      expect(t.err.join('\n')).toContain('未生成文件');
      expect(await exists(file)).toBe(false);
    }
  });

  test('unknown, ambiguous or misfit types and missing -o are refused without writing', async () => {
    const file = path.join(dir, 'none.xlsx');
    let t = io();
    expect(await runTemplate({ type: '高速公路', output: file }, t.sink)).toBe(1);
    expect(t.err[0]).toContain('找不到模板类型“高速公路”');
    t = io();
    expect(await runTemplate({ type: '补贴', output: file }, t.sink)).toBe(1);
    expect(t.err[0]).toContain('不明确');
    t = io();
    expect(await runTemplate({ type: 'all', name: 'x', output: file }, t.sink)).toBe(1);
    t = io();
    expect(await runTemplate({ profile: 'nope', output: file }, t.sink)).toBe(2);
    expect(t.err[0]).toContain('nope');
    t = io();
    expect(await runTemplate({ type: '保洁' }, t.sink)).toBe(2);
    expect(t.err[0]).toContain('-o');
    t = io();
    expect(await runTemplate({ output: path.join(dir, 'x.xls') }, t.sink)).toBe(2);
    expect(await exists(file)).toBe(false);
  });

  test('--list lists the types; with --type it searches', async () => {
    let t = io();
    expect(await runTemplate({ list: true }, t.sink)).toBe(0);
    for (const ty of projectTypes) expect(t.out.join('\n')).toContain(ty.name);
    t = io();
    expect(await runTemplate({ list: true, type: '保洁' }, t.sink)).toBe(0);
    expect(t.out[0]).toContain('农村保洁员经费');
    expect(t.out.join('\n')).not.toContain('人大工作经费');
    t = io();
    expect(await runTemplate({ list: true, type: 'zzz' }, t.sink)).toBe(1);
  });

  test('as a commander command (parseAsync, from user)', async () => {
    const file = path.join(dir, 'cmd.xlsx');
    const t = io();
    const cmd = templateCommand(t.sink);
    await cmd.parseAsync(['--profile', 'disclosure-list', '--type', '人大', '--year', '2023', '--name', '人大工作经费', '--budget', '2.13', '--unit', '某镇政府', '--unit-code', '407001', '-o', file], { from: 'user' });
    expect(t.err).toEqual([]);
    const ws = await sheetOf(file);
    expect(ws.getCell('B2').value).toBe('单位及项目名称');
    expect(ws.getCell('C3').value).toBe(2.13);
    expect(ws.getCell('B4').value).toBe('人大工作经费');
    const prev = process.exitCode;
    const bad = io();
    await templateCommand(bad.sink).parseAsync(['--budget', '-1', '-o', path.join(dir, 'neg.xlsx')], { from: 'user' });
    expect(process.exitCode).toBe(1);
    process.exitCode = prev;
    expect(bad.err.join()).toContain('预算数');
    expect(await exists(path.join(dir, 'neg.xlsx'))).toBe(false);
  });
});
