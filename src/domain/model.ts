/**
 * The model of a 绩效目标表 block and of a diagnostic (docs/domain.md §2, §7).
 *
 * Every field remembers the cell it came from (an A1 address on the block's sheet), so a
 * diagnostic can point at the exact cell the clerk has to change.
 */
import { z } from 'zod';

/** An Excel error value such as `#REF!` or `#DIV/0!`. */
export const CellErrorSchema = z.object({ error: z.string() });
export type CellError = z.infer<typeof CellErrorSchema>;

/** A cell value as the hosts give it: Office.js `values`, or ExcelJS normalised to the same. */
export const CellValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null(), CellErrorSchema]);
export type CellValue = z.infer<typeof CellValueSchema>;

export const SeveritySchema = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof SeveritySchema>;

/** One cell read into the model. `text` is the trimmed display text (a % format shows 0.25 as `25%`). */
export const FieldSchema = z.object({
  cell: z.string(),
  value: CellValueSchema,
  text: z.string(),
  numberFormat: z.string().optional(),
});
export type Field = z.infer<typeof FieldSchema>;

export const IndicatorRowSchema = z.object({
  /** 0-based sheet row of the indicator (for disclosure lists: the data row). */
  row: z.number().int(),
  /** 一级指标 as written; when the cell is blank/merged it carries the value from above and `inherited` says so. */
  level1: FieldSchema,
  level2: FieldSchema,
  level3: FieldSchema,
  description: FieldSchema.optional(),
  value: FieldSchema,
  basis: FieldSchema.optional(),
  inherited: z.object({ level1: z.boolean(), level2: z.boolean() }).default({ level1: false, level2: false }),
  /** The raw source line for indicators parsed from disclosure-list text. */
  sourceLine: z.string().optional(),
  /**
   * The 指标值 as the 一体化 system stores it, over three cells (docs/domain.md §2.5): 符号 | 值 | 计量单位.
   * `value` then holds what the three say together (`≥95%`), at the 值 cell.
   */
  split: z.object({ operator: FieldSchema, number: FieldSchema, unit: FieldSchema }).optional(),
  /** the indicator's 权重 (or 分值), where the table has such a column (docs/domain.md §2.8) */
  weight: FieldSchema.optional(),
  /** the indicator's 指标方向性 (`正向指标`, `反向指标`), where the table has such a column */
  direction: FieldSchema.optional(),
});
export type IndicatorRow = z.infer<typeof IndicatorRowSchema>;

export const PlanSchema = z.object({
  /** the 资金支出计划（%） label cell */
  labelCell: z.string(),
  /** header texts in order, e.g. 3月底/6月底/10月底/12月底, each with its cell */
  checkpoints: z.array(FieldSchema),
  /** the value cells under the checkpoints, same order and length as `checkpoints` */
  values: z.array(FieldSchema),
});
export type Plan = z.infer<typeof PlanSchema>;

/** An indicator-text line of a disclosure list that fits no heading or has no value (text/unparsed-indicator). */
export const UnparsedLineSchema = z.object({ cell: z.string(), line: z.string(), reason: z.string() });
export type UnparsedLine = z.infer<typeof UnparsedLineSchema>;

export const BlockSchema = z.object({
  /** 0-based position of the block in its workbook (all sheets, in reading order). */
  index: z.number().int().nonnegative(),
  profile: z.string(),
  sheet: z.string(),
  /** A1 range the block covers on `sheet`. */
  range: z.string(),
  /** The cell a block-level diagnostic points at (the title, or the first label of the block). */
  anchor: z.string(),
  /** Money unit of the block: `单位：万元` (default) or `单位：元`. */
  moneyUnit: z.enum(['万元', '元']).default('万元'),
  title: FieldSchema.optional(),
  unitName: FieldSchema.optional(),
  /** Label cells that were found, by field: code, name, budget, fiscal, other, usage, plan, goal, indicators. */
  labels: z.record(z.string(), z.string()).default({}),
  code: FieldSchema.optional(),
  name: FieldSchema.optional(),
  budget: FieldSchema.optional(),
  fiscal: FieldSchema.optional(),
  other: FieldSchema.optional(),
  usage: FieldSchema.optional(),
  plan: PlanSchema.optional(),
  goal: FieldSchema.optional(),
  indicators: z.array(IndicatorRowSchema).default([]),
  /** disclosure-list only: the row's kind and, for unit rows, the unit code. */
  listRole: z.enum(['department', 'unit', 'project']).optional(),
  /** disclosure-list only: index of the unit block a project row belongs to. */
  parentIndex: z.number().int().optional(),
  unparsed: z.array(UnparsedLineSchema).default([]),
  /** Every other non-empty cell of the block (for table/placeholder-text), in reading order. */
  otherCells: z.array(FieldSchema).default([]),
  /** Fields of the format that have no property of their own (上级补助, 本级安排, 主管部门 …), by the profile's field key. */
  extra: z.record(z.string(), FieldSchema).optional(),
});
export type Block = z.infer<typeof BlockSchema>;

/** One project row of a 汇总 table (docs/domain.md §2.6). */
export const SummaryRowSchema = z.object({
  /** 0-based sheet row */
  row: z.number().int(),
  name: FieldSchema,
  code: FieldSchema.optional(),
  /** the project's total (预算数 / 金额 / 合计) */
  amount: FieldSchema.optional(),
  fiscal: FieldSchema.optional(),
  other: FieldSchema.optional(),
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

/**
 * A 汇总 table listing projects with their amounts (`序号 | 项目名称 | 预算数 | 财政资金 | 其他资金`,
 * a 合计 row): not a project table, never a block; total/summary-mismatch checks it against the blocks.
 */
export const SummaryTableSchema = z.object({
  sheet: z.string(),
  /** A1 range of the table (header to last project row) */
  range: z.string(),
  /** the 项目名称 header cell */
  anchor: z.string(),
  /** header cells by column: name, amount, fiscal, other, code */
  headers: z.record(z.string(), z.string()).default({}),
  /** the amounts' unit (a `（元）` header, a `单位：元` line above the table, else 万元) */
  moneyUnit: z.enum(['万元', '元']).default('万元'),
  rows: z.array(SummaryRowSchema),
});
export type SummaryTable = z.infer<typeof SummaryTableSchema>;

/** One cell edit of a fix. */
export const CellEditSchema = z.object({
  cell: z.string(),
  value: CellValueSchema,
  numberFormat: z.string().optional(),
});
export type CellEdit = z.infer<typeof CellEditSchema>;

/**
 * A one-click correction. `cell`/`value` is the main edit; `also` holds further cells the same fix
 * changes (e.g. the running sum of a plan row). Never applied unless the user asks.
 */
export const FixSchema = z.object({
  cell: z.string(),
  value: CellValueSchema,
  numberFormat: z.string().optional(),
  label: z.string(),
  also: z.array(CellEditSchema).optional(),
});
export type Fix = z.infer<typeof FixSchema>;

export const BlockRefSchema = z.object({
  index: z.number().int().nonnegative(),
  name: z.string(),
  range: z.string(),
});
export type BlockRef = z.infer<typeof BlockRefSchema>;

export const DiagnosticSchema = z.object({
  ruleId: z.string(),
  severity: SeveritySchema,
  message: z.string(),
  sheet: z.string(),
  cell: z.string(),
  block: BlockRefSchema.nullable(),
  related: z.array(z.string()).optional(),
  fix: FixSchema.optional(),
});
export type Diagnostic = z.infer<typeof DiagnosticSchema>;
