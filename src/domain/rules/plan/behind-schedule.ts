import { defineRule } from '../../rule';
import { fmtNum } from '../block-helpers';
import { checkpointMonth, EPS, pct, perPeriodSums, readPlan } from './read';

/**
 * plan/behind-schedule — a checkpoint is below the profile's share of time-proportional progress
 * (序时进度: month/12). Off by default; `settings.planPacing` switches it on.
 */
export const planBehindSchedule = defineRule({
  id: 'plan/behind-schedule',
  severity: 'info',
  defaultOff: true,
  switchedOn: (settings) => settings.planPacing === true,
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划低于序时进度（默认关闭）',
  messages: {
    behindFull: '资金支出计划“{{checkpoint}}”累计{{value}}，低于序时进度{{expected}}：支出进度偏慢，可考虑调整支出安排',
    behind:
      '资金支出计划“{{checkpoint}}”累计{{value}}，低于序时进度{{pace}}的{{share}}（{{expected}}）：支出进度偏慢，可考虑调整支出安排',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan || perPeriodSums(plan)) return;
    const share = ctx.profile.planPacingShare;
    if (!(share > 0)) return;
    for (const c of plan.cells) {
      if (c.state !== 'ok') continue;
      const month = checkpointMonth(c.checkpoint, ctx.profile.checkpointMonths);
      if (month === undefined || month >= 12) continue; // the year end is plan/final-not-100's
      const pace = (month / 12) * 100;
      const expected = pace * share;
      if (c.percent! < expected - EPS) {
        ctx.report({
          at: c.field.cell,
          messageId: share >= 1 ? 'behindFull' : 'behind',
          data: {
            checkpoint: c.checkpoint,
            value: pct(c.percent!),
            pace: pct(pace),
            share: `${fmtNum(share * 100, 1)}%`,
            expected: pct(expected),
          },
        });
      }
    }
  },
});
