import { defineRule } from '../../rule';
import { formatNumber, type ParsedValue } from '../../value';
import { canFixCell, fieldText, isProjectBlock, isSatisfactionRow, valueRows, type ResolvedRow } from '../indicator/rows';

/** a rate by its 三级 name: 覆盖率 及时率 合格率 完成率 到位率 知晓率 达标率 发放率 … (a 频率 counts times, not a share) */
const RATE_NAME = /率/;
const NOT_RATE = /频率/;
/** operator spellings value/percent-notation corrects: the fix writes the canonical one */
const ODD_OPERATOR = /^\s*(>=|=>|<=|=<|≧|≦|⩾|⩽|＞＝|＜＝)/;

/** The row's 三级 name says its value is a percentage (a satisfaction indicator is value/satisfaction's). */
export function isRateRow(r: ResolvedRow): boolean {
  return RATE_NAME.test(r.name) && !NOT_RATE.test(r.name) && !isSatisfactionRow(r);
}

/** A bare number: no unit, no per-unit, not a percentage (a cell formatted to show `95%` is a percentage). */
export function isBareNumber(p: ParsedValue): boolean {
  return p.kind === 'number' && p.number !== undefined && p.unit === undefined && (p.per ?? []).length === 0;
}

/**
 * What a bare number of a rate means as a percentage, keeping the operator (`95` → `95%`, `≥95` →
 * `≥95%`); undefined for a fraction (`0.95`: 95% or 0.95%? the clerk says).
 */
export function ratePercent(p: ParsedValue, shown: string): string | undefined {
  if (p.number === undefined || (p.number > 0 && p.number < 1)) return undefined;
  const t = shown.trim();
  // the clerk's own spelling (`＝100`, `≥ 95`) with % after it; an odd operator (`>=`) written as ≥
  if (/\d$/.test(t) && !ODD_OPERATOR.test(t)) return `${t}%`;
  const n = formatNumber(p.number);
  if (n === undefined) return undefined;
  return `${p.operatorExplicit ? p.operator : ''}${n}%`;
}


/**
 * value/rate-without-percent — a bare number (`95`, `≥95`, `100`) where the 三级 name is a rate.
 * Fix: append `%`, keeping the operator. A fraction (`0.95`) gets the message without a fix.
 */
export const valueRateWithoutPercent = defineRule({
  id: 'value/rate-without-percent',
  severity: 'warning',
  fixable: 'one',
  scope: 'block',
  description: '比率指标的指标值缺少百分号',
  messages: {
    bare: '比率指标“{{name}}”的指标值“{{value}}”没有百分号：比率应写作百分比，如“{{percent}}”',
    fraction: '比率指标“{{name}}”的指标值“{{value}}”是小数，没有百分号：比率应写作百分比（0.95 即“95%”），请核对后改写',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      // a split 指标值 with a blank 计量单位 is value/split-missing-unit's
      if (r.row.split || !isRateRow(r) || !isBareNumber(r.value)) continue;
      if (r.value.number === 0) continue; // `≥0` for a growth rate: zero is zero in any unit
      const name = fieldText(r.row.level3);
      const value = fieldText(r.row.value) || r.value.raw;
      const percent = ratePercent(r.value, value);
      if (percent === undefined) {
        ctx.report({ at: r.row.value.cell, messageId: 'fraction', data: { name, value } });
        continue;
      }
      const cell = r.row.value.cell;
      ctx.report({
        at: cell,
        messageId: 'bare',
        data: { name, value, percent },
        fix: canFixCell(ctx.profile) ? { cell, value: percent, label: `改为“${percent}”` } : undefined,
      });
    }
  },
});
