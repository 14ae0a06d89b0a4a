import { recognize } from '../../src/sheet/recognize';
import type { Grid } from '../../src/sheet/grid';
import { SheetBuilder, writeBlock, STANDARD_INDICATORS } from './grid-builder';

function grid(...sheets: SheetBuilder[]): Grid {
  return { sheets: sheets.map((s) => s.build()) };
}

function one(b: SheetBuilder) {
  const rec = recognize(grid(b));
  expect(rec.blocks).toHaveLength(1);
  return rec.blocks[0];
}

describe('recognize — canonical hebei-project block', () => {
  const b = new SheetBuilder();
  writeBlock(b);
  const block = one(b);

  it('reads every field at its cell', () => {
    expect(block.profile).toBe('hebei-project');
    expect(block.title).toMatchObject({ cell: 'A1', text: '1.村级办公经费绩效目标表' });
    expect(block.unitName).toMatchObject({ cell: 'A2', text: '813001昌黎县安山镇人民政府本级' });
    expect(block.moneyUnit).toBe('万元');
    expect(block.code).toMatchObject({ cell: 'B3', text: '130322219GER8HTIB96ND' });
    expect(block.name).toMatchObject({ cell: 'E3', text: '村级办公经费' });
    expect(block.budget).toMatchObject({ cell: 'C4', value: 29.5, text: '29.50', numberFormat: '0.00' });
    expect(block.fiscal).toMatchObject({ cell: 'E4', text: '29.50' });
    expect(block.other).toMatchObject({ cell: 'G4', value: 0, text: '0.00' });
    expect(block.usage).toMatchObject({ cell: 'B5', text: '预算数29.5万元，主要用于村级组织日常办公。' });
    expect(block.goal).toMatchObject({ cell: 'B8', text: '保障村级组织正常运转。' });
  });

  it('reads the plan: checkpoints and the values below them', () => {
    expect(block.plan?.labelCell).toBe('A6');
    expect(block.plan?.checkpoints.map((f) => f.text)).toEqual(['3月底', '6月底', '10月底', '12月底']);
    expect(block.plan?.checkpoints.map((f) => f.cell)).toEqual(['B6', 'C6', 'D6', 'E6']);
    expect(block.plan?.values.map((f) => f.text)).toEqual(['25.00%', '50.00%', '75.00%', '100.00%']);
    expect(block.plan?.values.map((f) => f.cell)).toEqual(['B7', 'C7', 'D7', 'E7']);
  });

  it('reads the indicator rows with columns from the header', () => {
    expect(block.indicators).toHaveLength(7);
    const first = block.indicators[0];
    expect(first.row).toBe(9);
    expect(first.level1).toMatchObject({ cell: 'A10', text: '产出指标' });
    expect(first.level2).toMatchObject({ cell: 'B10', text: '数量指标' });
    expect(first.level3).toMatchObject({ cell: 'C10', text: '补助村数' });
    expect(first.description).toMatchObject({ cell: 'D10', text: '享受补助的村个数' });
    expect(first.value).toMatchObject({ cell: 'F10', text: '39个' });
    expect(first.basis).toMatchObject({ cell: 'G10', text: '行政村数量' });
  });

  it('fills a blank 一级 from above and says so', () => {
    const second = block.indicators[1];
    expect(second.inherited).toEqual({ level1: true, level2: false });
    expect(second.level1).toMatchObject({ cell: 'A10', text: '产出指标' });
    expect(block.indicators[4].inherited.level1).toBe(false);
    expect(block.indicators[4].level1.text).toBe('效益指标');
  });

  it('records range, anchor, labels and no stray cells', () => {
    expect(block.range).toBe('A1:G16');
    expect(block.anchor).toBe('A1');
    expect(block.labels).toMatchObject({ code: 'A3', name: 'D3', budget: 'B4', fiscal: 'D4', other: 'F4', usage: 'A4', plan: 'A6', goal: 'A8', indicators: 'A9', unit: 'F2' });
    expect(block.otherCells).toEqual([]);
  });
});

