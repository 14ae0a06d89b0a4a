/**
 * Benchmark of `jxmb check`: generates a folder of realistic hebei-project workbooks (ExcelJS) and
 * times `main(['check', '--format', 'json', dir])` in a child process (wall time, peak RSS), as a
 * ratio to a child process that only unzips the same workbooks and reads their sheet XML (the
 * floor any reader has to pay), both run in turn on the same machine; then the same number of
 * files as a mixed folder (.xlsx / .xls / .docx).
 *
 *   npx tsc -p tsconfig.cli.json --outDir /tmp/jxmb-bench/lib   (or npm run build:cli)
 *   npx tsc --outDir /tmp/jxmb-bench/scripts ... scripts/bench-cli.ts && node /tmp/jxmb-bench/scripts/bench-cli.js
 *
 * The generator (`writeHebeiWorkbook`) is also used by the CLI tests to build workbooks with a known
 * content (a clean one, one with a planted error).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../src/files/read';
// the writers of the other formats live with the tests that use them
import { gridToDocx, gridToXls } from '../test/helpers/formats';

interface ProjectType {
  name: string;
  usage: string;
  quantity: [string, string, string]; // 三级, description, value (without unit handled below)
  quality: [string, string, string];
  timely: [string, string, string];
  cost: [string, string];
  social: [string, string, string];
  sustain: [string, string, string];
}

const TYPES: ProjectType[] = [
  { name: '村级办公经费', usage: '保障村级组织正常运转', quantity: ['补助村数', '享受办公经费补助的行政村个数', '{n}个'], quality: ['资金足额拨付率', '办公经费足额拨付的比率', '100%'], timely: ['资金拨付及时性', '按季度及时拨付到村', '{y}年12月底前'], cost: ['村级办公经费总成本', '村级办公经费支出总额'], social: ['村级组织运转情况', '保障村级组织正常运转', '有效保障'], sustain: ['长效运转机制', '村级组织长期正常运转', '长期'] },
  { name: '村干部补贴', usage: '发放村干部基本报酬及绩效补贴', quantity: ['补贴村干部人数', '享受补贴的村干部人数', '{n}人'], quality: ['补贴足额发放率', '补贴足额发放的比率', '100%'], timely: ['补贴发放时间', '按月发放村干部补贴', '每月'], cost: ['村干部补贴总成本', '村干部补贴支出总额'], social: ['村干部工作积极性', '调动村干部工作积极性', '提升'], sustain: ['基层组织稳定性', '村级组织队伍稳定', '保持稳定'] },
  { name: '农村人居环境整治', usage: '用于农村垃圾清运、坑塘治理和村庄清洁行动', quantity: ['整治村庄数', '开展人居环境整治的村庄数量', '{n}个'], quality: ['整治验收合格率', '整治项目验收合格的比率', '≥95%'], timely: ['整治完成时间', '整治任务完成时限', '{y}年11月底前'], cost: ['人居环境整治成本', '人居环境整治支出总额'], social: ['村容村貌改善情况', '村庄环境卫生改善程度', '明显改善'], sustain: ['环境长效管护', '建立长效管护机制', '长期'] },
  { name: '网格管理经费', usage: '用于网格员补助及网格化管理平台运行维护', quantity: ['网格员人数', '享受补助的网格员人数', '{n}人'], quality: ['网格事件办结率', '网格上报事件按期办结的比率', '≥90%'], timely: ['补助发放及时性', '按季度发放网格员补助', '{y}年12月31日前'], cost: ['网格管理经费成本', '网格管理经费支出总额'], social: ['社会治理水平', '基层社会治理能力提升情况', '提升'], sustain: ['网格体系运行', '网格化管理体系持续运行', '持续发挥作用'] },
  { name: '防汛经费', usage: '用于防汛物资储备、应急演练和值班值守', quantity: ['防汛演练次数', '组织开展防汛应急演练次数', '{n}次'], quality: ['物资储备达标率', '防汛物资储备达到标准的比率', '100%'], timely: ['物资采购时间', '汛期前完成物资采购', '{y}年6月底前'], cost: ['防汛经费总成本', '防汛经费支出总额'], social: ['群众生命财产安全', '汛期群众生命财产安全保障情况', '有效保障'], sustain: ['防汛能力', '防汛应急能力持续提升', '长期'] },
  { name: '人大工作经费', usage: '用于召开人代会、代表培训和视察调研', quantity: ['召开人代会次数', '全年召开人民代表大会次数', '{n}次'], quality: ['代表参会率', '人大代表出席会议的比率', '≥95%'], timely: ['会议召开时间', '按法定时间召开会议', '{y}年12月底前'], cost: ['人大工作经费成本', '人大工作经费支出总额'], social: ['代表履职能力', '人大代表履职能力提升情况', '提升'], sustain: ['人大工作制度化', '人大工作规范化制度化水平', '持续提升'] },
];

export interface WorkbookSpec {
  /** budget year */
  year: number;
  /** number of blocks */
  blocks: number;
  /** varies names, amounts and codes between workbooks */
  seed?: number;
  /** plant problems: `plan-final` — the first block's plan ends at 90% (plan/final-not-100, an error) */
  fault?: 'none' | 'plan-final';
  /** sheet name */
  sheet?: string;
  town?: string;
}

