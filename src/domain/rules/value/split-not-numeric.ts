import type { Fix } from '../../model';
import { defineRule } from '../../rule';
import { OPERATOR_SYMBOL } from '../../split-value';
import { quote } from '../../text';
import { formatNumber, parseValue } from '../../value';
import { fieldText, isBlank } from '../block-helpers';
import { splitCaptions, splitRows } from '../indicator/rows';

/**
 * value/split-not-numeric — a split 指标值 whose 符号 is not 定性 has a 值 that is not a plain number
 * (`≥95%` typed into 值, `九十五`, `95以上`). A whole value typed into 值 is offered split into its three cells.
 */
export const valueSplitNotNumeric = defineRule({
  id: 'value/split-not-numeric',
  severity: 'error',
  fixable: 'one',
  scope: 'block',
  layouts: ['block', 'rows'],
  appliesTo: (p) => p.splitValue !== undefined,
  description: '指标值的“值”不是数字（符号不是“定性”时）',
  messages: {
    whole:
      '三级指标“{{name}}”的{{numCol}}“{{value}}”是完整的指标值：应拆开填写——{{opCol}}“{{symbol}}”、{{numCol}}“{{number}}”、{{unitCol}}“{{unit}}”',
    notNumeric:
      '三级指标“{{name}}”的{{numCol}}“{{value}}”不是数字：{{opCol}}不是“定性”时，{{numCol}}只填数字（如“95”），单位填在“{{unitCol}}”栏；文字目标请把{{opCol}}改为“定性”',
  },
  check(ctx) {
    for (const { split, reading: s, name } of splitRows(ctx)) {
      if (s.operator === 'qualitative' || s.numberState !== 'notNumeric') continue;
      const raw = fieldText(split.number);
      const p = parseValue(raw);
      const number = p.number === undefined ? undefined : formatNumber(p.number);
      const unit = p.unit ?? '';
      if ((p.kind === 'percent' || p.kind === 'money' || p.kind === 'count') && number !== undefined && unit !== '' && !p.per) {
        const symbol = p.operatorExplicit ? OPERATOR_SYMBOL[p.operator] : s.operator ? s.operatorText : '＝';
        // the fix writes the three cells only where they are blank or already say the same
        const opFree = isBlank(split.operator) || s.operatorText === symbol;
        const unitFree = isBlank(split.unit) || fieldText(split.unit) === unit;
        const fix: Fix | undefined =
          opFree && unitFree
            ? {
                cell: split.number.cell,
                value: Number(number),
                label: `拆成“${symbol}”“${number}”“${unit}”`,
                also: [
                  { cell: split.operator.cell, value: symbol },
                  { cell: split.unit.cell, value: unit },
                ],
              }
            : undefined;
        ctx.report({ at: split.number.cell, messageId: 'whole', data: { name, value: quote(raw, 20), symbol, number, unit, ...splitCaptions(ctx.profile) }, fix });
      } else {
        ctx.report({ at: split.number.cell, messageId: 'notNumeric', data: { name, value: quote(raw, 20), ...splitCaptions(ctx.profile) } });
      }
    }
  },
});
