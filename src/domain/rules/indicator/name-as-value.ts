import { defineRule } from '../../rule';
import { normLabel, quote } from '../../text';
import { fieldText, hasName, isProjectBlock, valueRows } from './rows';

/** indicator/name-as-value — the 指标值 repeats the 三级 name or the description: not a target. */
export const indicatorNameAsValue = defineRule({
  id: 'indicator/name-as-value',
  severity: 'warning',
  scope: 'block',
  description: '指标值照抄了指标名称或指标描述',
  messages: {
    name: '指标值“{{value}}”与三级指标名称相同，不是目标值：应填写可衡量的目标，如“≥95%”“39个”或“提升”',
    description: '指标值“{{value}}”与绩效指标描述相同，不是目标值：应填写可衡量的目标，如“≥95%”“39个”或“提升”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      if (!hasName(r) || r.value.kind !== 'qualitative') continue;
      const v = normLabel(fieldText(r.row.value));
      if (!v) continue;
      const desc = normLabel(fieldText(r.row.description));
      const messageId = v === r.name ? 'name' : desc && v === desc ? 'description' : undefined;
      if (!messageId) continue;
      ctx.report({ at: r.row.value.cell, messageId, data: { value: quote(fieldText(r.row.value)) } });
    }
  },
});
