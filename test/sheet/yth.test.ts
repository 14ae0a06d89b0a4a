/**
 * The 一体化 exports (docs/domain.md §2.4, §2.5) built as the system writes them: recognised with their
 * own profile, read (amounts in 元 with zero-shown-blank formats, the year from `（2024年度）`, labels
 * with leading spaces, the split 指标值, the fixed 成本控制率 row, the footnote) and checked with the
 * rules that apply — the split 指标值 read as one value, each problem at the part that is wrong.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { Block, Diagnostic } from '../../src/domain/model';
import { recognize } from '../../src/sheet/recognize';
import type { Cell } from './grid-builder';
import { SheetBuilder } from './grid-builder';
import { ANNUAL_INDICATORS, INFO_FOOTNOTE, INFO_INDICATORS, writeAnnual, writeInfo, YTH_MONEY, type AnnualSpec, type InfoSpec } from './yth-builder';

function annual(spec: AnnualSpec = {}): { block: Block; diags: Diagnostic[]; year?: number } {
  const b = new SheetBuilder('申报表');
  writeAnnual(b, spec);
  const rec = recognize({ sheets: [b.build()] });
  expect(rec.blocks).toHaveLength(1);
  return { block: rec.blocks[0], diags: checkBlocks(rec.blocks, { year: rec.year }), year: rec.year };
}

function info(spec: InfoSpec = {}, year = 2024): { block: Block; diags: Diagnostic[] } {
  const b = new SheetBuilder('信息表');
  writeInfo(b, spec);
  const rec = recognize({ sheets: [b.build()] });
  expect(rec.blocks).toHaveLength(1);
  return { block: rec.blocks[0], diags: checkBlocks(rec.blocks, { year }) };
}

const at = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.cell}`).sort();

/** The 信息表's rows with row k replaced. */
function infoRows(k: number, row: Cell[]): Cell[][] {
  return INFO_INDICATORS.map((r, i) => (i === k ? row : r));
}

