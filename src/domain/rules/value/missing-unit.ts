import { defineRule } from '../../rule';
import { fieldText, isProjectBlock, valueCell, valueRows } from '../indicator/rows';

/** names whose value is legitimately a bare number: rates, shares, indices, scores, ratios */
const UNITLESS_NAME = /率|比例|占比|比重|百分比|程度|系数|指数|评分|得分|分值|分数|等级|级别|星级|倍|比值|系数/;

/** value/missing-unit — a bare number with no unit where the name is not a rate. */
export const valueMissingUnit = defineRule({
  id: 'value/missing-unit',
  severity: 'warning',
  scope: 'block',
  description: '指标值缺少计量单位',
  messages: {
    missing: '指标值“{{value}}”只有数字，没有计量单位：应写明单位，如“{{example}}”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (p.kind !== 'number' || p.unit !== undefined || !r.name) continue;
      if (UNITLESS_NAME.test(r.name)) continue;
      const op = p.operatorExplicit ? p.operator : '';
      const n = p.canonical?.replace(/^[≥≤<>=]/, '').replace(/\/.*$/, '') ?? fieldText(r.row.value);
      const per = (p.per ?? []).map((d) => `/${d}`).join('');
      // `4.5/平方米` is an amount per something: money; a cost: 万元; anything else: a count
      const example = per ? `${op}${n}元${per}` : r.level2 === '成本指标' || r.level1 === '成本指标' ? `${op}${n}万元` : `${op}${n}个`;
      ctx.report({ at: valueCell(r.row, 'unit'), messageId: 'missing', data: { value: fieldText(r.row.value) || p.raw, example } });
    }
  },
});
