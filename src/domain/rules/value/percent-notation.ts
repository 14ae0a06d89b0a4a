import { defineRule } from '../../rule';
import { canFixCell, fieldText, isCostRow, isProjectBlock, isSatisfactionRow, valueCell, valueRows } from '../indicator/rows';
import { costIsQuantified } from './cost-not-quantified';
import { isCountAsPercent } from './quantity-not-count';
import { isBareNumber, isRateRow } from './rate-without-percent';

/** Operator spellings the rule corrects (Chinese words such as 不低于 are legitimate text). */
const ODD_OPERATORS = new Set(['>=', '=>', '<=', '=<', '≧', '≦', '⩾', '⩽', '＞＝', '＜＝']);

/** value/percent-notation — a percent written as 百分比/百分百/％/LaTeX, or an operator as >=/<=. */
export const valuePercentNotation = defineRule({
  id: 'value/percent-notation',
  severity: 'warning',
  fixable: 'bulk',
  scope: 'block',
  description: '百分号或比较符号写法不规范',
  messages: {
    notation: '指标值“{{value}}”写法不规范，应写作“{{canonical}}”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (!p.canonical) continue;
      const odd =
        (p.kind === 'percent' && p.notation.percent !== undefined) ||
        p.notation.latex === true ||
        (p.notation.operator !== undefined && ODD_OPERATORS.has(p.notation.operator));
      if (!odd) continue;
      // `>=95` for a rate or a satisfaction: the rule that asks for the percentage speaks (its fix writes `≥95%`)
      if (isBareNumber(p) && !r.row.split && (isRateRow(r) || isSatisfactionRow(r))) continue;
      // `95百分比` for 保洁员人数: value/quantity-not-count asks for a count, not a better-spelled percentage
      // `95百分比` for 保洁员工资: value/cost-not-quantified asks for an amount
      if (isCountAsPercent(r) || (p.kind === 'percent' && isCostRow(r) && r.name !== '' && !costIsQuantified(r))) continue;
      if (r.row.split) {
        // a split value: only its unit can be spelled oddly (`％`, `百分比`); the fix rewrites that cell
        const cell = valueCell(r.row, 'unit');
        const fixable = p.notation.percent !== undefined && canFixCell(ctx.profile);
        ctx.report({
          at: p.notation.percent !== undefined ? cell : valueCell(r.row, 'operator'),
          messageId: 'notation',
          data: { value: fieldText(r.row.value), canonical: p.canonical },
          fix: fixable ? { cell, value: '%', label: '改为“%”' } : undefined,
        });
        continue;
      }
      const cell = r.row.value.cell;
      ctx.report({
        at: cell,
        messageId: 'notation',
        data: { value: fieldText(r.row.value), canonical: p.canonical },
        fix: canFixCell(ctx.profile) ? { cell, value: p.canonical, label: `改为“${p.canonical}”` } : undefined,
      });
    }
  },
});
