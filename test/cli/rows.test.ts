/**
 * The one-row-per-indicator 申报表 (docs/domain.md §2.8) through the CLI, as real workbooks: an .xlsx
 * written with ExcelJS and the same converted to .xls by LibreOffice (scripts/make-rows-fixtures.ts);
 * and a file in which no table is recognised, which is never reported as passing (未检查, exit 2).
 */
import * as fs from 'fs';
import * as path from 'path';
import { formatSummary } from '../../src/cli/stylish';
import { makeColors } from '../../src/cli/ansi';
import type { Report } from '../../src/cli/report';
import { writeGridXlsx } from '../helpers/grid-xlsx';
import { run, tmpDir } from './helpers';

const DIR = path.join(__dirname, '..', 'fixtures', 'formats');
const XLSX = path.join(DIR, 'sichuan-2023-matazhen.xlsx');
const XLS = path.join(DIR, 'sichuan-2023-matazhen.xls');

async function json(...files: string[]): Promise<{ code: number; report: Report }> {
  const r = await run(['check', '--format', 'json', ...files]);
  return { code: r.code, report: JSON.parse(r.stdout) as Report };
}

async function noTableFile(dir: string): Promise<string> {
  const file = path.join(dir, '说明.xlsx');
  await writeGridXlsx({ sheets: [{ name: '说明', values: [['填报说明'], ['一、本表由各单位填报'], ['二、金额单位为元']], merges: [] }] }, file);
  return file;
}

describe('sichuan-yth-annual fixtures', () => {
  test.each([
    ['xlsx', XLSX],
    ['xls (LibreOffice)', XLS],
  ])('%s: three projects (the department row is not one), the year from the title, the weights and the direction problems', async (_, file) => {
    const { code, report } = await json(file);
    expect(code).toBe(1);
    const f = report.files[0];
    expect(f.error).toBeNull();
    expect(f.unchecked).toBeNull();
    expect(f.year).toBe(2023);
    expect(f.blocks.map((b) => [b.name, b.profile])).toEqual([
      ['村组干部报酬', 'sichuan-yth-annual'],
      ['村级公益事业建设', 'sichuan-yth-annual'],
      ['农村环境卫生整治', 'sichuan-yth-annual'],
    ]);
    expect(f.diagnostics.map((d) => `${d.ruleId}@${d.cell}#${d.block}`)).toEqual(['indicator/weights-total@K23#3', 'value/direction-mismatch@L24#3']);
    expect(f.diagnostics[0].message).toBe('本项目各指标权重合计为85（产出40、效益25、满意度20），应为90或100：请调整各指标的权重');
  });

  test('the .xls reads the same as the .xlsx it was converted from', async () => {
    const a = (await json(XLSX)).report.files[0];
    const b = (await json(XLS)).report.files[0];
    expect(b.blocks).toEqual(a.blocks);
    expect(b.diagnostics).toEqual(a.diagnostics);
  });
});

describe('a file in which no table is recognised is not checked, never passing', () => {
  test('stylish: the file says 未检查 with the reason, the summary counts it apart, exit 2', async () => {
    const dir = tmpDir();
    const none = await noTableFile(dir);
    const r = await run(['check', XLSX, none]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('工作表“说明”：未找到可识别的绩效目标表');
    expect(r.stdout).toContain('✖ 未检查：没有识别出项目绩效目标表，本文件不算通过');
    expect(r.stdout.trim().split('\n').pop()).toBe('✖ 2 个文件：1 个错误，1 个警告，0 个提示；1 个文件未检查（未识别出项目绩效目标表）');
  });

  test('alone, with no error anywhere, it is still exit 2 and ✖, not ✔', async () => {
    const dir = tmpDir();
    const r = await run(['check', await noTableFile(dir)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^✖ 1 个文件：0 个错误，0 个警告，0 个提示；1 个文件未检查/m);
    expect(r.stdout).not.toContain('✔');
  });

  test('json: the file carries the reason, the summary the count', async () => {
    const dir = tmpDir();
    const { code, report } = await json(XLSX, await noTableFile(dir));
    expect(code).toBe(2);
    expect(report.files[0].unchecked).toBeNull();
    expect(report.files[1].unchecked).toContain('未找到可识别的绩效目标表');
    expect(report.summary.unchecked).toBe(1);
  });

  test('html: the totals and the file table count it apart with the reason', async () => {
    const dir = tmpDir();
    const out = path.join(dir, 'report.html');
    const r = await run(['check', '--format', 'html', '-o', out, XLSX, await noTableFile(dir)]);
    expect(r.code).toBe(2);
    const page = fs.readFileSync(out, 'utf8');
    expect(page).toContain('<li class="unreadable"><b>1</b>个文件未检查（未识别出项目绩效目标表）</li>');
    expect(page).toMatch(/<span class="unreadable">未检查：未找到可识别的绩效目标表/);
    expect(page).toContain('本文件没有识别出项目绩效目标表，不算通过');
    expect(r.stdout).toContain('1 个文件未检查');
  });

  test('the summary line without unchecked files is as before', () => {
    const c = makeColors(false);
    expect(formatSummary({ files: 1, errors: 0, warnings: 0, infos: 0, unchecked: 0 }, 0, c)).toBe('✔ 1 个文件：0 个错误，0 个警告，0 个提示\n');
    expect(formatSummary({ files: 1, errors: 0, warnings: 0, infos: 0, unchecked: 1 }, 0, c)).toBe('✖ 1 个文件：0 个错误，0 个警告，0 个提示；1 个文件未检查（未识别出项目绩效目标表）\n');
  });
});
