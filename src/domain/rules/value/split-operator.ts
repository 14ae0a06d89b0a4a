import { defineRule } from '../../rule';
import { SPLIT_SYMBOLS } from '../../split-value';
import { quote } from '../../text';
import { splitCaptions, splitRows } from '../indicator/rows';

const SYMBOLS = SPLIT_SYMBOLS.join(' ');

/**
 * value/split-operator — a split 指标值 (符号 | 值 | 计量单位): the 符号 is not one of the system's
 * six (`≥ ＞ ＝ ＜ ≤ 定性`, half-width `> = <` accepted), or it is blank while the 值 or 单位 is filled.
 */
export const valueSplitOperator = defineRule({
  id: 'value/split-operator',
  severity: 'error',
  scope: 'block',
  layouts: ['block', 'rows'],
  appliesTo: (p) => p.splitValue !== undefined,
  description: '指标值的“符号”为空或不是系统规定的符号',
  messages: {
    invalid: '三级指标“{{name}}”的{{opCol}}“{{symbol}}”不是系统规定的符号：应为 {{symbols}} 之一（文字目标选“定性”）',
    blank: '三级指标“{{name}}”的{{opCol}}为空：应选 {{symbols}} 之一（文字目标选“定性”）',
  },
  check(ctx) {
    for (const { split, reading: s, name } of splitRows(ctx)) {
      if (s.operatorState === 'invalid') {
        ctx.report({ at: split.operator.cell, messageId: 'invalid', data: { name, symbol: quote(s.operatorText, 12), symbols: SYMBOLS, ...splitCaptions(ctx.profile) } });
      } else if (s.operatorState === 'blank' && (s.numberState !== 'blank' || !s.unitBlank)) {
        ctx.report({ at: split.operator.cell, messageId: 'blank', data: { name, symbols: SYMBOLS, ...splitCaptions(ctx.profile) } });
      }
    }
  },
});
