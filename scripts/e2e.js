#!/usr/bin/env node
// End-to-end test of the browser preview (npm run test:e2e): builds the preview (webpack production),
// serves dist-preview on a free localhost port with a tiny static server, and drives it in headless
// Chromium (playwright-core + /usr/bin/chromium, or $CHROMIUM): insert a template, type values, see
// highlights and the list update, click a diagnostic and land on its cell, apply a fix and see it
// cleared, switch a setting. Screenshots go to test-output/screenshots/. Prints `N passed, M failed`
// and exits non-zero on failure. `--no-build` reuses an existing dist-preview.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist-preview');
const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TTI_BUDGET_MS = Number(process.env.JXMB_TTI_BUDGET_MS || 1000);

function build() {
  if (process.argv.includes('--no-build') && fs.existsSync(path.join(DIST, 'index.html'))) return;
  console.log('building the preview (webpack --mode production --env preview)…');
  const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const r = spawnSync(process.execPath, [webpack, '--mode', 'production', '--env', 'preview'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) {
    process.stdout.write(r.stdout || '');
    throw new Error('preview build failed');
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

function serve() {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let file = path.normalize(path.join(DIST, decodeURIComponent(url.pathname)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    fs.readFile(file, (err, data) => {
      if (err) {
        res.writeHead(404).end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(data);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------------------------------------
const results = [];
async function step(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`  ✗ ${name}\n      ${String((e && e.stack) || e).split('\n').slice(0, 4).join('\n      ')}`);
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const pane = (page) => page.locator('[data-testid="taskpane"]');
const items = (page) => pane(page).locator('[aria-label="问题列表"] li');

async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function openTab(page, name) {
  await pane(page).getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** waits until the pane shows a result (the counts line) */
async function waitForResult(page) {
  await page.waitForFunction(() => typeof window.__jxmbReady === 'number', null, { timeout: 15000 });
}

async function ruleCells(page, rule) {
  return items(page).evaluateAll((els, r) => els.filter((e) => e.dataset.rule === r).map((e) => e.dataset.cell), rule);
}

/** the cell of the first diagnostic of `rule` whose message matches */
async function diagnosticWith(page, rule, message) {
  const hits = await items(page).evaluateAll(
    (els, [r, src]) => els.filter((e) => e.dataset.rule === r && new RegExp(src).test(e.textContent)).map((e) => e.dataset.cell),
    [rule, message.source],
  );
  return hits.length ? hits[0].split('!').pop() : undefined;
}

async function waitGone(page, rule, cell) {
  await page.waitForFunction(
    ([r, c]) => ![...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r && e.dataset.cell.endsWith(`!${c}`)),
    [rule, cell],
    { timeout: 5000 },
  );
}

/** selects a cell and types into it through the formula bar, as a user would */
async function typeInto(page, cell, text) {
  await page.locator(`.grid td[data-addr="${cell}"]`).click();
  const bar = page.locator('.formula-bar input');
  await bar.fill(text);
  await bar.press('Enter');
}

function below(addr) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr);
  return `${m[1]}${Number(m[2]) + 1}`;
}

async function main() {
  fs.mkdirSync(SHOTS, { recursive: true });
  build();
  const server = await serve();
  const base = `http://127.0.0.1:${server.address().port}/`;
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // security: the pane makes no request but to its own origin, and the CSP is never violated
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:')) foreign.push(url);
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  console.log(`preview at ${base}`);

  try {
    // 1. a sample workbook: loads, checks, is interactive quickly
    await step('the sample workbook loads and is checked within the time budget', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      const tti = await page.evaluate(() => window.__jxmbReady);
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0];
        return { dcl: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd) };
      });
      console.log(`    time to interactive (first check result shown): ${Math.round(tti)} ms (DOMContentLoaded ${nav.dcl} ms)`);
      assert(tti < TTI_BUDGET_MS, `interactive after ${Math.round(tti)} ms, budget ${TTI_BUDGET_MS} ms`);
      await pane(page).getByText(/错误 \d+ 个，警告 \d+ 个/).waitFor();
      assert((await items(page).count()) > 0, 'the sample workbook shows diagnostics');
      assert((await page.locator('.grid td.filled').count()) > 0, 'flagged cells are filled in the sheet');
      assert((await page.locator('.grid td.noted .note-mark').count()) > 0, 'flagged cells carry a note');
      await shot(page, '01-check-sample');
    });

    await step('the pane fits a 320 px task pane without horizontal scrolling', async () => {
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, w: el.getBoundingClientRect().width }));
      assert(Math.round(o.w) === 320, `pane is ${o.w}px wide`);
      assert(o.sw <= o.cw + 1, `pane content overflows: scrollWidth ${o.sw} > ${o.cw}`);
    });

    await step('clicking a diagnostic lands on its cell', async () => {
      const item = items(page).nth(0);
      const where = await item.getAttribute('data-cell');
      await item.locator('button').first().click();
      const cell = where.split('!').pop();
      await page.waitForFunction((c) => document.querySelector('.formula-bar .addr')?.textContent === c, cell, { timeout: 5000 });
      assert((await page.locator(`.grid td.sel[data-addr="${cell}"]`).count()) === 1, `cell ${cell} is selected in the sheet`);
    });

    await step('selecting a flagged cell in the sheet shows its diagnostics at the top', async () => {
      const where = await items(page).nth(1).getAttribute('data-cell');
      const cell = where.split('!').pop();
      await page.locator(`.grid td[data-addr="${cell}"]`).click();
      const top = pane(page).locator('[data-testid="selection-diagnostics"]');
      await top.waitFor({ timeout: 5000 });
      assert((await top.innerText()).includes(cell), 'the top section names the cell');
      await shot(page, '02-selection');
    });

    await step('“修复全部格式问题” clears the notation problems and nothing else', async () => {
      const safeRules = ['value/percent-notation', 'indicator/alias-name'];
      const count = () => items(page).evaluateAll((els, rules) => els.filter((e) => rules.includes(e.dataset.rule)).length, safeRules);
      const others = () => items(page).evaluateAll((els, rules) => els.filter((e) => !rules.includes(e.dataset.rule)).map((e) => `${e.dataset.rule} ${e.dataset.cell}`).sort().join('|'), safeRules);
      const before = await count();
      assert(before > 0, 'the sample has notation problems');
      const othersBefore = await others();
      const where = (await ruleCells(page, 'value/percent-notation'))[0];
      const button = pane(page).getByRole('button', { name: /^修复全部格式问题（\d+）$/ });
      await button.click();
      await pane(page).getByText(/^已修复 \d+ 处格式问题$/).waitFor({ timeout: 15000 });
      assert((await count()) === 0, 'no notation problem is left');
      assert((await button.count()) === 0, 'the bulk-fix button is gone');
      assert((await others()) === othersBefore, 'the other diagnostics are unchanged');
      if (where) {
        const cell = where.split('!').pop();
        await page.locator(`.grid td[data-addr="${cell}"]`).click();
        await page.waitForFunction((c) => !/百分/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? '百分'), cell, { timeout: 3000 });
      }
      await shot(page, '03-fixed-all');
    });

    // 2. a blank workbook: insert a template, fill it, fix, settings
    await step('insert a template into a blank workbook', async () => {
      await page.goto(`${base}?wb=blank`, { waitUntil: 'load' });
      await waitForResult(page);
      await pane(page).getByText('没有找到绩效目标表').waitFor();
      await openTab(page, '模板');
      await pane(page).getByRole('searchbox').fill('保洁');
      const radio = pane(page).getByRole('radio').first();
      await radio.check();
      await pane(page).locator('input[name="name"]').fill('农村保洁员经费');
      await pane(page).locator('input[name="budget"]').fill('二十');
      await pane(page).getByText(/预算数“二十”不是数字/).waitFor({ timeout: 3000 });
      await shot(page, '04-template-form-error');
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      assert(o.sw <= o.cw + 1, `the template form overflows the 320 px pane: ${o.sw} > ${o.cw}`);
      await pane(page).locator('input[name="budget"]').fill('12.5');
      await pane(page).locator('input[name="year"]').fill('2025');
      await pane(page).getByRole('button', { name: '插入模板' }).click();
      await pane(page).getByText(/插入模板，请补全空白单元格/).waitFor({ timeout: 5000 });
      await page.locator('.grid td .cell-text', { hasText: /^农村保洁员经费$/ }).first().waitFor({ timeout: 3000 });
      const texts = await page.locator('.grid td .cell-text').allInnerTexts();
      assert(texts.some((t) => t.replace(/\s/g, '') === '项目编码'), 'the 项目编码 label is in the sheet');
      await shot(page, '05-template-inserted');
    });

    await step('the inserted block is checked: blanks are flagged and highlighted', async () => {
      await openTab(page, '检查');
      await pane(page).getByText(/错误 \d+ 个/).waitFor();
      const goal = await diagnosticWith(page, 'table/missing-field', /绩效目标/);
      assert(goal, 'the blank 绩效目标 is reported (table/missing-field)');
      await page.waitForSelector(`.grid td.filled.noted[data-addr="${goal}"]`, { timeout: 5000 });
      assert((await items(page).count()) >= 3, 'several blanks are listed');
      await shot(page, '06-check-inserted');
    });

    await step('typing values in the sheet updates the list and the highlights', async () => {
      const goal = await diagnosticWith(page, 'table/missing-field', /绩效目标/);
      await typeInto(page, goal, '保障农村保洁员工资按时足额发放，村庄环境整洁');
      await waitGone(page, 'table/missing-field', goal);
      await page.waitForSelector(`.grid td[data-addr="${goal}"]:not(.filled):not(.noted)`, { timeout: 5000 });
      // the last plan checkpoint: the cell under the 12月底 header
      const head = await page.locator('.grid td', { hasText: /^12月底$/ }).first().getAttribute('data-addr');
      const last = below(head);
      await typeInto(page, last, '100%');
      await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === 'plan/blank-checkpoint'), null, { timeout: 5000 });
      await page.waitForFunction((c) => /^100(\.0+)?%$/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? ''), last, { timeout: 3000 });
      await shot(page, '07-typed-values');
    });

    await step('clicking a diagnostic lands on its cell; its fix clears it', async () => {
      const cells = await ruleCells(page, 'plan/blank-checkpoint');
      assert(cells.length > 0, 'blank checkpoints are reported');
      const where = cells[cells.length - 1];
      const cell = where.split('!').pop();
      const item = items(page).and(page.locator(`[data-rule="plan/blank-checkpoint"][data-cell="${where}"]`));
      await item.locator('button').first().click();
      await page.waitForFunction((c) => document.querySelector('.formula-bar .addr')?.textContent === c, cell, { timeout: 5000 });
      assert((await page.locator(`.grid td.sel[data-addr="${cell}"]`).count()) === 1, `cell ${cell} is selected`);
      await shot(page, '08-before-fix');
      await item.getByRole('button', { name: /修复/ }).click();
      await waitGone(page, 'plan/blank-checkpoint', where.split('!').pop());
      await page
        .waitForFunction((c) => /^0(\.0+)?%$/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? ''), cell, { timeout: 3000 })
        .catch(async () => {
          throw new Error(`the fixed cell reads “${await page.locator(`.grid td[data-addr="${cell}"] .cell-text`).innerText()}”, expected 0%`);
        });
      assert((await page.locator(`.grid td[data-addr="${cell}"].filled`).count()) === 0, 'its highlight is cleared');
      await shot(page, '09-after-fix');
    });

    await step('switching a setting changes the result and is saved in the workbook', async () => {
      const rule = 'id/code-missing';
      assert((await ruleCells(page, rule)).length > 0, `${rule} is reported before`);
      await openTab(page, '设置');
      await pane(page).locator(`select[data-rule="${rule}"]`).selectOption('off');
      await pane(page).getByText('已保存到工作簿').waitFor({ timeout: 5000 });
      await shot(page, '10-settings');
      await openTab(page, '检查');
      await page.waitForFunction((r) => ![...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r), rule, { timeout: 5000 });
      const saved = await page.evaluate(() => window.__jxmbBook.settings.get('jxmb.settings'));
      assert(typeof saved === 'string' && JSON.parse(saved).rules[rule] === 'off', `workbook setting saved: ${saved}`);
    });

    await step('指标库: suggestions for the table the selection is in; 添加 puts the row in its place', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      const nameCell = page.locator('.grid td', { has: page.locator('.cell-text', { hasText: /^镇街改革补贴项目$/ }) }).first();
      await nameCell.click();
      await openTab(page, '指标库');
      await pane(page).getByText('为“镇街改革补贴项目”推荐', { exact: false }).waitFor({ timeout: 5000 });
      assert((await pane(page).getByRole('heading', { level: 3, name: '产出指标 › 数量指标' }).count()) === 1, 'suggestions are grouped by 二级');
      const forms = await pane(page).getByText(/^指标值：/).allInnerTexts();
      assert(forms.length >= 10 && forms.every((t) => !/\d/.test(t)), 'every suggestion shows a value form without numbers');
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      assert(o.sw <= o.cw + 1, `the 指标库 tab overflows the 320 px pane: ${o.sw} > ${o.cw}`);
      await shot(page, '12-indicators');
      const add = pane(page).locator('button[aria-label^="添加："]:not([aria-disabled="true"])').first();
      const label = await add.getAttribute('aria-label');
      const name = /^添加：(.+)（[^（]+）$/.exec(label)[1];
      await add.click();
      await pane(page).getByText(/^已(在第 \d+ 行插入|填入第 \d+ 行的空白指标行)“/).waitFor({ timeout: 5000 });
      await page.locator('.grid td .cell-text', { hasText: new RegExp(`^${name}$`) }).first().waitFor({ timeout: 3000 });
      // re-checked: the table now has it (marked), and its blank value is reported
      await pane(page).locator(`button[aria-label="添加：${name}（表中已有）"]`).waitFor({ timeout: 5000 });
      await shot(page, '13-indicator-added');
    });

    await step('dark theme renders', async () => {
      await page.goto(`${base}?wb=zhangerzhuang&theme=dark`, { waitUntil: 'load' });
      await waitForResult(page);
      const bg = await pane(page).locator('.fui-FluentProvider').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert(r + g + b < 200, `dark pane background, got ${bg}`);
      await shot(page, '11-dark');
    });

    await step('no page errors', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });

    await step('no network requests beyond the page itself, no CSP violations (no eval)', async () => {
      assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
      const violations = await page.evaluate(() => window.__cspViolations);
      assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '');
      assert(/script-src 'self'/.test(csp) && !/unsafe-eval/.test(csp), `CSP without eval, got: ${csp}`);
    });
  } finally {
    await browser.close();
    server.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${path.relative(ROOT, SHOTS)}/`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