describe('recognize — label tolerance', () => {
  it('accepts inner spaces, line breaks, half-width punctuation and trailing spaces', () => {
    const b = new SheetBuilder();
    writeBlock(b, {
      labels: { code: '项目\n编码', name: '项目名称 ', fiscal: '其中:财政    资金', plan: '资金支出计划(%)', goal: ' 绩效目标', level1: '一级\n指标', level2: '二级 指标', usage: '预算规模及\n资金用途' },
    });
    const block = one(b);
    expect(block.code?.text).toBe('130322219GER8HTIB96ND');
    expect(block.name?.text).toBe('村级办公经费');
    expect(block.fiscal?.text).toBe('29.50');
    expect(block.plan?.values).toHaveLength(4);
    expect(block.goal?.text).toBe('保障村级组织正常运转。');
    expect(block.indicators).toHaveLength(7);
    expect(block.usage?.cell).toBe('B5');
  });

  it('does not take a cell that merely contains a label word as a label', () => {
    const b = new SheetBuilder();
    b.row(0, 0, ['项目名称说明：本表由各单位填写']).row(1, 0, ['绩效目标表填报要求']);
    const rec = recognize(grid(b));
    expect(rec.blocks).toHaveLength(0);
  });
});

describe('recognize — values', () => {
  it('reads numbers stored as text and percentages as text', () => {
    const b = new SheetBuilder();
    writeBlock(b, { budget: '73.18', fiscal: '73.18', other: undefined, plan: ['25%', '50%', '75%', '100.00%'] });
    const block = one(b);
    expect(block.budget).toMatchObject({ value: '73.18', text: '73.18' });
    expect(block.plan?.values.map((f) => f.text)).toEqual(['25%', '50%', '75%', '100.00%']);
    // 其他资金 present but blank: a Field with empty text at the cell to fill
    expect(block.other).toMatchObject({ cell: 'G4', text: '', value: null });
  });

  it('renders percentages with their number format', () => {
    const b = new SheetBuilder();
    writeBlock(b, { planFormat: '0%' });
    expect(one(b).plan?.values.map((f) => f.text)).toEqual(['25%', '50%', '75%', '100%']);
  });

  it('keeps a plan cell without % format as the plain number', () => {
    const b = new SheetBuilder();
    writeBlock(b, { plan: [25, 50, 75, 100], planFormat: 'General' });
    expect(one(b).plan?.values.map((f) => f.text)).toEqual(['25', '50', '75', '100']);
  });

  it('gives a blank 项目编码 as an empty Field at the value cell, not the next label', () => {
    const b = new SheetBuilder();
    writeBlock(b, { code: undefined, goal: undefined });
    const block = one(b);
    expect(block.code).toMatchObject({ cell: 'B3', text: '' });
    expect(block.name?.text).toBe('村级办公经费');
    expect(block.goal).toMatchObject({ cell: 'B8', text: '' });
  });

  it('leaves an absent label undefined', () => {
    const b = new SheetBuilder();
    b.row(0, 0, ['项目名称', '村级办公经费']);
    b.row(1, 0, ['预算数', 10]);
    b.row(2, 0, ['一级指标', '二级指标', '三级指标', '指标值']);
    b.row(3, 0, ['产出指标', '数量指标', '村数', '39个']);
    const block = one(b);
    expect(block.code).toBeUndefined();
    expect(block.plan).toBeUndefined();
    expect(block.goal).toBeUndefined();
    expect(block.fiscal).toBeUndefined();
    expect(block.name?.text).toBe('村级办公经费');
    expect(block.budget?.text).toBe('10');
    expect(block.indicators).toHaveLength(1);
    expect(block.indicators[0].value.text).toBe('39个');
    expect(block.indicators[0].description).toBeUndefined();
    expect(block.indicators[0].basis).toBeUndefined();
    expect(block.anchor).toBe('A1');
  });

  it('collects other non-empty cells of the block for placeholder checks', () => {
    const b = new SheetBuilder();
    writeBlock(b);
    b.set(6, 6, 'XXX'); // a stray cell on the plan values row
    const block = one(b);
    expect(block.otherCells.map((f) => [f.cell, f.text])).toEqual([['G7', 'XXX']]);
  });
});

