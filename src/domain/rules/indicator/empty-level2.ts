import { defineRule } from '../../rule';
import { fieldText, hasName, isProjectBlock, resolveRows } from './rows';

/** indicator/empty-level2 — a 二级 row is present with no 三级 name and no value. */
export const indicatorEmptyLevel2 = defineRule({
  id: 'indicator/empty-level2',
  severity: 'warning',
  scope: 'block',
  description: '二级指标行未填写三级指标和指标值',
  messages: {
    empty: '二级指标“{{level2}}”这一行没有填写三级指标和指标值：请补充三级指标，或删除这一行',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const rows = resolveRows(ctx.profile, block);
    for (const r of rows) {
      const level2 = fieldText(r.row.level2);
      if (!level2 || r.row.inherited?.level2 || hasName(r) || r.value.kind !== 'empty') continue;
      // a required 二级 with no 三级 at all is already an error of indicator/missing-level2
      const spec = ctx.profile.level1.find((s) => s.name === r.level1);
      const coveredByMissing =
        spec?.requireEveryLevel2 &&
        r.level2 !== undefined &&
        rows.some((x) => x.level1 === spec.name && hasName(x)) &&
        !rows.some((x) => x.level1 === spec.name && x.level2 === r.level2 && hasName(x));
      if (coveredByMissing) continue;
      ctx.report({ at: r.row.level3.cell, messageId: 'empty', data: { level2 } });
    }
  },
});
