/**
 * The shipped profiles (docs/domain.md §2, §3) as data, a registry, and the name lookups every
 * indicator rule uses. A new province is a new `Profile` object passed to `registerProfile`.
 */
import { BLOCK_FIELD_KEYS, ProfileSchema, type BlockTemplate, type FieldSpec, type FixedIndicator, type IndicatorColumnSpec, type Level1Spec, type PlanSpec, type Profile } from './profile';
import { normLabel } from './text';

const CHECKPOINT_SETS: string[][] = [
  ['3月底', '6月底', '10月底', '12月底'],
  ['3月底', '6月底', '9月底', '12月底'],
  ['一季度', '二季度', '三季度', '四季度'],
];

const CHECKPOINT_MONTHS: Record<string, number> = {
  '1月底': 1,
  '2月底': 2,
  '3月底': 3,
  '4月底': 4,
  '5月底': 5,
  '6月底': 6,
  '7月底': 7,
  '8月底': 8,
  '9月底': 9,
  '10月底': 10,
  '11月底': 11,
  '12月底': 12,
  一季度: 3,
  二季度: 6,
  三季度: 9,
  四季度: 12,
  第一季度: 3,
  第二季度: 6,
  第三季度: 9,
  第四季度: 12,
};

const l2 = (...names: string[]) => names.map((name) => ({ name }));

const HEBEI_LEVEL1: Level1Spec[] = [
  { name: '产出指标', level2: l2('数量指标', '质量指标', '时效指标', '成本指标'), required: true, requireEveryLevel2: true },
  {
    name: '效益指标',
    level2: l2('经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'),
    required: true,
    requireEveryLevel2: false,
  },
  { name: '满意度指标', level2: l2('服务对象满意度指标'), required: true, requireEveryLevel2: false },
];

const COMMON_ALIASES: Profile['aliases'] = {
  level1: { 效果指标: '效益指标' },
  level2: {
    可持续性影响: '可持续影响指标',
    可持续性影响指标: '可持续影响指标',
    可持续影响: '可持续影响指标',
    环境效益指标: '生态效益指标',
    满意度指标: '服务对象满意度指标',
    社会公众或服务对象满意度指标: '服务对象满意度指标',
  },
};

/** What the Hebei formats share: the indicator frame, the plan checkpoints, the floors, the switches. */
const HEBEI_COMMON = {
  level1: HEBEI_LEVEL1,
  aliases: COMMON_ALIASES,
  checkpointSets: CHECKPOINT_SETS,
  checkpointMonths: CHECKPOINT_MONTHS,
  satisfactionFloor: 80,
  planPacingShare: 1,
  rules: { 'plan/behind-schedule': 'off' },
} satisfies Partial<Profile>;

// ---- block labels and columns (docs/domain.md §2.1): compared after normLabel (no whitespace, half-width punctuation) ----

const HEBEI_FIELDS: FieldSpec[] = [
  {
    key: 'code',
    caption: '项目编码',
    labels: ['项目编码', '项目代码', '项目编号'],
    prompt: '填写预算系统中的项目编码：21位数字或大写字母，如“130322210QXP1WKIBNS3X”',
  },
  { key: 'name', caption: '项目名称', labels: ['项目名称'], required: '本项目的名称', prompt: '填写与预算系统一致的项目名称' },
  { key: 'usage', caption: '资金用途', labels: ['预算规模及资金用途', '预算规模及用途', '资金规模及用途'], secondRow: true },
  {
    key: 'budget',
    caption: '预算数',
    labels: ['预算数', '预算金额', '年度预算数', '项目预算数', '预算数合计'],
    money: true,
    required: '本项目的预算金额',
    prompt: '单位：{{unit}}，两位小数；预算数 = 财政资金 + 其他资金',
  },
  {
    key: 'fiscal',
    caption: '财政资金',
    labels: ['其中：财政资金', '其中财政资金', '财政资金', '其中：财政拨款', '财政拨款'],
    money: true,
    prompt: '单位：{{unit}}，两位小数',
  },
  {
    key: 'other',
    caption: '其他资金',
    labels: ['其他资金', '其中：其他资金', '其他来源资金'],
    money: true,
    prompt: '单位：{{unit}}，两位小数；没有其他资金填0',
  },
  { key: 'usage', caption: '资金用途', labels: ['资金用途', '主要用途', '项目资金用途'] },
  { key: 'goal', caption: '绩效目标', labels: ['绩效目标', '年度绩效目标', '项目绩效目标', '年度目标'], required: '本项目的年度绩效目标' },
];

