import { defineRule } from '../../rule';
import { isPercentFormat } from '../../value';
import { readPlan } from './read';

/** plan/blank-checkpoint — a checkpoint is blank while a later one is filled. Fix: 0%. */
export const planBlankCheckpoint = defineRule({
  id: 'plan/blank-checkpoint',
  severity: 'warning',
  fixable: 'one',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划中间某期为空（未支出应填0%）',
  messages: {
    blank: '资金支出计划“{{checkpoint}}”为空，而“{{later}}”已填写：截至该时间没有支出应填“0%”',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan) return;
    const cells = plan.cells;
    for (let i = 0; i < cells.length; i++) {
      if (cells[i].state !== 'blank') continue;
      const later = cells.slice(i + 1).find((c) => c.state !== 'blank');
      if (!later) break;
      // 0 shown as a percentage in the cell's own % format (the template's 0.00%), else a sibling's
      const own = cells[i].field.numberFormat;
      const sibling = cells.find((c) => c.state !== 'blank' && isPercentFormat(c.field.numberFormat))?.field.numberFormat;
      const numberFormat = isPercentFormat(own) ? own! : (sibling ?? '0%');
      ctx.report({
        at: cells[i].field.cell,
        messageId: 'blank',
        data: { checkpoint: cells[i].checkpoint, later: later.checkpoint },
        fix: { cell: cells[i].field.cell, value: 0, numberFormat, label: `“${cells[i].checkpoint}”填写0%` },
      });
    }
  },
});
