import {
  valueCostDirection,
  valueCostNotQuantified,
  valueMissingUnit,
  valuePercentNotation,
  valuePercentOutOfRange,
  valueQuantityNotCount,
  valueRateWithoutPercent,
  valueRules,
  valueSatisfaction,
  valueYearMismatch,
} from '../../src/domain/rules/value';
import { planningYearsInGoal } from '../../src/domain/rules/value/year-mismatch';
import { hebeiBlock, listBlock, type IndicatorTuple } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

const rows = (...r: IndicatorTuple[]) => hebeiBlock({ indicators: r });
const cells = (rule: Parameters<typeof runRule>[0], ...r: IndicatorTuple[]) => runRule(rule, [rows(...r)], { year: 2021 }).map((x) => x.cell);

describe('value rules on a correct block', () => {
  it.each(valueRules.map((r) => [r.id, r]))('%s stays silent', (_id, rule) => {
    expect(runRule(rule, [hebeiBlock()], { year: 2021 })).toEqual([]);
  });
  it('ids and severities match docs/domain.md §6', () => {
    expect(valueRules.map((r) => `${r.id}:${r.severity}`)).toEqual([
      'value/percent-notation:warning', 'value/percent-out-of-range:error', 'value/quantity-not-count:error',
      'value/missing-unit:warning', 'value/rate-without-percent:warning', 'value/cost-direction:warning', 'value/cost-not-quantified:warning',
      'value/satisfaction:error', 'value/year-mismatch:error', 'value/direction-mismatch:warning',
      'value/split-operator:error', 'value/split-not-numeric:error', 'value/split-missing-unit:error',
    ]);
  });
});

describe('value/percent-notation', () => {
  it.each([
    ['100百分比', '100%'],
    ['≥90百分百', '≥90%'],
    ['≥95％', '≥95%'],
    ['$\\geq 95\\%$', '≥95%'],
    ['>=95%', '≥95%'],
    ['<=10%', '≤10%'],
  ])('%s → %s with a fix', (value, canonical) => {
    const out = runRule(valuePercentNotation, [rows(['产出指标', '质量指标', '合格率', value, '计划'])]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'F10', severity: 'warning', fix: { cell: 'F10', value: canonical } });
    expect(out[0].message).toBe(`指标值“${value}”写法不规范，应写作“${canonical}”`);
  });
  it.each(['≥95%', '100%', '不低于95%', '95%以上', '≥ 95%', '提升', '39个'])('%s is fine', (value) => {
    expect(cells(valuePercentNotation, ['产出指标', '质量指标', '合格率', value, '计划'])).toEqual([]);
  });
  it('a number cell with a % format is fine', () => {
    expect(cells(valuePercentNotation, ['产出指标', '质量指标', '合格率', { value: 0.95, numberFormat: '0%' }, '计划'])).toEqual([]);
  });
  it('no cell fix inside a disclosure list text', () => {
    const out = runRule(valuePercentNotation, [listBlock({ indicators: [['效益指标', '社会效益指标', '知晓率', '$\\geq 95\\%$']] })]);
    expect(out).toHaveLength(1);
    expect(out[0].fix).toBeUndefined();
  });
});

describe('value/percent-out-of-range', () => {
  it('a bounded rate over 100% and a negative percentage', () => {
    const out = runRule(valuePercentOutOfRange, [
      rows(['产出指标', '质量指标', '验收合格率', '120%', '计划'], ['产出指标', '时效指标', '支付及时率', '-5%', '计划'], ['满意度指标', '服务对象满意度指标', '群众满意度', '≥105%', '']),
    ]);
    expect(out.map((r) => [r.cell, r.messageId])).toEqual([['F10', 'over100'], ['F11', 'negative'], ['F12', 'over100']]);
  });
  it('growth rates and unbounded percentages may exceed 100%', () => {
    expect(cells(valuePercentOutOfRange,
      ['效益指标', '经济效益指标', '村集体经济收入增长率', '≥120%', '计划'],
      ['效益指标', '经济效益指标', '收入同比下降率', '-3%', '计划'],
      ['产出指标', '成本指标', '成本控制率', '100%', '计划'],
      ['效益指标', '经济效益指标', '投入产出比', '150%', '计划'],
    )).toEqual([]);
  });
});

