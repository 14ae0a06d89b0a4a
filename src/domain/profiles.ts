/**
 * The shipped profiles (DOMAIN.md §2, §3) as data, a registry, and the name lookups every
 * indicator rule uses. A new province is a new `Profile` object passed to `registerProfile`.
 */
import { z } from 'zod';
import type { Level1Spec, Profile } from './profile';
import { SeveritySchema } from './model';
import { normLabel } from './text';

const CHECKPOINT_SETS: string[][] = [
  ['3月底', '6月底', '10月底', '12月底'],
  ['3月底', '6月底', '9月底', '12月底'],
  ['一季度', '二季度', '三季度', '四季度'],
];

const CHECKPOINT_MONTHS: Record<string, number> = {
  '1月底': 1,
  '2月底': 2,
  '3月底': 3,
  '4月底': 4,
  '5月底': 5,
  '6月底': 6,
  '7月底': 7,
  '8月底': 8,
  '9月底': 9,
  '10月底': 10,
  '11月底': 11,
  '12月底': 12,
  一季度: 3,
  二季度: 6,
  三季度: 9,
  四季度: 12,
  第一季度: 3,
  第二季度: 6,
  第三季度: 9,
  第四季度: 12,
};

const l2 = (...names: string[]) => names.map((name) => ({ name }));

const HEBEI_LEVEL1: Level1Spec[] = [
  { name: '产出指标', level2: l2('数量指标', '质量指标', '时效指标', '成本指标'), required: true, requireEveryLevel2: true },
  {
    name: '效益指标',
    level2: l2('经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'),
    required: true,
    requireEveryLevel2: false,
  },
  { name: '满意度指标', level2: l2('服务对象满意度指标'), required: true, requireEveryLevel2: false },
];

const COMMON_ALIASES: Profile['aliases'] = {
  level1: { 效果指标: '效益指标' },
  level2: {
    可持续性影响: '可持续影响指标',
    可持续性影响指标: '可持续影响指标',
    可持续影响: '可持续影响指标',
    环境效益指标: '生态效益指标',
    满意度指标: '服务对象满意度指标',
    社会公众或服务对象满意度指标: '服务对象满意度指标',
  },
};

export const hebeiProject: Profile = {
  id: 'hebei-project',
  name: '河北省项目支出绩效目标表',
  layout: 'block',
  level1: HEBEI_LEVEL1,
  aliases: COMMON_ALIASES,
  checkpointSets: CHECKPOINT_SETS,
  checkpointMonths: CHECKPOINT_MONTHS,
  satisfactionFloor: 80,
  planPacingShare: 1,
  fields: { code: true, basis: true, plan: true, funding: true },
  rules: { 'plan/behind-schedule': 'off' },
};

export const central2021: Profile = {
  id: 'central-2021',
  name: '项目支出绩效目标表（成本指标为一级指标）',
  layout: 'block',
  level1: [
    { name: '产出指标', level2: l2('数量指标', '质量指标', '时效指标'), required: true, requireEveryLevel2: true },
    {
      name: '成本指标',
      level2: l2('经济成本指标', '社会成本指标', '生态环境成本指标'),
      required: true,
      requireEveryLevel2: false,
    },
    HEBEI_LEVEL1[1],
    HEBEI_LEVEL1[2],
  ],
  aliases: {
    level1: COMMON_ALIASES.level1,
    level2: { ...COMMON_ALIASES.level2, 生态成本指标: '生态环境成本指标', 环境成本指标: '生态环境成本指标' },
  },
  checkpointSets: CHECKPOINT_SETS,
  checkpointMonths: CHECKPOINT_MONTHS,
  satisfactionFloor: 80,
  planPacingShare: 1,
  fields: { code: true, basis: true, plan: true, funding: true },
  rules: { 'plan/behind-schedule': 'off' },
};

export const disclosureList: Profile = {
  id: 'disclosure-list',
  name: '项目支出绩效目标公开表（每行一个项目）',
  layout: 'list',
  level1: HEBEI_LEVEL1,
  aliases: COMMON_ALIASES,
  checkpointSets: CHECKPOINT_SETS,
  checkpointMonths: CHECKPOINT_MONTHS,
  satisfactionFloor: 80,
  planPacingShare: 1,
  fields: { code: false, basis: false, plan: false, funding: false },
  rules: { 'plan/behind-schedule': 'off' },
};

const RuleSettingSchema = z.union([SeveritySchema, z.literal('off')]);

