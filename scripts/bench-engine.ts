/**
 * Engine benchmark: generates realistic hebei-project workbooks (≈12 indicator rows per block,
 * varied names and values, some copied indicator sets, a few real mistakes) and times
 * `checkBlocks` — the median of several runs after a warm-up — for each size.
 *
 *   const t = await benchEngine([10, 100, 1000]);   // { '10': ms, '100': ms, '1000': ms }
 *
 * Target: 1,000 blocks (~12,000 indicator rows) under 150 ms, growing linearly.
 */
import { toA1 } from '../src/domain/address';
import { checkBlocks } from '../src/domain/engine';
import type { Block, CellValue, Field, IndicatorRow } from '../src/domain/model';

const PROJECTS = ['村级办公经费', '村干部基础职务补贴', '农村保洁员经费', '人大之家经费', '武装部工作经费', '服务群众专项经费',
  '农村人居环境整治经费', '计生临聘人员补助', '网格管理经费', '离任村干部生活补贴', '防汛经费', '村级党组织活动经费'];

type Row = [string, string, string, CellValue, string?];

const SETS: Row[][] = [
  [
    ['产出指标', '数量指标', '发放行政村数量', '39个'],
    ['产出指标', '数量指标', '补助人数', '≥179人'],
    ['产出指标', '质量指标', '资金使用合规率', '100%'],
    ['产出指标', '质量指标', '人员补贴覆盖率', '≥95百分比'],
    ['产出指标', '时效指标', '经费发放及时率', '≥95%'],
    ['产出指标', '时效指标', '完成时间', '2021年12月31日之前'],
    ['产出指标', '成本指标', '村级办公经费标准', '≤3000元/村'],
    ['效益指标', '经济效益指标', '村集体经济收入增长率', '≥3%'],
    ['效益指标', '社会效益指标', '村组织的运转情况', '顺利运转'],
    ['效益指标', '生态效益指标', '节能办公', '节约水电等资源、能源'],
    ['效益指标', '可持续影响指标', '业务工作可持续性', '长期'],
    ['满意度指标', '服务对象满意度指标', '村民满意度', '≥90%'],
  ],
  [
    ['产出指标', '数量指标', '开展学习培训次数', '≥1次'],
    ['产出指标', '数量指标', '培训人次', '200人次'],
    ['产出指标', '质量指标', '学习培训参与率', '≥75%'],
    ['产出指标', '质量指标', '工程验收合格率', '100百分百'],
    ['产出指标', '时效指标', '资金到位率', '>=95%'],
    ['产出指标', '时效指标', '支付时限', '每月31日之前'],
    ['产出指标', '成本指标', '项目成本', '≤20万元'],
    ['效益指标', '经济效益指标', '对经济发展的影响', '创造稳定发展环境'],
    ['效益指标', '社会效益指标', '对社会稳定的影响', '促进稳定'],
    ['效益指标', '生态效益指标', '环境友好项目率', '≥90％'],
    ['效益指标', '可持续影响指标', '影响年限', '≥1年'],
    ['满意度指标', '服务对象满意度指标', '群众满意度', 0.95],
  ],
];

function f(cell: string, value: CellValue, numberFormat?: string): Field {
  let text = value === null ? '' : typeof value === 'object' ? (value as { error: string }).error : String(value);
  if (typeof value === 'number' && numberFormat?.includes('%')) text = `${Math.round(value * 10000) / 100}%`;
  else if (typeof value === 'number' && numberFormat === '0.00') text = value.toFixed(2);
  const out: Field = { cell, value, text };
  if (numberFormat) out.numberFormat = numberFormat;
  return out;
}

