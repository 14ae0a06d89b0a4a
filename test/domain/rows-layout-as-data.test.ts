/**
 * The one-row-per-indicator layout is data too (docs/domain.md §2.8): a made-up province's table — its own
 * column names, a plain 指标值 column with no 指标性质, weights that must total 100 only, its own
 * direction words — registered as a `rows` Profile object only, is recognised, checked and rendered
 * by the same code.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { Profile } from '../../src/domain/profile';
import { registerProfile, sichuanYthAnnual } from '../../src/domain/profiles';
import { findType, parseHeader } from '../../src/domain/templates';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock } from '../../src/sheet/render';
import { SheetBuilder } from '../sheet/grid-builder';

const MADE_UP: Profile = {
  ...sichuanYthAnnual,
  id: 'test-rows-made-up',
  name: '某省项目绩效指标申报表（测试格式）',
  moneyUnit: '万元',
  fields: [
    { key: 'name', caption: '项目', labels: ['项目'], required: '项目的名称' },
    { key: 'budget', caption: '资金（万元）', labels: ['资金'], money: true, required: '项目的资金' },
    { key: 'goal', caption: '目标', labels: ['目标'], required: '项目的目标' },
  ],
  indicatorColumns: [
    { role: 'level1', labels: ['一级指标'] },
    { role: 'level2', labels: ['二级指标'] },
    { role: 'level3', labels: ['三级指标'] },
    { role: 'weight', labels: ['分值'] },
    { role: 'direction', labels: ['方向'] },
  ],
  splitValue: { operator: ['运算'], number: ['目标值'], unit: ['单位'] },
  weightTotals: [100],
  rowsTemplate: {
    title: '项目绩效指标申报表（{{year}}年）',
    columns: ['name', 'budget', 'goal', 'level1', 'level2', 'level3', 'operator', 'number', 'unit', 'weight', 'direction'],
    widths: [16, 10, 24, 10, 14, 22, 6, 8, 6, 6, 8],
    directions: { positive: '越大越好', negative: '越小越好' },
    weights: { 产出指标: 60, 效益指标: 30, 满意度指标: 10 },
  },
};

registerProfile(MADE_UP);

test('recognised and checked by its own columns and totals', () => {
  const b = new SheetBuilder('S');
  b.row(0, 0, ['项目', '资金', '目标', '一级指标', '二级指标', '三级指标', '运算', '目标值', '单位', '分值', '方向']);
  const rows: (string | number)[][] = [
    ['产出指标', '数量指标', '培训人次', '≥', 100, '人次', 20, '越大越好'],
    ['产出指标', '质量指标', '培训合格率', '≥', 95, '%', 20, '越大越好'],
    ['产出指标', '时效指标', '培训完成及时率', '≥', 95, '%', 10, '越大越好'],
    ['产出指标', '成本指标', '培训成本', '≤', 5, '万元', 10, '越小越好'],
    ['效益指标', '社会效益指标', '技能水平', '定性', '提升', '', 20, '越大越好'],
    ['满意度指标', '服务对象满意度指标', '学员满意度', '≤', 90, '%', 10, '越大越好'],
  ];
  rows.forEach((r, i) => b.row(1 + i, 3, r));
  b.row(1, 0, ['技能培训', 5, '培训100人次']);
  const rec = recognize({ sheets: [b.build()] });
  expect(rec.blocks.map((x) => [x.profile, x.name?.text, x.moneyUnit, x.indicators.length])).toEqual([['test-rows-made-up', '技能培训', '万元', 6]]);
  const diags = checkBlocks(rec.blocks);
  // 90 is not accepted here; 越大越好 (its own word) with ≤; a satisfaction with ≤
  expect(diags.map((d) => `${d.ruleId}@${d.cell}`).sort()).toEqual(['indicator/weights-total@J2', 'value/direction-mismatch@K7', 'value/satisfaction@G7'].sort());
  expect(diags.find((d) => d.ruleId === 'indicator/weights-total')?.message).toContain('应为100');
});

test('rendered with its own title, columns, weights and direction words', () => {
  const r = parseHeader({ name: '技能培训', budget: '5', year: 2026 });
  if (!r.ok) throw new Error(r.errors.join());
  const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, renderBlock(MADE_UP, findType('generic') ?? (() => { throw new Error('generic'); })(), r.header));
  expect(sheet.values[0][0]).toBe('项目绩效指标申报表（2026年）');
  const rec = recognize({ sheets: [sheet] });
  expect(rec.blocks).toHaveLength(1);
  const b = rec.blocks[0];
  expect(b.profile).toBe('test-rows-made-up');
  expect(b.indicators.reduce((s, i) => s + Number(i.weight?.value ?? 0), 0)).toBe(100);
  const directions = new Set(b.indicators.map((i) => i.direction?.text ?? ''));
  for (const d of directions) expect(['越大越好', '越小越好', '']).toContain(d);
});
