import type { Rule } from '../../rule';
import { valueCostDirection } from './cost-direction';
import { valueCostNotQuantified } from './cost-not-quantified';
import { valueMissingUnit } from './missing-unit';
import { valuePercentNotation } from './percent-notation';
import { valuePercentOutOfRange } from './percent-out-of-range';
import { valueQuantityNotCount } from './quantity-not-count';
import { valueSatisfaction } from './satisfaction';
import { valueYearMismatch } from './year-mismatch';

export {
  valueCostDirection,
  valueCostNotQuantified,
  valueMissingUnit,
  valuePercentNotation,
  valuePercentOutOfRange,
  valueQuantityNotCount,
  valueSatisfaction,
  valueYearMismatch,
};

/** The value/* rules (DOMAIN.md §6 Values). */
export const valueRules: Rule[] = [
  valuePercentNotation,
  valuePercentOutOfRange,
  valueQuantityNotCount,
  valueMissingUnit,
  valueCostDirection,
  valueCostNotQuantified,
  valueSatisfaction,
  valueYearMismatch,
];
