/**
 * Tables a township workbook holds beside its project tables (docs/domain.md §2.6), written as they look in
 * real documents: a 汇总 of the projects, a 部门整体绩效目标表 (the text of seeds 000/001 as the
 * national 部门整体支出绩效目标申报表 lays it out), the budget tables 收支总表 and 一般公共预算支出表,
 * and notes. Each writer returns the row after what it wrote.
 */
import type { Cell } from './grid-builder';
import { SheetBuilder } from './grid-builder';

export interface SummaryItem {
  name: Cell;
  budget: Cell;
  fiscal?: Cell;
  other?: Cell;
}

const col = (c: number) => String.fromCharCode(65 + c);

/** `序号 | 项目名称 | 预算数 | 财政资金 | 其他资金`, a 单位 line above, a 合计 row. */
export function writeSummary(
  b: SheetBuilder,
  items: SummaryItem[],
  opts: { row?: number; col?: number; unit?: '万元' | '元'; title?: string; numberFormat?: string } = {},
): number {
  let r = opts.row ?? 0;
  const c = opts.col ?? 0;
  const fmt = opts.numberFormat ?? '0.00';
  b.set(r, c, opts.title ?? '昌黎县安山镇人民政府2021年部门预算项目汇总表').merge(`${col(c)}${r + 1}:${col(c + 4)}${r + 1}`);
  r++;
  b.set(r, c + 4, `单位：${opts.unit ?? '万元'}`);
  r++;
  b.row(r, c, ['序号', '项目名称', '预算数', '财政资金', '其他资金']);
  r++;
  let total = 0;
  items.forEach((it, i) => {
    b.set(r, c, i + 1).set(r, c + 1, it.name);
    b.set(r, c + 2, it.budget, fmt);
    if (it.fiscal !== undefined) b.set(r, c + 3, it.fiscal, fmt);
    if (it.other !== undefined) b.set(r, c + 4, it.other, fmt);
    if (typeof it.budget === 'number') total += it.budget;
    r++;
  });
  b.set(r, c, '合计').set(r, c + 2, Math.round(total * 100) / 100, fmt);
  return r + 1;
}

/**
 * A 部门（单位）整体绩效目标表: 部门名称, 年度主要任务 with their amounts (总额 | 财政拨款 | 其他资金),
 * 年度总体目标, and the department's indicators under 一级指标 | 二级指标 | 三级指标 | 指标值.
 */
