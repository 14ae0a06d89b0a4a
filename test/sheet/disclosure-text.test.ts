import { parseIndicatorText, splitTarget, splitItems } from '../../src/sheet/disclosure-text';

const pairs = (text: string) => parseIndicatorText(text).items.map((i) => [i.level1, i.level2, i.name, i.value]);

describe('parseIndicatorText — headings', () => {
  it('reads the DOMAIN example', () => {
    const text = '一、产出指标\n(一) 数量指标：\n1. 培训乡村两级调委会成员数 39人次\n(四) 成本指标：\n3. 宣传活动成本 ≤1.02万元\n二、效益指标\n(一) 社会效益指标：\n1. 调委会成员政策及法律法规水平提高情况 提高\n三、满意度指标\n群众满意度 ≥95%';
    const p = parseIndicatorText(text);
    expect(p.unparsed).toEqual([]);
    expect(p.items.map((i) => [i.level1, i.level2, i.name, i.value])).toEqual([
      ['产出指标', '数量指标', '培训乡村两级调委会成员数', '39人次'],
      ['产出指标', '成本指标', '宣传活动成本', '≤1.02万元'],
      ['效益指标', '社会效益指标', '调委会成员政策及法律法规水平提高情况', '提高'],
      ['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%'],
    ]);
    expect(p.items[3].level2Implied).toBe(true);
    expect(p.items[0].level2Implied).toBe(false);
    expect(p.items[0].line).toBe('1. 培训乡村两级调委会成员数 39人次');
    expect(p.items[0].lineIndex).toBe(2);
  });

  it('accepts full- and half-width brackets and colons, with or without a colon', () => {
    for (const h of ['(一) 数量指标：', '（一）数量指标:', '(一)数量指标', '（一） 数量指标：']) {
      expect(pairs(`一、产出指标\n${h}\n1.人数 3人`)).toEqual([['产出指标', '数量指标', '人数', '3人']]);
    }
  });

  it('reads a heading followed by its first item on the same line', () => {
    expect(pairs('一、产出指标\n(一)数量指标：1.人数 3人')).toEqual([['产出指标', '数量指标', '人数', '3人']]);
  });

  it('switches the 一级 when a 二级 of another 一级 follows without its heading', () => {
    // 民政工作经费: `二、效益指标` missing before `(一) 社会效益指标:`
    const p = parseIndicatorText('一、产出指标\n(四) 成本指标:\n1. 民政工作经费总成本 ≤ 1.7万元\n(一) 社会效益指标:\n1. 民政政策知晓率 $\\geq 90\\%$');
    expect(p.items.map((i) => [i.level1, i.level1Implied, i.level2])).toEqual([
      ['产出指标', false, '成本指标'],
      ['效益指标', true, '社会效益指标'],
    ]);
  });

  it('reads a (三)满意度指标 sub-heading under 效益 as the 满意度 一级', () => {
    const p = parseIndicatorText('二、效益指标\n(二)可持续影响指标:\n1.维稳工作开展机制健全性 健全\n(三)满意度指标\n群众满意度 $\\geq 95\\%$');
    expect(p.items[1]).toMatchObject({ level1: '满意度指标', level1Implied: true, level2: '满意度指标', name: '群众满意度', value: '$\\geq 95\\%$' });
  });

  it('gives an empty row for a 二级 heading with nothing under it, but not for one whose line is unparsed', () => {
    const p = parseIndicatorText('二、效益指标\n(一) 社会效益指标：\n保障退休人员的慰问\n(二) 可持续影响指标：\n三、满意度指标\n服务对象满意度 ≥95%');
    expect(p.items.map((i) => [i.level2, i.name, i.value])).toEqual([
      ['可持续影响指标', '', ''],
      ['服务对象满意度指标', '服务对象满意度', '≥95%'],
    ]);
    expect(p.unparsed.map((u) => u.line)).toEqual(['保障退休人员的慰问']);
  });

  it('gives nothing for a 一级 heading with nothing under it', () => {
    const p = parseIndicatorText('二、效益指标\n(一)社会效益指标：\n1. 提高情况 提高\n三、满意度指标');
    expect(p.items.map((i) => i.level1)).toEqual(['效益指标']);
    expect(p.unparsed).toEqual([]);
  });
});

