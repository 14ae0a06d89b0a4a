import { defineRule } from '../../rule';
import { EPS, pct, perPeriodSums, readPlan } from './read';

/** plan/final-not-100 — the last checkpoint is not 100% (and plan/not-cumulative does not apply). */
export const planFinalNot100 = defineRule({
  id: 'plan/final-not-100',
  severity: 'error',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划最后一期不是100%',
  messages: {
    notFull: '资金支出计划最后一期“{{checkpoint}}”为{{value}}：年底累计支出应为100%',
    blank: '资金支出计划最后一期“{{checkpoint}}”为空：年底累计支出应为100%',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan || perPeriodSums(plan)) return;
    const cells = plan.cells;
    const last = cells[cells.length - 1];
    if (last.state === 'bad') return; // plan/not-a-percentage
    if (last.state === 'blank') {
      if (cells.every((c) => c.state === 'blank')) return; // table/missing-field
      ctx.report({ at: last.field.cell, messageId: 'blank', data: { checkpoint: last.checkpoint } });
      return;
    }
    const p = last.percent!;
    if (p > 100 + EPS) return; // plan/out-of-range
    if (p < 100 - EPS) ctx.report({ at: last.field.cell, messageId: 'notFull', data: { checkpoint: last.checkpoint, value: pct(p) } });
  },
});
