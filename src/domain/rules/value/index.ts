import type { Rule } from '../../rule';
import { valueCostDirection } from './cost-direction';
import { valueCostNotQuantified } from './cost-not-quantified';
import { valueDirectionMismatch } from './direction-mismatch';
import { valueMissingUnit } from './missing-unit';
import { valuePercentNotation } from './percent-notation';
import { valuePercentOutOfRange } from './percent-out-of-range';
import { valueQuantityNotCount } from './quantity-not-count';
import { valueRateWithoutPercent } from './rate-without-percent';
import { valueSatisfaction } from './satisfaction';
import { valueSplitMissingUnit } from './split-missing-unit';
import { valueSplitNotNumeric } from './split-not-numeric';
import { valueSplitOperator } from './split-operator';
import { valueYearMismatch } from './year-mismatch';

export {
  valueCostDirection,
  valueCostNotQuantified,
  valueDirectionMismatch,
  valueMissingUnit,
  valuePercentNotation,
  valuePercentOutOfRange,
  valueQuantityNotCount,
  valueRateWithoutPercent,
  valueSatisfaction,
  valueSplitMissingUnit,
  valueSplitNotNumeric,
  valueSplitOperator,
  valueYearMismatch,
};

/** The value/* rules (docs/domain.md §6 Values, then Split values). */
export const valueRules: Rule[] = [
  valuePercentNotation,
  valuePercentOutOfRange,
  valueQuantityNotCount,
  valueMissingUnit,
  valueRateWithoutPercent,
  valueCostDirection,
  valueCostNotQuantified,
  valueSatisfaction,
  valueYearMismatch,
  valueDirectionMismatch,
  valueSplitOperator,
  valueSplitNotNumeric,
  valueSplitMissingUnit,
];
