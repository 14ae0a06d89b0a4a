import { cellDecimals, readAmount } from '../../src/domain/rules/block-helpers';
import { formatDecimals } from '../../src/domain/value';
import type { Field } from '../../src/domain/model';

const f = (value: Field['value'], numberFormat?: string): Field => ({ cell: 'C4', value, text: String(value ?? ''), numberFormat });

describe('readAmount: the amount cells the total rules read, through the parser', () => {
  it('numbers, numeric text, thousands separators, full-width digits and a 万元/元 suffix', () => {
    expect(readAmount(f(20))).toBe(20);
    expect(readAmount(f('20.00'))).toBe(20);
    expect(readAmount(f(' 1,234.5 '))).toBe(1234.5);
    expect(readAmount(f('２０．５０'))).toBe(20.5);
    expect(readAmount(f('20 万元'))).toBe(20);
    expect(readAmount(f('3000元'))).toBe(3000);
  });
  it('anything else is no amount', () => {
    expect(readAmount(undefined)).toBeUndefined();
    expect(readAmount(f(''))).toBeUndefined();
    expect(readAmount(f('二十'))).toBeUndefined();
    expect(readAmount(f({ error: '#REF!' }))).toBeUndefined();
    expect(readAmount(f(NaN))).toBeUndefined();
  });
});

describe('decimals an amount cell shows', () => {
  it('from its number format, thousands and currency formats included', () => {
    expect(formatDecimals('0.00')).toBe(2);
    expect(formatDecimals('#,##0.00_ ')).toBe(2);
    expect(formatDecimals('[$¥-804]#,##0.0')).toBe(1);
    expect(formatDecimals('#,##0')).toBe(0);
    expect(formatDecimals('General')).toBeUndefined();
    expect(formatDecimals('@')).toBeUndefined();
  });
  it('a General or text cell: the decimals of its text, at least 2', () => {
    expect(cellDecimals(f('7.690486'))).toBe(6);
    expect(cellDecimals(f(20))).toBe(2);
    expect(cellDecimals(f(7.69, '0.00'))).toBe(2);
  });
});
