/**
 * Builds the 指标库 (src/domain/indicators/data.ts) from the hand-written township types, the real
 * documents and the template library:
 *
 *   npm run build:indicators            # writes src/domain/indicators/data.ts
 *   npm run build:indicators -- --check # exits 1 when the committed file is not what this produces
 *
 * Sources: the framework (src/domain/indicators/types/: township project types with their keywords
 * and 三级 indicators, the 共性指标 backbone — written from the standard 一级/二级 framework and common
 * township practice, source `framework`), the seed documents (data/seeds/*.txt, text renderings of
 * 部门预算 documents, read into a grid by scripts/lib/seed-text.ts), the fixture workbooks
 * (test/fixtures/workbooks/*.xlsx, read by
 * the CLI's reader) — both recognised by src/sheet/recognize.ts — and the template library
 * (src/domain/templates/library.ts). Values are reduced to their form by the value parser
 * (src/domain/indicators/form.ts): no number of a source reaches the library. Both folders are in
 * the repository, so a clone with nothing beside it builds the same library.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbookFile } from '../src/files/read';
import type { Block, IndicatorRow } from '../src/domain/model';
import { canonicalLevel1, canonicalLevel2, getProfile } from '../src/domain/profiles';
import { measureOf, QUALITATIVE, templateForm, valueForm, type ValueForm } from '../src/domain/indicators/form';
import { indicatorKey } from '../src/domain/indicators/key';
import { recognizeTypes } from '../src/domain/indicators/recognize-type';
import {
  IndicatorLibrarySchema,
  type IndicatorLibrary,
  type LibraryIndicator,
  type LibraryProject,
  type LibrarySource,
  type LibraryType,
} from '../src/domain/indicators/schema';
import { COMMON, LEVELS, TYPE_GROUPS, type IndicatorSpec } from '../src/domain/indicators/types';
import { projectTypes } from '../src/domain/templates/library';
import { parseAmount } from '../src/domain/value';
import type { Grid } from '../src/sheet/grid';
import { recognize } from '../src/sheet/recognize';
import { seedToGrid } from './lib/seed-text';

const ROOT = path.resolve(__dirname, '..');
export const DATA_MODULE = path.join(ROOT, 'src/domain/indicators/data.ts');

export interface SourceDirs {
  seeds: string;
  fixtures: string;
}

/** The library's sources in the repository: data/seeds and the test fixture workbooks. */
export function sourceDirs(): SourceDirs {
  return {
    seeds: path.join(ROOT, 'data/seeds'),
    fixtures: path.join(ROOT, 'test/fixtures/workbooks'),
  };
}

/** One document or workbook, recognised. */
interface ReadSource {
  source: LibrarySource;
  blocks: Block[];
  year?: number;
}

const HAS_DIGIT_RE = /[0-9\uFF10-\uFF19]/;
const clean = (s: string | undefined): string | undefined => {
  const t = s?.replace(/\s+/g, ' ').trim();
  return t === undefined || t === '' ? undefined : t;
};
const cleanName = (s: string) => s.replace(/\s+/g, '');

/** `813001昌黎县安山镇人民政府本级` → `昌黎县安山镇人民政府` */
function unitOf(blocks: Block[]): string | undefined {
  for (const b of blocks) {
    const t = b.listRole === 'unit' || b.listRole === 'department' ? b.name?.text : b.unitName?.text;
    const name = t?.replace(/^\[?\d+\]?/, '').replace(/本级$/, '').trim();
    if (name) return name;
  }
  return undefined;
}

function titleOf(blocks: Block[], year: number | undefined, fallback: string): string {
  const unit = unitOf(blocks);
  return unit ? `${unit}${year === undefined ? '' : ` ${year}年`}部门预算` : fallback;
}

function readSeeds(dir: string): ReadSource[] {
  if (!fs.existsSync(dir)) throw new Error(`找不到种子文档目录 ${dir}`);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const grid = seedToGrid(fs.readFileSync(path.join(dir, file), 'utf8'), file);
      const r = recognize(grid);
      const id = `seed:${file.split('_')[0]}`;
      return { source: { id, kind: 'seed', file, title: titleOf(r.blocks, r.year, file) }, blocks: r.blocks, year: r.year };
    });
}

