/**
 * One-row-per-indicator tables (docs/domain.md §2.8, `sichuan-yth-annual`) written the way the system
 * exports them: a title with the budget year, a `金额单位:元` line, the header row, a department row
 * (`820-马踏镇部门` and its total), then per project its fields on the first row and one row per
 * indicator. Columns may come in any order, with extra columns (分值, 备注, 指标解释) between them.
 */
import type { Cell } from './grid-builder';
import { SheetBuilder } from './grid-builder';

/** The Sichuan header, in the published order. */
export const SICHUAN_COLUMNS = ['单位名称', '项目名称', '预算数', '年度目标', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重', '指标方向性'];

export interface RowsIndicator {
  level1: string;
  level2: string;
  level3: string;
  operator: string;
  value: Cell;
  unit: string;
  weight?: Cell;
  direction?: string;
  /** other columns by header (分值, 备注, 指标解释) */
  extra?: Record<string, Cell>;
}

export interface RowsProject {
  unit?: string;
  name: string;
  budget?: Cell;
  goal?: string;
  indicators: RowsIndicator[];
  /** write the project's fields on every row instead of the first only */
  repeatFields?: boolean;
  /** merge the project's field cells down over its rows */
  merge?: boolean;
}

export interface RowsSpec {
  columns?: string[];
  title?: string | null;
  moneyLine?: string | null;
  /** department rows before a project (by project index): [name, total] */
  departments?: Record<number, [string, number]>;
  projects: RowsProject[];
  /** repeat the title, money line and header before these row offsets of the data (a page break) */
  pageBreakAfter?: number[];
}

/** A project whose 9 weights total 90 (产出50 效益30 满意度10), directions matching the operators. */
export function project(name: string, opts: Partial<RowsProject> = {}): RowsProject {
  return {
    unit: '820001-井研县马踏镇人民政府',
    name,
    budget: 3309840,
    goal: `按时发放${name}，保障基层组织正常运转`,
    indicators: [
      { level1: '效益指标', level2: '社会效益指标', level3: '维护社会稳定', operator: '定性', value: '有效维护', unit: '', weight: 15, direction: '正向指标' },
      { level1: '产出指标', level2: '数量指标', level3: '行政村数量', operator: '=', value: 11, unit: '个', weight: 10, direction: '正向指标' },
      { level1: '产出指标', level2: '质量指标', level3: '发放准确率', operator: '≥', value: 98, unit: '%', weight: 10, direction: '正向指标' },
      { level1: '产出指标', level2: '时效指标', level3: '发放及时率', operator: '≥', value: 95, unit: '%', weight: 10, direction: '正向指标' },
      { level1: '产出指标', level2: '成本指标', level3: '村组干部报酬总额', operator: '≤', value: 330.98, unit: '万元', weight: 10, direction: '反向指标' },
      { level1: '产出指标', level2: '数量指标', level3: '村组干部人数', operator: '≥', value: 88, unit: '人', weight: 10, direction: '正向指标' },
      { level1: '效益指标', level2: '可持续影响指标', level3: '基层组织运转', operator: '定性', value: '持续保障', unit: '', weight: 15, direction: '正向指标' },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '村民满意度', operator: '≥', value: 90, unit: '%', weight: 10, direction: '正向指标' },
    ],
    ...opts,
  };
}

/** Writes the table on `b` from row `row`; returns the 0-based rows of each project's first row. */
export function writeRows(b: SheetBuilder, spec: RowsSpec, row = 0): { projectRows: number[]; headerRow: number; last: number } {
  const columns = spec.columns ?? SICHUAN_COLUMNS;
  const col = (h: string) => columns.indexOf(h);
  let r = row;
  const header = () => {
    if (spec.title !== null) b.set(r++, 0, spec.title ?? '部门预算项目绩效目标申报表(2023年度)');
    if (spec.moneyLine !== null) b.set(r++, 0, spec.moneyLine ?? '金额单位:元');
    const hr = r;
    b.row(r++, 0, columns);
    return hr;
  };
  const headerRow = header();
  const projectRows: number[] = [];
  let dataRows = 0;
  const put = (h: string, v: Cell) => {
    const c = col(h);
    if (c >= 0 && v !== undefined && v !== '') b.set(r, c, v);
  };
  spec.projects.forEach((p, pi) => {
    const dep = spec.departments?.[pi];
    if (dep) {
      put('单位名称', dep[0]);
      put('预算数', dep[1]);
      r++;
      dataRows++;
    }
    projectRows.push(r);
    const first = r;
    p.indicators.forEach((ind, i) => {
      if (spec.pageBreakAfter?.includes(dataRows)) header();
      if (i === 0 || p.repeatFields) {
        put('单位名称', p.unit);
        put('项目名称', p.name);
        put('预算数', p.budget);
        put('年度目标', p.goal);
      }
      put('一级指标', ind.level1);
      put('二级指标', ind.level2);
      put('三级指标', ind.level3);
      put('指标性质', ind.operator);
      put('指标值', ind.value);
      put('度量单位', ind.unit);
      put('权重', ind.weight);
      put('指标方向性', ind.direction);
      for (const [h, v] of Object.entries(ind.extra ?? {})) put(h, v);
      r++;
      dataRows++;
    });
    if (p.merge && p.indicators.length > 1) {
      for (const h of ['单位名称', '项目名称', '预算数', '年度目标']) {
        const c = col(h);
        if (c < 0) continue;
        const letter = String.fromCharCode(65 + c);
        b.merge(`${letter}${first + 1}:${letter}${r}`);
      }
    }
  });
  return { projectRows, headerRow, last: r - 1 };
}

export function rowsSheet(spec: RowsSpec, name = '申报表'): SheetBuilder {
  const b = new SheetBuilder(name);
  writeRows(b, spec);
  return b;
}
