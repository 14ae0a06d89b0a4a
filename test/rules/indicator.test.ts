import type { Block } from '../../src/domain/model';
import {
  indicatorAliasName,
  indicatorCopiedSet,
  indicatorDuplicate,
  indicatorEmptyLevel2,
  indicatorMissingBasis,
  indicatorMissingLevel1,
  indicatorMissingLevel2,
  indicatorMissingValue,
  indicatorNameAsValue,
  indicatorRules,
  indicatorUnknownLevel1,
  indicatorUnknownLevel2,
} from '../../src/domain/rules/indicator';
import { DEFAULT_INDICATORS, hebeiBlock, listBlock, type IndicatorTuple } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

const with_ = (...rows: IndicatorTuple[]) => hebeiBlock({ indicators: rows });
const replace = (i: number, row: IndicatorTuple) => hebeiBlock({ indicators: DEFAULT_INDICATORS.map((r, j) => (j === i ? row : r)) });

describe('indicator rules on a correct block', () => {
  it.each(indicatorRules.map((r) => [r.id, r]))('%s stays silent', (_id, rule) => {
    const other = hebeiBlock({
      index: 1,
      startRow: 30,
      name: '村干部工资',
      code: '130322219GER8HTIB96NE',
      indicators: [
        ['产出指标', '数量指标', '村干部人数', '197人', '花名册'],
        ['产出指标', '质量指标', '工资足额发放率', '100%', '工作计划'],
        ['产出指标', '时效指标', '工资发放时限', '2021年12月底前', '工作计划'],
        ['产出指标', '成本指标', '村干部工资总成本', '≤411.56万元', '年初预算'],
        ['效益指标', '社会效益指标', '村干部基本生活保障', '有效保障', '工作计划'],
        ['满意度指标', '服务对象满意度指标', '村干部满意度', '≥95%', '问卷调查'],
      ],
    });
    expect(runRule(rule, [hebeiBlock(), other], { year: 2021 })).toEqual([]);
  });
  it('ids and severities match docs/domain.md §6', () => {
    expect(indicatorRules.map((r) => `${r.id}:${r.severity}`)).toEqual([
      'indicator/unknown-level1:error', 'indicator/unknown-level2:error', 'indicator/alias-name:warning',
      'indicator/missing-level1:error', 'indicator/missing-level2:error', 'indicator/empty-level2:warning',
      'indicator/missing-value:error', 'indicator/missing-basis:warning', 'indicator/duplicate:warning',
      'indicator/name-as-value:warning', 'indicator/weights-total:error', 'indicator/copied-set:warning',
    ]);
  });
});

describe('indicator/unknown-level1 and unknown-level2', () => {
  it('flags an unknown 一级 once per cell, not its inherited rows', () => {
    const b = with_(...DEFAULT_INDICATORS, ['管理指标', '数量指标', '会议次数', '4次', '计划'], ['', '', '培训次数', '2次', '计划']);
    const out = runRule(indicatorUnknownLevel1, [b]);
    expect(out.map((r) => r.cell)).toEqual(['A17']);
    expect(out[0].message).toContain('“管理指标”');
    expect(out[0].message).toContain('产出指标、效益指标、满意度指标');
  });
  it('accepts names with inner spaces and aliases', () => {
    expect(runRule(indicatorUnknownLevel1, [replace(4, ['效果\n指标', '社会效益指标', '运转情况', '顺利', '计划'])])).toEqual([]);
  });
  it('flags a 二级 not allowed under its 一级, with the expected names', () => {
    const out = runRule(indicatorUnknownLevel2, [replace(4, ['效益指标', '数量指标', '运转情况', '顺利', '计划'])]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'B14', severity: 'error' });
    expect(out[0].message).toContain('经济效益指标、社会效益指标、生态效益指标、可持续影响指标');
    // aliases and an unknown 一级 are not its business
    expect(runRule(indicatorUnknownLevel2, [replace(5, ['效益指标', '可持续性影响', '可持续性', '长期', '计划'])])).toEqual([]);
    expect(runRule(indicatorUnknownLevel2, [replace(5, ['管理指标', '会议', '可持续性', '长期', '计划'])])).toEqual([]);
  });
  it('central-2021 accepts 成本指标 as a 一级 and rejects it as a 二级 of 产出', () => {
    const central = hebeiBlock({
      profile: 'central-2021',
      indicators: [
        ['产出指标', '数量指标', '村数', '39个', '计划'],
        ['产出指标', '成本指标', '标准', '≤3000元/村', '计划'],
        ['成本指标', '经济成本指标', '总成本', '≤29.5万元', '预算'],
      ],
    });
    expect(runRule(indicatorUnknownLevel1, [central])).toEqual([]);
    expect(runRule(indicatorUnknownLevel2, [central]).map((r) => r.cell)).toEqual(['B11']);
  });
});

