import { displayText } from '../../src/sheet/display';
import { rangeToA1, toA1, type RangePos } from '../../src/domain/address';
import { getProfile } from '../../src/domain/profiles';
import { findType, parseHeader, projectTypes, type ProjectType, type TemplateHeader } from '../../src/domain/templates';
import type { GridSheet } from '../../src/sheet/grid';
import {
  applyPlanToGrid,
  indicatorText,
  planFootprint,
  renderBlock,
  renderWorkbook,
  workbookToGridSheet,
  type RenderPlan,
} from '../../src/sheet/render';
import { indicatorsForProfile } from '../../src/domain/templates';

function header(input: Record<string, unknown>): TemplateHeader {
  const r = parseHeader(input);
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

const type = (id: string) => findType(id) as ProjectType;
const FULL = header({
  name: '2025年农村保洁员经费',
  code: '130322250QXP1WKIBNS3X',
  budget: '156.12',
  year: 2025,
  unitName: '昌黎县安山镇人民政府本级',
  unitCode: '813001',
});

function at(plan: RenderPlan, a1: string) {
  return plan.cells.find((c) => toA1(c.row, c.col) === a1);
}

function grid(plan: RenderPlan): GridSheet {
  return applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
}

describe('renderBlock — hebei-project', () => {
  const plan = renderBlock('hebei-project', type('rural-cleaners'), FULL, { row: 0, col: 0 });

  test('the canonical labels and header values sit where docs/domain.md §2.1 puts them', () => {
    expect(at(plan, 'A1')?.value).toBe('2025年农村保洁员经费绩效目标表');
    expect(at(plan, 'A2')?.value).toBe('813001昌黎县安山镇人民政府本级');
    expect(at(plan, 'F2')?.value).toBe('单位：万元');
    expect(at(plan, 'A3')?.value).toBe('项目编码');
    expect(at(plan, 'B3')?.value).toBe('130322250QXP1WKIBNS3X');
    expect(at(plan, 'D3')?.value).toBe('项目名称');
    expect(at(plan, 'E3')?.value).toBe('2025年农村保洁员经费');
    expect(at(plan, 'B4')?.value).toBe('预算数');
    expect(at(plan, 'D4')?.value).toBe('其中：财政资金');
    expect(at(plan, 'F4')?.value).toBe('其他资金');
    expect(['B6', 'C6', 'D6', 'E6'].map((a) => at(plan, a)?.value)).toEqual(getProfile('hebei-project').checkpointSets[0]);
    expect(at(plan, 'A8')?.value).toBe('绩效目标');
    expect(['A9', 'B9', 'C9', 'D9', 'F9', 'G9'].map((a) => at(plan, a)?.value)).toEqual([
      '一级指标',
      '二级指标',
      '三级指标',
      '绩效指标描述',
      '指标值',
      '指标值确定依据',
    ]);
  });

  test('money is written as numbers with two decimals; the code as text', () => {
    expect(at(plan, 'C4')).toMatchObject({ value: 156.12, numberFormat: '0.00' });
    expect(at(plan, 'E4')).toMatchObject({ value: 156.12, numberFormat: '0.00' });
    expect(at(plan, 'G4')).toMatchObject({ value: 0, numberFormat: '0.00' });
    expect(at(plan, 'B3')?.numberFormat).toBe('@');
  });

  test('the plan is left blank by default, formatted as %; a given plan is written as fractions', () => {
    // a plan cell shows a whole percentage as the clerk writes it: 0.25 → 25%, not 25.00%
    for (const a of ['B7', 'C7', 'D7', 'E7']) expect(at(plan, a)).toMatchObject({ value: null, numberFormat: '0%' });
    expect(displayText(0.25, at(plan, 'B7')?.numberFormat)).toBe('25%');
    const withPlan = renderBlock('hebei-project', type('rural-cleaners'), header({ budget: 1, plan: '25,50,75,100' }));
    expect(['B7', 'C7', 'D7', 'E7'].map((a) => at(withPlan, a)?.value)).toEqual([0.25, 0.5, 0.75, 1]);
    expect(() => renderBlock('hebei-project', type('rural-cleaners'), header({ plan: '50,100' }))).toThrow('资金支出计划应填4期');
  });

  test('goal and usage are blank; values only where the library has a standard target', () => {
    expect(at(plan, 'B8')?.value).toBeNull();
    expect(at(plan, 'B5')?.value).toBeNull();
    const rows = indicatorsForProfile(type('rural-cleaners'), getProfile('hebei-project'));
    rows.forEach((r, k) => {
      const v = at(plan, `F${10 + k}`);
      expect(v?.value ?? null).toBe(r.indicator?.value ?? null);
      expect(v?.numberFormat).toBe('@');
      expect(at(plan, `C${10 + k}`)?.value).toBe(r.indicator?.level3);
      expect(at(plan, `G${10 + k}`)?.value).toBe(r.indicator?.basis);
    });
    const written = plan.cells.filter((c) => c.col === 5 && c.row >= 9 && c.value !== null).map((c) => c.value);
    expect(written.length).toBeGreaterThan(0);
    for (const v of written) expect(String(v)).toMatch(/^(≥90%|100%)$/);
  });

  test('merges: title, unit line, code, name, labels, usage, goal, descriptions, 一级/二级 runs', () => {
    const m = plan.merges.map(rangeToA1);
    for (const a of ['A1:G1', 'A2:E2', 'F2:G2', 'B3:C3', 'E3:G3', 'A4:A5', 'B5:G5', 'A6:A7', 'F6:G6', 'F7:G7', 'B8:G8', 'D9:E9', 'D10:E10']) {
      expect(m).toContain(a);
    }
    const rows = indicatorsForProfile(type('rural-cleaners'), getProfile('hebei-project'));
    const out = rows.filter((r) => r.level1 === '产出指标').length;
    expect(m).toContain(`A10:A${9 + out}`);
    expect(m).toContain('B10:B11'); // two 数量指标 rows
    // merged areas never overlap
    for (let i = 0; i < plan.merges.length; i++) {
      for (let j = i + 1; j < plan.merges.length; j++) {
        const a = plan.merges[i];
        const b = plan.merges[j];
        const overlap = a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
        expect([rangeToA1(a), rangeToA1(b), overlap]).toEqual([rangeToA1(a), rangeToA1(b), false]);
      }
    }
  });

  test('dropdowns for 一级, 二级 and the checkpoints; prompts within Excel limits', () => {
    const p = getProfile('hebei-project');
    const last = plan.range.bottom + 1;
    const l1 = plan.validations.find((v) => rangeToA1(v.range) === `A10:A${last}`);
    expect(l1?.list).toEqual(['产出指标', '效益指标', '满意度指标']);
    const l2 = plan.validations.find((v) => rangeToA1(v.range) === `B10:B${last}`);
    expect(l2?.list).toEqual(p.level1.flatMap((l) => l.level2.map((x) => x.name)));
    const cp = plan.validations.find((v) => rangeToA1(v.range) === 'D6');
    expect(cp?.list).toEqual(['10月底', '9月底', '三季度']);
    expect(plan.prompts?.length).toBeGreaterThan(10);
    for (const pr of plan.prompts ?? []) {
      expect(pr.title.length).toBeLessThanOrEqual(32);
      expect(pr.message.length).toBeLessThanOrEqual(255);
    }
    const datePrompt = renderBlock('hebei-project', type('rural-environment'), FULL).prompts?.find((x) => x.title === '整治完成时间');
    expect(datePrompt?.message).toContain('2025年12月31日前');
  });

  test('borders cover the table; widths for seven columns', () => {
    expect(plan.borders.map(rangeToA1)).toEqual([`A3:G${plan.range.bottom + 1}`]);
    expect(plan.columnWidths.map((w) => w.col)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(plan.columnWidths.every((w) => w.width >= 10 && w.width <= 40)).toBe(true);
  });

  test('a blank header gives blank cells, never invented numbers', () => {
    const blank = renderBlock('hebei-project', type('rural-cleaners'), header({}));
    for (const a of ['B3', 'E3', 'C4', 'E4', 'G4', 'A2']) expect(at(blank, a)?.value ?? null).toBeNull();
    expect(at(blank, 'A1')?.value).toBe('农村保洁员经费绩效目标表');
    const numbers = blank.cells.filter((c) => typeof c.value === 'number');
    expect(numbers).toEqual([]);
  });
});

describe('renderBlock — anchored anywhere, footprint', () => {
  test('a block at D6 is the block at A1 shifted', () => {
    const a = renderBlock('hebei-project', type('grid'), FULL, { row: 0, col: 0 });
    const b = renderBlock('hebei-project', type('grid'), FULL, { row: 5, col: 3 });
    expect(b.cells.map((c) => ({ ...c, row: c.row - 5, col: c.col - 3 }))).toEqual(a.cells);
    expect(b.merges.map((m) => ({ top: m.top - 5, bottom: m.bottom - 5, left: m.left - 3, right: m.right - 3 }))).toEqual(a.merges);
    expect(b.range).toEqual({ top: 5, left: 3, bottom: a.range.bottom + 5, right: 9 });
    expect(b.columnWidths[0].col).toBe(3);
  });

  test('planFootprint lists every cell of the block once, all inside the range', () => {
    const p = renderBlock('hebei-project', type('grid'), FULL, { row: 2, col: 1 });
    const fp = planFootprint(p);
    const r: RangePos = p.range;
    expect(fp.length).toBe((r.bottom - r.top + 1) * (r.right - r.left + 1));
    expect(new Set(fp.map((c) => `${c.row},${c.col}`)).size).toBe(fp.length);
    expect(fp.every((c) => c.row >= r.top && c.row <= r.bottom && c.col >= r.left && c.col <= r.right)).toBe(true);
  });

  test('applyPlanToGrid keeps only the top-left value of a merge and the number formats', () => {
    const p = renderBlock('hebei-project', type('grid'), FULL, { row: 2, col: 1 });
    const s = grid(p);
    expect(s.values[2][1]).toBe(p.cells[0].value);
    expect(s.values[2][2]).toBeUndefined();
    expect(s.values[5][3]).toBe(156.12);
    expect(s.formats?.[5][3]).toBe('0.00');
    expect(s.merges.length).toBe(p.merges.length);
  });

  test('a type that does not fit the profile is refused', () => {
    const only: ProjectType = { ...type('grid'), profiles: ['hebei-project'] };
    expect(() => renderBlock('disclosure-list', only, FULL)).toThrow('不适用于');
  });
});

describe('renderBlock — central-2021', () => {
  test('成本指标 is a 一级 with 经济成本指标; the dropdown offers the central names', () => {
    const p = renderBlock('central-2021', type('rural-cleaners'), FULL);
    const s = grid(p);
    const col0 = s.values.map((r) => r?.[0]).filter((v) => typeof v === 'string');
    expect(col0).toContain('成本指标');
    const col1 = s.values.map((r) => r?.[1]);
    expect(col1).toContain('经济成本指标');
    expect(col1).not.toContain('成本指标');
    expect(p.validations.some((v) => v.list.join() === '产出指标,成本指标,效益指标,满意度指标')).toBe(true);
  });
});

describe('renderBlock — disclosure-list', () => {
  const plan = renderBlock('disclosure-list', type('rural-cleaners'), FULL, { row: 0, col: 0 });

  test('header row, unit row with the total, project row', () => {
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => at(plan, a)?.value)).toEqual(['单位编码', '单位及项目名称', '金额（万元）', '绩效目标', '绩效指标']);
    expect(at(plan, 'A2')?.value).toBe('813001');
    expect(at(plan, 'B2')?.value).toBe('昌黎县安山镇人民政府本级');
    expect(at(plan, 'C2')).toMatchObject({ value: 156.12, numberFormat: '0.00' });
    expect(at(plan, 'B3')?.value).toBe('2025年农村保洁员经费');
    expect(at(plan, 'C3')).toMatchObject({ value: 156.12, numberFormat: '0.00' });
    expect(at(plan, 'D3')?.value).toBeNull();
    expect(plan.range).toEqual({ top: 0, left: 0, bottom: 2, right: 4 });
  });

  test('the indicator text has the headings, the names and only the standard targets', () => {
    const text = String(at(plan, 'E3')?.value);
    expect(text.split('\n').slice(0, 3)).toEqual(['一、产出指标', '(一) 数量指标：', '1. 保洁员人数：']);
    expect(text).toContain('二、效益指标');
    expect(text).toContain('三、满意度指标');
    expect(text).toContain('1. 村民满意度 ≥90%');
    expect(text).toContain('保洁员工资足额发放率 100%');
    expect(text).not.toMatch(/\d+(人|个|次|万元|元)/);
  });

  test('without a unit code there is no unit row', () => {
    const p = renderBlock('disclosure-list', type('rural-cleaners'), header({ name: 'x', unitName: '某镇' }));
    expect(p.range.bottom).toBe(1);
    expect(at(p, 'B2')?.value).toBe('x');
  });

  test('indicatorText numbers the lines per 二级', () => {
    const t = indicatorText([
      { level1: '产出指标', level2: '数量指标', indicator: { ...type('grid').indicators[0] } },
      { level1: '产出指标', level2: '数量指标', indicator: { ...type('grid').indicators[1] } },
      { level1: '产出指标', level2: '质量指标' },
    ]);
    expect(t).toBe('一、产出指标\n(一) 数量指标：\n1. 网格员人数：\n2. 网格覆盖行政村数：\n(二) 质量指标：');
  });
});

