import { hasColumn } from '../../profile';
import { defineRule } from '../../rule';
import { readSplitValue } from '../../split-value';
import { normLabel, quote } from '../../text';
import type { Operator } from '../../value';
import { fieldText, isBlank } from '../block-helpers';
import { isCostRow, isProjectBlock, valueRows, type ResolvedRow } from '../indicator/rows';
import { AT_LEAST_NAME } from './cost-direction';

/**
 * `正向指标` (more is better) / `反向指标` (less is better) as written — or the format's own words
 * (`words`, the profile's `rowsTemplate.directions`) — else undefined (blank, other words).
 */
export function directionOf(text: string, words?: { positive: string; negative: string }): 'positive' | 'negative' | undefined {
  const t = normLabel(text);
  if (t === '') return undefined;
  if (words && t === normLabel(words.positive)) return 'positive';
  if (words && t === normLabel(words.negative)) return 'negative';
  if (/^正向/.test(t)) return 'positive';
  if (/^反向/.test(t)) return 'negative';
  return undefined;
}

const OPERATOR_WORDS: Record<Operator, string> = { '≥': '不低于', '>': '高于', '=': '等于', '<': '低于', '≤': '不超过' };

/** The operator a row's value states (a split 指标性质, or an explicit operator in the 指标值), if any. */
function operatorOf(r: ResolvedRow): Operator | undefined {
  if (r.row.split) {
    const op = readSplitValue(r.row.split).operator;
    return op === 'qualitative' ? undefined : op;
  }
  return r.value.operatorExplicit ? r.value.operator : undefined;
}

/**
 * value/direction-mismatch — a table with 指标方向性 (docs/domain.md §2.8): `正向指标` (more is better) with
 * `≤ <`, or `反向指标` (less is better) with `≥ >`. A 成本指标 written `≥` is value/cost-direction's
 * (one piece of advice per row); a 成本指标 marked 正向 is told that costs are 反向.
 */
export const valueDirectionMismatch = defineRule({
  id: 'value/direction-mismatch',
  severity: 'warning',
  scope: 'block',
  appliesTo: (p) => hasColumn(p, 'direction'),
  description: '指标方向性与指标性质（≥ ≤）不一致',
  messages: {
    positive:
      '三级指标“{{name}}”的指标方向性为“{{direction}}”（越大越好），而指标性质为“{{operator}}”（{{words}}）：二者应一致——越大越好的指标用“≥”或“>”，越小越好的用“≤”或“<”，请核对',
    negative:
      '三级指标“{{name}}”的指标方向性为“{{direction}}”（越小越好），而指标性质为“{{operator}}”（{{words}}）：二者应一致——越小越好的指标用“≤”或“<”，越大越好的用“≥”或“>”，请核对',
    costPositive:
      '成本指标“{{name}}”的指标方向性为“{{direction}}”，而指标性质为“{{operator}}”：成本是支出上限，越小越好，指标方向性应为“{{negative}}”',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const d = r.row.direction;
      if (!d || isBlank(d)) continue;
      const dir = directionOf(fieldText(d), ctx.profile.rowsTemplate?.directions);
      const op = operatorOf(r);
      if (!dir || !op || op === '=') continue;
      const name = quote(fieldText(r.row.level3) || '（未填名称）', 30);
      const negative = ctx.profile.rowsTemplate?.directions?.negative ?? '反向指标';
      const data = { name, direction: quote(fieldText(d), 12), operator: op, words: OPERATOR_WORDS[op], negative };
      const related = [r.row.split?.operator.cell ?? r.row.value.cell];
      if (dir === 'positive' && (op === '≤' || op === '<')) {
        ctx.report({ at: d.cell, messageId: isCostRow(r) ? 'costPositive' : 'positive', data, related });
      } else if (dir === 'negative' && (op === '≥' || op === '>')) {
        if (isCostRow(r) && !AT_LEAST_NAME.test(r.name)) continue; // value/cost-direction speaks about this row
        ctx.report({ at: d.cell, messageId: 'negative', data, related });
      }
    }
  },
});
