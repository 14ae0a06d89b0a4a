/**
 * The 指标库's suggestions, measured (part of `npm run bench`; alone: `npx tsx scripts/bench-suggest.ts`):
 *
 * - held out: the library is built without the shipped samples — no seed document, no fixture
 *   workbook, no template library (written from them): the framework alone (src/domain/indicators/
 *   types/) — and each sample project (a seed document's) is asked for by its 项目名称, 资金用途 and
 *   绩效目标. recall@10 is the share of its real 三级 indicators outside 满意度 among the top 10 (by
 *   normalised name; pooled over all indicators, and per project), and again counting a suggestion
 *   of a similar name (character bigrams, Dice ≥ 0.6) as found — another document rarely words an
 *   indicator the same way.
 * - on subject: of the top 10, the share that fit the project's subject — of its type (as a person
 *   labels it, GOLD below), of a related type, or a 共性指标 — and the share of its own type's; and
 *   how often the type recognised from the text is the labelled one.
 * - leave-one-project-out on the shipped library: a sample project's own rows out, the rest in.
 * - time per block: one suggestion list on a built index (median of many); the index build.
 * - the data module's size, gzipped (the pane loads it as its own chunk: see bench.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { buildIndicatorLibrary, sourceDirs } from './build-indicator-library';
import { indicatorKey } from '../src/domain/indicators/key';
import { indicatorLibrary } from '../src/domain/indicators/library';
import type { IndicatorLibrary } from '../src/domain/indicators/schema';
import { Suggester, type SuggesterOptions, type Suggestion } from '../src/domain/indicators/suggest';
import { normLabel } from '../src/domain/text';

const ROOT = path.resolve(__dirname, '..');
const SATISFACTION = normLabel('满意度指标');

/**
 * The type a person gives each sample project (by its name and what its money is for); absent: no
 * type of the library fits (镇街改革补贴, 非公幼儿教师补贴, 民族殡仪馆 — the list is for township types).
 */
export const GOLD: Record<string, string> = {
  '2021年昌黎县四级网格管理经费': 'grid',
  农机人员补贴: 'temp-staff',
  村级办公经费: 'village-office',
  人大之家经费: 'npc',
  服务群众专项经费: 'mass-service',
  农村人居环境整治经费: 'rural-environment',
  村干部基础职务补贴: 'village-cadre-pay',
  计生临聘人员补助: 'temp-staff',
  壮大农村集体经济经费: 'collective-economy',
  武装部工作经费: 'militia',
  村级党组织活动经费: 'village-party',
  '2021年信访工作经费': 'petition-stability',
  综合服务站经费: 'village-office',
  正常离任村干部生活补贴: 'retired-cadre',
  '2021年农村保洁员经费': 'rural-cleaners',
  村办公经费: 'village-office',
  村干部工资: 'village-cadre-pay',
  服务基层专项经费: 'mass-service',
  自收自支人员补助: 'temp-staff',
  调委会工作补助经费: 'mediation',
  党校工作经费: 'party-education',
  维稳经费及应急经费: 'petition-stability',
  人大工作经费: 'npc',
  乡镇残联及社区村级残联工作经费: 'disability',
  妇联工作经费: 'womens-federation',
  城乡医保经费: 'social-insurance',
  乡镇文化站工作经费: 'culture',
  乡镇人大代表经费: 'npc',
  职工食堂伙食补助: 'office-operation',
  团委工作经费: 'youth-league',
  纪委工作经费: 'discipline',
  民政工作经费: 'subsistence-allowance',
  民族团结及综合创建工作经费: 'ethnic-unity',
  村级运转经费: 'village-office',
  长期聘用人员经费支出: 'temp-staff',
  驻村工作队工作经费: 'rural-revitalization',
  社区工作经费: 'community',
  乡村振兴工作经费: 'rural-revitalization',
  武装工作经费: 'militia',
  '果皮箱、景观花池项目质保金': 'greening',
  社区医保工作经费: 'social-insurance',
  '浩门镇西关村、北关村、团结村党员活动室取暖费': 'village-party',
  政协工作经费: 'npc',
  科级及以下退休干部公用经费: 'office-operation',
  社区服务群众专项经费: 'mass-service',
  '2023年村级公益事业建设一事一议财政奖补资金': 'yishiyiyi',
};

