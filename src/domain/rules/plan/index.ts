import type { Rule } from '../../rule';
import { planBehindSchedule } from './behind-schedule';
import { planBlankCheckpoint } from './blank-checkpoint';
import { planDecreasing } from './decreasing';
import { planFinalNot100 } from './final-not-100';
import { planNotAPercentage } from './not-a-percentage';
import { planNotCumulative } from './not-cumulative';
import { planOutOfRange } from './out-of-range';

export {
  planNotAPercentage,
  planBlankCheckpoint,
  planOutOfRange,
  planDecreasing,
  planNotCumulative,
  planFinalNot100,
  planBehindSchedule,
};

export const planRules: Rule[] = [
  planNotAPercentage,
  planBlankCheckpoint,
  planOutOfRange,
  planDecreasing,
  planNotCumulative,
  planFinalNot100,
  planBehindSchedule,
];
