import type { Block, Field } from '../../model';
import { defineRule } from '../../rule';
import { cellDecimals, fieldText, fmtNum, isBlank, readAmount, roundTo, truncTo } from '../block-helpers';

const LABELS: Record<string, (b: Block) => Field | undefined> = {
  预算数: (b) => b.budget,
  财政资金: (b) => b.fiscal,
  其他资金: (b) => b.other,
};

const STATED =
  /(预算数|财政资金|其他资金)\s*(?:为|是|共计|合计|：|:)?\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)\s*(万元|元)/g;

/** `上级财政资金…` / `争取财政资金…`: money from another pot, not this table's cell. */
function otherPot(text: string, at: number): boolean {
  const before = text.slice(Math.max(0, at - 2), at);
  return /[级省市县央]$/.test(before) || /^(争取|申请|下达)$/.test(before);
}

function toHalf(s: string): string {
  return s.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * total/usage-amount-mismatch — the 资金用途 or 绩效目标 text says 预算数X万元 / 财政资金X万元 /
 * 其他资金X万元 and X, rounded (or cut) to the cell's decimals, differs from the cell.
 */
export const totalUsageAmountMismatch = defineRule({
  id: 'total/usage-amount-mismatch',
  severity: 'warning',
  scope: 'block',
  description: '资金用途或绩效目标中写的金额与表中金额不一致',
  messages: {
    mismatch:
      '{{source}}写“{{stated}}”，与{{label}}单元格的{{cellValue}}不一致：文字中的金额应与表中{{label}}（单位：{{unit}}）一致',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block) return;
    const unit = block.moneyUnit ?? '万元';
    const sources: [string, Field | undefined][] = [
      ['资金用途', block.usage],
      ['绩效目标', block.goal],
    ];
    for (const [source, field] of sources) {
      const text = fieldText(field);
      if (!field || text === '') continue;
      const done = new Set<string>();
      for (const m of text.matchAll(STATED)) {
        const label = m[1];
        if (done.has(label) || otherPot(text, m.index ?? 0)) continue;
        const cellField = LABELS[label](block);
        if (!cellField) continue;
        let cellValue: number | undefined;
        if (isBlank(cellField)) {
          if (label !== '其他资金') continue; // blank 其他资金 means 0; other blanks are table/missing-field's
          cellValue = 0;
        } else {
          cellValue = readAmount(cellField);
        }
        if (cellValue === undefined) continue;
        done.add(label);
        let stated = Number(toHalf(m[2]));
        // the text's unit → the block's unit
        if (m[3] === '元' && unit === '万元') stated /= 10000;
        else if (m[3] === '万元' && unit === '元') stated *= 10000;
        const d = cellDecimals(cellField);
        const shown = roundTo(cellValue, d);
        const same = (x: number) => Math.abs(x - shown) < 1e-9;
        if (same(roundTo(stated, d)) || same(truncTo(stated, d))) continue;
        ctx.report({
          at: field.cell,
          messageId: 'mismatch',
          data: {
            source,
            stated: m[0].replace(/\s+/g, ''),
            label,
            cellValue: isBlank(cellField) ? '空（按0计）' : fmtNum(cellValue, 6),
            unit,
          },
          related: [cellField.cell],
        });
      }
    }
  },
});
