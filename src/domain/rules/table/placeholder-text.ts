import { defineRule } from '../../rule';
import { fieldText, findPlaceholder, forEachTextField, mayHoldPlaceholder, quote } from '../block-helpers';

/**
 * table/placeholder-text — a cell still holds template residue (目标内容1, 指标1, XXX, ……, ————,
 * 待定, only `* - _ /`). The 项目编码 cell is left to id/code-missing.
 */
export const tablePlaceholderText = defineRule({
  id: 'table/placeholder-text',
  severity: 'error',
  scope: 'block',
  description: '单元格仍是模板占位内容（目标内容1、指标1、XXX、……、待定等）',
  messages: {
    placeholder: '单元格内容“{{text}}”仍是模板占位内容（{{residue}}）：应替换为本项目的实际内容',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    const reported = new Set<string>();
    forEachTextField(block, (f) => {
      if (typeof f.value === 'number' || reported.has(f.cell)) return;
      if (!mayHoldPlaceholder(f.text) && !(f.text === '' && typeof f.value === 'string')) return;
      const text = fieldText(f);
      const residue = findPlaceholder(text);
      if (residue === undefined) return;
      reported.add(f.cell);
      ctx.report({ at: f.cell, messageId: 'placeholder', data: { text: quote(text), residue: quote(residue, 12) } });
    });
  },
});
