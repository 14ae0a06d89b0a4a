import * as fs from 'fs';
import * as path from 'path';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import { collectInputs } from '../../src/cli/files';
import { ReportSchema, type Report } from '../../src/cli/report';
import { writeHebeiWorkbook } from '../../scripts/bench-cli';
import { fixture } from '../helpers/fixtures';
import { encryptedXlsxBytes, noteOf, run, sha256, tmpDir } from './helpers';

const FIXTURES = ['hebei-2021-anshan.xlsx', 'hebei-2025-zhangerzhuang.xlsx', 'disclosure-2023-haomen.xlsx'].map(fixture);
const CJK = /[\u4e00-\u9fff]/;
const ESC = '\u001b[';

function parseReport(stdout: string): Report {
  const parsed = ReportSchema.safeParse(JSON.parse(stdout));
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues.slice(0, 5)));
  return parsed.data;
}

let dir: string;
beforeAll(() => {
  dir = tmpDir();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('arguments', () => {
  test.each([
    [['check', '--profile', 'nope', FIXTURES[1]], /未知的表格格式“nope”.*hebei-project/],
    [['check', '--year', '21', FIXTURES[1]], /--year.*“21”/],
    [['check', '--year', '二〇二五', FIXTURES[1]], /--year/],
    [['check', '--format', 'xml', FIXTURES[1]], /--format.*“xml”/],
    [['check', '--bogus', FIXTURES[1]], /未知的选项“--bogus”/],
    [['check'], /缺少要检查的文件或文件夹/],
    [['frobnicate'], /未知的命令“frobnicate”/],
    [['check', '--year'], /缺少取值/],
  ])('%j → one Chinese line on stderr, exit 2', async (argv, pattern) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(pattern);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\berror:|\n\s+at /);
  });

  test('a valid year and profile are accepted', async () => {
    const r = await run(['check', '--year', '2025', '--profile', 'hebei-project', '--format', 'json', FIXTURES[1]]);
    expect(r.code).not.toBe(2);
    const report = parseReport(r.stdout);
    expect(report.files[0].year).toBe(2025);
    expect(report.files[0].blocks.every((b) => b.profile === 'hebei-project')).toBe(true);
  });

  test('--help prints Chinese help and exits 0', async () => {
    const top = await run(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/用法：/);
    expect(top.stdout).toMatch(/check/);
    const sub = await run(['check', '--help']);
    expect(sub.code).toBe(0);
    expect(sub.stdout).toMatch(/选项：/);
    expect(sub.stdout).toMatch(/--annotate <文件夹>/);
    expect(sub.stdout).toMatch(/退出码/);
  });

  test('every help is Chinese: no “[options]”, “(default: …)” or “Usage:” from commander, no English placeholder', async () => {
    for (const args of [['--help'], ['check', '--help'], ['rules', '--help'], ['suggest', '--help'], ['template', '--help']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      // what is left in Latin letters is an option, a format id, a file type or a command name
      const words = r.stdout
        .replace(/(hebei|central|disclosure)-[a-z0-9-]+/g, '')
        .replace(/--?[a-z][a-z-]*/g, '')
        .replace(/\.(xlsx|xlsm|xls|et|ods|docx)\b|\b(jxmb|check|rules|suggest|template|help|stylish|json|html|text|all|XML|Excel|WPS|Word|OpenDocument)\b/g, '')
        .match(/[A-Za-z]{2,}/g);
      expect({ args, words }).toEqual({ args, words: null });
      expect(r.stdout).not.toMatch(/\[options\]|\[command\]|default:|Usage:|Options:/);
    }
    expect((await run(['template', '--help'])).stdout).toMatch(/（默认："hebei-project"）/);
  });

  test('no arguments: help on stderr, exit 2', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/用法：/);
  });
});

describe('further subcommands', () => {
  // the shape of `jxmb template`: its own output functions, exit code through process.exitCode
  const fake = (): Command =>
    new Command('fake')
      .description('测试用子命令')
      .option('--fail', '失败')
      .action((opts: { fail?: boolean }) => {
        if (opts.fail) process.exitCode = 1;
      });

  test('a subcommand that sets process.exitCode reports it through main(), leaving the global as it was', async () => {
    const before = process.exitCode;
    expect((await run(['fake', '--fail'], {}, [fake])).code).toBe(1);
    expect(process.exitCode).toBe(before);
    expect((await run(['fake'], {}, [fake])).code).toBe(0);
  });

  test('it gets the Chinese help and Chinese argument errors', async () => {
    const help = await run(['fake', '--help'], {}, [fake]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/用法：[\s\S]*选项：[\s\S]*显示帮助/);
    const bad = await run(['fake', '--nope'], {}, [fake]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/未知的选项“--nope”/);
  });
});