describe('recognize — indicator table', () => {
  it('treats merged-down 一级 like blank cells below', () => {
    const b = new SheetBuilder();
    writeBlock(b, { mergeLevel1: true });
    const block = one(b);
    expect(block.indicators.map((r) => r.level1.text)).toEqual(['产出指标', '产出指标', '产出指标', '产出指标', '效益指标', '效益指标', '满意度指标']);
    expect(block.indicators.map((r) => r.inherited.level1)).toEqual([false, true, true, true, false, true, false]);
  });

  it('fills a blank 二级 from above, but not across a new 一级', () => {
    const b = new SheetBuilder();
    writeBlock(b, {
      indicators: [
        ['产出指标', '数量指标', '村数', '', '39个', '计划'],
        [undefined, undefined, '人数', '', '10人', '计划'],
        ['效益指标', undefined, '运转情况', '', '顺利', '计划'],
      ],
    });
    const block = one(b);
    expect(block.indicators[1].level2).toMatchObject({ cell: 'B10', text: '数量指标' });
    expect(block.indicators[1].inherited).toEqual({ level1: true, level2: true });
    expect(block.indicators[2].level2).toMatchObject({ cell: 'B12', text: '' });
    expect(block.indicators[2].inherited.level2).toBe(false);
  });

  it('keeps the same text repeated in every row as written (not inherited)', () => {
    const b = new SheetBuilder();
    writeBlock(b, { indicators: STANDARD_INDICATORS.map((r, i) => [i < 4 ? '产出指标' : r[0] ?? '效益指标', ...r.slice(1)]) });
    const block = one(b);
    expect(block.indicators.every((r) => !r.inherited.level1)).toBe(true);
    expect(block.indicators[3].level1.cell).toBe('A13');
  });

  it('stops at a blank row, and notes after the table are not indicators', () => {
    const b = new SheetBuilder();
    const end = writeBlock(b);
    b.set(end, 0, '注：1.本表金额单位为万元。');
    const block = one(b);
    expect(block.indicators).toHaveLength(7);
    expect(block.range).toBe('A1:G16');
  });

  it('detects central-2021 by a 成本指标 一级, and options.profile forces the profile', () => {
    const b = new SheetBuilder();
    writeBlock(b, {
      indicators: [
        ['产出指标', '数量指标', '村数', '', '39个', '计划'],
        ['成本指标', '经济成本指标', '办公成本', '', '≤29.5万元', '预算'],
        ['效益指标', '社会效益指标', '运转情况', '', '顺利', '计划'],
        ['满意度指标', '服务对象满意度指标', '满意度', '', '≥90%', '调查'],
      ],
    });
    expect(one(b).profile).toBe('central-2021');
    const forced = recognize(grid(b), { profile: 'hebei-project' });
    expect(forced.blocks[0].profile).toBe('hebei-project');
    const plain = new SheetBuilder();
    writeBlock(plain);
    expect(recognize(grid(plain), { profile: 'central-2021' }).blocks[0].profile).toBe('central-2021');
  });
});

