import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../src/domain/rules';

const root = path.resolve(__dirname, '../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('README stays true', () => {
  it('starts with the two set-up commands, and both scripts exist', () => {
    const firstBlock = readme.slice(readme.indexOf('```bash'), readme.indexOf('```', readme.indexOf('```bash') + 7));
    expect(firstBlock).toContain('npm ci && npm run demo');
    expect(firstBlock).toContain('npm ci && npm test');
    expect(pkg.scripts.demo).toBeDefined();
    expect(pkg.scripts.test).toBeDefined();
  });

  it('lists every rule id with its default severity', () => {
    const sev: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    for (const rule of allRules) {
      const row = readme.split('\n').find((l) => l.startsWith(`| \`${rule.id}\` |`));
      expect(row).toBeDefined();
      expect(row).toContain(sev[rule.severity]);
    }
  });

  it('names only npm scripts that exist', () => {
    const named = [...readme.matchAll(/npm run ([a-z0-9:-]+)/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(5);
    for (const s of named) expect(pkg.scripts[s]).toBeDefined();
  });
});
