import {
  planBehindSchedule,
  planBlankCheckpoint,
  planDecreasing,
  planFinalNot100,
  planNotAPercentage,
  planNotCumulative,
  planOutOfRange,
  planRules,
} from '../../src/domain/rules/plan';
import type { CellInput } from '../helpers/blocks';
import { hebeiBlock, listBlock } from '../helpers/blocks';
import type { CellValue } from '../../src/domain/model';
import { getProfile } from '../../src/domain/profiles';
import { readPlanCell } from '../../src/domain/rules/plan/read';
import { parsePlanCell } from '../../src/domain/value';
import { runRule } from '../helpers/run-rule';

const plain = (v: number): CellInput => ({ value: v });
const pctFmt = (v: number): CellInput => ({ value: v, numberFormat: '0%' });

function allPlanReports(plan: CellInput[], settings = {}) {
  const b = hebeiBlock({ plan });
  return planRules.flatMap((r) => runRule(r, [b], settings));
}

describe('plan rules are silent on correct plans', () => {
  it.each<[string, CellInput[]]>([
    ['text 25%', ['25%', '50%', '75%', '100%']],
    ['text 25.00%', ['25.00%', '50.00%', '75.00%', '100.00%']],
    ['0.25 numbers with a % format', [0.25, 0.5, 0.75, 1]],
    ['25 plain numbers (percentage points)', [plain(25), plain(50), plain(75), plain(100)]],
    ['float noise 0.1 + 0.2', [pctFmt(0.1), pctFmt(0.1 + 0.2), pctFmt(0.7), pctFmt(0.1 + 0.2 + 0.7)]],
    ['all at year end', ['0%', '0%', '0%', '100%']],
    ['flat then full', ['50%', '50%', '50%', '100%']],
  ])('%s', (_, plan) => {
    expect(allPlanReports(plan)).toEqual([]);
  });

  it('does not run on a disclosure list', () => {
    expect(planRules.flatMap((r) => runRule(r, [listBlock()]))).toEqual([]);
  });
});

describe('plan/not-a-percentage', () => {
  it('reports text that is not a percentage', () => {
    const out = runRule(planNotAPercentage, [hebeiBlock({ plan: ['25%', '一半', '75%', '100%'] })]);
    expect(out.map((r) => r.cell)).toEqual(['C7']);
    expect(out[0].message).toContain('“一半”');
    expect(out[0].message).toContain('6月底');
  });

  it('reports a money amount written in a plan cell', () => {
    expect(runRule(planNotAPercentage, [hebeiBlock({ plan: ['5万元', '50%', '75%', '100%'] })]).map((r) => r.cell)).toEqual(['B7']);
  });
});

describe('plan/blank-checkpoint', () => {
  it('warns on a blank before a filled checkpoint and offers 0%', () => {
    const out = runRule(planBlankCheckpoint, [hebeiBlock({ plan: [null, null, null, 1] })]);
    expect(out.map((r) => r.cell)).toEqual(['B7', 'C7', 'D7']);
    expect(out[0].severity).toBe('warning');
    // 12月底 is a number with a 0.00% format: the 0 is shown the same way
    expect(out[0].fix).toEqual({ cell: 'B7', value: 0, numberFormat: '0.00%', label: '“3月底”填写0%' });
    expect(out[0].message).toContain('12月底');
    // with no percent format in the row (the plan typed as text), plain 0%
    const text = runRule(planBlankCheckpoint, [hebeiBlock({ plan: [null, '50%', '75%', '100%'] })]);
    expect(text[0].fix).toEqual({ cell: 'B7', value: 0, numberFormat: '0%', label: '“3月底”填写0%' });
  });

  it('the 0% keeps the percent format the cell (or its row) already has', () => {
    const b = hebeiBlock({ plan: [null, null, 0.75, 1] });
    b.plan!.values[0].numberFormat = '0.00%'; // the template's own format on the blank cell
    b.plan!.values[2].numberFormat = '0.0%';
    b.plan!.values[3].numberFormat = '0.0%';
    const out = runRule(planBlankCheckpoint, [b]);
    expect(out.map((r) => r.fix?.numberFormat)).toEqual(['0.00%', '0.0%']);
  });

  it('is silent on trailing blanks and on an all-blank row', () => {
    expect(runRule(planBlankCheckpoint, [hebeiBlock({ plan: ['25%', '100%', null, null] })])).toEqual([]);
    expect(runRule(planBlankCheckpoint, [hebeiBlock({ plan: [null, null, null, null] })])).toEqual([]);
  });
});

