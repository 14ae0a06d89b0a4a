import { tableMissingField, tablePlaceholderText } from '../../src/domain/rules/table';
import { findPlaceholder } from '../../src/domain/rules/block-helpers';
import { field, hebeiBlock, listBlock } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

describe('table/missing-field', () => {
  it('is silent on a complete block, with a blank 其他资金', () => {
    expect(runRule(tableMissingField, [hebeiBlock({ other: '' })])).toEqual([]);
  });

  it('reports a blank 项目名称, 预算数 and 绩效目标 at their cells', () => {
    const out = runRule(tableMissingField, [hebeiBlock({ name: '', budget: '', fiscal: 29.5, goal: '  ' })]);
    expect(out.map((r) => r.cell)).toEqual(['E3', 'C4', 'B8']);
    expect(out[0].message).toBe('项目名称为空：应填写本项目的名称');
    expect(out[1].message).toContain('预算数为空');
    expect(out[1].message).toContain('万元');
    expect(out.every((r) => r.severity === 'error')).toBe(true);
  });

  it('reports an absent field at its label, else at the block anchor', () => {
    const withLabel = runRule(tableMissingField, [hebeiBlock({ omit: ['name'] })]);
    expect(withLabel.map((r) => [r.cell, r.messageId])).toEqual([['D3', 'blank']]);
    const b = hebeiBlock({ omit: ['goal'] });
    delete b.labels.goal;
    expect(runRule(tableMissingField, [b]).map((r) => [r.cell, r.messageId])).toEqual([['A1', 'absent']]);
  });

  it('reports a plan row that is absent or entirely blank, not one that is partly filled', () => {
    expect(runRule(tableMissingField, [hebeiBlock({ omit: ['plan'] })]).map((r) => [r.cell, r.messageId])).toEqual([
      ['A6', 'planAbsent'],
    ]);
    expect(runRule(tableMissingField, [hebeiBlock({ plan: [null, '', null, null] })]).map((r) => r.cell)).toEqual(['B7']);
    expect(runRule(tableMissingField, [hebeiBlock({ plan: [null, null, null, '100%'] })])).toEqual([]);
  });

  it('on a disclosure list asks only what each row kind has', () => {
    const dept = listBlock({ role: 'department', row: 3, code: '407', name: '门源县浩门镇政府' });
    const unit = listBlock({ role: 'unit', row: 4, code: '407001', name: '门源县浩门镇政府', amount: 588.39, index: 1 });
    const project = listBlock({ row: 5, index: 2, parentIndex: 1, goal: '' });
    const out = runRule(tableMissingField, [dept, unit, project]);
    expect(out.map((r) => r.cell)).toEqual(['D5']);
  });
});

describe('table/placeholder-text', () => {
  it.each([
    ['目标内容1', '目标内容1'],
    ['目标1：目标内容1', '目标内容1'],
    ['指标1', '指标1'],
    ['三级指标 2', '三级指标2'],
    ['XXX村', 'XXX'],
    ['支出xxx万元', 'xxx'],
    ['……', '……'],
    ['目标1：......', '......'],
    ['————', '————'],
    ['待定', '待定'],
    ['/', '/'],
    ['* -', '* -'],
    ['__', '__'],
  ])('finds residue in “%s”', (text, residue) => {
    expect(findPlaceholder(text)).toBe(residue);
  });

  it.each([
    '目标1：召开乡镇妇联会议，宣传法律法规。',
    '1.确保项目资金及时支付……保障正常运转',
    '打扫卫生、清理三堆——坑塘等',
    '130322210QXP1WKIBNS3X',
    'X光机检查',
    '提升',
    '≥95%',
    '发放金额/应发放金额',
    '1-12月',
  ])('leaves real text alone: “%s”', (text) => {
    expect(findPlaceholder(text)).toBeUndefined();
  });

  it('is silent on a complete block', () => {
    expect(runRule(tablePlaceholderText, [hebeiBlock()])).toEqual([]);
  });

  it('reports residue in indicator cells, the goal and other cells, quoting the content', () => {
    const b = hebeiBlock({
      goal: '目标1：目标内容1',
      indicators: [
        ['产出指标', '数量指标', '指标1', 'XXX个', '工作计划'],
        ['', '质量指标', '资金使用合规率', '100%', '待定'],
      ],
      otherCells: [field('A30', '——')],
    });
    const out = runRule(tablePlaceholderText, [b]);
    expect(out.map((r) => r.cell)).toEqual(['B8', 'C10', 'F10', 'G11', 'A30']);
    expect(out[0].message).toContain('“目标1：目标内容1”');
    expect(out[2].message).toContain('XXX');
    expect(out[0].severity).toBe('error');
  });

  it('leaves the 项目编码 cell to id/code-missing', () => {
    expect(runRule(tablePlaceholderText, [hebeiBlock({ code: 'XXXXXXXXXXXXXXXXXXXXX' })])).toEqual([]);
  });

  it('reports a cell that is only a dash (其他资金 “/”)', () => {
    const out = runRule(tablePlaceholderText, [hebeiBlock({ other: '/' })]);
    expect(out.map((r) => r.cell)).toEqual(['G4']);
  });
});
