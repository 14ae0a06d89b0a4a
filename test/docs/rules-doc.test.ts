/**
 * docs/rules.md is generated from the rule modules (scripts/build-rules-doc.ts): the committed file
 * must be what a fresh generation gives, so a rule added or changed without `npm run docs:rules`
 * fails here.
 */
import * as fs from 'fs';
import { isFixable, renderRulesDoc, RULES_DOC } from '../../scripts/build-rules-doc';
import { SAFE_BULK_FIX_RULES } from '../../src/domain/fixes';
import { allRules } from '../../src/domain/rules';

const committed = fs.readFileSync(RULES_DOC, 'utf8');

describe('docs/rules.md', () => {
  it('is what the rule modules generate (run `npm run docs:rules` after changing a rule)', () => {
    expect(committed).toBe(renderRulesDoc());
  });

  it('lists every rule id with its default severity, description and messages', () => {
    const sev: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };
    const lines = committed.split('\n');
    for (const rule of allRules) {
      const row = lines.find((l) => l.startsWith(`| \`${rule.id}\` | ${sev[rule.severity]}`));
      expect([rule.id, row?.includes(rule.description)]).toEqual([rule.id, true]);
      for (const text of Object.values(rule.messages)) expect([rule.id, committed.includes(text.replace(/\|/g, '\\|'))]).toEqual([rule.id, true]);
    }
  });

  it('says which rules offer a fix: every bulk-safe rule, and a rule without a fix is not marked', () => {
    for (const id of SAFE_BULK_FIX_RULES) expect([id, isFixable(allRules.find((r) => r.id === id)!)]).toEqual([id, true]);
    expect(isFixable(allRules.find((r) => r.id === 'value/cost-direction')!)).toBe(false); // its comment says “No fix:”
    expect(allRules.filter(isFixable).map((r) => r.id).sort()).toEqual(
      expect.arrayContaining(['plan/blank-checkpoint', 'plan/not-cumulative', 'value/split-not-numeric']),
    );
  });
});