describe('recognize — layout tolerance', () => {
  it('finds a block that does not start in column A, and honours grid.origin', () => {
    const b = new SheetBuilder();
    writeBlock(b, { row: 2, col: 2 });
    const block = one(b);
    expect(block.range).toBe('C3:I18');
    expect(block.code?.cell).toBe('D5');
    expect(block.plan?.values[0].cell).toBe('D9');
    const s = b.build();
    s.origin = { row: 10, col: 1 };
    const shifted = recognize({ sheets: [s] }).blocks[0];
    expect(shifted.code?.cell).toBe('E15');
    expect(shifted.range).toBe('D13:J28');
    expect(shifted.indicators[0].row).toBe(21);
    expect(shifted.indicators[0].level3.cell).toBe('F22');
  });

  it('reads stacked blocks separated by blank rows and notes, with index in reading order', () => {
    const b = new SheetBuilder();
    b.set(0, 0, '昌黎县安山镇人民政府2021年部门预算项目绩效目标表');
    let r = writeBlock(b, { row: 2, name: '甲项目' });
    b.set(r + 1, 0, '说明：以下为第二个项目');
    b.set(r + 2, 0, '（部门整体情况略）');
    r = writeBlock(b, { row: r + 4, title: '2.乙项目绩效目标表', name: '乙项目', budget: 5, fiscal: 5 });
    writeBlock(b, { row: r + 2, title: null, unitLine: null, name: '丙项目' });
    const rec = recognize(grid(b));
    expect(rec.blocks.map((x) => x.name?.text)).toEqual(['甲项目', '乙项目', '丙项目']);
    expect(rec.blocks.map((x) => x.index)).toEqual([0, 1, 2]);
    expect(rec.blocks[0].title?.text).toBe('1.村级办公经费绩效目标表');
    expect(rec.blocks[1].title?.text).toBe('2.乙项目绩效目标表');
    expect(rec.blocks[1].budget?.value).toBe(5);
    // no title and no unit line: anchored at its first label, the preamble is not its title
    expect(rec.blocks[2].title).toBeUndefined();
    expect(rec.blocks[2].unitName).toBeUndefined();
    expect(rec.blocks[2].anchor).toBe(rec.blocks[2].labels.code);
    expect(rec.blocks.every((x) => x.indicators.length === 7)).toBe(true);
  });

  it('reads 单位：元 as the money unit and a missing unit line as 万元', () => {
    const b = new SheetBuilder();
    const r = writeBlock(b, { unitLine: ['813001某镇本级', '单位：元'] });
    writeBlock(b, { row: r + 2, unitLine: null, title: '2.项目绩效目标表' });
    const rec = recognize(grid(b));
    expect(rec.blocks.map((x) => x.moneyUnit)).toEqual(['元', '万元']);
    expect(rec.blocks[1].title?.cell).toBe(`A${r + 3}`);
    expect(rec.blocks[1].unitName).toBeUndefined();
  });

  it('takes whatever the plan header holds as checkpoints', () => {
    const b = new SheetBuilder();
    writeBlock(b, { checkpoints: ['一季度', '二季度', '三季度', '四季度'], plan: [0.1, 0.4, 0.7, 1] });
    const block = one(b);
    expect(block.plan?.checkpoints.map((f) => f.text)).toEqual(['一季度', '二季度', '三季度', '四季度']);
    expect(block.plan?.values.map((f) => f.text)).toEqual(['10.00%', '40.00%', '70.00%', '100.00%']);
  });

  it('gives blank plan values as empty Fields under their checkpoints', () => {
    const b = new SheetBuilder();
    writeBlock(b, { plan: [undefined, undefined, undefined, 1] });
    const block = one(b);
    expect(block.plan?.values.map((f) => f.text)).toEqual(['', '', '', '100.00%']);
    expect(block.plan?.values[0].cell).toBe('B7');
  });

  it('reads blocks on several sheets and reports every sheet', () => {
    const a = new SheetBuilder('一');
    writeBlock(a, { name: '甲' });
    const empty = new SheetBuilder('说明');
    empty.row(0, 0, ['本工作簿说明', '随便写点什么']).row(3, 2, [1, 2, 3]);
    const c = new SheetBuilder('二');
    writeBlock(c, { name: '乙' });
    const rec = recognize(grid(a, empty, c));
    expect(rec.blocks.map((x) => [x.sheet, x.name?.text, x.index])).toEqual([
      ['一', '甲', 0],
      ['二', '乙', 1],
    ]);
    expect(rec.sheets.map((s) => [s.name, s.blocks])).toEqual([
      ['一', 1],
      ['说明', 0],
      ['二', 1],
    ]);
    expect(rec.sheets[1].note).toContain('未找到可识别的绩效目标表');
    expect(rec.sheets[0].note).toBeUndefined();
  });

  it('notes an empty and a hidden sheet', () => {
    const hidden = new SheetBuilder('隐藏').build();
    hidden.hidden = true;
    const rec = recognize({ sheets: [new SheetBuilder('空').build(), hidden] });
    expect(rec.sheets[0].note).toBe('工作表为空');
    expect(rec.sheets[1].note).toContain('隐藏');
  });
});

