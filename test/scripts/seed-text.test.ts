/** The seed documents' text renderings read into a grid (scripts/lib/seed-text.ts), then recognised. */
import { isTabularList, seedToGrid } from '../../scripts/lib/seed-text';
import { recognize } from '../../src/sheet/recognize';

const T = (...cells: string[]) => cells.map((c) => `\t${c}`).join('\n');

const WORD = [
  '1.村级办公经费绩效目标表 TC 1、村级办公经费绩效目标表 \\f C \\l 1 ',
  T('813001某某镇人民政府本级', '单位：万元'),
  '',
  T('项目编码', '130322210QXP1WKIBNS3X', '项目名称', '村级办公经费'),
  '',
  T('预算规模及资金用途', '预算数', '20.00', '其中：财政资金', '20.00', '其他资金', '0'),
  '',
  T('', '预算数20万元。主要用于村级组织办公支出。'),
  '',
  T('资金支出计划（%）', '3月底', '6月底', '10月底', '12月底'),
  '',
  T('', '25%', '50%', '75%', '100%'),
  '',
  T('绩效目标', '1.保障村级组织正常运转。'),
  '2.提高办公效率。',
  '',
  T('一级指标', '二级指标', '三级指标', '绩效指标描述', '指标值', '指标值确定依据'),
  '',
  T('产出指标', '数量指标', '发放行政村数量', '享受经费的村数', '39个', '工作计划'),
  '',
  T('', '质量指标', '办公经费保障情况', '保障情况', '正常运转'),
  '', // a value cell that ends with a line break: the row goes on after the blank line
  T('工作计划'),
  '',
  T('', '时效指标', '支付及时率', '及时支付的比率', '≥95百分比', '工作计划'),
  '',
].join('\n');

describe('seedToGrid', () => {
  it('a Word rendering: one row per blank-line-separated run of TAB lines, a continuation line stays in its cell', () => {
    const g = seedToGrid(WORD, 'seed.txt');
    const v = g.sheets[0].values;
    expect(v[0]).toEqual(['1.村级办公经费绩效目标表']);
    expect(v.find((r) => r[0] === '绩效目标')?.[1]).toBe('1.保障村级组织正常运转。\n2.提高办公效率。');
    const r = recognize(g);
    expect(r.blocks).toHaveLength(1);
    const b = r.blocks[0];
    expect(b.name?.text).toBe('村级办公经费');
    expect(b.budget?.text).toBe('20.00');
    expect(b.indicators.map((i) => [i.level2.text, i.level3.text, i.value.text, i.basis?.text])).toEqual([
      ['数量指标', '发放行政村数量', '39个', '工作计划'],
      ['质量指标', '办公经费保障情况', '正常运转', '工作计划'],
      ['时效指标', '支付及时率', '≥95百分比', '工作计划'],
    ]);
  });

  it('a disclosure list rendered as TAB-separated rows with <p> paragraphs', () => {
    const text = [
      '某某镇政府2023年部门预算项目支出绩效目标公开表',
      '',
      '单位编码\t单位及项目名称\t金额 (万元)\t绩效目标\t绩效指标',
      '407\t某某镇政府\t\t\t',
      '407001\t某某镇政府\t1.02\t\t',
      '\t调委会工作补助经费\t1.02\t<p>目标一：做好调解工作。</p>\t<p>一、产出指标</p> <p>(一) 数量指标：</p> <p>1. 培训调委会成员数 39人次</p> <p>三、满意度指标</p> <p>群众满意度 ≥95%</p>',
    ].join('\n');
    expect(isTabularList(text)).toBe(true);
    expect(isTabularList(WORD)).toBe(false);
    const r = recognize(seedToGrid(text, 'list.txt'));
    const project = r.blocks.find((b) => b.listRole === 'project');
    expect(project?.name?.text).toBe('调委会工作补助经费');
    expect(project?.goal?.text).toBe('目标一：做好调解工作。');
    expect(project?.indicators.map((i) => [i.level2.text, i.level3.text, i.value.text])).toEqual([
      ['数量指标', '培训调委会成员数', '39人次'],
      ['服务对象满意度指标', '群众满意度', '≥95%'],
    ]);
  });
});
