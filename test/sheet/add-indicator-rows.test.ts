/**
 * 指标库 添加 in a one-row-per-indicator table (docs/domain.md §2.8): the new row goes under its 二级 inside
 * its project, fills 指标性质 and 度量单位 from the indicator's form and 指标方向性 from its operator,
 * leaves the value and the 权重 for the clerk (the checker asks for them), and never goes above the
 * project's first row, which holds the project's fields.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { IndicatorLike } from '../../src/domain/indicators';
import type { Block } from '../../src/domain/model';
import { applyAddPlanToGrid, planAddIndicator, type AddIndicatorPlan } from '../../src/sheet/add-indicator';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { addPlanFootprintIsEmpty } from '../helpers/add-indicator';
import { project, rowsSheet, SICHUAN_COLUMNS } from './rows-builder';

const blocksOf = (s: GridSheet): Block[] => recognize({ sheets: [s] }).blocks;

function add(s: GridSheet, block: Block, ind: IndicatorLike): AddIndicatorPlan {
  const r = planAddIndicator(block, s, ind, 2023);
  if (!r.ok) throw new Error(r.reason);
  expect(addPlanFootprintIsEmpty(s, r.plan)).toBe(true);
  applyAddPlanToGrid(s, r.plan);
  return r.plan;
}

const COST: IndicatorLike = { name: '保洁员工资总额', level1: '产出指标', level2: '成本指标', value: '≤__万元' };
const RATE: IndicatorLike = { name: '垃圾清运覆盖率', level1: '产出指标', level2: '质量指标', value: '≥__%' };

test('under its 二级 in its project: 指标性质, 度量单位 and 方向 filled, value and 权重 left for the clerk', () => {
  const s = rowsSheet({ departments: { 0: ['820-马踏镇部门', 3709840] }, projects: [project('村组干部报酬'), project('村级办公经费', { budget: 400000 })] }).build();
  // the second project is not a copy of the first
  const [p1] = blocksOf(s);
  const before = checkBlocks(blocksOf(s)).filter((d) => d.ruleId !== 'indicator/copied-set');
  const plan = add(s, p1, COST);
  expect(plan.mode).toBe('insert');
  const cost = p1.indicators.find((i) => i.level2.text === '成本指标') as Block['indicators'][number];
  expect(plan.row).toBe(cost.row + 1);
  const [a, b] = blocksOf(s);
  expect(a.name?.text).toBe('村组干部报酬');
  expect(a.indicators).toHaveLength(9);
  expect(b.name?.text).toBe('村级办公经费');
  expect(b.indicators).toHaveLength(8);
  const added = a.indicators.find((i) => i.level3.text === '保洁员工资总额') as Block['indicators'][number];
  expect([added.level1.text, added.level2.text, added.split?.operator.text, added.split?.number.text, added.split?.unit.text, added.direction?.text, added.weight?.text]).toEqual([
    '产出指标', '成本指标', '≤', '', '万元', '反向指标', '',
  ]);
  expect(plan.prompts.map((p) => p.title)).toEqual(['权重', '保洁员工资总额']);
  expect(plan.prompts[0].message).toContain('合计应为90或100');
  // the checker asks for exactly the two blanks: the value and the weight
  const after = checkBlocks([a, b]).filter((d) => d.ruleId !== 'indicator/copied-set');
  const fresh = after.filter((d) => !before.some((x) => x.ruleId === d.ruleId && x.message === d.message));
  expect(fresh.map((d) => `${d.ruleId}@${d.cell}`).sort()).toEqual([`indicator/missing-value@${added.split?.number.cell}`, `table/missing-field@${added.weight?.cell}`].sort());
  // a ≥ rate is 正向指标
  add(s, blocksOf(s)[0], RATE);
  const rate = blocksOf(s)[0].indicators.find((i) => i.level3.text === '垃圾清运覆盖率');
  expect([rate?.split?.operator.text, rate?.split?.unit.text, rate?.direction?.text]).toEqual(['≥', '%', '正向指标']);
});

test('columns in another order: the same cells by their headers', () => {
  const columns = ['项目名称', '预算数', '年度目标', '指标方向性', '权重', '三级指标', '一级指标', '二级指标', '度量单位', '指标值', '指标性质', '单位名称'];
  const s = rowsSheet({ columns, projects: [project('村组干部报酬')] }).build();
  add(s, blocksOf(s)[0], COST);
  const added = blocksOf(s)[0].indicators.find((i) => i.level3.text === '保洁员工资总额');
  expect(added?.direction?.cell.startsWith('D')).toBe(true);
  expect([added?.split?.operator.text, added?.split?.unit.text, added?.direction?.text]).toEqual(['≤', '万元', '反向指标']);
});

test('never above the project\'s first row: an indicator earlier in the frame than every row goes under the first', () => {
  const p = project('村组干部报酬');
  p.indicators = [p.indicators[7], p.indicators[0]]; // 满意度, 效益
  const s = rowsSheet({ columns: SICHUAN_COLUMNS, projects: [p] }).build();
  const [block] = blocksOf(s);
  const plan = add(s, block, { name: '聘用保洁员人数', level1: '产出指标', level2: '数量指标', value: '≥__人' });
  expect(plan.row).toBe(block.indicators[0].row + 1);
  const [after] = blocksOf(s);
  expect(after.name?.text).toBe('村组干部报酬');
  expect(after.indicators.map((i) => i.level3.text)).toEqual(['村民满意度', '聘用保洁员人数', '维护社会稳定']);
  expect(recognize({ sheets: [s] }).sheets[0].note).toBeUndefined();
});