const HEBEI_PLAN: PlanSpec = {
  labels: ['资金支出计划（%）', '资金支出计划', '资金支出进度计划（%）', '资金支出进度计划', '支出计划（%）', '支出计划'],
  text: '资金支出计划\n（%）',
};

const HEBEI_COLUMNS: IndicatorColumnSpec[] = [
  { role: 'level1', labels: ['一级指标'] },
  { role: 'level2', labels: ['二级指标'] },
  { role: 'level3', labels: ['三级指标', '指标名称'] },
  { role: 'description', labels: ['绩效指标描述', '指标描述', '指标解释', '指标内容'], span: 2 },
  { role: 'value', labels: ['指标值', '目标值', '指标值（目标值）', '年度指标值', '指标目标值'] },
  { role: 'basis', labels: ['指标值确定依据', '确定依据', '指标值设定依据', '设定依据', '指标确定依据'] },
];

/** The canonical 7-column block of docs/domain.md §2.1 (A–G), as templates insert it. */
const HEBEI_TEMPLATE: BlockTemplate = {
  widths: [12, 14, 24, 16, 16, 16, 22],
  title: '{{prefix}}{{name}}绩效目标表',
  rows: [
    [{ line: 'unit', cols: 5 }, { line: 'moneyUnit', cols: 2 }],
    [{ label: 'code' }, { value: 'code', cols: 2 }, { label: 'name' }, { value: 'name', cols: 3 }],
    [
      { label: 'usage', text: '预算规模及\n资金用途', rows: 2 },
      { label: 'budget' },
      { value: 'budget' },
      { label: 'fiscal' },
      { value: 'fiscal' },
      { label: 'other' },
      { value: 'other' },
    ],
    [{ value: 'usage', cols: 6, lines: 2 }],
    [{ label: 'plan', rows: 2 }, { plan: 'checkpoints', cols: 6 }],
    [{ plan: 'values', cols: 6 }],
    [{ label: 'goal' }, { value: 'goal', cols: 6, lines: 3 }],
  ],
  heights: { 0: 20, 2: 30 },
};

export const hebeiProject: Profile = {
  id: 'hebei-project',
  name: '河北省项目支出绩效目标表',
  layout: 'block',
  ...HEBEI_COMMON,
  moneyUnit: '万元',
  fields: HEBEI_FIELDS,
  totals: [{ total: 'budget', parts: ['fiscal', 'other'] }],
  plan: HEBEI_PLAN,
  indicatorColumns: HEBEI_COLUMNS,
  template: HEBEI_TEMPLATE,
};

export const central2021: Profile = {
  ...hebeiProject,
  id: 'central-2021',
  name: '项目支出绩效目标表（成本指标为一级指标）',
  level1: [
    { name: '产出指标', level2: l2('数量指标', '质量指标', '时效指标'), required: true, requireEveryLevel2: true },
    {
      name: '成本指标',
      level2: l2('经济成本指标', '社会成本指标', '生态环境成本指标'),
      required: true,
      requireEveryLevel2: false,
    },
    HEBEI_LEVEL1[1],
    HEBEI_LEVEL1[2],
  ],
  aliases: {
    level1: COMMON_ALIASES.level1,
    level2: { ...COMMON_ALIASES.level2, 生态成本指标: '生态环境成本指标', 环境成本指标: '生态环境成本指标' },
  },
};

export const disclosureList: Profile = {
  id: 'disclosure-list',
  name: '项目支出绩效目标公开表（每行一个项目）',
  layout: 'list',
  ...HEBEI_COMMON,
  moneyUnit: '万元',
  // the columns, in the order templates write them (docs/domain.md §2.2)
  fields: [
    { key: 'code', caption: '单位编码', labels: ['单位编码', '单位代码', '编码'] },
    {
      key: 'name',
      caption: '项目名称',
      labels: ['单位及项目名称', '单位名称及项目名称', '单位（项目）名称', '项目名称'],
      required: '本项目的名称',
    },
    {
      key: 'budget',
      caption: '预算数',
      labels: ['金额', '预算金额', '预算数'],
      money: true,
      required: '本项目的预算金额',
    },
    { key: 'goal', caption: '绩效目标', labels: ['绩效目标', '年度绩效目标'], required: '本项目的年度绩效目标' },
    { key: 'indicators', caption: '绩效指标', labels: ['绩效指标', '年度绩效指标', '绩效指标内容'] },
  ],
  totals: [],
  indicatorColumns: [],
};

// ---- 一体化 exports (docs/domain.md §2.4, §2.5) -------------------------------------------------------------

