import { defineRule } from '../../rule';
import { cellFor, fieldText, isBlank, quote } from '../block-helpers';
import { blockField } from '../total/funding-mismatch';

/**
 * table/missing-field — a field the profile requires (项目名称, 预算数/资金总额, 绩效目标 …), or the
 * plan values row where the format has a plan, is absent or blank.
 */
export const tableMissingField = defineRule({
  id: 'table/missing-field',
  severity: 'error',
  scope: 'block',
  description: '项目名称、预算数、资金支出计划、绩效目标或指标权重未填写',
  messages: {
    blank: '{{field}}为空：应填写{{expected}}',
    absent: '表中找不到{{field}}：应补上“{{field}}”并填写{{expected}}',
    planBlank: '资金支出计划（%）一行全部为空：应按累计百分比填写各时间点的支出进度，最后一期为100%',
    planAbsent: '表中找不到资金支出计划（%）：应补上该行，按累计百分比填写各时间点的支出进度',
    weightBlank: '三级指标“{{name}}”的权重为空：应填写该指标的分值{{total}}',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    const list = ctx.profile.layout === 'list';
    if (list && block.listRole === 'department') return;

    for (const spec of ctx.profile.fields) {
      if (!spec.required) continue;
      if (list && block.listRole === 'unit' && spec.key !== 'name' && !spec.money) continue; // a unit row has no goal
      const f = blockField(block, spec.key);
      if (!isBlank(f)) continue;
      const data = {
        field: spec.caption,
        expected: spec.money ? `${spec.required}（单位：${block.moneyUnit ?? '万元'}）` : spec.required,
      };
      const present = f !== undefined || block.labels?.[spec.key] !== undefined;
      ctx.report({ at: cellFor(block, f, spec.key), messageId: present ? 'blank' : 'absent', data });
    }

    if (!list && ctx.profile.plan) {
      const plan = block.plan;
      if (!plan) {
        ctx.report({ at: block.labels?.plan ?? block.anchor, messageId: 'planAbsent' });
      } else if (plan.values.every((v) => isBlank(v))) {
        ctx.report({ at: plan.values[0]?.cell ?? plan.labelCell, messageId: 'planBlank' });
      }
    }

    // a table with a 权重 column (docs/domain.md §2.8): every named indicator carries its weight
    const totals = ctx.profile.weightTotals ?? [];
    const total = totals.length > 0 ? `（本项目各指标权重合计应为${totals.join('或')}）` : '';
    for (const row of block.indicators) {
      if (row.weight === undefined || !isBlank(row.weight) || isBlank(row.level3)) continue;
      ctx.report({ at: row.weight.cell, messageId: 'weightBlank', data: { name: quote(fieldText(row.level3), 30), total } });
    }
  },
});
