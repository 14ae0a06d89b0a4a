import { canonicalLevel1, canonicalLevel2, getProfile, profiles } from '../../src/domain/profiles';
import {
  ProjectTypeSchema,
  TemplateIndicatorSchema,
  indicatorsForProfile,
  projectTypes,
  type ProjectType,
} from '../../src/domain/templates';
import { parseValue } from '../../src/domain/value';

const nonGeneric = projectTypes.filter((t) => t.indicators.length > 0);
const pairs: [ProjectType, string][] = projectTypes.flatMap((t) => t.profiles.map((p): [ProjectType, string] => [t, p]));

describe('the template library', () => {
  test('has the fourteen standard types of docs/domain.md §8 plus one generic type', () => {
    const names = projectTypes.map((t) => t.name);
    for (const n of [
      '村干部补贴/工资',
      '村级办公经费',
      '村级党组织活动经费',
      '服务群众专项经费',
      '农村人居环境整治',
      '农村保洁员经费',
      '离任村干部生活补贴',
      '临聘人员补助',
      '一事一议',
      '防汛/防火经费',
      '网格管理经费',
      '人大工作经费',
      '武装工作经费',
      '社区工作经费',
    ]) {
      expect(names).toContain(n);
    }
    expect(projectTypes.filter((t) => t.indicators.length === 0)).toHaveLength(1);
  });

  test('every type is schema-valid, ids and names are unique', () => {
    for (const t of projectTypes) expect(ProjectTypeSchema.safeParse(t).success).toBe(true);
    expect(new Set(projectTypes.map((t) => t.id)).size).toBe(projectTypes.length);
    expect(new Set(projectTypes.map((t) => t.name)).size).toBe(projectTypes.length);
  });

  test('every profile a type names exists', () => {
    const ids = profiles.map((p) => p.id);
    for (const t of projectTypes) for (const p of t.profiles) expect(ids).toContain(p);
  });

  test.each(pairs.map(([t, p]) => [t.id, p, t] as const))(
    '%s in %s uses only canonical 一级/二级 names and covers every required 二级',
    (_id, profileId, type) => {
      const profile = getProfile(profileId);
      const rows = indicatorsForProfile(type, profile);
      for (const r of rows) {
        const l1 = canonicalLevel1(profile, r.level1);
        expect(l1).toEqual({ canonical: r.level1, alias: false });
        const l2 = canonicalLevel2(profile, r.level1, r.level2);
        expect(l2?.canonical).toBe(r.level2);
        expect(l2?.alias).toBe(false);
      }
      const filled = rows.filter((r) => r.indicator !== undefined);
      for (const l1 of profile.level1) {
        const under = rows.filter((r) => r.level1 === l1.name);
        if (l1.required) expect(under.length).toBeGreaterThan(0);
        if (l1.required && l1.requireEveryLevel2) {
          for (const l2 of l1.level2) expect(under.some((r) => r.level2 === l2.name)).toBe(true);
        }
        // a non-generic type brings a real 三级 for everything the profile requires
        if (type.indicators.length > 0 && l1.required) {
          expect(filled.some((r) => r.level1 === l1.name)).toBe(true);
          if (l1.requireEveryLevel2) {
            for (const l2 of l1.level2) expect(filled.some((r) => r.level1 === l1.name && r.level2 === l2.name)).toBe(true);
          }
        }
      }
      // rows come in the profile's order
      const rank = rows.map((r) => profile.level1.findIndex((l) => l.name === r.level1));
      expect([...rank].sort((a, b) => a - b)).toEqual(rank);
    },
  );

  test('hebei frame: every standard type has 数量/质量/时效/成本, 效益 and 满意度 rows', () => {
    for (const t of nonGeneric) {
      const l2 = new Set(t.indicators.map((i) => `${i.level1}/${i.level2}`));
      for (const k of ['产出指标/数量指标', '产出指标/质量指标', '产出指标/时效指标', '产出指标/成本指标', '满意度指标/服务对象满意度指标']) {
        expect([t.id, l2.has(k)]).toEqual([t.id, true]);
      }
      expect(t.indicators.some((i) => i.level1 === '效益指标')).toBe(true);
    }
  });

  test('central-2021 reads 产出/成本 as 一级 成本指标 / 经济成本指标', () => {
    const central = getProfile('central-2021');
    const t = projectTypes.find((x) => x.id === 'rural-cleaners') as ProjectType;
    const rows = indicatorsForProfile(t, central);
    expect(rows.filter((r) => r.level1 === '成本指标').map((r) => r.level2)).toEqual(['经济成本指标', '经济成本指标']);
    expect(rows.some((r) => r.level1 === '产出指标' && r.level2 === '成本指标')).toBe(false);
    expect([...new Set(rows.map((r) => r.level1))]).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标']);
  });

  test('the generic type gives empty rows: every 产出 二级, 社会效益/可持续影响, 满意度', () => {
    const generic = projectTypes.find((t) => t.indicators.length === 0) as ProjectType;
    const rows = indicatorsForProfile(generic, getProfile('hebei-project'));
    expect(rows.every((r) => r.indicator === undefined)).toBe(true);
    expect(rows.map((r) => r.level2)).toEqual([
      '数量指标',
      '质量指标',
      '时效指标',
      '成本指标',
      '社会效益指标',
      '可持续影响指标',
      '服务对象满意度指标',
    ]);
    const central = indicatorsForProfile(generic, getProfile('central-2021'));
    expect(central.filter((r) => r.level1 === '成本指标').map((r) => r.level2)).toEqual(['经济成本指标']);
  });

  test('no 三级 name twice in a type; value kinds fit the names', () => {
    for (const t of nonGeneric) {
      const names = t.indicators.map((i) => i.level3);
      expect(new Set(names).size).toBe(names.length);
      for (const i of t.indicators) {
        if (/率$/.test(i.level3)) expect([i.level3, i.valueKind]).toEqual([i.level3, 'percent']);
        if (/满意度$/.test(i.level3)) expect([i.level3, i.valueKind]).toEqual([i.level3, 'percent']);
        if (i.level2 === '成本指标') expect([i.level3, i.valueKind, i.operator]).toEqual([i.level3, 'money', '≤']);
        if (i.level2 === '数量指标') expect([i.level3, i.valueKind]).toEqual([i.level3, 'count']);
      }
    }
  });

  test('value policy: only standard percentage targets are pre-filled, and they parse', () => {
    let prefilled = 0;
    for (const t of nonGeneric) {
      for (const i of t.indicators) {
        if (i.value === undefined) continue;
        prefilled++;
        const v = parseValue(i.value);
        expect([i.level3, v.kind]).toEqual([i.level3, 'percent']);
        expect(v.number).toBeGreaterThanOrEqual(80);
        expect(v.number).toBeLessThanOrEqual(100);
        if (i.level1 === '满意度指标') expect(i.value).toBe('≥90%');
        else expect([i.level3, i.value]).toEqual([i.level3, '100%']);
      }
      // counts, money, dates and qualitative targets are always left for the clerk
      expect(t.indicators.filter((i) => i.valueKind !== 'percent' && i.value !== undefined)).toEqual([]);
      expect(t.indicators.some((i) => i.value === undefined)).toBe(true);
    }
    expect(prefilled).toBeGreaterThan(nonGeneric.length);
  });

  test('two types never share five 三级 names outside 满意度 (they would look copied)', () => {
    for (let a = 0; a < nonGeneric.length; a++) {
      for (let b = a + 1; b < nonGeneric.length; b++) {
        const names = (t: ProjectType) => new Set(t.indicators.filter((i) => i.level1 !== '满意度指标').map((i) => i.level3));
        const x = names(nonGeneric[a]);
        const shared = [...names(nonGeneric[b])].filter((n) => x.has(n));
        expect([nonGeneric[a].id, nonGeneric[b].id, shared.length < 5]).toEqual([nonGeneric[a].id, nonGeneric[b].id, true]);
      }
    }
  });

  describe('the schema refuses bad data (adding a type is a validated data change)', () => {
    const base = {
      level1: '产出指标',
      level2: '数量指标',
      level3: '补助人数',
      description: '享受补助的人数',
      valueKind: 'count',
      unit: '人',
      basis: '工作计划',
    };
    test('a good indicator passes', () => {
      expect(TemplateIndicatorSchema.safeParse(base).success).toBe(true);
    });
    test('an invented number is refused', () => {
      const r = TemplateIndicatorSchema.safeParse({ ...base, value: '39人' });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0].message).toContain('不是标准目标');
    });
    test('a percentage over 100 or a money ≥ is refused', () => {
      expect(TemplateIndicatorSchema.safeParse({ ...base, valueKind: 'percent', unit: '%', value: '≥120%' }).success).toBe(false);
      expect(TemplateIndicatorSchema.safeParse({ ...base, valueKind: 'money', unit: '万元', operator: '≥' }).success).toBe(false);
    });
    test('a count without unit, and a type without profiles, are refused', () => {
      expect(TemplateIndicatorSchema.safeParse({ ...base, unit: undefined }).success).toBe(false);
      const t = { ...nonGeneric[0], profiles: [] };
      expect(ProjectTypeSchema.safeParse(t).success).toBe(false);
      expect(ProjectTypeSchema.safeParse({ ...nonGeneric[0], id: '保洁' }).success).toBe(false);
    });
  });
});
