/**
 * Every rule of the checker for the template tests: the registered ones plus the indicator/value/
 * text families (which may not be wired into `allRules` yet on this branch), by id, once each.
 */
import type { Rule } from '../../src/domain/rule';
import { allRules } from '../../src/domain/rules';
import { indicatorRules } from '../../src/domain/rules/indicator';
import { textRules } from '../../src/domain/rules/text';
import { valueRules } from '../../src/domain/rules/value';

const byId = new Map<string, Rule>();
for (const r of [...allRules, ...indicatorRules, ...valueRules, ...textRules]) if (!byId.has(r.id)) byId.set(r.id, r);

export const RULES: Rule[] = [...byId.values()];

export function ruleExists(id: string): boolean {
  return byId.has(id);
}
