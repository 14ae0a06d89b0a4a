/** Small grids for recognition tests, written the way a clerk's sheet looks. */
import { parseRange } from '../../src/domain/address';
import type { CellValue } from '../../src/domain/model';
import type { GridSheet } from '../../src/sheet/grid';

export type Cell = CellValue | undefined;

export class SheetBuilder {
  values: Cell[][] = [];
  formats: (string | undefined)[][] = [];
  merges: string[] = [];
  constructor(public name = 'Sheet1') {}

  set(row: number, col: number, v: Cell, fmt?: string): this {
    (this.values[row] ??= [])[col] = v;
    if (fmt) (this.formats[row] ??= [])[col] = fmt;
    return this;
  }

  /** write a row of cells starting at (row, col) */
  row(row: number, col: number, cells: Cell[]): this {
    cells.forEach((v, i) => {
      if (v !== undefined) this.set(row, col + i, v);
    });
    return this;
  }

  merge(a1: string): this {
    this.merges.push(a1);
    return this;
  }

  build(): GridSheet {
    const n = this.values.length;
    const values: Cell[][] = [];
    const formats: (string | undefined)[][] = [];
    for (let i = 0; i < n; i++) {
      values.push(this.values[i] ?? []);
      formats.push(this.formats[i] ?? []);
    }
    return { name: this.name, values, formats, merges: this.merges.map(parseRange) };
  }
}

export interface BlockSpec {
  /** top row (0-based) and left column of the block */
  row?: number;
  col?: number;
  title?: string | null;
  /** unit line: [unit name, unit text]; null = no unit line */
  unitLine?: [string, string] | null;
  code?: Cell;
  name?: Cell;
  budget?: Cell;
  budgetFormat?: string;
  fiscal?: Cell;
  other?: Cell;
  usage?: Cell;
  checkpoints?: Cell[];
  plan?: Cell[];
  planFormat?: string;
  goal?: Cell;
  /** [一级, 二级, 三级, 描述, 指标值, 依据] */
  indicators?: Cell[][];
  labels?: Partial<Record<'code' | 'name' | 'usage' | 'budget' | 'fiscal' | 'other' | 'plan' | 'goal' | 'level1' | 'level2', string>>;
  /** merge the 一级 cells of consecutive equal rows (and leave the lower ones blank) */
  mergeLevel1?: boolean;
}

export const STANDARD_INDICATORS: Cell[][] = [
  ['产出指标', '数量指标', '补助村数', '享受补助的村个数', '39个', '行政村数量'],
  [undefined, '质量指标', '发放准确率', '发放准确的比率', '100%', '工作计划'],
  [undefined, '时效指标', '发放及时率', '按时发放', '≥95%', '工作计划'],
  [undefined, '成本指标', '补助标准', '每村补助标准', '≤3000元/村', '年初预算'],
  ['效益指标', '社会效益指标', '村组织运转情况', '运转是否顺利', '顺利运转', '历史经验'],
  [undefined, '可持续影响指标', '业务工作可持续性', '换届年限', '5年', '上级规定'],
  ['满意度指标', '服务对象满意度指标', '村民满意度', '满意的村民比率', '≥90%', '历史经验'],
];

/**
 * Write a canonical 7-column block (docs/domain.md §2.1) into the builder; returns the row after it.
 */
export function writeBlock(b: SheetBuilder, spec: BlockSpec = {}): number {
  let r = spec.row ?? 0;
  const c = spec.col ?? 0;
  const L = { code: '项目编码', name: '项目名称', usage: '预算规模及资金用途', budget: '预算数', fiscal: '其中：财政资金', other: '其他资金', plan: '资金支出计划（%）', goal: '绩效目标', level1: '一级指标', level2: '二级指标', ...spec.labels };
  const A = (i: number) => String.fromCharCode(65 + c + i);
  if (spec.title !== null) {
    b.set(r, c, spec.title ?? '1.村级办公经费绩效目标表');
    b.merge(`${A(0)}${r + 1}:${A(6)}${r + 1}`);
    r++;
  }
  if (spec.unitLine !== null) {
    const [unitName, unit] = spec.unitLine ?? ['813001昌黎县安山镇人民政府本级', '单位：万元'];
    b.set(r, c, unitName).set(r, c + 5, unit);
    b.merge(`${A(0)}${r + 1}:${A(4)}${r + 1}`).merge(`${A(5)}${r + 1}:${A(6)}${r + 1}`);
    r++;
  }
  b.row(r, c, [L.code, 'code' in spec ? spec.code : '130322219GER8HTIB96ND', undefined, L.name, 'name' in spec ? spec.name : '村级办公经费']);
  b.merge(`${A(1)}${r + 1}:${A(2)}${r + 1}`).merge(`${A(4)}${r + 1}:${A(6)}${r + 1}`);
  r++;
  b.row(r, c, [L.usage, L.budget, undefined, L.fiscal, undefined, L.other, undefined]);
  b.set(r, c + 2, 'budget' in spec ? spec.budget : 29.5, spec.budgetFormat ?? '0.00');
  b.set(r, c + 4, 'fiscal' in spec ? spec.fiscal : 29.5, spec.budgetFormat ?? '0.00');
  b.set(r, c + 6, 'other' in spec ? spec.other : 0, spec.budgetFormat ?? '0.00');
  b.merge(`${A(0)}${r + 1}:${A(0)}${r + 2}`);
  r++;
  b.set(r, c + 1, 'usage' in spec ? spec.usage : '预算数29.5万元，主要用于村级组织日常办公。');
  b.merge(`${A(1)}${r + 1}:${A(6)}${r + 1}`);
  r++;
  const cps = spec.checkpoints ?? ['3月底', '6月底', '10月底', '12月底'];
  const plan = spec.plan ?? [0.25, 0.5, 0.75, 1];
  b.set(r, c, L.plan);
  cps.forEach((cp, i) => b.set(r, c + 1 + i, cp));
  plan.forEach((v, i) => b.set(r + 1, c + 1 + i, v, typeof v === 'number' ? (spec.planFormat ?? '0.00%') : undefined));
  b.merge(`${A(0)}${r + 1}:${A(0)}${r + 2}`);
  r += 2;
  b.row(r, c, [L.goal, 'goal' in spec ? spec.goal : '保障村级组织正常运转。']);
  b.merge(`${A(1)}${r + 1}:${A(6)}${r + 1}`);
  r++;
  b.row(r, c, [L.level1, L.level2, '三级指标', '绩效指标描述', undefined, '指标值', '指标值确定依据']);
  b.merge(`${A(3)}${r + 1}:${A(4)}${r + 1}`);
  r++;
  const rows = spec.indicators ?? STANDARD_INDICATORS;
  let runStart = -1;
  rows.forEach((ind, i) => {
    const [l1, l2, l3, desc, val, basis] = ind;
    b.row(r + i, c, [l1, l2, l3, desc, undefined, val, basis]);
    b.merge(`${A(3)}${r + i + 1}:${A(4)}${r + i + 1}`);
    if (spec.mergeLevel1) {
      if (l1 !== undefined) {
        if (runStart >= 0 && r + i - 1 > runStart) b.merge(`${A(0)}${runStart + 1}:${A(0)}${r + i}`);
        runStart = r + i;
      }
    }
  });
  if (spec.mergeLevel1 && runStart >= 0 && r + rows.length - 1 > runStart) b.merge(`${A(0)}${runStart + 1}:${A(0)}${r + rows.length}`);
  return r + rows.length;
}
