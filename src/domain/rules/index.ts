/** Every rule of the checker, and lookup by id. */
import type { Rule } from '../rule';
import { idRules } from './id';
import { indicatorRules } from './indicator';
import { planRules } from './plan';
import { tableRules } from './table';
import { textRules } from './text';
import { totalRules } from './total';
import { valueRules } from './value';

export { tableRules, idRules, indicatorRules, valueRules, planRules, totalRules, textRules };

/** In docs/domain.md §6 order: block structure, indicators, values, plan, totals, disclosure text. */
export const allRules: Rule[] = [
  ...tableRules,
  ...idRules,
  ...indicatorRules,
  ...valueRules,
  ...planRules,
  ...totalRules,
  ...textRules,
];

const byId = new Map(allRules.map((r) => [r.id, r]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}
