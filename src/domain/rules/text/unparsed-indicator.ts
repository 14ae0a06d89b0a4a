import { defineRule } from '../../rule';
import { quote } from '../../text';

const DEFAULT_REASON =
  '每行应写作“序号. 三级指标名称 指标值”，并放在“一、产出指标”“(一)数量指标：”等标题之下，如“1. 培训人数 39人次”';

/** text/unparsed-indicator — a disclosure-list indicator line that fits no heading or has no recognisable value. */
export const textUnparsedIndicator = defineRule({
  id: 'text/unparsed-indicator',
  severity: 'warning',
  scope: 'block',
  description: '绩效指标文字中有无法识别的行',
  messages: {
    unparsed: '绩效指标中的“{{line}}”无法识别：{{reason}}',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    for (const u of block.unparsed ?? []) {
      const line = quote(u.line ?? '', 40);
      if (!line) continue;
      ctx.report({ at: u.cell, messageId: 'unparsed', data: { line, reason: u.reason?.trim() || DEFAULT_REASON } });
    }
  },
});
