import { makeColors, stripAnsi } from '../../src/cli/ansi';
import type { FileResult } from '../../src/cli/check';
import { sortDiagnostics } from '../../src/cli/check';
import { ReportSchema, toReportFile } from '../../src/cli/report';
import { formatFile, formatSummary, noTableLine } from '../../src/cli/stylish';
import type { Block, Diagnostic } from '../../src/domain/model';
import { BlockSchema } from '../../src/domain/model';

function block(index: number, name: string, range: string): Block {
  return BlockSchema.parse({
    index,
    profile: 'hebei-project',
    sheet: 'S',
    range,
    anchor: range.split(':')[0],
    name: { cell: 'E3', value: name, text: name },
  });
}

const blocks = [block(0, '甲项目', 'A1:G10'), block(1, '乙项目', 'A13:G22')];
const diags: Diagnostic[] = [
  { ruleId: 'plan/final-not-100', severity: 'error', message: '最后一期为90%，应为100%', sheet: 'S', cell: 'E20', block: { index: 1, name: '乙项目', range: 'A13:G22' } },
  { ruleId: 'id/duplicate-project', severity: 'warning', message: '项目名称重复', sheet: 'S', cell: 'E3', block: null, related: ['E15'] },
  {
    ruleId: 'value/percent-notation',
    severity: 'warning',
    message: '指标值“95百分比”写法不规范，应写作“95%”',
    sheet: 'S',
    cell: 'F8',
    block: { index: 0, name: '甲项目', range: 'A1:G10' },
    fix: { cell: 'F8', value: '95%', label: '改为“95%”' },
  },
];

function result(over: Partial<FileResult> = {}): FileResult {
  return {
    input: { path: '/x/a.xlsx', display: 'a.xlsx', rel: 'a.xlsx' },
    error: null,
    year: 2025,
    blocks,
    sheets: [{ name: 'S', blockCount: 2 }, { name: 'Sheet2', blockCount: 0, note: '未找到可识别的绩效目标表' }],
    diagnostics: sortDiagnostics(diags),
    ...over,
  };
}

describe('toReportFile / ReportSchema', () => {
  test('block references become 1-based positions; absent related/fix become [] / null', () => {
    const f = toReportFile(result());
    expect(f.blocks.map((b) => [b.index, b.name])).toEqual([
      [1, '甲项目'],
      [2, '乙项目'],
    ]);
    const byRule = Object.fromEntries(f.diagnostics.map((d) => [d.ruleId, d]));
    expect(byRule['plan/final-not-100'].block).toBe(2);
    expect(byRule['value/percent-notation'].block).toBe(1);
    expect(byRule['id/duplicate-project'].block).toBeNull();
    expect(byRule['plan/final-not-100'].related).toEqual([]);
    expect(byRule['plan/final-not-100'].fix).toBeNull();
    expect(byRule['value/percent-notation'].fix).toMatchObject({ cell: 'F8', value: '95%' });
    const report = { files: [f], summary: { files: 1, errors: 1, warnings: 2, infos: 0 } };
    expect(ReportSchema.safeParse(report).success).toBe(true);
  });

  test('sortDiagnostics: workbook-level first, then by block, then by cell', () => {
    expect(sortDiagnostics(diags).map((d) => d.cell)).toEqual(['E3', 'F8', 'E20']);
  });

  test('the schema rejects extra keys, missing keys and references outside the blocks', () => {
    const good = { files: [toReportFile(result())], summary: { files: 1, errors: 1, warnings: 2, infos: 0 } };
    const clone = (): typeof good => JSON.parse(JSON.stringify(good));
    expect(ReportSchema.safeParse(clone()).success).toBe(true);
    const extra = clone() as unknown as { files: Record<string, unknown>[] };
    extra.files[0].extra = 1;
    expect(ReportSchema.safeParse(extra).success).toBe(false);
    const noSummary = clone() as Partial<typeof good>;
    delete noSummary.summary;
    expect(ReportSchema.safeParse(noSummary).success).toBe(false);
    const outside = clone();
    outside.files[0].diagnostics[0].block = 3;
    expect(ReportSchema.safeParse(outside).success).toBe(false);
    const badIndex = clone();
    badIndex.files[0].blocks[1].index = 5;
    expect(ReportSchema.safeParse(badIndex).success).toBe(false);
    const badCell = clone();
    badCell.files[0].diagnostics[0].cell = 'not a cell';
    expect(ReportSchema.safeParse(badCell).success).toBe(false);
  });
});

