/**
 * The two 一体化 exports as a clerk gets them (docs/domain.md §2.4, §2.5), built cell by cell: merged
 * titles, amounts in 元 with the system's zero-shown-blank number format, labels with leading
 * spaces, the 指标值 split over 符号 | 值 | 计量单位, the fixed 成本控制率 row, the footnote.
 */
import type { Cell } from './grid-builder';
import { SheetBuilder } from './grid-builder';

/** The system's amount format: thousands, two decimals, a zero shown blank. */
export const YTH_MONEY = '#,##0.00;-#,##0.00;[=0]""';

export interface AnnualSpec {
  /** top row (0-based) and left column */
  row?: number;
  col?: number;
  year?: Cell;
  name?: Cell;
  department?: Cell;
  unit?: Cell;
  /** 资金总额, 财政拨款, 上级补助, 本级安排, 其他资金 (undefined = a truly empty cell) */
  amounts?: [Cell, Cell, Cell, Cell, Cell];
  goal?: Cell;
  /** [一级, 二级, 三级, 指标值, 说明] */
  indicators?: Cell[][];
}

export const ANNUAL_INDICATORS: Cell[][] = [
  ['产出指标', '数量指标', '保洁员人数', '=12人', '全镇聘用的村庄保洁员'],
  [undefined, undefined, '保洁覆盖行政村数', '≥39个', undefined],
  [undefined, '质量指标', '村庄保洁覆盖率', '≥95%', undefined],
  [undefined, '时效指标', '保洁员工资发放及时率', '100%', '按月发放'],
  [undefined, '成本指标', '项目或定额成本控制率', '＝100%', undefined],
  [undefined, undefined, '保洁员经费总成本', '≤156000元', undefined],
  ['效益指标', '社会效益指标', '村庄环境卫生状况', '明显改善', undefined],
  [undefined, '可持续影响指标', '保洁长效机制', '健全', undefined],
  ['满意度指标', '服务对象满意度指标', '村民满意度', '≥90%', '抽样调查'],
];

const col = (c: number) => String.fromCharCode(65 + c);

/** Merges one run of equal (written once, blank below) cells in a column. */
function mergeRuns(b: SheetBuilder, c: number, first: number, values: Cell[]): void {
  let start = 0;
  for (let k = 1; k <= values.length; k++) {
    if (k === values.length || values[k] !== undefined) {
      if (k - 1 > start) b.merge(`${col(c)}${first + start + 1}:${col(c)}${first + k}`);
      start = k;
    }
  }
}

/** A 项目支出绩效目标申报表（年度） (8 columns); returns the row after it. */
export function writeAnnual(b: SheetBuilder, spec: AnnualSpec = {}): number {
  const r = spec.row ?? 0;
  const c = spec.col ?? 0;
  const A = (i: number) => col(c + i);
  const at = (dr: number) => r + dr; // 0-based row
  const R = (dr: number) => r + dr + 1; // A1 row number
  b.set(at(0), c, '项目支出绩效目标申报表').merge(`${A(0)}${R(0)}:${A(7)}${R(1)}`);
  b.set(at(2), c, 'year' in spec ? spec.year : '（2024年度）').merge(`${A(0)}${R(2)}:${A(7)}${R(2)}`);
  b.set(at(3), c, '项目名称').merge(`${A(0)}${R(3)}:${A(1)}${R(3)}`);
  b.set(at(3), c + 2, 'name' in spec ? spec.name : '2024年农村保洁员经费').merge(`${A(2)}${R(3)}:${A(7)}${R(3)}`);
  b.set(at(4), c, '主管部门及代码').merge(`${A(0)}${R(4)}:${A(1)}${R(4)}`);
  b.set(at(4), c + 2, 'department' in spec ? spec.department : '[813001]昌黎县安山镇人民政府').merge(`${A(2)}${R(4)}:${A(3)}${R(4)}`);
  b.set(at(4), c + 4, '实施单位').merge(`${A(4)}${R(4)}:${A(5)}${R(4)}`);
  b.set(at(4), c + 6, 'unit' in spec ? spec.unit : '昌黎县安山镇人民政府本级').merge(`${A(6)}${R(4)}:${A(7)}${R(4)}`);
  b.set(at(5), c, '资金来源').merge(`${A(0)}${R(5)}:${A(1)}${R(10)}`);
  b.set(at(5), c + 2, '年度资金情况').merge(`${A(2)}${R(5)}:${A(7)}${R(5)}`);
  const labels = ['资金总额(元)：', '     财政拨款', '     其中：上级补助', '          本级安排', '     其他资金'];
  const amounts = spec.amounts ?? [156000, 156000, 100000, 56000, 0];
  labels.forEach((l, i) => {
    b.set(at(6 + i), c + 2, l).merge(`${A(2)}${R(6 + i)}:${A(3)}${R(6 + i)}`);
    const v = amounts[i];
    if (v !== undefined) b.set(at(6 + i), c + 4, v, YTH_MONEY);
    else b.set(at(6 + i), c + 4, undefined, YTH_MONEY);
    b.merge(`${A(4)}${R(6 + i)}:${A(7)}${R(6 + i)}`);
  });
  b.set(at(11), c, '年度总体目标').merge(`${A(0)}${R(11)}:${A(1)}${R(12)}`);
  b.set(at(11), c + 2, 'goal' in spec ? spec.goal : '聘用12名保洁员，保障全镇39个行政村日常保洁，村庄环境卫生明显改善。').merge(`${A(2)}${R(11)}:${A(7)}${R(12)}`);
  // row 14 (dr 13) is empty, the indicator header on row 15
  const h = at(14);
  const rows = spec.indicators ?? ANNUAL_INDICATORS;
  b.set(h, c, '绩效指标').merge(`${A(0)}${R(14)}:${A(0)}${R(14) + rows.length}`);
  b.row(h, c + 1, ['一级指标', '二级指标', '三级指标', '指标值', undefined, undefined, '说明']);
  b.merge(`${A(4)}${R(14)}:${A(6)}${R(14)}`);
  rows.forEach((ind, k) => {
    const [l1, l2, l3, value, note] = ind;
    b.row(h + 1 + k, c + 1, [l1, l2, l3, value, undefined, undefined, note]);
    b.merge(`${A(4)}${R(15 + k)}:${A(6)}${R(15 + k)}`);
  });
  mergeRuns(b, c + 1, h + 1, rows.map((x) => x[0]));
  mergeRuns(b, c + 2, h + 1, rows.map((x) => x[1]));
  return h + 1 + rows.length;
}

