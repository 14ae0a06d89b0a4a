import { defineRule } from '../../rule';
import { hasName, isProjectBlock, resolveRows } from './rows';

/**
 * indicator/missing-level2 — a 一级 that must have every 二级 (产出: 数量/质量/时效/成本) has rows,
 * but one of its 二级 has no 三级. A wholly absent 一级 is indicator/missing-level1 only.
 */
export const indicatorMissingLevel2 = defineRule({
  id: 'indicator/missing-level2',
  severity: 'error',
  scope: 'block',
  description: '产出指标缺少数量/质量/时效/成本等二级指标',
  messages: {
    missing: '“{{level1}}”下缺少二级指标“{{level2}}”：应至少填写一个“{{level2}}”的三级指标',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const rows = resolveRows(ctx.profile, block);
    for (const spec of ctx.profile.level1) {
      if (!spec.requireEveryLevel2) continue;
      const under = rows.filter((r) => r.level1 === spec.name);
      const named = under.filter(hasName);
      if (named.length === 0) continue;
      for (const l2 of spec.level2) {
        if (named.some((r) => r.level2 === l2.name)) continue;
        // point at the empty 二级 row when there is one, else at the 一级's first row
        const empty = under.find((r) => r.level2 === l2.name);
        ctx.report({
          at: empty ? empty.row.level3.cell : named[0].row.level1.cell,
          messageId: 'missing',
          data: { level1: spec.name, level2: l2.name },
        });
      }
    }
  },
});