describe('recognize — disclosure list', () => {
  function list(): SheetBuilder {
    const b = new SheetBuilder();
    b.set(0, 0, '门源县浩门镇政府2023年部门预算项目支出绩效目标公开表');
    b.row(1, 0, ['单位编码', '单位及项目名称', '金额（万元）', '绩效目标', '绩效指标']);
    b.row(2, 0, ['407', '门源县浩门镇政府']);
    b.row(3, 0, ['407001', '门源县浩门镇政府']).set(3, 2, 4.12, '0.00');
    b.row(4, 0, [undefined, '调委会工作 补助经费', 1.02, '目标一：开展调解培训。', '一、产出指标\n(一) 数量指标：\n1. 培训人数 39人次\n三、满意度指标\n群众满意度 ≥95%']);
    b.row(5, 0, ['单位编码', '单位及项目名称', '金额（万元）', '绩效目标', '绩效指标']);
    b.row(6, 0, [undefined, '党校工作经费', 3.1, '目标一：培训党员。', '一、产出指标\n(一)数量指标:\n1.党员人数 22人\n2. 一年内完成']);
    return b;
  }

  it('makes department, unit and project blocks and skips the repeated header', () => {
    const rec = recognize(grid(list()));
    expect(rec.blocks.map((x) => [x.listRole, x.name?.text, x.profile])).toEqual([
      ['department', '门源县浩门镇政府', 'disclosure-list'],
      ['unit', '门源县浩门镇政府', 'disclosure-list'],
      ['project', '调委会工作补助经费', 'disclosure-list'],
      ['project', '党校工作经费', 'disclosure-list'],
    ]);
    expect(rec.blocks[1].code?.text).toBe('407001');
    expect(rec.blocks[1].budget?.text).toBe('4.12');
    expect(rec.blocks[1].parentIndex).toBe(0);
    expect(rec.blocks[2].parentIndex).toBe(1);
    expect(rec.blocks[3].parentIndex).toBe(1);
    expect(rec.year).toBe(2023);
    expect(rec.yearSource).toBe('title');
  });

  it('normalises the project name but keeps the cell value', () => {
    const p = recognize(grid(list())).blocks[2];
    expect(p.name).toMatchObject({ cell: 'B5', value: '调委会工作 补助经费', text: '调委会工作补助经费' });
    expect(p.budget).toMatchObject({ cell: 'C5', value: 1.02 });
    expect(p.goal).toMatchObject({ cell: 'D5', text: '目标一：开展调解培训。' });
    expect(p.range).toBe('A5:E5');
    expect(p.anchor).toBe('B5');
    expect(p.code).toBeUndefined();
  });

  it('points every indicator at the 绩效指标 cell and keeps the source line', () => {
    const blocks = recognize(grid(list())).blocks;
    const p = blocks[2];
    expect(p.indicators).toHaveLength(2);
    expect(p.indicators[0]).toMatchObject({
      row: 4,
      level1: { cell: 'E5', text: '产出指标' },
      level2: { cell: 'E5', text: '数量指标' },
      level3: { cell: 'E5', text: '培训人数' },
      value: { cell: 'E5', text: '39人次' },
      sourceLine: '1. 培训人数 39人次',
    });
    expect(p.indicators[1]).toMatchObject({ level1: { text: '满意度指标' }, level2: { text: '服务对象满意度指标' }, inherited: { level2: true } });
    const q = blocks[3];
    expect(q.indicators.map((r) => r.level3.text)).toEqual(['党员人数']);
    expect(q.unparsed).toHaveLength(1);
    expect(q.unparsed[0]).toMatchObject({ cell: 'E7', line: '2. 一年内完成' });
    expect(q.unparsed[0].reason).toContain('未找到指标值');
  });

  it('does not read the list header 绩效目标 as a block label', () => {
    const rec = recognize(grid(list()));
    expect(rec.blocks.some((b) => b.profile !== 'disclosure-list')).toBe(false);
  });
});