describe('hebei-yth-annual — 项目支出绩效目标申报表（年度）', () => {
  it('is recognised with its own profile: every field at its cell, money in 元, the year from （2024年度）', () => {
    const { block, year } = annual();
    expect(year).toBe(2024);
    expect(block.profile).toBe('hebei-yth-annual');
    expect(block.moneyUnit).toBe('元');
    expect(block.title?.text).toBe('项目支出绩效目标申报表');
    expect(block.anchor).toBe('A1');
    expect(block.range).toBe('A1:H24');
    expect(block.name).toMatchObject({ cell: 'C4', text: '2024年农村保洁员经费' });
    expect(block.unitName?.text).toBe('昌黎县安山镇人民政府本级');
    expect(block.extra?.department?.text).toBe('[813001]昌黎县安山镇人民政府');
    // the labels carry leading spaces (`     财政拨款`); the values are right of them
    expect(block.budget).toMatchObject({ cell: 'E7', value: 156000, text: '156,000.00' });
    expect(block.fiscal).toMatchObject({ cell: 'E8', value: 156000 });
    expect(block.extra?.fiscalUpper).toMatchObject({ cell: 'E9', value: 100000 });
    expect(block.extra?.fiscalLocal).toMatchObject({ cell: 'E10', value: 56000 });
    // a zero with the system's format shows blank: still the amount 0
    expect(block.other).toMatchObject({ cell: 'E11', value: 0, text: '', numberFormat: YTH_MONEY });
    expect(block.goal?.cell).toBe('C12');
    expect(block.code).toBeUndefined();
    expect(block.plan).toBeUndefined();
    expect(block.indicators.map((r) => r.value.cell)).toEqual(ANNUAL_INDICATORS.map((_, k) => `E${16 + k}`));
    expect(block.indicators[4]).toMatchObject({ level2: { text: '成本指标' }, level3: { text: '项目或定额成本控制率' }, value: { text: '＝100%' } });
    expect(block.indicators[1].inherited).toEqual({ level1: true, level2: true });
  });

  it('a correct 申报表 is clean: the fixed 成本控制率 row, a blank 其他资金 and the 说明 column are understood; no code, plan or basis asked for', () => {
    expect(at(annual().diags)).toEqual([]);
  });

  it('total/funding-mismatch: 资金总额 = 财政拨款 + 其他资金 and 财政拨款 = 上级补助 + 本级安排, a blank part counts 0', () => {
    const { diags } = annual({ amounts: [160000, 156000, 100000, undefined, 0] });
    expect(at(diags)).toEqual(['total/funding-mismatch@E7', 'total/funding-mismatch@E8']);
    const total = diags.find((d) => d.cell === 'E7');
    expect(total?.message).toBe(
      '资金总额160000不等于财政拨款156000与其他资金0之和156000（相差4000元）：应满足 资金总额 = 财政拨款 + 其他资金',
    );
    expect(total?.related).toEqual(['E8', 'E11']);
    const fiscal = diags.find((d) => d.cell === 'E8');
    expect(fiscal?.message).toBe(
      '财政拨款156000不等于上级补助100000与本级安排（空）之和100000（相差56000元）：应满足 财政拨款 = 上级补助 + 本级安排',
    );
    expect(fiscal?.related).toEqual(['E9', 'E10']);
    expect(fiscal?.severity).toBe('error');
  });

  it('amounts typed as text with thousands separators add up too; a difference within 0.005 元 is rounding', () => {
    expect(at(annual({ amounts: ['156,000.00', '156000', '100,000.004', '56,000', undefined] }).diags)).toEqual([]);
  });

  it('a blank 资金总额 or 年度总体目标 is asked for in the format’s own words', () => {
    const { diags } = annual({ amounts: [undefined, 0, 0, 0, 0], goal: undefined });
    const msgs = diags.filter((d) => d.ruleId === 'table/missing-field').map((d) => `${d.cell} ${d.message}`);
    expect(msgs).toEqual(['E7 资金总额为空：应填写本项目的年度资金总额（单位：元）', 'C12 年度总体目标为空：应填写本项目的年度总体目标']);
  });

  it('cost in 元 against the 资金总额, and the year rules with the year of （2024年度）', () => {
    const rows = ANNUAL_INDICATORS.map((r) => [...r]);
    rows[5][3] = '≤20万元'; // 200,000 元 > 156,000 元
    rows[3] = [undefined, '时效指标', '完成时间', '2023年12月31日前', undefined];
    const { diags } = annual({ indicators: rows });
    expect(at(diags)).toEqual(['total/cost-exceeds-budget@E21', 'value/year-mismatch@E19']);
  });

  it('indicator/copied-set does not count the row the system fixes in every table', () => {
    const two = (shared: number) => {
      const b = new SheetBuilder('申报表');
      const other = ANNUAL_INDICATORS.map((r, k) => (k >= 5 + shared && k < 8 ? [r[0], r[1], r[2], k === 5 ? '≤150000元' : '另一个目标', r[4]] : r));
      const end = writeAnnual(b);
      writeAnnual(b, { row: end + 2, name: '2024年农村保洁员工资', indicators: other });
      const rec = recognize({ sheets: [b.build()] });
      return checkBlocks(rec.blocks, { year: 2024 }).filter((d) => d.ruleId === 'indicator/copied-set');
    };
    // 4 identical pairs and the fixed 成本控制率 row: not a copy
    expect(two(0)).toEqual([]);
    // 5 identical pairs of their own: a copy, reported on both
    expect(two(1).map((d) => d.cell)).toEqual(['C4', 'C30']);
  });

  it('a label stands anywhere: the 申报表 moved right and down is the same table', () => {
    const { block, diags } = annual({ row: 4, col: 2 });
    expect(block.profile).toBe('hebei-yth-annual');
    expect(block.budget?.cell).toBe('G11');
    expect(diags).toEqual([]);
  });
});

