/** Suggestions from the 指标库 (src/domain/indicators/suggest.ts). */
import { groupByLevel2, indicatorKey, indicatorLibrary, ngrams, Suggester, suggestIndicators } from '../../src/domain/indicators';

const lib = indicatorLibrary();

describe('ngrams', () => {
  it('character uni- and bi-grams of the CJK runs; digits and punctuation split runs; a few function characters are no unigram', () => {
    expect(ngrams('村级办公经费')).toEqual(['村', '村级', '级', '级办', '办', '办公', '公', '公经', '经', '经费', '费']);
    expect(ngrams('2021年 保洁，ＡＢ')).toEqual(['保', '保洁', '洁', 'ab']);
    expect(ngrams('2021年保洁')).toEqual(['年保', '保', '保洁', '洁']);
    expect(ngrams('')).toEqual([]);
  });
});

describe('suggestIndicators', () => {
  const cleaners = suggestIndicators({ name: '2021年农村保洁员经费', usage: '主要用于全镇保洁员工资发放', top: 10 });

  it('gives `top` suggestions, scored 0–1, best first, each with a form and no number in it', () => {
    expect(cleaners).toHaveLength(10);
    expect(cleaners[0].score).toBe(1);
    for (let i = 1; i < cleaners.length; i++) expect(cleaners[i].score).toBeLessThanOrEqual(cleaners[i - 1].score);
    for (const s of cleaners) {
      expect(s.value).not.toMatch(/\d/);
      expect(s.score).toBeGreaterThan(0);
    }
    expect(suggestIndicators({ name: '村级办公经费', top: 3 })).toHaveLength(3);
  });

  it('fits the project: most suggestions for 保洁 are of the cleaners type, and they cover 数量/质量/时效/成本, a 效益 and a 满意度', () => {
    expect(cleaners.filter((s) => s.types.includes('rural-cleaners')).length).toBeGreaterThanOrEqual(6);
    const level2 = new Set(cleaners.map((s) => s.level2));
    for (const l of ['数量指标', '质量指标', '时效指标', '成本指标', '服务对象满意度指标']) expect(level2.has(l)).toBe(true);
    expect(cleaners.some((s) => s.level1 === '效益指标')).toBe(true);
    const militia = suggestIndicators({ name: '武装工作经费', goal: '组织民兵集中训练' });
    expect(militia.filter((s) => /民兵|武装/.test(s.name)).length).toBeGreaterThanOrEqual(5);
  });

  it('marks what the block already has (names compared without spaces)', () => {
    const first = cleaners[0].name;
    const again = suggestIndicators({ name: '2021年农村保洁员经费', usage: '主要用于全镇保洁员工资发放', existing: [` ${first.slice(0, 2)} ${first.slice(2)}`] });
    expect(again.find((s) => s.name === first)?.existing).toBe(true);
    expect(again.filter((s) => s.existing)).toHaveLength(1);
    expect(cleaners.some((s) => s.existing)).toBe(false);
  });

  it('gives 一级/二级 in the frame of the format asked for (central-2021: 成本指标 is a 一级)', () => {
    const central = suggestIndicators({ name: '村级办公经费', profileId: 'central-2021', top: 20 });
    const cost = central.filter((s) => s.level1 === '成本指标');
    expect(cost.length).toBeGreaterThan(0);
    expect(central.some((s) => s.level2 === '成本指标')).toBe(false);
  });

  it('an empty name (no type) gives the 共性指标 first', () => {
    const any = suggestIndicators({ name: '' });
    expect(any).toHaveLength(10);
    expect(any.filter((s) => s.common).length).toBeGreaterThanOrEqual(8);
  });
});