describe('plan/out-of-range', () => {
  it('reports values below 0% and above 100%', () => {
    const out = runRule(planOutOfRange, [hebeiBlock({ plan: ['-5%', '50%', '75%', 1.2] })]);
    expect(out.map((r) => [r.cell, r.messageId])).toEqual([
      ['B7', 'low'],
      ['E7', 'high'],
    ]);
    expect(out[1].message).toContain('120%');
  });

  it('accepts exactly 100% reached through float noise', () => {
    expect(runRule(planOutOfRange, [hebeiBlock({ plan: [0.25, 0.5, 0.75, 0.1 + 0.2 + 0.7] })])).toEqual([]);
  });
});

describe('plan/decreasing', () => {
  it('reports a checkpoint lower than an earlier one', () => {
    const out = runRule(planDecreasing, [hebeiBlock({ plan: ['50%', '25%', '75%', '100%'] })]);
    expect(out.map((r) => r.cell)).toEqual(['C7']);
    expect(out[0].message).toBe(
      '资金支出计划“6月底”累计25%低于“3月底”的50%：资金支出计划按累计百分比填写，应逐期不减',
    );
    expect(out[0].related).toEqual(['B7']);
  });

  it('compares with the highest earlier value', () => {
    const out = runRule(planDecreasing, [hebeiBlock({ plan: ['60%', '40%', '50%', '100%'] })]);
    expect(out.map((r) => r.cell)).toEqual(['C7', 'D7']);
  });

  it('leaves a per-period plan to plan/not-cumulative', () => {
    expect(runRule(planDecreasing, [hebeiBlock({ plan: ['40%', '30%', '20%', '10%'] })])).toEqual([]);
  });
});

describe('plan/not-cumulative', () => {
  it('reports a per-period plan and offers the running sum in the cells’ own style', () => {
    const out = runRule(planNotCumulative, [hebeiBlock({ plan: [0.25, 0.25, 0.25, 0.25] })]);
    expect(out).toHaveLength(1);
    expect(out[0].cell).toBe('E7');
    expect(out[0].message).toContain('25%、50%、75%、100%');
    expect(out[0].fix).toEqual({
      cell: 'C7',
      value: 0.5,
      numberFormat: '0.00%',
      label: '改为累计百分比：25%、50%、75%、100%',
      also: [
        { cell: 'D7', value: 0.75, numberFormat: '0.00%' },
        { cell: 'E7', value: 1, numberFormat: '0.00%' },
      ],
    });
  });

  it('writes text cells as text and plain numbers as points; float noise stays out', () => {
    const text = runRule(planNotCumulative, [hebeiBlock({ plan: ['10%', '20%', '30%', '40%'] })]);
    expect(text[0].fix).toMatchObject({ cell: 'C7', value: '30%', also: [{ cell: 'D7', value: '60%' }, { cell: 'E7', value: '100%' }] });
    const points = runRule(planNotCumulative, [hebeiBlock({ plan: [plain(10), plain(20), plain(30), plain(40)] })]);
    expect(points[0].fix).toMatchObject({ cell: 'C7', value: 30, also: [{ cell: 'D7', value: 60 }, { cell: 'E7', value: 100 }] });
    const noisy = runRule(planNotCumulative, [hebeiBlock({ plan: [pctFmt(0.1), pctFmt(0.2), pctFmt(0.3), pctFmt(0.4)] })]);
    expect(noisy[0].fix).toMatchObject({ value: 0.3, also: [{ value: 0.6 }, { value: 1 }] });
  });

  it('fills blanks in the running sum', () => {
    const out = runRule(planNotCumulative, [hebeiBlock({ plan: ['50%', null, '50%', null] })]);
    expect(out[0].fix).toMatchObject({ cell: 'C7', value: '50%', also: [{ cell: 'D7', value: '100%' }, { cell: 'E7', value: '100%' }] });
  });

  it('is silent when the values do not add up to 100%', () => {
    expect(runRule(planNotCumulative, [hebeiBlock({ plan: ['25%', '50%', '75%', '90%'] })])).toEqual([]);
    expect(runRule(planNotCumulative, [hebeiBlock({ plan: ['25%', '25%', '25%', '20%'] })])).toEqual([]);
  });
});

