import type { Profile } from '../../src/domain/profile';
import { getProfile } from '../../src/domain/profiles';
import { parseHeader } from '../../src/domain/templates';

const yth = getProfile('hebei-yth-annual');

function errors(input: Record<string, unknown>): string[] {
  const r = parseHeader(input);
  if (r.ok) throw new Error('expected a refusal');
  return r.errors;
}

function ok(input: Record<string, unknown>, profile?: Profile) {
  const r = parseHeader(input, profile);
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

describe('TemplateHeader validation', () => {
  test('an empty header is valid (a blank form); the money unit is then the format’s own', () => {
    const h = ok({});
    expect(h.budget).toBeUndefined();
    expect(h.code).toBeUndefined();
    expect(h.moneyUnit).toBeUndefined();
  });

  test('the 一体化 split of 财政拨款: 上级补助 + 本级安排 = 财政拨款, derived when one is missing; messages in the profile’s captions', () => {
    expect(ok({ budget: 100, fiscal: 80 }, yth)).toMatchObject({ fiscalUpper: 0, fiscalLocal: 80, other: 20 });
    expect(ok({ budget: 100, fiscal: 80, fiscalUpper: 30 }, yth)).toMatchObject({ fiscalUpper: 30, fiscalLocal: 50 });
    expect(ok({ budget: 100, fiscalLocal: 30, fiscal: 100 }, yth)).toMatchObject({ fiscalUpper: 70, fiscalLocal: 30 });
    expect(ok({ budget: 100, fiscalUpper: 40, fiscalLocal: 60 }, yth).fiscal).toBe(100);
    expect(ok({ fiscalUpper: 40, fiscalLocal: 60 }, yth)).toMatchObject({ budget: 100, fiscal: 100, other: 0 });
    const bad = parseHeader({ budget: 100, fiscal: 100, fiscalUpper: 40, fiscalLocal: 50 }, yth);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors[0]).toBe('财政拨款（100）应等于上级补助（40）+ 本级安排（50）= 90');
    const over = parseHeader({ budget: 10, fiscalUpper: 40 }, yth);
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.errors[0]).toBe('上级补助（40）不能大于财政拨款（10）');
    const sum = parseHeader({ budget: 100, fiscal: 80, other: 10 }, yth);
    if (!sum.ok) expect(sum.errors[0]).toBe('资金总额（100）应等于财政拨款（80）+ 其他资金（10）= 90');
    expect(sum.ok).toBe(false);
    const notANumber = parseHeader({ budget: '十万' }, yth);
    if (!notANumber.ok) expect(notANumber.errors[0]).toMatch(/^资金总额“十万”不是数字/);
    expect(notANumber.ok).toBe(false);
    const upperOnly = parseHeader({ fiscalUpper: 5 }, yth);
    if (!upperOnly.ok) expect(upperOnly.errors[0]).toBe('填写了上级补助（5）时，应同时填写财政拨款或本级安排');
    expect(upperOnly.ok).toBe(false);
  });

  test('a format without the 一体化 split ignores those keys (its header has no such field)', () => {
    const h = ok({ budget: 100, fiscalUpper: 40 });
    expect(h.fiscalUpper).toBeUndefined();
    expect(h).toMatchObject({ budget: 100, fiscal: 100, other: 0 });
  });

  test('blank strings are "not given"', () => {
    const h = ok({ name: '  ', budget: '', code: '' });
    expect(h.name).toBeUndefined();
    expect(h.budget).toBeUndefined();
  });

  test('numbers come from numbers or numeric text', () => {
    const h = ok({ budget: '1,200.50', fiscal: 1000, other: '200.5', year: '2025' });
    expect(h.budget).toBe(1200.5);
    expect(h.fiscal).toBe(1000);
    expect(h.other).toBe(200.5);
    expect(h.year).toBe(2025);
  });

  test('the funding is completed from the budget', () => {
    expect(ok({ budget: 20 })).toMatchObject({ budget: 20, fiscal: 20, other: 0 });
    expect(ok({ budget: 20.5, fiscal: 20.2 })).toMatchObject({ budget: 20.5, fiscal: 20.2, other: 0.3 });
    expect(ok({ budget: 20, other: 5 })).toMatchObject({ fiscal: 15, other: 5 });
    expect(ok({ fiscal: 7.69 })).toMatchObject({ budget: 7.69, fiscal: 7.69, other: 0 });
    expect(ok({ budget: 20, fiscal: 15, other: 5.004 })).toMatchObject({ budget: 20 });
  });

  test('a negative budget is refused, naming 预算数 and quoting it', () => {
    const e = errors({ budget: '-5' });
    expect(e).toHaveLength(1);
    expect(e[0]).toContain('预算数');
    expect(e[0]).toContain('“-5”');
    expect(errors({ fiscal: -1, budget: 3 })[0]).toContain('财政资金');
    expect(errors({ other: -1, budget: 3 })[0]).toContain('其他资金');
  });

  test('a budget that is not a number is refused', () => {
    expect(errors({ budget: '二十万' })[0]).toMatch(/^预算数“二十万”不是数字/);
  });

  test('财政资金 + 其他资金 ≠ 预算数 is refused with the three amounts', () => {
    const e = errors({ budget: 20, fiscal: 15, other: 3 });
    expect(e[0]).toContain('预算数（20）');
    expect(e[0]).toContain('财政资金（15）');
    expect(e[0]).toContain('其他资金（3）');
    expect(e[0]).toContain('18');
  });

  test('财政资金 or 其他资金 larger than the budget is refused', () => {
    expect(errors({ budget: 10, fiscal: 12 })[0]).toContain('财政资金（12）不能大于预算数（10）');
    expect(errors({ budget: 10, other: 12 })[0]).toContain('其他资金（12）不能大于预算数（10）');
    expect(errors({ other: 2 })[0]).toContain('其他资金');
  });

  test('a malformed project code is refused, naming 项目编码', () => {
    const e = errors({ code: '1303222100XP1' });
    expect(e[0]).toContain('项目编码“1303222100XP1”');
    expect(e[0]).toContain('21位');
    expect(errors({ code: '130322210QXP1WKIBNS3-' })[0]).toContain('项目编码');
  });

  test('a lower-case code is upper-cased; a good code passes', () => {
    expect(ok({ code: '130322210qxp1wkibns3x' }).code).toBe('130322210QXP1WKIBNS3X');
  });

  test('year, unit code, money unit and plan are validated', () => {
    expect(errors({ year: '25' })[0]).toContain('预算年度“25”');
    expect(errors({ year: 1999 })[0]).toContain('预算年度');
    expect(errors({ unitCode: '81300A' })[0]).toContain('单位编码');
    expect(errors({ moneyUnit: '千元' })[0]).toContain('金额单位');
    expect(ok({ plan: '25,50,75,100' }).plan).toEqual([25, 50, 75, 100]);
    expect(ok({ plan: ['25%', 50, '75%', 100] }).plan).toEqual([25, 50, 75, 100]);
    expect(errors({ plan: '50,25,75,100' })[0]).toContain('逐期不减');
    expect(errors({ plan: '25,50,75,90' })[0]).toContain('最后一期应为100%');
    expect(errors({ plan: '25,50,x,100' })[0]).toContain('资金支出计划');
  });

  test('several bad fields are all reported', () => {
    const e = errors({ budget: -1, code: 'x', year: 'abc' });
    expect(e.length).toBe(3);
    expect(e.join()).toMatch(/预算数.*|项目编码.*|预算年度/);
    expect(e.some((m) => m.includes('预算数'))).toBe(true);
    expect(e.some((m) => m.includes('项目编码'))).toBe(true);
    expect(e.some((m) => m.includes('预算年度'))).toBe(true);
  });
});
