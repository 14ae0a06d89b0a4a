/**
 * Label normalisation and the label vocabulary of the block and list formats (DOMAIN.md §2).
 *
 * Labels are compared after removing every kind of whitespace (inner spaces, line breaks,
 * ideographic space), folding full-width punctuation to half-width (`（%）`→`(%)`, `：`→`:`) and
 * dropping a trailing colon (src/domain/text.ts). The label tables are built once, here.
 */

import { normLabel } from '../domain/text';

// one normaliser for the whole project (src/domain/text.ts)
export { normLabel, stripSpaces, toHalfWidth } from '../domain/text';

/** Longest text that can still be a label (longer cells are skipped without normalising). */
export const MAX_LABEL_LENGTH = 40;

/** Fields of a block that have a label cell. */
export type BlockField = 'code' | 'name' | 'budget' | 'fiscal' | 'other' | 'usage' | 'usageOnly' | 'plan' | 'goal' | 'indicators';

/** Columns of the indicator table header. */
export type IndicatorColumn = 'level1' | 'level2' | 'level3' | 'description' | 'value' | 'basis';

/** Columns of a disclosure list header. */
export type ListColumn = 'code' | 'name' | 'amount' | 'goal' | 'indicators';

function table<K extends string>(entries: [K, string[]][]): Map<string, K> {
  const m = new Map<string, K>();
  for (const [k, labels] of entries) for (const l of labels) m.set(normLabel(l), k);
  return m;
}

/** Block labels, normalised. A unit suffix like `(万元)` is removed before lookup. */
const BLOCK_LABELS = table<BlockField>([
  ['code', ['项目编码', '项目代码', '项目编号']],
  ['name', ['项目名称']],
  ['budget', ['预算数', '预算金额', '年度预算数', '项目预算数', '预算数合计']],
  ['fiscal', ['其中:财政资金', '其中财政资金', '财政资金', '其中:财政拨款', '财政拨款']],
  ['other', ['其他资金', '其中:其他资金', '其他来源资金']],
  ['usage', ['预算规模及资金用途', '预算规模及用途', '资金规模及用途']],
  ['usageOnly', ['资金用途', '主要用途', '项目资金用途']],
  ['plan', ['资金支出计划(%)', '资金支出计划', '资金支出进度计划(%)', '资金支出进度计划', '支出计划(%)', '支出计划']],
  ['goal', ['绩效目标', '年度绩效目标', '项目绩效目标', '年度目标']],
  ['indicators', ['一级指标']],
]);

const INDICATOR_COLUMNS = table<IndicatorColumn>([
  ['level1', ['一级指标']],
  ['level2', ['二级指标']],
  ['level3', ['三级指标', '指标名称']],
  ['description', ['绩效指标描述', '指标描述', '指标解释', '指标内容']],
  ['value', ['指标值', '目标值', '指标值(目标值)', '年度指标值', '指标目标值']],
  ['basis', ['指标值确定依据', '确定依据', '指标值设定依据', '设定依据', '指标确定依据']],
]);

const LIST_COLUMNS = table<ListColumn>([
  ['code', ['单位编码', '单位代码', '编码']],
  ['name', ['单位及项目名称', '单位名称及项目名称', '单位(项目)名称', '项目名称']],
  ['amount', ['金额', '金额(万元)', '金额(元)', '预算金额', '预算金额(万元)', '预算数(万元)']],
  ['goal', ['绩效目标', '年度绩效目标']],
  ['indicators', ['绩效指标', '年度绩效指标', '绩效指标内容']],
]);

const UNIT_SUFFIX_RE = /\((?:万元|元)\)$/;

/** The normalised key of a text that may be a label; undefined for texts too long to be one. */
export function labelKey(text: string): string | undefined {
  return text.length > MAX_LABEL_LENGTH ? undefined : normLabel(text);
}

/** The block field a normalised label key stands for. */
export function blockLabelOfKey(n: string): BlockField | undefined {
  const hit = BLOCK_LABELS.get(n);
  if (hit) return hit;
  if (n.endsWith(')') && UNIT_SUFFIX_RE.test(n)) return BLOCK_LABELS.get(n.replace(UNIT_SUFFIX_RE, ''));
  return undefined;
}

/** The list column a normalised label key stands for. */
export function listColumnOfKey(n: string): ListColumn | undefined {
  return LIST_COLUMNS.get(n);
}

/** The block field a cell's text labels, if it is one. */
export function blockLabelOf(text: string): BlockField | undefined {
  const n = labelKey(text);
  return n === undefined ? undefined : blockLabelOfKey(n);
}

export function indicatorColumnOf(text: string): IndicatorColumn | undefined {
  if (text.length > MAX_LABEL_LENGTH) return undefined;
  return INDICATOR_COLUMNS.get(normLabel(text));
}

export function listColumnOf(text: string): ListColumn | undefined {
  if (text.length > MAX_LABEL_LENGTH) return undefined;
  return LIST_COLUMNS.get(normLabel(text));
}

/** `单位：万元`, `单位:元`, `金额单位：万元` → the money unit; anything else → undefined. */
const MONEY_UNIT_RE = /^(?:金额)?单位:(万元|元)$/;
export function moneyUnitOf(text: string): '万元' | '元' | undefined {
  if (text.length > 20) return undefined;
  const m = MONEY_UNIT_RE.exec(normLabel(text));
  return m ? (m[1] as '万元' | '元') : undefined;
}

/** A unit suffix in a label such as `预算数（元）` → the money unit it declares. */
export function labelMoneyUnit(text: string): '万元' | '元' | undefined {
  const m = /\((万元|元)\)$/.exec(normLabel(text));
  return m ? (m[1] as '万元' | '元') : undefined;
}

/** A block title (`1.镇街改革补贴项目绩效目标表`, `项目支出绩效目标表`). */
const TITLE_RE = /(?:绩效目标|目标表|绩效表)|^\d{1,3}\s*[.、．]/;
export function looksLikeTitle(text: string): boolean {
  return text.length <= 120 && TITLE_RE.test(text);
}

/** A notes line that ends an indicator table (`注：…`, `说明：…`, `备注:…`). */
const NOTE_RE = /^[\s\u3000]*(?:注|说明|备注|填报说明|附注)\s*\d*\s*[:：]/;
export function looksLikeNote(text: string): boolean {
  return NOTE_RE.test(text);
}

/** Remove whitespace between two CJK characters (`调委会工作 补助经费` → `调委会工作补助经费`); trim. */
const CJK_GAP_RE = /([\u3400-\u9fff\uff08\uff09()])[\s\u00a0\u3000]+(?=[\u3400-\u9fff\uff08\uff09()])/g;
export function closeCjkGaps(s: string): string {
  return s.replace(CJK_GAP_RE, '$1').trim();
}
