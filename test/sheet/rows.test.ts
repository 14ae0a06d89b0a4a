/**
 * One row per indicator (docs/domain.md §2.8, `sichuan-yth-annual`): recognised from its header in any
 * column order, with extra columns, several departments, units and sheets, the header repeated
 * after a page break; the department row is not a project; the value is 指标性质 + 指标值 + 度量单位;
 * and the rules the columns carry, with indicator/weights-total and value/direction-mismatch.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { Block, Diagnostic } from '../../src/domain/model';
import { recognize, type Recognition } from '../../src/sheet/recognize';
import type { GridSheet } from '../../src/sheet/grid';
import { project, rowsSheet, SICHUAN_COLUMNS, writeRows, type RowsIndicator, type RowsSpec } from './rows-builder';
import { SheetBuilder } from './grid-builder';

function read(...sheets: GridSheet[]): { rec: Recognition; diags: Diagnostic[] } {
  const rec = recognize({ sheets });
  return { rec, diags: checkBlocks(rec.blocks, rec.year !== undefined ? { year: rec.year } : {}) };
}

const one = (spec: RowsSpec) => read(rowsSheet(spec).build());
const at = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.cell}`).sort();
const ids = (ds: Diagnostic[]) => [...new Set(ds.map((d) => d.ruleId))].sort();
const values = (b: Block) => b.indicators.map((i) => i.value.text);

/** a project with one indicator replaced (by 三级 name) */
function withIndicator(name: string, level3: string, patch: Partial<RowsIndicator>) {
  const p = project(name);
  p.indicators = p.indicators.map((i) => (i.level3 === level3 ? { ...i, ...patch } : i));
  return p;
}

describe('recognition', () => {
  test('the published layout: the department row is not a project, the project owns the rows below it, values split, 元, the year from the title', () => {
    const { rec, diags } = one({ departments: { 0: ['820-马踏镇部门', 3309840] }, projects: [project('村组干部报酬')] });
    expect(rec.blocks).toHaveLength(1);
    const b = rec.blocks[0];
    expect(b.profile).toBe('sichuan-yth-annual');
    expect(b.name?.text).toBe('村组干部报酬');
    expect(b.unitName?.text).toBe('820001-井研县马踏镇人民政府');
    expect(b.budget?.value).toBe(3309840);
    expect(b.moneyUnit).toBe('元');
    expect(b.range).toBe('A5:L12');
    expect(b.indicators).toHaveLength(8);
    expect(values(b)).toEqual(['有效维护', '=11个', '≥98%', '≥95%', '≤330.98万元', '≥88人', '持续保障', '≥90%']);
    expect(b.indicators[1].split?.operator.cell).toBe('H6');
    expect(b.indicators[1].weight?.cell).toBe('K6');
    expect(b.indicators[1].direction?.text).toBe('正向指标');
    expect(rec.year).toBe(2023);
    expect(rec.yearSource).toBe('title');
    expect(diags).toEqual([]);
  });

  test('columns in another order, with 分值, 备注 and 指标解释 between them: read the same; 权重 is read before 分值', () => {
    const columns = ['项目名称', '单位名称', '一级指标', '二级指标', '三级指标', '指标解释', '指标值', '度量单位', '指标性质', '分值', '权重', '指标方向性', '备注', '年度目标', '预算数'];
    const p = project('村组干部报酬');
    p.indicators = p.indicators.map((i) => ({ ...i, extra: { 分值: 99, 备注: '无', 指标解释: `${i.level3}的说明` } }));
    const { rec, diags } = one({ columns, projects: [p] });
    expect(rec.blocks).toHaveLength(1);
    const b = rec.blocks[0];
    expect(values(b)).toEqual(['有效维护', '=11个', '≥98%', '≥95%', '≤330.98万元', '≥88人', '持续保障', '≥90%']);
    expect(b.indicators[0].weight?.cell).toBe('K4');
    expect(b.indicators[0].description?.text).toBe('维护社会稳定的说明');
    expect(b.goal?.cell).toBe('N4');
    expect(b.budget?.cell).toBe('O4');
    expect(diags).toEqual([]);
  });

  test('a table whose only weight column is 分值 reads the weights there', () => {
    const columns = SICHUAN_COLUMNS.map((c) => (c === '权重' ? '分值' : c));
    const p = project('村组干部报酬');
    p.indicators = p.indicators.map((i) => ({ ...i, extra: { 分值: 5 } }));
    const { rec, diags } = one({ columns, projects: [p] });
    expect(rec.blocks[0].indicators[0].weight?.text).toBe('5');
    expect(ids(diags)).toEqual(['indicator/weights-total']);
    expect(diags[0].message).toContain('合计为40');
  });

  test('several departments and units: each project its own block with its unit; department rows never projects', () => {
    const spec: RowsSpec = {
      departments: { 0: ['820-马踏镇部门', 500000], 2: ['821-三江镇部门', 300000] },
      projects: [
        project('村组干部报酬', { budget: 400000 }),
        project('村级办公经费', { unit: '820002-井研县马踏镇财政所', budget: 100000 }),
        project('离任村干部补贴', { unit: '821001-井研县三江镇人民政府', budget: 300000 }),
      ],
    };
    spec.projects.forEach((p, k) => (p.indicators = p.indicators.map((i) => ({ ...i, level3: `${i.level3}${k}` }))));
    const { rec } = one(spec);
    expect(rec.blocks.map((b) => [b.name?.text, b.unitName?.text, b.indicators.length])).toEqual([
      ['村组干部报酬', '820001-井研县马踏镇人民政府', 8],
      ['村级办公经费', '820002-井研县马踏镇财政所', 8],
      ['离任村干部补贴', '821001-井研县三江镇人民政府', 8],
    ]);
  });

  test('projects spread over sheets, each sheet with its header', () => {
    const a = rowsSheet({ projects: [project('村组干部报酬')] }, '第1页').build();
    const b = rowsSheet({ title: null, projects: [withIndicator('村级办公经费', '行政村数量', { level3: '办公场所数量', value: 12 })] }, '第2页').build();
    const { rec } = read(a, b);
    expect(rec.blocks.map((x) => `${x.sheet}:${x.name?.text}`)).toEqual(['第1页:村组干部报酬', '第2页:村级办公经费']);
    expect(rec.year).toBe(2023);
  });

  test('the title, unit line and header repeated after a page break inside a project: the project goes on below them', () => {
    const b = new SheetBuilder('申报表');
    const { projectRows } = writeRows(b, { departments: { 0: ['820-马踏镇部门', 3309840] }, projects: [project('村组干部报酬')], pageBreakAfter: [4] });
    const { rec, diags } = read(b.build());
    expect(rec.blocks).toHaveLength(1);
    expect(rec.blocks[0].indicators).toHaveLength(8);
    expect(projectRows).toEqual([4]);
    expect(rec.sheets[0].note).toBeUndefined();
    expect(diags).toEqual([]);
  });

  test('project fields merged down, or written again on every row: one project', () => {
    const merged = one({ projects: [project('村组干部报酬', { merge: true })] });
    expect(merged.rec.blocks).toHaveLength(1);
    expect(merged.diags).toEqual([]);
    const repeated = one({ projects: [project('村组干部报酬', { repeatFields: true })] });
    expect(repeated.rec.blocks).toHaveLength(1);
    expect(repeated.rec.blocks[0].indicators).toHaveLength(8);
    expect(repeated.diags).toEqual([]);
  });

  test('indicator rows with no project above them are counted in the sheet note, never a project', () => {
    const b = new SheetBuilder('续表');
    b.row(0, 0, SICHUAN_COLUMNS);
    b.row(1, 0, [undefined, undefined, undefined, undefined, '产出指标', '数量指标', '行政村数量', '=', 11, '个', 10, '正向指标']);
    const { rec } = read(b.build());
    expect(rec.blocks).toHaveLength(0);
    expect(rec.sheets[0].note).toContain('有1行指标上方没有项目名称');
  });

  test('the header alone is not read as a 汇总 table or a block', () => {
    const b = new SheetBuilder('空表');
    b.row(0, 0, SICHUAN_COLUMNS);
    const { rec } = read(b.build());
    expect(rec.blocks).toHaveLength(0);
    expect(rec.summaries).toHaveLength(0);
  });
});

