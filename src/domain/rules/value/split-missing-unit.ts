import { defineRule } from '../../rule';
import { quote } from '../../text';
import { fieldText } from '../block-helpers';
import { splitCaptions, splitRows } from '../indicator/rows';

/** value/split-missing-unit — a split 指标值 whose 符号 is not 定性 and whose 值 is a number has no 计量单位. */
export const valueSplitMissingUnit = defineRule({
  id: 'value/split-missing-unit',
  severity: 'error',
  scope: 'block',
  layouts: ['block', 'rows'],
  appliesTo: (p) => p.splitValue !== undefined,
  description: '指标值缺少“计量单位”（符号不是“定性”时）',
  messages: {
    missing: '三级指标“{{name}}”的{{numCol}}{{number}}没有{{unitCol}}：应在“{{unitCol}}”栏填写单位，如“%”“个”“人次”“万元”',
  },
  check(ctx) {
    for (const { split, reading: s, name } of splitRows(ctx)) {
      if (s.operator === 'qualitative' || s.numberState !== 'ok' || !s.unitBlank) continue;
      ctx.report({ at: split.unit.cell, messageId: 'missing', data: { name, number: quote(fieldText(split.number), 12), ...splitCaptions(ctx.profile) } });
    }
  },
});
