/**
 * Builders of schema-valid `Block`s for rule tests, laid out like the canonical hebei block
 * (docs/domain.md §2.1) so every field has a realistic A1 address.
 *
 *   hebeiBlock()                                   // a complete, correct 村级办公经费 block at A1
 *   hebeiBlock({ startRow: 23, index: 1, name: '农机人员补贴', budget: 7.69,
 *                indicators: [['产出指标', '数量指标', '农机人员人数', '1人', '工作计划'], …] })
 *   hebeiBlock({ plan: [0.25, 0.5, 0.75, 1] })     // numbers get a 0.00% format
 *   hebeiBlock({ omit: ['code', 'goal'] })         // fields absent from the block
 *   listBlock({ row: 5, name: '党校工作经费', amount: 1.7, indicators: [...] })   // disclosure project row
 *   listBlock({ role: 'unit', row: 4, code: '407001', name: '门源县浩门镇政府', amount: 588.39 })
 *
 * Layout of `hebeiBlock` with startRow r (1-based) and columns A–G (shifted by `startCol`):
 *   r   title (A)                     r+1 unit name (A), 单位：万元 (F)
 *   r+2 项目编码 A | code B | 项目名称 D | name E
 *   r+3 预算规模及资金用途 A | 预算数 B | budget C | 其中：财政资金 D | fiscal E | 其他资金 F | other G
 *   r+4 usage B                       r+5 资金支出计划（%） A | checkpoints B…
 *   r+6 plan values B…                r+7 绩效目标 A | goal B
 *   r+8 header row                    r+9… indicators: 一级 A | 二级 B | 三级 C | 描述 D | 指标值 F | 依据 G
 *
 * An indicator tuple is `[一级, 二级, 三级, 指标值, 依据?, 描述?]`. An empty 一级/二级 ('') is read as
 * "same as above" (the field carries the value from above, `inherited` is set) like the recogniser
 * does for blank or merged cells. A value may be a `CellValue` or `{ value, numberFormat }`.
 */
import { columnIndex, toA1 } from '../../src/domain/address';
import { BlockSchema, type Block, type CellValue, type Field, type IndicatorRow } from '../../src/domain/model';
import { displayText as shownText } from '../../src/sheet/display';

export type CellInput = CellValue | { value: CellValue; numberFormat?: string };
export type IndicatorTuple = [string, string, string, CellInput, CellInput?, CellInput?];

/** The display text of a value under a number format: what the recogniser gives a Field (src/sheet/display). */
export function displayText(value: CellValue, numberFormat?: string): string {
  return shownText(value, numberFormat);
}

/** A Field at a cell. */
export function field(cell: string, input: CellInput): Field {
  const { value, numberFormat } =
    input !== null && typeof input === 'object' && 'value' in input ? input : { value: input as CellValue, numberFormat: undefined };
  const f: Field = { cell, value, text: displayText(value, numberFormat) };
  if (numberFormat !== undefined) f.numberFormat = numberFormat;
  return f;
}

/** A block from a partial one (defaults: index 0, hebei-project, Sheet1, A1:G20). Schema-validated. */
export function makeBlock(partial: Partial<Block> = {}): Block {
  return BlockSchema.parse({
    index: 0,
    profile: 'hebei-project',
    sheet: 'Sheet1',
    range: 'A1:G20',
    anchor: 'A1',
    ...partial,
  });
}

/** A complete, correct indicator set (hebei framework). */
export const DEFAULT_INDICATORS: IndicatorTuple[] = [
  ['产出指标', '数量指标', '发放行政村数量', '39个', '行政村数量'],
  ['产出指标', '质量指标', '资金使用合规率', '100%', '工作计划'],
  ['产出指标', '时效指标', '经费发放及时率', '≥95%', '工作计划'],
  ['产出指标', '成本指标', '村级办公经费标准', '≤3000元/村', '年初预算'],
  ['效益指标', '社会效益指标', '村组织的运转情况', '顺利运转', '历史经验'],
  ['效益指标', '可持续影响指标', '业务工作可持续性', '长期', '工作计划'],
  ['满意度指标', '服务对象满意度指标', '村民满意度', '≥90%', '历史经验'],
];