async function readFixtures(dir: string): Promise<ReadSource[]> {
  if (!fs.existsSync(dir)) throw new Error(`找不到样例工作簿目录 ${dir}`);
  const out: ReadSource[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.xlsx')).sort()) {
    const grid: Grid = await readWorkbookFile(path.join(dir, file));
    const r = recognize(grid);
    out.push({ source: { id: `fixture:${file.replace(/\.xlsx$/, '')}`, kind: 'fixture', file, title: titleOf(r.blocks, r.year, file) }, blocks: r.blocks, year: r.year });
  }
  return out;
}

/** An indicator being gathered: every occurrence's form, description and basis, counted. */
interface Gathered {
  name: string;
  level1: string;
  level2: string;
  forms: Map<string, number>;
  examples: Map<string, number>;
  descriptions: Map<string, number>;
  bases: Map<string, number>;
  from: Set<number>;
  sources: Set<string>;
  /** the framework's 指标解释 (before any source's) */
  explanation?: string;
  common: boolean;
}

const bump = (m: Map<string, number>, k: string | undefined) => {
  if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
};
/** keys by count, first seen first on a tie (a Map keeps insertion order; sort is stable) */
const ranked = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);

class Builder {
  readonly sources: LibrarySource[] = [];
  readonly projects: LibraryProject[] = [];
  readonly types: LibraryType[] = [];
  private readonly projectKeys = new Map<string, number>();
  private readonly indicators = new Map<string, Gathered>();

  addSource(s: LibrarySource): void {
    this.sources.push(s);
  }

  /** The project's index; a project already read from another source (same name and budget) is the same project. */
  project(sourceId: string, name: string, budget: number | undefined, usage?: string, goal?: string, types?: string[]): number {
    const key = `${indicatorKey(name)}\u0000${budget ?? ''}`;
    const known = this.projectKeys.get(key);
    if (known !== undefined) {
      const p = this.projects[known];
      if (!p.sources.includes(sourceId)) p.sources.push(sourceId);
      return known;
    }
    const recognised = recognizeTypes(this.types, { name, usage, goal })[0];
    const p: LibraryProject = { sources: [sourceId], name, types: types ?? (recognised ? [recognised.id] : []) };
    if (usage) p.usage = usage;
    if (goal) p.goal = goal;
    this.projects.push(p);
    this.projectKeys.set(key, this.projects.length - 1);
    return this.projects.length - 1;
  }

  indicator(
    project: number,
    level1: string,
    level2: string,
    name: string,
    form: ValueForm | undefined,
    description?: string,
    basis?: string,
    framework?: { explanation: string; common: boolean },
  ): void {
    const key = `${level1}\u0000${level2}\u0000${indicatorKey(name)}`;
    let g = this.indicators.get(key);
    if (!g) {
      g = { name, level1, level2, forms: new Map(), examples: new Map(), descriptions: new Map(), bases: new Map(), from: new Set(), sources: new Set(), common: false };
      this.indicators.set(key, g);
    }
    g.from.add(project);
    for (const s of this.projects[project].sources) g.sources.add(s);
    if (framework) {
      g.explanation ??= framework.explanation;
      g.common ||= framework.common;
    }
    bump(g.forms, form?.form);
    bump(g.examples, form?.example);
    const plain = (s: string | undefined) => (s && !HAS_DIGIT_RE.test(s) && indicatorKey(s) !== indicatorKey(name) ? s : undefined);
    bump(g.descriptions, plain(clean(description)));
    bump(g.bases, plain(clean(basis)));
  }

  build(): IndicatorLibrary {
    const indicators: LibraryIndicator[] = [];
    for (const g of this.indicators.values()) {
      const forms = ranked(g.forms);
      const from = [...g.from].sort((a, b) => a - b);
      const types = [...new Set(from.flatMap((i) => this.projects[i].types))];
      // a form no source gave (every value blank) is asked for as text
      const value = forms[0] ?? QUALITATIVE;
      const said = g.explanation ?? ranked(g.descriptions)[0];
      const ind: LibraryIndicator = {
        name: g.name,
        level1: g.level1,
        level2: g.level2,
        value,
        measure: measureOf(value),
        description: said ?? derivedExplanation(g.name, g.level1, g.level2),
        sources: this.sources.map((s) => s.id).filter((id) => g.sources.has(id)),
        types,
        from,
      };
      if (!said) ind.derived = true;
      if (g.common) ind.common = true;
      if (forms.length > 1) ind.forms = forms.slice(1);
      const examples = ranked(g.examples).slice(0, 3);
      if (examples.length > 0) ind.examples = examples;
      const basis = ranked(g.bases)[0];
      if (basis) ind.basis = basis;
      indicators.push(ind);
    }
    return IndicatorLibrarySchema.parse({ version: 2, sources: this.sources, types: this.types, projects: this.projects, indicators });
  }
}