describe('recognize — budget year', () => {
  it('prefers the setting, then a title, then the project codes', () => {
    const b = new SheetBuilder();
    b.set(0, 0, '某镇2021年部门预算项目绩效目标表');
    writeBlock(b, { row: 2, code: '130322250QXP1WKIBNS3X' });
    expect(recognize(grid(b), { year: 2024 })).toMatchObject({ year: 2024, yearSource: 'setting' });
    expect(recognize(grid(b))).toMatchObject({ year: 2021, yearSource: 'title' });
  });

  it('takes the year most codes carry when no title names one', () => {
    const b = new SheetBuilder();
    let r = writeBlock(b, { code: '13043425P00442410076K' });
    r = writeBlock(b, { row: r + 1, code: '13043425P004424100750' });
    writeBlock(b, { row: r + 1, code: '13043424P00442410079E' });
    expect(recognize(grid(b))).toMatchObject({ year: 2025, yearSource: 'codes' });
  });

  it('reads the year from the document name, and stays silent when nothing names one', () => {
    const b = new SheetBuilder();
    writeBlock(b, { code: 'ABC' });
    expect(recognize({ sheets: [b.build()], name: '2022年部门预算项目绩效目标表.xlsx' })).toMatchObject({ year: 2022, yearSource: 'title' });
    const rec = recognize({ sheets: [b.build()], name: 'book1.xlsx' });
    expect(rec.year).toBeUndefined();
    expect(rec.yearSource).toBeUndefined();
  });

  it('reads the year from a sheet name that is a title', () => {
    const b = new SheetBuilder('2024年项目绩效目标');
    writeBlock(b, { code: 'ABC' });
    expect(recognize(grid(b))).toMatchObject({ year: 2024, yearSource: 'title' });
    const c = new SheetBuilder('2024年');
    writeBlock(c, { code: 'ABC' });
    expect(recognize(grid(c)).year).toBeUndefined();
  });

  it('does not take a project title year below the first block as the budget year', () => {
    const b = new SheetBuilder();
    writeBlock(b, { title: '1.2019年遗留项目绩效目标表', code: '13043425P00442410076K' });
    expect(recognize(grid(b))).toMatchObject({ year: 2025, yearSource: 'codes' });
  });
});

describe('recognize — label words inside the indicator table', () => {
  it('reads a 三级 or 指标值 that happens to be a label word as data, and the next block normally', () => {
    const b = new SheetBuilder();
    const r = writeBlock(b, {
      indicators: [
        ['产出指标', '成本指标', '预算数', '项目预算数', '≤29.5万元', '预算'],
        [undefined, '数量指标', '项目名称', '项目个数', '1个', '计划'],
        ['满意度指标', '服务对象满意度指标', '满意度', '', '≥90%', '调查'],
      ],
    });
    writeBlock(b, { row: r, title: '2.乙项目绩效目标表', name: '乙项目', budget: 5 });
    const rec = recognize(grid(b));
    expect(rec.blocks.map((x) => x.name?.text)).toEqual(['村级办公经费', '乙项目']);
    expect(rec.blocks[0].indicators.map((x) => x.level3.text)).toEqual(['预算数', '项目名称', '满意度']);
    expect(rec.blocks[0].budget?.value).toBe(29.5);
    expect(rec.blocks[1].budget?.value).toBe(5);
    expect(rec.blocks[1].title?.text).toBe('2.乙项目绩效目标表');
  });
});
