/**
 * A profile is one table format plus its rule settings (docs/domain.md §2). Profiles are data: a new
 * province's profile is a new object of this shape, not new code. The recogniser
 * (src/sheet/recognize.ts) reads a format's labels, fields, indicator columns and money unit from
 * here; the renderer (src/sheet/render.ts) writes a template from its `template`; the rules read
 * its totals relations, its fields and its rule switches. No code asks for a profile by its id.
 */
import type { Severity } from './model';

export interface Level2Spec {
  name: string;
}

export interface Level1Spec {
  name: string;
  /** allowed 二级 names under this 一级 */
  level2: Level2Spec[];
  /** this 一级 must have ≥1 三级 (indicator/missing-level1) */
  required: boolean;
  /** every 二级 listed must have ≥1 三级 once the 一级 has rows (indicator/missing-level2) */
  requireEveryLevel2: boolean;
}

/**
 * Block fields that have their own property on a Block (src/domain/model.ts); any other key of a
 * {@link FieldSpec} is kept in `block.extra` (e.g. 上级补助, 主管部门).
 */
export const BLOCK_FIELD_KEYS = ['code', 'name', 'unitName', 'budget', 'fiscal', 'other', 'usage', 'goal'] as const;
export type BlockFieldKey = (typeof BLOCK_FIELD_KEYS)[number];

/** One labelled field of the format: a label cell with its value beside it (block layout) or a column (list layout). */
export interface FieldSpec {
  /** a {@link BlockFieldKey}, or another key (the value is then kept in `block.extra[key]`) */
  key: string;
  /** what the format calls the field, in messages and in the pane: `预算数`, `资金总额` */
  caption: string;
  /**
   * The label texts (synonyms), compared after removing whitespace and folding full-width
   * punctuation; a `（元）`/`（万元）` suffix is accepted on any of them and sets the money unit.
   * List layout: the column headers.
   */
  labels: string[];
  /** an amount of money, in the block's money unit */
  money?: boolean;
  /** table/missing-field asks for the field when it is absent or blank, saying what is expected */
  required?: string;
  /** the label stands over two rows and the value is on the second (`预算规模及资金用途` over 预算数 and 资金用途) */
  secondRow?: boolean;
  /** templates: the input prompt of the value cell (`{{unit}}` = the money unit) */
  prompt?: string;
}

/** What an indicator-table column holds. `remark`: an explanation that is not a basis (说明, 备注). */
export type IndicatorRole = 'level1' | 'level2' | 'level3' | 'description' | 'value' | 'basis' | 'remark';

export interface IndicatorColumnSpec {
  role: IndicatorRole;
  /** header texts (synonyms); a leading `*` (the system's "required" mark) is ignored when reading */
  labels: string[];
  /** templates: how many sheet columns the column spans (default 1) */
  span?: number;
}

/**
 * The 指标值 split over three sub-columns under its header, as the 一体化 system stores it:
 * 符号 | 值 | 计量单位 (docs/domain.md §2.5). The symbols themselves are the value grammar's (src/domain/split-value.ts).
 */
export interface SplitValueSpec {
  operator: string[];
  number: string[];
  unit: string[];
}

/** A total and the parts it must equal the sum of (total/funding-mismatch), by field key. */
export interface TotalRelation {
  total: string;
  parts: string[];
}

/** The 资金支出计划 row: its label; the checkpoints are whatever the header row holds (`checkpointSets`). */
export interface PlanSpec {
  labels: string[];
  /** templates: the label as written (line breaks allowed) */
  text?: string;
}

/** A 三级 row the system fixes in every table (the 一体化 成本控制率 row): templates insert it. */
export interface FixedIndicator {
  level1: string;
  level2: string;
  level3: string;
  /** the whole 指标值 as the system writes it (`＝100%`) */
  value: string;
}

