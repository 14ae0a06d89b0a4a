import { defineRule } from '../../rule';
import { hasName, indicatorsAnchor, isProjectBlock, resolveRows } from './rows';

/** indicator/missing-level1 — a required 一级 (产出, 效益, 满意度 …) has no 三级 at all. */
export const indicatorMissingLevel1 = defineRule({
  id: 'indicator/missing-level1',
  severity: 'error',
  scope: 'block',
  description: '缺少必填的一级指标',
  messages: {
    missing: '缺少一级指标“{{name}}”：“{{name}}”下至少应填写一个三级指标',
    none: '本项目没有填写任何绩效指标：应至少包含{{expected}}，且每类都有三级指标',
    unreadable:
      '“{{name}}”下没有可识别的三级指标（本项目的绩效指标中有无法识别的行）：应至少有一个写作“序号. 三级指标名称 指标值”的三级指标',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const rows = resolveRows(ctx.profile, block).filter(hasName);
    const required = ctx.profile.level1.filter((s) => s.required);
    if (rows.length === 0) {
      if (required.length > 0)
        ctx.report({ at: indicatorsAnchor(block), messageId: 'none', data: { expected: required.map((s) => s.name).join('、') } });
      return;
    }
    // a disclosure row whose text has unreadable lines: the category may be written but not readable
    const messageId = (block.unparsed ?? []).length > 0 ? 'unreadable' : 'missing';
    for (const spec of required) {
      if (rows.some((r) => r.level1 === spec.name)) continue;
      ctx.report({ at: indicatorsAnchor(block), messageId, data: { name: spec.name } });
    }
  },
});
