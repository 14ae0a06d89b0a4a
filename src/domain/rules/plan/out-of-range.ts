import { defineRule } from '../../rule';
import { EPS, pct, readPlan } from './read';

/** plan/out-of-range — a plan value < 0% or > 100%. */
export const planOutOfRange = defineRule({
  id: 'plan/out-of-range',
  severity: 'error',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划的百分比小于0%或大于100%',
  messages: {
    low: '资金支出计划“{{checkpoint}}”为{{value}}，小于0%：累计支出百分比应在0%–100%之间',
    high: '资金支出计划“{{checkpoint}}”为{{value}}，超过100%：累计支出百分比应在0%–100%之间，最后一期为100%',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan) return;
    for (const c of plan.cells) {
      if (c.state !== 'ok') continue;
      const p = c.percent!;
      if (p < -EPS) ctx.report({ at: c.field.cell, messageId: 'low', data: { checkpoint: c.checkpoint, value: pct(p) } });
      else if (p > 100 + EPS) ctx.report({ at: c.field.cell, messageId: 'high', data: { checkpoint: c.checkpoint, value: pct(p) } });
    }
  },
});
