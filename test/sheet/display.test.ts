import { displayText, makeField, generalNumber } from '../../src/sheet/display';
import type { GridSheet } from '../../src/sheet/grid';

describe('displayText', () => {
  it.each([
    [0.25, '0.00%', '25.00%'],
    [0.25, '0%', '25%'],
    [1, '0.00%', '100.00%'],
    [0.955, '0.0%', '95.5%'],
    [20, '0.00', '20.00'],
    [7.690486, '0.00', '7.69'],
    [1.005, '0.00', '1.01'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [3000, '#,##0', '3,000'],
    [29.5, '0.00_ ', '29.50'],
    [5, '0"万元"', '5万元'],
    [-5, '0.00;[Red]-0.00', '-5.00'],
    [-5, '0.00;(0.00)', '(5.00)'],
    [-5, '0.00', '-5.00'],
    [0, '0.00;-0.00;"-"', '-'],
    // the 一体化 export's amounts: a zero shown blank
    [0, '#,##0.00;-#,##0.00;[=0]""', ''],
    [156000, '#,##0.00;-#,##0.00;[=0]""', '156,000.00'],
    [-12.5, '#,##0.00;-#,##0.00;[=0]""', '-12.50'],
    [12345, '0.00E+00', '1.23E+04'],
    [44561, 'yyyy"年"m"月"d"日"', '2021年12月31日'],
    [44561, 'yyyy/m/d', '2021/12/31'],
    [44561.5, 'yyyy-mm-dd hh:mm', '2021-12-31 12:00'],
    [20, 'General', '20'],
    [0.1 + 0.2, undefined, '0.3'],
    [42, '@', '42'],
  ])('%p with %p → %p', (v, fmt, expected) => {
    expect(displayText(v, fmt)).toBe(expected);
  });

  it('trims text, shows errors and booleans, and empty for null', () => {
    expect(displayText('  95%  ')).toBe('95%');
    expect(displayText('\n村级办公经费\t')).toBe('村级办公经费');
    expect(displayText({ error: '#REF!' })).toBe('#REF!');
    expect(displayText(true)).toBe('TRUE');
    expect(displayText(false, '0.00')).toBe('FALSE');
    expect(displayText(null, '0.00%')).toBe('');
    expect(displayText(undefined)).toBe('');
    expect(displayText('25', '0.00%')).toBe('25'); // text is shown as written, whatever the format
  });

  it('does not print float noise in General', () => {
    expect(generalNumber(1.1 * 3)).toBe('3.3');
    expect(generalNumber(29.832)).toBe('29.832');
    expect(generalNumber(100)).toBe('100');
  });
});

describe('makeField', () => {
  const sheet: GridSheet = {
    name: 'S',
    values: [[null, 0.25], ['  村级办公经费 ', 20]],
    formats: [[undefined, '0.00%'], [undefined, 'General']],
    merges: [],
  };

  it('builds value, display text, number format and A1 cell', () => {
    expect(makeField(sheet, 0, 1)).toEqual({ cell: 'B1', value: 0.25, text: '25.00%', numberFormat: '0.00%' });
    expect(makeField(sheet, 1, 0)).toEqual({ cell: 'A2', value: '  村级办公经费 ', text: '村级办公经费' });
    expect(makeField(sheet, 1, 1)).toEqual({ cell: 'B2', value: 20, text: '20' });
  });

  it('gives an empty field for a cell outside the data', () => {
    expect(makeField(sheet, 9, 9)).toEqual({ cell: 'J10', value: null, text: '' });
  });

  it('adds the grid origin to the address', () => {
    expect(makeField({ ...sheet, origin: { row: 4, col: 2 } }, 0, 1).cell).toBe('D5');
  });
});