describe('value/quantity-not-count', () => {
  it('a count written as a percentage', () => {
    expect(cells(valueQuantityNotCount, ['产出指标', '数量指标', '补助村数', '100%', '计划'], ['产出指标', '数量指标', '培训人数', '≥95%', '计划'])).toEqual(['F10', 'F11']);
  });
  it('rates under 数量指标, counts elsewhere, and counts with units are fine', () => {
    expect(cells(valueQuantityNotCount,
      ['产出指标', '数量指标', '补助人数覆盖率', '100%', '计划'],
      ['产出指标', '数量指标', '补助村数', '39个', '计划'],
      ['产出指标', '质量指标', '合格人数', '100%', '计划'],
    )).toEqual([]);
  });
});

describe('value/missing-unit', () => {
  it('a bare number on a count name', () => {
    const out = runRule(valueMissingUnit, [rows(['产出指标', '数量指标', '制作横幅', '≥ 10', '计划'], ['产出指标', '数量指标', '经费涉及村数量', 2, '计划'])]);
    expect(out.map((r) => r.cell)).toEqual(['F10', 'F11']);
    // 制作横幅 names no unit: none is guessed
    expect(out[0].message).toBe('指标值“≥ 10”只有数字，没有计量单位：应写明计量单位（人、个、次、平方米等）');
    expect(out[1].message).toBe('指标值“2”只有数字，没有计量单位：应写明单位，如“2个”');
  });
  it.each([
    ['保洁员人数', '12', '12人'],
    ['培训人次', '≥300', '≥300人次'],
    ['受益户数', '150', '150户'],
    ['开展宣传活动次数', '4', '4次'],
    ['组织培训场次', '≥2', '≥2次'],
    ['补助村数', '39', '39个'],
    ['绿化面积', '1200', '1200平方米'],
    ['道路维修里程', '3.5', '3.5公里'],
    ['新建道路长度', '2', '2公里'],
    ['购置设备台数', '5', '5台'],
  ])('%s %s: the example unit comes from the name (%s)', (name, value, example) => {
    const out = runRule(valueMissingUnit, [rows(['产出指标', '数量指标', name, value, '计划'])]);
    expect(out).toHaveLength(1);
    expect(out[0].message).toBe(`指标值“${value}”只有数字，没有计量单位：应写明单位，如“${example}”`);
  });
  it('a satisfaction value and a rate are not told to take a unit (their own rules ask for a percentage)', () => {
    expect(cells(valueMissingUnit,
      ['满意度指标', '服务对象满意度指标', '村民满意度', '95', '调查'],
      ['产出指标', '质量指标', '村庄保洁覆盖率', '95', '计划'],
    )).toEqual([]);
  });
  it('rates, scores and values with units are fine', () => {
    expect(cells(valueMissingUnit,
      ['效益指标', '社会效益指标', '参与人数增长率', '≥0', '计划'],
      ['效益指标', '社会效益指标', '考核得分', '≥90', '计划'],
      ['产出指标', '数量指标', '补助人数', '39人', '计划'],
      ['产出指标', '质量指标', '合格率', '100%', '计划'],
    )).toEqual([]);
  });
  it('an amount per something suggests 元', () => {
    expect(runRule(valueMissingUnit, [rows(['产出指标', '数量指标', '取暖费收费标准', '4.5/平方米', '计划'])])[0].message).toContain('“4.5元/平方米”');
  });
  it('a cost without unit suggests 万元', () => {
    expect(runRule(valueMissingUnit, [rows(['产出指标', '成本指标', '总成本', '≤20', '预算'])])[0].message).toContain('“≤20万元”');
  });
});

describe('value/cost-direction', () => {
  it('warns on ≥/> without a fix', () => {
    const out = runRule(valueCostDirection, [rows(['产出指标', '成本指标', '网格员补助标准', '≥50元/季/星', '计划'], ['产出指标', '成本指标', '月工资标准', '>1790元', '计划'])]);
    expect(out.map((r) => r.cell)).toEqual(['F10', 'F11']);
    expect(out[0].fix).toBeUndefined();
    expect(out[0].message).toContain('“≤50元/季/星”');
  });
  it('≤, =, control rates and non-cost rows are fine', () => {
    expect(cells(valueCostDirection,
      ['产出指标', '成本指标', '总成本', '≤20万元', '计划'],
      ['产出指标', '成本指标', '人均成本', '30元', '计划'],
      ['产出指标', '成本指标', '成本控制率', '≥95%', '计划'],
      ['产出指标', '数量指标', '补助人数', '≥39人', '计划'],
    )).toEqual([]);
  });
  it('central-2021: anything under the 一级 成本指标', () => {
    const b = hebeiBlock({ profile: 'central-2021', indicators: [['成本指标', '经济成本指标', '总成本', '≥20万元', '预算']] });
    expect(runRule(valueCostDirection, [b]).map((r) => r.cell)).toEqual(['F10']);
  });
});