/** The 指标解释 said from the 二级, for an indicator no source explains. */
function derivedExplanation(indicatorName: string, level1: string, level2: string): string {
  const l2 = level2.replace(/指标$/, '');
  // a name with a source's number (`127名委员全年支出总额`) is not repeated: the 指标解释 holds no number
  const name = HAS_DIGIT_RE.test(indicatorName) ? '本项指标' : `“${indicatorName}”`;
  if (level1.startsWith('满意度')) return `反映服务对象对${name}所涉工作的满意程度`;
  if (level1.startsWith('效益')) return `反映项目实施在${name}方面产生的${l2}`;
  switch (l2) {
    case '数量':
      return `反映${name}的实际完成数量`;
    case '质量':
      return `反映${name}达到的质量标准`;
    case '时效':
      return `反映${name}的完成时间要求`;
    case '成本':
      return `反映${name}的成本控制情况`;
    default:
      return `反映${name}的完成情况`;
  }
}

const EXAMPLE_RE = /^定性（如：(.+)）$/;

/** A framework form: `定性（如：提升）` is the form `定性` with the example `提升`; any other form as written (checked). */
export function frameworkForm(form: string): ValueForm {
  const m = EXAMPLE_RE.exec(form);
  if (m) return { form: QUALITATIVE, example: m[1] };
  if (HAS_DIGIT_RE.test(form)) throw new Error(`指标值形式“${form}”含有数字：框架指标只写形式（如“≥__%”）`);
  if (form === QUALITATIVE || measureOf(form).kind === 'qualitative') {
    throw new Error(`指标值形式“${form}”无法识别：应为“≥__%”“__人”“≤__万元”“__月底前”或“定性（如：提升）”`);
  }
  return { form };
}

/** The framework: every type (a project of source `framework` named after it) with its indicators, and the 共性指标. */
function addFramework(b: Builder): void {
  b.addSource({ id: 'framework', kind: 'framework', file: 'src/domain/indicators/types', title: '指标框架与乡镇常用指标' });
  const add = (project: number, specs: readonly IndicatorSpec[], common: boolean) => {
    for (const [l2, name, form, explanation] of specs) {
      const { level1, level2 } = LEVELS[l2];
      b.indicator(project, level1, level2, name, frameworkForm(form), undefined, undefined, { explanation, common });
    }
  };
  for (const g of TYPE_GROUPS) {
    for (const t of g.types) {
      const type: LibraryType = { id: t.id, name: t.name, group: g.group, keywords: [...t.keywords] };
      if (t.related) type.related = [...t.related];
      b.types.push(type);
    }
  }
  for (const g of TYPE_GROUPS) {
    for (const t of g.types) add(b.project('framework', t.name, undefined, t.keywords.join('、'), undefined, [t.id]), t.indicators, false);
  }
  add(b.project('framework', '共性指标', undefined, undefined, undefined, []), COMMON, true);
}

/** The template library's types as the library's (防汛/防火 is two types here). */
const TEMPLATE_TYPES: Record<string, string[]> = { 'flood-fire': ['flood-control', 'forest-fire'] };

/** 一级/二级 in the template library's frame (hebei-project); undefined when the block's profile does not know them. */
function levelsOf(block: Block, row: IndicatorRow): { level1: string; level2: string } | undefined {
  const profile = getProfile(block.profile);
  const l1 = canonicalLevel1(profile, row.level1.text);
  const l2 = l1 ? canonicalLevel2(profile, row.level1.text, row.level2.text) : undefined;
  if (!l1 || !l2) return undefined;
  return { level1: l1.canonical, level2: l2.canonical };
}

