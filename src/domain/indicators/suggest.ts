/**
 * Suggesting 三级 indicators for a project from the 指标库, offline. First the project's type is
 * recognised from the words of its 项目名称, 资金用途 and 绩效目标 (./recognize-type.ts), or taken
 * as the clerk picked it; then the indicators come in tiers: that type's own, then the 共性指标
 * backbone, then those of related types — an indicator of an unrelated type only after all of
 * these. Within a tier they are ranked by how well the project's text fits the projects each
 * indicator came from (and its own name and 指标解释), by BM25 over character uni- and bi-grams —
 * Chinese has no spaces between words — through MiniSearch (a small full-text engine that runs in
 * the task pane and under Node alike), and by how many projects use it. Without a type, the text
 * fit alone ranks (the backbone a little ahead). The list then covers the 二级 a table must have
 * (数量/质量/时效/成本, one 效益, one 满意度) before it repeats a 二级, so a clerk sees something for
 * every part of the table.
 */
import MiniSearch from 'minisearch';
import { getProfile, profiles } from '../profiles';
import type { Profile } from '../profile';
import { mapToProfile } from '../templates/frame';
import { normLabel, toHalfWidth } from '../text';
import { indicatorKey } from './key';
import { indicatorLibrary } from './library';
import { recognizeTypes, type TypeMatch } from './recognize-type';
import type { IndicatorLibrary, LibraryIndicator, LibraryType, Measure } from './schema';

export interface SuggestQuery {
  /** 项目名称 */
  name: string;
  /** 资金用途 */
  usage?: string;
  /** 绩效目标 */
  goal?: string;
  /** 三级 names the block already has: marked `existing` */
  existing?: readonly string[];
  /** the table format: 一级/二级 in its frame, its required 二级 covered first (default: the first registered format) */
  profileId?: string;
  /** how many (default 10) */
  top?: number;
  /**
   * the project type the clerk picked (a type id); '' for none (rank by the text alone); absent:
   * the type recognised from the text
   */
  typeId?: string;
}

export interface Suggestion {
  /** index of the indicator in the library */
  id: number;
  name: string;
  level1: string;
  level2: string;
  /** the value form: `≥__%`, `__个`, `≤__万元`, `定性` */
  value: string;
  /** project types (ids) the indicator fits */
  types: string[];
  /** fit to the project, 0–1 (rounded to 3 decimals) */
  score: number;
  /** the block already has an indicator of this name */
  existing: boolean;
  description?: string;
  basis?: string;
  /** qualitative targets as sources word them */
  examples?: string[];
  /** how many projects of the sources use it */
  uses: number;
  /** the value form structured: kind, operator, unit */
  measure: Measure;
  /** a 共性指标 (fits almost any project) */
  common: boolean;
  /** where it came from: `framework`, `seed:000`, … */
  sources: string[];
}

/** A project type as the pane and the CLI name it. */
export interface TypeInfo {
  id: string;
  name: string;
  group: string;
}

/** Suggestions and the type they are for. */
export interface SuggestResult {
  /** the type the list is for: the clerk's pick, else the one recognised; undefined: none */
  type?: TypeInfo;
  /** how the type was chosen: recognised from the text, picked by the clerk (a type, or none: typeId ''), none recognised */
  typeBy: 'recognised' | 'picked' | 'none';
  /** the types the text leads to, best first (the recognised one is the first) */
  matches: TypeMatch[];
  suggestions: Suggestion[];
}

export interface SuggesterOptions {
  /** project indexes left out of the library (the bench leaves out the project it asks for) */
  excludeProjects?: ReadonlySet<number>;
  /** other weights (the bench tries them) */
  weights?: Partial<Weights>;
  /** cover the format's required 二级 first (default true) */
  coverLevel2?: boolean;
}

/** Weights of the parts of the score (see the bench: scripts/bench-suggest.ts). */
export interface Weights {
  name: number;
  usage: number;
  goal: number;
  project: number;
  moreProjects: number;
  own: number;
  type: number;
  framework: number;
  uses: number;
  digitsFactor: number;
}

