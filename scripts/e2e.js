#!/usr/bin/env node
// End-to-end test of the browser preview (npm run test:e2e): builds the preview (webpack production),
// serves dist-preview on a free localhost port and drives it in headless Chromium (playwright-core +
// /usr/bin/chromium, or $CHROMIUM; scripts/preview-harness.js): insert a template, type values, see
// the marks and the list update, click a diagnostic and land on its cell, apply a fix and see it
// cleared, insert a row above the marked block and sort a range (the sheet's 插入行 and 排序) and
// see the marks sit on the flagged cells, switch a setting; the same again with the keyboard only;
// axe-core on every tab in light and dark. Screenshots go to test-output/screenshots/, and the ones
// the 用户手册 shows (DOC_SHOTS) also to docs/images/, so each run keeps the manual's pictures
// current (commit them when they change). Prints
// `N passed, M failed` and exits non-zero on failure. `--no-build` reuses an existing dist-preview.
//
// Nothing here asserts how long anything takes (CI runs on busy machines): every wait is for a
// condition, and its limit (HANG_MS) only stops a hung run. Speed is `npm run bench`'s business.
//
// Why it is one file: it is one scenario run in order against one page — each step starts where the
// previous one left the sheet and the pane — and its page helpers serve only these steps; what it
// shares with other scripts (build, serve, launch) is scripts/preview-harness.js.
'use strict';
const fs = require('fs');
const path = require('path');
const { ROOT, buildPreview, servePreview, chromiumMissing, launchChromium, waitForReady } = require('./preview-harness');

const SHOTS = path.join(ROOT, 'test-output', 'screenshots');
/** the screenshots docs/用户手册.md shows: e2e name → file in docs/images/ */
const DOC_IMAGES = path.join(ROOT, 'docs', 'images');
const DOC_SHOTS = {
  '01-check-sample': 'check-sample.png',
  '02-selection': 'check-selection.png',
  '04-template-form-error': 'template-form-error.png',
  '05-template-inserted': 'template-inserted.png',
  '08-before-fix': 'fix-before.png',
  '09-after-fix': 'fix-after.png',
  '10-settings': 'settings.png',
  '12-indicators': 'indicators.png',
  '13-indicator-added': 'indicator-added.png',
};
/** stops a hung wait; generous, as a busy machine may be many times slower than an idle one */
const HANG_MS = Number(process.env.JXMB_E2E_HANG_MS || 120_000);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// ---------------------------------------------------------------------------------------------
const results = [];
async function step(name, fn) {
  const t0 = Date.now(); // clock-ok: printed beside the step, never asserted
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`  ✓ ${name} (${Date.now() - t0} ms)`); // clock-ok: printed, never asserted
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
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  if (DOC_SHOTS[name]) fs.copyFileSync(file, path.join(DOC_IMAGES, DOC_SHOTS[name]));
}

async function openTab(page, name) {
  await pane(page).getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** the indicator a 添加 button adds, from its accessible name “添加：名称（二级）” */
const indicatorOf = (label) => /^添加：(.+)（[^（]+）$/.exec(label)[1];

/** waits until the pane shows its first result */
const waitForResult = waitForReady;

async function ruleCells(page, rule) {
  return items(page).evaluateAll((els, r) => els.filter((e) => e.dataset.rule === r).map((e) => e.dataset.cell), rule);
}

/** the cell of the first diagnostic of `rule` whose message matches */
async function diagnosticWith(page, rule, message) {
  const hits = await items(page).evaluateAll(
    // the message only (the line under it is the rule's title, which may name other fields)
    (els, [r, src]) => els.filter((e) => e.dataset.rule === r && new RegExp(src).test(e.querySelector('[data-message]')?.textContent ?? '')).map((e) => e.dataset.cell),
    [rule, message.source],
  );
  return hits.length ? hits[0].split('!').pop() : undefined;
}

async function waitGone(page, rule, cell) {
  await page.waitForFunction(
    ([r, c]) => ![...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r && e.dataset.cell.endsWith(`!${c}`)),
    [rule, cell],
  );
}

/** selects a cell and types into it through the formula bar, as a user would */
async function typeInto(page, cell, text) {
  await page.locator(`.grid td[data-addr="${cell}"]`).click();
  const bar = page.locator('.formula-bar input');
  await bar.fill(text);
  await bar.press('Enter');
}

/**
 * The marks on screen (cells drawn by a conditional format) are exactly the cells the problem list
 * names on the sheet shown — waits until they are (a pass runs after each action).
 */
async function marksMatchList(page) {
  await page
    .waitForFunction(
      () => {
        const sheet = document.querySelector('.sheet-tabs button.active')?.textContent;
        const listed = new Set(
          [...document.querySelectorAll('[aria-label="问题列表"] li')]
            .map((e) => e.dataset.cell || '')
            .filter((c) => c.startsWith(`${sheet}!`))
            .map((c) => c.split('!').pop().split(':')[0]),
        );
        const marked = new Set([...document.querySelectorAll('.grid td[data-cf-fill]')].map((td) => td.dataset.addr));
        return listed.size > 0 && listed.size === marked.size && [...listed].every((c) => marked.has(c));
      },
      null,
    )
    .catch(async () => {
      const marked = await page.locator('.grid td[data-cf-fill]').evaluateAll((tds) => tds.map((td) => td.dataset.addr).join(' '));
      throw new Error(`the marks on screen (${marked}) are not the cells the list names`);
    });
}

async function markedCells(page) {
  return page.locator('.grid td[data-cf-fill]').evaluateAll((tds) => tds.map((td) => td.dataset.addr).sort());
}

/**
 * The cells' own formats on the sheet shown, read from the workbook behind the preview: address →
 * everything of the cell but its value (fill, font, borders, number format, alignment, protection).
 */
async function ownFormats(page) {
  return page.evaluate(() => {
    const wb = window.__jxmbBook;
    const sheet = wb.sheets.find((s) => s.id === wb.activeSheetId);
    const used = sheet.usedRange(false);
    const out = {};
    if (!used) return out;
    const col = (c) => {
      let n = '';
      for (let x = c + 1; x > 0; x = Math.floor((x - 1) / 26)) n = String.fromCharCode(65 + ((x - 1) % 26)) + n;
      return n;
    };
    for (let r = used.top; r <= used.bottom; r++)
      for (let c = used.left; c <= used.right; c++) {
        const cell = sheet.peek(r, c);
        if (!cell) continue;
        const format = { ...cell };
        delete format.value;
        delete format.formula;
        out[`${col(c)}${r + 1}`] = JSON.stringify(format);
      }
    return out;
  });
}

/**
 * What the sheet shows is drawn faithfully: a cell a conditional format marks shows the mark's fill
 * over its own; every other cell shows its own fill (or none) — the marks never became the cells' own.
 */
async function screenShowsFormats(page) {
  const wrong = await page.evaluate(() => {
    const wb = window.__jxmbBook;
    const sheet = wb.sheets.find((s) => s.id === wb.activeSheetId);
    const rgb = (hex) => {
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.fillStyle = hex;
      const v = ctx.fillStyle; // #rrggbb
      return `rgb(${parseInt(v.slice(1, 3), 16)}, ${parseInt(v.slice(3, 5), 16)}, ${parseInt(v.slice(5, 7), 16)})`;
    };
    const out = [];
    for (const td of document.querySelectorAll('.grid td[data-addr]')) {
      const m = /^([A-Z]+)(\d+)$/.exec(td.dataset.addr);
      let c = 0;
      for (const ch of m[1]) c = c * 26 + ch.charCodeAt(0) - 64;
      const own = sheet.peek(Number(m[2]) - 1, c - 1)?.fill;
      const bg = getComputedStyle(td).backgroundColor;
      const want = td.dataset.cfFill ? rgb(td.dataset.cfFill) : own && own.pattern !== 'None' && own.color ? rgb(own.color) : null;
      if (want ? bg !== want : bg !== 'rgba(0, 0, 0, 0)') out.push(`${td.dataset.addr} shows ${bg}, expected ${want ?? 'no fill'}`);
    }
    return out;
  });
  assert(wrong.length === 0, `the sheet does not show the formats: ${wrong.slice(0, 5).join('; ')}`);
}

/** 1-based column number of an address */
function colOf(addr) {
  let c = 0;
  for (const ch of /^[A-Z]+/.exec(addr)[0]) c = c * 26 + ch.charCodeAt(0) - 64;
  return c;
}

function rowOf(addr) {
  return Number(/\d+$/.exec(addr)[0]);
}

function shiftRow(addr, by) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr);
  return `${m[1]}${Number(m[2]) + by}`;
}