describe('parseIndicatorText — values', () => {
  it.each([
    ['1. 培训乡村两级调委会成员数 39人次', '培训乡村两级调委会成员数', '39人次'],
    ['1.社会稳定宣传活动次数 ≥ 10次', '社会稳定宣传活动次数', '≥ 10次'],
    ['3. 宣传活动成本 ≤1.02万元', '宣传活动成本', '≤1.02万元'],
    ['2. 完成全乡新农合参保人数 1.15万人/年', '完成全乡新农合参保人数', '1.15万人/年'],
    ['1. 支付及时率100%', '支付及时率', '100%'],
    ['1.社会稳定宣传群众知晓度 $\\geq 80\\%$', '社会稳定宣传群众知晓度', '$\\geq 80\\%$'],
    ['扶贫工作人员满意度 $> 95\\%$', '扶贫工作人员满意度', '$> 95\\%$'],
    ['1. 调委会成员政策及法律法规水平提高情况 提高', '调委会成员政策及法律法规水平提高情况', '提高'],
    ['1. 运动会比赛项目丰富度 丰富', '运动会比赛项目丰富度', '丰富'],
    ['1. 文化活动完成时间 一年内', '文化活动完成时间', '一年内'],
    ['1.奖金发放时间 按年', '奖金发放时间', '按年'],
    ['1. 村党支部会议完成时间 每月', '村党支部会议完成时间', '每月'],
    ['1.社会稳定宣传活动完成时间 2021年12月31日', '社会稳定宣传活动完成时间', '2021年12月31日'],
    ['2.举办扫黑除恶专项斗争主题培训班完成时间2021年1月至12月', '举办扫黑除恶专项斗争主题培训班完成时间', '2021年1月至12月'],
    ['1. 支付办公费、电费、水费等 1-12月', '支付办公费、电费、水费等', '1-12月'],
    ['2. 取暖费收费标准 4.5/平方米', '取暖费收费标准', '4.5/平方米'],
    ['2.36名村干部年报酬、工伤保险1065712.65元/年', '36名村干部年报酬、工伤保险', '1065712.65元/年'],
    ['1. 退休人员科级及以下人员10人', '退休人员科级及以下人员', '10人'],
    ['2. 组织开展浩门镇及下属单位干部职工文化活动 200人 ≥1次', '组织开展浩门镇及下属单位干部职工文化活动 200人', '≥1次'],
    ['2. 新农合参保率: 提升', '新农合参保率', '提升'],
    ['1. :保障群众生命财产安全 保障', '保障群众生命财产安全', '保障'],
    ['三. 委人员满意度 ≥95%', '委人员满意度', '≥95%'],
    ['1. 各村(社区)及镇政府制作相关横幅 ≥ 10', '各村(社区)及镇政府制作相关横幅', '≥ 10'],
    ['1.乡镇人均收入 增幅20%', '乡镇人均收入', '增幅20%'],
    ['3. 妇女活动参与人数增长率 ≥ 0', '妇女活动参与人数增长率', '≥ 0'],
  ])('%p → name %p, value %p', (line, name, value) => {
    const p = parseIndicatorText(`一、产出指标\n(一) 数量指标：\n${line}`);
    expect(p.unparsed).toEqual([]);
    expect(p.items).toHaveLength(1);
    expect(p.items[0].name).toBe(name);
    expect(p.items[0].value).toBe(value);
  });

  it('splits several numbered items on one line', () => {
    const p = parseIndicatorText('一、产出指标\n(四) 成本指标:\n1. 设计费 0.76万元 2. 监理费0.5万元\n4. 招标代理费 0.3万元 5. 工程质量检测费 0.24万元 6. 编制费0.2万元');
    expect(p.items.map((i) => [i.name, i.value])).toEqual([
      ['设计费', '0.76万元'],
      ['监理费', '0.5万元'],
      ['招标代理费', '0.3万元'],
      ['工程质量检测费', '0.24万元'],
      ['编制费', '0.2万元'],
    ]);
    expect(p.items[1].line).toBe('1. 设计费 0.76万元 2. 监理费0.5万元');
  });

  it('does not split a decimal value or a count that follows a space', () => {
    expect(splitItems('1. 每村每年的工作经费标准 3.5万元')).toEqual(['1. 每村每年的工作经费标准 3.5万元']);
    expect(splitItems('2. 人数 12 3. 次数 4次')).toEqual(['2. 人数 12', '3. 次数 4次']);
  });
});

describe('parseIndicatorText — unparsed lines', () => {
  it('reports a line with no recognisable value, in Chinese, quoting it', () => {
    const p = parseIndicatorText('一、产出指标\n(三) 时效指标：\n1. 支付及时率 100%\n2. 一年内完成\n(二) 质量指标：\n2. 协助做好沟通思想、协调关系');
    expect(p.items.map((i) => i.name)).toEqual(['支付及时率']);
    expect(p.unparsed.map((u) => [u.line, u.lineIndex])).toEqual([
      ['2. 一年内完成', 3],
      ['2. 协助做好沟通思想、协调关系', 5],
    ]);
    expect(p.unparsed[0].reason).toMatch(/未找到指标值：“2\. 一年内完成”/);
  });

  it('reports items outside any heading', () => {
    const p = parseIndicatorText('培训人数 39人次\n一、产出指标\n不在二级下的指标 10个');
    expect(p.items).toEqual([]);
    expect(p.unparsed[0].reason).toContain('一级指标标题');
    expect(p.unparsed[1].reason).toContain('二级指标标题');
  });

  it('returns nothing for empty text and never throws on junk', () => {
    expect(parseIndicatorText('')).toEqual({ items: [], unparsed: [] });
    expect(() => parseIndicatorText('$$$\n(((\n一、\n(一)\n1.\n' + '指标'.repeat(5000))).not.toThrow();
  });

  it('splitTarget: no value when the text is one run of words', () => {
    expect(splitTarget('社区工作人员为民服务的能力')).toBeUndefined();
    expect(splitTarget('')).toBeUndefined();
    expect(splitTarget('群众满意度 ≥95%')).toEqual({ name: '群众满意度', value: '≥95%' });
  });
});

describe('a blank value slot (`1. 名称：`)', () => {
  it('is an indicator with an empty value, not an unreadable line', () => {
    const r = parseIndicatorText('一、产出指标\n(一) 数量指标：\n1. 保洁员人数：\n2. 保洁覆盖村数 39个');
    expect(r.unparsed).toEqual([]);
    expect(r.items.map((i) => [i.level2, i.name, i.value])).toEqual([
      ['数量指标', '保洁员人数', ''],
      ['数量指标', '保洁覆盖村数', '39个'],
    ]);
  });

  it('only for numbered lines: an unnumbered `名称：` stays unreadable', () => {
    const r = parseIndicatorText('一、产出指标\n(一) 数量指标：\n保洁员人数：');
    expect(r.items).toEqual([]);
    expect(r.unparsed).toHaveLength(1);
  });

  it('a value after the colon is a value', () => {
    const r = parseIndicatorText('一、产出指标\n(一) 数量指标：\n1. 保洁员人数：12人');
    expect(r.items.map((i) => [i.name, i.value])).toEqual([['保洁员人数', '12人']]);
  });
});