describe('renderWorkbook', () => {
  test('hebei: a title with the unit and year, then one numbered block per item, gaps between', () => {
    const items = projectTypes.map((t) => ({ type: t, header: header({ year: 2025, unitName: '安山镇人民政府本级' }) }));
    const wb = renderWorkbook('hebei-project', items);
    expect(wb.plans).toHaveLength(items.length + 1);
    const sheet = workbookToGridSheet(wb);
    expect(sheet.values[0][0]).toBe('安山镇人民政府2025年部门预算项目绩效目标表');
    expect(wb.plans[1].range.top).toBe(2);
    for (let i = 2; i < wb.plans.length; i++) expect(wb.plans[i].range.top).toBe(wb.plans[i - 1].range.bottom + 3);
    expect(String(wb.plans[1].cells[0].value)).toMatch(/^1\./);
    expect(String(wb.plans[2].cells[0].value)).toMatch(/^2\./);
    // one block per printed page
    expect(wb.plans[1].pageBreaks).toBeUndefined();
    for (const p of wb.plans.slice(2)) expect(p.pageBreaks).toEqual([p.range.top]);
  });

  test('list: one header, one unit row whose amount is the sum, one row per project', () => {
    const items = [
      { type: type('grid'), header: header({ name: 'A', budget: 1.25, unitCode: '407001', unitName: '某镇政府', year: 2023 }) },
      { type: type('npc'), header: header({ name: 'B', budget: 2.13 }) },
    ];
    const wb = renderWorkbook('disclosure-list', items);
    const s = workbookToGridSheet(wb);
    expect(s.values[0][0]).toBe('某镇政府2023年部门预算项目支出绩效目标公开表');
    expect(s.values[1][0]).toBe('单位编码');
    expect(s.values[2][2]).toBe(3.38);
    expect(s.values[3][1]).toBe('A');
    expect(s.values[4][1]).toBe('B');
  });
});
