/**
 * `jxmb suggest --name 项目名称 [--usage 资金用途] [--goal 绩效目标] [--type 类型] [--top N] [--profile ID] [--format text|json]`
 * — 三级 indicators from the 指标库 for a project, best fit first (src/domain/indicators): the project
 * type its text leads to (or `--type`: a type's id or name, `none` for no type) first, then the
 * 共性指标. Text: the type in words, then grouped by 二级, zh-CN. JSON: exactly
 * `{"type":{"id","name","by"}|null,"suggestions":[{"name","level1","level2","value","measure","types","score"}]}`
 * (`by` is `recognised` or `picked`; `value` is the form, `measure` the form structured — kind,
 * operator, unit —, `types` the project type ids the indicator fits).
 */
import { Command } from 'commander';
import { z } from 'zod';
import { defaultSuggester, groupByLevel2, MeasureSchema, type SuggestResult, type Suggestion } from '../domain/indicators';
import { profiles } from '../domain/profiles';
import { displayWidth } from './ansi';
import type { CommandContext } from './main';

export const SuggestReportSchema = z.strictObject({
  type: z.strictObject({ id: z.string(), name: z.string(), by: z.enum(['recognised', 'picked']) }).nullable(),
  suggestions: z.array(
    z.strictObject({
      name: z.string(),
      level1: z.string(),
      level2: z.string(),
      value: z.string(),
      measure: MeasureSchema,
      types: z.array(z.string()),
      score: z.number(),
    }),
  ),
});
export type SuggestReport = z.infer<typeof SuggestReportSchema>;

export function toSuggestReport(r: SuggestResult): SuggestReport {
  return {
    type: r.type && r.typeBy !== 'none' ? { id: r.type.id, name: r.type.name, by: r.typeBy } : null,
    suggestions: r.suggestions.map((s) => ({ name: s.name, level1: s.level1, level2: s.level2, value: s.value, measure: s.measure, types: s.types, score: s.score })),
  };
}

const MAX_TOP = 200;
const typeName = (id: string) => defaultSuggester().typeList().find((t) => t.id === id)?.name ?? id;

/** The line that says what type the list is for. */
export function typeLine(r: SuggestResult): string {
  if (r.type) {
    if (r.typeBy === 'picked') return `项目类型：${r.type.name}（按 --type 指定）`;
    const m = r.matches[0];
    return `项目类型：${r.type.name}（由${m.field === 'name' ? '项目名称' : m.field === 'usage' ? '资金用途' : '绩效目标'}中的“${m.keyword}”识别；不对可用 --type 指定）`;
  }
  return r.typeBy === 'picked' ? '项目类型：不限（按 --type none）' : '未识别出项目类型：按项目名称等文字推荐（可用 --type 指定类型）';
}
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - displayWidth(s)));

/** The text report: a line per suggestion under its 一级 › 二级 heading. */
export function formatSuggestions(name: string, r: SuggestResult, profileId?: string): string {
  const list: Suggestion[] = r.suggestions;
  if (list.length === 0) return `指标库中没有可推荐的指标。\n`;
  const form = (s: Suggestion) => (s.value === '定性' && s.examples ? `定性（如：${s.examples[0]}）` : s.value);
  const nameW = Math.max(...list.map((s) => displayWidth(s.name)));
  const formW = Math.max(...list.map((s) => displayWidth(form(s))));
  const out = [`“${name}”的推荐指标（${list.length} 条，按二级指标分组；匹配度 1 为最相符）：`, typeLine(r), ''];
  for (const g of groupByLevel2(list, profileId)) {
    out.push(`${g.level1} › ${g.level2}`);
    for (const s of g.items) {
      const types = s.common ? '  共性指标' : s.types.length > 0 ? `  适用：${s.types.slice(0, 3).map(typeName).join('、')}${s.types.length > 3 ? '等' : ''}` : '';
      out.push(`  ${pad(s.name, nameW)}  ${pad(form(s), formW)}  ${s.score.toFixed(2)}${types}`);
    }
  }
  out.push('', '指标值只给出形式（如“≥__%”“__个”），请按本项目的实际填写数字。');
  return `${out.join('\n')}\n`;
}

export function suggestCommand(ctx: CommandContext): Command {
  return new Command('suggest')
    .description('从指标库推荐三级指标：按项目名称、资金用途和绩效目标排序，按二级指标分组')
    .requiredOption('-n, --name <项目名称>', '项目名称（必填）')
    .option('-u, --usage <资金用途>', '资金用途')
    .option('-g, --goal <绩效目标>', '绩效目标')
    .option('-T, --type <类型>', '项目类型（编号或名称，如 garbage-collection 或 垃圾清运；none 为不限类型）；不给则按项目名称等识别')
    .option('-t, --top <条数>', '推荐条数（默认 10）')
    .option('-p, --profile <格式>', `表格格式（一级/二级按其指标体系）：${profiles.map((p) => p.id).join('、')}`)
    .option('-f, --format <格式>', '输出格式：text（默认）或 json')
    .action((o: { name: string; usage?: string; goal?: string; type?: string; top?: string; profile?: string; format?: string }) => {
      const fail = (message: string) => {
        ctx.io.stderr.write(`${message}\n`);
        ctx.exit(2);
      };
      if (o.format !== undefined && o.format !== 'text' && o.format !== 'json') return fail(`输出格式“${o.format}”无效：应为 text 或 json`);
      const top = o.top === undefined ? 10 : Number(o.top);
      if (!Number.isInteger(top) || top < 1 || top > MAX_TOP) return fail(`推荐条数“${o.top}”无效：应为 1 到 ${MAX_TOP} 之间的整数`);
      if (o.profile !== undefined && !profiles.some((p) => p.id === o.profile)) {
        return fail(`表格格式“${o.profile}”不存在：可用 ${profiles.map((p) => p.id).join('、')}`);
      }
      if (o.name.trim() === '') return fail('项目名称为空：用 --name 给出项目名称，如 --name 村级办公经费');
      const suggester = defaultSuggester();
      let typeId: string | undefined;
      if (o.type !== undefined) {
        const want = o.type.trim();
        const t = suggester.typeList().find((x) => x.id === want || x.name === want);
        if (want === 'none' || want === '不限') typeId = '';
        else if (t) typeId = t.id;
        else return fail(`项目类型“${o.type}”不存在：可用 ${suggester.typeList().map((x) => x.name).join('、')}，或 none`);
      }
      const r = suggester.suggestFor({ name: o.name, usage: o.usage, goal: o.goal, top, profileId: o.profile, typeId });
      if (o.format === 'json') ctx.io.stdout.write(`${JSON.stringify(toSuggestReport(r))}\n`);
      else ctx.io.stdout.write(formatSuggestions(o.name.trim(), r, o.profile));
    });
}
