import { defineRule } from '../../rule';
import { fmtNum, isBlank, readAmount } from '../block-helpers';

/** tolerance in the block's money unit */
export const AMOUNT_TOLERANCE = 0.005;

/** total/funding-mismatch — 预算数 ≠ 财政资金 + 其他资金 (a blank 其他资金 counts 0). */
export const totalFundingMismatch = defineRule({
  id: 'total/funding-mismatch',
  severity: 'error',
  scope: 'block',
  layouts: ['block'],
  description: '预算数不等于财政资金与其他资金之和',
  messages: {
    mismatch:
      '预算数{{budget}}不等于财政资金{{fiscal}}与其他资金{{other}}之和{{sum}}（相差{{diff}}{{unit}}）：应满足 预算数 = 财政资金 + 其他资金',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !ctx.profile.fields.funding) return;
    const budget = readAmount(block.budget);
    if (budget === undefined) return; // blank: table/missing-field; text: not an amount
    if (!block.fiscal && !block.other) return; // the table has no split at all
    const fiscal = isBlank(block.fiscal) ? 0 : readAmount(block.fiscal);
    const other = isBlank(block.other) ? 0 : readAmount(block.other);
    if (fiscal === undefined || other === undefined) return;
    const sum = fiscal + other;
    const diff = Math.abs(budget - sum);
    if (diff <= AMOUNT_TOLERANCE + 1e-9) return;
    const related = [block.fiscal?.cell, block.other?.cell].filter((c): c is string => !!c);
    ctx.report({
      at: block.budget!.cell,
      messageId: 'mismatch',
      data: {
        budget: fmtNum(budget, 6),
        fiscal: isBlank(block.fiscal) ? '（空）' : fmtNum(fiscal, 6),
        other: isBlank(block.other) ? '（空）' : fmtNum(other, 6),
        sum: fmtNum(sum, 6),
        diff: fmtNum(diff, 6),
        unit: block.moneyUnit ?? '万元',
      },
      related,
    });
  },
});
