/**
 * The README is the front door (at most about 150 lines, Chinese first, the two set-up commands on
 * top, a link to every document); the text that moved to docs/ is kept true where it now lives:
 * the reviewer's guide against the CLI's own options and exit codes, the performance notes with
 * their measured figures, every npm script named anywhere in the docs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { buildProgram, EXIT_ERRORS, EXIT_FAILURE, EXIT_OK } from '../../src/cli/main';
import { profiles } from '../../src/domain/profiles';

const root = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(root, f), 'utf8');
const readme = read('README.md');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const docs = fs.readdirSync(path.join(root, 'docs')).filter((f) => f.endsWith('.md'));

describe('README: the front door', () => {
  it('starts with the two set-up commands, and both scripts exist', () => {
    const firstBlock = readme.slice(readme.indexOf('```bash'), readme.indexOf('```', readme.indexOf('```bash') + 7));
    expect(readme.indexOf('```bash')).toBeLessThan(readme.indexOf('\n## '));
    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm ci && npm test');
    expect(pkg.scripts.demo).toBe('node scripts/demo.js');
    expect(pkg.scripts.test).toBe('jest');
  });

  it('is short and Chinese first: at most ~150 lines, the English part last', () => {
    expect(readme.split('\n').length).toBeLessThanOrEqual(150);
    const prose = readme.slice(readme.indexOf('```', readme.indexOf('```bash') + 7) + 3);
    const firstParagraph = prose.trim().split('\n\n')[0];
    expect(firstParagraph).toMatch(/[\u4e00-\u9fff]{10}/);
    const english = readme.indexOf('\n## English');
    expect(english).toBeGreaterThan(readme.indexOf('\n## 给填报人员'));
    expect(english).toBeGreaterThan(readme.indexOf('\n## 给审核人员'));
  });

  it('links every document of docs/', () => {
    for (const f of docs) expect([f, readme.includes(`](docs/${f})`)]).toEqual([f, true]);
  });
});

describe('the documents stay true', () => {
  it('name only npm scripts that exist (README and docs/)', () => {
    const texts = [readme, ...docs.map((f) => read(`docs/${f}`))].join('\n');
    const named = [...texts.matchAll(/npm run ([a-z0-9:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const s of new Set(named)) expect([s, pkg.scripts[s] !== undefined]).toEqual([s, true]);
  });

  it('the 审核指南 documents every option of `jxmb check`, `jxmb template` and `jxmb suggest`, and the exit codes', () => {
    const guide = read('docs/审核指南.md');
    const program = buildProgram({ io: { stdout: { write: () => true }, stderr: { write: () => true } } as never, exit: () => undefined });
    for (const name of ['check', 'suggest']) {
      const cmd = program.commands.find((c) => c.name() === name)!;
      for (const o of cmd.options) if (o.long && o.long !== '--help') expect([name, o.long, guide.includes(o.long)]).toEqual([name, o.long, true]);
    }
    // template has many header flags; the guide names its main ones and points at --help for the rest
    for (const flag of ['--profile', '--type', '--year', '--list', '--name', '--budget', '--upper', '--local']) expect([flag, guide.includes(flag)]).toEqual([flag, true]);
    expect(guide).toContain('jxmb template --help');
    expect(guide).toContain(`**${EXIT_OK}** 没有错误`);
    expect(guide).toContain(`**${EXIT_ERRORS}** 发现错误`);
    expect(guide).toContain(`**${EXIT_FAILURE}** 有文件无法读取`);
    const help = program.commands.find((c) => c.name() === 'check')!.helpInformation() + read('src/cli/main.ts');
    expect(help).toContain(`退出码：${EXIT_OK} 没有错误；${EXIT_ERRORS} 发现错误；${EXIT_FAILURE} 有文件无法读取、有文件未识别出绩效目标表（未检查）或参数有误`);
    expect(guide).toContain('未检查的文件不算通过');
    for (const p of profiles) expect([p.id, guide.includes(`\`${p.id}\``)]).toEqual([p.id, true]);
  });

  it('the performance notes keep the measured figures, each row a figure and a target', () => {
    const perf = read('docs/performance.md');
    const rows = perf.split('\n').filter((l) => /^\| [^-w]/.test(l) && !l.startsWith('| what |'));
    for (const what of ['engine, 10 / 100 / 1,000 blocks', 'CLI, 100 workbooks × 20 blocks', 'syncs per validation pass', 'syncs per insertion', 'task pane JavaScript, gzipped', 'pane interactive after load']) {
      const row = rows.find((r) => r.includes(what));
      expect([what, row !== undefined && /\| [^|]*\d[^|]*\|[^|]*\|$/.test(row.trim())]).toEqual([what, true]);
    }
    expect(perf).toContain('npm run bench');
  });

  it('the 用户手册 shows the screenshots the browser test takes, and each is committed', () => {
    const manual = read('docs/用户手册.md');
    const e2e = read('scripts/e2e.js');
    const shots = [...manual.matchAll(/!\[[^\]]*\]\(images\/([^)]+\.png)\)/g)].map((m) => m[1]);
    expect(shots.length).toBeGreaterThanOrEqual(5);
    for (const s of shots) {
      expect([s, e2e.includes(`'${s}'`)]).toEqual([s, true]); // taken by scripts/e2e.js (DOC_SHOTS)
      expect([s, fs.existsSync(path.join(root, 'docs/images', s))]).toEqual([s, true]);
    }
  });
});