describe('value/cost-not-quantified', () => {
  it('a cost that is not money', () => {
    expect(cells(valueCostNotQuantified,
      ['产出指标', '成本指标', '项目成本', '合理', '计划'],
      ['产出指标', '成本指标', '成本节约', '5%', '计划'],
      ['产出指标', '成本指标', '取暖费收费标准', '4.5/平方米', '计划'],
    )).toEqual(['F10', 'F11', 'F12']);
  });
  it('money, a 控制率/成本率 percentage and empty values are fine', () => {
    expect(cells(valueCostNotQuantified,
      ['产出指标', '成本指标', '总成本', '≤10.56万元/年', '计划'],
      ['产出指标', '成本指标', '社会稳定宣传活动成本控制率', '100%', '计划'],
      ['产出指标', '成本指标', '人代工作成本率', '2.125万元', '计划'],
      ['产出指标', '成本指标', '人均成本', '', '计划'],
      ['产出指标', '质量指标', '合格率', '100%', '计划'],
    )).toEqual([]);
  });
});

describe('value/satisfaction', () => {
  const sat = (value: IndicatorTuple[3], name = '群众满意度', level1 = '满意度指标', level2 = '服务对象满意度指标'): IndicatorTuple => [level1, level2, name, value, '问卷'];
  it('not a percentage or ≤ → error', () => {
    const out = runRule(valueSatisfaction, [rows(sat('满意'), sat('≤95%'), sat('≥90'))]);
    expect(out.map((r) => [r.cell, r.messageId, r.severity])).toEqual([
      ['F10', 'notPercent', 'error'],
      ['F11', 'wrongDirection', 'error'],
      ['F12', 'notPercent', 'error'],
    ]);
  });
  it('below the floor → warning; the floor comes from settings, else the profile', () => {
    const b = rows(sat('≥70%'), sat('≥85%'));
    expect(runRule(valueSatisfaction, [b]).map((r) => [r.cell, r.severity])).toEqual([['F10', 'warning']]);
    expect(runRule(valueSatisfaction, [b], { satisfactionFloor: 90 }).map((r) => r.cell)).toEqual(['F10', 'F11']);
    // 安山镇 2021 信访工作经费: 信访群众满意度 ≥30百分比
    expect(runRule(valueSatisfaction, [rows(sat('≥30百分比', '信访群众满意度'))]).map((r) => r.messageId)).toEqual(['belowFloor']);
  });
  it('≥95%, 0.95 with a % format, ≥90百分比 and named satisfaction elsewhere', () => {
    const b = rows(sat('≥95%'), sat({ value: 0.95, numberFormat: '0%' }), sat('≥90百分比'), ['效益指标', '社会效益指标', '村民满意度', '≥90%', '']);
    expect(runRule(valueSatisfaction, [b])).toEqual([]);
    // a named …满意度 outside 满意度指标 is checked too; complaints under 满意度 are not satisfaction
    expect(cells(valueSatisfaction, ['效益指标', '社会效益指标', '村民满意度', '提高', ''], sat('≤5%', '群众投诉率'), sat('≤5%', '群众不满意率'))).toEqual(['F10']);
  });
  it('an empty value is missing-value, not this rule', () => {
    expect(cells(valueSatisfaction, sat(''))).toEqual([]);
  });
});

