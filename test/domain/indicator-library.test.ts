/**
 * The 指标库 data (src/domain/indicators/data.ts): what the build script produces from the sources
 * (so it cannot drift), every distinct 三级 of the seeds, the fixtures and the template library in it,
 * value forms only (no source number), provenance that points at real projects and sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { buildIndicatorLibrary, DATA_MODULE, renderDataModule, sourceDirs } from '../../scripts/build-indicator-library';
import { seedToGrid } from '../../scripts/lib/seed-text';
import { readWorkbookFile } from '../../src/cli/read';
import { IndicatorLibrarySchema, indicatorKey, indicatorLibrary, templateForm, typesOfProject, valueForm } from '../../src/domain/indicators';
import { LIBRARY_DATA } from '../../src/domain/indicators/data';
import type { Block } from '../../src/domain/model';
import { canonicalLevel1, canonicalLevel2, getProfile } from '../../src/domain/profiles';
import { projectTypes } from '../../src/domain/templates';
import { recognize } from '../../src/sheet/recognize';

const lib = indicatorLibrary();
const dirs = sourceDirs();
const DIGIT = /[0-9０-９]/;

/** every (一级, 二级, 三级 name, value) a source's blocks hold, levels canonical */
function rowsOf(blocks: Block[]): { level1: string; level2: string; name: string; value: string; project: string }[] {
  const out: { level1: string; level2: string; name: string; value: string; project: string }[] = [];
  for (const b of blocks) {
    const profile = getProfile(b.profile);
    for (const r of b.indicators) {
      if (r.level3.text.trim() === '') continue;
      const l1 = canonicalLevel1(profile, r.level1.text)?.canonical ?? r.level1.text;
      const l2 = canonicalLevel2(profile, r.level1.text, r.level2.text)?.canonical ?? r.level2.text;
      out.push({ level1: l1, level2: l2, name: r.level3.text, value: r.value.text, project: b.name?.text ?? '' });
    }
  }
  return out;
}

const has = (level1: string, level2: string, name: string) =>
  lib.indicators.some((i) => i.level1 === level1 && i.level2 === level2 && indicatorKey(i.name) === indicatorKey(name));

describe('the committed data is what the script produces', () => {
  it('src/domain/indicators/data.ts equals a fresh build from the sources', async () => {
    const { library, skipped } = await buildIndicatorLibrary(dirs);
    expect(skipped).toEqual([]);
    expect(fs.readFileSync(DATA_MODULE, 'utf8')).toBe(renderDataModule(library));
  });

  it('the data validates (zod) and holds the three seed documents, their workbooks and the template library', () => {
    expect(() => IndicatorLibrarySchema.parse(LIBRARY_DATA)).not.toThrow();
    const kinds = lib.sources.map((s) => s.kind);
    expect(kinds.filter((k) => k === 'seed')).toHaveLength(fs.readdirSync(dirs.seeds).filter((f) => f.endsWith('.txt')).length);
    expect(kinds.filter((k) => k === 'fixture')).toHaveLength(fs.readdirSync(dirs.fixtures).filter((f) => f.endsWith('.xlsx')).length);
    expect(kinds).toContain('template');
  });
});

describe('size', () => {
  it('the data module stays small in the pane: under 40 KB gzipped (with MiniSearch the 指标库 adds under 60 KB; npm run bench measures the bundle)', () => {
    const gz = zlib.gzipSync(fs.readFileSync(DATA_MODULE), { level: 9 }).length;
    expect(gz).toBeLessThan(40 * 1024);
    expect(gz).toBeGreaterThan(5 * 1024); // it is the library, not an empty stub
  });
});