describe('finding workbooks', () => {
  test('folders are searched recursively; lock files, hidden folders and other files are skipped', async () => {
    const root = path.join(dir, 'find');
    fs.mkdirSync(path.join(root, 'sub', 'deeper'), { recursive: true });
    fs.mkdirSync(path.join(root, '.hidden'), { recursive: true });
    for (const p of ['a.xlsx', 'sub/b.XLSX', 'sub/deeper/c.xlsx', '~$a.xlsx', 'notes.txt', 'old.xls', 'wps.et', 'm.xlsm', 'o.ods', 'doc.docx', '~$doc.docx', '.hidden/d.xlsx', 'config.xml']) {
      fs.writeFileSync(path.join(root, p), 'x');
    }
    // an .xml file is collected only when it is an XML Spreadsheet 2003 workbook
    fs.writeFileSync(path.join(root, 'sub', '一体化导出.xml'), '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>');
    const found = await collectInputs([root], dir);
    expect(found.map((f) => path.relative(root, f.path)).sort()).toEqual(
      ['a.xlsx', 'sub/b.XLSX', 'sub/deeper/c.xlsx', 'old.xls', 'wps.et', 'm.xlsm', 'o.ods', 'doc.docx', 'sub/一体化导出.xml'].sort(),
    );
    expect(found.every((f) => f.root === root && !f.error)).toBe(true);
    // the same file named twice is checked once
    const twice = await collectInputs([root, path.join(root, 'a.xlsx')], dir);
    expect(twice).toHaveLength(9);
  });

  test('a missing path and a folder without workbooks are reported, not thrown', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty, { recursive: true });
    const found = await collectInputs([path.join(dir, 'nothing-here.xlsx'), empty], dir);
    expect(found.map((f) => f.error)).toEqual(['文件或文件夹不存在', '文件夹中没有可检查的文件（.xlsx、.xlsm、.xls、.et、.ods、.docx 或 XML 电子表格）']);
  });
});

