/**
 * Tables that are not project tables (docs/domain.md §2.6), as data: the header words of a 汇总 table,
 * the words that mark a 部门整体绩效目标表, and the titles of budget tables. The recogniser never
 * makes a block of them; a 汇总 table is read so total/summary-mismatch can check it.
 */
import { normLabel } from '../domain/text';

/** Columns of a 汇总 table: `序号 | 项目名称 | 预算数 | 财政资金 | 其他资金` (and a few more spellings). */
export type SummaryColumn = 'no' | 'name' | 'code' | 'amount' | 'fiscal' | 'other';

const SUMMARY_LABELS: [SummaryColumn, string[]][] = [
  ['no', ['序号', '编号']],
  ['name', ['项目名称']],
  ['code', ['项目编码', '项目代码']],
  [
    'amount',
    ['预算数', '金额', '预算金额', '合计', '资金总额', '年度预算数', '预算总额', '项目预算数', '预算数合计', '总额', '项目金额', '年度资金总额'],
  ],
  ['fiscal', ['财政资金', '其中：财政资金', '财政拨款', '其中：财政拨款']],
  ['other', ['其他资金', '其中：其他资金']],
];

const SUMMARY_COLUMNS = new Map<string, SummaryColumn>();
for (const [col, labels] of SUMMARY_LABELS) for (const l of labels) SUMMARY_COLUMNS.set(normLabel(l), col);

const UNIT_SUFFIX_RE = /\((?:万元|元)\)$/;

/** The 汇总 column a normalised header text names (a `（万元）` suffix is allowed). */
export function summaryColumnOfKey(n: string): SummaryColumn | undefined {
  return SUMMARY_COLUMNS.get(n) ?? (n.endsWith(')') ? SUMMARY_COLUMNS.get(n.replace(UNIT_SUFFIX_RE, '')) : undefined);
}

/** A 合计/总计/小计 row of a table. */
export function isTotalRowText(text: string): boolean {
  return /^(合计|总计|小计|共计|合\s*计|总\s*计)$/.test(normLabel(text));
}

/** Labels found only in a 部门整体绩效目标表 (年度主要任务, 部门名称 …). */
const DEPARTMENT_LABELS = new Set(['年度主要任务', '部门名称', '部门(单位)名称', '单位(部门)名称', '部门(单位)', '主要任务'].map(normLabel));

/** The title of a department-level table: `部门整体支出绩效目标申报表`, `部门（单位）整体绩效目标表`. */
const DEPARTMENT_TITLE_RE = /(?:部门|单位)[^，。]{0,6}整体[^，。]{0,16}表$/;

/** The cell marks a 部门整体绩效目标表 (one of its own labels, or its title). */
export function isDepartmentMarker(text: string): boolean {
  return text.length <= 60 && isDepartmentMarkerKey(normLabel(text));
}

/** {@link isDepartmentMarker} for a text already normalised. */
export function isDepartmentMarkerKey(n: string): boolean {
  return DEPARTMENT_LABELS.has(n) || (n.includes('整体') && DEPARTMENT_TITLE_RE.test(n));
}

/** The title of a budget table (收支总表, 一般公共预算支出表 …): never a project table. */
const BUDGET_TITLE_RE = /收支总表|收入总表|支出总表|收入预算表|支出预算表|一般公共预算.{0,12}表|政府性基金.{0,12}表|三公.{0,8}表|财政拨款.{0,8}表|基本支出.{0,8}表|项目支出.{0,4}预算表/;

export function isBudgetTitle(text: string): boolean {
  return text.length <= 80 && BUDGET_TITLE_RE.test(normLabel(text));
}
