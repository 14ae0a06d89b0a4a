import { defineRule } from '../../rule';
import { canonicalLevel1, canonicalLevel2 } from '../../profiles';
import { quote } from '../../text';
import { fieldText, isProjectBlock } from './rows';

/** indicator/unknown-level2 — a 二级 not allowed under its 一级 nor an alias of one that is. */
export const indicatorUnknownLevel2 = defineRule({
  id: 'indicator/unknown-level2',
  severity: 'error',
  scope: 'block',
  description: '二级指标不属于其一级指标',
  messages: {
    unknown: '二级指标“{{name}}”不属于一级指标“{{level1}}”，“{{level1}}”下的二级指标应为：{{expected}}',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const seen = new Set<string>();
    for (const row of block.indicators) {
      if (row.inherited?.level2) continue;
      const name = fieldText(row.level2);
      if (!name || seen.has(row.level2.cell)) continue;
      seen.add(row.level2.cell);
      const l1 = canonicalLevel1(ctx.profile, fieldText(row.level1));
      if (!l1) continue; // an unknown or blank 一级 is reported by its own rule
      if (canonicalLevel2(ctx.profile, l1.canonical, name)) continue;
      const spec = ctx.profile.level1.find((s) => s.name === l1.canonical);
      ctx.report({
        at: row.level2.cell,
        messageId: 'unknown',
        data: { name: quote(name), level1: l1.canonical, expected: (spec?.level2 ?? []).map((s) => s.name).join('、') },
      });
    }
  },
});
