/**
 * The `jxmb` command line. `main(argv, io?)` runs it in-process (argv without `node` and the script
 * name) and resolves to the exit code, so tests can capture stdout/stderr without spawning.
 *
 *   jxmb check [--format stylish|json|html] [--output FILE] [--year YYYY] [--profile ID] [--annotate DIR] PATH…
 *
 * Exit codes: 0 no errors; 1 errors found; 2 a file could not be read, a file held no recognised table
 * (not checked), or bad arguments.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError, Help, type Argument, type Option } from 'commander';
import { profiles } from '../domain/profiles';
import { displayWidth, makeColors, shouldColor } from './ansi';
import { annotateWorkbook, planAnnotateTargets } from './annotate';
import { checkFile, type CheckOptions, type FileResult } from './check';
import { readSourceBytes } from '../files/read';
import { formatHtml, type HtmlFile } from './html';
import { collectInputs } from './files';
import { defaultIO, writeFileAtomically, type CliIO } from './io';
import { Progress } from './progress';
import { addToSummary, emptySummary, toReportFile, type Report } from './report';
import { formatFile, formatSummary, noTableLine, sheetNoun } from './stylish';
import { rulesCommand } from './rules';
import { suggestCommand } from './suggest';
import { templateCommand } from './template';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_FAILURE = 2;

/** What a subcommand's action needs: where to write, and how to set the exit code. */
export interface CommandContext {
  io: CliIO;
  exit(code: number): void;
}

/** A bad argument: printed as one Chinese line, exit 2. */
export class UsageError extends Error {}

