/**
 * `npm run bench` — every performance figure of jxmb in one run, on this machine:
 *   engine time for 10 / 100 / 1,000 blocks; recognition time for the same sheets; CLI wall time and
 *   peak memory for 100 workbooks of 20 blocks, as a ratio to just unzipping them and reading their
 *   sheet XML, and for a mixed folder (.xlsx/.xls/.docx); syncs per validation pass and per insertion at
 *   1 / 50 / 500 blocks (in-memory Excel); adapter + engine ms per pass on 50 blocks; the task
 *   pane's production JavaScript, gzipped (freshly built); the pane's time to interactive in headless
 *   Chromium, median of several loads (scripts/bench-tti.js; said so, not failed, without Chromium).
 *
 *   npm run bench                     # table on stdout
 *   npm run bench -- --json FILE      # and the figures as JSON
 *   npm run bench -- --quick          # 20 workbooks instead of 100 for the CLI part
 *   npm run bench -- --no-build       # reuse dist/ and dist-preview/ as they are
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { recognize } from '../src/sheet/recognize';
import { benchEngine } from './bench-engine';
import { benchExcel, hebeiWorkbookGrid } from './bench-excel';
import { benchCli } from './bench-cli';
import { benchSuggest } from './bench-suggest';

const ROOT = path.resolve(__dirname, '..');
const SIZES = [10, 100, 1000];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number) => Math.round(x * 100) / 100;

async function benchRecognize(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of SIZES) {
    const grid = hebeiWorkbookGrid(n);
    recognize(grid); // warm-up
    const times: number[] = [];
    for (let k = 0; k < (n >= 1000 ? 9 : 15); k++) {
      const t0 = performance.now();
      const r = recognize(grid);
      times.push(performance.now() - t0);
      if (r.blocks.length !== n) throw new Error(`recognised ${r.blocks.length} of ${n} blocks`);
    }
    out[String(n)] = round(median(times));
  }
  return out;
}

/**
 * The task pane's JavaScript, gzipped, as `webpack --mode production` with `env` builds it into `dir`
 * (built first, unless `reuse` finds it there).
 */
function taskpaneGzipBytes(dir: string, env: string[], reuse: boolean): number {
  const isPane = (f: string) => /^taskpane\..*\.js$/.test(f);
  const built = fs.existsSync(dir) && fs.readdirSync(dir).some(isPane);
  if (!reuse || !built) {
    const webpack = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
    execFileSync(process.execPath, [webpack, '--mode', 'production', ...env], { cwd: ROOT, stdio: 'ignore' });
  }
  return fs
    .readdirSync(dir)
    .filter(isPane)
    .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dir, f)), { level: 9 }).length, 0);
}

type Tti = { sample: string; loads: number; medianMs: number; minMs: number; maxMs: number; dclMedianMs: number } | { skipped: string };

/** the pane's time to interactive, measured in a child process (scripts/bench-tti.js) */
function timeToInteractive(reuse: boolean): Tti {
  const args = [path.join(__dirname, 'bench-tti.js'), '--json', ...(reuse ? ['--no-build'] : [])];
  const out = execFileSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop() as string) as Tti;
}

/**
 * What the 指标库 adds to the task pane's first paint: the production bundle (dist/) against the same
 * build with the library's data and MiniSearch replaced by stubs (`webpack --env withoutIndicatorLibrary`,
 * into dist-noindicators/), both gzipped — near nothing, as the library is its own chunk
 * (`indicators.*.js` with MiniSearch split off beside it, loaded when the 指标库 tab or the template
 * suggestions first open): `chunk` is every script of dist/ but the entry.
 */
function indicatorLibraryGzipBytes(withLibrary: number, reuse: boolean): { withLibrary: number; without: number; added: number; chunk: number } {
  const without = taskpaneGzipBytes(path.join(ROOT, 'dist-noindicators'), ['--env', 'withoutIndicatorLibrary'], reuse);
  const dist = path.join(ROOT, 'dist');
  const chunk = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith('.js') && !/^taskpane\./.test(f))
    .reduce((sum, f) => sum + zlib.gzipSync(fs.readFileSync(path.join(dist, f)), { level: 9 }).length, 0);
  return { withLibrary, without, added: withLibrary - without, chunk };
}

