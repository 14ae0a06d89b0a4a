import { hasField } from '../../profile';
import { defineRule } from '../../rule';
import { cellFor, quote } from '../block-helpers';
import { codeText, isPlaceholderCode } from './code';

/** id/code-missing — 项目编码 blank or a placeholder (only where the format has a code). */
export const idCodeMissing = defineRule({
  id: 'id/code-missing',
  severity: 'error',
  scope: 'block',
  layouts: ['block'],
  appliesTo: (p) => hasField(p, 'code'),
  description: '项目编码为空或仍是占位内容',
  messages: {
    blank: '项目编码为空：应填写预算管理一体化系统中本项目的21位项目编码',
    placeholder: '项目编码“{{code}}”是占位内容：应填写预算管理一体化系统中本项目的21位项目编码',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !hasField(ctx.profile, 'code')) return;
    const code = codeText(block.code);
    const at = cellFor(block, block.code, 'code');
    if (code === undefined) {
      ctx.report({ at, messageId: 'blank' });
    } else if (isPlaceholderCode(code)) {
      ctx.report({ at, messageId: 'placeholder', data: { code: quote(code) } });
    }
  },
});
