import { defineRule } from '../../rule';
import { quote } from '../../text';
import { fieldText, isCostRow, isProjectBlock, qualitativePart, valueCell, valueRows, type ResolvedRow } from '../indicator/rows';
import { isBareNumber, isRateRow } from './rate-without-percent';

/** A cost value in the form a cost takes: money, or a percentage on a 控制率/成本率 name. */
export function costIsQuantified(r: ResolvedRow): boolean {
  return r.value.kind === 'money' || (r.value.kind === 'percent' && /控制率|成本率|节约率|节支率/.test(r.name));
}

/** value/cost-not-quantified — a 成本指标 value is neither money nor a percentage on a 控制率/成本率 name. */
export const valueCostNotQuantified = defineRule({
  id: 'value/cost-not-quantified',
  severity: 'warning',
  scope: 'block',
  description: '成本指标未量化为金额',
  messages: {
    notMoney:
      '成本指标“{{name}}”的指标值“{{value}}”不是金额：成本指标应填写金额，如“≤20万元”“≤3000元/村”；成本控制率可写“≤100%”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (!isCostRow(r) || !r.name || p.kind === 'empty' || costIsQuantified(r)) continue;
      if (isBareNumber(p) && isRateRow(r)) continue; // `95` for 成本控制率: value/rate-without-percent asks for `95%`
      ctx.report({
        at: valueCell(r.row, qualitativePart(r, 'unit')),
        messageId: 'notMoney',
        data: { name: fieldText(r.row.level3), value: quote(fieldText(r.row.value) || p.raw) },
      });
    }
  },
});