export function writeDepartment(b: SheetBuilder, opts: { row?: number } = {}): number {
  const r = opts.row ?? 0;
  const R = (dr: number) => r + dr + 1;
  b.set(r, 0, '部门（单位）整体绩效目标表').merge(`A${R(0)}:G${R(0)}`);
  b.set(r + 1, 0, '（2021年度）').merge(`A${R(1)}:G${R(1)}`);
  b.set(r + 2, 0, '部门（单位）名称').set(r + 2, 1, '昌黎县安山镇人民政府').merge(`B${R(2)}:G${R(2)}`);
  b.set(r + 3, 0, '年度主要任务').merge(`A${R(3)}:A${R(7)}`);
  b.row(r + 3, 1, ['任务名称', '主要内容', undefined, '预算金额（万元）']);
  b.merge(`B${R(3)}:B${R(4)}`).merge(`C${R(3)}:D${R(4)}`).merge(`E${R(3)}:G${R(3)}`);
  b.row(r + 4, 4, ['总额', '财政拨款', '其他资金']);
  b.row(r + 5, 1, ['保障机关事务正常运行', '严控会议计划、会议规模和会期，严格会议开支标准，保障机关正常运转', undefined, 120.5, 120.5, 0]);
  b.merge(`C${R(5)}:D${R(5)}`);
  b.row(r + 6, 1, ['深化社会综合治理', '加强普法宣传，做好信访维稳工作，确保社会稳定', undefined, 30, 30, 0]);
  b.merge(`C${R(6)}:D${R(6)}`);
  b.row(r + 7, 1, ['金额合计', undefined, undefined, 150.5, 150.5, 0]);
  b.merge(`C${R(7)}:D${R(7)}`);
  b.set(r + 8, 0, '年度总体目标');
  b.set(r + 8, 1, '2021年安山镇将在县委、县政府和镇党委的正确领导下，锐意进取、扎实工作，力争2021年财政收入增长5%。').merge(`B${R(8)}:G${R(8)}`);
  const ind: Cell[][] = [
    ['产出指标', '数量指标', '大型活动次数', '≤3次'],
    [undefined, '质量指标', '信访事件减少率', '≥10%'],
    [undefined, '时效指标', '公开及时程度', '及时'],
    [undefined, '成本指标', '会议费用总计', '≤5万元'],
    ['效益指标', '社会效益指标', '社会治安状况', '持续稳定'],
    ['满意度指标', '服务对象满意度指标', '受益人满意度', '≥90%'],
  ];
  b.set(r + 9, 0, '年度绩效指标').merge(`A${R(9)}:A${R(9) + ind.length}`);
  b.row(r + 9, 1, ['一级指标', '二级指标', '三级指标', undefined, '指标值（包含数字及文字描述）']);
  b.merge(`D${R(9)}:E${R(9)}`).merge(`F${R(9)}:G${R(9)}`);
  ind.forEach((row, k) => {
    b.row(r + 10 + k, 1, [row[0], row[1], row[2], undefined, row[3]]);
    b.merge(`D${R(10 + k)}:E${R(10 + k)}`).merge(`F${R(10 + k)}:G${R(10 + k)}`);
  });
  return r + 10 + ind.length;
}

/** 收支总表: 收入 | 支出, each `项目 | 预算数`. */
export function writeIncomeExpense(b: SheetBuilder, opts: { row?: number } = {}): number {
  const r = opts.row ?? 0;
  b.set(r, 0, '2021年部门收支总表').merge(`A${r + 1}:D${r + 1}`);
  b.set(r + 1, 3, '单位：万元');
  b.set(r + 2, 0, '收    入').merge(`A${r + 3}:B${r + 3}`);
  b.set(r + 2, 2, '支    出').merge(`C${r + 3}:D${r + 3}`);
  b.row(r + 3, 0, ['项    目', '预算数', '项    目', '预算数']);
  b.row(r + 4, 0, ['一般公共预算拨款收入', 1234.56, '一般公共服务支出', 600.1]);
  b.row(r + 5, 0, ['政府性基金预算拨款收入', 0, '农林水支出', 634.46]);
  b.row(r + 6, 0, ['收入总计', 1234.56, '支出总计', 1234.56]);
  return r + 7;
}

/** 一般公共预算支出表: `科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出`. */
export function writeGeneralBudget(b: SheetBuilder, opts: { row?: number } = {}): number {
  const r = opts.row ?? 0;
  b.set(r, 0, '2021年一般公共预算支出表').merge(`A${r + 1}:E${r + 1}`);
  b.set(r + 1, 4, '单位：万元');
  b.row(r + 2, 0, ['科目编码', '科目名称', '合计', '基本支出', '项目支出']);
  b.row(r + 3, 0, ['201', '一般公共服务支出', 600.1, 500, 100.1]);
  b.row(r + 4, 0, ['20103', '政府办公厅（室）及相关机构事务', 600.1, 500, 100.1]);
  b.row(r + 5, 0, ['213', '农林水支出', 634.46, 400, 234.46]);
  b.row(r + 6, 0, [undefined, '合计', 1234.56, 900, 334.56]);
  return r + 7;
}

/** Notes such as the ones under a budget document's tables. */
export function writeNotes(b: SheetBuilder, opts: { row?: number } = {}): number {
  const r = opts.row ?? 0;
  b.set(r, 0, '注：1.本表金额单位为万元；2.项目名称、预算数与部门预算批复一致。');
  b.set(r + 1, 0, '说明：绩效目标由项目单位填报，财政局审核。');
  return r + 2;
}