export interface ProjectRecall {
  name: string;
  real: number;
  hits: number;
  /** real indicators with a suggestion of a similar name (character bigrams, Dice ≥ 0.6) */
  near: number;
  gold?: string;
  recognised?: string;
  /** of the top 10: of the gold type, related or 共性 */
  onSubject?: number;
  /** of the top 10: of the gold type itself */
  ownType?: number;
  shown: number;
}

export interface RecallFigures {
  projects: number;
  /** pooled: hits / real indicators */
  recallMicro: number;
  /** mean of the projects' recall */
  recallMacro: number;
  /** pooled, counting a suggestion of a similar name as found */
  recallNear: number;
}

export interface SuggestBench {
  /** the library built without the samples, scored on them */
  heldOut: RecallFigures & {
    indicators: number;
    /** projects with a gold type */
    labelled: number;
    /** share of the labelled projects whose recognised type is the gold one */
    typeAccuracy: number;
    /** of the labelled projects' top 10s: share on the subject (own type, related type or 共性) */
    onSubject: number;
    /** … and of the project's own type */
    ownType: number;
    perProject: ProjectRecall[];
  };
  /** leave-one-project-out on the shipped library */
  leaveOneOut: RecallFigures & { ceiling: number };
  /** median ms for one suggestion list on a built index (the shipped library) */
  msPerBlock: number;
  /** median ms to build the index over the shipped library */
  msIndex: number;
  dataGzipBytes: number;
  types: number;
  indicators: number;
}

function bigrams(s: string): Set<string> {
  const cs = Array.from(s);
  return new Set(cs.slice(1).map((c, i) => cs[i] + c));
}

/** Dice coefficient of two names' character bigrams. */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size + y.size === 0) return a === b ? 1 : 0;
  let both = 0;
  for (const g of x) if (y.has(g)) both++;
  return (2 * both) / (x.size + y.size);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;

/** The sample projects (a seed document's) and their real 三级 indicators outside 满意度. */
function sampleProjects(lib: IndicatorLibrary) {
  const seedSources = new Set(lib.sources.filter((s) => s.kind === 'seed').map((s) => s.id));
  return lib.projects
    .map((p, i) => ({
      p,
      i,
      real: new Set(lib.indicators.filter((ind) => ind.from.includes(i) && normLabel(ind.level1) !== SATISFACTION).map((ind) => indicatorKey(ind.name))),
    }))
    .filter(({ p, real }) => p.sources.some((s) => seedSources.has(s)) && real.size > 0);
}

function score(real: Set<string>, list: Suggestion[]): { hits: number; near: number } {
  const got = list.map((x) => indicatorKey(x.name));
  return {
    hits: [...real].filter((n) => got.includes(n)).length,
    near: [...real].filter((n) => got.some((g) => similarity(n, g) >= 0.6)).length,
  };
}

function figures(rows: { real: number; hits: number; near: number }[]): RecallFigures {
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((a, r) => a + f(r), 0);
  return {
    projects: rows.length,
    recallMicro: round(sum((r) => r.hits) / Math.max(1, sum((r) => r.real))),
    recallMacro: round(sum((r) => r.hits / r.real) / Math.max(1, rows.length)),
    recallNear: round(sum((r) => r.near) / Math.max(1, sum((r) => r.real))),
  };
}

