import {
  totalCostExceedsBudget,
  totalFundingMismatch,
  totalUnitSumMismatch,
  totalUsageAmountMismatch,
} from '../../src/domain/rules/total';
import type { IndicatorTuple } from '../helpers/blocks';
import { hebeiBlock, listBlock } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

describe('total/funding-mismatch', () => {
  it('is silent when 预算数 = 财政资金 + 其他资金, a blank 其他资金 counting 0', () => {
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 20, fiscal: 20, other: 0 })])).toEqual([]);
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: '73.18', fiscal: '73.18', other: '' })])).toEqual([]);
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 30, fiscal: 25.5, other: 4.5 })])).toEqual([]);
    // float noise and rounding within 0.005
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 0.3, fiscal: 0.1, other: 0.2 })])).toEqual([]);
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 10.004, fiscal: 10, other: 0 })])).toEqual([]);
  });

  it('reports a mismatch at 预算数 with the addends as related cells', () => {
    const out = runRule(totalFundingMismatch, [hebeiBlock({ budget: 30, fiscal: 20, other: 5 })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'C4', related: ['E4', 'G4'], severity: 'error' });
    expect(out[0].message).toBe('预算数30不等于财政资金20与其他资金5之和25（相差5万元）：应满足 预算数 = 财政资金 + 其他资金');
  });

  it('reports a difference just above 0.005', () => {
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 10.01, fiscal: 10, other: '' })])).toHaveLength(1);
  });

  it('is silent when an amount is not a number or 预算数 is blank', () => {
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: '', fiscal: 20 })])).toEqual([]);
    expect(runRule(totalFundingMismatch, [hebeiBlock({ budget: 20, fiscal: 20, other: '/' })])).toEqual([]);
  });
});

describe('total/usage-amount-mismatch', () => {
  it('accepts the text rounded (or cut) to the cell’s decimals — real fixture cases', () => {
    const cases: [number, string][] = [
      [7.69, '预算数7.690486万元。其中：财政资金7.690486万元。主要用于农机人员工资及社会保障支出。'],
      [463.89, '预算数463.8947万元。其中：财政资金463.8947万元。主要用于村干部工资的发放'],
      [47.89, '预算数47.896万元。其中：财政资金47.896万元。主要用于信访维稳工作运转支出。'],
      [24, '预算数24万元，其中：财政资金24万元，其他资金0万元。主要用于建设四级网格组织体系。'],
    ];
    for (const [amount, usage] of cases) {
      expect(runRule(totalUsageAmountMismatch, [hebeiBlock({ budget: amount, fiscal: amount, other: 0, usage })])).toEqual([]);
    }
  });

  it('is silent on text without a labelled amount and on other pots of money', () => {
    const usage = '村级办公经费73.18万元全部发放到位，争取上级财政资金100万元';
    expect(runRule(totalUsageAmountMismatch, [hebeiBlock({ budget: '73.18', fiscal: '73.18', other: '', usage })])).toEqual([]);
  });

  it('warns when the usage text states another 预算数, quoting it', () => {
    const out = runRule(totalUsageAmountMismatch, [hebeiBlock({ budget: 29.5, fiscal: 29.5, usage: '预算数25万元。其中：财政资金29.5万元。' })]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'B5', related: ['C4'], severity: 'warning' });
    expect(out[0].message).toContain('“预算数25万元”');
    expect(out[0].message).toContain('29.5');
  });

  it('reads the goal text and converts 元 to 万元', () => {
    const goal = '1.财政资金295000元用于村级组织运转。\n2.其他资金3万元。';
    const out = runRule(totalUsageAmountMismatch, [hebeiBlock({ budget: 29.5, fiscal: 29.5, other: '', goal })]);
    expect(out.map((r) => [r.cell, r.related])).toEqual([['B8', ['G4']]]);
    expect(out[0].message).toContain('空（按0计）');
  });

  it('compares at 0 decimals when the cell shows integers', () => {
    const budget = { value: 20, numberFormat: '0' };
    expect(runRule(totalUsageAmountMismatch, [hebeiBlock({ budget, fiscal: budget, usage: '预算数20.4万元' })])).toEqual([]);
    const general = { value: 20 };
    expect(runRule(totalUsageAmountMismatch, [hebeiBlock({ budget: general, fiscal: general, usage: '预算数20.4万元' })])).toHaveLength(1);
  });
});

function costBlock(budget: number, cost: IndicatorTuple[], moneyUnit: '万元' | '元' = '万元') {
  return hebeiBlock({
    budget,
    fiscal: budget,
    moneyUnit,
    indicators: [['产出指标', '数量指标', '发放行政村数量', '39个', '行政村数量'], ...cost],
  });
}

