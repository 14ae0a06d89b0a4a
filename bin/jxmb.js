#!/usr/bin/env node
'use strict';
// The CLI is compiled by `npm run build:cli` (tsc -p tsconfig.cli.json) into lib/.
const { main } = require('../lib/cli/main.js');

// `jxmb check … | head`: the reader went away — stop quietly instead of printing a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err && err.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`jxmb：内部错误：${err && err.message ? err.message : err}\n`);
    process.exitCode = 2;
  },
);