describe('indicator/alias-name', () => {
  it('warns with a fix to the canonical name', () => {
    const b = hebeiBlock({
      indicators: [
        ...DEFAULT_INDICATORS.slice(0, 4),
        ['效果指标', '社会效益指标', '运转情况', '顺利运转', '计划'],
        ['', '可持续性影响', '可持续性', '长期', '计划'],
        ['满意度指标', '社会公众或服务对象满意度指标', '村民满意度', '≥90%', '经验'],
      ],
    });
    const out = runRule(indicatorAliasName, [b]);
    expect(out.map((r) => [r.cell, r.fix?.value])).toEqual([
      ['A14', '效益指标'],
      ['B15', '可持续影响指标'],
      ['B16', '服务对象满意度指标'],
    ]);
    expect(out[0].message).toBe('一级指标“效果指标”不是标准名称，应写作“效益指标”');
  });
  it('standard names and 满意度指标 as a 一级 are fine', () => {
    expect(runRule(indicatorAliasName, [hebeiBlock()])).toEqual([]);
  });
  it('offers no cell fix in a disclosure list (the cell holds all indicators)', () => {
    const b = listBlock({ indicators: [['效果指标', '社会效益指标', '运转情况', '提高']] });
    const out = runRule(indicatorAliasName, [b]);
    expect(out).toHaveLength(1);
    expect(out[0].fix).toBeUndefined();
  });
});

describe('indicator/missing-level1 and missing-level2', () => {
  it('a missing 满意度 一级', () => {
    const out = runRule(indicatorMissingLevel1, [hebeiBlock({ indicators: DEFAULT_INDICATORS.slice(0, 6) })]);
    expect(out.map((r) => [r.cell, r.data?.name])).toEqual([['A9', '满意度指标']]);
  });
  it('a wholly absent 产出 is missing-level1 only', () => {
    const b = hebeiBlock({ indicators: DEFAULT_INDICATORS.slice(4) });
    expect(runRule(indicatorMissingLevel1, [b]).map((r) => r.data?.name)).toEqual(['产出指标']);
    expect(runRule(indicatorMissingLevel2, [b])).toEqual([]);
  });
  it('a 一级 whose rows have no 三级 counts as missing', () => {
    const b = hebeiBlock({ indicators: [...DEFAULT_INDICATORS.slice(0, 6), ['满意度指标', '服务对象满意度指标', '', '']] });
    expect(runRule(indicatorMissingLevel1, [b]).map((r) => r.data?.name)).toEqual(['满意度指标']);
  });
  it('no indicators at all: one message', () => {
    const out = runRule(indicatorMissingLevel1, [hebeiBlock({ indicators: [] })]);
    expect(out.map((r) => r.messageId)).toEqual(['none']);
  });
  it('a disclosure row points at its own 绩效指标 cell, not the shared header', () => {
    const b = listBlock({ row: 10, indicators: [['产出指标', '数量指标', '人数', '19人'], ['效益指标', '社会效益指标', '意识', '提高']] });
    b.labels = { indicators: 'E2' };
    expect(runRule(indicatorMissingLevel1, [b]).map((r) => [r.cell, r.data?.name])).toEqual([['E10', '满意度指标']]);
  });
  it('says so when the row has unreadable lines', () => {
    const b = listBlock({ indicators: [['产出指标', '数量指标', '人数', '19人'], ['满意度指标', '服务对象满意度指标', '满意度', '≥95%']], unparsed: [{ line: '保障退休人员的慰问', reason: '未找到指标值' }] });
    expect(runRule(indicatorMissingLevel1, [b]).map((r) => [r.messageId, r.data?.name])).toEqual([['unreadable', '效益指标']]);
  });
  it('disclosure unit rows are not projects', () => {
    expect(runRule(indicatorMissingLevel1, [listBlock({ role: 'unit', code: '407001' })])).toEqual([]);
  });
  it('产出 without 时效: points at the empty 时效 row when there is one, else at the 产出 cell', () => {
    const noRow = hebeiBlock({ indicators: DEFAULT_INDICATORS.filter((r) => r[1] !== '时效指标') });
    expect(runRule(indicatorMissingLevel2, [noRow]).map((r) => [r.cell, r.data?.level2])).toEqual([['A10', '时效指标']]);
    const emptyRow = replace(2, ['产出指标', '时效指标', '', '']);
    expect(runRule(indicatorMissingLevel2, [emptyRow]).map((r) => r.cell)).toEqual(['C12']);
  });
  it('效益 needs only one of its 二级', () => {
    expect(runRule(indicatorMissingLevel2, [hebeiBlock()])).toEqual([]);
  });
});