export const WEIGHTS: Readonly<Weights> = {
  /** how much of a query part counts (项目名称, 资金用途, 绩效目标) */
  name: 1,
  usage: 0.4,
  goal: 0.3,
  /** the projects an indicator came from are like this one (their best fit, and a little of the next two) */
  project: 1,
  moreProjects: 0.25,
  /** the indicator's own name and description fit the query */
  own: 0.25,
  /** a 共性指标, when the project's type is not known */
  type: 0.5,
  /** written for the framework (a clean name, a value form with its operator, a 指标解释) */
  framework: 0.3,
  /** used by many projects (log scale, 0–1) */
  uses: 0.7,
  /** a name with digits (`127名委员全年支出总额`) is one project's, rarely another's */
  digitsFactor: 0.5,
};

/** at most this many suggestions of one 二级 before every other 二级 had its turn */
const PER_LEVEL2 = 3;

/** Tiers when the project's type is known: its own, the backbone, related types', anything else. */
const TIER = { own: 3, common: 2, related: 1, other: 0 } as const;

const STOP_CHARS = new Set(['的', '和', '及', '与', '等', '了', '在', '对', '是', '为', '中', '其', '用', '于', '年', '元', '万']);
const SEGMENT_RE = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+/g;

/**
 * Character uni- and bi-grams of the CJK runs of a text (digits and punctuation separate runs;
 * Latin words are one term each), half-width, lower case. `村级办公经费` → 村 级 办 公 经 费 村级 级办 办公 公经 经费.
 */
export function ngrams(text: string): string[] {
  const out: string[] = [];
  for (const m of toHalfWidth(text).toLowerCase().matchAll(SEGMENT_RE)) {
    const seg = m[0];
    if (/^[a-z]/.test(seg)) {
      out.push(seg);
      continue;
    }
    const chars = Array.from(seg);
    chars.forEach((c, i) => {
      if (!STOP_CHARS.has(c)) out.push(c);
      if (i + 1 < chars.length) out.push(c + chars[i + 1]);
    });
  }
  return out;
}

interface ProjectDoc {
  id: number;
  name: string;
  usage: string;
  goal: string;
}

interface IndicatorDoc {
  id: number;
  name: string;
  description: string;
}

const HAS_DIGIT_RE = /[0-9\uFF10-\uFF19]/;
const splitSpaces = (s: string) => s.split(' ');

/** The 二级 a table of `profile` must cover, as groups: every required 二级 alone, a 一级 that needs any one of its 二级 as one group. */
function coverageGroups(profile: Profile): string[][] {
  const groups: string[][] = [];
  for (const l1 of profile.level1) {
    if (!l1.required) continue;
    if (l1.requireEveryLevel2) for (const l2 of l1.level2) groups.push([normLabel(l2.name)]);
    else groups.push(l1.level2.map((l2) => normLabel(l2.name)));
  }
  return groups;
}

const engine = <T>(fields: string[]) =>
  new MiniSearch<T>({ fields, tokenize: ngrams, processTerm: (t) => t, searchOptions: { combineWith: 'OR' } });

export class Suggester {
  /** the projects the indicators came from: 项目名称, 资金用途, 绩效目标 */
  private readonly projects = engine<ProjectDoc>(['name', 'usage', 'goal']);
  /** the indicators themselves: name and description */
  private readonly own = engine<IndicatorDoc>(['name', 'description']);
  private readonly indicators: (LibraryIndicator & { id: number; uses: number })[];
  private readonly types = new Map<string, LibraryType>();
  private readonly maxUses: number;
  private readonly w: Weights;
  private readonly cover: boolean;
  /** 一级/二级 of every indicator in a format's frame, by profile id */
  private readonly framed = new Map<string, { level1: string; level2: string }[]>();

  constructor(
    readonly library: IndicatorLibrary,
    opts: SuggesterOptions = {},
  ) {
    const excluded = opts.excludeProjects ?? new Set<number>();
    this.w = { ...WEIGHTS, ...opts.weights };
    this.cover = opts.coverLevel2 ?? true;
    this.indicators = [];
    library.indicators.forEach((ind, id) => {
      const from = ind.from.filter((p) => !excluded.has(p));
      if (from.length > 0) this.indicators.push({ ...ind, id, from, uses: from.length });
    });
    this.maxUses = Math.max(1, ...this.indicators.map((i) => i.uses));
    for (const t of library.types) this.types.set(t.id, t);
    this.projects.addAll(
      library.projects.flatMap((p, id) => (excluded.has(id) ? [] : [{ id, name: p.name, usage: p.usage ?? '', goal: p.goal ?? '' }])),
    );
    this.own.addAll(this.indicators.map((ind) => ({ id: ind.id, name: ind.name, description: ind.description ?? '' })));
  }

