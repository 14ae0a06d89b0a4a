import { defineRule } from '../../rule';
import { canonicalLevel1 } from '../../profiles';
import { quote } from '../../text';
import { fieldText, isProjectBlock } from './rows';

/** indicator/unknown-level1 — a 一级 name neither in the profile nor an alias of one. */
export const indicatorUnknownLevel1 = defineRule({
  id: 'indicator/unknown-level1',
  severity: 'error',
  scope: 'block',
  description: '一级指标名称不在指标体系内',
  messages: {
    unknown: '一级指标“{{name}}”不属于“{{profile}}”的指标体系，一级指标应为：{{expected}}',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const seen = new Set<string>();
    for (const row of block.indicators) {
      if (row.inherited?.level1) continue;
      const name = fieldText(row.level1);
      if (!name || seen.has(row.level1.cell)) continue;
      seen.add(row.level1.cell);
      if (canonicalLevel1(ctx.profile, name)) continue;
      ctx.report({
        at: row.level1.cell,
        messageId: 'unknown',
        data: { name: quote(name), profile: ctx.profile.name, expected: ctx.profile.level1.map((l) => l.name).join('、') },
      });
    }
  },
});
