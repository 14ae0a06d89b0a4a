import fc from 'fast-check';
import { formatCanonical, parseAmount, parseAmountDetail, parsePlanCell, parseValue } from '../../src/domain/value';

describe('parseValue — percentages', () => {
  it.each([
    ['100百分比', '=', false, 100, '百分比', '100%'],
    ['≥90百分百', '≥', true, 90, '百分百', '≥90%'],
    ['≥90百分比', '≥', true, 90, '百分比', '≥90%'],
    ['$\\geq 95\\%$', '≥', true, 95, 'latex', '≥95%'],
    ['不低于95％', '≥', true, 95, '％', '≥95%'],
    ['≥95%', '≥', true, 95, undefined, '≥95%'],
    ['100%', '=', false, 100, undefined, '100%'],
    ['95%以上', '≥', true, 95, undefined, '≥95%'],
    ['≤ 10 %', '≤', true, 10, undefined, '≤10%'],
    ['-5%', '=', false, -5, undefined, '-5%'],
  ])('%s', (input, op, explicit, num, notation, canonical) => {
    const p = parseValue(input);
    expect(p.kind).toBe('percent');
    expect(p.operator).toBe(op);
    expect(p.operatorExplicit).toBe(explicit);
    expect(p.number).toBe(num);
    expect(p.unit).toBe('%');
    expect(p.notation.percent).toBe(notation);
    expect(p.canonical).toBe(canonical);
  });

  it('records non-canonical operator spellings, not canonical ones', () => {
    expect(parseValue('>=95%').notation.operator).toBe('>=');
    expect(parseValue('<=5%').operator).toBe('≤');
    expect(parseValue('≧95%').notation.operator).toBe('≧');
    expect(parseValue('大于等于95%').notation.operator).toBe('大于等于');
    expect(parseValue('≥95%').notation.operator).toBeUndefined();
    expect(parseValue('$\\geq 95\\%$').notation.latex).toBe(true);
    expect(parseValue('95%').notation).toEqual({});
  });

  it('reads a number cell with a % format as points', () => {
    const p = parseValue(0.95, '0%');
    expect(p).toMatchObject({ kind: 'percent', number: 95, unit: '%', raw: '95%', canonical: '95%' });
    expect(parseValue(0.075, '0.00%').number).toBe(7.5);
    expect(parseValue(0.95).kind).toBe('number');
    expect(parseValue(0.95, '"%"0').kind).toBe('number'); // a quoted % is a literal, not a percent format
  });

  it('text with extra words is not a percentage', () => {
    expect(parseValue('增幅20%').kind).toBe('qualitative');
    expect(parseValue('100%全部发放到位').kind).toBe('qualitative');
  });
});

describe('parseValue — money, counts, numbers', () => {
  it('money with denominators, converted to 万元', () => {
    expect(parseValue('≥50元/季/星')).toMatchObject({
      kind: 'money', operator: '≥', number: 50, unit: '元', per: ['季', '星'], moneyWan: 0.005, canonical: '≥50元/季/星',
    });
    expect(parseValue('≤10.56万元/年')).toMatchObject({ kind: 'money', unit: '万元', per: ['年'], moneyWan: 10.56 });
    expect(parseValue('≤1.02万元')).toMatchObject({ kind: 'money', operator: '≤', moneyWan: 1.02, canonical: '≤1.02万元' });
    expect(parseValue('17744元').moneyWan).toBe(1.7744);
    expect(parseValue('20元/人/月')).toMatchObject({ unit: '元', per: ['人', '月'] });
    expect(parseValue('1,234.5元').number).toBe(1234.5);
    expect(parseValue('73.18万元').per).toBeUndefined();
  });

  it('counts with unit words', () => {
    expect(parseValue('39个')).toMatchObject({ kind: 'count', number: 39, unit: '个', canonical: '39个' });
    expect(parseValue('39人次')).toMatchObject({ kind: 'count', unit: '人次', canonical: '39人次' });
    expect(parseValue('≥ 800人次')).toMatchObject({ operator: '≥', number: 800, canonical: '≥800人次' });
    expect(parseValue('1.15万人/年')).toMatchObject({ kind: 'count', number: 1.15, unit: '万人', per: ['年'] });
    expect(parseValue('≥6次/年')).toMatchObject({ kind: 'count', unit: '次', per: ['年'] });
    expect(parseValue('12个月')).toMatchObject({ kind: 'count', unit: '个月', period: true });
    expect(parseValue('1453.22平方米')).toMatchObject({ kind: 'count', unit: '平方米' });
    expect(parseValue('0起')).toMatchObject({ kind: 'count', unit: '起' });
    expect(parseValue('9村').kind).toBe('count');
    expect(parseValue('≤60天')).toMatchObject({ kind: 'count', operator: '≤', period: true });
  });

  it('bare numbers', () => {
    expect(parseValue('≥ 10')).toMatchObject({ kind: 'number', operator: '≥', number: 10, canonical: '≥10' });
    expect(parseValue('≥0')).toMatchObject({ kind: 'number', number: 0 });
    expect(parseValue('4.5/平方米')).toMatchObject({ kind: 'number', number: 4.5, per: ['平方米'] });
    expect(parseValue(20)).toMatchObject({ kind: 'number', number: 20 });
    expect(parseValue('2').unit).toBeUndefined();
  });
});