describe('value/year-mismatch', () => {
  it('a value with another year → error; silent without a budget year', () => {
    const b = rows(['产出指标', '时效指标', '完成时间', '2020年12月31日之前', '计划'], ['产出指标', '时效指标', '发放时间', '2021年12月底前', '计划']);
    const out = runRule(valueYearMismatch, [b], { year: 2021 });
    expect(out.map((r) => [r.cell, r.severity])).toEqual([['F10', 'error']]);
    expect(out[0].message).toContain('2020年与预算年度2021年不符');
    expect(runRule(valueYearMismatch, [b])).toEqual([]);
  });
  it('planning phrases in the goal → warning', () => {
    const goal = '目标一：维稳经费主要用于开展宣传活动。\n目标二：计划2021年内开展社会稳定宣传活动15次。\n目标三：计划2021年举办培训班1次。';
    const out = runRule(valueYearMismatch, [hebeiBlock({ goal })], { year: 2023 });
    expect(out.map((r) => [r.cell, r.severity, r.data?.found])).toEqual([['B8', 'warning', 2021]]);
    expect(out[0].message).toContain('计划2021年内开展社会稳定宣传活动15次');
  });
  it.each([
    '支付2018年果皮箱、景观花池项目质保金3.2万元。',
    '截至2022年底已完成全部村级组织建设。',
    '较2022年参与人数增长10%。',
    '2021年昌黎县四级网格管理经费用于网格建设。',
    '2023年内完成全部宣传活动。',
  ])('goal “%s” is not a planning mismatch', (goal) => {
    expect(runRule(valueYearMismatch, [hebeiBlock({ goal })], { year: 2023 })).toEqual([]);
  });
  it('titles, names and 资金用途 are not checked', () => {
    const b = hebeiBlock({ name: '2021年农村保洁员经费', usage: '2021年12月底前支付。', title: '2021年农村保洁员经费绩效目标表' });
    expect(runRule(valueYearMismatch, [b], { year: 2023 })).toEqual([]);
  });
  it('planningYearsInGoal finds each year once, in order', () => {
    expect(planningYearsInGoal('2022年底前完成，于2020年12月底前启动，2022年完成', 2021).map((x) => x.year)).toEqual([2022, 2020]);
  });
});

describe('value rules mirror real fixture blocks', () => {
  it('安山镇 2021 四级网格管理经费 (hebei-2021-anshan)', () => {
    const b = hebeiBlock({
      startRow: 23, name: '2021年昌黎县四级网格管理经费', code: '130322212MXU1KAI0CZRG', budget: 24,
      indicators: [
        ['产出指标', '数量指标', '补助村数', '39个', '行政村数量', '享受补助的村委会个数'],
        ['产出指标', '质量指标', '四级网格平台质量情况', '通过验收', '工作计划'],
        ['产出指标', '时效指标', '网格平台建设完成及时情况', '2021年12月31日之前', '工作计划'],
        ['产出指标', '成本指标', '网格员补助标准', '≥50元/季/星', '工作计划'],
        ['效益指标', '经济效益指标', '对经济发展的影响', '创造稳定发展环境', '工作计划'],
        ['效益指标', '社会效益指标', '对了解社情民意的影响', '增进了解', '工作计划'],
        ['效益指标', '生态效益指标', '绿色办公', '节约水、电等资源，降低能耗，实现绿色办公', '工作计划', '节约村集体资源，降低能耗，实现绿色办公'],
        ['效益指标', '可持续影响指标', '四级网格影响的可持续性', '长期', '上级规定'],
        ['满意度指标', '服务对象满意度指标', '村民满意度', '≥90百分百', '历史经验'],
      ],
    });
    const fired = valueRules.flatMap((r) => runRule(r, [b], { year: 2021 })).map((r) => `${r.ruleId}@${r.cell}`);
    expect(fired.sort()).toEqual(['value/cost-direction@F35', 'value/percent-notation@F40']);
  });
  it('浩门镇 2023 维稳经费 (disclosure-2023-haomen): last year\'s dates and LaTeX residue', () => {
    const b = listBlock({
      row: 7, name: '维稳经费及 应急经费', amount: 3.4,
      goal: '目标一：维稳经费主要用于开展社会稳定宣传活动。\n目标二：计划2021年内开展社会稳定宣传活动15次，发放宣传资料1000份。',
      indicators: [
        ['产出指标', '数量指标', '社会稳定宣传活动次数', '≥ 10次'],
        ['产出指标', '数量指标', '宣传资料发放数', '1000份'],
        ['产出指标', '质量指标', '培训合格率', '100%'],
        ['产出指标', '时效指标', '社会稳定宣传活动完成时间', '2021年12月31日'],
        ['产出指标', '成本指标', '社会稳定宣传活动成本控制率', '100%'],
        ['效益指标', '社会效益指标', '社会稳定宣传群众知晓度', '$\\geq 80\\%$'],
        ['效益指标', '社会效益指标', '村民法律意识增强情况', '增强'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '$\\geq 95\\%$'],
      ],
    });
    const fired = valueRules.flatMap((r) => runRule(r, [b], { year: 2023 })).map((r) => `${r.ruleId}:${r.severity}`);
    expect(fired.sort()).toEqual([
      'value/percent-notation:warning',
      'value/percent-notation:warning',
      'value/year-mismatch:error',
      'value/year-mismatch:warning',
    ]);
  });
  it('张二庄镇 2025 村办公经费 (hebei-2025-zhangerzhuang): nothing in the values', () => {
    const b = hebeiBlock({
      name: '村办公经费', code: '13043425P00442410076K', budget: '73.18',
      goal: '村级办公经费73.18万元全部发放到位，保障村级组织正常运转',
      indicators: [
        ['产出指标', '数量指标', '发放村办公经费覆盖村数', '34个', '根据政府工作安排'],
        ['产出指标', '质量指标', '任务完成率', '100%', '根据政府工作安排'],
        ['产出指标', '时效指标', '村经费发放时间', '每月按时发放村经费', '根据政府工作安排'],
        ['产出指标', '成本指标', '项目成本', '73.18万元', '根据政府工作安排'],
        ['效益指标', '可持续影响指标', '长期使用性', '保障村级组织长期正常使用', '根据政府工作安排'],
        ['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', '通过问卷调查'],
      ],
    });
    expect(valueRules.flatMap((r) => runRule(r, [b], { year: 2025 }))).toEqual([]);
  });
});