/** Rows of real indicators: a 三级 name, 一级/二级 the block's format knows. */
function addBlocks(b: Builder, read: ReadSource, skipped: string[]): void {
  b.addSource(read.source);
  for (const block of read.blocks) {
    const rows = block.indicators.filter((r) => r.level3.text.trim() !== '');
    if (rows.length === 0 || !block.name?.text) continue;
    const name = clean(block.name.text) as string;
    const project = b.project(read.source.id, name, parseAmount(block.budget?.value ?? undefined), clean(block.usage?.text), clean(block.goal?.text));
    for (const row of rows) {
      const levels = levelsOf(block, row);
      if (!levels) {
        skipped.push(`${read.source.id} ${name}: ${row.level1.text}/${row.level2.text}/${row.level3.text}`);
        continue;
      }
      const form = valueForm(row.value.value, row.value.numberFormat, row.level3.text);
      b.indicator(project, levels.level1, levels.level2, cleanName(row.level3.text), form, row.description?.text, row.basis?.text);
    }
  }
}

export interface BuildResult {
  library: IndicatorLibrary;
  /** rows whose 一级/二级 the format does not know (not in the library: there is no place to put them) */
  skipped: string[];
}

export interface BuildOptions {
  /**
   * false: the framework alone — without the seed documents, the fixture workbooks and the template
   * library (which was written from them). The bench scores the sample projects on this build.
   */
  samples?: boolean;
}

export async function buildIndicatorLibrary(dirs: SourceDirs = sourceDirs(), opts: BuildOptions = {}): Promise<BuildResult> {
  const b = new Builder();
  const skipped: string[] = [];
  addFramework(b);
  if (opts.samples === false) return { library: b.build(), skipped };
  for (const s of readSeeds(dirs.seeds)) addBlocks(b, s, skipped);
  for (const f of await readFixtures(dirs.fixtures)) addBlocks(b, f, skipped);
  b.addSource({ id: 'template', kind: 'template', file: 'src/domain/templates/library.ts', title: '模板库' });
  const known = new Set(b.types.map((t) => t.id));
  for (const type of projectTypes) {
    if (type.indicators.length === 0) continue;
    const types = (TEMPLATE_TYPES[type.id] ?? [type.id]).filter((id) => known.has(id));
    const project = b.project('template', type.name, undefined, type.usageHint, type.goalHint, types);
    for (const ind of type.indicators) b.indicator(project, ind.level1, ind.level2, ind.level3, templateForm(ind), ind.description, ind.basis);
  }
  return { library: b.build(), skipped };
}

/** The data module's text: one source, project or indicator per line (readable diffs). */
export function renderDataModule(lib: IndicatorLibrary): string {
  const lines = (xs: unknown[]) => xs.map((x) => `    ${JSON.stringify(x)},`).join('\n');
  return [
    '// Generated by scripts/build-indicator-library.ts from the framework (./types/), the seed documents, the',
    '// fixture workbooks and the template library. Do not edit: run `npm run build:indicators`',
    '// (test/domain/indicator-library.test.ts checks that this file is what the script produces).',
    "import type { IndicatorLibrary } from './schema';",
    '',
    'export const LIBRARY_DATA: IndicatorLibrary = {',
    '  version: 2,',
    '  sources: [',
    lines(lib.sources),
    '  ],',
    '  types: [',
    lines(lib.types),
    '  ],',
    '  projects: [',
    lines(lib.projects),
    '  ],',
    '  indicators: [',
    lines(lib.indicators),
    '  ],',
    '};',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const { library, skipped } = await buildIndicatorLibrary();
  const text = renderDataModule(library);
  for (const s of skipped) process.stderr.write(`未收入（一级/二级不在指标体系内）：${s}\n`);
  if (check) {
    const now = fs.existsSync(DATA_MODULE) ? fs.readFileSync(DATA_MODULE, 'utf8') : '';
    if (now !== text) {
      process.stderr.write(`${path.relative(ROOT, DATA_MODULE)} 不是脚本生成的结果：请运行 npm run build:indicators\n`);
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(DATA_MODULE, text);
  process.stdout.write(
    `${path.relative(ROOT, DATA_MODULE)}：${library.types.length} 个项目类型，${library.indicators.length} 个指标，${library.projects.length} 个项目，${library.sources.length} 个来源\n`,
  );
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  });
}
