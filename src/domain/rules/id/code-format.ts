import { hasField } from '../../profile';
import { defineRule } from '../../rule';
import { quote } from '../block-helpers';
import { CODE_RE, codeText, isPlaceholderCode } from './code';

function describe(code: string): string {
  const parts: string[] = [];
  const len = [...code].length;
  if (len !== 21) parts.push(`现为${len}位`);
  if (/\s/.test(code)) parts.push('含空格');
  if (/[a-z]/.test(code)) parts.push('含小写字母');
  if (/[^0-9A-Za-z\s]/.test(code)) parts.push('含其他字符');
  return parts.length ? `（${parts.join('，')}）` : '';
}

/** id/code-format — 项目编码 not 21 × [0-9A-Z]. */
export const idCodeFormat = defineRule({
  id: 'id/code-format',
  severity: 'warning',
  scope: 'block',
  layouts: ['block'],
  appliesTo: (p) => hasField(p, 'code'),
  description: '项目编码不是21位数字或大写字母',
  messages: {
    format: '项目编码“{{code}}”格式不对{{detail}}：应为21位数字或大写字母（6位地区码、2位年份、13位编号）',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !hasField(ctx.profile, 'code')) return;
    const code = codeText(block.code);
    if (code === undefined || isPlaceholderCode(code) || CODE_RE.test(code)) return;
    ctx.report({ at: block.code!.cell, messageId: 'format', data: { code: quote(code, 40), detail: describe(code) } });
  },
});