describe('hebei-yth-info — 预算项目绩效信息表（预算编制阶段）', () => {
  it('is recognised with the split 指标值: the three cells read as one value at the 值 cell; the footnote is no indicator', () => {
    const { block } = info();
    expect(block.profile).toBe('hebei-yth-info');
    expect(block.title?.text).toBe('预算项目绩效信息表（预算编制阶段）');
    expect(block.name?.cell).toBe('B2');
    expect(block.code).toMatchObject({ cell: 'F2', text: '130322240QXP1WKIBNS3X' });
    expect(block.goal?.cell).toBe('B3');
    expect(block.budget).toBeUndefined();
    expect(block.range).toBe('A1:H15');
    expect(block.indicators).toHaveLength(INFO_INDICATORS.length);
    const first = block.indicators[0];
    expect(first.value).toEqual({ cell: 'E8', value: '=12人', text: '=12人' });
    expect(first.split?.operator.cell).toBe('D8');
    expect(first.split?.unit.cell).toBe('F8');
    expect(block.indicators.map((r) => r.value.text)).toEqual(['=12人', '≥39个', '≥95%', '=100%', '=100%', '明显改善', '健全', '≥90%']);
    expect(block.indicators.some((r) => r.level1.text.startsWith('备注'))).toBe(false);
    expect(block.otherCells.map((f) => f.text)).not.toContain(INFO_FOOTNOTE);
  });

  it('a correct 信息表 is clean: 定性 rows, the fixed 成本控制率 row, no amounts or plan asked for', () => {
    expect(at(info().diags)).toEqual([]);
  });

  it('the half-width > = < a clerk types are the system’s symbols too', () => {
    const rows = INFO_INDICATORS.map((r) => [...r]);
    rows[0][3] = '=';
    rows[1][3] = '>';
    rows[7][3] = '>=';
    const { diags } = info({ indicators: rows });
    expect(at(diags)).toEqual(['value/split-operator@D15']); // `>=` is not one of them
  });

  it('value/split-operator: an unknown 符号, or a blank one beside a value, at the 符号 cell', () => {
    const d1 = info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', '大于', 95, '%']) }).diags;
    expect(at(d1)).toEqual(['value/split-operator@D10']);
    expect(d1[0].message).toBe('三级指标“村庄保洁覆盖率”的符号“大于”不是系统规定的符号：应为 ≥ ＞ ＝ ＜ ≤ 定性 之一（文字目标选“定性”）');
    expect(at(info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', undefined, 95, '%']) }).diags)).toEqual([
      'value/split-operator@D10',
    ]);
  });

  it('value/split-not-numeric at the 值 cell; a whole value typed into 值 is offered split into its three cells', () => {
    const { diags } = info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', undefined, '≥95%', undefined]) });
    expect(at(diags)).toEqual(['value/split-not-numeric@E10', 'value/split-operator@D10']);
    const d = diags.find((x) => x.ruleId === 'value/split-not-numeric');
    expect(d?.message).toBe('三级指标“村庄保洁覆盖率”的值“≥95%”是完整的指标值：应拆开填写——符号“≥”、值“95”、计量单位“%”');
    expect(d?.fix).toEqual({
      cell: 'E10',
      value: 95,
      label: '拆成“≥”“95”“%”',
      also: [
        { cell: 'D10', value: '≥' },
        { cell: 'F10', value: '%' },
      ],
    });
    const words = info({ indicators: infoRows(0, ['产出指标', '数量指标', '保洁员人数', '＝', '十二', '人']) }).diags;
    expect(at(words)).toEqual(['value/split-not-numeric@E8']);
    expect(words[0].fix).toBeUndefined();
    expect(at(info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', '≥', '95以上', '%']) }).diags)).toEqual([
      'value/split-not-numeric@E10',
    ]);
  });

  it('value/split-missing-unit at the 计量单位 cell', () => {
    const { diags } = info({ indicators: infoRows(1, [undefined, undefined, '保洁覆盖行政村数', '≥', 39, undefined]) });
    expect(at(diags)).toEqual(['value/split-missing-unit@F9']);
    expect(diags[0].message).toBe('三级指标“保洁覆盖行政村数”的值39没有计量单位：应在“计量单位”栏填写单位，如“%”“个”“人次”“万元”');
  });

  it('a broken split gets its split diagnostic only: no value rule reads half a value', () => {
    // 满意度 with no unit would be “not a percentage”; the split rule says what is wrong
    const { diags } = info({ indicators: infoRows(7, ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', 90, undefined]) });
    expect(at(diags)).toEqual(['value/split-missing-unit@F15']);
  });

  it.each([
    ['满意度 with ≤: the 符号', ['满意度指标', '服务对象满意度指标', '村民满意度', '≤', 90, '%'], 7, 'value/satisfaction@D15'],
    ['满意度 below the floor: the 值', ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', 70, '%'], 7, 'value/satisfaction@E15'],
    ['满意度 as 定性: the 符号', ['满意度指标', '服务对象满意度指标', '村民满意度', '定性', '满意', undefined], 7, 'value/satisfaction@D15'],
    ['满意度 in 人: the 计量单位', ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', 90, '人'], 7, 'value/satisfaction@F15'],
    ['a coverage rate above 100%: the 值', [undefined, '质量指标', '村庄保洁覆盖率', '≥', 120, '%'], 2, 'value/percent-out-of-range@E10'],
    ['a count in %: the 计量单位', ['产出指标', '数量指标', '保洁员人数', '≥', 95, '%'], 0, 'value/quantity-not-count@F8'],
    ['a total cost with ≥: the 符号', [undefined, '成本指标', '保洁员经费总成本', '≥', 15.6, '万元'], 4, 'value/cost-direction@D13'],
    ['a cost as 定性: the 符号', [undefined, '成本指标', '保洁员经费总成本', '定性', '节约', undefined], 4, 'value/cost-not-quantified@D13'],
    ['a blank 值: the 值', [undefined, '质量指标', '村庄保洁覆盖率', '≥', undefined, '%'], 2, 'indicator/missing-value@E10'],
    ['a year of another budget: the 值', [undefined, '时效指标', '完成时间', '定性', '2023年12月底前', undefined], 3, 'value/year-mismatch@E11'],
  ])('%s', (_what, row, k, expected) => {
    const rows = k === 4 ? [...INFO_INDICATORS.slice(0, 5), row as Cell[], ...INFO_INDICATORS.slice(5)] : infoRows(k as number, row as Cell[]);
    const found = at(info({ indicators: rows }).diags);
    expect(found).toContain(expected);
    expect(found).toHaveLength(1);
  });

  it('a percent written ％ in 计量单位: value/percent-notation at the 计量单位 cell, fixed there to %', () => {
    const { diags } = info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', '≥', 95, '％']) });
    expect(at(diags)).toEqual(['value/percent-notation@F10']);
    expect(diags[0].fix).toEqual({ cell: 'F10', value: '%', label: '改为“%”' });
  });

  it('the blank 值 asks for a number, not a whole value', () => {
    const { diags } = info({ indicators: infoRows(2, [undefined, '质量指标', '村庄保洁覆盖率', '≥', undefined, '%']) });
    expect(diags[0].message).toBe(
      '三级指标“村庄保洁覆盖率”的“值”为空：应填写目标数字，如“95”，符号和计量单位填在各自的栏；文字目标把符号选为“定性”，在“值”栏填写，如“提升”',
    );
  });
});

describe('hebei-yth-info: indicator/copied-set compares the split values as the values they form', () => {
  /** the same indicators written another way: 值 as text or with decimals, half-width symbols, 计量单位 with spaces */
  const rewritten: Cell[][] = INFO_INDICATORS.map((r) => {
    const [l1, l2, l3, op, v, unit, ...rest] = r;
    if (op === '定性') return r;
    const num = typeof v === 'number' ? (v === 95 ? { v: 95, fmt: '0.00' } : String(v)) : v;
    return [l1, l2, l3, op === '＝' ? '=' : op, num, typeof unit === 'string' ? ` ${unit} ` : unit, ...rest] as Cell[];
  });

  function twoProjects(second: Cell[][], blankAfterHeader = false): Diagnostic[] {
    const b = new SheetBuilder('信息表');
    const next = writeInfo(b, { name: '2024年农村保洁员经费', code: '130322240QXP1WKIBNS3X' });
    const rows = second.map((r) => r.map((c) => (c !== null && typeof c === 'object' && 'v' in (c as object) ? (c as unknown as { v: number }).v : c)));
    writeInfo(b, { row: next + 2, name: '2024年村庄清洁经费', code: '130322240QXP1WKIBNS3Y', indicators: rows });
    // the 值 written with a format showing decimals (95.00)
    second.forEach((r, k) => {
      const c = r[4] as unknown;
      if (c !== null && typeof c === 'object' && 'fmt' in (c as object)) b.set(next + 2 + 7 + k, 4, (c as { v: number }).v, (c as { fmt: string }).fmt);
    });
    let sheet = b.build();
    if (blankAfterHeader) {
      const at = next + 2 + 7;
      sheet = { ...sheet, values: [...sheet.values.slice(0, at), [], ...sheet.values.slice(at)], formats: [...(sheet.formats ?? []).slice(0, at), [], ...(sheet.formats ?? []).slice(at)], merges: sheet.merges.map((m) => (m.top >= at ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m)) };
    }
    const rec = recognize({ sheets: [sheet] });
    expect(rec.blocks.map((x) => x.profile)).toEqual(['hebei-yth-info', 'hebei-yth-info']);
    return checkBlocks(rec.blocks, { year: 2024 });
  }

  it('two projects whose 符号 | 值 | 计量单位 form the same values are reported on both', () => {
    const ds = twoProjects(INFO_INDICATORS).filter((d) => d.ruleId === 'indicator/copied-set');
    expect(ds.map((d) => d.block?.index)).toEqual([0, 1]);
  });

  it('written another way (值 as text or shown 95.00, half-width =, spaces in 计量单位), and after a blank row, still the same values', () => {
    expect(twoProjects(rewritten).filter((d) => d.ruleId === 'indicator/copied-set')).toHaveLength(2);
    expect(twoProjects(rewritten, true).filter((d) => d.ruleId === 'indicator/copied-set')).toHaveLength(2);
  });
});