type OmittableField = 'title' | 'unitName' | 'code' | 'name' | 'budget' | 'fiscal' | 'other' | 'usage' | 'plan' | 'goal';

export interface HebeiBlockOptions {
  index?: number;
  profile?: string;
  sheet?: string;
  /** 1-based row of the title (default 1) */
  startRow?: number;
  /** column letter of the block's first column (default 'A') */
  startCol?: string;
  moneyUnit?: '万元' | '元';
  title?: string;
  unitName?: string;
  code?: CellInput;
  name?: CellInput;
  /** numbers get a `0.00` format */
  budget?: CellInput;
  fiscal?: CellInput;
  other?: CellInput;
  usage?: CellInput;
  checkpoints?: string[];
  /** numbers get a `0.00%` format; strings are kept as text */
  plan?: CellInput[];
  goal?: CellInput;
  indicators?: IndicatorTuple[];
  omit?: OmittableField[];
  otherCells?: Field[];
}

function money(input: CellInput): CellInput {
  return typeof input === 'number' ? { value: input, numberFormat: '0.00' } : input;
}

function planCell(input: CellInput): CellInput {
  return typeof input === 'number' ? { value: input, numberFormat: '0.00%' } : input;
}

/** A hebei-project block laid out like the canonical template. */
export function hebeiBlock(o: HebeiBlockOptions = {}): Block {
  const r0 = (o.startRow ?? 1) - 1; // 0-based row of the title
  const c0 = columnIndex(o.startCol ?? 'A');
  const at = (dr: number, dc: number) => toA1(r0 + dr, c0 + dc);
  const omit = new Set(o.omit ?? []);
  const name = o.name ?? '村级办公经费';
  const nameText = typeof name === 'string' ? name : '';
  const checkpoints = o.checkpoints ?? ['3月底', '6月底', '10月底', '12月底'];
  const plan = o.plan ?? ['25%', '50%', '75%', '100%'];
  const tuples = o.indicators ?? DEFAULT_INDICATORS;

  const indicators: IndicatorRow[] = [];
  let prev1: CellValue = null;
  let prev2: CellValue = null;
  tuples.forEach((t, i) => {
    const dr = 9 + i;
    const [l1, l2, l3, value, basis, description] = t;
    const inh1 = l1 === '' && i > 0;
    const inh2 = l2 === '' && i > 0;
    const v1: CellValue = inh1 ? prev1 : l1;
    const v2: CellValue = inh2 ? prev2 : l2;
    prev1 = v1;
    prev2 = v2;
    indicators.push({
      row: r0 + dr,
      level1: field(at(dr, 0), v1),
      level2: field(at(dr, 1), v2),
      level3: field(at(dr, 2), l3),
      description: field(at(dr, 3), description ?? ''),
      value: field(at(dr, 5), value),
      basis: field(at(dr, 6), basis ?? ''),
      inherited: { level1: inh1, level2: inh2 },
    });
  });
  const last = 9 + Math.max(tuples.length, 1) - 1;

  const labels: Record<string, string> = {
    code: at(2, 0),
    name: at(2, 3),
    budget: at(3, 1),
    fiscal: at(3, 3),
    other: at(3, 5),
    usage: at(3, 0),
    plan: at(5, 0),
    goal: at(7, 0),
    indicators: at(8, 0),
  };
  const block: Partial<Block> = {
    index: o.index ?? 0,
    profile: o.profile ?? 'hebei-project',
    sheet: o.sheet ?? 'Sheet1',
    range: `${at(0, 0)}:${at(last, 6)}`,
    anchor: at(0, 0),
    moneyUnit: o.moneyUnit ?? '万元',
    labels,
    indicators,
    otherCells: o.otherCells ?? [],
  };
  if (!omit.has('title')) block.title = field(at(0, 0), o.title ?? `${(o.index ?? 0) + 1}.${nameText}绩效目标表`);
  if (!omit.has('unitName')) block.unitName = field(at(1, 0), o.unitName ?? '813001昌黎县安山镇人民政府本级');
  if (!omit.has('code')) block.code = field(at(2, 1), o.code ?? '130322219GER8HTIB96ND');
  if (!omit.has('name')) block.name = field(at(2, 4), name);
  if (!omit.has('budget')) block.budget = field(at(3, 2), money(o.budget ?? 29.5));
  if (!omit.has('fiscal')) block.fiscal = field(at(3, 4), money(o.fiscal ?? o.budget ?? 29.5));
  if (!omit.has('other')) block.other = field(at(3, 6), money(o.other ?? 0));
  if (!omit.has('usage'))
    block.usage = field(at(4, 1), o.usage ?? '主要用于村级组织的水电暖、网络维护等日常办公经费支出。');
  if (!omit.has('plan')) {
    block.plan = {
      labelCell: at(5, 0),
      checkpoints: checkpoints.map((cp, i) => field(at(5, 1 + i), cp)),
      values: checkpoints.map((_, i) => field(at(6, 1 + i), planCell(plan[i] ?? null))),
    };
  }
  if (!omit.has('goal'))
    block.goal = field(at(7, 1), o.goal ?? '1.确保村级办公经费及时足额发放。\n2.保障村级组织正常运转。');
  return makeBlock(block);
}

