/** The three real workbooks, read and recognised end to end, block by block. */
import { readWorkbookFile } from '../../src/files/read';
import { recognize, type Recognition } from '../../src/sheet/recognize';
import { fixture } from '../helpers/fixtures';

async function load(name: string): Promise<Recognition> {
  return recognize(await readWorkbookFile(fixture(name)));
}

describe('hebei-2021-anshan.xlsx', () => {
  let rec: Recognition;
  beforeAll(async () => {
    rec = await load('hebei-2021-anshan.xlsx');
  });

  it('finds every numbered block of the sheet, in order', () => {
    expect(rec.sheets).toEqual([{ name: '项目绩效目标', blocks: 17 }]);
    expect(rec.blocks).toHaveLength(17);
    expect(rec.blocks.map((b) => b.title?.text.replace(/^(\d+)\..*$/, '$1'))).toEqual(Array.from({ length: 17 }, (_, i) => String(i + 1)));
    expect(rec.blocks.every((b) => b.profile === 'hebei-project' && b.moneyUnit === '万元')).toBe(true);
  });

  it('takes the budget year 2021 from the sheet title', () => {
    expect(rec.year).toBe(2021);
    expect(rec.yearSource).toBe('title');
  });

  it('reads names, codes and amounts', () => {
    const names = rec.blocks.map((b) => b.name?.text);
    expect(names.slice(0, 5)).toEqual(['镇街改革补贴项目', '2021年昌黎县四级网格管理经费', '农机人员补贴', '村级办公经费', '人大之家经费']);
    expect(names[16]).toBe('2021年农村保洁员经费');
    expect(rec.blocks[0].code?.text).toBe('130322210QXP1WKIBNS3X');
    expect(rec.blocks.every((b) => /^[0-9A-Z]{21}$/.test(b.code?.text ?? ''))).toBe(true);
    expect(rec.blocks.map((b) => b.budget?.value)).toEqual([20, 24, 7.69, 29.5, 2, 9.08, 39, 463.89, 12.24, 20, 2, 36.24, 46.18, 47.89, 19.5, 29.83, 156.12]);
    expect(rec.blocks.every((b) => b.budget?.value === b.fiscal?.value && b.other?.value === 0)).toBe(true);
    expect(rec.blocks[2].budget).toMatchObject({ cell: 'C46', text: '7.69', numberFormat: '0.00' });
    expect(rec.blocks[0].usage?.text).toMatch(/^预算数20万元。其中：财政资金20万元。/);
    expect(rec.blocks[0].goal?.text).toMatch(/^1\.确保项目资金及时支付/);
  });

  it('reads the plans, including the one with blank checkpoints', () => {
    for (const [i, b] of rec.blocks.entries()) {
      expect(b.plan?.checkpoints.map((f) => f.text)).toEqual(['3月底', '6月底', '10月底', '12月底']);
      if (i !== 15) expect(b.plan?.values.map((f) => f.text)).toEqual(['25.00%', '50.00%', '75.00%', '100.00%']);
    }
    expect(rec.blocks[15].plan?.values.map((f) => [f.cell, f.text])).toEqual([
      ['B309', ''],
      ['C309', ''],
      ['D309', ''],
      ['E309', '100.00%'],
    ]);
  });

  it('reads 9 indicator rows per block (7 in the truncated last block)', () => {
    expect(rec.blocks.map((b) => b.indicators.length)).toEqual([...Array(16).fill(9), 7]);
    const first = rec.blocks[0].indicators;
    expect(first.map((r) => r.level2.text)).toEqual(['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标']);
    expect(first[1]).toMatchObject({ level1: { cell: 'A12', text: '产出指标' }, inherited: { level1: true, level2: false } });
    expect(first[2].value.text).toBe('≥90百分比');
    expect(first[8]).toMatchObject({ level1: { cell: 'A20', text: '满意度指标' }, level3: { text: '群众满意度' }, value: { cell: 'F20' }, basis: { cell: 'G20', text: '历史经验' } });
    const last = rec.blocks[16];
    expect(last.indicators[6]).toMatchObject({ level2: { text: '生态效益指标' }, level3: { text: '' } });
    expect(last.range).toBe('A323:G338');
  });

  it('gives ranges, anchors and the unit line of each block', () => {
    expect(rec.blocks[0]).toMatchObject({ range: 'A3:G20', anchor: 'A3', unitName: { cell: 'A4', text: '813001昌黎县安山镇人民政府本级' }, labels: { unit: 'F4', code: 'A5' } });
    expect(rec.blocks[1]).toMatchObject({ range: 'A23:G40', anchor: 'A23' });
    expect(rec.blocks.every((b) => b.otherCells.length === 0)).toBe(true);
  });
});

