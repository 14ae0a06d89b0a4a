import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { SuggestReportSchema } from '../../src/cli/suggest';
import { suggestIndicators } from '../../src/domain/indicators';
import { measureOf } from '../../src/domain/indicators/form';
import { run } from './helpers';

describe('jxmb suggest', () => {
  it('json: exactly {"type","suggestions":[{"name","level1","level2","value","measure","types","score"}]}, the same list the pane ranks', async () => {
    const r = await run(['suggest', '--name', '2021年农村保洁员经费', '--usage', '主要用于保洁员工资发放', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const json: unknown = JSON.parse(r.stdout);
    const report = SuggestReportSchema.parse(json); // strict: no other key
    expect(report.suggestions).toHaveLength(10);
    expect(Object.keys(report)).toEqual(['type', 'suggestions']);
    expect(report.type).toEqual({ id: 'rural-cleaners', name: '农村保洁', by: 'recognised' });
    expect(Object.keys(report.suggestions[0])).toEqual(['name', 'level1', 'level2', 'value', 'measure', 'types', 'score']);
    // the form structured (kind, operator, unit) for a layout that asks them apart
    for (const s of report.suggestions) expect(s.measure).toEqual(measureOf(s.value));
    const same = suggestIndicators({ name: '2021年农村保洁员经费', usage: '主要用于保洁员工资发放' });
    expect(report.suggestions.map((s) => s.name)).toEqual(same.map((s) => s.name));
    for (const s of report.suggestions) {
      expect(s.value).not.toMatch(/\d/);
      expect(s.score).toBeGreaterThan(0);
      expect(s.score).toBeLessThanOrEqual(1);
    }
    expect(report.suggestions.some((s) => s.types.includes('rural-cleaners'))).toBe(true);
  });

  it('--top N and --profile (central-2021 puts 成本指标 as a 一级)', async () => {
    const r = await run(['suggest', '-n', '村级办公经费', '--top', '25', '--profile', 'central-2021', '-f', 'json']);
    const report = SuggestReportSchema.parse(JSON.parse(r.stdout));
    expect(report.suggestions).toHaveLength(25);
    expect(report.suggestions.some((s) => s.level1 === '成本指标')).toBe(true);
    expect(report.suggestions.some((s) => s.level2 === '成本指标')).toBe(false);
  });

  it('text: zh-CN, grouped by 一级 › 二级, each line a name, its form and the fit', async () => {
    const r = await run(['suggest', '--name', '武装工作经费', '--goal', '组织民兵集中训练']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('“武装工作经费”的推荐指标（10 条，按二级指标分组；匹配度 1 为最相符）：');
    expect(lines[1]).toBe('项目类型：武装民兵（由项目名称中的“武装”识别；不对可用 --type 指定）');
    const headings = lines.filter((l) => /^\S+ › \S+$/.test(l));
    expect(headings[0]).toBe('产出指标 › 数量指标');
    expect(headings).toContain('满意度指标 › 服务对象满意度指标');
    expect(r.stdout).toMatch(/^ {2}\S+\s+(≥|≤)?__次\s+\d\.\d\d {2}适用：武装民兵/m);
    expect(r.stdout).toContain('请按本项目的实际填写数字');
    expect(lines.filter((l) => l.startsWith('  '))).toHaveLength(10);
  });

  it('--type picks the type (by id or name; none for no type); the list and the report follow it', async () => {
    const byName = SuggestReportSchema.parse(JSON.parse((await run(['suggest', '-n', '妇联工作经费', '--type', '残疾人补贴', '-f', 'json'])).stdout));
    expect(byName.type).toEqual({ id: 'disability', name: '残疾人补贴', by: 'picked' });
    expect(byName.suggestions.filter((s) => s.types.includes('disability')).length).toBeGreaterThanOrEqual(8);
    const byId = SuggestReportSchema.parse(JSON.parse((await run(['suggest', '-n', '妇联工作经费', '--type', 'disability', '-f', 'json'])).stdout));
    expect(byId).toEqual(byName);
    const none = await run(['suggest', '-n', '妇联工作经费', '--type', 'none']);
    expect(none.stdout.split('\n')[1]).toBe('项目类型：不限（按 --type none）');
    const unknown = await run(['suggest', '-n', '镇街改革补贴项目', '-f', 'json']);
    expect(SuggestReportSchema.parse(JSON.parse(unknown.stdout)).type).toBeNull();
  });

  it.each([
    [['suggest', '--name', 'x', '--type', '无此类型'], /^项目类型“无此类型”不存在：可用 村干部报酬、/],
    [['suggest'], /^jxmb：缺少必需的选项“-n, --name <项目名称>”$/],
    [['suggest', '--name', '  '], /^项目名称为空/],
    [['suggest', '--name', 'x', '--top', '0'], /^推荐条数“0”无效：应为 1 到 200 之间的整数$/],
    [['suggest', '--name', 'x', '--top', '2.5'], /^推荐条数“2.5”无效/],
    [['suggest', '--name', 'x', '--format', 'xml'], /^输出格式“xml”无效：应为 text 或 json$/],
    [['suggest', '--name', 'x', '--profile', 'nope'], /^表格格式“nope”不存在：可用 hebei-project、/],
  ])('%j: one Chinese line, exit 2, nothing on stdout', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });

  it('the built CLI (bin/jxmb.js over lib/) prints the same JSON', () => {
    const root = path.resolve(__dirname, '../..');
    if (!fs.existsSync(path.join(root, 'lib/cli/suggest.js'))) execFileSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'ignore' });
    const out = execFileSync('node', [path.join(root, 'bin/jxmb.js'), 'suggest', '--name', '村级办公经费', '--format', 'json'], { encoding: 'utf8' });
    expect(SuggestReportSchema.parse(JSON.parse(out)).suggestions.map((s) => s.name)).toEqual(suggestIndicators({ name: '村级办公经费' }).map((s) => s.name));
  });
});
