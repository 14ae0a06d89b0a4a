import { defineRule } from '../../rule';
import { fieldText, quote } from '../block-helpers';
import { readPlan } from './read';

/** plan/not-a-percentage — a plan cell holds something that is not a number or percentage. */
export const planNotAPercentage = defineRule({
  id: 'plan/not-a-percentage',
  severity: 'error',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划中的值不是百分比',
  messages: {
    bad: '资金支出计划“{{checkpoint}}”填的是“{{text}}”，不是百分比：应填写截至该时间的累计支出百分比，如“50%”',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan) return;
    for (const c of plan.cells) {
      if (c.state !== 'bad') continue;
      ctx.report({ at: c.field.cell, messageId: 'bad', data: { checkpoint: c.checkpoint, text: quote(fieldText(c.field)) } });
    }
  },
});
