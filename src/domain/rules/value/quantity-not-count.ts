import { defineRule } from '../../rule';
import { fieldText, isProjectBlock, valueCell, valueRows, type ResolvedRow } from '../indicator/rows';

/** a name that counts something: 数量 人数 个数 次数 户数 村数 … or any …数 */
const COUNT_NAME = /(数量|人数|个数|次数|户数|村数|场数|份数|人次|天数|面积|长度)|数$/;
/** … unless it is a rate or share */
const RATE_NAME = /率|比例|占比|比重|百分比|覆盖面|程度|系数|指数/;

/** A 数量指标 whose name counts something, written as a percentage. */
export function isCountAsPercent(r: ResolvedRow): boolean {
  return r.level2 === '数量指标' && r.value.kind === 'percent' && COUNT_NAME.test(r.name) && !RATE_NAME.test(r.name);
}

/** value/quantity-not-count — under 数量指标 the name counts something but the value is a percentage. */
export const valueQuantityNotCount = defineRule({
  id: 'value/quantity-not-count',
  severity: 'error',
  scope: 'block',
  description: '数量指标的指标值写成了百分比',
  messages: {
    percent: '数量指标“{{name}}”的指标值“{{value}}”是百分比：数量指标应填写具体数量和单位，如“39个”“120人”“4次”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      if (!isCountAsPercent(r)) continue;
      ctx.report({
        at: valueCell(r.row, 'unit'),
        messageId: 'percent',
        data: { name: fieldText(r.row.level3), value: fieldText(r.row.value) || r.value.raw },
      });
    }
  },
});
