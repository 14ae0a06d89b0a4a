/**
 * One cell, one piece of advice (docs/domain.md §7): every pair of rules that can speak about the same cell
 * agrees. The test walks indicator names of every kind (rate, satisfaction, count named or not,
 * cost, cost-control rate, timeliness, 频率) × values of every shape (bare numbers, operators,
 * fractions, percentages written every way, amounts, dates, number cells with formats), runs all
 * rules, and for each cell where two or more speak asserts that what they ask for is one thing:
 * no percentage beside a unit, at most one fix value.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { Diagnostic } from '../../src/domain/model';
import { parseValue } from '../../src/domain/value';
import { hebeiBlock, type CellInput, type IndicatorTuple } from '../helpers/blocks';

const NAMES: [string, string, string][] = [
  ['产出指标', '质量指标', '村庄保洁覆盖率'],
  ['产出指标', '时效指标', '保洁员工资发放及时率'],
  ['满意度指标', '服务对象满意度指标', '村民满意度'],
  ['效益指标', '社会效益指标', '群众满意率'],
  ['产出指标', '数量指标', '保洁员人数'],
  ['产出指标', '数量指标', '补助村数'],
  ['产出指标', '数量指标', '制作横幅'],
  ['产出指标', '数量指标', '巡查频率'],
  ['产出指标', '成本指标', '保洁员工资'],
  ['产出指标', '成本指标', '项目或定额成本控制率'],
  ['产出指标', '时效指标', '完成时间'],
  ['效益指标', '经济效益指标', '村集体收入增长率'],
];

const VALUES: CellInput[] = [
  '95', '≥95', '>=95', '≤95', '0.95', '12', '100', '＝100', '95%', '≥95%', '≤95%', '120%', '-5%', '95百分比', '≥95％',
  '≤3000', '≥3000元', '3000元', '12个', '2023年底前', '2024年11月30日', '及时', '明显改善',
  95, 12, 0.95, { value: 0.95, numberFormat: '0%' }, { value: 45626, numberFormat: 'yyyy"年"m"月"d"日"' }, { value: 12, numberFormat: '0"人"' },
  { value: 1200, numberFormat: '#,##0' }, { value: 3000, numberFormat: '[$¥-804]#,##0.00' },
];

/** What a piece of advice asks for: a percentage, or a number with a unit. */
function asks(d: Diagnostic): Set<'percent' | 'unit'> {
  const out = new Set<'percent' | 'unit'>();
  const targets: string[] = [];
  if (d.fix && typeof d.fix.value === 'string') targets.push(d.fix.value);
  for (const m of d.message.matchAll(/(?:如|应写作|写作|即|改为)“([^”]+)”/g)) targets.push(m[1]);
  if (/应写作百分比|应为百分比|写作百分比/.test(d.message)) out.add('percent');
  for (const t of targets) {
    const k = parseValue(t).kind;
    if (k === 'percent') out.add('percent');
    else if (k === 'count' || k === 'money') out.add('unit');
  }
  if (/应写明(计量)?单位/.test(d.message)) out.add('unit');
  return out;
}

const label = (v: CellInput) => (v !== null && typeof v === 'object' && 'value' in v ? `${String(v.value)} (${v.numberFormat})` : JSON.stringify(v));

describe('one cell, one piece of advice', () => {
  const cases: [string, string, CellInput][] = [];
  for (const [l1, l2, name] of NAMES) for (const v of VALUES) cases.push([`${name} = ${label(v)}`, `${l1}|${l2}|${name}`, v]);

  it.each(cases)('%s: the rules that speak about the value cell agree', (_title, key, value) => {
    const [l1, l2, name] = key.split('|');
    const rows: IndicatorTuple[] = [[l1, l2, name, value, '计划']];
    const block = hebeiBlock({ indicators: rows });
    const cell = block.indicators[0].value.cell;
    const ds = checkBlocks([block], { year: 2024 }).filter((d) => d.cell === cell);
    const kinds = new Set<string>();
    for (const d of ds) for (const k of asks(d)) kinds.add(k);
    expect({ value: label(value), kinds: [...kinds] }).toEqual({ value: label(value), kinds: kinds.size > 1 ? ['one of percent/unit'] : [...kinds] });
    const fixes = new Set(ds.filter((d) => d.fix).map((d) => JSON.stringify(d.fix?.value)));
    expect(fixes.size).toBeLessThanOrEqual(1);
  });

  it('a satisfaction value 95 is told only to be a percentage', () => {
    const block = hebeiBlock({ indicators: [['满意度指标', '服务对象满意度指标', '村民满意度', '95', '调查']] });
    const ds = checkBlocks([block], { year: 2024 }).filter((d) => d.cell === block.indicators[0].value.cell);
    expect(ds.map((d) => d.ruleId)).toEqual(['value/satisfaction']);
    expect(ds[0].message).toContain('应写作百分比');
    expect(ds[0].message).not.toMatch(/个|单位/);
  });

  it('a rate 95 is told to be 95%, with that fix; 12 for 保洁员人数 is told “12人”', () => {
    const block = hebeiBlock({
      indicators: [
        ['产出指标', '质量指标', '村庄保洁覆盖率', '95', '计划'],
        ['产出指标', '数量指标', '保洁员人数', '12', '计划'],
      ],
    });
    const ds = checkBlocks([block], { year: 2024 });
    const rate = ds.filter((d) => d.cell === block.indicators[0].value.cell);
    expect(rate.map((d) => [d.ruleId, d.fix?.value])).toEqual([['value/rate-without-percent', '95%']]);
    const count = ds.filter((d) => d.cell === block.indicators[1].value.cell);
    expect(count.map((d) => d.ruleId)).toEqual(['value/missing-unit']);
    expect(count[0].message).toContain('如“12人”');
  });

  it('a date shown 2024年11月30日 is a date, not its serial number', () => {
    const block = hebeiBlock({ indicators: [['产出指标', '时效指标', '完成时间', { value: 45626, numberFormat: 'yyyy"年"m"月"d"日"' }, '计划']] });
    const ds = checkBlocks([block], { year: 2024 }).filter((d) => d.cell === block.indicators[0].value.cell);
    expect(ds).toEqual([]);
  });
});