describe('unreadable files', () => {
  let bad: string;
  let good: string;
  beforeAll(() => {
    bad = path.join(dir, 'bad');
    fs.mkdirSync(bad, { recursive: true });
    fs.writeFileSync(path.join(bad, '1-not-a-zip.xlsx'), '这不是工作簿，只是文本。\n');
    const bytes = fs.readFileSync(FIXTURES[1]);
    fs.writeFileSync(path.join(bad, '2-truncated.xlsx'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    fs.writeFileSync(path.join(bad, '3-encrypted.xlsx'), encryptedXlsxBytes());
    good = path.join(dir, 'good.xlsx');
    fs.copyFileSync(FIXTURES[1], good);
  });

  test('each gets a one-line Chinese reason, exit 2, and the good file is still checked', async () => {
    const empty = path.join(dir, 'empty2');
    fs.mkdirSync(empty, { recursive: true });
    const r = await run(['check', '--format', 'json', bad, good, path.join(dir, 'missing.xlsx'), empty]);
    expect(r.code).toBe(2);
    const report = parseReport(r.stdout);
    expect(report.files).toHaveLength(6);
    const [notZip, truncated, encrypted, ok, missing, noWorkbooks] = report.files;
    for (const f of [notZip, truncated, encrypted, missing, noWorkbooks]) {
      expect(f.error).toMatch(CJK);
      expect(f.error).not.toMatch(/\n|\s+at\s/);
      expect(f.blocks).toEqual([]);
      expect(f.diagnostics).toEqual([]);
    }
    expect(encrypted.error).toMatch(/密码|加密/);
    expect(ok.error).toBeNull();
    expect(ok.blocks.length).toBeGreaterThan(0);
    expect(report.summary.files).toBe(6);
    expect(r.stderr).not.toMatch(/\s+at\s.*\(/);
  });

  test('stylish names the reason and counts unreadable files in the summary', async () => {
    const r = await run(['check', bad, good]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/1-not-a-zip\.xlsx\n\s+✖ 无法读取：/);
    expect(r.stdout).toMatch(/✖ 4 个文件：\d+ 个错误，\d+ 个警告，\d+ 个提示；3 个文件无法读取/);
  });
});

describe('reading the next file while one is checked', () => {
  test('each file’s result is its own: the same as checking it alone, in the order given, an unreadable one between them', async () => {
    const mixed = path.join(dir, 'ahead');
    fs.mkdirSync(mixed, { recursive: true });
    fs.copyFileSync(FIXTURES[0], path.join(mixed, '1.xlsx'));
    fs.writeFileSync(path.join(mixed, '2.xlsx'), fs.readFileSync(FIXTURES[1]).subarray(0, 2000));
    fs.copyFileSync(FIXTURES[1], path.join(mixed, '3.xlsx'));
    fs.copyFileSync(FIXTURES[2], path.join(mixed, '4.xlsx'));
    const r = await run(['check', '--format', 'json', mixed]);
    const report = parseReport(r.stdout);
    expect(report.files.map((f) => path.basename(f.file))).toEqual(['1.xlsx', '2.xlsx', '3.xlsx', '4.xlsx']);
    expect(report.files[1].error).toMatch(CJK);
    for (const i of [0, 2, 3]) {
      const alone = parseReport((await run(['check', '--format', 'json', path.join(mixed, `${i + 1}.xlsx`)])).stdout).files[0];
      expect(report.files[i].error).toBeNull();
      expect(report.files[i].blocks.length).toBeGreaterThan(0);
      expect(report.files[i].diagnostics).toEqual(alone.diagnostics);
      expect(report.files[i].blocks).toEqual(alone.blocks);
    }
  });
});

describe('the fixtures', () => {
  let json: { code: number; report: Report };
  beforeAll(async () => {
    const r = await run(['check', '--format', 'json', ...FIXTURES]);
    json = { code: r.code, report: parseReport(r.stdout) };
  });

  test('json: every file read, blocks found, year found, diagnostics point into the blocks', () => {
    const { report } = json;
    expect(report.files.map((f) => f.file)).toEqual(FIXTURES);
    expect(report.files.map((f) => f.year)).toEqual([2021, 2025, 2023]);
    for (const f of report.files) {
      expect(f.error).toBeNull();
      expect(f.blocks.length).toBeGreaterThan(0);
      expect(f.blocks.every((b) => b.name.length > 0)).toBe(true);
      for (const d of f.diagnostics) {
        expect(d.message).toMatch(CJK);
        if (d.block !== null) expect(f.blocks[d.block - 1].sheet).toBe(d.sheet);
      }
    }
    const count = (sev: string): number => report.files.reduce((n, f) => n + f.diagnostics.filter((d) => d.severity === sev).length, 0);
    expect(report.summary).toEqual({ files: 3, errors: count('error'), warnings: count('warning'), infos: count('info'), unchecked: 0 });
  });

  test('json: the exit code follows the errors found', () => {
    expect(json.code).toBe(json.report.summary.errors > 0 ? 1 : 0);
  });

  test('json: a disclosure list has one block per data row, named by 单位及项目名称', () => {
    const list = json.report.files[2];
    expect(list.blocks.every((b) => b.profile === 'disclosure-list')).toBe(true);
    expect(list.blocks.length).toBeGreaterThan(5);
    expect(new Set(list.blocks.map((b) => b.range)).size).toBe(list.blocks.length);
  });

  test('stylish: Chinese per file, per block, per cell, with the summary; no colour when not a terminal', async () => {
    const r = await run(['check', ...FIXTURES]);
    expect(r.code).toBe(json.code);
    const s = json.report.summary;
    expect(r.stdout).toContain(`3 个文件：${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示`);
    expect(r.stdout).toMatch(/预算年度 2021/);
    expect(r.stdout).not.toContain(ESC);
    const first = json.report.files.find((f) => f.diagnostics.length > 0)!;
    const d = first.diagnostics[0];
    expect(r.stdout).toContain(d.message);
    expect(r.stdout).toContain(d.ruleId);
  });

  test('stylish: coloured on a terminal, not with NO_COLOR', async () => {
    const tty = await run(['check', FIXTURES[0]], { tty: true });
    expect(tty.stdout).toContain(ESC);
    const noColor = await run(['check', FIXTURES[0]], { tty: true, env: { NO_COLOR: '1' } });
    expect(noColor.stdout).not.toContain(ESC);
    expect(noColor.stdout.length).toBeGreaterThan(0);
  });
});

describe('generated workbooks', () => {
  let clean: string;
  let faulty: string;
  beforeAll(async () => {
    clean = path.join(dir, 'gen', 'clean.xlsx');
    faulty = path.join(dir, 'gen', 'faulty.xlsx');
    await writeHebeiWorkbook(clean, { year: 2025, blocks: 3, seed: 3 });
    await writeHebeiWorkbook(faulty, { year: 2025, blocks: 3, seed: 4, fault: 'plan-final' });
  });

  test('a clean workbook exits 0 with no errors', async () => {
    const r = await run(['check', '--format', 'json', clean]);
    const report = parseReport(r.stdout);
    expect(report.files[0].blocks).toHaveLength(3);
    expect(report.files[0].diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('a planted error exits 1 and is reported at its cell in block 1', async () => {
    const r = await run(['check', '--format', 'json', faulty]);
    expect(r.code).toBe(1);
    const report = parseReport(r.stdout);
    const d = report.files[0].diagnostics.find((x) => x.ruleId === 'plan/final-not-100');
    expect(d).toBeDefined();
    expect(d!.block).toBe(1);
    expect(d!.cell).toBe('E9'); // title row 1, block from row 3: plan values on row 9
  });

  test('a sheet without a recognisable table is said plainly, not an error of the file', async () => {
    const file = path.join(dir, 'gen', 'two-sheets.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(clean);
    const ws = wb.addWorksheet('Sheet2');
    ws.getCell('A1').value = '说明：本表由乡镇财政所填报';
    await wb.xlsx.writeFile(file);
    const r = await run(['check', file]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('工作表“Sheet2”：未找到可识别的绩效目标表');
    expect(r.stdout).not.toContain('无法读取');
  });

  test('progress on stderr only when stderr is a terminal and there are many files', async () => {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many, { recursive: true });
    for (let i = 0; i < 5; i++) fs.copyFileSync(clean, path.join(many, `${i}.xlsx`));
    const tty = await run(['check', '--format', 'json', many], { tty: true });
    expect(tty.stderr).toContain('正在检查 5/5');
    expect(() => JSON.parse(tty.stdout)).not.toThrow();
    const piped = await run(['check', '--format', 'json', many]);
    expect(piped.stderr).toBe('');
    const one = await run(['check', clean], { tty: true });
    expect(one.stderr).toBe('');
  });
});

describe('--annotate', () => {
  test('writes a marked copy with 检查结果 first; the input is unchanged', async () => {
    const inDir = path.join(dir, 'ann-in', 'sub');
    fs.mkdirSync(inDir, { recursive: true });
    const input = path.join(inDir, 'anshan.xlsx');
    fs.copyFileSync(FIXTURES[0], input);
    const before = sha256(input);
    const out = path.join(dir, 'ann-out');
    const r = await run(['check', '--format', 'json', '--annotate', out, path.join(dir, 'ann-in')]);
    expect(r.stderr).toBe('');
    expect(sha256(input)).toBe(before);
    const report = parseReport(r.stdout);
    const copy = path.join(out, 'sub', 'anshan.xlsx');
    expect(fs.existsSync(copy)).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(copy);
    expect(wb.worksheets[0].name).toBe('检查结果');
    const diags = report.files[0].diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    expect(wb.worksheets[0].rowCount).toBeGreaterThanOrEqual(diags.length + 1);
    const d = diags[0];
    // ExcelJS, not Office.js: getCell() then .master gives the merge's top-left cell (itself when not merged)
    const master = wb.getWorksheet(d.sheet)!.getCell(d.cell).master;
    expect((master.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toMatch(/^FF/);
    expect(noteOf(master)).toContain(`${d.ruleId}：${d.message}`);
  });

  test('stylish names the copy', async () => {
    const out = path.join(dir, 'ann-out2');
    const r = await run(['check', '--annotate', out, FIXTURES[1]]);
    expect(r.stdout).toContain('批注副本：');
    expect(fs.existsSync(path.join(out, path.basename(FIXTURES[1])))).toBe(true);
  });

  test("refuses the input's own folder", async () => {
    const inDir = path.join(dir, 'ann-self');
    fs.mkdirSync(inDir, { recursive: true });
    const input = path.join(inDir, 'x.xlsx');
    fs.copyFileSync(FIXTURES[1], input);
    const before = sha256(input);
    const r = await run(['check', '--annotate', inDir, input]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/覆盖原文件/);
    expect(r.stdout).toBe('');
    expect(sha256(input)).toBe(before);
    expect(fs.readdirSync(inDir)).toEqual(['x.xlsx']);
  });
});