describe('stylish', () => {
  test('per file, per block, per cell; workbook-level first; sheets without a table said plainly', () => {
    const text = formatFile(result(), makeColors(false));
    const lines = text.split('\n');
    expect(lines[0]).toBe('a.xlsx（预算年度 2025，2 个项目）');
    const at = (s: string): number => lines.findIndex((l) => l.includes(s));
    expect(at('整个工作簿')).toBeLessThan(at('#1 甲项目'));
    expect(at('#1 甲项目')).toBeLessThan(at('F8'));
    expect(at('F8')).toBeLessThan(at('#2 乙项目'));
    expect(at('#2 乙项目')).toBeLessThan(at('E20'));
    expect(lines[at('F8')]).toMatch(/F8\s+警告\s+指标值“95百分比”写法不规范，应写作“95%”\s+value\/percent-notation/);
    expect(lines[at('F8') + 1]).toContain('修复建议：改为“95%”');
    expect(lines[at('E3') + 1]).toContain('相关单元格：E15');
    expect(text).toContain('工作表“Sheet2”：未找到可识别的绩效目标表\n');
    expect(text).toContain('1 个错误，2 个警告，0 个提示');
    expect(text).not.toContain('\u001b[');
  });

  test('colours only when asked', () => {
    const coloured = formatFile(result(), makeColors(true));
    expect(coloured).toContain('\u001b[31m错误');
    expect(stripAnsi(coloured)).toBe(formatFile(result(), makeColors(false)));
  });

  test('an unreadable file, a clean file, a file without tables', () => {
    const c = makeColors(false);
    expect(formatFile(result({ error: '“a.xlsx”不是有效的 .xlsx 文件', blocks: [], diagnostics: [] }), c)).toContain('✖ 无法读取：“a.xlsx”不是有效的 .xlsx 文件');
    expect(formatFile(result({ diagnostics: [] }), c)).toContain('✔ 未发现问题');
    const none = formatFile(result({ blocks: [], diagnostics: [], sheets: [{ name: 'Sheet1', blockCount: 0, note: '工作表为空' }] }), c);
    expect(none).toContain('工作表“Sheet1”：未找到可识别的绩效目标表（工作表为空）');
    expect(none).not.toContain('未发现问题');
    expect(formatFile(result({ year: null }), c)).toContain('未识别预算年度，年度规则未检查；可用 --year 指定');
  });

  test('noTableLine keeps other remarks only', () => {
    expect(noTableLine('S', '隐藏的工作表；未找到可识别的绩效目标表')).toBe('工作表“S”：未找到可识别的绩效目标表（隐藏的工作表）');
    expect(noTableLine('S')).toBe('工作表“S”：未找到可识别的绩效目标表');
    expect(noTableLine('汇总', '这是项目汇总表，不是项目绩效目标表')).toBe('工作表“汇总”：这是项目汇总表，不是项目绩效目标表');
    expect(noTableLine('部门', '隐藏的工作表；这是部门整体绩效目标表，不是项目绩效目标表：不检查')).toBe(
      '工作表“部门”：隐藏的工作表；这是部门整体绩效目标表，不是项目绩效目标表：不检查',
    );
  });

  test('summary line', () => {
    const c = makeColors(false);
    expect(formatSummary({ files: 3, errors: 12, warnings: 5, infos: 0 }, 0, c)).toBe('✖ 3 个文件：12 个错误，5 个警告，0 个提示\n');
    expect(formatSummary({ files: 2, errors: 0, warnings: 1, infos: 0 }, 0, c)).toMatch(/^⚠ /);
    expect(formatSummary({ files: 2, errors: 0, warnings: 0, infos: 0 }, 0, c)).toMatch(/^✔ /);
    expect(formatSummary({ files: 2, errors: 0, warnings: 0, infos: 0 }, 1, c)).toBe('✖ 2 个文件：0 个错误，0 个警告，0 个提示；1 个文件无法读取\n');
  });
});
