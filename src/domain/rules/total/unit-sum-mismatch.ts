import type { Block } from '../../model';
import { defineRule } from '../../rule';
import { fmtNum, isBlank, readAmount } from '../block-helpers';
import { AMOUNT_TOLERANCE } from '../../totals';

/**
 * total/unit-sum-mismatch — disclosure-list: a unit row's amount differs from the sum of its
 * project rows by more than 0.005 × the number of rows (rounding).
 */
export const totalUnitSumMismatch = defineRule({
  id: 'total/unit-sum-mismatch',
  severity: 'error',
  scope: 'workbook',
  layouts: ['list'],
  description: '单位金额不等于所属项目金额之和',
  messages: {
    mismatch:
      '单位金额{{unitAmount}}与所属{{count}}个项目金额合计{{sum}}不一致（相差{{diff}}{{unit}}）：单位行金额应等于各项目金额之和',
  },
  check(ctx) {
    const children = new Map<number, Block[]>();
    for (const b of ctx.blocks) {
      if (b.parentIndex === undefined || (b.listRole !== undefined && b.listRole !== 'project')) continue;
      const list = children.get(b.parentIndex) ?? [];
      list.push(b);
      children.set(b.parentIndex, list);
    }
    for (const unitBlock of ctx.blocks) {
      if (unitBlock.listRole !== 'unit') continue;
      const amount = readAmount(unitBlock.budget);
      const projects = children.get(unitBlock.index) ?? [];
      if (amount === undefined || projects.length === 0) continue;
      const amounts = projects.map((p) => (isBlank(p.budget) ? undefined : readAmount(p.budget)));
      if (amounts.some((a) => a === undefined)) continue; // a blank or non-numeric row: table/missing-field
      const sum = amounts.reduce<number>((s, a) => s + (a as number), 0);
      const diff = Math.abs(amount - sum);
      if (diff <= AMOUNT_TOLERANCE * projects.length + 1e-9) continue;
      ctx.report({
        block: unitBlock,
        at: unitBlock.budget!.cell,
        messageId: 'mismatch',
        data: {
          unitAmount: fmtNum(amount, 6),
          count: projects.length,
          sum: fmtNum(sum, 6),
          diff: fmtNum(diff, 6),
          unit: unitBlock.moneyUnit ?? '万元',
        },
        related: projects.map((p) => p.budget!.cell),
      });
    }
  },
});
