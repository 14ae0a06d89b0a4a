import type { CellEdit } from '../../model';
import { defineRule } from '../../rule';
import { EPS, pct, perPeriodSums, planEdit, readPlan } from './read';

/** plan/not-cumulative — the values add up to 100% but the last is below 100%: entered per period. Fix: running sum. */
export const planNotCumulative = defineRule({
  id: 'plan/not-cumulative',
  severity: 'error',
  fixable: 'one',
  scope: 'block',
  appliesTo: (p) => p.plan !== undefined,
  layouts: ['block'],
  description: '资金支出计划按每期填写（合计100%）而不是累计百分比',
  messages: {
    perPeriod:
      '资金支出计划{{values}}合计为100%，但最后一期“{{last}}”只有{{lastValue}}：应填截至各时间点的累计百分比（{{sums}}），最后一期为100%',
  },
  check(ctx) {
    const plan = ctx.block && ctx.profile.plan ? readPlan(ctx.block) : undefined;
    if (!plan) return;
    const sums = perPeriodSums(plan);
    if (!sums) return;
    const edits: CellEdit[] = [];
    plan.cells.forEach((c, i) => {
      const now = c.state === 'ok' ? c.percent! : undefined;
      if (now !== undefined && Math.abs(now - sums[i]) <= EPS) return;
      edits.push(planEdit(c, sums[i], plan));
    });
    if (edits.length === 0) return;
    const last = plan.cells[plan.cells.length - 1];
    const values = plan.cells.map((c) => (c.state === 'ok' ? pct(c.percent!) : '空')).join('、');
    const sumsText = sums.map(pct).join('、');
    const [main, ...also] = edits;
    ctx.report({
      at: last.field.cell,
      messageId: 'perPeriod',
      data: { values, last: last.checkpoint, lastValue: last.state === 'ok' ? pct(last.percent!) : '空', sums: sumsText },
      related: plan.cells.filter((c) => c !== last).map((c) => c.field.cell),
      fix: {
        cell: main.cell,
        value: main.value,
        ...(main.numberFormat ? { numberFormat: main.numberFormat } : {}),
        label: `改为累计百分比：${sumsText}`,
        ...(also.length ? { also } : {}),
      },
    });
  },
});