  /** How many indicators the suggester ranks. */
  get size(): number {
    return this.indicators.length;
  }

  /** How well each document fits the query's parts (weighted), scaled so the best is 1. */
  private fit(search: MiniSearch, q: SuggestQuery): Map<number, number> {
    const out = new Map<number, number>();
    const parts: [string | undefined, number][] = [
      [q.name, this.w.name],
      [q.usage, this.w.usage],
      [q.goal, this.w.goal],
    ];
    for (const [text, w] of parts) {
      if (!text || text.trim() === '') continue;
      // each n-gram once: a long 绩效目标 repeats its words, and every repeat would be searched again
      const hits = search.search([...new Set(ngrams(text))].join(' '), { tokenize: splitSpaces });
      const best = hits[0]?.score ?? 0;
      if (best > 0) for (const h of hits) out.set(h.id as number, (out.get(h.id as number) ?? 0) + (w * h.score) / best);
    }
    const best = Math.max(0, ...out.values());
    if (best > 0) for (const [k, v] of out) out.set(k, v / best);
    return out;
  }

  /** The library's project types, in its order, with their group. */
  typeList(): TypeInfo[] {
    return this.library.types.map((t) => ({ id: t.id, name: t.name, group: t.group }));
  }

  /** The types the project's text leads to, best first. */
  matchTypes(q: Pick<SuggestQuery, 'name' | 'usage' | 'goal'>): TypeMatch[] {
    return recognizeTypes(this.library.types, q);
  }

  /** The indicators ranked for a project, best first, covering the format's required 二级 first. */
  suggest(q: SuggestQuery): Suggestion[] {
    return this.suggestFor(q).suggestions;
  }

  /** The type the project is (recognised, or as the clerk picked it) and the indicators ranked for it. */
  suggestFor(q: SuggestQuery): SuggestResult {
    const matches = this.matchTypes(q);
    const picked = q.typeId !== undefined;
    const chosen = picked ? (q.typeId === '' ? undefined : this.types.get(q.typeId as string)) : this.types.get(matches[0]?.id ?? '');
    if (picked && q.typeId !== '' && !chosen) throw new Error(`项目类型“${q.typeId}”不存在`);
    const type: TypeInfo | undefined = chosen && { id: chosen.id, name: chosen.name, group: chosen.group };
    const related = new Set(chosen?.related ?? []);
    // related both ways: 人居环境整治 lists 农村保洁, so 农村保洁's indicators are near it and its are near 农村保洁
    if (chosen) for (const t of this.library.types) if (t.related?.includes(chosen.id)) related.add(t.id);
    const tier = (ind: LibraryIndicator): number => {
      if (!chosen) return 0;
      if (ind.types.includes(chosen.id)) return TIER.own;
      if (ind.common) return TIER.common;
      if (ind.types.some((t) => related.has(t))) return TIER.related;
      return TIER.other;
    };
    return { type, typeBy: picked ? 'picked' : type ? 'recognised' : 'none', matches, suggestions: this.rank(q, tier) };
  }

