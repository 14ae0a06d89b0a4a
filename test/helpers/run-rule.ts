/**
 * A tiny stand-in for the engine, to test one rule at a time:
 *
 *   const out = runRule(planDecreasing, [hebeiBlock({ plan: ['50%', '25%', '75%', '100%'] })]);
 *   expect(out.map((r) => r.cell)).toEqual(['C7']);
 *   expect(out[0].message).toContain('25%');
 *
 * It runs a `block` rule once per block, a `workbook` rule once per profile and a `file` rule once with all blocks, through the
 * profile of each block (`block.profile`, or `options.profile`), skips blocks whose profile layout
 * the rule does not apply to, resolves the severity (report > settings.rules > profile.rules >
 * rule default; a `defaultOff` rule runs only with `force` or when switched on in settings), and
 * fails loudly on a bad messageId, a bad cell address or an unfilled `{{placeholder}}`.
 */
import { parseA1 } from '../../src/domain/address';
import type { Block, Fix, Severity, SummaryTable } from '../../src/domain/model';
import type { Profile } from '../../src/domain/profile';
import { getProfile } from '../../src/domain/profiles';
import { formatMessage, type CheckSettings, type Rule, type RuleContext } from '../../src/domain/rule';

export interface RuleReport {
  ruleId: string;
  severity: Severity;
  messageId: string;
  message: string;
  cell: string;
  sheet: string;
  /** index of the block the report belongs to */
  blockIndex: number | undefined;
  data?: Record<string, string | number>;
  related?: string[];
  fix?: Fix;
}

export interface RunRuleOptions {
  /** profile for every block (default: each block's own `profile`) */
  profile?: Profile | string;
  /** run a defaultOff / 'off' rule anyway */
  force?: boolean;
  /** the workbook's 汇总 tables (file rules) */
  summaries?: SummaryTable[];
}

function resolveProfile(p: Profile | string | undefined, block: Block | undefined): Profile {
  if (p && typeof p !== 'string') return p;
  return getProfile(p ?? block?.profile ?? 'hebei-project');
}

export function runRule(
  rule: Rule,
  blocks: Block[],
  settings: CheckSettings = {},
  options: RunRuleOptions = {},
): RuleReport[] {
  const out: RuleReport[] = [];

  const run = (profile: Profile, block: Block | undefined, all: Block[]) => {
    if (rule.layouts && !rule.layouts.includes(profile.layout)) return;
    if (rule.appliesTo && !rule.appliesTo(profile)) return;
    const configured =
      settings.rules?.[rule.id] ??
      (rule.id === 'plan/behind-schedule' && settings.planPacing ? rule.severity : undefined) ??
      profile.rules[rule.id] ??
      (rule.defaultOff ? 'off' : rule.severity);
    if (configured === 'off' && !options.force) return;
    const base: Severity = configured === 'off' ? rule.severity : configured;
    const ctx: RuleContext = {
      block,
      blocks: all,
      summaries: options.summaries ?? [],
      profile,
      settings,
      year: settings.year,
      report(d) {
        const template = (rule.messages as Record<string, string>)[d.messageId];
        if (template === undefined) throw new Error(`${rule.id}: unknown messageId ${d.messageId}`);
        parseA1(d.at); // throws on a bad address
        const message = formatMessage(template, d.data);
        if (/\{\{\s*\w+\s*\}\}/.test(message)) throw new Error(`${rule.id}: unfilled placeholder in “${message}”`);
        const owner = d.block === null ? undefined : (d.block ?? block);
        // a rule's own two grades (value/satisfaction) apply unless the user re-graded the rule
        const severity = settings.rules?.[rule.id] !== undefined || profile.rules[rule.id] !== undefined ? base : (d.severity ?? base);
        const r: RuleReport = {
          ruleId: rule.id,
          severity,
          messageId: d.messageId,
          message,
          cell: d.at,
          sheet: d.sheet ?? owner?.sheet ?? '',
          blockIndex: owner?.index,
        };
        if (d.data) r.data = d.data;
        if (d.related) r.related = d.related;
        if (d.fix) r.fix = d.fix;
        out.push(r);
      },
    };
    rule.check(ctx);
  };

  if (rule.scope === 'file') {
    // once, with every block
    run(resolveProfile(options.profile, blocks[0]), undefined, blocks);
  } else if (rule.scope === 'workbook') {
    // once per profile, with that profile's blocks
    const groups = new Map<string, Block[]>();
    for (const b of blocks) {
      const id = resolveProfile(options.profile, b).id;
      groups.set(id, [...(groups.get(id) ?? []), b]);
    }
    if (blocks.length === 0) run(resolveProfile(options.profile, undefined), undefined, []);
    for (const group of groups.values()) run(resolveProfile(options.profile, group[0]), undefined, group);
  } else {
    for (const b of blocks) run(resolveProfile(options.profile, b), b, blocks);
  }
  return out;
}

/** Shorthand: the cells a rule reports, in order. */
export function reportedCells(rule: Rule, blocks: Block[], settings: CheckSettings = {}): string[] {
  return runRule(rule, blocks, settings).map((r) => r.cell);
}
