/**
 * The library of standard project types (docs/domain.md §8), learned from real township tables (the
 * seeds: 昌黎县安山镇 2021, 魏县张二庄镇 2025, 门源县浩门镇 2023). Adding a type = adding an object
 * here; the list is validated with zod when the module loads.
 *
 * Indicators are written in the hebei-project frame; `frameMaps` says how a profile with another
 * frame (central-2021: 成本指标 as a 一级) reads them. See types.ts for the value policy: only
 * standard targets (satisfaction ≥90%, 100% for money owed in full/on time, works acceptance) are
 * pre-filled; the rest is left blank and its kind/unit becomes the cell's prompt.
 */
import { z } from 'zod';
import { FrameMapSchema, ProjectTypeSchema, type FrameMap, type ProjectType, type TemplateIndicator } from './types';

const ALL = ['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info', 'sichuan-yth-annual'];

const QTY = { level1: '产出指标', level2: '数量指标' } as const;
const QUA = { level1: '产出指标', level2: '质量指标' } as const;
const TIME = { level1: '产出指标', level2: '时效指标' } as const;
const COST = { level1: '产出指标', level2: '成本指标' } as const;
const ECON = { level1: '效益指标', level2: '经济效益指标' } as const;
const SOC = { level1: '效益指标', level2: '社会效益指标' } as const;
const ECO = { level1: '效益指标', level2: '生态效益指标' } as const;
const SUS = { level1: '效益指标', level2: '可持续影响指标' } as const;
const SAT = { level1: '满意度指标', level2: '服务对象满意度指标' } as const;

/** the standard satisfaction row (a standard target: ≥90%) */
function satisfaction(level3: string, who: string): TemplateIndicator {
  return {
    ...SAT,
    level3,
    description: `调查中满意或较满意的${who}占被调查${who}的比率`,
    valueKind: 'percent',
    unit: '%',
    operator: '≥',
    value: '≥90%',
    basis: '历史经验',
  };
}

/** the total-cost row: money, ≤, left blank (the clerk writes the amount, not above the budget) */
function totalCost(level3: string, description: string): TemplateIndicator {
  return { ...COST, level3, description, valueKind: 'money', unit: '万元', operator: '≤', basis: '年初预算' };
}