/** The system fixes this row under 成本指标 in every table (`项目或定额成本控制率 ＝ 100 %`). */
const YTH_FIXED: FixedIndicator[] = [{ level1: '产出指标', level2: '成本指标', level3: '项目或定额成本控制率', value: '＝100%' }];

export const hebeiYthAnnual: Profile = {
  id: 'hebei-yth-annual',
  name: '一体化系统：项目支出绩效目标申报表（年度）',
  layout: 'block',
  ...HEBEI_COMMON,
  moneyUnit: '元',
  fields: [
    { key: 'name', caption: '项目名称', labels: ['项目名称'], required: '本项目的名称', prompt: '填写与预算管理一体化系统一致的项目名称' },
    { key: 'department', caption: '主管部门及代码', labels: ['主管部门及代码', '主管部门'], prompt: '如“[813001]某某镇人民政府”' },
    { key: 'unitName', caption: '实施单位', labels: ['实施单位'] },
    {
      key: 'budget',
      caption: '资金总额',
      labels: ['资金总额', '年度资金总额'],
      money: true,
      required: '本项目的年度资金总额',
      prompt: '单位：{{unit}}，两位小数；资金总额 = 财政拨款 + 其他资金',
    },
    {
      key: 'fiscal',
      caption: '财政拨款',
      labels: ['财政拨款', '其中：财政拨款'],
      money: true,
      prompt: '单位：{{unit}}，两位小数；财政拨款 = 上级补助 + 本级安排',
    },
    { key: 'fiscalUpper', caption: '上级补助', labels: ['其中：上级补助', '上级补助'], money: true, prompt: '单位：{{unit}}，两位小数；没有填0' },
    { key: 'fiscalLocal', caption: '本级安排', labels: ['本级安排'], money: true, prompt: '单位：{{unit}}，两位小数；没有填0' },
    { key: 'other', caption: '其他资金', labels: ['其他资金'], money: true, prompt: '单位：{{unit}}，两位小数；没有其他资金填0' },
    { key: 'goal', caption: '年度总体目标', labels: ['年度总体目标', '总体目标'], required: '本项目的年度总体目标' },
  ],
  totals: [
    { total: 'budget', parts: ['fiscal', 'other'] },
    { total: 'fiscal', parts: ['fiscalUpper', 'fiscalLocal'], remainder: 'fiscalLocal' },
  ],
  indicatorColumns: [
    { role: 'level1', labels: ['一级指标'] },
    { role: 'level2', labels: ['二级指标'] },
    { role: 'level3', labels: ['三级指标'] },
    { role: 'value', labels: ['指标值'], span: 3 },
    { role: 'remark', labels: ['说明', '指标说明'] },
  ],
  fixedIndicators: YTH_FIXED,
  template: {
    widths: [10, 12, 16, 24, 8, 8, 8, 20],
    title: '项目支出绩效目标申报表',
    titleRows: 2,
    rows: [
      [{ line: 'year', cols: 8 }],
      [{ label: 'name', cols: 2 }, { value: 'name', cols: 6 }],
      [{ label: 'department', cols: 2 }, { value: 'department', cols: 2 }, { label: 'unitName', cols: 2 }, { value: 'unitName', cols: 2 }],
      [{ text: '资金来源', cols: 2, rows: 6 }, { text: '年度资金情况', cols: 6 }],
      [{ label: 'budget', text: '资金总额（{{unit}}）：', cols: 2 }, { value: 'budget', cols: 4 }],
      [{ label: 'fiscal', text: '     财政拨款', cols: 2 }, { value: 'fiscal', cols: 4 }],
      [{ label: 'fiscalUpper', text: '     其中：上级补助', cols: 2 }, { value: 'fiscalUpper', cols: 4 }],
      [{ label: 'fiscalLocal', text: '           本级安排', cols: 2 }, { value: 'fiscalLocal', cols: 4 }],
      [{ label: 'other', text: '     其他资金', cols: 2 }, { value: 'other', cols: 4 }],
      [{ label: 'goal', cols: 2, rows: 2 }, { value: 'goal', cols: 6, rows: 2, lines: 3 }],
      [],
    ],
    indicatorCaption: '绩效指标',
  },
};

