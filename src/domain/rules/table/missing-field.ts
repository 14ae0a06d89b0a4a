import type { Block, Field } from '../../model';
import { defineRule } from '../../rule';
import { cellFor, isBlank } from '../block-helpers';

interface Required {
  key: string;
  field: string;
  expected: string;
  get(block: Block): Field | undefined;
}

const NAME: Required = {
  key: 'name',
  field: '项目名称',
  expected: '本项目的名称',
  get: (b) => b.name,
};
const BUDGET: Required = {
  key: 'budget',
  field: '预算数',
  expected: '本项目的预算金额',
  get: (b) => b.budget,
};
const GOAL: Required = {
  key: 'goal',
  field: '绩效目标',
  expected: '本项目的年度绩效目标',
  get: (b) => b.goal,
};

/** table/missing-field — 项目名称, 预算数, the plan values row or the 绩效目标 text is absent or blank. */
export const tableMissingField = defineRule({
  id: 'table/missing-field',
  severity: 'error',
  scope: 'block',
  description: '项目名称、预算数、资金支出计划或绩效目标未填写',
  messages: {
    blank: '{{field}}为空：应填写{{expected}}',
    absent: '表中找不到{{field}}：应补上“{{field}}”并填写{{expected}}',
    planBlank: '资金支出计划（%）一行全部为空：应按累计百分比填写各时间点的支出进度，最后一期为100%',
    planAbsent: '表中找不到资金支出计划（%）：应补上该行，按累计百分比填写各时间点的支出进度',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    const list = ctx.profile.layout === 'list';
    if (list && block.listRole === 'department') return;

    const required: Required[] = [NAME, BUDGET];
    if (!list || block.listRole !== 'unit') required.push(GOAL);

    for (const r of required) {
      const f = r.get(block);
      if (!isBlank(f)) continue;
      const data = {
        field: r.field,
        expected: r.key === 'budget' ? `${r.expected}（单位：${block.moneyUnit ?? '万元'}）` : r.expected,
      };
      const present = f !== undefined || block.labels?.[r.key] !== undefined;
      ctx.report({ at: cellFor(block, f, r.key), messageId: present ? 'blank' : 'absent', data });
    }

    if (!list && ctx.profile.fields.plan) {
      const plan = block.plan;
      if (!plan) {
        ctx.report({ at: block.labels?.plan ?? block.anchor, messageId: 'planAbsent' });
      } else if (plan.values.every((v) => isBlank(v))) {
        ctx.report({ at: plan.values[0]?.cell ?? plan.labelCell, messageId: 'planBlank' });
      }
    }
  },
});
