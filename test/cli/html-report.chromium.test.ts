/**
 * The html report in a real browser (headless Chromium through playwright-core, the browser CI
 * installs for the end-to-end test; $CHROMIUM names another): opened from disk, it shows the
 * summary and every file's problems, runs nothing, requests nothing, and prints to PDF with one
 * file per page.
 */
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { chromium, type Browser } from 'playwright-core';
import { fixture } from '../helpers/fixtures';
import { gridToDocx } from '../helpers/formats';
import { readWorkbookFile } from '../../src/files/read';
import { run, tmpDir } from './helpers';
import { HOSTILE_NAME, hostileWorkbook } from '../helpers/report';

jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let dir: string;
let report: string;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`需要 Chromium（${CHROMIUM}）：CI 会安装；本机可 apt-get install chromium，或用 CHROMIUM 指定路径`);
  dir = tmpDir('jxmb-html-browser-');
  const src = path.join(dir, '各乡镇报送');
  fs.mkdirSync(src);
  fs.copyFileSync(fixture('hebei-2021-anshan.xlsx'), path.join(src, '安山镇.xlsx'));
  await hostileWorkbook(path.join(src, '张二庄.xlsx'));
  fs.writeFileSync(path.join(src, '浩门镇.docx'), await gridToDocx(await readWorkbookFile(fixture('disclosure-2023-haomen.xlsx'))));
  fs.writeFileSync(path.join(src, HOSTILE_NAME), 'not a workbook');
  report = path.join(dir, '检查报告.html');
  const r = await run(['check', '--format', 'html', '-o', report, src]);
  expect(r.code).toBe(2);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

it('opens offline: shows the summary and every file, runs nothing, requests nothing but itself', async () => {
  const context = await browser.newContext({ offline: true, javaScriptEnabled: true });
  const page = await context.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused/i.test(m.text())) violations.push(m.text());
  });
  const url = pathToFileURL(report).href;
  await page.goto(url);
  await page.waitForLoadState('load');

  await expect(page.locator('h1').textContent()).resolves.toBe('绩效目标表检查报告');
  await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
  // the summary: one row per file, in the order checked, with counts and the worst problems
  const rows = page.locator('table.summary tbody tr');
  await expect(rows.count()).resolves.toBe(4);
  const summaryText = await page.locator('table.summary').innerText();
  expect(summaryText).toContain(HOSTILE_NAME);
  expect(summaryText).toMatch(/安山镇\.xlsx\s+Excel 工作簿\s+2021\s+17/);
  // the 公开表's department and unit rows are no projects: 28, not 30
  expect(summaryText).toMatch(/浩门镇\.docx\s+Word 文档\s+2023\s+28/);
  expect(summaryText).toContain('缺少必填的一级指标');
  // a file's section: its problems grouped by project with the cell and the fix
  const anshan = page.locator('section.file', { has: page.locator('h2', { hasText: '安山镇.xlsx' }) });
  await expect(anshan.locator('h3').first().innerText()).resolves.toMatch(/^#1 镇街改革补贴项目 工作表“项目绩效目标”A3:G20/);
  const row = anshan.locator('table.problems tr', { hasText: '100百分比' }).first();
  await expect(row.locator('td.cell').innerText()).resolves.toBe('F13');
  await expect(row.locator('.fix').innerText()).resolves.toMatch(/100%/);
  // the summary's links lead to the sections
  await page.locator('table.summary a', { hasText: '浩门镇.docx' }).click();
  expect(page.url()).toMatch(/#f\d$/);
  // hostile names and cell text stayed text
  await expect(page.locator('img, iframe, script, object, embed').count()).resolves.toBe(0);
  await expect(page.getByText('<script>alert("项目")</script>村办公经费', { exact: false }).count()).resolves.toBeGreaterThan(0);
  expect(dialogs).toEqual([]);
  expect(violations).toEqual([]);
  expect(requests).toEqual([url]);
  await context.close();
});

it('prints cleanly: A4 landscape PDF, every file on its own page, table headers repeated, colours kept', async () => {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(report).href);
  await page.emulateMedia({ media: 'print' });
  const styles = await page.evaluate(() => {
    const section = document.querySelector('section.file') as HTMLElement;
    const thead = document.querySelector('table.problems thead') as HTMLElement;
    const badge = document.querySelector('.sev.error') as HTMLElement;
    return {
      breakBefore: getComputedStyle(section).breakBefore,
      thead: getComputedStyle(thead).display,
      badge: getComputedStyle(badge).backgroundColor,
      link: getComputedStyle(document.querySelector('a') as HTMLElement).textDecorationLine,
    };
  });
  expect(styles).toEqual({ breakBefore: 'page', thead: 'table-header-group', badge: 'rgb(255, 199, 206)', link: 'none' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
  // the summary, then at least one page per file (4 files)
  expect(pages).toBeGreaterThanOrEqual(5);
  // A4 landscape: 842 × 595 points
  const box = /\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(pdf.toString('latin1'));
  expect(box).not.toBeNull();
  expect([Math.round(Number(box![1])), Math.round(Number(box![2]))]).toEqual([842, 595]);
  await page.close();
});
