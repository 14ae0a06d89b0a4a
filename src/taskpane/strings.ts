/** Everything the pane says, in zh-CN, in one place. */
import type { Severity } from '../domain/model';

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

export const S = {
  appTitle: '绩效目标表助手',
  tabs: { templates: '模板', check: '检查', settings: '设置' },
  tabListLabel: '功能页',

  // 检查
  live: '边填边检查',
  liveHint: '开启后，每次修改单元格都会自动重新检查',
  recheck: '重新检查',
  checking: '正在检查…',
  fixAll: (n: number) => `修复全部格式问题（${n}）`,
  fixAllHint: '只修正写法（如“95百分比”→“95%”、别名→标准名称），不改动数值',
  fixAllDone: (n: number) => `已修复 ${n} 处格式问题`,
  filterLabel: '按级别筛选',
  filterAll: '全部',
  counts: (e: number, w: number, i: number) => `错误 ${e} 个，警告 ${w} 个，提示 ${i} 个`,
  clean: '表格很干净，没有发现问题',
  cleanDetail: (blocks: number) => `已检查 ${blocks} 张绩效目标表，全部符合要求。`,
  noBlocks: '没有找到绩效目标表',
  noBlocksDetail: '可以在“模板”页插入一张新表，或打开已有的绩效目标表工作簿。',
  filteredEmpty: '此级别下没有问题。',
  selectionTitle: (ref: string) => `所选单元格 ${ref} 的问题`,
  workbookGroup: '整个工作簿',
  blockGroup: (index: number, name: string) => `${index + 1}. ${name || '（未填项目名称）'}`,
  goToCell: (cell: string) => `定位到单元格 ${cell}`,
  fix: '修复',
  fixLabel: (label: string) => `修复：${label}`,
  yearNote: (year?: number) => (year ? `预算年度：${year}年` : '未能确定预算年度（可在“设置”中填写），年度相关检查暂不进行'),
  duration: (ms: number) => `用时 ${ms < 1000 ? `${Math.round(ms)} 毫秒` : `${(ms / 1000).toFixed(1)} 秒`}`,
  diagnosticsListLabel: '问题列表',

  // 模板
  profileLabel: '表格格式',
  profileAuto: '自动识别（按表格内容）',
  typeSearch: '搜索项目类型',
  typeSearchPlaceholder: '如：保洁、村干部、办公经费',
  typeLabel: '项目类型',
  recentTag: '最近使用',
  noTypes: '没有匹配的项目类型，换个关键词试试，或选择“通用（空白）”。',
  headerTitle: '表头信息',
  fields: {
    name: '项目名称',
    code: '项目编码',
    budget: '预算数（万元）',
    fiscal: '财政资金（万元）',
    other: '其他资金（万元）',
    year: '预算年度',
  },
  codeHint: '21 位数字或大写字母，可暂不填写',
  insert: '插入模板',
  inserting: '正在插入…',
  insertDone: (sheet: string, range: string) => `已在“${sheet}”的 ${range} 插入模板，请补全空白单元格。`,
  pickType: '请先选择项目类型',
  fixForm: '请先改正表头中标红的内容',

  // 设置
  settingsSaved: '已保存到工作簿',
  yearLabel: '预算年度',
  yearHint: '留空则从表格标题或项目编码中识别',
  floorLabel: '满意度下限（%）',
  floorHint: '满意度指标值低于此数时给出警告',
  pacingLabel: '检查序时进度',
  pacingHint: '资金支出计划低于按月份应达到的进度时给出提示',
  rulesTitle: '规则级别',
  ruleDefault: (sev: string) => `默认（${sev}）`,
  ruleOff: '关闭',
  ruleDefaultOff: '默认（关闭）',
  loading: '正在读取工作簿…',
  error: (msg: string) => `出错了：${msg}`,
};