export interface InfoSpec {
  row?: number;
  col?: number;
  name?: Cell;
  code?: Cell;
  goal?: Cell;
  /** [一级, 二级, 三级, 符号, 值, 计量单位, 备注, 指标值说明] */
  indicators?: Cell[][];
  /** the footnote after the indicators; null = none */
  footnote?: string | null;
}

export const INFO_INDICATORS: Cell[][] = [
  ['产出指标', '数量指标', '保洁员人数', '＝', 12, '人', '全镇聘用的村庄保洁员人数', undefined],
  [undefined, undefined, '保洁覆盖行政村数', '≥', 39, '个', undefined, undefined],
  [undefined, '质量指标', '村庄保洁覆盖率', '≥', 95, '%', undefined, '达到95%得满分'],
  [undefined, '时效指标', '保洁员工资发放及时率', '＝', 100, '%', undefined, undefined],
  [undefined, '成本指标', '项目或定额成本控制率', '＝', 100, '%', undefined, undefined],
  ['效益指标', '社会效益指标', '村庄环境卫生状况', '定性', '明显改善', undefined, undefined, undefined],
  [undefined, '可持续影响指标', '保洁长效机制', '定性', '健全', undefined, undefined, undefined],
  ['满意度指标', '服务对象满意度指标', '村民满意度', '≥', 90, '%', '抽样调查', undefined],
];

export const INFO_FOOTNOTE = '备注：1.成本指标的三级指标系统已固化，请勿修改；2.带*号的为必填项。';

/** A 预算项目绩效信息表（预算编制阶段） (8 columns, the 指标值 split); returns the row after it. */
export function writeInfo(b: SheetBuilder, spec: InfoSpec = {}): number {
  const r = spec.row ?? 0;
  const c = spec.col ?? 0;
  const A = (i: number) => col(c + i);
  const R = (dr: number) => r + dr + 1;
  b.set(r, c, '预算项目绩效信息表（预算编制阶段）').merge(`${A(0)}${R(0)}:${A(7)}${R(0)}`);
  b.set(r + 1, c, '项目名称');
  b.set(r + 1, c + 1, 'name' in spec ? spec.name : '2024年农村保洁员经费').merge(`${A(1)}${R(1)}:${A(3)}${R(1)}`);
  b.set(r + 1, c + 4, '项目编码');
  b.set(r + 1, c + 5, 'code' in spec ? spec.code : '130322240QXP1WKIBNS3X').merge(`${A(5)}${R(1)}:${A(7)}${R(1)}`);
  b.set(r + 2, c, '绩效目标').merge(`${A(0)}${R(2)}:${A(0)}${R(3)}`);
  b.set(r + 2, c + 1, 'goal' in spec ? spec.goal : '聘用12名保洁员，保障全镇39个行政村日常保洁，村庄环境卫生明显改善。').merge(`${A(1)}${R(2)}:${A(7)}${R(3)}`);
  // row 5 (dr 4) empty; the header on rows 6–7
  const h = r + 5;
  b.row(h, c, ['一级指标', '二级指标', '*三级指标', '指标值', undefined, undefined, '备注（指标解释等）', '指标值说明（评分标准等）']);
  for (const i of [0, 1, 2, 6, 7]) b.merge(`${A(i)}${R(5)}:${A(i)}${R(6)}`);
  b.merge(`${A(3)}${R(5)}:${A(5)}${R(5)}`);
  b.row(h + 1, c + 3, ['*符号', '*值', '计量单位']);
  const rows = spec.indicators ?? INFO_INDICATORS;
  rows.forEach((ind, k) => b.row(h + 2 + k, c, ind));
  mergeRuns(b, c, h + 2, rows.map((x) => x[0]));
  mergeRuns(b, c + 1, h + 2, rows.map((x) => x[1]));
  let end = h + 2 + rows.length;
  if (spec.footnote !== null) {
    b.set(end, c, spec.footnote ?? INFO_FOOTNOTE).merge(`${A(0)}${end + 1}:${A(7)}${end + 1}`);
    end++;
  }
  return end;
}
