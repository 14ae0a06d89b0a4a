/**
 * `jxmb rules` — the rule ids of the JSON output and the settings, with their default severity
 * per table format and a one-line Chinese description.
 */
import { Command } from 'commander';
import { ruleGrade } from '../domain/engine';
import { profiles } from '../domain/profiles';
import { allRules } from '../domain/rules';
import { displayWidth } from './ansi';
import type { CommandContext } from './main';

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

export interface RuleListing {
  id: string;
  description: string;
  /** default severity per profile id, or 'off' */
  severity: Record<string, string>;
  /** the rule's fixes, as the rule declares them: `one` per problem, `bulk` also by 修复全部格式问题 */
  fixable?: 'one' | 'bulk';
}

export function listRules(): RuleListing[] {
  return allRules.map((rule) => ({
    id: rule.id,
    description: rule.description,
    severity: Object.fromEntries(
      profiles.map((p) => [p.id, ruleGrade(rule, p)?.severity ?? 'off']),
    ),
    ...(rule.fixable ? { fixable: rule.fixable } : {}),
  }));
}

export function rulesCommand(ctx: CommandContext): Command {
  return new Command('rules')
    .description('列出全部检查规则：规则编号、各表格格式下的默认级别和说明')
    .option('-f, --format <格式>', '输出格式：text（默认）或 json')
    .action((options: { format?: string }) => {
      const rows = listRules();
      if (options.format === 'json') {
        ctx.io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      if (options.format !== undefined && options.format !== 'text') {
        ctx.io.stderr.write(`输出格式“${options.format}”无效：应为 text 或 json\n`);
        ctx.exit(2);
        return;
      }
      const width = Math.max(...rows.map((r) => displayWidth(r.id)));
      const label = (s: string) => (s === 'off' ? '关闭' : (SEVERITY[s] ?? s));
      ctx.io.stdout.write(`规则${' '.repeat(width - displayWidth('规则'))}  ${profiles.map((p) => p.id).join(' / ')}  说明\n`);
      for (const r of rows) {
        const sev = profiles.map((p) => label(r.severity[p.id])).join(' / ');
        ctx.io.stdout.write(`${r.id}${' '.repeat(width - displayWidth(r.id))}  ${sev}  ${r.description}\n`);
      }
    });
}