const RAW_TYPES: ProjectType[] = [
  {
    id: 'village-cadre-pay',
    name: '村干部补贴/工资',
    keywords: ['村干部', '村干部补贴', '村干部工资', '基础职务补贴', '职务补贴', '报酬', '村两委', '村主干'],
    profiles: ALL,
    description: '在职村干部（村两委成员）基础职务补贴、绩效补贴或工资的发放。',
    goalHint: '如：按标准足额、按时发放全镇N个行政村N名村干部补贴，保障村级组织正常运转。',
    usageHint: '村干部基础职务补贴及绩效补贴发放',
    indicators: [
      { ...QTY, level3: '补贴发放村干部人数', description: '享受补贴的村干部总人数', valueKind: 'count', unit: '人', basis: '村干部花名册' },
      { ...QTY, level3: '覆盖行政村数', description: '发放村干部补贴的行政村个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QUA, level3: '补贴足额发放率', description: '实际发放补贴金额占应发放金额的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '村干部补贴标准文件' },
      { ...TIME, level3: '补贴发放及时率', description: '按时发放补贴的人数占应发放人数的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('村干部补贴总成本', '全年发放村干部补贴（工资）总额'),
      { ...COST, level3: '正职补贴标准', description: '村党组织书记（一人兼正职）每人每年的补贴标准', valueKind: 'money', unit: '元/人/年', operator: '≤', basis: '村干部补贴标准文件' },
      { ...SOC, level3: '村级组织运转情况', description: '补贴发放对村级组织正常运转的保障情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：正常运转' },
      { ...SUS, level3: '村干部队伍稳定性', description: '对村干部队伍长期稳定的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：长期稳定' },
      satisfaction('村干部满意度', '村干部'),
    ],
  },
  {
    id: 'village-office',
    name: '村级办公经费',
    keywords: ['村办公', '办公经费', '村级运转', '运转经费', '村级组织', '村委会'],
    profiles: ALL,
    description: '村级组织水电暖、网络、办公用品等日常办公运转经费。',
    goalHint: '如：村级办公经费全部拨付到位，保障N个行政村村级组织正常运转。',
    usageHint: '村级组织水电暖、网络维护等日常办公支出',
    indicators: [
      { ...QTY, level3: '保障行政村数', description: '享受村级办公经费的行政村个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QUA, level3: '办公经费足额拨付率', description: '实际拨付办公经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '资金拨付凭证' },
      { ...TIME, level3: '办公经费拨付及时率', description: '及时拨付的村级办公经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('村级办公经费总成本', '全年村级办公经费支出总额'),
      { ...COST, level3: '每村办公经费标准', description: '每个行政村每年的办公经费保障标准', valueKind: 'money', unit: '万元/村/年', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '村级组织运转保障情况', description: '村级组织水电暖、网络等日常办公的保障情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：正常运转' },
      { ...ECO, level3: '节能办公', description: '办公期间水电等能源节约情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：节约水电等资源' },
      { ...SUS, level3: '村级组织长效运转', description: '对村级组织长期正常运转的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：长期' },
      satisfaction('村民满意度', '村民'),
    ],
  },
  {
    id: 'village-party',
    name: '村级党组织活动经费',
    keywords: ['党组织', '党组织活动', '党建', '党员活动', '党支部', '党员教育'],
    profiles: ALL,
    description: '按党员人数标准拨付的村级党组织活动、党员学习培训经费。',
    goalHint: '如：按标准拨付N个村党组织活动经费，组织党员学习培训N次，提高党员思想政治素质。',
    usageHint: '村级党组织开展活动及党员学习培训',
    indicators: [
      { ...QTY, level3: '保障村党组织个数', description: '享受活动经费的村级党组织个数', valueKind: 'count', unit: '个', basis: '党组织统计' },
      { ...QTY, level3: '党员学习培训次数', description: '全年组织党员学习培训的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QUA, level3: '党员学习培训参与率', description: '参加学习培训的党员占全部党员的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '活动经费拨付及时率', description: '及时拨付的活动经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('党组织活动经费总成本', '全年村级党组织活动经费支出总额'),
      { ...COST, level3: '党员活动经费标准', description: '每名党员每年的活动经费保障标准', valueKind: 'money', unit: '元/人/年', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '党员思想政治素质', description: '学习培训对党员思想政治素质的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提高' },
      { ...SUS, level3: '党组织活动长效机制', description: '村级党组织活动制度的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('党员满意度', '党员'),
    ],
  },
  {
    id: 'mass-service',
    name: '服务群众专项经费',
    keywords: ['服务群众', '为民服务', '服务基层', '专项经费', '为民办事'],
    profiles: ALL,
    description: '村（社区）为民服务、基础设施修缮等服务群众专项经费。',
    goalHint: '如：完成为民服务事项N件，改善群众生活环境，提升基层服务水平。',
    usageHint: '村（社区）为民服务事项及基础设施修缮',
    indicators: [
      { ...QTY, level3: '为民服务事项数', description: '全年完成的为民服务事项个数', valueKind: 'count', unit: '个', operator: '≥', basis: '工作计划' },
      { ...QTY, level3: '覆盖村（社区）数', description: '使用服务群众专项经费的村（社区）个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QUA, level3: '为民服务事项完成率', description: '实际完成的为民服务事项占计划事项的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '专项经费拨付及时率', description: '及时拨付到村（社区）的经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('服务群众专项经费总成本', '全年服务群众专项经费支出总额'),
      { ...SOC, level3: '基层服务能力', description: '对村（社区）为民服务能力的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提升' },
      { ...SUS, level3: '为民服务长效机制', description: '服务群众工作机制的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('群众满意度', '群众'),
    ],
  },
  {
    id: 'rural-environment',
    name: '农村人居环境整治',
    keywords: ['人居环境', '环境整治', '村容村貌', '垃圾治理', '三堆', '坑塘', '厕所革命', '污水治理'],
    profiles: ALL,
    description: '农村垃圾、污水、三堆、坑塘治理和村容村貌提升。',
    goalHint: '如：完成N个村庄人居环境整治，清理三堆、坑塘，村容村貌明显改善。',
    usageHint: '村庄垃圾、三堆、坑塘清理等人居环境整治',
    indicators: [
      { ...QTY, level3: '整治村庄数', description: '开展人居环境整治的村庄个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QTY, level3: '清理三堆及坑塘处数', description: '清理柴草堆、粪堆、垃圾堆及坑塘的处数', valueKind: 'count', unit: '处', operator: '≥', basis: '卫生整治实施方案' },
      { ...QUA, level3: '整治任务完成率', description: '已完成整治任务占计划整治任务的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '卫生整治实施方案' },
      { ...QUA, level3: '整治验收合格率', description: '通过验收的整治村庄占整治村庄的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '验收报告' },
      { ...TIME, level3: '整治完成时间', description: '本年度整治工作的完成截止时间', valueKind: 'date', basis: '工作计划' },
      totalCost('人居环境整治总成本', '全年人居环境整治资金支出总额'),
      { ...SOC, level3: '村容村貌改善情况', description: '整治对村容村貌的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：明显改善' },
      { ...ECO, level3: '农村生态环境', description: '对农村垃圾、污水等环境问题的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：持续改善' },
      { ...SUS, level3: '长效管护机制', description: '人居环境长效管护机制的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('群众满意度', '群众'),
    ],
  },
  {
    id: 'rural-cleaners',
    name: '农村保洁员经费',
    keywords: ['保洁', '保洁员', '环卫', '清扫', '清洁', '垃圾清运'],
    profiles: ALL,
    description: '农村保洁员工资（报酬）发放和村庄日常保洁。',
    goalHint: '如：按时足额发放N名农村保洁员工资，实现村庄日常保洁全覆盖。',
    usageHint: '农村保洁员工资发放',
    indicators: [
      { ...QTY, level3: '保洁员人数', description: '发放经费的农村保洁员人数', valueKind: 'count', unit: '人', basis: '保洁员花名册' },
      { ...QTY, level3: '保洁覆盖村数', description: '配备保洁员的行政村个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QUA, level3: '保洁员工资足额发放率', description: '实际发放保洁员工资占应发放工资的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '资金拨付凭证' },
      { ...QUA, level3: '村庄保洁覆盖率', description: '实现日常保洁的村庄占全部村庄的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '保洁员工资发放及时率', description: '按月发放工资的保洁员占应发放人数的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('保洁员经费总成本', '全年农村保洁员经费支出总额'),
      { ...COST, level3: '保洁员工资标准', description: '每名保洁员每月的工资标准', valueKind: 'money', unit: '元/人/月', operator: '≤', basis: '上级文件规定' },
      { ...ECON, level3: '对保洁员收入的影响', description: '保洁岗位对保洁员家庭收入的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：保持稳定' },
      { ...SOC, level3: '村庄环境卫生状况', description: '对村庄日常环境卫生的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：干净整洁' },
      { ...ECO, level3: '农村垃圾清运处理', description: '对农村垃圾及时清运处理的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：及时清运' },
      { ...SUS, level3: '保洁长效机制', description: '保洁队伍管理制度的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('村民满意度', '村民'),
    ],
  },
  {
    id: 'retired-cadre',
    name: '离任村干部生活补贴',
    keywords: ['离任', '离任村干部', '老村干部', '生活补贴', '生活补助'],
    profiles: ALL,
    description: '符合条件的正常离任村干部生活补贴发放。',
    goalHint: '如：按标准足额发放N名离任村干部生活补贴，保障离任村干部合法权益。',
    usageHint: '正常离任村干部生活补贴发放',
    indicators: [
      { ...QTY, level3: '享受补贴的离任村干部人数', description: '符合条件、发放生活补贴的离任村干部人数', valueKind: 'count', unit: '人', basis: '离任村干部花名册' },
      { ...QUA, level3: '生活补贴发放覆盖率', description: '已发放补贴人数占符合条件人数的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '上级文件规定' },
      { ...QUA, level3: '生活补贴发放准确率', description: '按标准准确发放的补贴占发放补贴的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '资金发放表' },
      { ...TIME, level3: '生活补贴发放时间', description: '本年度生活补贴发放完毕的时间', valueKind: 'date', basis: '工作计划' },
      totalCost('离任村干部生活补贴总成本', '全年发放离任村干部生活补贴总额'),
      { ...COST, level3: '生活补贴标准', description: '离任村干部每人每月的生活补贴标准', valueKind: 'money', unit: '元/人/月', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '离任村干部权益保障', description: '对离任村干部基本生活的保障情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：有效保障' },
      { ...SUS, level3: '在任村干部工作积极性', description: '对在任村干部干事创业积极性的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提高' },
      satisfaction('离任村干部满意度', '离任村干部'),
    ],
  },
  {
    id: 'temp-staff',
    name: '临聘人员补助',
    keywords: ['临聘', '临聘人员', '聘用人员', '编外', '公益性岗位', '合同工', '劳务派遣'],
    profiles: ALL,
    description: '临时聘用（编外）人员工资、补助及社会保险。',
    goalHint: '如：按时足额发放N名临聘人员补助，保障相关工作正常开展。',
    usageHint: '临聘人员工资、补助及社会保险',
    indicators: [
      { ...QTY, level3: '临聘人员人数', description: '发放补助的临聘人员人数', valueKind: 'count', unit: '人', basis: '临聘人员花名册' },
      { ...QUA, level3: '补助足额发放率', description: '实际发放补助占应发放补助的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '资金发放表' },
      { ...QUA, level3: '临聘人员考核合格率', description: '考核合格的临聘人员占全部临聘人员的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '考核办法' },
      { ...TIME, level3: '补助发放及时率', description: '按月发放补助的人数占应发放人数的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('临聘人员补助总成本', '全年临聘人员补助（含社会保险）支出总额'),
      { ...COST, level3: '临聘人员月补助标准', description: '每名临聘人员每月的补助标准', valueKind: 'money', unit: '元/人/月', operator: '≤', basis: '劳动合同' },
      { ...ECON, level3: '临聘人员收入', description: '对临聘人员工资收入的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：保持稳定' },
      { ...SOC, level3: '岗位工作开展情况', description: '对所在岗位工作正常开展的保障情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：有效保障' },
      { ...SUS, level3: '临聘人员队伍稳定性', description: '对临聘人员队伍长期稳定的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：保持稳定' },
      satisfaction('临聘人员满意度', '临聘人员'),
    ],
  },
  {
    id: 'yishiyiyi',
    name: '一事一议',
    keywords: ['一事一议', '财政奖补', '奖补资金', '村级公益事业', '公益事业建设'],
    profiles: ALL,
    description: '村级公益事业建设一事一议财政奖补项目（道路、水利、泄洪坝等）。',
    goalHint: '如：按时完成N个一事一议奖补项目建设并通过验收，改善群众生产生活条件。',
    usageHint: '一事一议村级公益事业建设项目',
    indicators: [
      { ...QTY, level3: '奖补项目个数', description: '本年度实施的一事一议奖补项目个数', valueKind: 'count', unit: '个', basis: '项目批复文件' },
      { ...QTY, level3: '受益村数', description: '一事一议项目受益的行政村个数', valueKind: 'count', unit: '个', basis: '项目批复文件' },
      { ...QUA, level3: '工程验收合格率', description: '通过竣工验收的项目占完工项目的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '验收报告' },
      { ...TIME, level3: '项目完工时间', description: '一事一议项目全部完工的时间', valueKind: 'date', basis: '项目实施方案' },
      totalCost('一事一议奖补资金总额', '本年度一事一议财政奖补资金支出总额'),
      { ...SOC, level3: '受益群众人数', description: '项目直接受益的群众人数', valueKind: 'count', unit: '人', operator: '≥', basis: '项目批复文件' },
      { ...SOC, level3: '群众生产生活条件', description: '对村内道路、水利等公益设施条件的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：明显改善' },
      { ...SUS, level3: '设施使用年限', description: '建成公益设施的设计使用年限', valueKind: 'count', unit: '年', operator: '≥', basis: '设计文件' },
      satisfaction('受益群众满意度', '受益群众'),
    ],
  },
  {
    id: 'flood-fire',
    name: '防汛/防火经费',
    keywords: ['防汛', '防火', '森林防火', '抗旱', '度汛', '应急', '救灾', '防灾减灾'],
    profiles: ALL,
    description: '防汛、森林防火的物资储备、巡查、演练和宣传。',
    goalHint: '如：汛前（防火期前）完成物资储备和队伍准备，开展巡查N次、演练N次，确保安全度汛、不发生重大火灾。',
    usageHint: '防汛（防火）物资储备、巡查及应急演练',
    indicators: [
      { ...QTY, level3: '应急演练次数', description: '全年组织防汛（防火）应急演练的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QTY, level3: '隐患巡查次数', description: '汛期（防火期）开展隐患巡查的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QUA, level3: '隐患整改率', description: '已整改隐患占排查发现隐患的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '汛前准备完成时间', description: '防汛（防火）物资和队伍准备完成的时间', valueKind: 'date', basis: '工作计划' },
      totalCost('防汛防火经费总成本', '全年防汛（防火）经费支出总额'),
      { ...SOC, level3: '重大灾害事故起数', description: '因洪涝、火灾造成重大伤亡事故的起数', valueKind: 'count', unit: '起', operator: '≤', basis: '工作计划', hint: '如：0起' },
      { ...SOC, level3: '群众防灾减灾意识', description: '对群众防汛、防火意识的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提高' },
      { ...SUS, level3: '应急处置机制', description: '防汛（防火）应急预案和处置机制的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('群众满意度', '群众'),
    ],
  },
  {
    id: 'grid',
    name: '网格管理经费',
    keywords: ['网格', '网格员', '网格化', '四级网格', '综治'],
    profiles: ALL,
    description: '县、镇、村、户网格组织运转和网格员补助。',
    goalHint: '如：按时发放N名网格员补助，网格化管理覆盖全部行政村，及时掌握社情民意。',
    usageHint: '网格组织运转及网格员补助',
    indicators: [
      { ...QTY, level3: '网格员人数', description: '享受补助的网格员人数', valueKind: 'count', unit: '人', basis: '网格员花名册' },
      { ...QTY, level3: '网格覆盖行政村数', description: '建立网格组织的行政村个数', valueKind: 'count', unit: '个', basis: '行政村数量' },
      { ...QUA, level3: '网格事件办结率', description: '网格员上报事件中已办结的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '网格员补助发放及时率', description: '按时发放补助的网格员占应发放人数的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('网格管理经费总成本', '全年网格管理经费支出总额'),
      { ...COST, level3: '网格员补助标准', description: '每名网格员每月的补助标准', valueKind: 'money', unit: '元/人/月', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '社情民意掌握情况', description: '对及时了解社情民意、化解矛盾的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：及时掌握' },
      { ...SOC, level3: '农村治安环境', description: '对农村社会治安环境的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：持续改善' },
      { ...SUS, level3: '网格化管理长效机制', description: '网格化服务管理机制的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('群众满意度', '群众'),
    ],
  },
  {
    id: 'npc',
    name: '人大工作经费',
    keywords: ['人大', '人大代表', '人代会', '人大之家', '代表之家'],
    profiles: ALL,
    description: '乡镇人代会召开、人大代表培训和视察调研、代表之家建设。',
    goalHint: '如：召开人代会N次，组织代表培训、视察N次，提高代表履职能力。',
    usageHint: '人代会召开、人大代表培训及视察调研',
    indicators: [
      { ...QTY, level3: '人代会召开次数', description: '全年召开人民代表大会的次数', valueKind: 'count', unit: '次', basis: '工作计划' },
      { ...QTY, level3: '代表培训视察次数', description: '全年组织人大代表培训、视察调研的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QTY, level3: '人大代表人数', description: '参加活动的人大代表人数', valueKind: 'count', unit: '人', basis: '代表名册' },
      { ...QUA, level3: '人大代表出席率', description: '实际出席会议的代表占应出席代表的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '人代会召开完成时间', description: '本年度人代会召开完毕的时间', valueKind: 'date', basis: '工作计划' },
      totalCost('人大工作经费总成本', '全年人大工作经费支出总额'),
      { ...SOC, level3: '代表履职能力', description: '对人大代表履职能力的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提升' },
      { ...SOC, level3: '人大监督作用发挥', description: '人大监督职能的发挥情况', valueKind: 'qualitative', basis: '工作计划', hint: '如：有效发挥' },
      { ...SUS, level3: '代表履职管理机制', description: '人大代表履职管理制度的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('人大代表满意度', '人大代表'),
    ],
  },
  {
    id: 'militia',
    name: '武装工作经费',
    keywords: ['武装', '武装部', '民兵', '征兵', '国防', '民兵训练'],
    profiles: ALL,
    description: '乡镇武装部民兵训练、应急演练、征兵和国防宣传。',
    goalHint: '如：组织民兵集中训练N次、参训N人，提高基层民兵应急处置能力。',
    usageHint: '民兵训练、应急演练及国防宣传',
    indicators: [
      { ...QTY, level3: '民兵集中训练次数', description: '全年组织民兵集中训练的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QTY, level3: '参训民兵人数', description: '参加集中训练的民兵人数', valueKind: 'count', unit: '人', basis: '民兵花名册' },
      { ...QUA, level3: '民兵训练合格率', description: '考核合格的参训民兵占参训民兵的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...QUA, level3: '征兵任务完成率', description: '完成征兵人数占上级下达任务数的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '上级文件规定' },
      { ...TIME, level3: '年度训练完成时间', description: '年度民兵训练任务完成的时间', valueKind: 'date', basis: '工作计划' },
      totalCost('武装工作经费总成本', '全年武装工作经费支出总额'),
      { ...COST, level3: '民兵训练误工补助标准', description: '参训民兵每人每天的误工补助标准', valueKind: 'money', unit: '元/人/天', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '民兵应急处置能力', description: '对基层民兵应急处置能力的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提高' },
      { ...SOC, level3: '群众国防意识', description: '对群众国防意识的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：增强' },
      { ...SUS, level3: '民兵组织建设', description: '民兵训练、管理制度的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('民兵满意度', '民兵'),
    ],
  },
  {
    id: 'community',
    name: '社区工作经费',
    keywords: ['社区', '居委会', '社区运转', '社区经费', '居民'],
    profiles: ALL,
    description: '社区党建、居委会日常办公和居民服务活动经费。',
    goalHint: '如：保障N个社区正常运转，召开居民代表大会N次，提升社区服务能力。',
    usageHint: '社区党建、居委会日常办公及居民服务活动',
    indicators: [
      { ...QTY, level3: '保障社区数', description: '享受社区工作经费的社区个数', valueKind: 'count', unit: '个', basis: '社区数量' },
      { ...QTY, level3: '居民代表会议次数', description: '全年召开居民代表大会、议事会的次数', valueKind: 'count', unit: '次', operator: '≥', basis: '工作计划' },
      { ...QUA, level3: '社区经费足额拨付率', description: '实际拨付社区工作经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '资金拨付凭证' },
      { ...QUA, level3: '居民代表参会率', description: '参会居民代表占应参会代表的比率', valueKind: 'percent', unit: '%', operator: '≥', basis: '工作计划' },
      { ...TIME, level3: '社区经费拨付及时率', description: '及时拨付的社区经费占应拨付经费的比率', valueKind: 'percent', unit: '%', value: '100%', basis: '工作计划' },
      totalCost('社区工作经费总成本', '全年社区工作经费支出总额'),
      { ...COST, level3: '每个社区经费标准', description: '每个社区每年的工作经费标准', valueKind: 'money', unit: '万元/社区/年', operator: '≤', basis: '上级文件规定' },
      { ...SOC, level3: '社区服务能力', description: '对社区为居民服务能力的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：提升' },
      { ...SOC, level3: '社区和谐稳定', description: '对社区社会稳定的影响', valueKind: 'qualitative', basis: '工作计划', hint: '如：保持稳定' },
      { ...SUS, level3: '社区治理机制', description: '社区管理服务制度的健全程度', valueKind: 'qualitative', basis: '工作计划', hint: '如：健全' },
      satisfaction('社区居民满意度', '社区居民'),
    ],
  },
  {
    id: 'generic',
    name: '通用空白模板',
    keywords: ['通用', '空白', '其他', '自定义'],
    profiles: ALL,
    description: '没有合适类型时使用：按所选格式插入完整的表结构，产出指标的每个二级指标及效益、满意度等各留空行，三级指标由填报人填写。',
    goalHint: '写明资金用来做什么、做多少、达到什么效果，如：“完成……N个，……率达到……%”。',
    indicators: [],
  },
];

/** How profiles with another indicator frame read the library's (一级, 二级) pairs. */
const RAW_FRAME_MAPS: FrameMap[] = [
  {
    profile: 'central-2021',
    map: [{ from: ['产出指标', '成本指标'], to: ['成本指标', '经济成本指标'] }],
  },
];

/**
 * The generic (empty) type's rows: every 二级 of a 一级 that requires all of them; under the other
 * 一级 the 二级 listed here that the profile has (the ones township tables use most), else its first.
 */
const RAW_SKELETON_LEVEL2 = ['社会效益指标', '可持续影响指标', '经济成本指标', '服务对象满意度指标'];

export const skeletonLevel2: readonly string[] = Object.freeze(z.array(z.string().min(1)).parse(RAW_SKELETON_LEVEL2));

export const projectTypes: readonly ProjectType[] = Object.freeze(z.array(ProjectTypeSchema).parse(RAW_TYPES));
export const frameMaps: readonly FrameMap[] = Object.freeze(z.array(FrameMapSchema).parse(RAW_FRAME_MAPS));

{
  const ids = new Set<string>();
  for (const t of projectTypes) {
    if (ids.has(t.id)) throw new Error(`模板类型编号重复：${t.id}`);
    ids.add(t.id);
  }
}