function code21(seed: number, year: number, i: number): string {
  const chars = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let x = (seed * 7919 + i * 104729 + 17) >>> 0;
  let tail = '';
  for (let k = 0; k < 13; k++) {
    x = (x * 1103515245 + 12345) >>> 0;
    tail += chars[x % 36];
  }
  return `130322${String(year % 100).padStart(2, '0')}${tail}`;
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Writes a workbook of canonical hebei-project blocks (docs/domain.md §2.1) that pass every rule unless a fault is planted. */
export async function writeHebeiWorkbook(file: string, spec: WorkbookSpec): Promise<void> {
  const seed = spec.seed ?? 1;
  const town = spec.town ?? `第${seed}镇`;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(spec.sheet ?? '项目绩效目标');
  ws.columns = [14, 14, 22, 16, 16, 16, 16].map((width) => ({ width }));
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = `${town}人民政府${spec.year}年部门预算项目绩效目标表`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  let r = 3;
  for (let i = 0; i < spec.blocks; i++) {
    const t = TYPES[(i + seed) % TYPES.length];
    const name = `${town}${t.name}（${i + 1}）`;
    const budget = Math.round((5 + ((seed * 31 + i * 17) % 400)) * 100) / 100 + 0.25;
    const n = 5 + ((seed + i * 3) % 40);
    const fill = (s: string): string => s.replace('{n}', String(n)).replace('{y}', String(spec.year));
    const at = (row: number, col: string, v: ExcelJS.CellValue, numFmt?: string): void => {
      const c = ws.getCell(`${col}${row}`);
      c.value = v;
      if (numFmt) c.numFmt = numFmt;
    };
    const top = r;
    ws.mergeCells(`A${r}:G${r}`);
    at(r, 'A', `${i + 1}.${name}绩效目标表`);
    ws.getCell(`A${r}`).font = { bold: true };
    r++;
    ws.mergeCells(`A${r}:E${r}`);
    ws.mergeCells(`F${r}:G${r}`);
    at(r, 'A', `813001${town}人民政府本级`);
    at(r, 'F', '单位：万元');
    r++;
    ws.mergeCells(`B${r}:C${r}`);
    ws.mergeCells(`E${r}:G${r}`);
    at(r, 'A', '项目编码');
    at(r, 'B', code21(seed, spec.year, i));
    at(r, 'D', '项目名称');
    at(r, 'E', name);
    r++;
    ws.mergeCells(`A${r}:A${r + 1}`);
    at(r, 'A', '预算规模及资金用途');
    at(r, 'B', '预算数');
    at(r, 'C', budget, '0.00');
    at(r, 'D', '其中：财政资金');
    at(r, 'E', budget, '0.00');
    at(r, 'F', '其他资金');
    at(r, 'G', 0, '0.00');
    r++;
    ws.mergeCells(`B${r}:G${r}`);
    at(r, 'B', `${t.usage}。`);
    r++;
    ws.mergeCells(`A${r}:A${r + 1}`);
    ws.mergeCells(`F${r}:G${r}`);
    ws.mergeCells(`F${r + 1}:G${r + 1}`);
    at(r, 'A', '资金支出计划（%）');
    ['3月底', '6月底', '10月底', '12月底'].forEach((h, k) => at(r, 'BCDE'[k], h));
    r++;
    const plan = [0.25, 0.5, 0.75, spec.fault === 'plan-final' && i === 0 ? 0.9 : 1];
    plan.forEach((p, k) => at(r, 'BCDE'[k], p, '0%'));
    r++;
    ws.mergeCells(`B${r}:G${r}`);
    at(r, 'A', '绩效目标');
    at(r, 'B', `确保${t.name}资金及时足额拨付，${t.usage}。`);
    r++;
    ws.mergeCells(`D${r}:E${r}`);
    ['一级指标', '二级指标', '三级指标', '绩效指标描述', '', '指标值', '指标值确定依据'].forEach((h, k) => h && at(r, 'ABCDEFG'[k], h));
    r++;
    const rows: [string, string, string, string, string, string][] = [
      ['产出指标', '数量指标', t.quantity[0], t.quantity[1], fill(t.quantity[2]), '工作计划'],
      ['产出指标', '质量指标', t.quality[0], t.quality[1], fill(t.quality[2]), '工作计划'],
      ['产出指标', '时效指标', t.timely[0], t.timely[1], fill(t.timely[2]), '工作计划'],
      ['产出指标', '成本指标', t.cost[0], t.cost[1], `≤${budget}万元`, '预算安排'],
      ['效益指标', '社会效益指标', t.social[0], t.social[1], t.social[2], '工作计划'],
      ['效益指标', '可持续影响指标', t.sustain[0], t.sustain[1], t.sustain[2], '工作计划'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '受益群众对项目实施的满意程度', '≥95%', '问卷调查'],
    ];
    for (const row of rows) {
      ws.mergeCells(`D${r}:E${r}`);
      at(r, 'A', row[0]);
      at(r, 'B', row[1]);
      at(r, 'C', row[2]);
      at(r, 'D', row[3]);
      at(r, 'F', row[4]);
      at(r, 'G', row[5]);
      r++;
    }
    for (let rr = top + 1; rr < r; rr++) for (const col of 'ABCDEFG') ws.getCell(`${col}${rr}`).border = BOX;
    r += 2; // blank rows between blocks
  }
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await wb.xlsx.writeFile(file);
}

export interface BenchOptions {
  files?: number;
  blocksPerFile?: number;
  year?: number;
  /** where to write the workbooks (default: a new folder under os.tmpdir()) */
  dir?: string;
  /** keep the generated workbooks */
  keep?: boolean;
  /** the compiled CLI module exporting main() (default: found beside this script or in lib/) */
  mainJs?: string;
  /** runs of each timed child process (the median is reported); default 3 */
  runs?: number;
  /** also time a mixed folder (.xlsx / .xls / .docx); default true */
  mixed?: boolean;
}

export interface BenchResult {
  files: number;
  blocks: number;
  generateMs: number;
  /** `jxmb check --format json DIR`, median wall time of `runs` child processes */
  wallMs: number;
  peakRssMb: number;
  exitCode: number | null;
  reportFiles: number;
  /** blocks the CLI recognised (should equal `blocks`) */
  recognizedBlocks: number;
  diagnostics: number;
  errors: number;
  warnings: number;
  infos: number;
  /** a child process that only unzips the same workbooks and reads their sheet XML (JSZip), median wall time */
  baselineMs: number;
  /** wallMs / baselineMs */
  ratio: number;
  /** the same number of files as a mixed folder: a third each .xlsx, .xls (BIFF8), .docx */
  mixed?: { files: number; byFormat: Record<string, number>; wallMs: number; peakRssMb: number; recognizedBlocks: number; unreadable: number };
}

function findMainJs(): string {
  const candidates = [
    path.resolve(__dirname, '../src/cli/main.js'), // compiled together with src into one outDir
    path.resolve(__dirname, '../lib/cli/main.js'), // npm run build:cli
    path.resolve(__dirname, '../../lib/cli/main.js'),
  ];
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`找不到编译后的 CLI（试过：${candidates.join('，')}）：请先运行 npm run build:cli`);
  return found;
}

interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  peakRssMb: number;
}

/** Runs `script` in a fresh Node process; wall time includes its start-up, as a user's run does. */
function runChild(script: string): Promise<ChildRun> {
  const full = `${script}\nprocess.on('exit', () => process.stderr.write('\\nJXMB_MAXRSS_KB=' + process.resourceUsage().maxRSS + '\\n'));`;
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', full], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (c) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const rss = /JXMB_MAXRSS_KB=(\d+)/.exec(stderr);
      resolve({ code: c, stdout: Buffer.concat(out).toString('utf8'), stderr, wallMs: Date.now() - t0, peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN });
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** The floor the ratio is measured against: unzip every workbook under `dir` and read its sheet XML, nothing else. */
function baselineScript(dir: string): string {
  return `
const fs = require('fs'), path = require('path');
const JSZip = require(${JSON.stringify(require.resolve('jszip'))});
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]);
(async () => {
  let chars = 0;
  for (const f of walk(${JSON.stringify(dir)}).filter((f) => f.endsWith('.xlsx')).sort()) {
    const zip = await JSZip.loadAsync(fs.readFileSync(f));
    for (const n of Object.keys(zip.files)) if (/^xl\\/worksheets\\/[^/]+\\.xml$/.test(n)) chars += (await zip.files[n].async('string')).length;
  }
  process.stdout.write(String(chars));
})();`;
}

function checkScript(mainJs: string, dir: string): string {
  return `const { main } = require(${JSON.stringify(mainJs)});\nmain(['check', '--format', 'json', ${JSON.stringify(dir)}]).then((c) => { process.exitCode = c; });`;
}

type JsonReport = { files: { file: string; error: string | null; blocks: unknown[] }[]; summary: { errors: number; warnings: number; infos: number } };

function parseReport(r: ChildRun): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    throw new Error(`CLI 没有输出 JSON（退出码 ${r.code}）：${r.stderr.slice(0, 500)}`);
  }
}

