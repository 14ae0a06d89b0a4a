import { hasField } from '../../profile';
import { defineRule } from '../../rule';
import { codeText, codeYear } from './code';

/** id/code-year — the code's library year (positions 7–8) is later than the budget year. */
export const idCodeYear = defineRule({
  id: 'id/code-year',
  severity: 'warning',
  scope: 'block',
  layouts: ['block'],
  appliesTo: (p) => hasField(p, 'code'),
  description: '项目编码中的入库年份晚于预算年度',
  messages: {
    later:
      '项目编码“{{code}}”第7–8位表示{{codeYear}}年入库，晚于预算年度{{year}}年：应核对编码是否抄自其他年度或其他项目',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !hasField(ctx.profile, 'code') || ctx.year === undefined) return;
    const code = codeText(block.code);
    if (code === undefined) return;
    const y = codeYear(code);
    if (y === undefined || y <= ctx.year) return;
    ctx.report({ at: block.code!.cell, messageId: 'later', data: { code, codeYear: y, year: ctx.year } });
  },
});