describe('rules the columns carry', () => {
  test('indicator rows in any order of 一级 are grouped: a missing 时效指标 is missing-level2, a missing 满意度 missing-level1', () => {
    const p = project('村组干部报酬');
    p.indicators = p.indicators.filter((i) => i.level2 !== '时效指标' && i.level1 !== '满意度指标');
    p.indicators[0].weight = 45; // keep the total at 90
    const { diags } = one({ projects: [p] });
    expect(ids(diags)).toEqual(['indicator/missing-level1', 'indicator/missing-level2']);
    expect(diags.find((d) => d.ruleId === 'indicator/missing-level2')?.message).toContain('时效指标');
  });

  test('blank 指标值, a duplicate 三级, a rate over 100%, a satisfaction with ≤, an operator the system does not know', () => {
    const p = project('村组干部报酬');
    p.indicators[1] = { ...p.indicators[1], value: '' };
    p.indicators[3] = { ...p.indicators[3], value: 120 };
    p.indicators[5] = { ...p.indicators[5], level3: '行政村数量', operator: '约' };
    p.indicators[7] = { ...p.indicators[7], operator: '≤', direction: '' };
    const { diags } = one({ projects: [p] });
    expect(at(diags)).toEqual(
      expect.arrayContaining(['indicator/missing-value@I5', 'value/percent-out-of-range@I7', 'indicator/duplicate@G9', 'value/split-operator@H9', 'value/satisfaction@H11']),
    );
    const op = diags.find((d) => d.ruleId === 'value/split-operator');
    expect(op?.message).toContain('指标性质“约”');
    // the format's own names for the three parts
    expect(diags.find((d) => d.ruleId === 'indicator/missing-value')?.message).toBe(
      '三级指标“行政村数量”的“指标值”为空：应填写目标数字，如“95”，指标性质和度量单位填在各自的栏；文字目标把指标性质选为“定性”，在“指标值”栏填写，如“提升”',
    );
  });

  test('a cost total above the budget (元 against 万元) is cost-exceeds-budget', () => {
    const { diags } = one({ projects: [project('村组干部报酬', { budget: 2000000 })] });
    expect(at(diags)).toEqual(['total/cost-exceeds-budget@I8']);
  });

  test('blank 项目名称 is never a project; blank 预算数 and 年度目标 are table/missing-field', () => {
    const { diags } = one({ projects: [project('村组干部报酬', { budget: '', goal: '' })] });
    expect(at(diags)).toEqual(['table/missing-field@C4', 'table/missing-field@D4']);
  });
});