export interface ListBlockOptions {
  index?: number;
  sheet?: string;
  /** 1-based sheet row of the list row (default 5) */
  row?: number;
  role?: 'department' | 'unit' | 'project';
  parentIndex?: number;
  code?: string;
  name?: string;
  /** 金额（万元）; numbers get a `0.00` format */
  amount?: CellInput;
  goal?: string;
  /** `[一级, 二级, 三级, 指标值]` read from the 绩效指标 text (all point at the E cell) */
  indicators?: [string, string, string, string][];
  unparsed?: { line: string; reason: string }[];
}

/** A disclosure-list row as a block (columns A 单位编码 | B 名称 | C 金额 | D 绩效目标 | E 绩效指标). */
export function listBlock(o: ListBlockOptions = {}): Block {
  const row = o.row ?? 5;
  const r = row - 1;
  const role = o.role ?? 'project';
  const cell = (col: string) => `${col}${row}`;
  const tuples = o.indicators ?? [];
  const indicators: IndicatorRow[] = tuples.map(([l1, l2, l3, v]) => ({
    row: r,
    level1: field(cell('E'), l1),
    level2: field(cell('E'), l2),
    level3: field(cell('E'), l3),
    value: field(cell('E'), v),
    inherited: { level1: false, level2: false },
    sourceLine: `${l3} ${v}`,
  }));
  const block: Partial<Block> = {
    index: o.index ?? 0,
    profile: 'disclosure-list',
    sheet: o.sheet ?? 'Sheet1',
    range: `A${row}:E${row}`,
    anchor: role === 'project' ? cell('B') : cell('A'),
    listRole: role,
    labels: {},
    indicators,
    unparsed: (o.unparsed ?? []).map((u) => ({ cell: cell('E'), ...u })),
  };
  if (o.parentIndex !== undefined) block.parentIndex = o.parentIndex;
  if (o.code !== undefined) block.code = field(cell('A'), o.code);
  block.name = field(cell('B'), o.name ?? '党校工作经费');
  if (o.amount !== undefined || role !== 'department') block.budget = field(cell('C'), money(o.amount ?? 1.7));
  if (role === 'project') {
    block.goal = field(cell('D'), o.goal ?? '目标一：通过培训，提高党员的党性修养。');
  }
  return makeBlock(block);
}
