/**
 * A profile is one table format plus its rule settings (docs/domain.md §2). Profiles are data: a new
 * province's profile is a new object of this shape, not new code. The recogniser
 * (src/sheet/recognize.ts) reads a format's labels, fields, indicator columns and money unit from
 * here; the renderer (src/sheet/render.ts) writes a template from its `template`; the rules read
 * its totals relations, its fields and its rule switches. No code asks for a profile by its id.
 * The types are derived from the zod schemas here (one statement of the shape, checked when a
 * profile is registered).
 */
import { z } from 'zod';
import { SeveritySchema } from './model';
import { normLabel } from './text';

const labelList = z.array(z.string().min(1)).min(1);

export const Level2SpecSchema = z.object({ name: z.string().min(1) });
export type Level2Spec = z.infer<typeof Level2SpecSchema>;

export const Level1SpecSchema = z.object({
  name: z.string().min(1),
  /** allowed 二级 names under this 一级 */
  level2: z.array(Level2SpecSchema).min(1),
  /** this 一级 must have ≥1 三级 (indicator/missing-level1) */
  required: z.boolean(),
  /** every 二级 listed must have ≥1 三级 once the 一级 has rows (indicator/missing-level2) */
  requireEveryLevel2: z.boolean(),
});
export type Level1Spec = z.infer<typeof Level1SpecSchema>;

/**
 * Block fields that have their own property on a Block (src/domain/model.ts); any other key of a
 * {@link FieldSpec} is kept in `block.extra` (e.g. 上级补助, 主管部门).
 */
export const BLOCK_FIELD_KEYS = ['code', 'name', 'unitName', 'budget', 'fiscal', 'other', 'usage', 'goal'] as const;
export type BlockFieldKey = (typeof BLOCK_FIELD_KEYS)[number];

/** One labelled field of the format: a label cell with its value beside it (block layout) or a column (list layout). */
export const FieldSpecSchema = z.object({
  /** a {@link BlockFieldKey}, or another key (the value is then kept in `block.extra[key]`) */
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, '字段编号只能由字母和数字组成'),
  /** what the format calls the field, in messages and in the pane: `预算数`, `资金总额` */
  caption: z.string().min(1),
  /**
   * The label texts (synonyms), compared after removing whitespace and folding full-width
   * punctuation; a `（元）`/`（万元）` suffix is accepted on any of them and sets the money unit.
   * List layout: the column headers.
   */
  labels: labelList,
  /** an amount of money, in the block's money unit */
  money: z.boolean().optional(),
  /** table/missing-field asks for the field when it is absent or blank, saying what is expected */
  required: z.string().min(1).optional(),
  /** the label stands over two rows and the value is on the second (`预算规模及资金用途` over 预算数 and 资金用途) */
  secondRow: z.boolean().optional(),
  /** templates: the input prompt of the value cell (`{{unit}}` = the money unit) */
  prompt: z.string().min(1).optional(),
});
export type FieldSpec = z.infer<typeof FieldSpecSchema>;

/** What an indicator-table column holds. `remark`: an explanation that is not a basis (说明, 备注). */
export const IndicatorRoleSchema = z.enum(['level1', 'level2', 'level3', 'description', 'value', 'basis', 'remark', 'weight', 'direction']);
export type IndicatorRole = z.infer<typeof IndicatorRoleSchema>;

export const IndicatorColumnSpecSchema = z.object({
  role: IndicatorRoleSchema,
  /** header texts (synonyms); a leading `*` (the system's "required" mark) is ignored when reading */
  labels: labelList,
  /** templates: how many sheet columns the column spans (default 1) */
  span: z.number().int().min(1).max(10).optional(),
});
export type IndicatorColumnSpec = z.infer<typeof IndicatorColumnSpecSchema>;

/**
 * The 指标值 split over three sub-columns under its header, as the 一体化 system stores it:
 * 符号 | 值 | 计量单位 (docs/domain.md §2.5). The symbols themselves are the value grammar's (src/domain/split-value.ts).
 */
export const SplitValueSpecSchema = z.object({ operator: labelList, number: labelList, unit: labelList });
export type SplitValueSpec = z.infer<typeof SplitValueSpecSchema>;

