/**
 * The repository stands alone: nothing in src/, test/, scripts/, docs/ (or the README, package.json,
 * the CI script) points at a folder beside the checkout (the parent's or grandparent's `shared`) or at a
 * DOMAIN.md/DESIGN.md outside docs/. The domain reference is docs/domain.md; the fixtures and seeds
 * are in the repository (test/fixtures/workbooks, data/seeds).
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const SKIP_DIRS = new Set(['node_modules', '.git', 'lib', 'dist', 'dist-preview', 'dist-noindicators', 'out', 'coverage']);
const TEXT = /\.(ts|tsx|js|cjs|mjs|json|md|html|css|txt|xml|yml|yaml|sh)$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (TEXT.test(e.name)) out.push(p);
  }
  return out;
}

const sources = [
  ...['src', 'test', 'scripts', 'docs', '.ci'].flatMap((d) => (fs.existsSync(path.join(root, d)) ? files(path.join(root, d)) : [])),
  ...['README.md', 'package.json', 'webpack.config.js', 'jest.config.js', 'eslint.config.js'].map((f) => path.join(root, f)),
].filter((f) => f !== __filename && !f.includes(`${path.sep}data${path.sep}seeds${path.sep}`));

/** what points outside the repository */
const OUTSIDE: [string, RegExp][] = [
  ['a folder beside the checkout (the parent\'s shared folder)', /\.\.[\\/](\.\.[\\/])*shared\b/],
  ['a shared folder named by the environment', /JXMB_(SHARED|FIXTURES)\b/],
  ['DOMAIN.md or DESIGN.md outside docs/ (cite docs/domain.md §x)', /(^|[^/\w])(DOMAIN|DESIGN)(\.md)?\s*§|(^|[^\w/])(DOMAIN|DESIGN)\.md\b/],
  ['an absolute path of the machine it was written on', /\/work\/(shared|main|wt)\b/],
];

describe('the repository stands alone', () => {
  it('finds the sources it scans', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(sources.some((f) => f.endsWith(path.join('docs', 'domain.md')))).toBe(true);
  });

  it('nothing in src/, test/, scripts/, docs/ points outside the repository', () => {
    const found: string[] = [];
    for (const file of sources) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const [what, re] of OUTSIDE) if (re.test(line)) found.push(`${path.relative(root, file)}:${i + 1} ${what}: ${line.trim().slice(0, 100)}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the patterns catch what they are for', () => {
    const hits = (s: string) => OUTSIDE.filter(([, re]) => re.test(s)).length;
    // built from parts, so that this guard is not itself a hit for a plain search of the tree
    const [up, dir] = ['..', 'shared'];
    expect(hits(`path.resolve(root, '${up}/${dir}/fixtures')`)).toBe(1);
    expect(hits(`path.resolve(root, '${up}/${up}/${dir}/seeds')`)).toBe(1);
    expect(hits(' * The 指标值 parser (DOMAIN.md §4)')).toBe(1);
    expect(hits(' * the canonical block of DOMAIN §2.1')).toBe(1);
    expect(hits(`see /work/${dir}/DOMAIN.md`)).toBeGreaterThan(0);
    expect(hits(' * The 指标值 parser (docs/domain.md §4)')).toBe(0);
    expect(hits('const shared = new Map()')).toBe(0);
  });

  it('the fixtures and seeds the tests and the 指标库 build read are in the repository', () => {
    const workbooks = fs.readdirSync(path.join(root, 'test/fixtures/workbooks')).filter((f) => f.endsWith('.xlsx'));
    const seeds = fs.readdirSync(path.join(root, 'data/seeds')).filter((f) => f.endsWith('.txt'));
    expect(workbooks.length).toBeGreaterThanOrEqual(3);
    expect(seeds.length).toBeGreaterThanOrEqual(3);
  });
});