describe('value/rate-without-percent', () => {
  it.each([
    ['村庄保洁覆盖率', '95', '95%'],
    ['保洁员工资发放及时率', '≥95', '≥95%'],
    ['验收合格率', '100', '100%'],
    ['资金到位率', '＝100', '＝100%'],
    ['政策知晓率', '>=90', '≥90%'],
  ])('%s %s: a rate written without %% → fix appends %%, keeping the operator', (name, value, percent) => {
    const out = runRule(valueRateWithoutPercent, [rows(['产出指标', '质量指标', name, value, '计划'])]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'F10', severity: 'warning', fix: { cell: 'F10', value: percent } });
    expect(out[0].message).toBe(`比率指标“${name}”的指标值“${value}”没有百分号：比率应写作百分比，如“${percent}”`);
  });
  it('a bare number cell (not text) gets the same', () => {
    const out = runRule(valueRateWithoutPercent, [rows(['产出指标', '质量指标', '村庄保洁覆盖率', 95, '计划'])]);
    expect(out[0]).toMatchObject({ fix: { value: '95%' } });
  });
  it('a fraction typed as text gets the message without a fix', () => {
    const out = runRule(valueRateWithoutPercent, [rows(['产出指标', '质量指标', '村庄保洁覆盖率', '0.95', '计划'])]);
    expect(out).toHaveLength(1);
    expect(out[0].messageId).toBe('fraction');
    expect(out[0].fix).toBeUndefined();
  });
  it('a percent-formatted cell is not bare; percentages, text, satisfaction, 频率 and non-rates are not its business', () => {
    expect(cells(valueRateWithoutPercent,
      ['产出指标', '质量指标', '村庄保洁覆盖率', { value: 0.95, numberFormat: '0%' }, '计划'],
      ['产出指标', '质量指标', '验收合格率', '≥95%', '计划'],
      ['产出指标', '时效指标', '发放及时率', '及时', '计划'],
      ['满意度指标', '服务对象满意度指标', '村民满意度', '95', '调查'],
      ['产出指标', '数量指标', '巡查频率', '4', '计划'],
      ['产出指标', '数量指标', '保洁员人数', '12', '计划'],
    )).toEqual([]);
  });
  it('no cell fix inside a disclosure list text', () => {
    const out = runRule(valueRateWithoutPercent, [listBlock({ indicators: [['产出指标', '质量指标', '覆盖率', '95']] })]);
    expect(out).toHaveLength(1);
    expect(out[0].fix).toBeUndefined();
  });
});
