import { defineRule } from '../../src/domain/rule';
import { textRules, textUnparsedIndicator } from '../../src/domain/rules/text';
import { hebeiBlock, listBlock } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

describe('text/unparsed-indicator', () => {
  it('reports each unparsed line of a disclosure row at its cell', () => {
    const b = listBlock({
      row: 12,
      unparsed: [
        { line: '1. 社区工作人员为民服务的能力', reason: '没有可识别的指标值' },
        { line: '1. 设计费 0.76万元 2. 监理费0.5万元', reason: '一行中有多个指标' },
      ],
    });
    const out = runRule(textUnparsedIndicator, [b]);
    expect(textRules).toEqual([textUnparsedIndicator]);
    expect(out.map((r) => [r.cell, r.severity])).toEqual([['E12', 'warning'], ['E12', 'warning']]);
    expect(out[0].message).toBe('绩效指标中的“1. 社区工作人员为民服务的能力”无法识别：没有可识别的指标值');
  });
  it('explains the expected form when the recogniser gave no reason', () => {
    const out = runRule(textUnparsedIndicator, [listBlock({ unparsed: [{ line: '保障退休人员的慰问', reason: '' }] })]);
    expect(out[0].message).toContain('序号. 三级指标名称 指标值');
  });
  it('silent when everything was parsed', () => {
    expect(runRule(textUnparsedIndicator, [listBlock({ indicators: [['产出指标', '数量指标', '人数', '22人']] }), hebeiBlock()])).toEqual([]);
  });
});

describe('test runner (test/helpers/run-rule)', () => {
  const probe = defineRule({
    id: 'probe/x',
    severity: 'warning',
    scope: 'block',
    layouts: ['block'],
    description: '测试',
    messages: { m: '单元格{{cell}}', bad: '缺{{missing}}' },
    check(ctx) {
      if (ctx.block) ctx.report({ at: ctx.block.anchor, messageId: ctx.settings.year === 1 ? 'bad' : 'm', data: { cell: ctx.block.anchor } });
    },
  });
  it('formats messages, applies layouts and severities', () => {
    expect(runRule(probe, [hebeiBlock(), listBlock()]).map((r) => [r.cell, r.message, r.severity])).toEqual([['A1', '单元格A1', 'warning']]);
    expect(runRule(probe, [hebeiBlock()], { rules: { 'probe/x': 'error' } })[0].severity).toBe('error');
    expect(runRule(probe, [hebeiBlock()], { rules: { 'probe/x': 'off' } })).toEqual([]);
  });
  it('fails loudly on an unfilled placeholder', () => {
    expect(() => runRule(probe, [hebeiBlock()], { year: 1 })).toThrow(/unfilled placeholder/);
  });
});
