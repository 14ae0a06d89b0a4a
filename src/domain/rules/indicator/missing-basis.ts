import { hasColumn } from '../../profile';
import { defineRule } from '../../rule';
import { isBlankValue, quote } from '../../text';
import { fieldText, hasName, isProjectBlock, resolveRows } from './rows';

/** indicator/missing-basis — 指标值确定依据 empty (profiles whose table has the column). */
export const indicatorMissingBasis = defineRule({
  id: 'indicator/missing-basis',
  severity: 'warning',
  scope: 'block',
  appliesTo: (p) => hasColumn(p, 'basis'),
  description: '未填写指标值确定依据',
  messages: {
    missing: '三级指标“{{name}}”没有填写指标值确定依据：应写明依据，如“工作计划”“历史经验”“年初预算”“上级规定”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !hasColumn(ctx.profile, 'basis') || !isProjectBlock(block)) return;
    for (const r of resolveRows(ctx.profile, block)) {
      const basis = r.row.basis;
      // no basis cell at all: the table has no such column, nothing to point at
      if (!hasName(r) || !basis || !isBlankValue(basis.value)) continue;
      ctx.report({ at: basis.cell, messageId: 'missing', data: { name: quote(fieldText(r.row.level3)) } });
    }
  },
});
