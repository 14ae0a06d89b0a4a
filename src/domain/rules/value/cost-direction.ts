import { defineRule } from '../../rule';
import { costIsQuantified } from './cost-not-quantified';
import { fieldText, isCostRow, isProjectBlock, valueCell, valueRows } from '../indicator/rows';

/** control/compliance rates under 成本指标 are rightly "at least" */
export const AT_LEAST_NAME = /控制率|节约率|节支率|合规率|执行率|完成率/;

/** value/cost-direction — a 成本指标 value uses ≥ or >. No fix: the clerk must decide. */
export const valueCostDirection = defineRule({
  id: 'value/cost-direction',
  severity: 'warning',
  fixable: 'one',
  scope: 'block',
  description: '成本指标使用了“≥”或“>”',
  messages: {
    direction:
      '成本指标“{{name}}”的指标值“{{value}}”使用了“{{operator}}”：成本指标是支出上限，通常应写作“≤”（如“≤{{amount}}”），请核对',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (!isCostRow(r) || (p.operator !== '≥' && p.operator !== '>') || AT_LEAST_NAME.test(r.name)) continue;
      if (!costIsQuantified(r)) continue; // not an amount at all: value/cost-not-quantified says so, one piece of advice
      ctx.report({
        at: valueCell(r.row, 'operator'),
        messageId: 'direction',
        data: {
          name: fieldText(r.row.level3) || '成本指标',
          value: fieldText(r.row.value) || p.raw,
          operator: p.operator,
          amount: p.canonical?.replace(/^[≥>]/, '') ?? '',
        },
      });
    }
  },
});
