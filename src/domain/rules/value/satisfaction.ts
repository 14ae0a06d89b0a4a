import { defineRule } from '../../rule';
import { formatNumber } from '../../value';
import { quote } from '../../text';
import { fieldText, isProjectBlock, isSatisfactionRow, qualitativePart, valueCell, valueRows } from '../indicator/rows';

/**
 * value/satisfaction — a satisfaction indicator (under 满意度指标, or named …满意度): value not a
 * percentage, or using ≤/< → error; below the floor (settings, else the profile; 80%) → warning.
 */
export const valueSatisfaction = defineRule({
  id: 'value/satisfaction',
  severity: 'error',
  scope: 'block',
  description: '满意度指标值不是百分比、方向错误或偏低',
  messages: {
    notPercent: '满意度指标“{{name}}”的指标值“{{value}}”不是百分比：应写作百分比，如“≥{{floor}}%”',
    wrongDirection: '满意度指标“{{name}}”的指标值“{{value}}”使用了“{{operator}}”：满意度是下限目标，应写作“≥”，如“≥{{number}}%”',
    belowFloor: '满意度指标“{{name}}”的指标值“{{value}}”低于{{floor}}%：满意度目标一般不低于{{floor}}%，请核对',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const floor = ctx.settings.satisfactionFloor ?? ctx.profile.satisfactionFloor;
    const floorText = formatNumber(floor) ?? String(floor);
    for (const r of valueRows(ctx.profile, block)) {
      if (!isSatisfactionRow(r)) continue;
      const p = r.value;
      if (p.kind === 'empty') continue; // indicator/missing-value
      const name = fieldText(r.row.level3);
      const value = quote(fieldText(r.row.value) || p.raw);
      if (p.kind !== 'percent' || p.number === undefined) {
        ctx.report({ at: valueCell(r.row, qualitativePart(r, 'unit')), messageId: 'notPercent', data: { name, value, floor: floorText } });
      } else if (p.operator === '≤' || p.operator === '<') {
        ctx.report({
          at: valueCell(r.row, 'operator'),
          messageId: 'wrongDirection',
          data: { name, value, operator: p.operator, number: formatNumber(p.number) ?? String(p.number) },
        });
      } else if (p.number < floor) {
        ctx.report({ at: valueCell(r.row, 'number'), messageId: 'belowFloor', severity: 'warning', data: { name, value, floor: floorText } });
      }
    }
  },
});