export async function benchSuggest(top = 10, options: Omit<SuggesterOptions, 'excludeProjects'> = {}): Promise<SuggestBench> {
  const lib = indicatorLibrary();
  const samples = sampleProjects(lib);

  // held out: the framework alone, scored on the sample projects
  const { library: frameworkOnly } = await buildIndicatorLibrary(sourceDirs(), { samples: false });
  const held = new Suggester(frameworkOnly, options);
  const related = (gold: string) => {
    const t = frameworkOnly.types.find((x) => x.id === gold);
    return new Set([gold, ...(t?.related ?? []), ...frameworkOnly.types.filter((x) => x.related?.includes(gold)).map((x) => x.id)]);
  };
  const perProject: ProjectRecall[] = samples.map(({ p, real }) => {
    const r = held.suggestFor({ name: p.name, usage: p.usage, goal: p.goal, top });
    const row: ProjectRecall = { name: p.name, real: real.size, ...score(real, r.suggestions), shown: r.suggestions.length };
    if (r.type) row.recognised = r.type.id;
    const gold = GOLD[p.name];
    if (gold) {
      const near = related(gold);
      row.gold = gold;
      row.onSubject = r.suggestions.filter((s) => s.common || s.types.some((t) => near.has(t))).length;
      row.ownType = r.suggestions.filter((s) => s.types.includes(gold)).length;
    }
    return row;
  });
  const labelled = perProject.filter((r) => r.gold);
  const shown = labelled.reduce((a, r) => a + r.shown, 0);

  // leave-one-project-out on the shipped library
  const loo: { real: number; hits: number; near: number; reachable: number }[] = [];
  const times: number[] = [];
  for (const { p, i, real } of samples) {
    const s = new Suggester(lib, { ...options, excludeProjects: new Set([i]) });
    const inLibrary = new Set(lib.indicators.filter((ind) => ind.from.some((f) => f !== i)).map((ind) => indicatorKey(ind.name)));
    const query = { name: p.name, usage: p.usage, goal: p.goal, top };
    loo.push({ real: real.size, ...score(real, s.suggest(query)), reachable: [...real].filter((n) => inLibrary.has(n)).length });
  }
  const shipped = new Suggester(lib, options);
  for (const { p } of samples) {
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      shipped.suggestFor({ name: p.name, usage: p.usage, goal: p.goal, top });
      times.push(performance.now() - t0);
    }
  }
  const indexTimes: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    new Suggester(lib);
    indexTimes.push(performance.now() - t0);
  }
  return {
    heldOut: {
      ...figures(perProject),
      indicators: frameworkOnly.indicators.length,
      labelled: labelled.length,
      typeAccuracy: round(labelled.filter((r) => r.recognised === r.gold).length / Math.max(1, labelled.length)),
      onSubject: round(labelled.reduce((a, r) => a + (r.onSubject ?? 0), 0) / Math.max(1, shown)),
      ownType: round(labelled.reduce((a, r) => a + (r.ownType ?? 0), 0) / Math.max(1, shown)),
      perProject,
    },
    leaveOneOut: { ...figures(loo), ceiling: round(loo.reduce((a, r) => a + r.reachable, 0) / Math.max(1, loo.reduce((a, r) => a + r.real, 0))) },
    msPerBlock: round(median(times), 2),
    msIndex: round(median(indexTimes), 1),
    dataGzipBytes: zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'src/domain/indicators/data.ts')), { level: 9 }).length,
    types: lib.types.length,
    indicators: lib.indicators.length,
  };
}

if (require.main === module) {
  void benchSuggest().then((r) => {
    const h = r.heldOut;
    for (const p of h.perProject) {
      const subject = p.gold ? `  主题内 ${p.onSubject}/${p.shown}，本类型 ${p.ownType}${p.recognised === p.gold ? '' : `（识别为 ${p.recognised ?? '无'}，应为 ${p.gold}）`}` : '';
      process.stdout.write(`${p.hits}/${p.real}（近似名 ${p.near}）${subject}  ${p.name}\n`);
    }
    process.stdout.write(
      [
        `未见过的样例项目（指标库不含样例，仅框架 ${h.indicators} 个指标）：recall@10 ${h.recallMicro}（按项目平均 ${h.recallMacro}，近似名 ${h.recallNear}），${h.projects} 个项目`,
        `  前 10 条在项目主题内 ${h.onSubject}，本类型 ${h.ownType}；类型识别正确 ${h.typeAccuracy}（${h.labelled} 个有类型的项目）`,
        `留一法（随附指标库）：recall@10 ${r.leaveOneOut.recallMicro}（按项目平均 ${r.leaveOneOut.recallMacro}，近似名 ${r.leaveOneOut.recallNear}，上限 ${r.leaveOneOut.ceiling}）`,
        `每块 ${r.msPerBlock} ms；建索引 ${r.msIndex} ms；${r.types} 个类型、${r.indicators} 个指标，数据 ${(r.dataGzipBytes / 1024).toFixed(1)} KB gz`,
        '',
      ].join('\n'),
    );
  });
}
