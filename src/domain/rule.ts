/**
 * How a rule is written (ESLint style): an id, a default severity, Chinese messages with
 * `{{placeholders}}`, and a `check` that reports problems at cells.
 */
import type { Block, Diagnostic, Fix, Severity, SummaryTable } from './model';
import type { Profile } from './profile';

export interface CheckSettings {
  /** budget year (§2.4); when absent the year rules stay silent */
  year?: number;
  /** overrides the profile's satisfaction floor (percent) */
  satisfactionFloor?: number;
  /** switches plan/behind-schedule on (it is off by default) */
  planPacing?: boolean;
  /** per-rule severity or `off`, over the profile's own settings */
  rules?: Record<string, Severity | 'off'>;
}

export interface ReportDescriptor {
  /** A1 address on the block's sheet of the cell the clerk must change */
  at: string;
  messageId: string;
  data?: Record<string, string | number>;
  related?: string[];
  fix?: Fix;
  /** for rules with two grades (value/satisfaction): the grade of this report */
  severity?: Severity;
  /**
   * workbook rules: the block this report belongs to (defaults to the block being checked); `null`
   * for a workbook-level problem outside every block (a 汇总 table's row), with its `sheet`
   */
  block?: Block | null;
  /** the sheet of `at` when it is not the block's (workbook-level reports) */
  sheet?: string;
}

export interface RuleContext {
  /** the block being checked (for workbook rules: undefined) */
  block?: Block;
  /** all blocks of the workbook (of every profile) */
  blocks: Block[];
  /** the workbook's 汇总 tables (not blocks; docs/domain.md §2.6) */
  summaries: SummaryTable[];
  profile: Profile;
  settings: CheckSettings;
  /** resolved budget year, or undefined */
  year?: number;
  report(d: ReportDescriptor): void;
}

export interface Rule<M extends string = string> {
  id: string;
  severity: Severity;
  /** off unless switched on (plan/behind-schedule) */
  defaultOff?: boolean;
  /**
   * a setting that switches the rule on without naming it in `settings.rules` (plan/behind-schedule:
   * the pane's 序时进度 switch, `planPacing`)
   */
  switchedOn?(settings: CheckSettings): boolean;
  /**
   * whether its reports may carry a fix: `one` — offered per problem (修复), `bulk` — its fixes only
   * change how a value is written (notation), never what it says, and are also applied by
   * 修复全部格式问题; absent — never a fix (the engine drops one)
   */
  fixable?: 'one' | 'bulk';
  /** one Chinese line for the settings pane and the docs */
  description: string;
  /**
   * `block`: check() runs once per block of a profile that has the rule; `workbook`: once per
   * profile with all its blocks; `file`: once per workbook with every block and the 汇总 tables
   */
  scope: 'block' | 'workbook' | 'file';
  /** profile layouts the rule applies to; absent = all */
  layouts?: Profile['layout'][];
  /** whether the format has what the rule checks (a plan, a code, a split 指标值 …); absent = always */
  appliesTo?(profile: Profile): boolean;
  messages: Record<M, string>;
  check(ctx: RuleContext): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** Fills `{{name}}` placeholders of a message. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) =>
    Object.prototype.hasOwnProperty.call(data, key) ? String(data[key]) : `{{${key}}}`,
  );
}

export type { Diagnostic };
