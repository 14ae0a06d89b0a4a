import type { Rule } from '../../rule';
import { totalCostExceedsBudget } from './cost-exceeds-budget';
import { totalFundingMismatch } from './funding-mismatch';
import { totalSummaryMismatch } from './summary-mismatch';
import { totalUnitSumMismatch } from './unit-sum-mismatch';
import { totalUsageAmountMismatch } from './usage-amount-mismatch';

export { totalFundingMismatch, totalUsageAmountMismatch, totalCostExceedsBudget, totalUnitSumMismatch, totalSummaryMismatch };

export const totalRules: Rule[] = [
  totalFundingMismatch,
  totalUsageAmountMismatch,
  totalCostExceedsBudget,
  totalUnitSumMismatch,
  totalSummaryMismatch,
];