/** One cell of a template's header rows, laid out left to right like an HTML table (spans included). */
export interface TemplateCell {
  /** the label of a field (its key) or of the plan (`plan`); written as `text`, else the first label */
  label?: string;
  /** the value cell of a field (its key) */
  value?: string;
  /** a fixed caption (`资金来源`), or the text of a `label` cell */
  text?: string;
  /** the plan's checkpoint headers or its values, left to right over the cell's columns */
  plan?: 'checkpoints' | 'values';
  /** the unit line (`813001某某镇人民政府本级`), the money unit (`单位：万元`) or the year line (`（2025年度）`) */
  line?: 'unit' | 'moneyUnit' | 'year';
  /** columns and rows the cell spans (default 1) */
  cols?: number;
  rows?: number;
  /** lines of text to make room for (the row grows to fit) */
  lines?: number;
}

/** How templates write a block of the format (block layout). */
export interface BlockTemplate {
  /** column widths in Excel character units; their count is the block's width */
  widths: number[];
  /** the title: `{{prefix}}` the block's number in a workbook (`1.`), `{{name}}` the project name */
  title: string;
  /** rows the title spans (default 1) */
  titleRows?: number;
  /** the rows between the title and the indicator table */
  rows: TemplateCell[][];
  /** fixed heights in points of some of those rows, by index */
  heights?: Record<number, number>;
  /** a caption column left of the indicator table, merged down over it (`绩效指标`) */
  indicatorCaption?: string;
  /** header texts written instead of a column's first label, by role (`*三级指标`) */
  headerText?: Partial<Record<IndicatorRole | 'operator' | 'number' | 'unit', string>>;
}

export interface Profile {
  id: string;
  /** shown to the clerk */
  name: string;
  /** `block`: label-anchored blocks; `list`: one row per project (disclosure list) */
  layout: 'block' | 'list';
  level1: Level1Spec[];
  /** alias → canonical, compared after removing whitespace */
  aliases: { level1: Record<string, string>; level2: Record<string, string> };
  /** accepted checkpoint header sets of the 资金支出计划, in order; the first is what templates insert */
  checkpointSets: string[][];
  /** month (1–12) each checkpoint header stands for, for plan pacing (序时进度) */
  checkpointMonths: Record<string, number>;
  /** satisfaction floor in percent (value/satisfaction warns below it) */
  satisfactionFloor: number;
  /** share of time-proportional progress a checkpoint must reach (plan/behind-schedule), 0–1 */
  planPacingShare: number;
  /** the money unit when the table says none (`单位：元`, `资金总额（元）` override it) */
  moneyUnit: '万元' | '元';
  /** the labelled fields (block layout) or the columns (list layout), in the format's order */
  fields: FieldSpec[];
  /** totals the format's amounts must satisfy (total/funding-mismatch) */
  totals: TotalRelation[];
  /** the 资金支出计划 row, when the format has one */
  plan?: PlanSpec;
  /** the indicator table's columns, in the format's order (block layout) */
  indicatorColumns: IndicatorColumnSpec[];
  /** the 指标值 split into 符号 | 值 | 计量单位 */
  splitValue?: SplitValueSpec;
  /** rows the system fixes in every table */
  fixedIndicators?: FixedIndicator[];
  /** how templates write a block (block layout) */
  template?: BlockTemplate;
  /** rule switches and re-gradings: `off` or another severity */
  rules: Record<string, Severity | 'off'>;
}

/** The profile's field spec with this key (the first one), if the format has that field. */
export function fieldSpec(profile: Profile, key: string): FieldSpec | undefined {
  return profile.fields.find((f) => f.key === key);
}

/** True when the format has the field (a label or a column for it). */
export function hasField(profile: Profile, key: string): boolean {
  return profile.fields.some((f) => f.key === key);
}

/** True when the format's indicator table has a column of this role. */
export function hasColumn(profile: Profile, role: IndicatorRole): boolean {
  return profile.indicatorColumns.some((c) => c.role === role);
}

/** How the format names a field in messages (its caption), or `fallback`. */
export function fieldCaption(profile: Profile, key: string, fallback: string): string {
  return fieldSpec(profile, key)?.caption ?? fallback;
}