function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}`;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const quick = args.includes('--quick');
  const reuse = args.includes('--no-build');

  const engineMs = await benchEngine(SIZES);
  const recognizeMs = await benchRecognize();
  const excel = await benchExcel();
  const cli = await benchCli({ files: quick ? 20 : 100, blocksPerFile: 20 });
  const bundle = taskpaneGzipBytes(path.join(ROOT, 'dist'), [], reuse);
  const tti = timeToInteractive(reuse);
  const library = indicatorLibraryGzipBytes(bundle, reuse);
  const suggest = await benchSuggest();

  const pick = (key: 'syncsEditPass' | 'syncsFirstPass' | 'syncsInsertion') =>
    Object.fromEntries(excel.rows.map((r) => [String(r.blocks), r[key]]));
  // a validation pass as the clerk works (an edit, nothing changed, a row inserted, a sort): the most syncs any of them took
  const validate = Object.fromEntries(excel.rows.map((r) => [String(r.blocks), Math.max(r.syncsEditPass, r.syncsUnchangedPass, r.syncsInsertRowPass, r.syncsSortPass)]));
  const result = {
    machine: machine(),
    engineMs,
    recognizeMs,
    cli: { workbooks: cli.files, blocksPerWorkbook: 20, wallMs: cli.wallMs, peakRssMb: cli.peakRssMb, baselineMs: cli.baselineMs, ratio: cli.ratio, mixed: cli.mixed },
    syncs: { validate, firstPass: pick('syncsFirstPass'), insert: pick('syncsInsertion') },
    adapterMsPerPass50: excel.msPerPass50,
    bundleGzipBytes: bundle,
    timeToInteractive: tti,
    indicatorLibrary: {
      firstPaintGzipBytesAdded: library.added,
      chunkGzipBytes: library.chunk,
      dataModuleGzipBytes: suggest.dataGzipBytes,
      types: suggest.types,
      indicators: suggest.indicators,
      heldOut: {
        projects: suggest.heldOut.projects,
        recallAt10: suggest.heldOut.recallMicro,
        recallAt10PerProject: suggest.heldOut.recallMacro,
        recallAt10SimilarName: suggest.heldOut.recallNear,
        onSubjectShare: suggest.heldOut.onSubject,
        ownTypeShare: suggest.heldOut.ownType,
        typeAccuracy: suggest.heldOut.typeAccuracy,
      },
      leaveOneOut: suggest.leaveOneOut,
      msPerBlock: suggest.msPerBlock,
      msIndex: suggest.msIndex,
    },
  };

  const line = (a: string, b: string) => console.log(`${a.padEnd(52)}${b}`);
  console.log(`jxmb benchmark — ${result.machine}\n`);
  line('engine (checkBlocks), 10 / 100 / 1,000 blocks', SIZES.map((n) => `${engineMs[n]} ms`).join(' / '));
  line('recognition, 10 / 100 / 1,000 blocks', SIZES.map((n) => `${recognizeMs[n]} ms`).join(' / '));
  line(`CLI, ${cli.files} workbooks × 20 blocks`, `${(cli.wallMs / 1000).toFixed(1)} s wall, peak RSS ${cli.peakRssMb} MB`);
  line('CLI ÷ unzip + read sheet XML (same workbooks)', `${cli.ratio}× (${(cli.wallMs / 1000).toFixed(2)} s / ${(cli.baselineMs / 1000).toFixed(2)} s)`);
  if (cli.mixed) {
    const m = cli.mixed;
    line(`CLI, mixed folder (${m.byFormat.xlsx} .xlsx / ${m.byFormat.xls} .xls / ${m.byFormat.docx} .docx)`, `${(m.wallMs / 1000).toFixed(1)} s wall, peak RSS ${m.peakRssMb} MB, ${m.recognizedBlocks} blocks, ${m.unreadable} unreadable`);
  }
  line('syncs per validation pass, 1 / 50 / 500 blocks', ['1', '50', '500'].map((k) => validate[k]).join(' / '));
  line('  (Excel limits and strict switches on) edit changing a mark', excel.rows.map((r) => r.syncsEditPass).join(' / '));
  line('  nothing changed', excel.rows.map((r) => r.syncsUnchangedPass).join(' / '));
  line('  row inserted above a block', excel.rows.map((r) => r.syncsInsertRowPass).join(' / '));
  line('  indicator values sorted', excel.rows.map((r) => r.syncsSortPass).join(' / '));
  line('  first pass of a session: marks to draw / in the file', excel.rows.map((r) => `${r.syncsFirstPass}/${r.syncsReopenedPass}`).join(' · '));
  line('  a mark under the clerk’s own rule changed (#5222 recovery)', excel.rows.map((r) => r.syncsClerkRulePass).join(' / '));
  line('  undo actions added by a pass changing marks (1.20)', excel.rows.map((r) => r.undoActionsEditPass).join(' / '));
  line('syncs per insertion, 1 / 50 / 500 blocks', ['1', '50', '500'].map((k) => result.syncs.insert[k]).join(' / '));
  const big = excel.rows[excel.rows.length - 1];
  line(`  largest request / response / read, ${big.blocks} blocks`, `${(big.maxRequestBytes / 1e6).toFixed(2)} MB / ${(big.maxResponseBytes / 1e6).toFixed(2)} MB / ${big.largestRead} cells (${big.mergedAreas} merged areas)`);
  line('adapter + engine per pass, 50 blocks', `${excel.msPerPass50} ms`);
  line('task pane JavaScript, gzipped', `${(bundle / 1024).toFixed(1)} KB`);
  line(
    'pane interactive after load (headless Chromium)',
    'skipped' in tti
      ? `not measured — ${tti.skipped}`
      : `${tti.medianMs} ms median of ${tti.loads} loads (${tti.minMs}–${tti.maxMs} ms; ${tti.sample} sample)`,
  );
  line('  of which the 指标库 (data + MiniSearch)', `${(library.added / 1024).toFixed(1)} KB (without it ${(library.without / 1024).toFixed(1)} KB)`);
  line('指标库 chunk, loaded on first use, gzipped', `${(library.chunk / 1024).toFixed(1)} KB (${suggest.types} types, ${suggest.indicators} indicators; data module ${(suggest.dataGzipBytes / 1024).toFixed(1)} KB)`);
  const h = suggest.heldOut;
  line(`指标库 recall@10, held out (${h.projects} sample projects)`, `${h.recallMicro} (per project ${h.recallMacro}; similar name ${h.recallNear}) — library built without the samples`);
  line('  top 10 on the project\'s subject / of its type', `${h.onSubject} / ${h.ownType} (type recognised right ${h.typeAccuracy} of ${h.labelled})`);
  const l = suggest.leaveOneOut;
  line('指标库 recall@10, leave-one-project-out (shipped)', `${l.recallMicro} (per project ${l.recallMacro}; names in the library at all ${l.ceiling}; similar name ${l.recallNear})`);
  line('指标库 suggestions per block / index build', `${suggest.msPerBlock} ms / ${suggest.msIndex} ms`);
  if (jsonFile) {
    fs.writeFileSync(jsonFile, JSON.stringify(result, null, 2) + '\n');
    console.log(`\nJSON: ${jsonFile}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
