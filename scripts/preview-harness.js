// The browser preview in headless Chromium, shared by the end-to-end test (scripts/e2e.js) and the
// time-to-interactive benchmark (scripts/bench-tti.js): build the preview (webpack production), serve
// dist-preview on a free localhost port, launch Debian's chromium through playwright-core.
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist-preview');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds dist-preview; `reuse` keeps an existing build (the `--no-build` flag of both scripts). */
function buildPreview({ reuse = false } = {}) {
  if (reuse && fs.existsSync(path.join(DIST, 'index.html'))) return;
  process.stderr.write('building the preview (webpack --mode production --env preview)…\n');
  const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  const r = spawnSync(process.execPath, [webpack, '--mode', 'production', '--env', 'preview'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write(r.stdout || '');
    throw new Error('preview build failed');
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.png': 'image/png', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };

/** Serves dist-preview on 127.0.0.1 at a free port; resolves to { server, base }. */
function servePreview() {
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
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, base: `http://127.0.0.1:${server.address().port}/` })));
}

/** Why the browser cannot run here, or null when it can. */
function chromiumMissing() {
  try {
    fs.accessSync(CHROMIUM, fs.constants.X_OK);
  } catch {
    return `no Chromium at ${CHROMIUM} (set $CHROMIUM, or apt-get install chromium)`;
  }
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci)';
  }
  return null;
}

function launchChromium() {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** the preview's first check result shown: ms from navigation start, set by src/preview/index.tsx */
function waitForReady(page) {
  return page.waitForFunction(() => typeof window.__jxmbReady === 'number');
}

module.exports = { ROOT, DIST, CHROMIUM, buildPreview, servePreview, chromiumMissing, launchChromium, waitForReady };
