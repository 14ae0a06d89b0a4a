/**
 * A rule's properties are on the rule (defineRule({...})), and the engine, the bulk fix, the CLI's
 * rule list and the pane read them from there: whether its reports may carry a fix and whether that
 * fix is safe in bulk (修复全部格式问题), and the setting that switches a default-off rule on. No
 * list of rule ids outside the rules says the same thing again. And `Profile` is derived from its
 * zod schema, not written twice.
 */
import * as fs from 'fs';
import * as path from 'path';
import { checkBlocks, ruleGrade } from '../../src/domain/engine';
import { isSafeBulkFix, SAFE_BULK_FIX_RULES } from '../../src/domain/fixes';
import { getProfile } from '../../src/domain/profiles';
import { defineRule } from '../../src/domain/rule';
import { allRules, getRule } from '../../src/domain/rules';
import { listRules } from '../../src/cli/rules';
import { createCatalog } from '../../src/taskpane/catalog';
import { hebeiBlock } from '../helpers/blocks';

const src = path.resolve(__dirname, '../../src');
const read = (rel: string) => fs.readFileSync(path.join(src, rel), 'utf8');

describe('rule properties live on the rule', () => {
  it('the bulk-safe fixes are the rules that say so: the notation fixes', () => {
    expect([...SAFE_BULK_FIX_RULES].sort()).toEqual(['indicator/alias-name', 'value/percent-notation']);
    const d = checkBlocks([hebeiBlock({ plan: [null, '50%', '75%', '100%'] })]).find((x) => x.ruleId === 'plan/blank-checkpoint');
    expect(d?.fix).toBeDefined(); // fixable one by one …
    expect(isSafeBulkFix(d!)).toBe(false); // … but not in bulk: it changes what the plan says
  });

  it('every rule that writes a fix in its check declares it fixable; a fix from a rule that does not is dropped', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(src, 'domain/rules'));
    const undeclared = files.filter((f) => {
      const code = fs.readFileSync(f, 'utf8');
      return /defineRule\(/.test(code) && /\bfix:/.test(code) && !/\bfixable: '(one|bulk)'/.test(code);
    });
    expect(undeclared).toEqual([]);
    const silent = defineRule({
      id: 'test/undeclared-fix',
      severity: 'warning',
      scope: 'block',
      description: 'reports a fix without declaring it',
      messages: { m: '测试' },
      check(ctx) {
        ctx.report({ at: 'A1', messageId: 'm', fix: { cell: 'A1', value: 1, label: '改为1' } });
      },
    });
    expect(checkBlocks([hebeiBlock({})], {}, [silent])[0].fix).toBeUndefined();
    expect(checkBlocks([hebeiBlock({})], {}, [{ ...silent, fixable: 'one' }])[0].fix).toEqual({ cell: 'A1', value: 1, label: '改为1' });
  });

  it('a default-off rule is switched on by the setting it names itself', () => {
    const profile = getProfile('hebei-project');
    const rule = getRule('plan/behind-schedule')!;
    expect(rule.defaultOff).toBe(true);
    expect(ruleGrade(rule, profile)).toBeUndefined();
    expect(ruleGrade(rule, profile, { planPacing: true })).toEqual({ severity: 'info', regraded: false });
    const own = defineRule({
      id: 'test/switched',
      severity: 'warning',
      defaultOff: true,
      switchedOn: (s) => s.year === 2030,
      scope: 'block',
      description: 'on in 2030',
      messages: { m: '测试' },
      check() {},
    });
    expect(ruleGrade(own, profile, { year: 2029 })).toBeUndefined();
    expect(ruleGrade(own, profile, { year: 2030 })).toEqual({ severity: 'warning', regraded: false });
  });

  it('the CLI rule list and the pane read them from the rule', () => {
    const rows = listRules();
    expect(rows.find((r) => r.id === 'value/percent-notation')?.fixable).toBe('bulk');
    expect(rows.find((r) => r.id === 'plan/not-cumulative')?.fixable).toBe('one');
    expect(rows.find((r) => r.id === 'table/missing-field')?.fixable).toBeUndefined();
    const pane = createCatalog().rules;
    expect(pane.filter((r) => r.fixable === 'bulk').map((r) => r.id).sort()).toEqual([...SAFE_BULK_FIX_RULES].sort());
    expect(pane.filter((r) => r.defaultOff).map((r) => r.id)).toEqual(allRules.filter((r) => r.defaultOff).map((r) => r.id));
  });

  it('the engine and the fixes name no rule id', () => {
    for (const f of ['domain/engine.ts', 'domain/fixes.ts']) {
      const code = read(f).replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      const ids = allRules.map((r) => r.id).filter((id) => code.includes(`'${id}'`));
      expect({ f, ids }).toEqual({ f, ids: [] });
    }
  });
});

describe('Profile is derived from its schema', () => {
  it('profile.ts declares the shape once, as zod, and the type is inferred from it', () => {
    const code = read('domain/profile.ts');
    expect(code).toMatch(/export type Profile = z\.(input|infer)<typeof ProfileSchema>/);
    expect(code).not.toMatch(/export interface (Profile|FieldSpec|Level1Spec|BlockTemplate|TemplateCell|TotalRelation)\b/);
  });
});
