/**
 * `jxmb check --format html`: one self-contained page for the whole run. The page itself is tested
 * here as text (structure, escaping of hostile names and cell text, nothing from outside); in
 * Chromium by html-report.chromium.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import { escapeHtml, formatHtml, worstProblems, type HtmlFile } from '../../src/cli/html';
import { fixture } from '../helpers/fixtures';
import { HOSTILE_NAME, hostileWorkbook } from '../helpers/report';
import { run, tmpDir } from './helpers';

jest.setTimeout(60_000);

describe('the html report', () => {
  let dir: string;
  let html: string;
  let stdout: string;
  let code: number;

  beforeAll(async () => {
    dir = tmpDir('jxmb-html-');
    const src = path.join(dir, 'in');
    fs.mkdirSync(src);
    fs.copyFileSync(fixture('hebei-2021-anshan.xlsx'), path.join(src, 'anshan.xlsx'));
    await hostileWorkbook(path.join(src, '张二庄.xlsx'));
    fs.writeFileSync(path.join(src, HOSTILE_NAME), 'not a workbook');
    const r = await run(['check', '--format', 'html', '-o', path.join(dir, 'report', '检查报告.html'), src], { cwd: dir });
    code = r.code;
    stdout = r.stdout;
    html = fs.readFileSync(path.join(dir, 'report', '检查报告.html'), 'utf8');
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('-o writes the page; the terminal gets where it is and the summary line; the exit code is the usual one', () => {
    expect(code).toBe(2); // an unreadable file among them
    expect(stdout).toBe(`报告已写入 ${path.join('report', '检查报告.html')}\n✖ 3 个文件：${/(\d+) 个错误/.exec(stdout)![1]} 个错误，${/(\d+) 个警告/.exec(stdout)![1]} 个警告，0 个提示；1 个文件无法读取\n`);
  });

  it('is one zh-CN page with inline CSS and nothing from outside: no script, no link, no image, no url()', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<object|<embed|<style[^>]*src|@import|url\(|https?:/i);
    expect(html).toContain('@media print');
  });

  it('escapes every name and text taken from the files', () => {
    expect(html).toContain(escapeHtml(HOSTILE_NAME));
    expect(html).toContain('&lt;script&gt;alert(&quot;项目&quot;)&lt;/script&gt;村办公经费');
    expect(html).not.toContain('<b>覆盖村数');
    expect(html).toContain('&lt;b&gt;覆盖村数&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;iframe');
  });

  it('starts with the summary of every file (counts by severity, the worst problems), then one section per file', () => {
    const summary = html.slice(html.indexOf('<table class="summary">'), html.indexOf('</table>', html.indexOf('<table class="summary">')));
    expect(summary.match(/<tr>/g)).toHaveLength(1 + 3);
    expect(summary).toMatch(/anshan\.xlsx<\/a><div class="muted">Excel 工作簿<\/div><\/td><td>2021<\/td><td class="num">17<\/td>/);
    expect(summary).toMatch(/无法读取：/);
    expect(summary).toMatch(/<ul class="worst"><li><span class="sev error">错误<\/span>/);
    expect(html.indexOf('<table class="summary">')).toBeLessThan(html.indexOf('<section class="file">'));
    expect(html.match(/<section class="file">/g)).toHaveLength(3);
  });

  it('groups a file’s problems by project, each with its cell, message and suggested fix', () => {
    const anshan = html.slice(html.indexOf('anshan.xlsx</h2>'));
    expect(anshan).toMatch(/<h3>#1 镇街改革补贴项目 <span class="muted">工作表“项目绩效目标”A3:G20<\/span><\/h3>/);
    expect(anshan).toMatch(/<td class="cell">F13<\/td><td><span class="sev warning">警告<\/span><\/td><td class="msg">指标值“100百分比”写法不规范，应写作“100%”<\/td><td><span class="fix">[^<]*100%[^<]*<\/span><\/td><td class="rule">value\/percent-notation<\/td>/);
  });

  it('without -o the page goes to stdout', async () => {
    const r = await run(['check', '--format', 'html', fixture('hebei-2025-zhangerzhuang.xlsx')]);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(r.stdout.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('-o works for the other formats too, and refuses a folder', async () => {
    const r = await run(['check', '--format', 'json', '-o', path.join(dir, 'r.json'), fixture('hebei-2025-zhangerzhuang.xlsx')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8')).summary.files).toBe(1);
    const bad = await run(['check', '--format', 'html', '-o', dir, fixture('hebei-2025-zhangerzhuang.xlsx')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--output 应为文件/);
    const fmt = await run(['check', '--format', 'pdf', fixture('hebei-2025-zhangerzhuang.xlsx')]);
    expect(fmt.stderr).toMatch(/stylish、json 或 html/);
  });
});

describe('worstProblems / formatHtml', () => {
  const file = (diags: [string, 'error' | 'warning' | 'info'][]): HtmlFile => ({
    file: 'a.xlsx',
    error: null,
    year: 2025,
    blocks: [{ index: 1, sheet: 'S', name: '项目', range: 'A1:G20', profile: 'hebei-project' }],
    diagnostics: diags.map(([ruleId, severity]) => ({ ruleId, severity, message: 'm', sheet: 'S', cell: 'A1', block: 1, related: [], fix: null })),
    noTables: [],
  });

  it('ranks by severity, then by how often', () => {
    const w = worstProblems(file([
      ['value/missing-unit', 'warning'],
      ['value/missing-unit', 'warning'],
      ['plan/final-not-100', 'error'],
      ['value/percent-notation', 'warning'],
      ['plan/behind-schedule', 'info'],
    ]));
    expect(w.map((x) => [x.ruleId, x.count])).toEqual([
      ['plan/final-not-100', 1],
      ['value/missing-unit', 2],
      ['value/percent-notation', 1],
    ]);
    expect(w[0].description).toMatch(/100%/);
  });

  it('a clean file says so; a Word file speaks of tables', () => {
    const page = formatHtml([{ ...file([]), format: 'docx' }], { files: 1, errors: 0, warnings: 0, infos: 0 }, { generated: new Date(2025, 0, 2, 3, 4), version: '1.2.3', paths: ['x'] });
    expect(page).toContain('<span class="ok">未发现问题</span>');
    expect(page).toContain('检查时间 2025-01-02 03:04');
    expect(page).toContain('Word 文档');
    expect(page).toContain('每个表格一个工作表');
  });
});