/** A total and the parts it must equal the sum of (total/funding-mismatch, template headers), by field key. */
export const TotalRelationSchema = z.object({
  total: z.string().min(1),
  parts: z.array(z.string().min(1)).min(2),
  /**
   * templates: the part that takes what the total leaves when the header gives fewer parts (the
   * others are then 0); default the first part
   */
  remainder: z.string().min(1).optional(),
});
export type TotalRelation = z.infer<typeof TotalRelationSchema>;

/** The 资金支出计划 row: its label; the checkpoints are whatever the header row holds (`checkpointSets`). */
export const PlanSpecSchema = z.object({
  labels: labelList,
  /** templates: the label as written (line breaks allowed) */
  text: z.string().min(1).optional(),
});
export type PlanSpec = z.infer<typeof PlanSpecSchema>;

/** A 三级 row the system fixes in every table (the 一体化 成本控制率 row): templates insert it. */
export const FixedIndicatorSchema = z.object({
  level1: z.string().min(1),
  level2: z.string().min(1),
  level3: z.string().min(1),
  /** the whole 指标值 as the system writes it (`＝100%`) */
  value: z.string().min(1),
});
export type FixedIndicator = z.infer<typeof FixedIndicatorSchema>;

/** One cell of a template's header rows, laid out left to right like an HTML table (spans included). */
export const TemplateCellSchema = z.strictObject({
  /** the label of a field (its key) or of the plan (`plan`); written as `text`, else the first label */
  label: z.string().min(1).optional(),
  /** the value cell of a field (its key) */
  value: z.string().min(1).optional(),
  /** a fixed caption (`资金来源`), or the text of a `label` cell */
  text: z.string().optional(),
  /** the plan's checkpoint headers or its values, left to right over the cell's columns */
  plan: z.enum(['checkpoints', 'values']).optional(),
  /** the unit line (`813001某某镇人民政府本级`), the money unit (`单位：万元`) or the year line (`（2025年度）`) */
  line: z.enum(['unit', 'moneyUnit', 'year']).optional(),
  /** columns and rows the cell spans (default 1) */
  cols: z.number().int().min(1).max(30).optional(),
  rows: z.number().int().min(1).max(30).optional(),
  /** lines of text to make room for (the row grows to fit) */
  lines: z.number().int().min(1).max(20).optional(),
});
export type TemplateCell = z.infer<typeof TemplateCellSchema>;

/**
 * How a format lays its tables out:
 * - `block`: label-anchored blocks, one per project (docs/domain.md §2.1, §2.3–2.5);
 * - `list`: one row per project, the indicators as text in one cell (§2.2);
 * - `rows`: one row per indicator, the project's fields (`fields`, as column headers) written on
 *   its first row — merged down or blank below — and a project starting where 项目名称 is filled
 *   (§2.8). The header row holds the fields' and the indicator columns' labels, in any order.
 */
export type ProfileLayout = 'block' | 'list' | 'rows';

/**
 * How templates write a `rows` table (docs/domain.md §2.8): a title line, a money-unit line, the
 * header row and one row per indicator, the project's fields on its first row.
 */
export const RowsTemplateSchema = z.object({
  /** the title: `{{year}}` the budget year (`    ` when unknown) */
  title: z.string().min(1),
  /** the columns left to right: a field key, an indicator role or a split-value part (`operator`, `number`, `unit`) */
  columns: z.array(z.string().min(1)).min(2).max(30),
  /** column widths in Excel character units, one per column */
  widths: z.array(z.number().positive().max(255)).min(2).max(30),
  /** the words written in the direction column (`正向指标`, `反向指标`) */
  directions: z.object({ positive: z.string().min(1), negative: z.string().min(1) }).optional(),
  /** the weight each 一级 gets, shared out over its rows; the shares total one of the profile's `weightTotals` */
  weights: z.record(z.string(), z.number().nonnegative()).optional(),
});
export type RowsTemplate = z.infer<typeof RowsTemplateSchema>;

