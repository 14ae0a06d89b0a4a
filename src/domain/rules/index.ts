/** Every rule of the checker, and lookup by id. */
import type { Rule } from '../rule';
import { idRules } from './id';
import { planRules } from './plan';
import { tableRules } from './table';
import { totalRules } from './total';

export { tableRules, idRules, planRules, totalRules };

export const allRules: Rule[] = [...tableRules, ...idRules, ...planRules, ...totalRules];

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
