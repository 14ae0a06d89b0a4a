import { defineRule } from '../../rule';
import { quote } from '../../text';
import { fieldText, hasName, isProjectBlock, resolveRows, splitCaptions } from './rows';

/** indicator/missing-value — a row with a 三级 name has an empty 指标值. */
export const indicatorMissingValue = defineRule({
  id: 'indicator/missing-value',
  severity: 'error',
  scope: 'block',
  description: '三级指标未填写指标值',
  messages: {
    missing: '三级指标“{{name}}”没有填写指标值：应填写目标值，如“≥95%”“39个”“≤20万元”或“提升”',
    missingSplit:
      '三级指标“{{name}}”的“{{numCol}}”为空：应填写目标数字，如“95”，{{opCol}}和{{unitCol}}填在各自的栏；文字目标把{{opCol}}选为“定性”，在“{{numCol}}”栏填写，如“提升”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of resolveRows(ctx.profile, block)) {
      if (!hasName(r) || r.value.kind !== 'empty') continue;
      const data = { name: quote(fieldText(r.row.level3)) };
      if (r.row.split) ctx.report({ at: r.row.value.cell, messageId: 'missingSplit', data: { ...data, ...splitCaptions(ctx.profile) } });
      else ctx.report({ at: r.row.value.cell, messageId: 'missing', data });
    }
  },
});