export const hebeiYthInfo: Profile = {
  id: 'hebei-yth-info',
  name: '一体化系统：预算项目绩效信息表（预算编制阶段）',
  layout: 'block',
  ...HEBEI_COMMON,
  moneyUnit: '万元',
  fields: [
    { key: 'name', caption: '项目名称', labels: ['项目名称'], required: '本项目的名称', prompt: '填写与预算管理一体化系统一致的项目名称' },
    {
      key: 'code',
      caption: '项目编码',
      labels: ['项目编码'],
      prompt: '填写预算管理一体化系统中的项目编码：21位数字或大写字母',
    },
    { key: 'goal', caption: '绩效目标', labels: ['绩效目标'], required: '本项目的绩效目标' },
  ],
  totals: [],
  indicatorColumns: [
    { role: 'level1', labels: ['一级指标'] },
    { role: 'level2', labels: ['二级指标'] },
    { role: 'level3', labels: ['三级指标'] },
    { role: 'value', labels: ['指标值'], span: 3 },
    { role: 'description', labels: ['备注（指标解释等）', '备注', '指标解释'] },
    { role: 'remark', labels: ['指标值说明（评分标准等）', '指标值说明', '评分标准'] },
  ],
  splitValue: { operator: ['符号'], number: ['值'], unit: ['计量单位', '单位'] },
  fixedIndicators: YTH_FIXED,
  template: {
    widths: [12, 14, 24, 8, 10, 10, 22, 22],
    title: '预算项目绩效信息表（预算编制阶段）',
    rows: [
      [{ label: 'name' }, { value: 'name', cols: 3 }, { label: 'code' }, { value: 'code', cols: 3 }],
      [{ label: 'goal', rows: 2 }, { value: 'goal', cols: 7, rows: 2, lines: 3 }],
      [],
    ],
    headerText: {
      level3: '*三级指标',
      operator: '*符号',
      number: '*值',
      unit: '计量单位',
      description: '备注（指标解释等）',
      remark: '指标值说明（评分标准等）',
    },
  },
};

// ---- one row per indicator (docs/domain.md §2.8) -------------------------------------------------------------

/**
 * Other provinces' 一体化 export: `单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 |
 * 三级指标 | 指标性质 | 指标值 | 度量单位 | 权重 | 指标方向性`, one row per indicator, the project's
 * fields on its first row; amounts in 元; weights total 90 (预算执行率 kept outside) or 100.
 */
export const sichuanYthAnnual: Profile = {
  id: 'sichuan-yth-annual',
  name: '一体化系统：部门预算项目绩效目标申报表（每行一个指标）',
  layout: 'rows',
  ...HEBEI_COMMON,
  moneyUnit: '元',
  fields: [
    { key: 'unitName', caption: '单位名称', labels: ['单位名称', '预算单位', '单位名称及编码', '实施单位'], prompt: '如“820001-某某镇人民政府”' },
    { key: 'name', caption: '项目名称', labels: ['项目名称'], required: '本项目的名称', prompt: '填写与预算管理一体化系统一致的项目名称；只在项目的第一行填写' },
    {
      key: 'budget',
      caption: '预算数',
      labels: ['预算数', '预算金额', '项目预算数', '资金总额', '项目金额'],
      money: true,
      required: '本项目的预算金额',
      prompt: '单位：{{unit}}，两位小数；只在项目的第一行填写',
    },
    { key: 'goal', caption: '年度目标', labels: ['年度目标', '年度绩效目标', '绩效目标', '项目年度目标'], required: '本项目的年度目标' },
  ],
  totals: [],
  indicatorColumns: [
    { role: 'level1', labels: ['一级指标'] },
    { role: 'level2', labels: ['二级指标'] },
    { role: 'level3', labels: ['三级指标', '指标名称'] },
    { role: 'description', labels: ['指标解释', '指标内容', '绩效指标描述', '指标描述'] },
    { role: 'remark', labels: ['备注', '说明', '指标说明'] },
    { role: 'weight', labels: ['权重', '指标权重', '权重分值', '分值'] },
    { role: 'direction', labels: ['指标方向性', '指标方向', '方向'] },
  ],
  splitValue: { operator: ['指标性质', '符号', '运算符号'], number: ['指标值', '目标值', '值'], unit: ['度量单位', '计量单位'] },
  weightTotals: [90, 100],
  rowsTemplate: {
    title: '部门预算项目绩效目标申报表({{year}}年度)',
    columns: ['unitName', 'name', 'budget', 'goal', 'level1', 'level2', 'level3', 'operator', 'number', 'unit', 'weight', 'direction'],
    widths: [22, 18, 14, 30, 10, 14, 24, 8, 10, 8, 8, 10],
    directions: { positive: '正向指标', negative: '反向指标' },
    // 90: the other 10 are 预算执行率's, kept outside the table (an Inner Mongolia header: 产出50、效益30、满意度10)
    weights: { 产出指标: 50, 效益指标: 30, 满意度指标: 10 },
  },
};

