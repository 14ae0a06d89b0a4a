/**
 * The 指标库 data (src/domain/indicators/data.ts): what the build script produces from the sources
 * (so it cannot drift), the township project types and the 共性指标 backbone of the framework
 * (src/domain/indicators/types/), every distinct 三级 of the seeds, the fixtures and the template
 * library in it, value forms only (no source number) and structured, a 指标解释 and a source on every
 * entry, provenance that points at real projects and sources.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { buildIndicatorLibrary, DATA_MODULE, renderDataModule, sourceDirs } from '../../scripts/build-indicator-library';
import { seedToGrid } from '../../scripts/lib/seed-text';
import { readWorkbookFile } from '../../src/files/read';
import { IndicatorLibrarySchema, indicatorKey, indicatorLibrary, measureOf, recognizeTypes, templateForm, valueForm } from '../../src/domain/indicators';
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

  it('the data validates (zod) and holds the framework, the three seed documents, their workbooks and the template library', () => {
    expect(() => IndicatorLibrarySchema.parse(LIBRARY_DATA)).not.toThrow();
    const kinds = lib.sources.map((s) => s.kind);
    expect(kinds[0]).toBe('framework');
    expect(kinds.filter((k) => k === 'seed')).toHaveLength(fs.readdirSync(dirs.seeds).filter((f) => f.endsWith('.txt')).length);
    expect(kinds.filter((k) => k === 'fixture')).toHaveLength(fs.readdirSync(dirs.fixtures).filter((f) => f.endsWith('.xlsx')).length);
    expect(kinds).toContain('template');
  });
});

describe('size', () => {
  it('the data module stays small: under 64 KB gzipped (the pane loads it as its own chunk on first use; npm run bench measures it)', () => {
    const gz = zlib.gzipSync(fs.readFileSync(DATA_MODULE), { level: 9 }).length;
    expect(gz).toBeLessThan(64 * 1024);
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

  it('a seed project is of the type its name (else its 资金用途, its 绩效目标) leads to', () => {
    const typeOf = (name: string) => lib.projects.find((p) => p.name === name && p.sources.some((s) => s.startsWith('seed:')))?.types;
    expect(typeOf('2021年农村保洁员经费')).toEqual(['rural-cleaners']);
    expect(typeOf('正常离任村干部生活补贴')).toEqual(['retired-cadre']);
    expect(typeOf('妇联工作经费')).toEqual(['womens-federation']);
    expect(typeOf('农机人员补贴')).toEqual([]);
  });
});

const frameworkOf = (typeId: string) => lib.indicators.filter((i) => i.types.includes(typeId) && i.sources.includes('framework') && !i.common);
const level2s = (xs: { level1: string; level2: string }[]) => new Set(xs.map((i) => i.level2));

describe('township project types (the framework)', () => {
  // the types the issue names, by the name the clerk reads
  const NAMED = [
    '村干部报酬', '村级组织运转', '农村保洁', '垃圾清运', '河道保洁/河长制', '道路维修养护', '农村饮水', '人居环境整治', '厕所改造', '绿化养护',
    '防汛抗旱', '森林防火', '安全生产', '信访维稳', '网格化管理', '党员教育', '基层党组织活动', '妇联', '共青团', '退役军人服务',
    '残疾人补贴', '临时救助', '养老服务', '社保医保征缴', '公益性岗位', '农业技术推广', '动物防疫', '高标准农田', '一事一议', '村集体经济',
    '乡村振兴衔接', '文化活动/农家书屋', '全民健身', '秸秆禁烧/大气污染防治', '征地拆迁', '农村危房改造', '消防与应急', '机关运转', '人大代表活动', '武装民兵',
  ];

  it('at least 40 types, every one the issue names among them, each with a group and keywords', () => {
    expect(lib.types.length).toBeGreaterThanOrEqual(40);
    expect(NAMED.filter((n) => !lib.types.some((t) => t.name === n))).toEqual([]);
    for (const t of lib.types) {
      expect(t.group).not.toBe('');
      expect(t.keywords.length).toBeGreaterThan(2);
    }
  });

  it.each(lib.types.map((t) => [t.name, t.id]))('%s: at least 12 三级 over 数量/质量/时效/成本, a 效益 and a 满意度, each with a value form and its 指标解释', (_name, id) => {
    const own = frameworkOf(id);
    expect(own.length).toBeGreaterThanOrEqual(12);
    const l2 = level2s(own);
    for (const x of ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标']) expect(l2.has(x)).toBe(true);
    expect(own.some((i) => i.level1 === '效益指标')).toBe(true);
    for (const i of own) {
      expect(i.description.length).toBeGreaterThan(5);
      expect(i.derived).toBeUndefined();
      expect(i.value).not.toMatch(DIGIT);
    }
    // a count has its unit, a money target its unit, a percent is a percent
    expect(own.filter((i) => i.measure.kind === 'count' || i.measure.kind === 'money').every((i) => i.measure.unit)).toBe(true);
    expect(own.some((i) => i.measure.kind === 'percent')).toBe(true);
  });

  it('the 共性指标 backbone: something for every 二级, with the indicators that fit almost any project', () => {
    const common = lib.indicators.filter((i) => i.common);
    const l2 = level2s(common);
    for (const x of ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标']) expect(l2.has(x)).toBe(true);
    const names = common.map((i) => i.name);
    for (const n of ['发放及时率', '足额发放率', '项目完成时限', '资金支付进度', '项目验收合格率', '预算成本控制']) expect(names).toContain(n);
    for (const i of common) {
      expect(i.sources).toContain('framework');
      expect(i.description.length).toBeGreaterThan(5);
    }
  });

  it('every entry has its source and a 指标解释 (said from the 二级 only where no source gave one)', () => {
    const sourceIds = new Set(lib.sources.map((s) => s.id));
    for (const i of lib.indicators) {
      expect(i.sources.length).toBeGreaterThan(0);
      for (const s of i.sources) expect(sourceIds.has(s)).toBe(true);
      expect(i.description.trim()).not.toBe('');
    }
    expect(lib.indicators.filter((i) => i.derived && i.sources.includes('framework'))).toEqual([]);
  });

  it('the value form is structured for a layout that asks 指标性质/度量单位/方向 apart', () => {
    expect(measureOf('≥__%')).toEqual({ kind: 'percent', operator: '≥', unit: '%' });
    expect(measureOf('≤__元/人/月')).toEqual({ kind: 'money', operator: '≤', unit: '元/人/月' });
    expect(measureOf('__人')).toEqual({ kind: 'count', unit: '人' });
    expect(measureOf('__月底前')).toEqual({ kind: 'date' });
    expect(measureOf('定性')).toEqual({ kind: 'qualitative' });
    for (const i of lib.indicators) expect(i.measure).toEqual(measureOf(i.value));
  });

  it('the hand-written files stay reasonably sized (one per group of types)', () => {
    const dir = path.resolve(__dirname, '../../src/domain/indicators/types');
    for (const f of fs.readdirSync(dir)) expect(fs.readFileSync(path.join(dir, f), 'utf8').split('\n').length).toBeLessThan(200);
  });

  it('the schema refuses a type that does not exist, and an indicator without a source', () => {
    const bad = structuredClone(LIBRARY_DATA);
    bad.indicators[0].types = ['no-such-type'];
    expect(() => IndicatorLibrarySchema.parse(bad)).toThrow(/不存在/);
    const unsourced = structuredClone(LIBRARY_DATA);
    unsourced.indicators[0].sources = [];
    expect(() => IndicatorLibrarySchema.parse(unsourced)).toThrow();
  });

  it('the words of a 项目名称, 资金用途 or 绩效目标 lead to a type; the name counts most, a longer word more', () => {
    const top = (name: string, usage?: string, goal?: string) => recognizeTypes(lib.types, { name, usage, goal })[0]?.id;
    expect(top('垃圾清运费')).toBe('garbage-collection');
    expect(top('乡村道路维修养护')).toBe('road-maintenance');
    expect(top('村庄绿化养护')).toBe('greening');
    expect(top('农村饮水安全维修')).toBe('drinking-water');
    expect(top('妇联工作经费')).toBe('womens-federation');
    expect(top('正常离任村干部生活补贴')).toBe('retired-cadre');
    expect(top('某某专项', '主要用于村级组织水电暖支出')).toBe('village-office');
    expect(top('乡镇残联及社区村级残联工作经费', undefined, '为全乡残疾人士提供服务')).toBe('disability');
    expect(top('')).toBeUndefined();
    expect(top('镇街改革补贴项目')).toBeUndefined();
    // one short word in a 绩效目标 alone is no type
    expect(top('专项经费', undefined, '保障民族地区工作')).toBeUndefined();
  });
});