/** A workbook of `n` blocks stacked on one sheet, 22 rows apart. */
export function makeWorkbook(n: number): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < n; i++) {
    const r0 = i * 22;
    const at = (dr: number, dc: number) => toA1(r0 + dr, dc);
    const name = `${PROJECTS[i % PROJECTS.length]}${i >= PROJECTS.length ? `（${Math.floor(i / PROJECTS.length)}）` : ''}`;
    const budget = Math.round((5 + ((i * 37) % 400) + (i % 7) * 0.13) * 100) / 100;
    const fiscal = i % 11 === 3 ? budget - 1 : budget; // a funding mismatch now and then
    // every fifth block copies the previous block's indicators (indicator/copied-set); the others
    // vary names and targets by project, as real workbooks do
    const src = i % 5 === 4 ? i - 1 : i;
    const stem = PROJECTS[src % PROJECTS.length].slice(0, 4);
    const set: Row[] = SETS[src % SETS.length].map(([l1, l2, l3, v], k): Row => {
      if (k % 3 === 2) return [l1, l2, l3, v]; // a few generic rows every project shares
      const shift = typeof v === 'string' && /%|％|百分/.test(v) ? -(src % 5) : src % 17; // rates stay ≤ 100
      const value = typeof v === 'string' ? v.replace(/^(≥|≤|>=)?\d+/, (m) => m.replace(/\d+/, (d) => String(Number(d) + shift))) : v;
      return [l1, l2, `${stem}${l3}${src}`, value];
    });
    const plan: [CellValue, string | undefined][] =
      i % 7 === 2
        ? [['50%', undefined], ['25%', undefined], ['75%', undefined], ['100%', undefined]]
        : i % 2 === 0
          ? [[0.25, '0.00%'], [0.5, '0.00%'], [0.75, '0.00%'], [1, '0.00%']]
          : [['25%', undefined], ['50%', undefined], ['75%', undefined], ['100%', undefined]];
    const indicators: IndicatorRow[] = set.map(([l1, l2, l3, v], k) => {
      const dr = 9 + k;
      const prev = k > 0 ? set[k - 1] : undefined;
      return {
        row: r0 + dr,
        level1: f(at(dr, 0), l1),
        level2: f(at(dr, 1), l2),
        level3: f(at(dr, 2), l3),
        description: f(at(dr, 3), `${l3}情况`),
        value: typeof v === 'number' ? f(at(dr, 5), v, '0%') : f(at(dr, 5), v),
        basis: f(at(dr, 6), k % 3 === 0 ? '工作计划' : '历史经验'),
        inherited: { level1: prev?.[0] === l1, level2: prev?.[1] === l2 },
      };
    });
    const code = `1303222${i % 3 === 0 ? '1' : '0'}${String(i).padStart(13, '0').replace(/0/g, 'A')}`;
    blocks.push({
      index: i,
      profile: 'hebei-project',
      sheet: 'Sheet1',
      range: `${at(0, 0)}:${at(9 + set.length - 1, 6)}`,
      anchor: at(0, 0),
      moneyUnit: '万元',
      title: f(at(0, 0), `${i + 1}.${name}绩效目标表`),
      unitName: f(at(1, 0), '813001昌黎县安山镇人民政府本级'),
      labels: { code: at(2, 0), name: at(2, 3), budget: at(3, 1), plan: at(5, 0), goal: at(7, 0) },
      code: f(at(2, 1), code),
      name: f(at(2, 4), name),
      budget: f(at(3, 2), budget, '0.00'),
      fiscal: f(at(3, 4), fiscal, '0.00'),
      other: f(at(3, 6), i % 4 === 0 ? null : 0, '0.00'),
      usage: f(at(4, 1), `预算数${budget}万元。其中：财政资金${budget}万元。主要用于${name}支出。`),
      plan: {
        labelCell: at(5, 0),
        checkpoints: ['3月底', '6月底', '10月底', '12月底'].map((c, k) => f(at(5, 1 + k), c)),
        values: plan.map(([v, fmt], k) => f(at(6, 1 + k), v, fmt)),
      },
      goal: f(at(7, 1), `1.确保${name}及时足额发放。\n2.计划2021年内完成全部支出，保障工作正常开展。`),
      indicators,
      unparsed: [],
      otherCells: [],
    });
  }
  return blocks;
}

const gc = (globalThis as { gc?: () => void }).gc;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median milliseconds of `checkBlocks` per workbook size. */
export async function benchEngine(sizes: number[] = [10, 100, 1000]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of sizes) {
    const runs = n >= 1000 ? 7 : 15;
    const times: number[] = [];
    checkBlocks(makeWorkbook(n), { year: 2021 }); // warm-up
    for (let k = 0; k < runs; k++) {
      const blocks = makeWorkbook(n); // fresh objects: no per-object memo carried over
      gc?.(); // with `node --expose-gc`: the generator's garbage is not collected on the clock
      const t0 = performance.now();
      checkBlocks(blocks, { year: 2021 });
      times.push(performance.now() - t0);
    }
    out[String(n)] = Math.round(median(times) * 100) / 100;
    await Promise.resolve();
  }
  return out;
}

if (typeof require !== 'undefined' && require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((x) => x > 0);
  benchEngine(sizes.length ? sizes : undefined).then((t) => {
    const rows = makeWorkbook(1000).reduce((s, b) => s + b.indicators.length, 0);
    console.log(JSON.stringify({ medianMs: t, indicatorRowsPer1000Blocks: rows }));
  });
}
