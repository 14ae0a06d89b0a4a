#!/usr/bin/env node
/**
 * npm run build:wps — the WPS 表格 add-in (WPS加载项), built by this script alone: `wpsjs build` /
 * `wpsjs publish` ask questions, which a CI cannot answer.
 *
 * Writes (JXMB_WPS_OUT, default dist-wps/):
 *   jxmb_<version>/            the add-in folder WPS loads: ribbon.xml (customUI, no XML declaration:
 *                              WPS's publish validator rejects one), index.html + main.js (the global,
 *                              synchronous ribbon callbacks), taskpane.html + its bundle, images/
 *   publish.xml                the jsaddons entry of the offline install (type="et", url = the folder)
 *   jsplugins.xml.example      an enterprise jsplugins.xml entry (oem.ini JSPluginsServer) to fill in
 *   jxmb-wps-offline-<version>.zip   the folder and publish.xml together, for copying into jsaddons
 *
 * The task pane is bundled by webpack, then lowered to ES2018 by esbuild (pinned) — node_modules code
 * included — for the older Chromium WPS embeds; test/wps/package.test.ts checks the result
 * (ES2018 syntax — Chromium 64; the search's Unicode-property regexes need it — no crypto.randomUUID: absent in WPS 12.1.0.26200's browser).
 */
const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const esbuild = require('esbuild');
const JSZip = require('jszip');

const ROOT = path.resolve(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));
const NAME = 'jxmb';
const VERSION = pkg.version;
const ES_TARGET = 'es2018';

function config(out) {
  return {
    mode: 'production',
    devtool: false,
    target: ['web', ES_TARGET],
    entry: { taskpane: path.join(ROOT, 'src/wps/taskpane.tsx') },
    output: { path: out, filename: '[name].[contenthash:8].js', clean: false },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: 'ts-loader',
            options: { transpileOnly: true, configFile: path.join(ROOT, 'tsconfig.json'), compilerOptions: { module: 'esnext', target: ES_TARGET, sourceMap: false } },
          },
        },
      ],
    },
    performance: { hints: false },
    // no `new Function("return this")` global shim: the CSP forbids eval
    node: { global: false },
    plugins: [new HtmlWebpackPlugin({ filename: 'taskpane.html', template: path.join(ROOT, 'src/wps/taskpane.html'), chunks: ['taskpane'] })],
  };
}

function run(cfg) {
  return new Promise((resolve, reject) =>
    webpack(cfg, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      resolve(stats);
    }),
  );
}

async function lower(dir) {
  for (const f of fs.readdirSync(dir)) {
    if (!f.endsWith('.js')) continue;
    const file = path.join(dir, f);
    const r = await esbuild.transform(fs.readFileSync(file, 'utf8'), { target: ES_TARGET, loader: 'js', minify: true, legalComments: 'none' });
    fs.writeFileSync(file, r.code);
  }
}

function publishXml(folder) {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<jsplugins>
  <jsplugin name="${NAME}" type="et" url="${folder}" version="${VERSION}" enable="enable_dev" install="null" customDomain="" />
</jsplugins>
`;
}

function jspluginsExample() {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 企业部署：把 ${NAME}_${VERSION} 文件夹放到内网 Web 服务器上，替换下面的地址，
     再在 oem.ini 的 [Server] 中设 JSPluginsServer=<本文件的地址>、[Support] 中设 JsApiPlugin=true -->
<jsplugins>
  <jspluginonline name="${NAME}" type="et" url="https://内网服务器/${NAME}_${VERSION}/" version="${VERSION}" />
</jsplugins>
`;
}

async function main() {
  const base = path.resolve(process.env.JXMB_WPS_OUT || path.join(ROOT, 'dist-wps'));
  const folder = `${NAME}_${VERSION}`;
  const out = path.join(base, folder);
  fs.rmSync(base, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'images'), { recursive: true });

  await run(config(out));
  await lower(out);

  for (const f of ['ribbon.xml', 'index.html', 'main.js']) fs.copyFileSync(path.join(ROOT, 'src/wps/addin', f), path.join(out, f));
  fs.copyFileSync(path.join(ROOT, 'assets/icon-80.png'), path.join(out, 'images/icon-80.png'));
  fs.copyFileSync(path.join(ROOT, 'src/taskpane/help.html'), path.join(out, 'help.html'));
  fs.writeFileSync(path.join(base, 'publish.xml'), publishXml(folder));
  fs.writeFileSync(path.join(base, 'jsplugins.xml.example'), jspluginsExample());

  const zip = new JSZip();
  zip.file('publish.xml', publishXml(folder));
  const add = (dir, prefix) => {
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      if (fs.statSync(p).isDirectory()) add(p, `${prefix}${f}/`);
      else zip.file(`${prefix}${f}`, fs.readFileSync(p));
    }
  };
  add(out, `${folder}/`);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  fs.writeFileSync(path.join(base, `${NAME}-wps-offline-${VERSION}.zip`), bytes);
  console.log(`WPS add-in: ${path.relative(ROOT, out)}/, publish.xml, ${NAME}-wps-offline-${VERSION}.zip`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
