import { defineRule } from '../../rule';
import { fieldText, isCostRow, isProjectBlock, isSatisfactionRow, valueCell, valueRows } from '../indicator/rows';
import { isRateRow } from './rate-without-percent';

/** names whose value is legitimately a bare number: rates, shares, indices, scores, ratios */
const UNITLESS_NAME = /率|比例|占比|比重|百分比|程度|系数|指数|评分|得分|分值|分数|等级|级别|星级|倍|比值/;

/** The unit a name names (docs/domain.md §6 value/missing-unit): …人数 → 人, …户数 → 户, …面积 → 平方米 …; none guessed otherwise. */
const UNIT_OF_NAME: [RegExp, string][] = [
  [/人次$/, '人次'],
  [/人数$/, '人'],
  [/户数$/, '户'],
  [/(场次|次数)$/, '次'],
  [/(村数|村数量|个数|处数|所数|家数)$/, '个'],
  [/面积$/, '平方米'],
  [/(里程|长度)$/, '公里'],
  [/台数$/, '台'],
  [/(天数|日数)$/, '天'],
  [/(件数)$/, '件'],
  [/(份数)$/, '份'],
  [/(册数)$/, '册'],
];

/** The unit the 三级 name names, or undefined when it gives no clue. */
export function unitFromName(name: string): string | undefined {
  for (const [re, unit] of UNIT_OF_NAME) if (re.test(name)) return unit;
  return undefined;
}

/**
 * value/missing-unit — a bare number with no unit where the name is not a rate (value/rate-without-percent)
 * and not a satisfaction indicator (value/satisfaction): the example unit comes from the name.
 */
export const valueMissingUnit = defineRule({
  id: 'value/missing-unit',
  severity: 'warning',
  scope: 'block',
  description: '指标值缺少计量单位',
  messages: {
    missing: '指标值“{{value}}”只有数字，没有计量单位：应写明单位，如“{{example}}”',
    missingNoExample: '指标值“{{value}}”只有数字，没有计量单位：应写明计量单位（人、个、次、平方米等）',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const p = r.value;
      if (p.kind !== 'number' || p.unit !== undefined || !r.name) continue;
      if (UNITLESS_NAME.test(r.name) || isRateRow(r) || isSatisfactionRow(r)) continue;
      const op = p.operatorExplicit ? p.operator : '';
      const n = p.canonical?.replace(/^[≥≤<>=]/, '').replace(/\/.*$/, '') ?? fieldText(r.row.value);
      const per = (p.per ?? []).map((d) => `/${d}`).join('');
      const value = fieldText(r.row.value) || p.raw;
      const at = valueCell(r.row, 'unit');
      // `4.5/平方米` is an amount per something: money; a cost: 万元; else the unit the name names
      const unit = per ? '元' : isCostRow(r) ? '万元' : unitFromName(r.name);
      if (unit === undefined) {
        ctx.report({ at, messageId: 'missingNoExample', data: { value } });
        continue;
      }
      ctx.report({ at, messageId: 'missing', data: { value, example: `${op}${n}${unit}${per}` } });
    }
  },
});