/** zod schema of `Profile` (src/domain/profile.ts) plus consistency checks. */
export const ProfileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, '配置编号只能由小写字母、数字和连字符组成'),
    name: z.string().min(1),
    layout: z.enum(['block', 'list']),
    level1: z
      .array(
        z.object({
          name: z.string().min(1),
          level2: z.array(z.object({ name: z.string().min(1) })).min(1),
          required: z.boolean(),
          requireEveryLevel2: z.boolean(),
        }),
      )
      .min(1),
    aliases: z.object({
      level1: z.record(z.string(), z.string()),
      level2: z.record(z.string(), z.string()),
    }),
    checkpointSets: z.array(z.array(z.string().min(1)).min(1)).min(1),
    checkpointMonths: z.record(z.string(), z.number().int().min(1).max(12)),
    satisfactionFloor: z.number().min(0).max(100),
    planPacingShare: z.number().min(0).max(1),
    fields: z.object({ code: z.boolean(), basis: z.boolean(), plan: z.boolean(), funding: z.boolean() }),
    rules: z.record(z.string(), RuleSettingSchema),
  })
  .superRefine((p, ctx) => {
    const l1 = new Set(p.level1.map((s) => normLabel(s.name)));
    const l2 = new Set(p.level1.flatMap((s) => s.level2.map((x) => normLabel(x.name))));
    if (l1.size !== p.level1.length) ctx.addIssue({ code: 'custom', message: '一级指标名称重复' });
    for (const [alias, target] of Object.entries(p.aliases.level1)) {
      if (!l1.has(normLabel(target)))
        ctx.addIssue({ code: 'custom', message: `一级指标别名“${alias}”指向的“${target}”不是本配置的一级指标` });
    }
    for (const [alias, target] of Object.entries(p.aliases.level2)) {
      if (!l2.has(normLabel(target)))
        ctx.addIssue({ code: 'custom', message: `二级指标别名“${alias}”指向的“${target}”不是本配置的二级指标` });
    }
    for (const set of p.checkpointSets) {
      for (const cp of set) {
        if (!(cp in p.checkpointMonths))
          ctx.addIssue({ code: 'custom', message: `支出计划时点“${cp}”缺少对应月份（checkpointMonths）` });
      }
    }
  });

/** The registered profiles (the three shipped ones first). */
export const profiles: Profile[] = [hebeiProject, central2021, disclosureList];

/** The profile with this id; throws a Chinese message for an unknown id. */
export function getProfile(id: string): Profile {
  const p = profiles.find((x) => x.id === id);
  if (!p) throw new Error(`未知的表格配置“${id}”，可用的配置：${profiles.map((x) => x.id).join('、')}`);
  return p;
}

/** Validates and registers a profile (replacing one with the same id). Throws a Chinese message when invalid. */
export function registerProfile(p: Profile): Profile {
  const r = ProfileSchema.safeParse(p);
  if (!r.success) {
    const msgs = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message));
    throw new Error(`表格配置“${String((p as { id?: unknown })?.id ?? '')}”无效：${msgs.join('；')}`);
  }
  const profile = r.data as Profile;
  const at = profiles.findIndex((x) => x.id === profile.id);
  if (at >= 0) profiles[at] = profile;
  else profiles.push(profile);
  return profile;
}

function lookup(map: Record<string, string>, name: string): string | undefined {
  for (const [alias, target] of Object.entries(map)) if (normLabel(alias) === name) return target;
  return undefined;
}

/** The canonical 一级 for a name as written (`alias` when written as an alias), or undefined when unknown. */
export function canonicalLevel1(profile: Profile, name: string): { canonical: string; alias: boolean } | undefined {
  const n = normLabel(name);
  if (!n) return undefined;
  const direct = profile.level1.find((s) => normLabel(s.name) === n);
  if (direct) return { canonical: direct.name, alias: false };
  const target = lookup(profile.aliases.level1, n);
  const spec = target ? profile.level1.find((s) => normLabel(s.name) === normLabel(target)) : undefined;
  return spec ? { canonical: spec.name, alias: true } : undefined;
}

/**
 * The canonical 二级 for a name under a 一级 (the 一级 may itself be written as an alias), or
 * undefined when the name is not allowed under it (nor an alias of one that is).
 */
export function canonicalLevel2(
  profile: Profile,
  level1: string,
  name: string,
): { canonical: string; alias: boolean } | undefined {
  const l1 = canonicalLevel1(profile, level1);
  if (!l1) return undefined;
  const spec = profile.level1.find((s) => s.name === l1.canonical);
  if (!spec) return undefined;
  const n = normLabel(name);
  if (!n) return undefined;
  const direct = spec.level2.find((s) => normLabel(s.name) === n);
  if (direct) return { canonical: direct.name, alias: false };
  const target = lookup(profile.aliases.level2, n);
  const hit = target ? spec.level2.find((s) => normLabel(s.name) === normLabel(target)) : undefined;
  return hit ? { canonical: hit.name, alias: true } : undefined;
}

/** The 一级 spec a canonical name belongs to. */
export function level1Spec(profile: Profile, canonical: string): Level1Spec | undefined {
  return profile.level1.find((s) => s.name === canonical);
}