function below(addr) {
  const m = /^([A-Z]+)(\d+)$/.exec(addr);
  return `${m[1]}${Number(m[2]) + 1}`;
}

// ---------------------------------------------------------------------------------------------
// accessibility: axe-core in the page

/**
 * Violations that stay, each listed in docs/accessibility.md with why. Matched per node, so a
 * new node of the same rule still fails.
 */
const AXE_EXCEPTIONS = [
  {
    rule: 'aria-hidden-focus',
    // Fluent UI's focus manager (tabster) puts an aria-hidden, tabindex=0 guard element at each end of
    // an arrow-key group (the tab list); it hands focus on at once and is never a tab stop — the
    // keyboard steps below assert that. By design upstream: microsoft/fluentui#27517, tabster#288.
    node: (html) => /^<i [^>]*data-tabster-dummy/.test(html),
  },
];

async function axeCheck(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE_SOURCE);
  const { violations, passes } = await page.evaluate(async () => {
    // the whole page (landmarks are a page matter) but the sheet's cells: the grid stands in for
    // Excel's own and is not the add-in's (thousands of cells would only slow the run down)
    const r = await window.axe.run({ exclude: [['.grid table']] }, { resultTypes: ['violations'] });
    return {
      passes: r.passes.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html })) })),
    };
  });
  const left = [];
  for (const v of violations) {
    const except = AXE_EXCEPTIONS.find((e) => e.rule === v.id);
    const nodes = except ? v.nodes.filter((n) => !except.node(n.html)) : v.nodes;
    if (nodes.length) left.push({ ...v, nodes });
  }
  // serious and critical fail; so do moderate and minor ones, none being listed in docs/accessibility.md
  assert(
    left.length === 0,
    `axe (${label}): ${left.map((v) => `${v.impact} ${v.id} — ${v.help}: ${v.nodes.slice(0, 3).map((n) => `${n.target} ${n.html.slice(0, 120)}`).join(' | ')}`).join('\n')}`,
  );
  console.log(`    axe, ${label}: ${passes} rules pass, no violation`);
}

/** axe on the 模板, 指标库 and 设置 tabs, each once its content is up */
async function axeOtherTabs(page, theme) {
  await openTab(page, '模板');
  await pane(page).getByRole('searchbox').waitFor();
  await axeCheck(page, `模板, ${theme}`);
  await openTab(page, '指标库');
  await pane(page).getByRole('heading', { level: 2 }).first().waitFor();
  await axeCheck(page, `指标库, ${theme}`);
  await openTab(page, '设置');
  await pane(page).locator('select[data-rule]').first().waitFor();
  await axeCheck(page, `设置, ${theme}`);
}

// ---------------------------------------------------------------------------------------------
// keyboard: page.keyboard only, and what has focus

/** what has focus, described from the page */
function focusInfo(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    const paneEl = document.querySelector('[data-testid="taskpane"]');
    const li = el && el.closest('li[data-rule]');
    return {
      inPane: !!(el && paneEl && paneEl.contains(el)),
      tag: el ? el.tagName.toLowerCase() : '',
      role: (el && el.getAttribute('role')) || '',
      name: (el && el.getAttribute('name')) || '',
      type: (el && el.getAttribute('type')) || '',
      dataRule: el && el.dataset ? el.dataset.rule : undefined,
      value: el && 'value' in el ? String(el.value) : '',
      content: el ? (el.textContent || '').trim() : '',
      text: el ? (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : '') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 60) : '',
      dummy: !!(el && el.hasAttribute('data-tabster-dummy')),
      rule: li ? li.dataset.rule : undefined,
      cell: li ? li.dataset.cell : undefined,
      problem: !!(li && el === li.querySelector('button')),
      fix: !!(li && el.tagName === 'BUTTON' && el !== li.querySelector('button')),
      expanded: el ? el.getAttribute('aria-expanded') : null,
      checked: el ? (el.getAttribute('aria-checked') ?? (typeof el.checked === 'boolean' ? String(el.checked) : null)) : null,
      selected: el ? el.getAttribute('aria-selected') : null,
    };
  });
}