describe('parseValue — dates, qualitative, odd input', () => {
  it.each(['每月31日之前', '2021年12月31日之前', '2021年12月底前', '12月底前', '12月底前发放到位', '本年底', '一年内', '一年内完成',
    '1年内', '1-12月', '2021年1月至12月', '每月', '按年', '按月', '每季度', '年底之前', '全年', '一季度'])('%s is a date/period', (s) => {
    expect(parseValue(s).kind).toBe('date');
  });

  it('reads every year mentioned', () => {
    expect(parseValue('2021年12月31日之前').years).toEqual([2021]);
    expect(parseValue('2020年至2021年').years).toEqual([2020, 2021]);
    expect(parseValue('按年').years).toEqual([]);
    expect(parseValue('支付2018年工程质保金').years).toEqual([2018]);
  });

  it.each(['有效保障', '提升', '保持稳定', '健全', '节约水电等资源、能源', '200人 ≥1次', '达到预期'])('%s is qualitative', (s) => {
    const p = parseValue(s);
    expect(p.kind).toBe('qualitative');
    expect(p.operator).toBe('=');
    expect(p.canonical).toBeUndefined();
  });

  it('blank is empty', () => {
    expect(parseValue('').kind).toBe('empty');
    expect(parseValue('  \u3000\n').kind).toBe('empty');
    expect(parseValue(null).kind).toBe('empty');
  });

  it('never throws on odd cells', () => {
    expect(parseValue({ error: '#REF!' })).toMatchObject({ kind: 'qualitative', raw: '#REF!' });
    expect(parseValue(true).kind).toBe('qualitative');
    expect(parseValue(NaN).kind).toBe('qualitative');
    expect(parseValue(Infinity).kind).toBe('qualitative');
    expect(parseValue('9'.repeat(40)).kind).toBe('qualitative');
    expect(parseValue('≥'.repeat(100000)).kind).toBe('qualitative');
    expect(parseValue('1' + '0'.repeat(200) + '%').kind).toBe('qualitative');
  });

  it('never throws on any string, and numeric results round-trip through the canonical spelling', () => {
    const alphabet = fc.constantFrom(...'0123456789.,%％≥≤><=元万个人次年月日/-百分比$\\geq 以上内每'.split(''));
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 20 }).map((a) => a.join('')), (s) => {
        const p = parseValue(s);
        const c = formatCanonical(p);
        if (c !== undefined) {
          const q = parseValue(c);
          expect([q.kind, q.operator, q.number, q.unit, q.per]).toEqual([p.kind, p.operator, p.number, p.unit, p.per]);
          expect(q.canonical).toBe(c);
        }
      }),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => { parseValue(s); }), { numRuns: 1000 });
    fc.assert(fc.property(fc.double(), fc.constantFrom(undefined, '0%', '0.00', '0.00%'), (n, f) => {
      const p = parseValue(n, f);
      if (p.canonical !== undefined) expect(parseValue(p.canonical).number).toBe(p.number);
    }), { numRuns: 1000 });
  });
});

describe('parsePlanCell', () => {
  it('reads percentages in every spelling as points', () => {
    expect(parsePlanCell(0.25, '0.00%')).toEqual({ percent: 25, ok: true, blank: false });
    expect(parsePlanCell('25%').percent).toBe(25);
    expect(parsePlanCell('25.00%').percent).toBe(25);
    expect(parsePlanCell(25).percent).toBe(25);
    expect(parsePlanCell('25').percent).toBe(25);
    expect(parsePlanCell(' 100 ').percent).toBe(100);
  });
  it('blank and non-numbers', () => {
    expect(parsePlanCell(null)).toEqual({ ok: true, blank: true });
    expect(parsePlanCell('  ')).toEqual({ ok: true, blank: true });
    expect(parsePlanCell('全年')).toEqual({ ok: false, blank: false });
    expect(parsePlanCell('25万元').ok).toBe(false);
    expect(parsePlanCell('≥25%').ok).toBe(false);
    expect(parsePlanCell({ error: '#DIV/0!' }).ok).toBe(false);
  });
});

describe('parseAmount', () => {
  it('numbers and numeric text', () => {
    expect(parseAmount(20)).toBe(20);
    expect(parseAmount('20.00')).toBe(20);
    expect(parseAmount(' 20 ')).toBe(20);
    expect(parseAmount('1,234.5')).toBe(1234.5);
    expect(parseAmountDetail('73.18')).toEqual({ amount: 73.18, decimals: 2 });
    expect(parseAmountDetail(7.69, '0.00')).toEqual({ amount: 7.69, decimals: 2 });
    expect(parseAmountDetail(20, '0.00')?.decimals).toBe(2);
  });
  it('anything else is undefined', () => {
    expect(parseAmount('')).toBeUndefined();
    expect(parseAmount(null)).toBeUndefined();
    expect(parseAmount('二十')).toBeUndefined();
    expect(parseAmount('20万元')).toBeUndefined();
    expect(parseAmount(NaN)).toBeUndefined();
    expect(parseAmount({ error: '#REF!' })).toBeUndefined();
    expect(parseAmount(true)).toBeUndefined();
  });
});
