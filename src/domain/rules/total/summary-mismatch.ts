import type { Block, Field, SummaryRow, SummaryTable } from '../../model';
import { fieldCaption, type Profile } from '../../profile';
import { getProfile } from '../../profiles';
import { defineRule } from '../../rule';
import { normLabel, quote } from '../../text';
import { blockName, fieldText, fmtNum, isBlank, readAmount, sheetRef } from '../block-helpers';
import { isProjectBlock } from '../indicator/rows';
import { blockField } from './funding-mismatch';

/** A project name as the 汇总 table and the block are compared: no numbering, spaces, `…项目绩效目标表`. */
export function projectKey(text: string): string {
  return normLabel(text)
    .replace(/^[(（]?[0-9０-９一二三四五六七八九十]{1,3}[)）.、．]?(?=\D)/, '')
    .replace(/(?:项目)?(?:支出)?绩效目标(?:申报)?表$/, '')
    .replace(/(?<=.{2})项目$/, '');
}

const WAN = { 万元: 1, 元: 0.0001 } as const;
/** rounding tolerance of an amount written in `unit`, in 万元 */
const TOLERANCE = { 万元: 0.005, 元: 0.005 * 0.0001 } as const;

const SUMMARY_CAPTION: Record<'amount' | 'fiscal' | 'other', string> = { amount: '预算数', fiscal: '财政资金', other: '其他资金' };
const BLOCK_KEY: Record<'amount' | 'fiscal' | 'other', string> = { amount: 'budget', fiscal: 'fiscal', other: 'other' };

function profileOf(b: Block): Profile | undefined {
  try {
    return getProfile(b.profile);
  } catch {
    return undefined;
  }
}

/**
 * total/summary-mismatch — a 汇总 table that lists the workbook's projects (at least one of its rows
 * names a block) is checked against the blocks, names matched after normalising, 元 and 万元
 * converted: an amount that differs from the block's (error, at the 汇总 cell), a listed project
 * with no block (warning, at the 汇总 row), a block the table leaves out (warning, at the block).
 */
export const totalSummaryMismatch = defineRule({
  id: 'total/summary-mismatch',
  severity: 'error',
  scope: 'file',
  description: '汇总表中的项目金额与项目表不一致，或汇总表与项目表不对应',
  messages: {
    amount:
      '汇总表中“{{name}}”的{{column}}为{{summaryValue}}{{summaryUnit}}，与该项目表（{{where}}）的{{field}}{{blockValue}}{{blockUnit}}不一致：两处金额应相同，请核对',
    noBlock: '汇总表列出的项目“{{name}}”在本工作簿中找不到对应的项目绩效目标表：请核对项目名称是否与项目表一致，或补上该项目的表',
    missing: '本项目“{{name}}”没有列入汇总表（{{where}}）：汇总表应列出工作簿中的每个项目',
  },
  check(ctx) {
    const projects = ctx.blocks.filter((b) => isProjectBlock(b) && blockName(b) !== '');
    const byName = new Map<string, Block>();
    const byCode = new Map<string, Block>();
    for (const b of projects) {
      const k = projectKey(blockName(b));
      if (k && !byName.has(k)) byName.set(k, b);
      const code = normLabel(fieldText(b.code)).toUpperCase();
      if (code.length >= 6 && !byCode.has(code)) byCode.set(code, b);
    }
    const find = (row: SummaryRow): Block | undefined => {
      const code = normLabel(fieldText(row.code)).toUpperCase();
      return (code.length >= 6 ? byCode.get(code) : undefined) ?? byName.get(projectKey(row.name.text || fieldText(row.name)));
    };
    const listed = new Set<Block>();
    let first: SummaryTable | undefined;
    for (const t of ctx.summaries) {
      const matches = t.rows.map(find);
      if (!matches.some((b) => b !== undefined)) continue; // not a list of this workbook's projects
      first ??= t;
      t.rows.forEach((row, i) => {
        const b = matches[i];
        const name = quote(fieldText(row.name));
        if (!b) {
          ctx.report({ block: null, sheet: t.sheet, at: row.name.cell, messageId: 'noBlock', severity: 'warning', data: { name } });
          return;
        }
        listed.add(b);
        const profile = profileOf(b);
        for (const col of ['amount', 'fiscal', 'other'] as const) {
          const cell: Field | undefined = row[col];
          const own = blockField(b, BLOCK_KEY[col]);
          if (!cell || isBlank(cell) || !own) continue;
          const a = readAmount(cell);
          const x = isBlank(own) ? 0 : readAmount(own);
          if (a === undefined || x === undefined) continue;
          const blockUnit = b.moneyUnit ?? '万元';
          const diff = Math.abs(a * WAN[t.moneyUnit] - x * WAN[blockUnit]);
          if (diff <= Math.max(TOLERANCE[t.moneyUnit], TOLERANCE[blockUnit]) + 1e-12) continue;
          const where = sheetRef(t.sheet, b.sheet, own.cell);
          ctx.report({
            block: null,
            sheet: t.sheet,
            at: cell.cell,
            messageId: 'amount',
            data: {
              name,
              column: SUMMARY_CAPTION[col],
              summaryValue: fmtNum(a, 6),
              summaryUnit: t.moneyUnit,
              where,
              field: profile ? fieldCaption(profile, BLOCK_KEY[col], SUMMARY_CAPTION[col]) : SUMMARY_CAPTION[col],
              blockValue: isBlank(own) ? '（空，按0计）' : fmtNum(x, 6),
              blockUnit,
            },
            related: [where],
          });
        }
      });
    }
    if (!first) return;
    const table = first;
    for (const b of projects) {
      if (listed.has(b)) continue;
      const at = b.name?.cell ?? b.anchor;
      const where = sheetRef(b.sheet, table.sheet, table.anchor);
      ctx.report({ block: b, at, messageId: 'missing', severity: 'warning', data: { name: quote(blockName(b)), where }, related: [where] });
    }
  },
});
