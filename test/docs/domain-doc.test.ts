/**
 * docs/domain.md is the repository's own domain reference. Its §6 says when each rule fires: every
 * rule of the checker is there, and a rule it describes that the code does not have yet is marked
 * 计划中 — so when a rule lands, this test says to drop the mark, and a rule never lands unmentioned.
 */
import * as fs from 'fs';
import * as path from 'path';
import { allRules } from '../../src/domain/rules';
import { profiles } from '../../src/domain/profiles';

const root = path.resolve(__dirname, '../..');
const doc = fs.readFileSync(path.join(root, 'docs/domain.md'), 'utf8');
const section = (from: string, to: string) => doc.slice(doc.indexOf(from), doc.indexOf(to, doc.indexOf(from) + from.length));

describe('docs/domain.md', () => {
  const rules = section('## 6. The rules', '## 7.');
  const rows = [...rules.matchAll(/^\| `([a-z0-9-]+\/[a-z0-9-]+)` \|([^\n]*)$/gm)].map((m) => ({ id: m[1], planned: m[2].includes('**计划中 (not yet).**') }));

  it('has the sections the code cites (§2.1–§2.8, §3–§8)', () => {
    for (const h of ['### 2.1 ', '### 2.2 ', '### 2.3 ', '### 2.4 ', '### 2.5 ', '### 2.6 ', '### 2.7 ', '### 2.8 ', '## 3. ', '## 4. ', '## 5. ', '## 6. ', '## 7. ', '## 8. ']) {
      expect([h, doc.includes(`\n${h}`)]).toEqual([h, true]);
    }
  });

  it('§6 describes every rule the checker has, none of them as 计划中', () => {
    for (const rule of allRules) expect([rule.id, rows.find((r) => r.id === rule.id)?.planned]).toEqual([rule.id, false]);
  });

  it('§6 marks 计划中 exactly the rules the checker does not have yet', () => {
    const ids = new Set(allRules.map((r) => r.id));
    expect(rows.length).toBeGreaterThan(allRules.length - 1);
    for (const r of rows.filter((x) => !ids.has(x.id))) expect([r.id, r.planned]).toEqual([r.id, true]);
  });

  it('§2 names every shipped format, and a format it describes but does not ship is marked 计划中', () => {
    const formats = [...section('## 2. ', '## 3. ').matchAll(/^### 2\.\d+ `([a-z0-9-]+)`([\s\S]*?)(?=^### |$(?![\s\S]))/gm)].map((m) => ({ id: m[1], planned: m[2].slice(0, 400).includes('计划中') }));
    for (const p of profiles) expect([p.id, formats.find((f) => f.id === p.id)?.planned]).toEqual([p.id, false]);
    for (const f of formats.filter((x) => !profiles.some((p) => p.id === x.id))) expect([f.id, f.planned]).toEqual([f.id, true]);
  });
});