describe('indicator/empty-level2', () => {
  it('warns for an optional 二级 row with nothing in it', () => {
    const b = with_(...DEFAULT_INDICATORS, ['效益指标', '生态效益指标', '', '']);
    expect(runRule(indicatorEmptyLevel2, [b]).map((r) => r.cell)).toEqual(['C17']);
  });
  it('not when missing-level2 already reports the row, nor for a blank row inside a merged 二级', () => {
    expect(runRule(indicatorEmptyLevel2, [replace(2, ['产出指标', '时效指标', '', ''])])).toEqual([]);
    expect(runRule(indicatorEmptyLevel2, [with_(...DEFAULT_INDICATORS, ['', '', '', ''])])).toEqual([]);
    // a value without a name is not "empty"
    expect(runRule(indicatorEmptyLevel2, [with_(...DEFAULT_INDICATORS, ['效益指标', '生态效益指标', '', '节约'])])).toEqual([]);
  });
});

describe('indicator/missing-value and missing-basis', () => {
  it('missing value', () => {
    const out = runRule(indicatorMissingValue, [replace(0, ['产出指标', '数量指标', '补助村数', '  ', '计划'])]);
    expect(out.map((r) => r.cell)).toEqual(['F10']);
    expect(out[0].message).toContain('“补助村数”');
    expect(runRule(indicatorMissingValue, [replace(0, ['产出指标', '数量指标', '补助村数', 0, '计划'])])).toEqual([]);
  });
  it('missing basis only where the profile has the column', () => {
    const b = replace(1, ['产出指标', '质量指标', '合格率', '100%', '']);
    expect(runRule(indicatorMissingBasis, [b]).map((r) => r.cell)).toEqual(['G11']);
    expect(runRule(indicatorMissingBasis, [b], {}, { profile: 'disclosure-list' })).toEqual([]);
    expect(runRule(indicatorMissingBasis, [listBlock({ indicators: [['产出指标', '数量指标', '人数', '22人']] })])).toEqual([]);
  });
});

describe('indicator/duplicate and name-as-value', () => {
  it('duplicate 三级 names (ignoring spaces)', () => {
    const b = with_(...DEFAULT_INDICATORS, ['产出指标', '时效指标', '经费发放 及时率', '100%', '计划']);
    const out = runRule(indicatorDuplicate, [b]);
    expect(out.map((r) => [r.cell, r.related])).toEqual([['C17', ['C12']]]);
    expect(runRule(indicatorDuplicate, [hebeiBlock()])).toEqual([]);
  });
  it('value that repeats the name or the description', () => {
    const b = with_(
      ['效益指标', '社会效益指标', '村办公经费正常发放，保障了村级组织正常运转', '村办公经费正常发放，保障了村级组织正常运转', '计划'],
      ['效益指标', '可持续影响指标', '长期使用性', '能够长期较好地满足使用', '计划', '能够长期较好地满足使用'],
      ['效益指标', '社会效益指标', '提高干部工作积极性', '提高', '计划', '提高干部工作积极性'],
    );
    expect(runRule(indicatorNameAsValue, [b]).map((r) => [r.cell, r.messageId])).toEqual([
      ['F10', 'name'],
      ['F11', 'description'],
    ]);
  });
});

