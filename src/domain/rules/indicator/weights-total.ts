import type { Field } from '../../model';
import { hasColumn } from '../../profile';
import { defineRule } from '../../rule';
import { quote } from '../../text';
import { isPercentFormat } from '../../value';
import { fieldText, fmtNum, isBlank } from '../block-helpers';
import { isProjectBlock, resolveRows } from './rows';

/** A weight as written: a number, or a number as text (`10`, `10分`, `10%`). */
export function readWeight(f: Field): number | undefined {
  // read as the clerk sees it: 0.1 shown as 10% is 10
  if (typeof f.value === 'number') return Number.isFinite(f.value) ? (isPercentFormat(f.numberFormat) ? Math.round(f.value * 1e8) / 1e6 : f.value) : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:分|%|％)?\s*$/.exec(fieldText(f));
  return m ? Number(m[1]) : undefined;
}

/**
 * indicator/weights-total — a table with a 权重 (or 分值) column (docs/domain.md §2.8): one project's
 * weights do not total a figure the profile accepts (`weightTotals`: 90 or 100 for
 * sichuan-yth-annual, 90 where 预算执行率 is kept outside the table). A blank weight is
 * table/missing-field's; a weight that is not a number is reported here, and the total waits for it.
 */
export const indicatorWeightsTotal = defineRule({
  id: 'indicator/weights-total',
  severity: 'error',
  scope: 'block',
  appliesTo: (p) => (p.weightTotals?.length ?? 0) > 0 && hasColumn(p, 'weight'),
  description: '一个项目各指标的权重合计不是规定的分值（如90或100）',
  messages: {
    total: '本项目各指标权重合计为{{sum}}（{{parts}}），应为{{accepted}}：请调整各指标的权重',
    notNumber: '三级指标“{{name}}”的权重“{{weight}}”不是数字：应填写分值，如“10”；本项目各指标权重合计应为{{accepted}}',
  },
  check(ctx) {
    const block = ctx.block;
    const accepted = ctx.profile.weightTotals ?? [];
    if (!block || !isProjectBlock(block) || accepted.length === 0) return;
    const acceptedText = accepted.map((n) => fmtNum(n)).join('或');
    const rows = resolveRows(ctx.profile, block).filter((r) => r.row.weight !== undefined);
    if (rows.length === 0) return;
    let sum = 0;
    let complete = true;
    const byLevel1 = new Map<string, number>();
    for (const r of rows) {
      const w = r.row.weight as Field;
      if (isBlank(w)) {
        complete = false; // table/missing-field asks for it
        continue;
      }
      const n = readWeight(w);
      if (n === undefined) {
        complete = false;
        ctx.report({
          at: w.cell,
          messageId: 'notNumber',
          data: { name: quote(fieldText(r.row.level3) || '（未填名称）', 30), weight: quote(fieldText(w), 12), accepted: acceptedText },
        });
        continue;
      }
      sum += n;
      const l1 = (r.level1 ?? fieldText(r.row.level1)) || '未填一级指标';
      byLevel1.set(l1, (byLevel1.get(l1) ?? 0) + n);
    }
    if (!complete) return;
    sum = Math.round(sum * 1e6) / 1e6;
    if (accepted.some((a) => Math.abs(a - sum) < 1e-6)) return;
    const parts = [...byLevel1].map(([l1, n]) => `${l1.replace(/指标$/, '')}${fmtNum(Math.round(n * 1e6) / 1e6)}`).join('、');
    const cells = rows.map((r) => (r.row.weight as Field).cell);
    ctx.report({ at: cells[0], messageId: 'total', data: { sum: fmtNum(sum), parts, accepted: acceptedText }, related: cells.slice(1) });
  },
});