  private rank(q: SuggestQuery, tier: (ind: LibraryIndicator) => number): Suggestion[] {
    const top = Math.max(1, Math.floor(q.top ?? 10));
    const profile = q.profileId ? getProfile(q.profileId) : profiles[0];
    const projectFit = this.fit(this.projects, q);
    const ownFit = this.fit(this.own, q);
    const existing = new Set((q.existing ?? []).map(indicatorKey));
    let frame = this.framed.get(profile.id);
    if (!frame) {
      frame = this.indicators.map((ind) => mapToProfile({ level1: ind.level1, level2: ind.level2 }, profile.id));
      this.framed.set(profile.id, frame);
    }
    const scored = this.indicators.map((ind, k) => {
      const sims = ind.from.map((p) => projectFit.get(p) ?? 0).sort((a, b) => b - a);
      let s = this.w.project * (sims[0] ?? 0) + this.w.moreProjects * ((sims[1] ?? 0) + (sims[2] ?? 0));
      s += this.w.own * (ownFit.get(ind.id) ?? 0);
      if (ind.common) s += this.w.type;
      if (ind.sources.includes('framework')) s += this.w.framework;
      s += (this.w.uses * Math.log(1 + ind.uses)) / Math.log(1 + this.maxUses);
      if (HAS_DIGIT_RE.test(ind.name)) s *= this.w.digitsFactor;
      return { ind, s, tier: tier(ind), level1: frame[k].level1, level2: frame[k].level2 };
    });
    // the tier first (a type's own before the backbone before anything else), then the fit: the
    // tier plus the fit scaled to 0–1 (the score shown is this, the best 1)
    const maxFit = Math.max(1e-9, ...scored.map((x) => x.s));
    for (const x of scored) x.s = x.tier + x.s / maxFit;
    const before = (a: (typeof scored)[number], b: (typeof scored)[number]) => b.s - a.s || a.ind.id - b.ind.id;
    scored.sort(before);
    const max = Math.max(1e-9, ...scored.map((x) => x.s));

    // cover each required 二级 group with its best indicator, then fill by score (PER_LEVEL2 a 二级 at most, until nothing else is left)
    const chosen: typeof scored = [];
    const taken = new Set<number>();
    const take = (x: (typeof scored)[number]) => {
      chosen.push(x);
      taken.add(x.ind.id);
    };
    // the groups' best, the best group first (a short list holds the best of the best groups)
    const firsts = (this.cover ? coverageGroups(profile) : [])
      .map((group) => scored.find((x) => group.includes(normLabel(x.level2))))
      .filter((x): x is (typeof scored)[number] => x !== undefined)
      .sort(before);
    for (const best of firsts) {
      if (chosen.length >= top) break;
      if (!taken.has(best.ind.id)) take(best);
    }
    const perLevel2 = new Map<string, number>();
    for (const x of chosen) perLevel2.set(normLabel(x.level2), (perLevel2.get(normLabel(x.level2)) ?? 0) + 1);
    for (const pass of this.cover ? [PER_LEVEL2, Infinity] : [Infinity]) {
      for (const x of scored) {
        if (chosen.length >= top) break;
        const k = normLabel(x.level2);
        if (taken.has(x.ind.id) || (perLevel2.get(k) ?? 0) >= pass) continue;
        take(x);
        perLevel2.set(k, (perLevel2.get(k) ?? 0) + 1);
      }
    }
    chosen.sort(before);
    return chosen.map(({ ind, s, level1, level2 }) => {
      const out: Suggestion = {
        id: ind.id,
        name: ind.name,
        level1,
        level2,
        value: ind.value,
        types: ind.types,
        score: Math.round((s / max) * 1000) / 1000,
        existing: existing.has(indicatorKey(ind.name)),
        uses: ind.uses,
        measure: ind.measure,
        common: ind.common === true,
        sources: ind.sources,
      };
      if (ind.description) out.description = ind.description;
      if (ind.basis) out.basis = ind.basis;
      if (ind.examples) out.examples = ind.examples;
      return out;
    });
  }
}

let shared: Suggester | undefined;

/** The suggester over the whole 指标库 (built the first time it is asked for). */
export function defaultSuggester(): Suggester {
  shared ??= new Suggester(indicatorLibrary());
  return shared;
}

/** Suggestions for a project from the whole 指标库. */
export function suggestIndicators(q: SuggestQuery): Suggestion[] {
  return defaultSuggester().suggest(q);
}

/** Suggestions for a project from the whole 指标库, with the type they are for. */
export function suggestForProject(q: SuggestQuery): SuggestResult {
  return defaultSuggester().suggestFor(q);
}

/** Suggestions grouped by 二级, in the order of the format's frame (a 二级 it does not list last). */
export function groupByLevel2(list: readonly Suggestion[], profileId?: string): { level1: string; level2: string; items: Suggestion[] }[] {
  const profile = profileId ? getProfile(profileId) : profiles[0];
  const order = (l1: string, l2: string): number => {
    const a = profile.level1.findIndex((x) => normLabel(x.name) === normLabel(l1));
    const b = a < 0 ? -1 : profile.level1[a].level2.findIndex((x) => normLabel(x.name) === normLabel(l2));
    return (a < 0 ? 99 : a) * 100 + (b < 0 ? 99 : b);
  };
  const groups = new Map<string, { level1: string; level2: string; items: Suggestion[] }>();
  for (const s of list) {
    const key = `${s.level1}\u0000${s.level2}`;
    let g = groups.get(key);
    if (!g) {
      g = { level1: s.level1, level2: s.level2, items: [] };
      groups.set(key, g);
    }
    g.items.push(s);
  }
  return [...groups.values()].sort((x, y) => order(x.level1, x.level2) - order(y.level1, y.level2));
}