describe('every distinct 三级 of the sources is in the library', () => {
  it.each(fs.readdirSync(dirs.seeds).filter((f) => f.endsWith('.txt')))('seed %s', (file) => {
    const r = recognize(seedToGrid(fs.readFileSync(path.join(dirs.seeds, file), 'utf8'), file));
    const rows = rowsOf(r.blocks);
    expect(rows.length).toBeGreaterThan(20);
    const missing = rows.filter((x) => !has(x.level1, x.level2, x.name));
    expect(missing).toEqual([]);
  });

  it.each(fs.readdirSync(dirs.fixtures).filter((f) => f.endsWith('.xlsx')))('fixture %s', async (file) => {
    const r = recognize(await readWorkbookFile(path.join(dirs.fixtures, file)));
    const rows = rowsOf(r.blocks);
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.filter((x) => !has(x.level1, x.level2, x.name))).toEqual([]);
  });

  it('every indicator of every project type of the template library', () => {
    const all = projectTypes.flatMap((t) => t.indicators);
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((i) => !has(i.level1, i.level2, i.level3)).map((i) => i.level3)).toEqual([]);
  });

  it('distinct means distinct: no two entries share 一级, 二级 and normalised name', () => {
    const keys = lib.indicators.map((i) => `${i.level1}/${i.level2}/${indicatorKey(i.name)}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('value forms, never a source number', () => {
  it('no form, example, description or basis holds a digit', () => {
    const offenders = lib.indicators.filter((i) =>
      [i.value, ...(i.forms ?? []), ...(i.examples ?? []), i.description ?? '', i.basis ?? ''].some((t) => DIGIT.test(t)),
    );
    expect(offenders).toEqual([]);
  });

  it('the numbers the sources wrote are in none of the forms of their indicators', async () => {
    const r = recognize(await readWorkbookFile(path.join(dirs.fixtures, 'hebei-2021-anshan.xlsx')));
    const rows = rowsOf(r.blocks).filter((x) => /\d/.test(x.value));
    expect(rows.length).toBeGreaterThan(50);
    for (const x of rows) {
      const ind = lib.indicators.find((i) => i.level2 === x.level2 && indicatorKey(i.name) === indicatorKey(x.name));
      const number = /\d+(\.\d+)?/.exec(x.value)?.[0] as string;
      expect([ind?.value, ...(ind?.forms ?? [])].join(' ')).not.toContain(number);
    }
  });

  it('the schema refuses a form with a number, and an entry pointing at a project that does not exist', () => {
    const bad = structuredClone(LIBRARY_DATA);
    bad.indicators[0].value = '≥95%';
    expect(() => IndicatorLibrarySchema.parse(bad)).toThrow(/不应含有来源中的数字/);
    const dangling = structuredClone(LIBRARY_DATA);
    dangling.indicators[0].from = [dangling.projects.length];
    expect(() => IndicatorLibrarySchema.parse(dangling)).toThrow(/不存在/);
  });

  it.each([
    ['≥90百分比', '≥__%'],
    ['100百分比', '__%'],
    ['$\\geq 95\\%$', '≥__%'],
    ['20万元', '__万元'],
    ['≤1.02万元/年', '≤__万元/年'],
    ['6.57元/村民', '__元/村民'],
    ['39个', '__个'],
    ['≥ 10次', '≥__次'],
    ['2021年12月31日之前', '__年__月__日之前'],
    ['12月底前发放到位', '__月底前发放到位'],
    ['一年内', '一年内'],
  ])('%s → %s', (value, form) => {
    expect(valueForm(value)?.form).toBe(form);
  });

  it('a percent cell (0.95 with a % format) → __%; a qualitative word is the form 定性 with the word as an example; blank → none', () => {
    expect(valueForm(0.95, '0%')?.form).toBe('__%');
    expect(valueForm('提升')).toEqual({ form: '定性', example: '提升' });
    expect(valueForm('增幅20%')).toEqual({ form: '定性' });
    expect(valueForm('村级组织正常运转', undefined, '村级组织正常运转')).toEqual({ form: '定性' });
    expect(valueForm('')).toBeUndefined();
    expect(valueForm(null)).toBeUndefined();
  });

  it('a template indicator gives its kind, operator and unit', () => {
    expect(templateForm({ level1: '产出指标', level2: '数量指标', level3: 'x', description: 'x', valueKind: 'count', unit: '人', basis: 'x' }).form).toBe('__人');
    expect(templateForm({ level1: '产出指标', level2: '成本指标', level3: 'x', description: 'x', valueKind: 'money', unit: '万元', operator: '≤', basis: 'x' }).form).toBe('≤__万元');
    expect(templateForm({ level1: '满意度指标', level2: '服务对象满意度指标', level3: 'x', description: 'x', valueKind: 'percent', value: '≥90%', basis: 'x' }).form).toBe('≥__%');
    expect(templateForm({ level1: '效益指标', level2: '社会效益指标', level3: 'x', description: 'x', valueKind: 'qualitative', hint: '如：正常运转', basis: 'x' })).toEqual({
      form: '定性',
      example: '正常运转',
    });
  });
});

describe('provenance and types', () => {
  it('every indicator comes from projects of real sources; seed projects carry their 资金用途 and 绩效目标', () => {
    const ids = new Set(lib.sources.map((s) => s.id));
    for (const p of lib.projects) for (const s of p.sources) expect(ids.has(s)).toBe(true);
    const seedProjects = lib.projects.filter((p) => p.sources.some((s) => s.startsWith('seed:')));
    expect(seedProjects.length).toBeGreaterThanOrEqual(45);
    expect(seedProjects.filter((p) => p.goal).length).toBeGreaterThan(40);
  });

  it('a seed project and the same project in its workbook are one project (two sources)', () => {
    const p = lib.projects.find((x) => x.name === '村级办公经费' && x.sources.some((s) => s.startsWith('seed:')));
    expect(p?.sources).toEqual(['seed:000', 'fixture:hebei-2021-anshan']);
  });

  it('an indicator remembers every project it came from; its types are theirs', () => {
    const saving = lib.indicators.find((i) => i.name === '节能办公');
    expect(saving?.from.length).toBeGreaterThan(10);
    const pi = lib.projects.findIndex((p) => p.name === '2021年农村保洁员经费');
    const own = lib.indicators.filter((i) => i.from.includes(pi));
    expect(own.map((i) => i.name)).toContain('享受保洁服务的人数');
    expect(own.find((i) => i.name === '享受保洁服务的人数')?.types).toContain('rural-cleaners');
  });

  it('project types come from the name, else from words of three characters or more in the 资金用途', () => {
    expect(typesOfProject('2021年农村保洁员经费')).toEqual(['rural-cleaners']);
    expect(typesOfProject('正常离任村干部生活补贴')[0]).toBe('retired-cadre');
    expect(typesOfProject('农机人员补贴', '主要用于农机人员工资及社会保障支出。')).toEqual([]);
    expect(typesOfProject('某某专项', '主要用于村级组织水电暖支出')).toEqual(['village-office']);
    expect(typesOfProject('')).toEqual([]);
  });
});