describe('the recognised type first, then the backbone; nothing of an unrelated type in the top 10', () => {
  const s = new Suggester(lib);
  const near = (id: string) => {
    const t = lib.types.find((x) => x.id === id);
    return new Set([id, ...(t?.related ?? []), ...lib.types.filter((x) => x.related?.includes(id)).map((x) => x.id)]);
  };

  it.each([
    ['垃圾清运费', undefined, 'garbage-collection', /垃圾|清运/],
    ['乡村道路维修养护', undefined, 'road-maintenance', /道路|路面|路/],
    ['村庄绿化养护', undefined, 'greening', /绿化|苗木|养护/],
    ['农村饮水安全维修', undefined, 'drinking-water', /供水|饮水|水质|自来水/],
    ['妇联工作经费', undefined, 'womens-federation', /妇|儿童/],
  ])('%s (资金用途 %s) → %s, about its subject', (name, usage, id, subject) => {
    const r = s.suggestFor({ name, usage, top: 10 });
    expect(r.type?.id).toBe(id);
    expect(r.typeBy).toBe('recognised');
    expect(r.suggestions).toHaveLength(10);
    const ok = near(id);
    expect(r.suggestions.filter((x) => !x.common && !x.types.some((t) => ok.has(t))).map((x) => x.name)).toEqual([]);
    expect(r.suggestions.filter((x) => subject.test(x.name)).length).toBeGreaterThanOrEqual(5);
  });

  it('妇联工作经费 without its 资金用途 gets no 残疾人 cost (nor any 残疾人 indicator)', () => {
    const r = s.suggestFor({ name: '妇联工作经费', top: 10 });
    expect(r.suggestions.filter((x) => /残疾|残联/.test(x.name) || x.types.includes('disability'))).toEqual([]);
  });

  it.each(lib.types.map((t) => [t.name, t.id]))('%s by its own name: recognised, and the top 10 only its own, related or 共性 indicators', (name, id) => {
    const r = s.suggestFor({ name, top: 10 });
    expect(r.type?.id).toBe(id);
    const ok = near(id);
    expect(r.suggestions.filter((x) => !x.common && !x.types.some((t) => ok.has(t))).map((x) => x.name)).toEqual([]);
  });

  it("the type's own indicators come before the backbone's", () => {
    const list = s.suggest({ name: '垃圾清运费', top: 40 });
    const own = list.map((x, i) => (x.types.includes('garbage-collection') ? i : -1)).filter((i) => i >= 0);
    const common = list.map((x, i) => (x.common && !x.types.includes('garbage-collection') ? i : -1)).filter((i) => i >= 0);
    expect(own.length).toBeGreaterThanOrEqual(12);
    expect(common.length).toBeGreaterThan(0);
    expect(Math.max(...own)).toBeLessThan(Math.min(...common));
  });

  it('the clerk picks another type (or none): the list is for it', () => {
    const picked = s.suggestFor({ name: '妇联工作经费', typeId: 'disability', top: 10 });
    expect(picked.type?.id).toBe('disability');
    expect(picked.typeBy).toBe('picked');
    expect(picked.suggestions.filter((x) => x.types.includes('disability')).length).toBeGreaterThanOrEqual(8);
    const none = s.suggestFor({ name: '妇联工作经费', typeId: '', top: 10 });
    expect(none.type).toBeUndefined();
    expect(none.typeBy).toBe('picked');
    expect(() => s.suggestFor({ name: 'x', typeId: 'no-such-type' })).toThrow(/不存在/);
  });
});

describe('Suggester with projects left out (the bench leaves out the project it asks for)', () => {
  it('an indicator only the left-out project used is never suggested; one others use stays', () => {
    const pi = lib.projects.findIndex((p) => p.name === '2021年农村保洁员经费');
    const only = lib.indicators.filter((i) => i.from.length === 1 && i.from[0] === pi).map((i) => indicatorKey(i.name));
    expect(only.length).toBeGreaterThan(3);
    const s = new Suggester(lib, { excludeProjects: new Set([pi]) });
    expect(s.size).toBe(lib.indicators.length - only.length);
    const got = s.suggest({ name: lib.projects[pi].name, usage: lib.projects[pi].usage, goal: lib.projects[pi].goal, top: 200 });
    expect(got.filter((x) => only.includes(indicatorKey(x.name)))).toEqual([]);
    expect(got.map((x) => x.name)).toContain('村容村貌改善情况');
  });

  it('without the coverage of required 二级 the list is by score alone', () => {
    const s = new Suggester(lib, { coverLevel2: false });
    const got = s.suggest({ name: '人大工作经费', top: 5 });
    for (let i = 1; i < got.length; i++) expect(got[i].score).toBeLessThanOrEqual(got[i - 1].score);
  });
});

describe('groupByLevel2', () => {
  it('groups in the order of the format frame', () => {
    const groups = groupByLevel2(suggestIndicators({ name: '村级办公经费', top: 20 }));
    const order = groups.map((g) => g.level2);
    expect(order.indexOf('数量指标')).toBeLessThan(order.indexOf('成本指标'));
    expect(order.indexOf('成本指标')).toBeLessThan(order.indexOf('服务对象满意度指标'));
    expect(groups.reduce((n, g) => n + g.items.length, 0)).toBe(20);
  });
});