export { ProfileSchema };

/** Field keys that are Block properties (the others go to `block.extra`). */
export const blockFieldKeys: readonly string[] = BLOCK_FIELD_KEYS;

/** The registered profiles (the shipped ones first, in this order: recognition prefers the earlier on a tie). */
export const profiles: Profile[] = [hebeiProject, central2021, disclosureList, hebeiYthAnnual, hebeiYthInfo, sichuanYthAnnual];

let version = 0;

/** Changes whenever a profile is registered (caches built from `profiles` compare it). */
export function profilesVersion(): number {
  return version;
}

/** The profile with this id; throws a Chinese message for an unknown id. */
export function getProfile(id: string): Profile {
  const p = profiles.find((x) => x.id === id);
  if (!p) throw new Error(`未知的表格配置“${id}”，可用的配置：${profiles.map((x) => x.id).join('、')}`);
  return p;
}

export function registerProfile(p: Profile): Profile {
  const r = ProfileSchema.safeParse(p);
  if (!r.success) {
    const msgs = r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message));
    throw new Error(`表格配置“${String((p as { id?: unknown })?.id ?? '')}”无效：${msgs.join('；')}`);
  }
  const profile = r.data as Profile;
  const at = profiles.findIndex((x) => x.id === profile.id);
  if (at >= 0) profiles[at] = profile;
  else profiles.push(profile);
  version++;
  return profile;
}

function lookup(map: Record<string, string>, name: string): string | undefined {
  for (const [alias, target] of Object.entries(map)) if (normLabel(alias) === name) return target;
  return undefined;
}

type Canonical = { canonical: string; alias: boolean } | undefined;

/** Per-profile memo of name look-ups (profiles are immutable data once registered). */
const level1Memo = new WeakMap<Profile, Map<string, Canonical>>();
const level2Memo = new WeakMap<Profile, Map<string, Canonical>>();

function memoFor(memo: WeakMap<Profile, Map<string, Canonical>>, profile: Profile): Map<string, Canonical> {
  let m = memo.get(profile);
  if (!m) {
    m = new Map();
    memo.set(profile, m);
  }
  return m;
}

function resolveLevel1(profile: Profile, name: string): Canonical {
  const n = normLabel(name);
  if (!n) return undefined;
  const direct = profile.level1.find((s) => normLabel(s.name) === n);
  if (direct) return { canonical: direct.name, alias: false };
  const target = lookup(profile.aliases.level1, n);
  const spec = target ? profile.level1.find((s) => normLabel(s.name) === normLabel(target)) : undefined;
  return spec ? { canonical: spec.name, alias: true } : undefined;
}

/** The canonical 一级 for a name as written (`alias` when written as an alias), or undefined when unknown. */
export function canonicalLevel1(profile: Profile, name: string): { canonical: string; alias: boolean } | undefined {
  const memo = memoFor(level1Memo, profile);
  if (memo.has(name)) return memo.get(name);
  const r = resolveLevel1(profile, name);
  if (memo.size < 10_000) memo.set(name, r);
  return r;
}

function resolveLevel2(profile: Profile, level1: string, name: string): Canonical {
  const l1 = canonicalLevel1(profile, level1);
  if (!l1) return undefined;
  const spec = profile.level1.find((s) => s.name === l1.canonical);
  if (!spec) return undefined;
  const n = normLabel(name);
  if (!n) return undefined;
  const direct = spec.level2.find((s) => normLabel(s.name) === n);
  if (direct) return { canonical: direct.name, alias: false };
  const target = lookup(profile.aliases.level2, n);
  const hit = target ? spec.level2.find((s) => normLabel(s.name) === normLabel(target)) : undefined;
  return hit ? { canonical: hit.name, alias: true } : undefined;
}

/**
 * The canonical 二级 for a name under a 一级 (the 一级 may itself be written as an alias), or
 * undefined when the name is not allowed under it (nor an alias of one that is).
 */
export function canonicalLevel2(
  profile: Profile,
  level1: string,
  name: string,
): { canonical: string; alias: boolean } | undefined {
  const memo = memoFor(level2Memo, profile);
  const key = `${level1}\u0000${name}`;
  if (memo.has(key)) return memo.get(key);
  const r = resolveLevel2(profile, level1, name);
  if (memo.size < 10_000) memo.set(key, r);
  return r;
}

/** The 一级 spec a canonical name belongs to. */
export function level1Spec(profile: Profile, canonical: string): Level1Spec | undefined {
  return profile.level1.find((s) => s.name === canonical);
}
