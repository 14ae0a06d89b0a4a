import { findType, normalizeQuery, projectTypes, searchTypes } from '../../src/domain/templates';

const first = (q: string, profile?: string) => searchTypes(q, profile)[0]?.id;

describe('searchTypes', () => {
  test('a part of the name finds the type (保洁 → 农村保洁员经费)', () => {
    expect(first('保洁')).toBe('rural-cleaners');
    expect(first('人居环境')).toBe('rural-environment');
    expect(first('一事一议')).toBe('yishiyiyi');
    expect(first('防火')).toBe('flood-fire');
    expect(first('防汛')).toBe('flood-fire');
  });

  test('keywords find the type (民兵 → 武装, 临聘/编外 → 临聘人员补助, 居委会 → 社区)', () => {
    expect(first('民兵')).toBe('militia');
    expect(first('编外')).toBe('temp-staff');
    expect(first('居委会')).toBe('community');
    expect(first('网格员')).toBe('grid');
  });

  test('a real project name finds its type', () => {
    expect(first('2021年农村保洁员经费')).toBe('rural-cleaners');
    expect(first('正常离任村干部生活补贴')).toBe('retired-cadre');
    expect(first('村干部基础职务补贴')).toBe('village-cadre-pay');
    expect(first('2021年昌黎县四级网格管理经费')).toBe('grid');
    expect(first('人大之家经费')).toBe('npc');
    expect(first('2023年村级公益事业建设一事一议财政奖补资金')).toBe('yishiyiyi');
    expect(first('村办公经费')).toBe('village-office');
  });

  test('离任村干部 prefers 离任村干部生活补贴 over 村干部补贴', () => {
    const ids = searchTypes('离任村干部').map((t) => t.id);
    expect(ids[0]).toBe('retired-cadre');
    expect(ids).toContain('village-cadre-pay');
    expect(ids.indexOf('retired-cadre')).toBeLessThan(ids.indexOf('village-cadre-pay'));
  });

  test('whitespace and full-width letters do not matter; ids work', () => {
    expect(first(' 农村 保洁 ')).toBe('rural-cleaners');
    expect(first('ｒｕｒａｌ-ｃｌｅａｎｅｒｓ')).toBe('rural-cleaners');
    expect(normalizeQuery(' Ａ b ')).toBe('ab');
  });

  test('nothing unrelated is found', () => {
    expect(searchTypes('高速公路收费')).toEqual([]);
    expect(searchTypes('zzz')).toEqual([]);
  });

  test('an empty query lists every type; a profile filters', () => {
    expect(searchTypes('')).toHaveLength(projectTypes.length);
    expect(searchTypes('', 'disclosure-list').length).toBe(projectTypes.filter((t) => t.profiles.includes('disclosure-list')).length);
    expect(searchTypes('', 'no-such-profile')).toEqual([]);
    expect(searchTypes('保洁', 'no-such-profile')).toEqual([]);
  });

  test('findType takes an id or an exact name only', () => {
    expect(findType('rural-cleaners')?.name).toBe('农村保洁员经费');
    expect(findType('农村保洁员经费')?.id).toBe('rural-cleaners');
    expect(findType('保洁')).toBeUndefined();
  });
});
