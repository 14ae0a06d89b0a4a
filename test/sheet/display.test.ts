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

describe('displayText agrees with SheetJS SSF (the well-kept formatter, used here as the oracle)', () => {
  // the pane cannot carry SheetJS (its bundle); the formatter it uses shows what SSF shows for every class
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const SSF = (require('@e965/xlsx') as { SSF: { format(fmt: string, v: number): string } }).SSF;
  it.each([
    [45626, 'yyyy"年"m"月"d"日"'], [45626, 'yyyy"年"m"月"'], [45626, 'm"月"d"日"'], [45626, 'yyyy/m/d'], [45626, 'yyyy-mm-dd'], [45626, 'm/d/yy'],
    [45626, 'd-mmm-yy'], [45626, 'mmm-yy'], [45626, 'mmmm'], [45626, 'dddd'], [45626, '[$-F800]dddd, mmmm dd, yyyy'], [45626, '[DBNum1][$-804]yyyy"年"m"月"d"日"'],
    [45626.5, 'yyyy-mm-dd hh:mm:ss'], [0.4375, 'h:mm'], [0.6, 'h:mm AM/PM'], [0.6, 'h:mm:ss'],
    [0.95, '0%'], [0.9512, '0.00%'], [1, '0%'],
    [1200, '#,##0'], [1234567.891, '#,##0.00'], [1234.5, '#,##0.00_);(#,##0.00)'], [-1234.5, '#,##0.00_);(#,##0.00)'],
    [1200, '"¥"#,##0.00'], [1200, '[$¥-804]#,##0.00'], [-1200, '[$¥-804]#,##0.00;[Red]-[$¥-804]#,##0.00'], [1200, '"¥"#,##0;"¥"-#,##0'],
    [12, '0"人"'], [12, '0"个"'], [12, '@'], [25, '0.00'], [3.14159, '0.0'],
  ] as [number, string][])('%s with %s', (v, fmt) => {
    expect(displayText(v, fmt)).toBe(SSF.format(fmt, v).trim());
  });
  it('where SSF refuses a format Excel accepts (an unquoted ¥, the zh-CN accounting format), the display still shows the amount', () => {
    expect(() => SSF.format('_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ', 1200)).toThrow();
    expect(displayText(1200, '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ;_ ¥* "-"??_ ;_ @_ ')).toBe('¥1,200.00');
    expect(displayText(1200, '¥#,##0;¥-#,##0')).toBe('¥1,200');
  });
});