describe('indicator/weights-total', () => {
  test('weights totalling 90 or 100 pass; 85 is an error naming the total, its parts and what is expected', () => {
    expect(one({ projects: [project('甲')] }).diags).toEqual([]);
    expect(one({ projects: [withIndicator('乙', '维护社会稳定', { weight: 25 })] }).diags).toEqual([]);
    const { diags } = one({ projects: [withIndicator('丙', '维护社会稳定', { weight: 10 })] });
    expect(at(diags)).toEqual(['indicator/weights-total@K4']);
    expect(diags[0].severity).toBe('error');
    expect(diags[0].message).toBe('本项目各指标权重合计为85（效益25、产出50、满意度10），应为90或100：请调整各指标的权重');
    expect(diags[0].related).toHaveLength(7);
  });

  test('weights as text (`10分`) and as a percent format count as the clerk sees them', () => {
    const p = project('甲');
    p.indicators = p.indicators.map((i) => ({ ...i, weight: i.weight === 15 ? '15分' : i.weight }));
    expect(one({ projects: [p] }).diags).toEqual([]);
    const b = rowsSheet({ projects: [project('乙')] });
    for (let r = 3; r <= 10; r++) b.set(r, 10, (b.values[r][10] as number) / 100, '0%');
    expect(read(b.build()).diags).toEqual([]);
  });

  test('a blank 权重 column is table/missing-field on each weight, not a wrong total', () => {
    const p = project('甲');
    p.indicators = p.indicators.map((i) => ({ ...i, weight: undefined }));
    const { diags } = one({ projects: [p] });
    expect(ids(diags)).toEqual(['table/missing-field']);
    expect(diags).toHaveLength(8);
    expect(diags[0].message).toBe('三级指标“维护社会稳定”的权重为空：应填写该指标的分值（本项目各指标权重合计应为90或100）');
  });

  test('a weight that is not a number is reported at its cell and the total waits', () => {
    const { diags } = one({ projects: [withIndicator('甲', '行政村数量', { weight: '十' })] });
    expect(at(diags)).toEqual(['indicator/weights-total@K5']);
    expect(diags[0].message).toContain('权重“十”不是数字');
  });

  test('the accepted totals are profile data: a table without a weight column is not checked', () => {
    const columns = SICHUAN_COLUMNS.filter((c) => c !== '权重');
    expect(one({ columns, projects: [withIndicator('甲', '维护社会稳定', { weight: 1 })] }).diags).toEqual([]);
  });
});

describe('value/direction-mismatch', () => {
  test('正向指标 with ≤ and 反向指标 with ≥ are warnings at the direction cell, naming both', () => {
    const p = project('甲');
    p.indicators[2] = { ...p.indicators[2], operator: '≤' }; // 发放准确率 正向
    p.indicators[5] = { ...p.indicators[5], direction: '反向指标' }; // 村组干部人数 ≥
    const { diags } = one({ projects: [p] });
    expect(at(diags)).toEqual(['value/direction-mismatch@L6', 'value/direction-mismatch@L9']);
    expect(diags[0].severity).toBe('warning');
    expect(diags[0].message).toContain('指标方向性为“正向指标”（越大越好），而指标性质为“≤”');
    expect(diags[0].related).toEqual(['H6']);
    expect(diags[1].message).toContain('“反向指标”（越小越好），而指标性质为“≥”');
  });

  test('= and 定性 have no direction; a blank direction is not checked', () => {
    const p = project('甲');
    p.indicators[1] = { ...p.indicators[1], direction: '反向指标' }; // =11个
    p.indicators[0] = { ...p.indicators[0], direction: '反向指标' }; // 定性
    p.indicators[2] = { ...p.indicators[2], operator: '≤', direction: '' };
    expect(ids(one({ projects: [p] }).diags)).toEqual([]);
  });

  test('a 成本指标 marked 正向 with ≤ is told costs are 反向; one written ≥ is cost-direction only', () => {
    const pos = one({ projects: [withIndicator('甲', '村组干部报酬总额', { direction: '正向指标' })] }).diags;
    expect(at(pos)).toEqual(['value/direction-mismatch@L8']);
    expect(pos[0].message).toContain('指标方向性应为“反向指标”');
    const ge = one({ projects: [withIndicator('乙', '村组干部报酬总额', { operator: '≥' })] }).diags;
    expect(ids(ge)).toEqual(['value/cost-direction']);
  });
});
