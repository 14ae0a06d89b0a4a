import type { Block, IndicatorRow } from '../../model';
import { defineRule } from '../../rule';
import { compact, fieldText, fmtNum, quote, readAmount } from '../block-helpers';
import { parseShown } from '../../value';
import { AMOUNT_TOLERANCE } from '../../totals';

/** a name or description that states a per-unit amount, not a total */
const PER_UNIT_NAME = /标准|单价|人均|户均|村均|均价|平均|每|单位成本|定额/;
/** a name that states the total of the cost rows (the others are its parts) */
const TOTAL_NAME = /总|合计|全部/;
/** amounts below this share of the budget are not added up */
const MIN_PART_SHARE = 0.01;

interface CostAmount {
  row: IndicatorRow;
  /** in the block's money unit */
  amount: number;
  total: boolean;
}

/** 成本指标 rows: 二级 成本指标 (hebei) or any row under 一级 成本指标 (central-2021). */
function isCostRow(row: IndicatorRow): boolean {
  const l2 = row.level2.text;
  const l1 = row.level1.text;
  // cheap pre-test before removing spaces (`成 本 指 标`)
  return (l2.includes('本') && compact(l2) === '成本指标') || (l1.includes('本') && compact(l1) === '成本指标');
}

/** The cost rows of a block that state a total amount of money, converted to the block's unit. */
export function totalCostAmounts(block: Block): CostAmount[] {
  const out: CostAmount[] = [];
  for (const row of block.indicators) {
    if (!isCostRow(row)) continue;
    const name = fieldText(row.level3);
    if (PER_UNIT_NAME.test(name) || PER_UNIT_NAME.test(fieldText(row.description))) continue;
    const p = parseShown(row.value.value, row.value.numberFormat, row.value.text);
    if (p.kind !== 'money' || p.moneyWan === undefined) continue;
    const per = p.per ?? [];
    if (per.some((d) => d.replace(/\s+/g, '') !== '年')) continue; // /人 /村 /月 …: per unit; /年 is the year's total
    const amount = block.moneyUnit === '元' ? p.moneyWan * 10000 : p.moneyWan;
    out.push({ row, amount, total: TOTAL_NAME.test(name) });
  }
  return out;
}

/**
 * total/cost-exceeds-budget — a 成本指标 stating a total amount exceeds the budget, or several such
 * amounts together do (unless one of them is the total of the others).
 */
export const totalCostExceedsBudget = defineRule({
  id: 'total/cost-exceeds-budget',
  severity: 'error',
  scope: 'block',
  description: '成本指标金额超过项目预算数',
  messages: {
    single:
      '成本指标“{{name}}”为“{{value}}”，超过本项目预算数{{budget}}{{unit}}：成本总额不应超过预算，请核对金额和单位（元/万元）',
    together:
      '成本指标“{{name}}”（“{{value}}”）与其他{{others}}项成本指标合计{{sum}}{{unit}}，超过本项目预算数{{budget}}{{unit}}：各项成本之和不应超过预算，请核对',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    if (ctx.profile.layout === 'list' && block.listRole && block.listRole !== 'project') return;
    const budget = readAmount(block.budget);
    if (budget === undefined || budget <= 0) return;
    const costs = totalCostAmounts(block);
    if (costs.length === 0) return;
    const unit = block.moneyUnit ?? '万元';
    const limit = budget + AMOUNT_TOLERANCE + 1e-9;

    const single = costs.filter((c) => c.amount > limit);
    for (const c of single) {
      ctx.report({
        at: c.row.value.cell,
        messageId: 'single',
        data: { name: quote(fieldText(c.row.level3)), value: quote(fieldText(c.row.value)), budget: fmtNum(budget, 6), unit },
        related: block.budget ? [block.budget.cell] : undefined,
      });
    }
    if (single.length > 0) return;
    // Adding up is only safe among amounts that are parts of the budget: not when a row names a
    // total (项目总成本) or already states the whole budget (the others are its parts or per-unit
    // amounts written without their denominator, `劳务补助 70元`), and not for amounts under 1% of
    // the budget (per-unit standards without denominator).
    if (costs.some((c) => c.total || Math.abs(c.amount - budget) <= AMOUNT_TOLERANCE)) return;
    const parts = costs.filter((c) => c.amount >= budget * MIN_PART_SHARE);
    if (parts.length < 2) return;
    const sum = parts.reduce((s, c) => s + c.amount, 0);
    if (sum <= limit) return;
    // the largest is the sum of the others: a total and its parts
    const sorted = [...parts].sort((a, b) => b.amount - a.amount);
    const rest = sum - sorted[0].amount;
    if (Math.abs(sorted[0].amount - rest) <= AMOUNT_TOLERANCE * parts.length + 1e-9) return;
    for (const c of parts) {
      ctx.report({
        at: c.row.value.cell,
        messageId: 'together',
        data: {
          name: quote(fieldText(c.row.level3)),
          value: quote(fieldText(c.row.value)),
          others: parts.length - 1,
          sum: fmtNum(sum, 6),
          budget: fmtNum(budget, 6),
          unit,
        },
        related: [...parts.filter((o) => o !== c).map((o) => o.row.value.cell), ...(block.budget ? [block.budget.cell] : [])],
      });
    }
  },
});
