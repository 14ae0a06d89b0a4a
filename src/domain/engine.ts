/**
 * The checker engine: runs every rule that applies to a block's profile and turns the rules'
 * reports into diagnostics (docs/domain.md §7). Pure; never applies fixes.
 */
import { parseA1 } from './address';
import type { Block, Diagnostic, Severity, SummaryTable } from './model';
import type { Profile } from './profile';
import { getProfile, profiles } from './profiles';
import { formatMessage, type CheckSettings, type ReportDescriptor, type Rule, type RuleContext } from './rule';
import { blockName } from './rules/block-helpers';
import { allRules } from './rules';

export interface RuleGrade {
  severity: Severity;
  /** true when the profile or the settings re-graded the rule: every report takes this severity */
  regraded: boolean;
}

/**
 * Whether a rule runs for a profile and at which severity (undefined = off). Precedence:
 * `settings.rules` > the rule's settings switch (`switchedOn`: `planPacing`) > `profile.rules` > the rule's default.
 */
export function ruleGrade(rule: Rule, profile: Profile, settings: CheckSettings = {}): RuleGrade | undefined {
  if (rule.layouts && !rule.layouts.includes(profile.layout)) return undefined;
  if (rule.appliesTo && !rule.appliesTo(profile)) return undefined;
  const explicit = settings.rules?.[rule.id];
  if (explicit === 'off') return undefined;
  if (explicit) return { severity: explicit, regraded: true };
  const fromProfile = profile.rules?.[rule.id];
  if (rule.switchedOn?.(settings)) {
    return fromProfile && fromProfile !== 'off'
      ? { severity: fromProfile, regraded: true }
      : { severity: rule.severity, regraded: false };
  }
  if (fromProfile === 'off') return undefined;
  if (fromProfile) return { severity: fromProfile, regraded: true };
  if (rule.defaultOff) return undefined;
  return { severity: rule.severity, regraded: false };
}

interface Sortable {
  d: Diagnostic;
  blockIndex: number;
  row: number;
  col: number;
  seq: number;
}

function cellPos(cell: string): { row: number; col: number } {
  try {
    return parseA1(cell.includes('!') ? cell.slice(cell.lastIndexOf('!') + 1) : cell);
  } catch {
    return { row: -1, col: -1 };
  }
}

/** What a workbook holds besides its blocks (from recognition). */
export interface WorkbookTables {
  /** 汇总 tables listing projects (total/summary-mismatch) */
  summaries?: SummaryTable[];
}

/**
 * Checks blocks (of one workbook, any profiles) and returns the diagnostics sorted by block, row,
 * column and rule id, without duplicates. A rule that throws is skipped for that block (its partial
 * reports are dropped); blocks of an unknown profile are skipped. `rules` defaults to every rule.
 * `tables` are the workbook's other tables (its 汇总 tables), for the workbook-wide (`file`) rules;
 * their problems carry `block: null`.
 */
export function checkBlocks(
  blocks: Block[],
  settings: CheckSettings = {},
  rules: Rule[] = allRules,
  tables: WorkbookTables = {},
): Diagnostic[] {
  const out: Sortable[] = [];
  let seq = 0;
  const summaries = tables.summaries ?? [];

  let fileRules: Rule[] | undefined = rules.filter((r) => r.scope === 'file');
  if (fileRules.length === 0) fileRules = undefined;
  const groups = new Map<string, Block[]>();
  // the file rules run with the first known profile's group (a workbook of 汇总 tables only: the first profile's)
  if (fileRules && !blocks.some((b) => profiles.some((p) => p.id === b.profile))) groups.set(profiles[0].id, []);
  for (const b of blocks) {
    const g = groups.get(b.profile);
    if (g) g.push(b);
    else groups.set(b.profile, [b]);
  }

  for (const [profileId, group] of groups) {
    let profile: Profile;
    try {
      profile = getProfile(profileId);
    } catch {
      continue;
    }
    const active: { rule: Rule; grade: RuleGrade }[] = [];
    for (const rule of rules) {
      const grade = ruleGrade(rule, profile, settings);
      if (grade) active.push({ rule, grade });
    }

    // one context per check, its rule/grade/block swapped per run (no per-run closures)
    let rule: Rule = active[0]?.rule;
    let grade: RuleGrade = active[0]?.grade;
    let current: Block | undefined;
    let ctxBlocks: Block[] = blocks;
    const report = (r: ReportDescriptor) => {
      const owner = r.block === null ? undefined : (r.block ?? current ?? ctxBlocks[0]);
      const template = rule.messages[r.messageId] ?? r.messageId;
      const severity = grade.regraded ? grade.severity : (r.severity ?? grade.severity);
      const d: Diagnostic = {
        ruleId: rule.id,
        severity,
        message: formatMessage(template, r.data),
        sheet: r.sheet ?? owner?.sheet ?? '',
        cell: r.at,
        block: owner ? { index: owner.index, name: blockName(owner), range: owner.range } : null,
      };
      if (r.related && r.related.length > 0) d.related = r.related;
      if (r.fix && rule.fixable) d.fix = r.fix;
      const pos = cellPos(r.at);
      out.push({ d, blockIndex: owner ? owner.index : Number.MAX_SAFE_INTEGER, row: pos.row, col: pos.col, seq: seq++ });
    };
    const ctx: RuleContext = { block: undefined, blocks, summaries, profile, settings, year: settings.year, report };
    const run = (a: { rule: Rule; grade: RuleGrade }, block: Block | undefined, all: Block[]) => {
      rule = a.rule;
      grade = a.grade;
      current = block;
      ctxBlocks = all;
      ctx.block = block;
      ctx.blocks = all;
      const start = out.length;
      try {
        rule.check(ctx);
      } catch {
        out.length = start; // a broken rule must not stop the check; its partial reports are dropped
      }
    };

    const blockRules = active.filter((a) => a.rule.scope === 'block');
    const workbookRules = active.filter((a) => a.rule.scope === 'workbook');
    for (const block of group) for (const a of blockRules) run(a, block, blocks);
    for (const a of workbookRules) run(a, undefined, group);
    if (fileRules) {
      // once per workbook, graded by the first block's profile, over every block and table
      for (const rule of fileRules) {
        const grade = ruleGrade(rule, profile, settings);
        if (grade) run({ rule, grade }, undefined, blocks);
      }
      fileRules = undefined;
    }
  }

  out.sort(
    (a, b) =>
      a.blockIndex - b.blockIndex ||
      a.row - b.row ||
      a.col - b.col ||
      (a.d.ruleId < b.d.ruleId ? -1 : a.d.ruleId > b.d.ruleId ? 1 : 0) ||
      a.seq - b.seq,
  );
  const seen = new Set<string>();
  const result: Diagnostic[] = [];
  for (const s of out) {
    const key = `${s.d.ruleId}\u0000${s.d.sheet}\u0000${s.d.cell}\u0000${s.d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(s.d);
  }
  return result;
}