function describe(f) {
  return `${f.tag}${f.role ? `[role=${f.role}]` : ''}${f.name ? `[name=${f.name}]` : ''} “${f.text}”`;
}

/**
 * Presses Tab (Shift+Tab when `back`) until `want(focus)` holds; every stop on the way must be a real
 * control (never a focus-guard element) with a visible focus indicator.
 */
async function tabTo(page, want, what, { back = false, max = 400 } = {}) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focusInfo(page);
    assert(!f.dummy, `Tab stopped on a focus guard (${describe(f)})`);
    if (f.inPane) await assertFocusVisible(page);
    if (want(f)) return f;
  }
  throw new Error(`${what}: not reached with ${max} presses of ${back ? 'Shift+Tab' : 'Tab'}`);
}

/**
 * The focused control shows that it has focus: its outline, shadow, borders (its own, or of the
 * pseudo-elements and the two wrappers Fluent draws them on) differ from the same control unfocused.
 */
async function assertFocusVisible(page) {
  const r = await page.evaluate(async () => {
    const el = document.activeElement;
    // a focus indicator may fade in or out: compare the styles once the transitions on the control
    // and its wrappers are over (finite ones only: a busy spinner turns for ever)
    const near = [el, el.parentElement, el.parentElement && el.parentElement.parentElement];
    const settled = () =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect && near.includes(a.effect.target) && a.effect.getTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      );
    const ring = () => {
      const out = [];
      for (let n = el, depth = 0; n && depth < 3; n = n.parentElement, depth++)
        for (const pseudo of [null, '::before', '::after']) {
          const c = getComputedStyle(n, pseudo);
          out.push([c.outlineStyle, c.outlineWidth, c.outlineColor, c.boxShadow, c.borderTopColor, c.borderBottomColor, c.borderBottomWidth, c.transform].join(' '));
        }
      return out.join(' | ');
    };
    await settled();
    const focused = ring();
    el.blur();
    await settled();
    const unfocused = ring();
    el.focus();
    return { same: focused === unfocused, back: document.activeElement === el, what: `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}”` };
  });
  assert(r.back, `focus could not be restored to ${r.what}`);
  assert(!r.same, `no visible focus indicator on ${r.what}`);
}

/**
 * Walks the pane's whole tab order from its selected tab and back to it: every control of the pane is
 * a stop, or one of an arrow-key group (tabs, radio buttons) of which one is a stop; stops follow the
 * document order; each shows focus.
 */
