import { planFixes } from '../../src/domain/fixes';
import type { Fix } from '../../src/domain/model';
import { checkBlocks } from '../../src/domain/engine';
import { hebeiBlock } from '../helpers/blocks';

describe('planFixes', () => {
  const zero = (cell: string): Fix => ({ cell, value: 0, numberFormat: '0%', label: `${cell}填写0%` });

  it('turns fixes into edits, main edit first then the `also` edits', () => {
    const running: Fix = {
      cell: 'C7',
      value: 0.5,
      numberFormat: '0%',
      label: '改为累计百分比',
      also: [
        { cell: 'D7', value: 0.75, numberFormat: '0%' },
        { cell: 'E7', value: 1, numberFormat: '0%' },
      ],
    };
    const plan = planFixes([zero('B9'), running]);
    expect(plan.edits).toEqual([
      { cell: 'B9', value: 0, numberFormat: '0%' },
      { cell: 'C7', value: 0.5, numberFormat: '0%' },
      { cell: 'D7', value: 0.75, numberFormat: '0%' },
      { cell: 'E7', value: 1, numberFormat: '0%' },
    ]);
    expect(plan.applied).toEqual([zero('B9'), running]);
    expect(plan.refused).toEqual([]);
  });

  it('refuses a later fix touching a cell an earlier chosen fix touches, with a Chinese reason', () => {
    const first: Fix = { cell: 'C7', value: 0.5, label: '累计', also: [{ cell: 'D7', value: 0.75 }] };
    const second = zero('$D$7');
    const plan = planFixes([first, second, zero('B7')]);
    expect(plan.applied).toEqual([first, zero('B7')]);
    expect(plan.refused).toHaveLength(1);
    expect(plan.refused[0].fix).toBe(second);
    expect(plan.refused[0].reason).toContain('“累计”');
    expect(plan.refused[0].reason).toContain('D7');
    expect(plan.edits.map((e) => e.cell)).toEqual(['C7', 'D7', 'B7']);
  });

  it('applies a fix chosen twice once', () => {
    const f = zero('B7');
    const plan = planFixes([f, f]);
    expect(plan.edits).toHaveLength(1);
    expect(plan.refused[0].reason).toContain('重复');
  });

  it('omits numberFormat when the fix has none, and handles no fixes', () => {
    expect(planFixes([{ cell: 'A1', value: '≥95%', label: '规范写法' }]).edits).toEqual([{ cell: 'A1', value: '≥95%' }]);
    expect(planFixes([])).toEqual({ edits: [], applied: [], refused: [] });
  });

  it('resolves the real clash of plan/blank-checkpoint and plan/not-cumulative on one plan row', () => {
    const out = checkBlocks([hebeiBlock({ plan: ['50%', null, '50%', null] })]);
    const fixes = out.filter((d) => d.fix).map((d) => d.fix!);
    expect(fixes.length).toBe(2);
    const plan = planFixes(fixes);
    expect(plan.applied).toHaveLength(1);
    expect(plan.refused).toHaveLength(1);
    expect(new Set(plan.edits.map((e) => e.cell)).size).toBe(plan.edits.length);
  });
});