describe('total/cost-exceeds-budget', () => {
  it('is silent on costs within the budget, per-unit standards, 成本控制率 and floors per item', () => {
    const silent = [
      costBlock(20, [['', '成本指标', '建造成本', '20万元']]),
      costBlock(2, [['', '成本指标', '村干部月工资标准', '≥25000元']]),
      costBlock(2, [['', '成本指标', '保障经费', '3万元/村']]),
      costBlock(2, [['', '成本指标', '生活补助', '20元/人/月']]),
      costBlock(2, [['', '成本指标', '补助', '3万元', '', '每个行政村每年补助']]),
      costBlock(3.2, [['', '成本指标', '质保金', '≤3.2万元/年']]),
      costBlock(2, [['', '成本指标', '成本控制率', '100%']]),
      costBlock(0.3, [['', '成本指标', '人均补助', '300元']]),
      costBlock(200000, [['', '成本指标', '项目成本', '20万元']], '元'),
      // a total and its parts are not added up
      costBlock(20, [
        ['', '成本指标', '项目总成本', '20万元'],
        ['', '成本指标', '人员经费', '12万元'],
      ]),
      costBlock(20, [
        ['', '成本指标', '项目成本', '20万元'],
        ['', '成本指标', '人员经费', '12万元'],
        ['', '成本指标', '办公经费', '8万元'],
      ]),
    ];
    silent.forEach((b, i) => expect([i, runRule(totalCostExceedsBudget, [b])]).toEqual([i, []]));
  });

  it('reports one total cost above the budget, converting 元 and 万元', () => {
    const out = runRule(totalCostExceedsBudget, [costBlock(2, [['', '成本指标', '项目成本', '25000元']])]);
    expect(out.map((r) => [r.cell, r.related])).toEqual([['F11', ['C4']]]);
    expect(out[0].message).toContain('“25000元”');
    expect(out[0].message).toContain('预算数2万元');
    expect(runRule(totalCostExceedsBudget, [costBlock(3, [['', '成本指标', '质保金', '≤3.2万元/年']])])).toHaveLength(1);
    expect(runRule(totalCostExceedsBudget, [costBlock(200000, [['', '成本指标', '项目成本', '25万元']], '元')])).toHaveLength(1);
  });

  it('reports several cost rows that together exceed the budget, on each row', () => {
    const out = runRule(totalCostExceedsBudget, [
      costBlock(2.4, [
        ['', '成本指标', '设计费', '0.76万元'],
        ['', '成本指标', '监理费', '0.5万元'],
        ['', '成本指标', '施工费', '1.5万元'],
      ]),
    ]);
    expect(out.map((r) => r.cell)).toEqual(['F11', 'F12', 'F13']);
    expect(out[0].message).toContain('合计2.76万元');
    expect(out[0].related).toEqual(['F12', 'F13', 'C4']);
  });

  it('does not add up rows when one states the whole budget, nor tiny per-unit amounts (haomen #3)', () => {
    const wholeBudget = listBlock({
      amount: 1.02,
      indicators: [
        ['产出指标', '成本指标', '劳务补助', '70元'],
        ['产出指标', '成本指标', '宣传活动成本', '≤1.02万元'],
      ],
    });
    expect(runRule(totalCostExceedsBudget, [wholeBudget])).toEqual([]);
    const tiny = costBlock(1, [
      ['', '成本指标', '宣传费', '0.6万元'],
      ['', '成本指标', '劳务补助', '70元'],
      ['', '成本指标', '培训费', '0.4万元'],
    ]);
    expect(runRule(totalCostExceedsBudget, [tiny])).toEqual([]);
  });

  it('reads 成本指标 as a first-level indicator (central-2021)', () => {
    const b = hebeiBlock({
      profile: 'central-2021',
      budget: 10,
      fiscal: 10,
      indicators: [
        ['产出指标', '数量指标', '发放行政村数量', '39个'],
        ['成本指标', '经济成本指标', '项目实施成本', '12万元'],
      ],
    });
    expect(runRule(totalCostExceedsBudget, [b]).map((r) => r.cell)).toEqual(['F11']);
  });

  it('works on disclosure-list project rows', () => {
    const p = listBlock({ amount: 0.3, indicators: [['产出指标', '成本指标', '工作总成本', '≤0.5万元/年']] });
    expect(runRule(totalCostExceedsBudget, [p])).toHaveLength(1);
    const ok = listBlock({ amount: 0.3, indicators: [['产出指标', '成本指标', '工作总成本', '≤0.3万元/年']] });
    expect(runRule(totalCostExceedsBudget, [ok])).toEqual([]);
  });
});

describe('total/unit-sum-mismatch', () => {
  const unit = (amount: number) => listBlock({ index: 1, row: 4, role: 'unit', code: '407001', name: '门源县浩门镇政府', amount });
  const projects = [1.02, 1.7, 3.4].map((amount, i) => listBlock({ index: 2 + i, row: 5 + i, parentIndex: 1, amount, name: `项目${i}` }));

  it('is silent when the unit equals the sum within 0.005 per row', () => {
    expect(runRule(totalUnitSumMismatch, [unit(6.12), ...projects])).toEqual([]);
    expect(runRule(totalUnitSumMismatch, [unit(6.13), ...projects])).toEqual([]);
  });

  it('reports a unit amount that differs, at the unit’s amount with the project amounts related', () => {
    const out = runRule(totalUnitSumMismatch, [unit(7), ...projects]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'C4', blockIndex: 1, related: ['C5', 'C6', 'C7'] });
    expect(out[0].message).toContain('合计6.12');
  });

  it('is silent with a blank project amount or without projects', () => {
    const blank = listBlock({ index: 5, row: 8, parentIndex: 1, amount: '', name: '项目9' });
    expect(runRule(totalUnitSumMismatch, [unit(7), ...projects, blank])).toEqual([]);
    expect(runRule(totalUnitSumMismatch, [unit(7)])).toEqual([]);
  });
});
