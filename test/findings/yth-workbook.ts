/**
 * A township's 2024 workbook in the 一体化 formats, built as the system writes them (docs/domain.md §2.4–2.6):
 * a 汇总 sheet, two 项目支出绩效目标申报表, a 预算项目绩效信息表, a 部门整体绩效目标表. Its problems are
 * the kinds the county sends back — parts that do not add up, odd notation, a low satisfaction
 * target, a split 指标值 filled the wrong way, a 汇总 amount that is not the project's.
 */
import type { Grid } from '../../src/sheet/grid';
import type { Cell } from '../sheet/grid-builder';
import { SheetBuilder } from '../sheet/grid-builder';
import { writeDepartment, writeSummary } from '../sheet/other-tables';
import { ANNUAL_INDICATORS, INFO_INDICATORS, writeAnnual, writeInfo } from '../sheet/yth-builder';

const replace = (rows: Cell[][], k: number, col: number, v: Cell): Cell[][] => rows.map((r, i) => (i === k ? r.map((x, j) => (j === col ? v : x)) : r));

export function ythWorkbook(): Grid {
  const summary = new SheetBuilder('汇总');
  writeSummary(
    summary,
    [
      { name: '2024年农村保洁员经费', budget: 15.6, fiscal: 15.6, other: 0 },
      { name: '2024年村级办公经费', budget: 29.5, fiscal: 29.5, other: 0 },
      { name: '2024年村级党组织活动经费', budget: 3.2, fiscal: 3.2, other: 0 },
    ],
    { title: '昌黎县安山镇人民政府2024年部门预算项目汇总表' },
  );

  // 上级补助 + 本级安排 ≠ 财政拨款; 95百分比; a satisfaction target of 70%
  const cleaners = new SheetBuilder('保洁申报表');
  let rows = replace(ANNUAL_INDICATORS, 2, 3, '≥95百分比');
  rows = replace(rows, 8, 3, '≥70%');
  writeAnnual(cleaners, { amounts: [156000, 156000, 90000, 56000, 0], indicators: rows });

  // the split 指标值 filled the wrong way: no unit, an unknown 符号, the whole value typed into 值
  const office = new SheetBuilder('办公经费信息表');
  let info = replace(INFO_INDICATORS, 1, 5, undefined);
  info = replace(info, 2, 3, '大于');
  info = info.map((r, i) => (i === 7 ? [r[0], r[1], r[2], undefined, '≥90%', undefined, r[6], r[7]] : r));
  writeInfo(office, { name: '2024年村级办公经费', indicators: info });

  // a correct one, whose 汇总 amount (3.2万元) is not its 资金总额 (30,000元)
  const party = new SheetBuilder('党组织申报表');
  const partyRows: Cell[][] = [
    ['产出指标', '数量指标', '开展组织生活次数', '≥12次', undefined],
    [undefined, '质量指标', '党员参与率', '≥90%', undefined],
    [undefined, '时效指标', '经费拨付及时率', '100%', undefined],
    [undefined, '成本指标', '项目或定额成本控制率', '＝100%', undefined],
    [undefined, undefined, '活动经费总成本', '≤30000元', undefined],
    ['效益指标', '社会效益指标', '基层党组织凝聚力', '增强', undefined],
    ['满意度指标', '服务对象满意度指标', '党员满意度', '≥90%', undefined],
  ];
  writeAnnual(party, {
    name: '2024年村级党组织活动经费',
    amounts: [30000, 30000, 0, 30000, 0],
    goal: '开展村级党组织活动12次以上，增强基层党组织凝聚力。',
    indicators: partyRows,
  });

  const dept = new SheetBuilder('部门整体');
  writeDepartment(dept);
  return { sheets: [summary.build(), cleaners.build(), office.build(), party.build(), dept.build()], name: '安山镇2024年一体化导出.xlsx' };
}
