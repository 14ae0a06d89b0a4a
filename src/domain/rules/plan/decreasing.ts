import { defineRule } from '../../rule';
import { EPS, pct, perPeriodSums, readPlan, type PlanCell } from './read';

/** plan/decreasing — a checkpoint is lower than an earlier one (the plan is cumulative). */
export const planDecreasing = defineRule({
  id: 'plan/decreasing',
  severity: 'error',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划后一期低于前一期（应为累计百分比）',
  messages: {
    decreasing:
      '资金支出计划“{{later}}”累计{{laterValue}}低于“{{earlier}}”的{{earlierValue}}：资金支出计划按累计百分比填写，应逐期不减',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan || perPeriodSums(plan)) return; // entered per period: plan/not-cumulative says it
    let max: PlanCell | undefined;
    for (const c of plan.cells) {
      if (c.state !== 'ok') continue;
      if (max && c.percent! < max.percent! - EPS) {
        ctx.report({
          at: c.field.cell,
          messageId: 'decreasing',
          data: { later: c.checkpoint, laterValue: pct(c.percent!), earlier: max.checkpoint, earlierValue: pct(max.percent!) },
          related: [max.field.cell],
        });
      }
      if (!max || c.percent! > max.percent!) max = c;
    }
  },
});
