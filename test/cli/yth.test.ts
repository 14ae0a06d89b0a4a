/**
 * The CLI with the 一体化 layouts: `jxmb template --profile hebei-yth-annual|hebei-yth-info` writes a
 * form that `jxmb check` reads back as that layout; a workbook with a 汇总 sheet reports the 汇总's
 * problems at the 汇总's cells with `"block": null` (a workbook-level diagnostic), in the JSON shape
 * docs/审核指南.md documents, in the stylish report and in the annotated copy.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { ReportSchema } from '../../src/cli/report';
import { ythWorkbook } from '../findings/yth-workbook';
import { writeGridXlsx } from '../helpers/grid-xlsx';
import { run, tmpDir } from './helpers';

describe('jxmb template --profile for the 一体化 layouts, checked back', () => {
  test.each([
    ['hebei-yth-annual', ['--budget', '156000', '--upper', '100000'], '年度总体目标为空'],
    // the same header by the profile's own names for its fields (the flags above are their aliases)
    ['hebei-yth-annual', ['--field', '资金总额=156000', '--field', '上级补助（元）=100000'], '年度总体目标为空'],
    ['hebei-yth-info', ['--code', '130322250QXP1WKIBNS3X'], '绩效目标为空'],
  ])('%s', async (profile, extra, goalBlank) => {
    const dir = tmpDir();
    const file = path.join(dir, `${profile}.xlsx`);
    const t = await run(['template', '--profile', profile, '--type', '保洁', '--year', '2025', '--name', '2025年农村保洁员经费', ...extra, '-o', file]);
    expect(t.stderr).toBe('');
    expect(t.code).toBe(0);
    const r = await run(['check', '--format', 'json', file]);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    const f = report.files[0];
    expect(f.blocks.map((b) => [b.profile, b.name])).toEqual([[profile, '2025年农村保洁员经费']]);
    expect(f.year).toBe(2025);
    // a fresh form: only its blanks are asked for — no total, code or structure problem
    expect([...new Set(f.diagnostics.map((d) => d.ruleId))].sort()).toEqual(['indicator/missing-value', 'table/missing-field']);
    expect(f.diagnostics.filter((d) => d.ruleId === 'table/missing-field').map((d) => d.message.split('：')[0])).toEqual([goalBlank]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('an 上级补助 above the 财政拨款 is refused, naming the field, and nothing is written', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'bad.xlsx');
    const t = await run(['template', '--profile', 'hebei-yth-annual', '--budget', '100', '--upper', '150', '-o', file]);
    expect(t.code).toBe(1);
    expect(t.stderr).toContain('上级补助（150）不能大于财政拨款（100）'); // the profile's captions: 财政拨款, as the form names it
    expect(fs.existsSync(file)).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('a workbook with a 汇总 sheet', () => {
  let dir: string;
  let file: string;
  beforeAll(async () => {
    dir = tmpDir();
    file = path.join(dir, '安山镇2024年一体化导出.xlsx');
    await writeGridXlsx(ythWorkbook(), file);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('JSON: the 汇总 problems are workbook-level — on the 汇总 sheet, `"block": null` — first, in the documented shape', async () => {
    const r = await run(['check', '--format', 'json', file]);
    expect(r.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(r.stdout));
    const f = report.files[0];
    expect(f.blocks.map((b) => b.sheet)).toEqual(['保洁申报表', '办公经费信息表', '党组织申报表']);
    const workbook = f.diagnostics.filter((d) => d.block === null);
    expect(workbook.map((d) => `${d.sheet}!${d.cell} ${d.ruleId}`)).toEqual(['汇总!C6 total/summary-mismatch', '汇总!D6 total/summary-mismatch']);
    expect(f.diagnostics.slice(0, 2)).toEqual(workbook);
    expect(workbook[0].related).toEqual(["'党组织申报表'!E7"]);
    // the 部门整体 sheet and the 汇总 are no blocks; every other diagnostic names its block
    expect(f.diagnostics.filter((d) => d.block !== null).every((d) => f.blocks[(d.block as number) - 1].sheet === d.sheet)).toBe(true);
  });

  test('stylish: the 汇总 problems under the workbook, the sheets that are not project tables say so', async () => {
    const r = await run(['check', file]);
    expect(r.stdout).toContain('汇总表中“2024年村级党组织活动经费”的预算数为3.2万元');
    expect(r.stdout).toContain('这是项目汇总表，不是项目绩效目标表');
    expect(r.stdout).toContain('这是部门整体绩效目标表，不是项目绩效目标表');
  });

  test('--annotate marks the 汇总 cells too', async () => {
    const out = path.join(dir, 'out');
    const r = await run(['check', '--annotate', out, file]);
    expect(r.code).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(out, path.basename(file)));
    const fill = wb.getWorksheet('汇总')?.getCell('C6').fill as ExcelJS.FillPattern | undefined;
    expect(fill?.pattern).toBe('solid');
  });
});
