import { cellText, isBlankValue, normLabel, quote, stripSpaces, toHalfWidth } from '../../src/domain/text';

describe('text helpers', () => {
  it('stripSpaces removes every kind of whitespace', () => {
    expect(stripSpaces('其中：财政    资金')).toBe('其中：财政资金');
    expect(stripSpaces('项目\n编码\u3000 ')).toBe('项目编码');
    expect(stripSpaces('a\u00a0b\tc\r\nd')).toBe('abcd');
  });
  it('toHalfWidth converts full-width ASCII only', () => {
    expect(toHalfWidth('（%）：９５％')).toBe('(%):95%');
    expect(toHalfWidth('资金、支出。')).toBe('资金、支出。');
    expect(toHalfWidth('ＡＢＣ\u3000')).toBe('ABC ');
  });
  it('normLabel compares labels', () => {
    expect(normLabel(' 项目\n编码：')).toBe('项目编码');
    expect(normLabel('资金支出计划（%）')).toBe(normLabel('资金支出计划(%)'));
    expect(normLabel('一级\n指标')).toBe('一级指标');
    expect(normLabel('单位:万元')).toBe('单位:万元');
  });
  it('cellText', () => {
    expect(cellText(null)).toBe('');
    expect(cellText(' a ')).toBe('a');
    expect(cellText(20.5)).toBe('20.5');
    expect(cellText(NaN)).toBe('');
    expect(cellText(false)).toBe('FALSE');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(isBlankValue(' \u3000')).toBe(true);
    expect(isBlankValue(0)).toBe(false);
  });
  it('quote shortens long text', () => {
    expect(quote('短')).toBe('短');
    expect(quote('一'.repeat(50), 10)).toBe('一'.repeat(10) + '…');
  });
});