async function walkTabOrder(page, label) {
  let f = await focusPane(page);
  await page.evaluate(() => (window.__stops = [document.activeElement]));
  for (let i = 0; i < 600; i++) {
    await page.keyboard.press('Tab');
    f = await focusInfo(page);
    assert(!f.dummy, `Tab stopped on a focus guard (${describe(f)})`);
    if (!f.inPane) break;
    await assertFocusVisible(page);
    await page.evaluate(() => window.__stops.push(document.activeElement));
  }
  const r = await page.evaluate(() => {
    const paneEl = document.querySelector('[data-testid="taskpane"]');
    const stops = window.__stops;
    const controls = [...paneEl.querySelectorAll('button, input, select, textarea, a[href], [role="tab"], [role="radio"], [role="switch"], [role="combobox"], [tabindex]')].filter(
      (el) => !el.hasAttribute('data-tabster-dummy') && !el.disabled && el.getClientRects().length > 0 && !(el.tabIndex < 0 && !el.closest('[role="tablist"], [role="radiogroup"]')),
    );
    const missing = controls.filter((el) => {
      if (stops.includes(el)) return false;
      const group = el.closest('[role="tablist"], [role="radiogroup"]');
      return !(group && stops.some((s) => group.contains(s)));
    });
    const order = stops.every((s, i) => i === 0 || stops[i - 1].compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    return { stops: stops.length, controls: controls.length, order, missing: missing.map((el) => `${el.tagName.toLowerCase()} “${(el.getAttribute('aria-label') || el.textContent || el.name || '').trim().slice(0, 40)}”`) };
  });
  assert(r.missing.length === 0, `${label}: not reachable with Tab: ${r.missing.join(', ')}`);
  assert(r.order, `${label}: the tab order does not follow the page order`);
  console.log(`    ${label}: ${r.stops} tab stops cover ${r.controls} controls, each shows focus`);
}

/**
 * On a focused Fluent Dropdown: opens it with ArrowDown, moves the active option with the arrow keys
 * to `text`, picks it with Enter; the dropdown closes showing it, focus stays on it.
 */
async function pickOption(page, text) {
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
  const active = () => page.evaluate(() => document.getElementById(document.activeElement.getAttribute('aria-activedescendant') || '')?.textContent.trim() ?? '');
  const count = await page.evaluate(() => document.querySelectorAll('[role="option"]').length);
  for (let i = 0; i < 2 * count && (await active()) !== text; i++) await page.keyboard.press(i < count ? 'ArrowDown' : 'ArrowUp');
  assert((await active()) === text, `option “${text}” reached with the arrow keys`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((v) => document.activeElement?.getAttribute('aria-expanded') === 'false' && document.activeElement.textContent.trim() === v, text);
}

/** F6, the preview's key (as in Excel) between the sheet and the task pane: focus on the selected tab */
async function focusPane(page) {
  await page.locator('.grid').waitFor();
  if ((await focusInfo(page)).inPane) {
    await page.keyboard.press('F6'); // out to the sheet first
    await page.waitForFunction(() => document.activeElement?.classList.contains('grid'));
    await assertFocusVisible(page);
  }
  await page.keyboard.press('F6');
  const f = await focusInfo(page);
  assert(f.inPane && f.role === 'tab' && f.selected === 'true', `F6 puts focus on the pane's selected tab, got ${describe(f)}`);
  await assertFocusVisible(page);
  return f;
}

/** moves along the tab list with the arrow keys to `name` and selects it with Enter */
async function keyboardTab(page, name) {
  let f = await focusPane(page);
  const tabs = await pane(page).getByRole('tab').allInnerTexts();
  const from = tabs.findIndex((t) => t.trim() === f.text);
  const to = tabs.findIndex((t) => t.trim().startsWith(name));
  for (let i = 0; i < Math.abs(to - from); i++) {
    await page.keyboard.press(to > from ? 'ArrowRight' : 'ArrowLeft');
    f = await focusInfo(page);
    await assertFocusVisible(page);
  }
  assert(f.text.startsWith(name), `the tab ${name} is reached with the arrow keys, got ${describe(f)}`);
  await page.keyboard.press('Enter');
  await page.waitForFunction((n) => document.activeElement?.getAttribute('aria-selected') === 'true' && document.activeElement.textContent.startsWith(n), name);
}

async function main() {
  const missing = chromiumMissing();
  if (missing) throw new Error(`the browser end-to-end test needs Chromium: ${missing}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.mkdirSync(DOC_IMAGES, { recursive: true });
  buildPreview({ reuse: process.argv.includes('--no-build') });
  const { server, base } = await servePreview();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', reducedMotion: 'reduce' });
  page.setDefaultTimeout(HANG_MS);
  page.setDefaultNavigationTimeout(HANG_MS);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // security: the pane makes no request but to its own origin, and the CSP is never violated (on
  // any of the pages loaded: the violations are reported to the test as they happen)
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:')) foreign.push(url);
  });
  const cspViolations = [];
  await page.exposeFunction('__jxmbCspViolation', (v) => cspViolations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => window.__jxmbCspViolation(`${e.violatedDirective}: ${e.blockedURI}`));
  });
  console.log(`preview at ${base}`);

  try {
    // 1. a sample workbook: loads and is checked
    await step('the sample workbook loads and is checked', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      await pane(page).getByText(/错误 \d+ 个，警告 \d+ 个/).waitFor();
      assert((await items(page).count()) > 0, 'the sample workbook shows diagnostics');
      assert((await page.locator('.grid td.cf').count()) > 0, 'flagged cells are marked in the sheet');
      await marksMatchList(page);
      await screenShowsFormats(page);
      await shot(page, '01-check-sample');
    });

    await step('the pane fits a 320 px task pane without horizontal scrolling', async () => {
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, w: el.getBoundingClientRect().width }));
      assert(Math.round(o.w) === 320, `pane is ${o.w}px wide`);
      assert(o.sw <= o.cw + 1, `pane content overflows: scrollWidth ${o.sw} > ${o.cw}`);
    });

    await step('axe: the 检查 tab with its problem list and fix buttons (light)', async () => {
      assert((await pane(page).locator('[aria-label="问题列表"] li button', { hasText: /^修复：/ }).count()) > 0, 'fix buttons are showing');
      await axeCheck(page, '检查, light, problems and fixes');
    });

    await step('clicking a diagnostic lands on its cell', async () => {
      const item = items(page).nth(0);
      const where = await item.getAttribute('data-cell');
      await item.locator('button').first().click();
      const cell = where.split('!').pop();
      await page.waitForFunction((c) => document.querySelector('.formula-bar .addr')?.textContent === c, cell);
      assert((await page.locator(`.grid td.sel[data-addr="${cell}"]`).count()) === 1, `cell ${cell} is selected in the sheet`);
    });

    await step('selecting a flagged cell in the sheet shows its diagnostics at the top', async () => {
      const where = await items(page).nth(1).getAttribute('data-cell');
      const cell = where.split('!').pop();
      await page.locator(`.grid td[data-addr="${cell}"]`).click();
      const top = pane(page).locator('[data-testid="selection-diagnostics"]');
      await top.waitFor();
      assert((await top.innerText()).includes(cell), 'the top section names the cell');
      await shot(page, '02-selection');
      await axeCheck(page, '检查, light, the selected cell’s problems on top');
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
      await pane(page).getByText(/^已修复 \d+ 处格式问题$/).waitFor();
      assert((await count()) === 0, 'no notation problem is left');
      assert((await button.count()) === 0, 'the bulk-fix button is gone');
      assert((await others()) === othersBefore, 'the other diagnostics are unchanged');
      if (where) {
        const cell = where.split('!').pop();
        await page.locator(`.grid td[data-addr="${cell}"]`).click();
        await page.waitForFunction((c) => !/百分/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? '百分'), cell);
      }
      await shot(page, '03-fixed-all');
    });

    await step('axe: the 模板, 指标库 and 设置 tabs (light)', async () => {
      await axeOtherTabs(page, 'light');
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
      await pane(page).getByText(/预算数“二十”不是数字/).waitFor();
      await shot(page, '04-template-form-error');
      await axeCheck(page, '模板, light, a field in error');
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      assert(o.sw <= o.cw + 1, `the template form overflows the 320 px pane: ${o.sw} > ${o.cw}`);
      await pane(page).locator('input[name="budget"]').fill('12.5');
      await pane(page).locator('input[name="year"]').fill('2025');
      await pane(page).getByRole('button', { name: '插入模板' }).click();
      await pane(page).getByText(/插入模板，请补全空白单元格/).waitFor();
      await page.locator('.grid td .cell-text', { hasText: /^农村保洁员经费$/ }).first().waitFor();
      const texts = await page.locator('.grid td .cell-text').allInnerTexts();
      assert(texts.some((t) => t.replace(/\s/g, '') === '项目编码'), 'the 项目编码 label is in the sheet');
      await shot(page, '05-template-inserted');
    });

    await step('the inserted block is checked: blanks are flagged and marked', async () => {
      await openTab(page, '检查');
      await pane(page).getByText(/错误 \d+ 个/).waitFor();
      const goal = await diagnosticWith(page, 'table/missing-field', /绩效目标/);
      assert(goal, 'the blank 绩效目标 is reported (table/missing-field)');
      await page.waitForSelector(`.grid td.cf[data-addr="${goal}"]`);
      await marksMatchList(page);
      assert((await items(page).count()) >= 3, 'several blanks are listed');
      await shot(page, '06-check-inserted');
    });

    await step('typing values in the sheet updates the list and the marks', async () => {
      const goal = await diagnosticWith(page, 'table/missing-field', /绩效目标/);
      await typeInto(page, goal, '保障农村保洁员工资按时足额发放，村庄环境整洁');
      await waitGone(page, 'table/missing-field', goal);
      await page.waitForSelector(`.grid td[data-addr="${goal}"]:not(.cf)`);
      // the last plan checkpoint: the cell under the 12月底 header
      const head = await page.locator('.grid td', { hasText: /^12月底$/ }).first().getAttribute('data-addr');
      const last = below(head);
      await typeInto(page, last, '100%');
      await page.waitForFunction(() => [...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === 'plan/blank-checkpoint'));
      await page.waitForFunction((c) => /^100(\.0+)?%$/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? ''), last);
      await shot(page, '07-typed-values');
    });

    await step('one piece of advice per cell: a bare rate, a bare satisfaction value and a date typed into the sheet', async () => {
      const addrOf = async (text) => page.locator('.grid td', { hasText: new RegExp(`^${text}$`) }).first().getAttribute('data-addr');
      const valueCol = (await addrOf('指标值')).replace(/\d+/g, '');
      const valueCellOf = async (name) => `${valueCol}${(await addrOf(name)).replace(/[A-Z]+/g, '')}`;
      const adviceAt = (cell) =>
        items(page).evaluateAll((els, c) => els.filter((e) => e.dataset.cell.endsWith(`!${c}`)).map((e) => ({ rule: e.dataset.rule, text: e.textContent })), cell);
      const rate = await valueCellOf('村庄保洁覆盖率');
      const sat = await valueCellOf('村民满意度');
      const count = await valueCellOf('保洁员人数');
      await typeInto(page, rate, '95');
      await typeInto(page, sat, '95');
      await typeInto(page, count, '2024年11月30日');
      await page.waitForFunction(
        ([a, b]) => ['value/rate-without-percent', 'value/satisfaction'].every((r, i) => [...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r && e.dataset.cell.endsWith(`!${[a, b][i]}`))),
        [rate, sat],
      );
      const atRate = await adviceAt(rate);
      assert(atRate.length === 1 && atRate[0].rule === 'value/rate-without-percent' && /如“95%”/.test(atRate[0].text), `the bare rate gets one piece of advice, “95%”: ${JSON.stringify(atRate)}`);
      assert(/修复：改为“95%”/.test(atRate[0].text), 'the bare rate offers the fix “95%”');
      assert(/比率指标的指标值缺少百分号/.test(atRate[0].text), 'the second line is the rule’s Chinese title');
      const atSat = await adviceAt(sat);
      assert(atSat.length === 1 && atSat[0].rule === 'value/satisfaction' && /应写作百分比/.test(atSat[0].text) && !/个/.test(atSat[0].text), `the bare satisfaction value is told only to be a percentage: ${JSON.stringify(atSat)}`);
      const atCount = await adviceAt(count);
      assert(!atCount.some((d) => /只有数字/.test(d.text)), `a date is not told it is only a number: ${JSON.stringify(atCount)}`);
      await shot(page, '07b-one-advice-per-cell');
      // leave the sheet as the next steps expect it: the three values blank again
      for (const c of [rate, sat, count]) await typeInto(page, c, '');
      await waitGone(page, 'value/rate-without-percent', rate);
      await waitGone(page, 'value/satisfaction', sat);
    });

    await step('the tab bar stays on one line at 320 px and at the narrowest Mac pane (270 px)', async () => {
      for (const w of [320, 270]) {
        await pane(page).evaluate((el, px) => (el.style.width = `${px}px`), w);
        const o = await pane(page).getByRole('tablist').evaluate((el) => ({
          tops: [...el.querySelectorAll('[role="tab"]')].map((t) => Math.round(t.getBoundingClientRect().top)),
          sw: el.scrollWidth,
          cw: el.clientWidth,
        }));
        assert(new Set(o.tops).size === 1, `at ${w} px the tabs wrap: tops ${o.tops}`);
        assert(o.sw <= o.cw + 1, `at ${w} px the tab bar overflows: ${o.sw} > ${o.cw}`);
      }
      await pane(page).evaluate((el) => (el.style.width = '320px'));
    });

    await step('clicking a diagnostic lands on its cell; its fix clears it', async () => {
      const cells = await ruleCells(page, 'plan/blank-checkpoint');
      assert(cells.length > 0, 'blank checkpoints are reported');
      const where = cells[cells.length - 1];
      const cell = where.split('!').pop();
      const item = items(page).and(page.locator(`[data-rule="plan/blank-checkpoint"][data-cell="${where}"]`));
      await item.locator('button').first().click();
      await page.waitForFunction((c) => document.querySelector('.formula-bar .addr')?.textContent === c, cell);
      assert((await page.locator(`.grid td.sel[data-addr="${cell}"]`).count()) === 1, `cell ${cell} is selected`);
      await shot(page, '08-before-fix');
      await item.getByRole('button', { name: /修复/ }).click();
      await waitGone(page, 'plan/blank-checkpoint', where.split('!').pop());
      await page
        .waitForFunction((c) => /^0(\.0+)?%$/.test(document.querySelector(`.grid td[data-addr="${c}"] .cell-text`)?.textContent ?? ''), cell)
        .catch(async () => {
          throw new Error(`the fixed cell reads “${await page.locator(`.grid td[data-addr="${cell}"] .cell-text`).innerText()}”, expected 0%`);
        });
      assert((await page.locator(`.grid td[data-addr="${cell}"].cf`).count()) === 0, 'its mark is cleared');
      await shot(page, '09-after-fix');
    });

    await step('a row inserted above the marked block (the sheet’s 插入行): the marks move down with their cells, the clerk’s formats too and unchanged', async () => {
      await marksMatchList(page);
      const before = await markedCells(page);
      assert(before.length > 0, 'the block has marks');
      const formatsBefore = await ownFormats(page);
      // the block's first row: its title
      const title = await page.locator('.grid td', { hasText: /绩效目标表$/ }).first().getAttribute('data-addr');
      const at = rowOf(title);
      await page.locator(`.grid td[data-addr="${title}"]`).click();
      await page.getByRole('toolbar', { name: '表格操作' }).getByRole('button', { name: '插入行' }).click();
      await page.waitForFunction((c) => document.querySelector(`.grid td[data-addr="${c}"]`)?.dataset.cfFill !== undefined, shiftRow(before[0], 1));
      // the next pass has run (the list names the moved cells) and the marks are exactly there
      await marksMatchList(page);
      const after = await markedCells(page);
      assert(JSON.stringify(after) === JSON.stringify(before.map((a) => shiftRow(a, 1)).sort()), `every mark moved one row down: ${after.join(' ')}`);
      // each cell's own format moved with it and is what it was; the new row is formatted like the row
      // above it (Excel's Insert Options default), or not at all on the sheet's first row
      const formatsAfter = await ownFormats(page);
      const moved = Object.entries(formatsBefore).filter(([a, f]) => formatsAfter[rowOf(a) >= at ? shiftRow(a, 1) : a] !== f);
      assert(moved.length === 0, `the clerk's formats changed: ${moved.slice(0, 3).map(([a]) => a).join(' ')}`);
      const added = Object.entries(formatsAfter).filter(([a]) => rowOf(a) === at);
      const unlike = at > 1 ? added.filter(([a, f]) => formatsBefore[shiftRow(a, -1)] !== f) : [];
      assert(unlike.length === 0, `the inserted row is not formatted like the row above: ${unlike.map(([a]) => a).join(' ')}`);
      await screenShowsFormats(page);
      await shot(page, '09a-row-inserted');
    });

    await step('a range of indicator values sorted with the keyboard (Shift+arrows, 排序): the values move, the marks follow the flagged cells', async () => {
      const head = await page.locator('.grid td', { hasText: /^指标值$/ }).first().getAttribute('data-addr');
      const first = below(head);
      const rows = 4;
      const last = shiftRow(first, rows - 1);
      const inRange = (list) => list.filter((a) => a.replace(/\d+$/, '') === first.replace(/\d+$/, '') && Number(/\d+$/.exec(a)[0]) >= Number(/\d+$/.exec(first)[0]) && Number(/\d+$/.exec(a)[0]) <= Number(/\d+$/.exec(last)[0]));
      const before = inRange(await markedCells(page));
      const formatsBefore = await ownFormats(page);
      assert(before.length > 0 && before.length < rows, `some (not all) of ${first}:${last} are flagged: ${before.join(' ')}`);
      await page.locator(`.grid td[data-addr="${first}"]`).click();
      await page.locator('.grid').focus();
      await page.keyboard.press('Shift+ArrowRight');
      for (let i = 1; i < rows; i++) await page.keyboard.press('Shift+ArrowDown');
      await page.waitForFunction(() => /:/.test(document.querySelector('.formula-bar .addr')?.textContent ?? ''), null);
      const texts = () => Promise.all(Array.from({ length: rows }, (_, i) => page.locator(`.grid td[data-addr="${shiftRow(first, i)}"] .cell-text`).innerText()));
      const was = await texts();
      const sort = page.getByRole('toolbar', { name: '表格操作' }).getByRole('button', { name: '排序' });
      await sort.focus();
      await page.keyboard.press('Enter');
      // the values moved: those with a value first, the blanks last (Excel's order)
      const filled = was.filter((t) => t.trim() !== '').length;
      await page.waitForFunction(
        ([c, n, k]) => Array.from({ length: n }, (_, i) => (document.querySelector(`.grid td[data-addr="${c.replace(/\d+$/, (r) => String(Number(r) + i))}"] .cell-text`)?.textContent ?? '').trim() !== '').every((v, i) => v === i < k),
        [first, rows, filled],
      );
      // the next pass: every blank value is flagged and marked — though the sort left our formats where they were — and the marks are exactly the cells the list names
      const blanks = Array.from({ length: rows - filled }, (_, i) => shiftRow(last, -i));
      assert(blanks.some((c) => !before.includes(c)), `the sort moved a blank value to a cell that was not marked (${before.join(' ')} → blanks ${blanks.join(' ')})`);
      await page
        .waitForFunction((cells) => cells.every((c) => document.querySelector(`.grid td[data-addr="${c}"]`)?.dataset.cfFill !== undefined), blanks)
        .catch(async () => {
          throw new Error(`the blank values ${blanks.join(' ')} are not all marked: ${inRange(await markedCells(page)).join(' ')}`);
        });
      await marksMatchList(page);
      // the cells' own formats: outside the range as they were; inside, each row's went with its row
      // (Excel's sort moves whole cells), none of them became a mark's
      const formatsAfter = await ownFormats(page);
      const sorted = (a) => colOf(a) >= colOf(first) && colOf(a) <= colOf(first) + 1 && rowOf(a) >= rowOf(first) && rowOf(a) <= rowOf(last);
      const keys = [...new Set([...Object.keys(formatsBefore), ...Object.keys(formatsAfter)])];
      const changed = keys.filter((a) => !sorted(a) && formatsBefore[a] !== formatsAfter[a]);
      assert(changed.length === 0, `the clerk's formats outside the sorted range changed: ${changed.slice(0, 3).join(' ')}`);
      const rowsOf = (f) =>
        Array.from({ length: rows }, (_, i) => keys.filter((a) => sorted(a) && rowOf(a) === rowOf(first) + i).sort().map((a) => f[a] ?? '').join('|')).sort();
      assert(JSON.stringify(rowsOf(formatsBefore)) === JSON.stringify(rowsOf(formatsAfter)), 'the sorted rows carry the formats they had');
      await screenShowsFormats(page);
      await shot(page, '09b-sorted');
    });

    await step('switching a setting changes the result and is saved in the workbook', async () => {
      const rule = 'id/code-missing';
      assert((await ruleCells(page, rule)).length > 0, `${rule} is reported before`);
      await openTab(page, '设置');
      await pane(page).locator(`select[data-rule="${rule}"]`).selectOption('off');
      await pane(page).getByText('已保存到工作簿').waitFor();
      await shot(page, '10-settings');
      await openTab(page, '检查');
      await page.waitForFunction((r) => ![...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r), rule);
      const saved = await page.evaluate(() => window.__jxmbBook.settings.get('jxmb.settings'));
      assert(typeof saved === 'string' && JSON.parse(saved).rules[rule] === 'off', `workbook setting saved: ${saved}`);
    });

    await step('指标库: suggestions for the table the selection is in; 添加 puts the row in its place', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      const nameCell = page.locator('.grid td', { has: page.locator('.cell-text', { hasText: /^镇街改革补贴项目$/ }) }).first();
      await nameCell.click();
      await openTab(page, '指标库');
      // the 指标库 is its own chunk, fetched (and indexed) when the tab first opens
      await pane(page).getByText('为“镇街改革补贴项目”推荐', { exact: false }).waitFor({ timeout: 20000 });
      assert((await pane(page).getByRole('heading', { level: 3, name: '产出指标 › 数量指标' }).count()) === 1, 'suggestions are grouped by 二级');
      const forms = await pane(page).getByText(/^指标值：/).allInnerTexts();
      assert(forms.length >= 10 && forms.every((t) => !/\d/.test(t)), 'every suggestion shows a value form without numbers');
      const o = await pane(page).evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth }));
      assert(o.sw <= o.cw + 1, `the 指标库 tab overflows the 320 px pane: ${o.sw} > ${o.cw}`);
      await shot(page, '12-indicators');
      await axeCheck(page, '指标库, light, suggestions for a table');
      const add = pane(page).locator('button[aria-label^="添加："]:not([aria-disabled="true"])').first();
      const label = await add.getAttribute('aria-label');
      const name = indicatorOf(label);
      await add.click();
      await pane(page).getByText(/^已(在第 \d+ 行插入|填入第 \d+ 行的空白指标行)“/).waitFor({ timeout: 5000 });
      await page.locator('.grid td .cell-text', { hasText: new RegExp(`^${name}$`) }).first().waitFor({ timeout: 3000 });
      // re-checked: the table now has it (marked), and its blank value is reported
      await pane(page).locator(`button[aria-label="添加：${name}（表中已有）"]`).waitFor({ timeout: 5000 });
      await shot(page, '13-indicator-added');
    });

    await step('dark theme: renders dark; axe on each tab, the 检查 tab with problems and fix buttons', async () => {
      await page.goto(`${base}?wb=anshan&theme=dark`, { waitUntil: 'load' });
      await waitForResult(page);
      const bg = await pane(page).locator('.fui-FluentProvider').first().evaluate((el) => getComputedStyle(el).backgroundColor);
      const [r, g, b] = bg.match(/\d+/g).map(Number);
      assert(r + g + b < 200, `dark pane background, got ${bg}`);
      await page.locator('.grid').waitFor();
      assert((await pane(page).locator('[aria-label="问题列表"] li button', { hasText: /^修复：/ }).count()) > 0, 'fix buttons are showing');
      await shot(page, '11-dark');
      await axeCheck(page, '检查, dark, problems and fixes');
      await axeOtherTabs(page, 'dark');
    });

    // 3. the keyboard only: page.keyboard from here on, no click
    await step('keyboard: the 检查 tab’s tab order reaches every control, each showing focus', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      await walkTabOrder(page, '检查 with problems');
    });

    await step('keyboard: Enter on a problem lands on its cell; Space on a fix applies it, focus stays in the list', async () => {
      await focusPane(page);
      const problem = await tabTo(page, (f) => f.problem, 'a problem');
      await page.keyboard.press('Enter');
      const cell = problem.cell.split('!').pop();
      await page.waitForFunction((c) => document.querySelector('.formula-bar .addr')?.textContent === c, cell);
      await pane(page).locator('[data-testid="selection-diagnostics"]').waitFor();
      const fix = await tabTo(page, (f) => f.fix, 'a fix button');
      await page.keyboard.press('Space');
      await waitGone(page, fix.rule, fix.cell.split('!').pop());
      const after = await focusInfo(page);
      assert(after.inPane && after.tag === 'button', `after the fix, focus is on a control of the pane, got ${describe(after)}`);
      await assertFocusVisible(page);
    });

    await step('keyboard: live switch (Space), severity filter and 全部 (Enter), 修复全部 (Enter), 重新检查 (Space)', async () => {
      await focusPane(page);
      let f = await tabTo(page, (x) => x.role === 'switch' || x.type === 'checkbox', 'the live switch');
      assert(f.checked === 'true', 'live checking starts on');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement.checked === false);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement.checked === true);
      const all = await items(page).count();
      f = await tabTo(page, (x) => /^错误 \d+ 个$/.test(x.text), 'the 错误 filter');
      const errorsShown = Number(/\d+/.exec(f.text)[0]);
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('[aria-label="问题列表"] li').length === n, errorsShown);
      await tabTo(page, (x) => /^全部/.test(x.text), 'the 全部 filter', { back: true });
      await page.keyboard.press('Enter');
      await page.waitForFunction((n) => document.querySelectorAll('[aria-label="问题列表"] li').length === n, all);
      await tabTo(page, (x) => /^修复全部格式问题/.test(x.text), 'the bulk-fix button');
      await page.keyboard.press('Enter');
      await pane(page).getByText(/^已修复 \d+ 处格式问题$/).waitFor();
      f = await focusInfo(page);
      assert(f.inPane && f.tag === 'button', `after the bulk fix, focus is on a control of the pane, got ${describe(f)}`);
      await tabTo(page, (x) => x.text === '重新检查', 'the re-check button', { back: true });
      const syncs = await page.evaluate(() => window.__jxmbBook.syncCount);
      await page.keyboard.press('Space');
      // the workbook was read again, the button is back and still has focus
      await page.waitForFunction(
        (n) => window.__jxmbBook.syncCount > n && document.activeElement?.textContent === '重新检查' && document.activeElement.getAttribute('aria-disabled') !== 'true',
        syncs,
      );
    });

    await step('keyboard: insert a template — 模板 via Enter, the format dropdown (Esc closes it), type, fields, 插入模板', async () => {
      await page.goto(`${base}?wb=blank`, { waitUntil: 'load' });
      await waitForResult(page);
      await focusPane(page);
      await tabTo(page, (x) => x.tag === 'button' && x.role !== 'tab' && x.text === '模板', 'the “模板” button of the empty workbook');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.getAttribute('role') === 'tab' && document.activeElement.textContent === '模板');
      await walkTabOrder(page, '模板');
      await focusPane(page);
      // the table-format dropdown: opens with Enter, Esc closes it and leaves focus on it; arrows + Enter pick
      let f = await tabTo(page, (x) => x.role === 'combobox', 'the 表格格式 dropdown');
      const format = f.content;
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
      await page.getByRole('listbox').waitFor(); // Fluent draws it in a portal, outside the pane
      const options = await page.evaluate(() => [...document.querySelectorAll('[role="option"]')].map((o) => o.textContent.trim()));
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
      f = await focusInfo(page);
      assert(f.role === 'combobox' && f.content === format, `Esc closes the dropdown, focus and value stay: ${describe(f)}`);
      assert((await page.getByRole('listbox').count()) === 0, 'no listbox left open');
      const other = options.find((t) => t !== format);
      assert(other, `the dropdown offers other formats: ${options.join(', ')}`);
      await pickOption(page, other);
      await pickOption(page, format);
      // search, pick a type, fill the header, insert
      await tabTo(page, (x) => x.type === 'search', 'the type search');
      await page.keyboard.type('保洁');
      f = await tabTo(page, (x) => x.type === 'radio', 'the first project type');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement?.checked === true);
      await tabTo(page, (x) => x.name === 'name', '项目名称');
      await page.keyboard.type('农村保洁员经费');
      await tabTo(page, (x) => x.name === 'budget', '预算数');
      await page.keyboard.type('12.5');
      await tabTo(page, (x) => x.name === 'year', '预算年度');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2025');
      await tabTo(page, (x) => x.tag === 'button' && x.text === '插入模板', '插入模板');
      await page.keyboard.press('Enter');
      await pane(page).getByText(/插入模板，请补全空白单元格/).waitFor();
      await page.locator('.grid td .cell-text', { hasText: /^农村保洁员经费$/ }).first().waitFor();
      f = await focusInfo(page);
      assert(f.text === '插入模板', `focus stays on 插入模板, got ${describe(f)}`);
      await shot(page, '12-keyboard-inserted');
    });

    await step('keyboard: the 设置 tab — arrows + Enter on the tabs, Space on a switch, a rule’s level, the year with Enter, marking off and on', async () => {
      await keyboardTab(page, '设置');
      await walkTabOrder(page, '设置');
      await focusPane(page);
      // the format dropdown opens with Space and closes with Esc here too, the setting unchanged
      await tabTo(page, (x) => x.role === 'combobox', 'the 表格格式 dropdown');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
      const saved = () => page.evaluate(() => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}'));
      await tabTo(page, (x) => x.name === 'year', '预算年度');
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('2026');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}').year === 2026);
      await tabTo(page, (x) => (x.role === 'switch' || x.type === 'checkbox') && /序时进度/.test(x.text), 'the 序时进度 switch');
      await page.keyboard.press('Space');
      await page.waitForFunction(() => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}').planPacing === true);
      const rule = 'id/code-missing';
      await tabTo(page, (x) => x.tag === 'select' && x.dataRule === rule, `the level of ${rule}`);
      await page.keyboard.press('End'); // the last choice: 关闭
      await page.waitForFunction((r) => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}').rules?.[r] === 'off', rule);
      const after = await saved();
      assert(after.rules[rule] === 'off' && after.year === 2026 && after.planPacing === true, `the workbook holds the settings: ${JSON.stringify(after)}`);
      // marking off (Space): the marks go — our conditional formats deleted, the clerk's formats as
      // they were; on again: they are back on the flagged cells
      await page.locator('.grid td.cf').first().waitFor();
      const formats = await ownFormats(page);
      await tabTo(page, (x) => (x.role === 'switch' || x.type === 'checkbox') && /标记问题/.test(x.text), 'the 标记问题 switch', { back: true });
      await page.keyboard.press('Space');
      await page.waitForFunction(
        () => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}').highlighting === false && document.querySelectorAll('.grid td.cf').length === 0,
      );
      assert(
        await page.evaluate(() => window.__jxmbBook.sheets.every((s) => s.conditionalFormats.length === 0)),
        'no conditional format is left in the workbook',
      );
      assert(JSON.stringify(await ownFormats(page)) === JSON.stringify(formats), 'the cells keep their own formats');
      await screenShowsFormats(page);
      await page.keyboard.press('Space');
      await page.waitForFunction(() => JSON.parse(window.__jxmbBook.settings.get('jxmb.settings') || '{}').highlighting === true);
      await page.locator('.grid td.cf').first().waitFor();
      await keyboardTab(page, '检查');
      await page.waitForFunction((r) => ![...document.querySelectorAll('[aria-label="问题列表"] li')].some((e) => e.dataset.rule === r), rule);
      await marksMatchList(page);
    });

    await step('keyboard: the 指标库 tab — Enter on a problem picks its table, every suggestion is a Tab stop, Enter on 添加 adds the row', async () => {
      await page.goto(`${base}?wb=anshan`, { waitUntil: 'load' });
      await waitForResult(page);
      await keyboardTab(page, '检查');
      await tabTo(page, (f) => f.problem, 'a problem');
      await page.keyboard.press('Enter');
      await pane(page).locator('[data-testid="selection-diagnostics"]').waitFor();
      await keyboardTab(page, '指标库');
      await pane(page).getByText(/^为“.*”推荐/).waitFor();
      await walkTabOrder(page, '指标库 with suggestions');
      await focusPane(page);
      await tabTo(page, (f) => f.tag === 'button' && f.text.startsWith('添加：') && !/（表中已有）/.test(f.text), 'a 添加 button');
      const label = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
      const name = indicatorOf(label);
      await page.keyboard.press('Enter');
      await pane(page).getByText(/^已(在第 \d+ 行插入|填入第 \d+ 行的空白指标行)“/).waitFor();
      await page.locator('.grid td .cell-text', { hasText: new RegExp(`^${name}$`) }).first().waitFor();
      await pane(page).locator(`button[aria-label="添加：${name}（表中已有）"]`).waitFor();
      const after = await focusInfo(page);
      assert(after.inPane, `after adding, focus stays in the pane, got ${describe(after)}`);
    });

    await step('no page errors', async () => {
      assert(errors.length === 0, errors.join('\n'));
    });

    await step('no network requests beyond the page itself, no CSP violations (no eval)', async () => {
      assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
      assert(cspViolations.length === 0, `CSP violations: ${cspViolations.join('; ')}`);
      const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') || '');
      assert(/script-src 'self'/.test(csp) && !/unsafe-eval/.test(csp), `CSP without eval, got: ${csp}`);
    });
  } finally {
    await browser.close();
    server.close();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`screenshots: ${path.relative(ROOT, SHOTS)}/ (the 用户手册's in ${path.relative(ROOT, DOC_IMAGES)}/)`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => {
  console.error(e);
  console.log(`${results.filter((r) => r.ok).length} passed, ${results.filter((r) => !r.ok).length + 1} failed`);
  process.exit(1);
});