function version(): string {
  for (const p of [path.resolve(__dirname, '../../package.json')]) {
    try {
      return (JSON.parse(fs.readFileSync(p, 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      // fall through
    }
  }
  return '0.0.0';
}

export function profileIds(): string[] {
  return profiles.map((p) => p.id);
}

export interface CheckCliOptions {
  format?: string;
  output?: string;
  year?: string;
  profile?: string;
  annotate?: string;
}

type ReportFormat = 'stylish' | 'json' | 'html';

function parseOptions(raw: CheckCliOptions): { format: ReportFormat; check: CheckOptions; annotate?: string; output?: string } {
  const format = raw.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json' && format !== 'html') {
    throw new UsageError(`--format 只能是 stylish、json 或 html，收到“${format}”`);
  }
  if (raw.output !== undefined && raw.output.trim() === '') throw new UsageError('--output 需要一个文件名');
  const check: CheckOptions = {};
  if (raw.year !== undefined) {
    const y = raw.year.trim();
    const n = Number(y);
    if (!/^\d{4}$/.test(y) || n < 1990 || n > 2100) throw new UsageError(`--year 应为四位的预算年度（如 2025），收到“${raw.year}”`);
    check.year = n;
  }
  if (raw.profile !== undefined) {
    if (!profileIds().includes(raw.profile)) {
      throw new UsageError(`未知的表格格式“${raw.profile}”，可用的有：${profileIds().join('、')}`);
    }
    check.profile = raw.profile;
  }
  if (raw.annotate !== undefined && raw.annotate.trim() === '') throw new UsageError('--annotate 需要一个文件夹');
  return { format, check, annotate: raw.annotate, output: raw.output };
}

/** A string sink (the report when it goes to a file). */
function collector(): { write(s: string): void; text(): string } {
  const parts: string[] = [];
  return { write: (s) => void parts.push(s), text: () => parts.join('') };
}

/** `jxmb check`: checks the workbooks and reports; resolves to the exit code. */
export async function runCheck(paths: string[], raw: CheckCliOptions, io: CliIO): Promise<number> {
  const opts = parseOptions(raw);
  const outputFile = opts.output !== undefined ? path.resolve(io.cwd, opts.output) : undefined;
  if (outputFile !== undefined && fs.existsSync(outputFile) && fs.statSync(outputFile).isDirectory()) {
    throw new UsageError(`--output 应为文件，“${opts.output}”是一个文件夹`);
  }
  // the report goes to the file when one is given; the terminal then gets one summary line
  const sink = outputFile !== undefined ? collector() : undefined;
  const out = sink ?? io.stdout;
  const colors = makeColors(opts.format === 'stylish' && sink === undefined && shouldColor(io.stdout, io.env));
  const inputs = await collectInputs(paths, io.cwd);

  let annotateDir: string | undefined;
  let targets = new Map<string, string>();
  if (opts.annotate !== undefined) {
    annotateDir = path.resolve(io.cwd, opts.annotate);
    try {
      if (fs.existsSync(annotateDir) && !fs.statSync(annotateDir).isDirectory()) {
        throw new UsageError(`--annotate 应为文件夹，“${opts.annotate}”是一个文件`);
      }
    } catch (err) {
      if (err instanceof UsageError) throw err;
    }
    const plan = planAnnotateTargets(inputs, annotateDir);
    if (plan.refusal) throw new UsageError(plan.refusal);
    targets = plan.targets;
  }

  const summary = emptySummary();
  const files: Report['files'] = [];
  const pages: HtmlFile[] = [];
  const progress = new Progress(io.stderr, inputs.length);
  let unreadable = 0;
  let failed = false;

  // the next file is read from disk while this one is checked: one file ahead, so memory stays bounded
  const readAhead = (i: number): Promise<Buffer> | undefined => {
    const next = inputs[i];
    if (!next || next.error) return undefined;
    const bytes = readSourceBytes(next.path);
    bytes.catch(() => undefined); // its error is checkFile's to report, when it gets there
    return bytes;
  };
  let ahead = readAhead(0);
  for (let i = 0; i < inputs.length; i++) {
    const input = inputs[i];
    progress.update(i, input.display);
    const bytes = ahead;
    ahead = readAhead(i + 1);
    let result: FileResult;
    try {
      result = await checkFile(input, opts.check, bytes);
    } catch (err) {
      // checkFile catches everything itself; this is the last line of defence
      result = { input, error: `检查时出错：${err instanceof Error ? err.message : String(err)}`, year: null, blocks: [], sheets: [], diagnostics: [] };
    }
    if (result.error !== null) unreadable++;
    addToSummary(summary, result);

    let annotated: string | undefined;
    let annotateError: string | undefined;
    const target = targets.get(input.path);
    if (target && result.error === null) {
      try {
        await annotateWorkbook(result, target);
        annotated = path.relative(io.cwd, target) || target;
      } catch (err) {
        annotateError = `无法写入批注副本“${target}”：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
        failed = true;
      }
    }

    progress.clear();
    if (opts.format === 'json') {
      files.push(toReportFile(result));
      if (annotateError) io.stderr.write(`${annotateError}\n`);
    } else if (opts.format === 'html') {
      const noTables = result.sheets.filter((s) => s.blockCount === 0).map((s) => noTableLine(s.name, s.note, sheetNoun(result)));
      pages.push({ ...toReportFile(result), format: result.format, noTables });
      if (annotated) io.stderr.write(`批注副本：${annotated}\n`);
      if (annotateError) io.stderr.write(`${annotateError}\n`);
    } else {
      let text = formatFile(result, colors);
      const extra: string[] = [];
      if (annotated) extra.push(`  批注副本：${annotated}`);
      if (annotateError) extra.push(`  ${colors.red('✖')} ${annotateError}`);
      if (extra.length > 0) text = `${text.replace(/\n\n$/, '\n')}${extra.join('\n')}\n\n`;
      out.write(text);
    }
    // drop the file's data before reading the next one (bounded memory)
    result.blocks = [];
    result.grid = undefined;
  }
  progress.clear();

  if (opts.format === 'json') {
    const report: Report = { files, summary };
    out.write(`${JSON.stringify(report, null, 2)}\n`);
  } else if (opts.format === 'html') {
    out.write(formatHtml(pages, summary, { generated: new Date(), version: version(), paths, year: opts.check.year, profile: opts.check.profile }));
  } else {
    out.write(formatSummary(summary, unreadable, colors));
  }
  if (sink && outputFile !== undefined) {
    try {
      await writeFileAtomically(outputFile, sink.text());
    } catch (err) {
      io.stderr.write(`jxmb：无法写入报告“${opts.output}”：${err instanceof Error ? err.message.split('\n')[0] : String(err)}\n`);
      return EXIT_FAILURE;
    }
    const plain = makeColors(shouldColor(io.stdout, io.env));
    io.stdout.write(`报告已写入 ${path.relative(io.cwd, outputFile) || outputFile}\n`);
    io.stdout.write(formatSummary(summary, unreadable, plain));
  }
  // a file read but holding no recognised table was not checked: not everything was (as for an unreadable file)
  if (unreadable > 0 || failed || (summary.unchecked ?? 0) > 0) return EXIT_FAILURE;
  return summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

export function checkCommand(ctx: CommandContext): Command {
  const ids = profileIds();
  return new Command('check')
    .description('检查绩效目标表（Excel、WPS、OpenDocument 表格和 Word 文档中的表格），逐个单元格报告问题')
    .argument('<路径...>', '要检查的文件或文件夹：.xlsx .xlsm .xls .et .ods .docx 和 XML 电子表格 2003（按内容识别格式；文件夹会递归查找，跳过 ~$ 临时文件）')
    .option('-f, --format <格式>', '输出格式：stylish（默认，便于阅读）、json（机器可读）或 html（一页网页报告，可离线打开和打印）')
    .option('-o, --output <文件>', '把报告写入这个文件（终端只显示汇总）')
    .option('-y, --year <年份>', '预算年度（四位数字）；不指定时从表头或项目编码识别')
    .option('-p, --profile <格式>', `表格格式${ids.length > 0 ? `：${ids.join('、')}` : ''}；不指定时自动识别`)
    .option('-a, --annotate <文件夹>', '把标出问题单元格的工作簿副本写到这个文件夹（原文件不会改动）')
    .addHelpText(
      'after',
      [
        '',
        '退出码：0 没有错误；1 发现错误；2 有文件无法读取、有文件未识别出绩效目标表（未检查）或参数有误。',
        '',
        '示例：',
        '  jxmb check 2025年绩效目标表.xlsx',
        '  jxmb check --year 2025 --annotate 批注 各乡镇报送/',
        '  jxmb check --format json 各乡镇报送/ > 结果.json',
        '  jxmb check --format html -o 检查报告.html 各乡镇报送/',
      ].join('\n'),
    )
    .action(async (paths: string[], options: CheckCliOptions) => {
      ctx.exit(await runCheck(paths, options, ctx.io));
    });
}

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

/** commander's English pieces (`[options]`, `(default: "x")`, `choices:`) in Chinese. */
export function zhHelp(text: string): string {
  return text
    .replace(/\[options\]/g, '[选项]')
    .replace(/\[command\]/g, '[命令]')
    .replace(/ \(((?:default|choices|preset|env): [^()]*)\)$/, (_m, inner: string) => `（${inner.replace(/default: /g, '默认：').replace(/choices: /g, '可选：').replace(/preset: /g, '预设：').replace(/env: /g, '环境变量：').replace(/, /g, '，')}）`);
}

/** Chinese help, output through `io`, errors thrown instead of process.exit — for every subcommand. */
function applyHouseStyle(cmd: Command, io: CliIO): void {
  cmd.exitOverride();
  cmd.configureOutput({
    writeOut: (s) => io.stdout.write(s),
    writeErr: (s) => io.stderr.write(s),
    getOutHelpWidth: () => io.stdout.columns ?? 100,
    getErrHelpWidth: () => io.stderr.columns ?? 100,
    outputError: () => undefined, // printed in Chinese by main()
  });
  cmd.configureHelp({
    styleTitle: (t: string) => TITLES[t] ?? t,
    displayWidth,
    // commander's own words in a usage line and after a description, in Chinese
    commandUsage: (c: Command) => zhHelp(Help.prototype.commandUsage.call(new Help(), c)),
    subcommandTerm: (c: Command) => zhHelp(Help.prototype.subcommandTerm.call(new Help(), c)),
    optionDescription: (o: Option) => zhHelp(Help.prototype.optionDescription.call(new Help(), o)),
    argumentDescription: (a: Argument) => zhHelp(Help.prototype.argumentDescription.call(new Help(), a)),
  });
  cmd.helpOption('-h, --help', '显示帮助');
  for (const sub of cmd.commands) applyHouseStyle(sub, io);
}

/** Builds a subcommand for `ctx` (the way `checkCommand` does). */
export type CommandFactory = (ctx: CommandContext) => Command;

export function buildProgram(ctx: CommandContext, extra: CommandFactory[] = []): Command {
  const program = new Command('jxmb')
    .description('绩效目标表助手：检查项目支出绩效目标表（Excel、WPS、Word 等）')
    .version(version(), '-V, --version', '显示版本号')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .showSuggestionAfterError(true);

  program.addCommand(checkCommand(ctx));
  // `jxmb template` takes its own out/err functions and reports its exit code through
  // process.exitCode, which main() picks up.
  program.addCommand(rulesCommand(ctx));
  program.addCommand(suggestCommand(ctx));
  program.addCommand(templateCommand({ out: (t) => ctx.io.stdout.write(`${t}\n`), err: (t) => ctx.io.stderr.write(`${t}\n`) }));
  for (const make of extra) program.addCommand(make(ctx));

  applyHouseStyle(program, ctx.io);
  return program;
}

function commanderMessage(err: CommanderError): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const suggestion = /\(Did you mean (.+)\?\)/.exec(err.message)?.[1];
  const hint = suggestion ? `（是否想用 ${suggestion}？）` : '';
  switch (err.code) {
    case 'commander.unknownOption':
      return `未知的选项“${quoted}”${hint}；用 jxmb --help 查看用法`;
    case 'commander.unknownCommand':
      return `未知的命令“${quoted}”${hint}；可用的命令见 jxmb --help`;
    case 'commander.missingArgument':
      return '缺少要检查的文件或文件夹；用法：jxmb check [选项] <路径...>';
    case 'commander.optionMissingArgument':
      return `选项“${quoted.split(/[ ,]/)[0] || quoted}”缺少取值`;
    case 'commander.excessArguments':
      return '参数过多；用 jxmb --help 查看用法';
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项“${quoted}”`;
    default:
      return `参数有误：${err.message.replace(/^error:\s*/, '')}`;
  }
}

/**
 * Runs the CLI; resolves to the exit code. Never throws, never calls process.exit.
 * `extra` adds subcommands (tests; the built-in ones are listed in buildProgram).
 */
export async function main(argv: string[], io: CliIO = defaultIO(), extra: CommandFactory[] = []): Promise<number> {
  let code: number | undefined;
  const ctx: CommandContext = { io, exit: (c) => (code = c) };
  const program = buildProgram(ctx, extra);
  const exitCodeBefore = process.exitCode;
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT_FAILURE;
    }
    await program.parseAsync(argv, { from: 'user' });
    if (code === undefined && process.exitCode !== exitCodeBefore) {
      // a subcommand that sets process.exitCode instead of ctx.exit(): report it, leave the global as it was
      code = typeof process.exitCode === 'number' ? process.exitCode : Number(process.exitCode ?? 0) || EXIT_OK;
      process.exitCode = exitCodeBefore;
    }
    return code ?? EXIT_OK;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT_OK;
      if (err.code === 'commander.help') return EXIT_FAILURE;
      io.stderr.write(`jxmb：${commanderMessage(err)}\n`);
      return EXIT_FAILURE;
    }
    if (err instanceof UsageError) {
      io.stderr.write(`jxmb：${err.message}\n`);
      return EXIT_FAILURE;
    }
    const msg = err instanceof Error ? err.message : String(err);
    io.stderr.write(`jxmb：内部错误：${msg.split('\n')[0]}\n`);
    if (io.env.JXMB_DEBUG && err instanceof Error && err.stack) io.stderr.write(`${err.stack}\n`);
    return EXIT_FAILURE;
  }
}

// keep `Help` referenced for subcommands that want to extend the Chinese help
export { Help };
