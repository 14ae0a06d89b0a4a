import type { Rule } from '../../rule';
import { indicatorAliasName } from './alias-name';
import { indicatorCopiedSet } from './copied-set';
import { indicatorDuplicate } from './duplicate';
import { indicatorEmptyLevel2 } from './empty-level2';
import { indicatorMissingBasis } from './missing-basis';
import { indicatorMissingLevel1 } from './missing-level1';
import { indicatorMissingLevel2 } from './missing-level2';
import { indicatorMissingValue } from './missing-value';
import { indicatorNameAsValue } from './name-as-value';
import { indicatorUnknownLevel1 } from './unknown-level1';
import { indicatorUnknownLevel2 } from './unknown-level2';
import { indicatorWeightsTotal } from './weights-total';

export {
  indicatorAliasName,
  indicatorCopiedSet,
  indicatorDuplicate,
  indicatorEmptyLevel2,
  indicatorMissingBasis,
  indicatorMissingLevel1,
  indicatorMissingLevel2,
  indicatorMissingValue,
  indicatorNameAsValue,
  indicatorUnknownLevel1,
  indicatorUnknownLevel2,
  indicatorWeightsTotal,
};

/** The indicator/* rules (docs/domain.md §6 Indicators). */
export const indicatorRules: Rule[] = [
  indicatorUnknownLevel1,
  indicatorUnknownLevel2,
  indicatorAliasName,
  indicatorMissingLevel1,
  indicatorMissingLevel2,
  indicatorEmptyLevel2,
  indicatorMissingValue,
  indicatorMissingBasis,
  indicatorDuplicate,
  indicatorNameAsValue,
  indicatorWeightsTotal,
  indicatorCopiedSet,
];
