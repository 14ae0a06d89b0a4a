import type { Field } from '../../model';
import { defineRule } from '../../rule';
import { canonicalLevel1, canonicalLevel2 } from '../../profiles';
import { normLabel } from '../../text';
import { canFixCell, fieldText, isProjectBlock } from './rows';

/** indicator/alias-name — a 一级/二级 written as a known alias: understood, but not the standard name. */
export const indicatorAliasName = defineRule({
  id: 'indicator/alias-name',
  severity: 'warning',
  fixable: 'bulk',
  scope: 'block',
  description: '一级/二级指标使用了非标准名称',
  messages: {
    level1: '一级指标“{{name}}”不是标准名称，应写作“{{canonical}}”',
    level2: '二级指标“{{name}}”不是标准名称，应写作“{{canonical}}”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const seen = new Set<string>();
    const report = (f: Field, messageId: 'level1' | 'level2', canonical: string) => {
      if (seen.has(f.cell)) return;
      seen.add(f.cell);
      const name = fieldText(f);
      // the fix rewrites the cell only when it holds just the name (a list keeps all indicators in one cell)
      const fixable = canFixCell(ctx.profile) && typeof f.value === 'string' && normLabel(f.value) === normLabel(name);
      ctx.report({
        at: f.cell,
        messageId,
        data: { name, canonical },
        fix: fixable ? { cell: f.cell, value: canonical, label: `改为“${canonical}”` } : undefined,
      });
    };
    for (const row of block.indicators) {
      const l1 = canonicalLevel1(ctx.profile, fieldText(row.level1));
      if (!l1) continue;
      if (l1.alias && !row.inherited?.level1) report(row.level1, 'level1', l1.canonical);
      const l2 = canonicalLevel2(ctx.profile, l1.canonical, fieldText(row.level2));
      if (l2?.alias && !row.inherited?.level2) report(row.level2, 'level2', l2.canonical);
    }
  },
});
