/**
 * The 指标库's suggestions, measured (part of `npm run bench`; alone: `npx tsx scripts/bench-suggest.ts`):
 *
 * - recall@10, leave-one-project-out over the seed documents' projects: the project's own indicators
 *   are taken out of the library (every indicator that only it used disappears; one that others use
 *   stays, without this project's name and text), its 项目名称, 资金用途 and 绩效目标 are the query,
 *   and recall is the share of its real 三级 indicators outside 满意度 that are among the top 10
 *   suggestions (by normalised name). Given pooled over all indicators (micro) and per project
 *   (macro), beside the ceiling: the share whose name is in the library at all once the project is out.
 * - time per block: one suggestion list for a project, on a built index (median of many); and the
 *   time to build the index (once per pane session).
 * - the data module's size, gzipped (what the library adds to the pane, with MiniSearch: see bench.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { indicatorKey } from '../src/domain/indicators/key';
import { indicatorLibrary } from '../src/domain/indicators/library';
import { Suggester, type SuggesterOptions } from '../src/domain/indicators/suggest';
import { normLabel } from '../src/domain/text';

const ROOT = path.resolve(__dirname, '..');
const SATISFACTION = normLabel('满意度指标');

export interface ProjectRecall {
  name: string;
  real: number;
  hits: number;
  /** real indicators with a suggestion of a similar name (character bigrams, Dice ≥ 0.6) */
  near: number;
  reachable: number;
}

export interface SuggestBench {
  projects: number;
  /** pooled: hits / real indicators */
  recallMicro: number;
  /** mean of the projects' recall */
  recallMacro: number;
  /** pooled, counting a suggestion of a similar name (Dice ≥ 0.6 over character bigrams) as found */
  recallNear: number;
  /** pooled share of real indicators whose name the library still holds without the project */
  ceiling: number;
  /** median ms for one suggestion list on a built index */
  msPerBlock: number;
  /** median ms to build the index over the whole library */
  msIndex: number;
  dataGzipBytes: number;
  perProject: ProjectRecall[];
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

export function benchSuggest(top = 10, options: Omit<SuggesterOptions, 'excludeProjects'> = {}): SuggestBench {
  const lib = indicatorLibrary();
  const seedSources = new Set(lib.sources.filter((s) => s.kind === 'seed').map((s) => s.id));
  const heldOut = lib.projects.map((p, i) => ({ p, i })).filter(({ p }) => p.sources.some((s) => seedSources.has(s)));
  const perProject: ProjectRecall[] = [];
  const times: number[] = [];
  for (const { p, i } of heldOut) {
    const real = new Set(
      lib.indicators.filter((ind) => ind.from.includes(i) && normLabel(ind.level1) !== SATISFACTION).map((ind) => indicatorKey(ind.name)),
    );
    if (real.size === 0) continue;
    const s = new Suggester(lib, { ...options, excludeProjects: new Set([i]) });
    const inLibrary = new Set(lib.indicators.filter((ind) => ind.from.some((f) => f !== i)).map((ind) => indicatorKey(ind.name)));
    const query = { name: p.name, usage: p.usage, goal: p.goal, top };
    const got = new Set(s.suggest(query).map((x) => indicatorKey(x.name)));
    const near = [...real].filter((n) => [...got].some((g) => similarity(n, g) >= 0.6)).length;
    for (let k = 0; k < 5; k++) {
      const t0 = performance.now();
      s.suggest(query);
      times.push(performance.now() - t0);
    }
    perProject.push({
      name: p.name,
      real: real.size,
      hits: [...real].filter((n) => got.has(n)).length,
      near,
      reachable: [...real].filter((n) => inLibrary.has(n)).length,
    });
  }
  const sum = (f: (r: ProjectRecall) => number) => perProject.reduce((a, r) => a + f(r), 0);
  const indexTimes: number[] = [];
  for (let k = 0; k < 7; k++) {
    const t0 = performance.now();
    new Suggester(lib);
    indexTimes.push(performance.now() - t0);
  }
  const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
  return {
    projects: perProject.length,
    recallMicro: round(sum((r) => r.hits) / sum((r) => r.real)),
    recallMacro: round(sum((r) => r.hits / r.real) / perProject.length),
    recallNear: round(sum((r) => r.near) / sum((r) => r.real)),
    ceiling: round(sum((r) => r.reachable) / sum((r) => r.real)),
    msPerBlock: round(median(times), 2),
    msIndex: round(median(indexTimes), 1),
    dataGzipBytes: zlib.gzipSync(fs.readFileSync(path.join(ROOT, 'src/domain/indicators/data.ts')), { level: 9 }).length,
    perProject,
  };
}

if (require.main === module) {
  const r = benchSuggest();
  for (const p of r.perProject) process.stdout.write(`${p.hits}/${p.real} (可及 ${p.reachable})  ${p.name}\n`);
  process.stdout.write(
    `recall@10 ${r.recallMicro} (按项目平均 ${r.recallMacro}，上限 ${r.ceiling}，近似名 ${r.recallNear})，${r.projects} 个项目；每块 ${r.msPerBlock} ms；建索引 ${r.msIndex} ms；数据 ${(r.dataGzipBytes / 1024).toFixed(1)} KB gz\n`,
  );
}
