import type { Block, Field } from '../../model';
import { fieldCaption } from '../../profile';
import { defineRule } from '../../rule';
import { fmtNum, isBlank, readAmount } from '../block-helpers';
import { relationFormula, relationHolds } from '../../totals';

/** A field of the block by the profile's key: its own property (budget, fiscal …) or `extra` (上级补助 …). */
export function blockField(block: Block, key: string): Field | undefined {
  const own = (block as unknown as Record<string, unknown>)[key];
  if (own && typeof own === 'object' && 'cell' in own) return own as Field;
  return block.extra?.[key];
}

/** `A、B与C` */
function joinParts(parts: string[]): string {
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join('、')}与${parts[parts.length - 1]}`;
}

/**
 * total/funding-mismatch — a total ≠ the sum of its parts, beyond 0.005 of the block's unit (a
 * blank part counts 0), for every totals relation the profile declares: 预算数 = 财政资金 + 其他资金;
 * in the 一体化 layout also 资金总额 = 财政拨款 + 其他资金 and 财政拨款 = 上级补助 + 本级安排.
 */
export const totalFundingMismatch = defineRule({
  id: 'total/funding-mismatch',
  severity: 'error',
  scope: 'block',
  layouts: ['block'],
  appliesTo: (p) => p.totals.length > 0,
  description: '合计金额不等于各组成部分之和（预算数 = 财政资金 + 其他资金 等）',
  messages: {
    mismatch: '{{total}}{{totalValue}}不等于{{parts}}之和{{sum}}（相差{{diff}}{{unit}}）：应满足 {{formula}}',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    const caption = (key: string) => fieldCaption(ctx.profile, key, key);
    for (const rel of ctx.profile.totals) {
      const totalField = blockField(block, rel.total);
      const total = readAmount(totalField);
      if (total === undefined || !totalField) continue; // blank: table/missing-field; text: not an amount
      const fields = rel.parts.map((k) => blockField(block, k));
      if (fields.every((f) => !f)) continue; // the table has no split at all
      const amounts = fields.map((f) => (isBlank(f) ? 0 : readAmount(f)));
      if (amounts.some((a) => a === undefined)) continue;
      const { sum, diff, holds } = relationHolds(total, amounts as number[]);
      if (holds) continue;
      ctx.report({
        at: totalField.cell,
        messageId: 'mismatch',
        data: {
          total: caption(rel.total),
          totalValue: fmtNum(total, 6),
          parts: joinParts(rel.parts.map((k, i) => `${caption(k)}${isBlank(fields[i]) ? '（空）' : fmtNum(amounts[i] as number, 6)}`)),
          sum: fmtNum(sum, 6),
          diff: fmtNum(diff, 6),
          unit: block.moneyUnit ?? '万元',
          formula: relationFormula(ctx.profile, rel),
        },
        related: fields.map((f) => f?.cell).filter((c): c is string => !!c),
      });
    }
  },
});