/** How templates write a block of the format (block layout). */
export const BlockTemplateSchema = z.object({
  /** column widths in Excel character units; their count is the block's width */
  widths: z.array(z.number().positive().max(255)).min(2).max(30),
  /** the title: `{{prefix}}` the block's number in a workbook (`1.`), `{{name}}` the project name */
  title: z.string().min(1),
  /** rows the title spans (default 1) */
  titleRows: z.number().int().min(1).max(5).optional(),
  /** the rows between the title and the indicator table */
  rows: z.array(z.array(TemplateCellSchema)),
  /** fixed heights in points of some of those rows, by index */
  heights: z.record(z.string(), z.number().positive().max(409)).optional(),
  /** a caption column left of the indicator table, merged down over it (`绩效指标`) */
  indicatorCaption: z.string().min(1).optional(),
  /** header texts written instead of a column's first label, by role (`*三级指标`) */
  headerText: z.partialRecord(z.enum([...IndicatorRoleSchema.options, 'operator', 'number', 'unit']), z.string().min(1)).optional(),
});
export type BlockTemplate = z.infer<typeof BlockTemplateSchema>;

/** A rule switch or re-grading: `off` or another severity. */
export const RuleSettingSchema = z.union([SeveritySchema, z.literal('off')]);

/** The zod schema of a profile (the `Profile` type is derived from it), plus consistency checks. */
export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '配置编号只能由小写字母、数字和连字符组成'),
    /** shown to the clerk */
    name: z.string().min(1),
    /** `block`: label-anchored blocks; `list`: one row per project (disclosure list) */
    /** see {@link ProfileLayout} */
    layout: z.enum(['block', 'list', 'rows']),
    level1: z.array(Level1SpecSchema).min(1),
    /** alias → canonical, compared after removing whitespace */
    aliases: z.object({
      level1: z.record(z.string(), z.string()),
      level2: z.record(z.string(), z.string()),
    }),
    /** accepted checkpoint header sets of the 资金支出计划, in order; the first is what templates insert */
    checkpointSets: z.array(z.array(z.string().min(1)).min(1)).min(1),
    /** month (1–12) each checkpoint header stands for, for plan pacing (序时进度) */
    checkpointMonths: z.record(z.string(), z.number().int().min(1).max(12)),
    /** satisfaction floor in percent (value/satisfaction warns below it) */
    satisfactionFloor: z.number().min(0).max(100),
    /** share of time-proportional progress a checkpoint must reach (plan/behind-schedule), 0–1 */
    planPacingShare: z.number().min(0).max(1),
    /** the money unit when the table says none (`单位：元`, `资金总额（元）` override it) */
    moneyUnit: z.enum(['万元', '元']),
    /** the labelled fields (block layout) or the columns (list layout), in the format's order */
    fields: z.array(FieldSpecSchema).min(1),
    /** totals the format's amounts must satisfy (total/funding-mismatch) and a template header completes */
    totals: z.array(TotalRelationSchema),
    /** the 资金支出计划 row, when the format has one */
    plan: PlanSpecSchema.optional(),
    /** the indicator table's columns, in the format's order (block layout) */
    indicatorColumns: z.array(IndicatorColumnSpecSchema),
    /** the 指标值 split into 符号 | 值 | 计量单位 */
    splitValue: SplitValueSpecSchema.optional(),
    /** rows the system fixes in every table */
    fixedIndicators: z.array(FixedIndicatorSchema).optional(),
    /** how templates write a block (block layout) */
    template: BlockTemplateSchema.optional(),
    /** rule switches and re-gradings: `off` or another severity */
    /**
     * The totals one project's indicator weights (the `weight` column: 权重, 分值) may add up to
     * (indicator/weights-total): `[100]`, or `[90, 100]` where the province keeps 10 for 预算执行率
     * outside the table (docs/domain.md §2.8). Absent: weights are not checked.
     */
    weightTotals: z.array(z.number().positive().max(1000)).min(1).optional(),
    /** how templates write a table (rows layout) */
    rowsTemplate: RowsTemplateSchema.optional(),
    rules: z.record(z.string(), RuleSettingSchema),
  })
  .superRefine((p, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    const l1 = new Set(p.level1.map((s) => normLabel(s.name)));
    const l2 = new Set(p.level1.flatMap((s) => s.level2.map((x) => normLabel(x.name))));
    if (l1.size !== p.level1.length) issue('一级指标名称重复');
    for (const [alias, target] of Object.entries(p.aliases.level1)) {
      if (!l1.has(normLabel(target))) issue(`一级指标别名“${alias}”指向的“${target}”不是本配置的一级指标`);
    }
    for (const [alias, target] of Object.entries(p.aliases.level2)) {
      if (!l2.has(normLabel(target))) issue(`二级指标别名“${alias}”指向的“${target}”不是本配置的二级指标`);
    }
    for (const set of p.checkpointSets) {
      for (const cp of set) {
        if (!(cp in p.checkpointMonths)) issue(`支出计划时点“${cp}”缺少对应月份（checkpointMonths）`);
      }
    }
    const keys = new Set(p.fields.map((f) => f.key));
    if (!keys.has('name')) issue('缺少“项目名称”字段（key: name）');
    const money = new Set(p.fields.filter((f) => f.money).map((f) => f.key));
    for (const t of p.totals) {
      for (const k of [t.total, ...t.parts]) if (!money.has(k)) issue(`合计关系中的“${k}”不是本配置的金额字段`);
      if (t.remainder !== undefined && !t.parts.includes(t.remainder)) issue(`合计关系“${t.total}”的余额字段“${t.remainder}”不是它的组成部分`);
    }
    for (const f of p.fixedIndicators ?? []) {
      if (!l1.has(normLabel(f.level1)) || !l2.has(normLabel(f.level2))) issue(`固定指标“${f.level3}”不在本配置的指标体系内`);
    }
    if (p.layout === 'block') {
      const roles = new Set(p.indicatorColumns.map((c) => c.role));
      for (const r of ['level1', 'level2', 'level3', 'value'] as const) if (!roles.has(r)) issue(`指标表缺少“${r}”列`);
      if (p.indicatorColumns.length !== roles.size) issue('指标表的列重复');
    }
    if (p.layout === 'rows') {
      const roles = new Set(p.indicatorColumns.map((c) => c.role));
      for (const r of ['level1', 'level2', 'level3'] as const) if (!roles.has(r)) issue(`指标表缺少“${r}”列`);
      if (!roles.has('value') && !p.splitValue) issue('指标表缺少指标值列（value 或 splitValue）');
      if (p.indicatorColumns.length !== roles.size) issue('指标表的列重复');
      const rt = p.rowsTemplate;
      if (rt) {
        if (rt.columns.length !== rt.widths.length) issue('模板的列数与列宽数不同');
        const known = new Set<string>([...p.fields.map((f) => f.key), ...roles, ...(p.splitValue ? ['operator', 'number', 'unit'] : [])]);
        for (const c of rt.columns) if (!known.has(c)) issue(`模板引用了不存在的列“${c}”`);
        if (rt.weights) {
          const sum = Object.values(rt.weights).reduce((a, b) => a + b, 0);
          if (!(p.weightTotals ?? []).some((t) => Math.abs(t - sum) < 1e-6)) issue(`模板的权重合计${sum}不是本配置接受的合计（weightTotals）`);
          const l1names = new Set(p.level1.map((x) => normLabel(x.name)));
          for (const name of Object.keys(rt.weights)) if (!l1names.has(normLabel(name))) issue(`模板权重中的“${name}”不是本配置的一级指标`);
        }
      }
    }
    if (p.splitValue && p.layout === 'block' && !p.indicatorColumns.some((c) => c.role === 'value' && (c.span ?? 1) >= 3)) {
      issue('拆分的指标值（符号、值、计量单位）需要“指标值”列跨3列');
    }
    if (p.template) {
      for (const row of p.template.rows) {
        for (const cell of row) {
          const ref = cell.label ?? cell.value;
          if (ref !== undefined && ref !== 'plan' && !keys.has(ref)) issue(`模板引用了不存在的字段“${ref}”`);
          if ((cell.plan || cell.label === 'plan') && !p.plan) issue('模板有资金支出计划，但本配置没有 plan');
        }
      }
    }
  });

/** A table format and its rule settings: the shape {@link ProfileSchema} validates (derived from it, not written twice). */
export type Profile = z.input<typeof ProfileSchema>;

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
