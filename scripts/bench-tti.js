#!/usr/bin/env node
// Time to interactive of the task pane, for `npm run bench`: the built preview (webpack production)
// loaded in headless Chromium, a fresh browser context per load (no cache), one warm-up load, then the
// median of several loads of the time from navigation start to the first check result shown in the
// pane (window.__jxmbReady, set by src/preview/index.tsx), on the 安山镇 sample workbook. A figure,
// never a test: nothing here passes or fails on it.
//
//   node scripts/bench-tti.js [--loads N] [--no-build] [--json]
//
// --json prints one JSON line: {"sample","loads","medianMs","minMs","maxMs","dclMedianMs"} or
// {"skipped": reason} when there is no Chromium (the figure is then absent, the bench still runs).
'use strict';
const { buildPreview, servePreview, chromiumMissing, launchChromium, waitForReady } = require('./preview-harness');

const SAMPLE = 'anshan';
const HANG_MS = 120_000;

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function measure(loads, reuseBuild) {
  buildPreview({ reuse: reuseBuild });
  const { server, base } = await servePreview();
  const browser = await launchChromium();
  try {
    const tti = [];
    const dcl = [];
    for (let k = 0; k <= loads; k++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN' });
      const page = await context.newPage();
      page.setDefaultTimeout(HANG_MS);
      await page.goto(`${base}?wb=${SAMPLE}`, { waitUntil: 'load' });
      await waitForReady(page);
      const r = await page.evaluate(() => ({
        ready: window.__jxmbReady,
        dcl: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd,
      }));
      await context.close();
      if (k === 0) continue; // warm-up: the browser's own first start
      tti.push(r.ready);
      dcl.push(r.dcl);
    }
    const round = (x) => Math.round(x);
    return { sample: SAMPLE, loads, medianMs: round(median(tti)), minMs: round(Math.min(...tti)), maxMs: round(Math.max(...tti)), dclMedianMs: round(median(dcl)) };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main() {
  const json = process.argv.includes('--json');
  const loads = Math.max(1, Number(arg('--loads', 7)) || 7);
  const missing = chromiumMissing();
  if (missing) {
    if (json) console.log(JSON.stringify({ skipped: missing }));
    else console.log(`time to interactive: not measured — ${missing}`);
    return;
  }
  const r = await measure(loads, process.argv.includes('--no-build'));
  if (json) console.log(JSON.stringify(r));
  else console.log(`time to interactive (${r.sample}, median of ${r.loads} loads): ${r.medianMs} ms (${r.minMs}–${r.maxMs} ms; DOMContentLoaded ${r.dclMedianMs} ms)`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
