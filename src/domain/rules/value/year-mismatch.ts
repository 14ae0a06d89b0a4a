import { defineRule } from '../../rule';
import { quote } from '../../text';
import { fieldText, isProjectBlock, valueRows } from '../indicator/rows';

/** phrases that name where money comes from or what it pays off: their years are not planning years */
export const FUND_ORIGIN =
  /质保金|保证金|尾款|欠款|欠付|拖欠|清欠|结转|结余|以前年度|往年|历年|上年度|债务|偿还|还款|补发|补缴|补助资金下达|资金下达|文件|号文|工程款/;
/** words before a year that make it a reference point, not a plan (`截至2022年底`, `较2022年`) */
const REFERENCE_BEFORE = /(截至|截止|自|从|较|比|与|同比|相比|对比|继)\s*$/;

/**
 * Planning phrases of a goal text: `计划2021年…`, `2021年内`, `2021年底前`, `2021年12月底前`,
 * `2021年完成/开展/举办…`. Group 1 is the year.
 */
const PLANNING: RegExp[] = [
  /(?:计划|预计|拟|力争|确保|争取)(?:于|在|到)?\s*((?:19|20)\d{2})\s*年/g,
  /((?:19|20)\d{2})\s*年(?:度)?\s*(?:内|年内|底前|底之前|末前|年底前|前|上半年|下半年|全年)/g,
  /((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*(?:底)?\s*(?:前|之前|以前|完成)/g,
  /((?:19|20)\d{2})\s*年(?:度)?\s*(?:计划|预计|将|拟|共|全年)?\s*(?:完成|开展|举办|实施|召开|组织|建设|建成|实现|发放|达到|新建|改造|落实|举行|培训|推进|启动|完工|竣工)/g,
];

function sentenceAround(text: string, index: number): string {
  const seps = /[。；;！!？?\n]/;
  let a = index;
  while (a > 0 && !seps.test(text[a - 1])) a--;
  let b = index;
  while (b < text.length && !seps.test(text[b])) b++;
  return text.slice(a, b);
}

/** The planning years of a goal text that differ from the budget year, each once, with where it is written. */
export function planningYearsInGoal(text: string, year: number): { year: number; index: number }[] {
  const out: { year: number; index: number }[] = [];
  for (const re of PLANNING) {
    for (const m of text.matchAll(re)) {
      const y = Number(m[1]);
      if (y === year || out.some((o) => o.year === y)) continue;
      const yearAt = (m.index ?? 0) + m[0].indexOf(m[1]);
      if (REFERENCE_BEFORE.test(text.slice(Math.max(0, yearAt - 4), yearAt))) continue;
      if (FUND_ORIGIN.test(sentenceAround(text, yearAt))) continue;
      out.push({ year: y, index: yearAt });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * value/year-mismatch — a year in an 指标值 differs from the budget year (error); a goal text that
 * plans work in another year (warning). Titles, names, 资金用途 and fund-origin phrases are not checked.
 */
export const valueYearMismatch = defineRule({
  id: 'value/year-mismatch',
  severity: 'error',
  scope: 'block',
  description: '指标值或绩效目标中的年份与预算年度不符',
  messages: {
    value: '指标值“{{value}}”中的{{found}}年与预算年度{{year}}年不符：应改为{{year}}年（是否照搬了往年的表？）',
    goal: '绩效目标中“{{phrase}}”计划在{{found}}年完成工作，与预算年度{{year}}年不符：请核对年份',
  },
  check(ctx) {
    const block = ctx.block;
    const year = ctx.year ?? ctx.settings.year;
    if (!block || year === undefined || !isProjectBlock(block)) return;
    for (const r of valueRows(ctx.profile, block)) {
      const raw = fieldText(r.row.value);
      const other = r.value.years.filter((y) => y !== year);
      if (other.length === 0 || FUND_ORIGIN.test(raw)) continue;
      ctx.report({
        at: r.row.value.cell,
        messageId: 'value',
        data: { value: quote(raw), found: other.join('、'), year },
      });
    }
    const goal = block.goal;
    const text = goal ? goal.text || fieldText(goal) : '';
    if (goal && text) {
      for (const { year: y, index: at } of planningYearsInGoal(text, year)) {
        const phrase = quote(sentenceAround(text, at).replace(/^\s*(目标\s*[一二三四五六七八九十\d]+\s*[:：]|\d+\s*[.、．])\s*/, ''), 30);
        ctx.report({ at: goal.cell, messageId: 'goal', severity: 'warning', data: { phrase, found: y, year } });
      }
    }
  },
});