describe('hebei-2025-zhangerzhuang.xlsx', () => {
  let rec: Recognition;
  beforeAll(async () => {
    rec = await load('hebei-2025-zhangerzhuang.xlsx');
  });

  it('finds 4 blocks with year 2025', () => {
    expect(rec.blocks).toHaveLength(4);
    expect(rec.year).toBe(2025);
    expect(rec.yearSource).toBe('title');
    expect(rec.blocks.map((b) => b.name?.text)).toEqual(['村办公经费', '村干部工资', '服务基层专项经费', '自收自支人员补助']);
    expect(rec.blocks.map((b) => b.code?.text)).toEqual(['13043425P00442410076K', '13043425P004424100750', '13043425P00442410079E', '13043425P00442410080R']);
  });

  it('reads amounts stored as text and a blank 其他资金', () => {
    expect(rec.blocks.map((b) => b.budget?.value)).toEqual(['73.18', '411.56', '77.42', '101.08']);
    expect(rec.blocks.map((b) => b.fiscal?.text)).toEqual(['73.18', '411.56', '77.42', '101.08']);
    expect(rec.blocks.map((b) => b.other)).toEqual([
      { cell: 'G6', value: null, text: '' },
      { cell: 'G24', value: null, text: '' },
      { cell: 'G42', value: null, text: '' },
      { cell: 'G60', value: null, text: '' },
    ]);
  });

  it('reads plans written as text percentages and 7 indicators per block', () => {
    for (const b of rec.blocks) expect(b.plan?.values.map((f) => f.text)).toEqual(['25%', '50%', '75%', '100%']);
    expect(rec.blocks.map((b) => b.indicators.length)).toEqual([7, 7, 7, 7]);
    expect(rec.blocks[2].indicators.map((r) => r.level2.text)).toEqual(['成本指标', '数量指标', '质量指标', '时效指标', '社会效益指标', '可持续影响指标', '服务对象满意度指标']);
  });

  it('without the sheet title, the project codes give the same year', async () => {
    for (const [name, year] of [['hebei-2025-zhangerzhuang.xlsx', 2025], ['hebei-2021-anshan.xlsx', 2021]] as const) {
      const grid = await readWorkbookFile(fixture(name));
      grid.sheets[0].values[0] = [];
      grid.name = undefined;
      expect(recognize(grid)).toMatchObject({ year, yearSource: 'codes' });
    }
  });
});

describe('disclosure-2023-haomen.xlsx', () => {
  let rec: Recognition;
  beforeAll(async () => {
    rec = await load('disclosure-2023-haomen.xlsx');
  });

  it('reads the list: a department, a unit and 28 projects; year 2023', () => {
    expect(rec.year).toBe(2023);
    expect(rec.yearSource).toBe('title');
    expect(rec.blocks).toHaveLength(30);
    expect(rec.blocks.every((b) => b.profile === 'disclosure-list')).toBe(true);
    expect(rec.blocks.slice(0, 2).map((b) => [b.listRole, b.code?.text, b.name?.text, b.budget?.value])).toEqual([
      ['department', '407', '门源县浩门镇政府', undefined],
      ['unit', '407001', '门源县浩门镇政府', 588.39],
    ]);
    const projects = rec.blocks.filter((b) => b.listRole === 'project');
    expect(projects).toHaveLength(28);
    expect(projects.every((b) => b.parentIndex === 1)).toBe(true);
    expect(projects[0].name).toMatchObject({ cell: 'B5', text: '调委会工作补助经费' });
    expect(projects[2].name?.text).toBe('维稳经费及应急经费');
    expect(projects[27].name?.text).toBe('2023年村级公益事业建设一事一议财政奖补资金');
  });

  it('parses the indicator text of every project', () => {
    const projects = rec.blocks.filter((b) => b.listRole === 'project');
    expect(projects.map((b) => b.indicators.length)).toEqual([14, 10, 15, 12, 11, 16, 12, 11, 11, 10, 17, 14, 20, 14, 13, 22, 11, 15, 10, 13, 7, 10, 14, 10, 9, 7, 9, 13]);
    expect(projects.map((b) => b.unparsed.length)).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]);
    const r = projects[0].indicators[0];
    expect(r).toMatchObject({ row: 4, level1: { cell: 'E5', text: '产出指标' }, level3: { text: '培训乡村两级调委会成员数' }, value: { text: '39人次' }, sourceLine: '1. 培训乡村两级调委会成员数 39人次' });
    expect(projects[1].unparsed[0]).toMatchObject({ cell: 'E6', line: '2. 一年内完成' });
  });
});