describe('indicator/copied-set', () => {
  const shared: IndicatorTuple[] = [
    ['产出指标', '数量指标', '发放行政村数量', '39个', '计划'],
    ['产出指标', '质量指标', '资金使用合规率', '100%', '计划'],
    ['产出指标', '时效指标', '资金发放及时率', '100%', '计划'],
    ['产出指标', '成本指标', '补助标准', '≤3000元/村', '计划'],
    ['效益指标', '社会效益指标', '村组织运转情况', '顺利运转', '计划'],
    ['效益指标', '可持续影响指标', '业务工作可持续性', '长期', '计划'],
  ];
  const sat: IndicatorTuple = ['满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', '经验'];
  const block = (i: number, name: string, code: string, rows: IndicatorTuple[]): Block =>
    hebeiBlock({ index: i, startRow: 1 + 30 * i, name, code, indicators: rows });

  it('reports both blocks of different projects sharing the set', () => {
    const a = block(0, '村级办公经费', '130322219GER8HTIB96ND', [...shared, sat]);
    const b = block(1, '人大之家经费', '130322219GY1M71LCCD9C', [...shared.slice(0, 5), ['效益指标', '可持续影响指标', '长效机制', '健全', '计划'], sat]);
    const out = runRule(indicatorCopiedSet, [a, b]);
    expect(out.map((r) => [r.blockIndex, r.cell, r.data?.count])).toEqual([
      [0, 'E3', 5],
      [1, 'E33', 5],
    ]);
    expect(out[0].message).toContain('“人大之家经费”');
  });
  it('same project (same name or same code) is not copying', () => {
    const a = block(0, '村级办公经费', '130322219GER8HTIB96ND', [...shared, sat]);
    expect(runRule(indicatorCopiedSet, [a, block(1, '村级办公经费', '130322219GER8HTIB96NX', [...shared, sat])])).toEqual([]);
    expect(runRule(indicatorCopiedSet, [a, block(1, '别的名称', '130322219GER8HTIB96ND', [...shared, sat])])).toEqual([]);
  });
  it('needs 5 pairs and 60% of the smaller block; satisfaction rows do not count', () => {
    const a = block(0, '甲项目', '130322219GER8HTIB9600', [...shared, sat]);
    const four = block(1, '乙项目', '130322219GER8HTIB9601', [...shared.slice(0, 4), ['效益指标', '社会效益指标', '别的', '提升', '计划'], sat]);
    expect(runRule(indicatorCopiedSet, [a, four])).toEqual([]);
    const own: IndicatorTuple[] = Array.from({ length: 5 }, (_, i) => ['效益指标', '社会效益指标', `自有指标${i}`, '提升', '计划']);
    const big = block(2, '丙项目', '130322219GER8HTIB9602', [...shared.slice(0, 5), ...own, sat]); // 5 of 10 = 50%
    const big2 = block(3, '丁项目', '130322219GER8HTIB9603', [...shared.slice(0, 5), ...own.map((r): IndicatorTuple => [r[0], r[1], r[2] + '乙', r[3], r[4]]), sat]);
    expect(runRule(indicatorCopiedSet, [big, big2])).toEqual([]);
    // same values with different names are not the same pair
    const renamed = block(4, '戊项目', '130322219GER8HTIB9604', shared.map((r): IndicatorTuple => [r[0], r[1], r[2] + '情况', r[3], r[4]]));
    expect(runRule(indicatorCopiedSet, [a, renamed])).toEqual([]);
  });
  it('compares values by meaning (≥90百分比 = ≥90%)', () => {
    const a = block(0, '甲项目', 'A', shared);
    const b = block(1, '乙项目', 'B', shared.map((r): IndicatorTuple => [r[0], r[1], r[2], r[3] === '100%' ? '100百分比' : r[3], r[4]]));
    expect(runRule(indicatorCopiedSet, [a, b])).toHaveLength(2);
  });
  it('浩门镇 2023: 城乡医保经费 and 社区医保工作经费 share their indicator set (disclosure-2023-haomen)', () => {
    const common: [string, string, string, string][] = [
      ['产出指标', '数量指标', '开展医保政策宣传活动次数', '2次'],
      ['产出指标', '质量指标', '宣传覆盖率', '100%'],
      ['产出指标', '质量指标', '医保参合准确率', '100%'],
      ['产出指标', '时效指标', '宣传活动举办及时率', '100%'],
      ['产出指标', '时效指标', '医保参合完成及时率', '100%'],
      ['效益指标', '社会效益指标', '群众对医保的认知率', '100%'],
      ['效益指标', '可持续影响指标', '人员管理机制健全性', '健全'],
      ['效益指标', '可持续影响指标', '档案资料管理机制完善性', '完善'],
    ];
    const a = listBlock({ index: 7, row: 11, name: '城乡医保经费', amount: 2.55, indicators: [
      ...common, ['产出指标', '数量指标', '完成全乡新农合参保人数', '1.15万人/年'], ['产出指标', '成本指标', '城乡医保工作总成本', '≤2.55万元/年'],
      ['效益指标', '社会效益指标', '医保参合人数增长率', '≥0'],
    ] });
    const b = listBlock({ index: 23, row: 27, name: '社区医保工作经费', amount: 10.4, indicators: [
      ...common, ['产出指标', '数量指标', '完成全乡新农合参保人数', '≥3.5万人/年'], ['产出指标', '数量指标', '宣传印发资料份数', '1000份'],
      ['产出指标', '成本指标', '城乡医保工作总成本', '≤2.21万元/年'], ['效益指标', '社会效益指标', '乡镇居民医保参保率', '100%'],
      ['效益指标', '社会效益指标', '乡镇居民就医经济压力', '减轻'],
    ] });
    const other = listBlock({ index: 1, row: 6, name: '党校工作经费', indicators: [
      ['产出指标', '数量指标', '机关党员人数', '22人'], ['产出指标', '质量指标', '培训及时率', '100%'], ['产出指标', '时效指标', '支付及时率', '100%'],
      ['效益指标', '可持续影响指标', '人员管理机制健全性', '健全'], ['效益指标', '可持续影响指标', '档案资料管理机制完善性', '完善'],
    ] });
    const out = runRule(indicatorCopiedSet, [other, a, b]);
    expect(out.map((r) => [r.blockIndex, r.cell, r.data?.count])).toEqual([[7, 'B11', 8], [23, 'B27', 8]]);
  });
  // Near-linear, counted rather than timed (no test asserts a duration; `npm run bench` times the
  // engine): the rule's work is its Map lookups and insertions, and with a boilerplate row shared by
  // every block they grow with the blocks, not with the pairs of blocks.
  it('is near-linear: 3000 blocks with boilerplate rows and copies; twice the blocks, about twice the work', () => {
    const workbook = (n: number) => {
      const blocks: Block[] = [];
      for (let i = 0; i < n; i++) {
        const rows: IndicatorTuple[] = [
          ['效益指标', '生态效益指标', '节能办公', '节约水电', '计划'], // boilerplate in every block
          ...Array.from({ length: 6 }, (_, k): IndicatorTuple => ['产出指标', '数量指标', `项目${i % (n / 2)}指标${k}`, `${k}个`, '计划']),
          sat,
        ];
        blocks.push(block(i, `项目${i}`, `C${i}`, rows));
      }
      return blocks;
    };
    const mapOps = (blocks: Block[]) => {
      const { get, set } = Map.prototype;
      let ops = 0;
      Map.prototype.get = function (this: Map<unknown, unknown>, k: unknown) {
        ops++;
        return get.call(this, k);
      };
      Map.prototype.set = function (this: Map<unknown, unknown>, k: unknown, v: unknown) {
        ops++;
        return set.call(this, k, v);
      };
      try {
        return { out: runRule(indicatorCopiedSet, blocks), ops };
      } finally {
        Map.prototype.get = get;
        Map.prototype.set = set;
      }
    };
    const [small, mid, large] = [750, 1500, 3000].map((n) => mapOps(workbook(n)));
    expect(large.out).toHaveLength(3000); // block i and i+1500 are copies of each other
    expect(large.out[0].data?.other).toBe('项目1500');
    expect(small.out).toHaveLength(750);
    expect(mid.ops / small.ops).toBeLessThan(2.3);
    expect(large.ops / mid.ops).toBeLessThan(2.3);
  });
});