/** Writes the workbooks of a mixed folder: .xlsx, .xls (BIFF8) and .docx in turn, from the same generated tables. */
async function writeMixedFolder(dir: string, files: number, blocks: number, year: number): Promise<Record<string, number>> {
  const byFormat: Record<string, number> = { xlsx: 0, xls: 0, docx: 0 };
  for (let i = 0; i < files; i++) {
    const stem = path.join(dir, `镇${String(i + 1).padStart(3, '0')}`, `绩效目标表${i + 1}`);
    const kind = ['xlsx', 'xls', 'docx'][i % 3];
    await writeHebeiWorkbook(`${stem}.xlsx`, { year, blocks, seed: i + 1 });
    if (kind !== 'xlsx') {
      const grid = await readWorkbookFile(`${stem}.xlsx`);
      fs.writeFileSync(`${stem}.${kind}`, kind === 'xls' ? gridToXls(grid) : await gridToDocx(grid));
      fs.rmSync(`${stem}.xlsx`);
    }
    byFormat[kind]++;
  }
  return byFormat;
}

export async function benchCli(opts: BenchOptions = {}): Promise<BenchResult> {
  const files = opts.files ?? 100;
  const blocks = opts.blocksPerFile ?? 20;
  const year = opts.year ?? 2025;
  const runs = Math.max(1, opts.runs ?? 3);
  const mainJs = opts.mainJs ?? findMainJs();
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-bench-'));
  const g0 = Date.now();
  for (let i = 0; i < files; i++) {
    await writeHebeiWorkbook(path.join(dir, `镇${String(i + 1).padStart(3, '0')}`, `绩效目标表${i + 1}.xlsx`), { year, blocks, seed: i + 1 });
  }
  const generateMs = Date.now() - g0;

  // interleaved, so both see the same machine load; one warm-up of each (disk cache)
  await runChild(baselineScript(dir));
  const checks: ChildRun[] = [];
  const bases: number[] = [];
  for (let k = 0; k < runs; k++) {
    bases.push((await runChild(baselineScript(dir))).wallMs);
    checks.push(await runChild(checkScript(mainJs, dir)));
  }
  const last = checks[checks.length - 1];
  const report = parseReport(last);
  const wallMs = median(checks.map((c) => c.wallMs));
  const baselineMs = median(bases);

  let mixed: BenchResult['mixed'];
  if (opts.mixed !== false) {
    const mdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-bench-mixed-'));
    const byFormat = await writeMixedFolder(mdir, files, blocks, year);
    const mruns: ChildRun[] = [];
    for (let k = 0; k < runs; k++) mruns.push(await runChild(checkScript(mainJs, mdir)));
    const mreport = parseReport(mruns[mruns.length - 1]);
    mixed = {
      files,
      byFormat,
      wallMs: median(mruns.map((r) => r.wallMs)),
      peakRssMb: Math.max(...mruns.map((r) => r.peakRssMb)),
      recognizedBlocks: mreport.files.reduce((n, f) => n + f.blocks.length, 0),
      unreadable: mreport.files.filter((f) => f.error !== null).length,
    };
    if (!opts.keep) fs.rmSync(mdir, { recursive: true, force: true });
  }
  if (!opts.keep && !opts.dir) fs.rmSync(dir, { recursive: true, force: true });
  const s = report.summary;
  return {
    files,
    blocks: files * blocks,
    generateMs,
    wallMs,
    peakRssMb: Math.max(...checks.map((c) => c.peakRssMb)),
    exitCode: last.code,
    reportFiles: report.files.length,
    recognizedBlocks: report.files.reduce((n, f) => n + f.blocks.length, 0),
    diagnostics: s.errors + s.warnings + s.infos,
    errors: s.errors,
    warnings: s.warnings,
    infos: s.infos,
    baselineMs,
    ratio: Math.round((wallMs / baselineMs) * 10) / 10,
    mixed,
  };
}

if (require.main === module) {
  const files = Number(process.env.BENCH_FILES ?? 100);
  const blocksPerFile = Number(process.env.BENCH_BLOCKS ?? 20);
  benchCli({ files, blocksPerFile, mainJs: process.env.JXMB_MAIN_JS }).then(
    (r) => {
      process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
      const ok = r.wallMs < 20000;
      process.stdout.write(`${ok ? '✔' : '✖'} ${r.files} 个工作簿 × ${blocksPerFile} 个项目：${(r.wallMs / 1000).toFixed(1)} 秒（仅解压并读取工作表 XML：${(r.baselineMs / 1000).toFixed(2)} 秒，${r.ratio}×），峰值内存 ${r.peakRssMb} MB（目标 < 20 秒）\n`);
      process.exitCode = ok ? 0 : 1;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}