describe('plan/final-not-100', () => {
  it('reports a last checkpoint below 100%', () => {
    const out = runRule(planFinalNot100, [hebeiBlock({ plan: ['25%', '50%', '75%', '90%'] })]);
    expect(out.map((r) => r.cell)).toEqual(['E7']);
    expect(out[0].message).toBe('资金支出计划最后一期“12月底”为90%：年底累计支出应为100%');
  });

  it('reports a blank last checkpoint when earlier ones are filled', () => {
    expect(runRule(planFinalNot100, [hebeiBlock({ plan: ['25%', '50%', '75%', null] })]).map((r) => r.messageId)).toEqual(['blank']);
  });

  it('stays silent where another rule says it better', () => {
    // per period → not-cumulative; > 100 → out-of-range; not a percentage; all blank → missing-field
    for (const plan of [['25%', '25%', '25%', '25%'], ['25%', '50%', '75%', '120%'], ['25%', '50%', '75%', '全部'], [null, null, null, null]]) {
      expect(runRule(planFinalNot100, [hebeiBlock({ plan })])).toEqual([]);
    }
  });
});

describe('plan/behind-schedule', () => {
  it('is off by default', () => {
    expect(runRule(planBehindSchedule, [hebeiBlock({ plan: ['0%', '10%', '20%', '100%'] })])).toEqual([]);
  });

  it('with plan pacing on, reports checkpoints below month/12 × share', () => {
    const out = runRule(planBehindSchedule, [hebeiBlock({ plan: ['0%', '50%', '60%', '100%'] })], { planPacing: true });
    // 3月底 0% < 25%; 6月底 50% = 50% fine; 10月底 60% < 83.33%
    expect(out.map((r) => r.cell)).toEqual(['B7', 'D7']);
    expect(out[0].severity).toBe('info');
    expect(out[1].message).toContain('83.33%');
  });

  it('is silent on a plan on pace, also with 一季度… headers', () => {
    const b = hebeiBlock({ checkpoints: ['一季度', '二季度', '三季度', '四季度'], plan: ['25%', '50%', '75%', '100%'] });
    expect(runRule(planBehindSchedule, [b], { planPacing: true })).toEqual([]);
    const late = hebeiBlock({ checkpoints: ['一季度', '二季度', '三季度', '四季度'], plan: ['25%', '40%', '75%', '100%'] });
    expect(runRule(planBehindSchedule, [late], { planPacing: true }).map((r) => r.cell)).toEqual(['C7']);
  });
});

describe('plan/behind-schedule with a profile share below 1', () => {
  it('expects only the share of the time-proportional progress', () => {
    const profile = { ...getProfile('hebei-project'), planPacingShare: 0.8 };
    const b = hebeiBlock({ plan: ['20%', '39%', '70%', '100%'] });
    const out = runRule(planBehindSchedule, [b], { planPacing: true }, { profile });
    // expected 20% / 40% / 66.67%: only 6月底 39% is behind
    expect(out.map((r) => r.cell)).toEqual(['C7']);
    expect(out[0].message).toContain('80%');
  });
});

describe('the plan cell fast path', () => {
  it('agrees with parsePlanCell', () => {
    const inputs: [CellValue, string | undefined][] = [
      [0.25, '0.00%'], [1, '0%'], [0.1 + 0.2, '0%'], [25, undefined], [25, '0.00'], ['25%', undefined], ['25.00%', undefined],
      [' 100 % ', undefined], ['-5%', undefined], ['２５％', undefined], ['一半', undefined], ['≥25%', undefined], ['25', undefined],
      // a % that is literal text in the format does not scale the number
      [25, '0"%"'], [25, '0\\%'],
    ];
    for (const [value, numberFormat] of inputs) {
      const ref = parsePlanCell(value, numberFormat);
      const fast = readPlanCell({ cell: 'A1', value, text: String(value), numberFormat });
      expect([value, fast.ok]).toEqual([value, ref.ok]);
      if (ref.ok) expect(fast.percent).toBeCloseTo(ref.percent!, 9);
    }
  });
});
