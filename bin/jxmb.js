#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build:cli` (tsc -p tsconfig.cli.json) into lib/.
const { main } = require('../lib/cli/main.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`jxmb：内部错误：${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  },
);
