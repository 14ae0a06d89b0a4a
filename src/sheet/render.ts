/**
 * Rendering a template into cell edits (DOMAIN.md §2, §8). A `RenderPlan` is host-agnostic: the CLI
 * writes it with ExcelJS, the add-in applies it through Office.js, tests apply it to a `GridSheet`.
 *
 * Layouts:
 * - block (hebei-project, central-2021): the canonical 7-column block of DOMAIN §2.1, anchored at any
 *   top-left cell; indicator rows follow the profile's frame and order;
 * - list (disclosure-list): header row + unit row + one row per project, 5 columns.
 *
 * Values the clerk must supply are written as empty cells (with the right number format and an input
 * prompt naming the kind of value and its unit); only standard targets are pre-filled (see
 * src/domain/templates/types.ts). Numbers are written as numbers.
 */
import type { CellPos, RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import type { Profile } from '../domain/profile';
import { getProfile } from '../domain/profiles';
import { indicatorsForProfile, type ProfileIndicator } from '../domain/templates/frame';
import type { ProjectType, TemplateHeader, TemplateIndicator } from '../domain/templates/types';
import type { GridSheet } from './grid';

export type HorizontalAlign = 'left' | 'center' | 'right';
export type VerticalAlign = 'top' | 'middle' | 'bottom';

export interface RenderCell {
  /** 0-based sheet row and column */
  row: number;
  col: number;
  /** null = an empty cell (still written: it carries a format the clerk's entry will take) */
  value: CellValue;
  /** Excel number format code: `0.00` money, `0.00%` plan, `@` text */
  numberFormat?: string;
  bold?: boolean;
  wrap?: boolean;
  align?: HorizontalAlign;
  valign?: VerticalAlign;
  /** background colour `#RRGGBB` */
  fill?: string;
  /** font size in points (default: the sheet's) */
  fontSize?: number;
}

export interface RenderValidation {
  range: RangePos;
  /** in-cell dropdown values */
  list: string[];
}

export interface RenderPrompt {
  range: RangePos;
  /** ≤ 32 characters (Excel's limit) */
  title: string;
  /** ≤ 255 characters (Excel's limit) */
  message: string;
}

export interface RenderPlan {
  /** the rectangle the plan covers */
  range: RangePos;
  cells: RenderCell[];
  merges: RangePos[];
  /** thin borders on every edge of every cell of each range */
  borders: RangePos[];
  /** widths in Excel character units */
  columnWidths: { col: number; width: number }[];
  /** heights in points */
  rowHeights?: { row: number; height: number }[];
  validations: RenderValidation[];
  /** input prompts (Excel data-validation input messages) shown when a cell is selected */
  prompts?: RenderPrompt[];
  /** where the block's fields are (title, code, name, budget, fiscal, other, usage, plan, goal, indicators, …) */
  fields?: Record<string, CellPos>;
  /** 0-based rows a printed page should start at (one block per page in a rendered workbook) */
  pageBreaks?: number[];
}

export interface RenderedWorkbook {
  sheetName: string;
  profile: string;
  plans: RenderPlan[];
}

export interface RenderItem {
  type: ProjectType;
  header: TemplateHeader;
}

const LABEL_FILL = '#F2F2F2';
const HEADER_FILL = '#DDEBF7';
export const MONEY_FORMAT = '0.00';
export const PLAN_FORMAT = '0.00%';
export const TEXT_FORMAT = '@';

/** Excel limits of a data-validation prompt. */
const PROMPT_TITLE_MAX = 32;
const PROMPT_MESSAGE_MAX = 255;

function rng(top: number, left: number, bottom = top, right = left): RangePos {
  return { top, left, bottom, right };
}

/** Display width in Excel character units: CJK and full-width characters count 2. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x2e80 || (c >= 0x2010 && c <= 0x2027) || (c >= 0xff00 && c <= 0xffef) ? 1.8 : 1.1;
  }
  return w;
}

/** Lines a wrapped text takes in a cell `width` character units wide. */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  return text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / usable)), 0);
}

/** points per wrapped line (CJK fonts render taller than Excel's 15pt default) */
const LINE_HEIGHT = 16.5;
const heightFor = (lines: number, min = 20) => Math.min(409, Math.max(min, Math.ceil(lines * LINE_HEIGHT + 8)));

class PlanBuilder {
  cells: RenderCell[] = [];
  merges: RangePos[] = [];
  borders: RangePos[] = [];
  validations: RenderValidation[] = [];
  prompts: RenderPrompt[] = [];
  rowHeights = new Map<number, number>();
  fields: Record<string, CellPos> = {};

  set(row: number, col: number, value: CellValue, style: Omit<RenderCell, 'row' | 'col' | 'value'> = {}): void {
    const i = this.cells.findIndex((c) => c.row === row && c.col === col);
    const cell: RenderCell = { row, col, value, ...style };
    if (i >= 0) this.cells[i] = cell;
    else this.cells.push(cell);
  }

  merge(r: RangePos): void {
    if (r.top !== r.bottom || r.left !== r.right) this.merges.push(r);
  }

  prompt(r: RangePos, title: string, message: string): void {
    this.prompts.push({
      range: r,
      title: title.length > PROMPT_TITLE_MAX ? title.slice(0, PROMPT_TITLE_MAX) : title,
      message: message.length > PROMPT_MESSAGE_MAX ? `${message.slice(0, PROMPT_MESSAGE_MAX - 1)}…` : message,
    });
  }

  height(row: number, h: number): void {
    this.rowHeights.set(row, Math.max(this.rowHeights.get(row) ?? 0, h));
  }

  build(range: RangePos, widths: number[]): RenderPlan {
    const plan: RenderPlan = {
      range,
      cells: [...this.cells].sort((a, b) => a.row - b.row || a.col - b.col),
      merges: this.merges,
      borders: this.borders,
      columnWidths: widths.map((width, i) => ({ col: range.left + i, width })),
      validations: this.validations,
    };
    if (this.rowHeights.size > 0) {
      plan.rowHeights = [...this.rowHeights.entries()].sort((a, b) => a[0] - b[0]).map(([row, height]) => ({ row, height }));
    }
    if (this.prompts.length > 0) plan.prompts = this.prompts;
    plan.fields = this.fields;
    return plan;
  }
}

function resolveProfile(profile: string | Profile): Profile {
  return typeof profile === 'string' ? getProfile(profile) : profile;
}

function fmtMoney(n: number): string {
  return n.toFixed(2);
}

/** The Chinese prompt for an indicator's 指标值 cell: the kind of value, its unit and operator. */
export function valuePrompt(ind: TemplateIndicator, year?: number): string {
  const op = ind.operator ?? '';
  let s: string;
  switch (ind.valueKind) {
    case 'count':
      s = `填写数量（单位：${ind.unit ?? ''}），如“${op}N${ind.unit ?? ''}”`;
      break;
    case 'percent':
      s = `填写百分比，如“${op || '≥'}N%”`;
      break;
    case 'money':
      s = `填写金额（单位：${ind.unit ?? '万元'}），如“${op || '≤'}N${ind.unit ?? '万元'}”；总成本不应超过预算数`;
      break;
    case 'date':
      s = year === undefined ? '填写预算年度内的完成时间，如“XXXX年12月31日前”（年份用预算年度）' : `填写${year}年内的完成时间，如“${year}年12月31日前”`;
      break;
    default:
      s = '填写定性目标';
  }
  if (ind.hint) s += `；${ind.hint}`;
  if (ind.value !== undefined) s = `已预填标准目标“${ind.value}”，可按实际调整。${s}`;
  return s;
}

// ---------------------------------------------------------------------------------------------
// block layout (hebei-project, central-2021)

/** Column widths of the canonical block A–G, in Excel character units. */
export const BLOCK_WIDTHS = [12, 14, 24, 16, 16, 16, 22];

export interface BlockOptions {
  /** text before the title, e.g. `1.` when numbering blocks of a workbook */
  titlePrefix?: string;
}

function renderHebeiBlock(profile: Profile, type: ProjectType, header: TemplateHeader, at: CellPos, opts: BlockOptions): RenderPlan {
  const b = new PlanBuilder();
  const r0 = at.row;
  const c0 = at.col;
  const C = (i: number) => c0 + i;
  const W = BLOCK_WIDTHS;
  const span = (from: number, to: number) => W.slice(from, to + 1).reduce((a, x) => a + x, 0);
  const label = { fill: LABEL_FILL, align: 'center' as const, valign: 'middle' as const, wrap: true };
  const unit = header.moneyUnit;
  const year = header.year;

  // r0: title
  const titleName = header.name ?? (type.indicators.length > 0 ? type.name : '项目');
  b.set(r0, C(0), `${opts.titlePrefix ?? ''}${titleName}绩效目标表`, { bold: true, fontSize: 14, align: 'center', valign: 'middle' });
  b.merge(rng(r0, C(0), r0, C(6)));
  b.height(r0, 28);
  b.fields.title = { row: r0, col: C(0) };

  // r0+1: unit line
  const r1 = r0 + 1;
  const unitLine = `${header.unitCode ?? ''}${header.unitName ?? ''}`;
  b.set(r1, C(0), unitLine === '' ? null : unitLine, { align: 'left', valign: 'middle' });
  b.merge(rng(r1, C(0), r1, C(4)));
  b.set(r1, C(5), `单位：${unit}`, { align: 'right', valign: 'middle' });
  b.merge(rng(r1, C(5), r1, C(6)));
  b.fields.unitName = { row: r1, col: C(0) };
  b.fields.moneyUnit = { row: r1, col: C(5) };
  b.height(r1, 20);

  // r0+2: code, name
  const r2 = r0 + 2;
  b.set(r2, C(0), '项目编码', label);
  b.set(r2, C(1), header.code ?? null, { numberFormat: TEXT_FORMAT, align: 'left', valign: 'middle' });
  b.merge(rng(r2, C(1), r2, C(2)));
  b.set(r2, C(3), '项目名称', label);
  b.set(r2, C(4), header.name ?? null, { align: 'left', valign: 'middle', wrap: true });
  b.merge(rng(r2, C(4), r2, C(6)));
  b.fields.code = { row: r2, col: C(1) };
  b.fields.name = { row: r2, col: C(4) };
  b.prompt(rng(r2, C(1)), '项目编码', '填写预算系统中的项目编码：21位数字或大写字母，如“130322210QXP1WKIBNS3X”');
  b.prompt(rng(r2, C(4)), '项目名称', '填写与预算系统一致的项目名称');
  b.height(r2, heightFor(wrappedLines(header.name ?? '', span(4, 6))));

  // r0+3, r0+4: budget, funding, usage
  const r3 = r0 + 3;
  const r4 = r0 + 4;
  b.set(r3, C(0), '预算规模及\n资金用途', label);
  b.merge(rng(r3, C(0), r4, C(0)));
  const money = { numberFormat: MONEY_FORMAT, align: 'right' as const, valign: 'middle' as const };
  b.set(r3, C(1), '预算数', label);
  b.set(r3, C(2), header.budget ?? null, money);
  b.set(r3, C(3), '其中：财政资金', label);
  b.set(r3, C(4), header.fiscal ?? null, money);
  b.set(r3, C(5), '其他资金', label);
  b.set(r3, C(6), header.other ?? null, money);
  b.fields.budget = { row: r3, col: C(2) };
  b.fields.fiscal = { row: r3, col: C(4) };
  b.fields.other = { row: r3, col: C(6) };
  b.prompt(rng(r3, C(2)), '预算数', `单位：${unit}，两位小数；预算数 = 财政资金 + 其他资金`);
  b.prompt(rng(r3, C(4)), '财政资金', `单位：${unit}，两位小数`);
  b.prompt(rng(r3, C(6)), '其他资金', `单位：${unit}，两位小数；没有其他资金填0`);
  b.height(r3, 30);
  b.set(r4, C(1), null, { wrap: true, align: 'left', valign: 'top' });
  b.merge(rng(r4, C(1), r4, C(6)));
  b.fields.usage = { row: r4, col: C(1) };
  const amounts =
    header.budget === undefined
      ? `预算数X${unit}，其中：财政资金X${unit}，其他资金X${unit}`
      : `预算数${fmtMoney(header.budget)}${unit}，其中：财政资金${fmtMoney(header.fiscal ?? 0)}${unit}，其他资金${fmtMoney(header.other ?? 0)}${unit}`;
  b.prompt(rng(r4, C(1)), '资金用途', `写明资金用途，如：“${amounts}。主要用于${type.usageHint ?? '……'}。”`);
  b.height(r4, heightFor(2));

  // r0+5, r0+6: spending plan
  const r5 = r0 + 5;
  const r6 = r0 + 6;
  const checkpoints = profile.checkpointSets[0];
  if (checkpoints.length > 4) throw new Error(`资金支出计划最多4期，配置“${profile.id}”有${checkpoints.length}期`);
  if (header.plan !== undefined && header.plan.length !== checkpoints.length) {
    throw new Error(`资金支出计划应填${checkpoints.length}期（${checkpoints.join('、')}），填了${header.plan.length}期`);
  }
  b.set(r5, C(0), '资金支出计划\n（%）', label);
  b.merge(rng(r5, C(0), r6, C(0)));
  checkpoints.forEach((cp, i) => {
    b.set(r5, C(1 + i), cp, { align: 'center', valign: 'middle' });
    const p = header.plan?.[i];
    b.set(r6, C(1 + i), p === undefined ? null : p / 100, { numberFormat: PLAN_FORMAT, align: 'center', valign: 'middle' });
    const alternatives = [...new Set(profile.checkpointSets.map((s) => s[i]).filter((s): s is string => s !== undefined))];
    if (alternatives.length > 1) b.validations.push({ range: rng(r5, C(1 + i)), list: alternatives });
  });
  // the unused columns after the checkpoints (F:G in the canonical layout) stay one merged blank area
  const lastCp = 1 + checkpoints.length;
  if (lastCp <= 6) {
    b.merge(rng(r5, C(lastCp), r5, C(6)));
    b.merge(rng(r6, C(lastCp), r6, C(6)));
  }
  b.prompt(
    rng(r6, C(1), r6, C(checkpoints.length)),
    '资金支出计划',
    `按累计百分比填写各期末累计支出进度，逐期不减，${checkpoints[checkpoints.length - 1]}为100%；某期不支出填0%`,
  );
  b.fields.plan = { row: r6, col: C(1) };
  b.fields.checkpoints = { row: r5, col: C(1) };

  // r0+7: goal
  const r7 = r0 + 7;
  b.set(r7, C(0), '绩效目标', label);
  b.set(r7, C(1), null, { wrap: true, align: 'left', valign: 'top' });
  b.merge(rng(r7, C(1), r7, C(6)));
  b.fields.goal = { row: r7, col: C(1) };
  b.prompt(rng(r7, C(1)), '绩效目标', `写明用这笔钱做什么、做多少、达到什么效果。${type.goalHint ?? ''}`);
  b.height(r7, heightFor(3));

  // r0+8: indicator header
  const r8 = r0 + 8;
  const head = { ...label, bold: true, fill: HEADER_FILL };
  b.set(r8, C(0), '一级指标', head);
  b.set(r8, C(1), '二级指标', head);
  b.set(r8, C(2), '三级指标', head);
  b.set(r8, C(3), '绩效指标描述', head);
  b.merge(rng(r8, C(3), r8, C(4)));
  b.set(r8, C(5), '指标值', head);
  b.set(r8, C(6), '指标值确定依据', head);
  b.height(r8, 22);
  b.fields.indicators = { row: r8 + 1, col: C(0) };

  // indicator rows
  const rows = indicatorsForProfile(type, profile);
  const first = r8 + 1;
  const last = first + rows.length - 1;
  const cell = { wrap: true, align: 'left' as const, valign: 'middle' as const };
  rows.forEach((pi: ProfileIndicator, k) => {
    const r = first + k;
    const prev = rows[k - 1];
    if (!prev || prev.level1 !== pi.level1) b.set(r, C(0), pi.level1, { ...cell, align: 'center' });
    if (!prev || prev.level1 !== pi.level1 || prev.level2 !== pi.level2) b.set(r, C(1), pi.level2, { ...cell, align: 'center' });
    const ind = pi.indicator;
    b.set(r, C(2), ind?.level3 ?? null, cell);
    b.set(r, C(3), ind?.description ?? null, cell);
    b.merge(rng(r, C(3), r, C(4)));
    b.set(r, C(5), ind?.value ?? null, { ...cell, align: 'center', numberFormat: TEXT_FORMAT });
    b.set(r, C(6), ind?.basis ?? null, cell);
    if (ind) {
      b.prompt(rng(r, C(5)), ind.level3, valuePrompt(ind, year));
    } else {
      b.prompt(rng(r, C(2)), pi.level2, `填写“${pi.level2}”下的三级指标名称，再填写描述、指标值和确定依据；不需要的行可删除`);
    }
    const lines = Math.max(
      wrappedLines(ind?.level3 ?? '', W[2]),
      wrappedLines(ind?.description ?? '', span(3, 4)),
      wrappedLines(ind?.basis ?? '', W[6]),
      wrappedLines(pi.level2, W[1]),
    );
    b.height(r, heightFor(lines, 24));
  });
  // merge 一级 and 二级 runs downwards
  const runs = (key: (p: ProfileIndicator) => string, col: number) => {
    let start = 0;
    for (let k = 1; k <= rows.length; k++) {
      if (k === rows.length || key(rows[k]) !== key(rows[start])) {
        if (k - 1 > start) b.merge(rng(first + start, C(col), first + k - 1, C(col)));
        start = k;
      }
    }
  };
  runs((p) => p.level1, 0);
  runs((p) => `${p.level1}/${p.level2}`, 1);
  if (rows.length > 0) {
    b.validations.push({ range: rng(first, C(0), last, C(0)), list: profile.level1.map((l) => l.name) });
    b.validations.push({
      range: rng(first, C(1), last, C(1)),
      list: [...new Set(profile.level1.flatMap((l) => l.level2.map((x) => x.name)))],
    });
  }

  const bottom = Math.max(last, r8);
  b.borders.push(rng(r2, C(0), bottom, C(6)));
  return b.build(rng(r0, C(0), bottom, C(6)), W);
}

// ---------------------------------------------------------------------------------------------
// list layout (disclosure-list)

export const LIST_WIDTHS = [12, 26, 12, 42, 56];
export const LIST_HEADERS = ['单位编码', '单位及项目名称', '金额（万元）', '绩效目标', '绩效指标'];

const CN_NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The 绩效指标 text of a disclosure-list row (DOMAIN §2.2): headings per 一级/二级 and one numbered
 * line per 三级, `name value`; a blank value leaves the line as `name：` for the clerk to end,
 * an empty row (generic type) leaves its 二级 heading with no line under it.
 */
export function indicatorText(rows: ProfileIndicator[]): string {
  const lines: string[] = [];
  let l1Count = 0;
  let l2Count = 0;
  let n = 0;
  let prev: ProfileIndicator | undefined;
  for (const pi of rows) {
    if (!prev || prev.level1 !== pi.level1) {
      lines.push(`${CN_NUMS[l1Count++] ?? String(l1Count)}、${pi.level1}`);
      l2Count = 0;
      prev = undefined;
    }
    if (!prev || prev.level2 !== pi.level2) {
      lines.push(`(${CN_NUMS[l2Count++] ?? String(l2Count)}) ${pi.level2}：`);
      n = 0;
    }
    if (pi.indicator) {
      n++;
      const v = pi.indicator.value;
      // a blank value is left as `name：` — the slot the clerk fills (read back as a missing value)
      lines.push(`${n}. ${pi.indicator.level3}${v ? ` ${v}` : '：'}`);
    }
    prev = pi;
  }
  return lines.join('\n');
}

function renderListRows(profile: Profile, items: RenderItem[], at: CellPos): RenderPlan {
  const b = new PlanBuilder();
  const r0 = at.row;
  const c0 = at.col;
  const C = (i: number) => c0 + i;
  const W = LIST_WIDTHS;
  const unit = items[0]?.header.moneyUnit ?? '万元';
  const head = { bold: true, fill: HEADER_FILL, align: 'center' as const, valign: 'middle' as const, wrap: true };
  const headers = [...LIST_HEADERS];
  headers[2] = `金额（${unit}）`;
  headers.forEach((h, i) => b.set(r0, C(i), h, head));
  b.height(r0, 22);
  b.fields.header = { row: r0, col: C(0) };

  const h0 = items[0]?.header;
  let r = r0 + 1;
  // a unit row is recognised by its code: without one the unit name goes to the sheet title only
  const hasUnitRow = h0?.unitCode !== undefined;
  if (hasUnitRow && h0) {
    const amounts = items.map((it) => it.header.budget);
    const total = amounts.every((a): a is number => a !== undefined) ? Math.round(amounts.reduce((s, a) => s + a, 0) * 1e6) / 1e6 : null;
    b.set(r, C(0), h0.unitCode ?? null, { numberFormat: TEXT_FORMAT, align: 'left', valign: 'middle' });
    b.set(r, C(1), h0.unitName ?? null, { align: 'left', valign: 'middle', wrap: true });
    b.set(r, C(2), total, { numberFormat: MONEY_FORMAT, align: 'right', valign: 'middle' });
    b.set(r, C(3), null);
    b.set(r, C(4), null);
    b.fields.unit = { row: r, col: C(0) };
    b.height(r, 20);
    r++;
  }
  items.forEach((it, k) => {
    const rows = indicatorsForProfile(it.type, profile);
    const text = indicatorText(rows);
    const top = { valign: 'top' as const, wrap: true, align: 'left' as const };
    b.set(r, C(0), null, { ...top, numberFormat: TEXT_FORMAT });
    b.set(r, C(1), it.header.name ?? null, top);
    b.set(r, C(2), it.header.budget ?? null, { numberFormat: MONEY_FORMAT, align: 'right', valign: 'top' });
    b.set(r, C(3), null, top);
    b.set(r, C(4), text, top);
    if (k === 0) {
      b.fields.name = { row: r, col: C(1) };
      b.fields.budget = { row: r, col: C(2) };
      b.fields.goal = { row: r, col: C(3) };
      b.fields.indicators = { row: r, col: C(4) };
    }
    b.prompt(rng(r, C(1)), '项目名称', `填写项目名称${it.type.indicators.length > 0 ? `（类型：${it.type.name}）` : ''}`);
    b.prompt(rng(r, C(2)), '金额', `单位：${unit}，两位小数`);
    b.prompt(rng(r, C(3)), '绩效目标', `写明用这笔钱做什么、做多少、达到什么效果。${it.type.goalHint ?? ''}`);
    b.prompt(
      rng(r, C(4)),
      '绩效指标',
      '在每条指标名称后空一格填写指标值，如“1. 保洁员人数 12人”“2. 支付及时率 100%”；数量写单位，比率写%，成本写“≤N万元”',
    );
    b.height(r, heightFor(text.split('\n').length));
    r++;
  });
  const bottom = r - 1;
  b.borders.push(rng(r0, C(0), bottom, C(4)));
  return b.build(rng(r0, C(0), bottom, C(4)), W);
}

// ---------------------------------------------------------------------------------------------
// public API

/**
 * Renders one block of `type` with the (validated) header at `at` (0-based top-left cell).
 * For the list layout: header row + unit row (when the header has a unit code) + one project row.
 */
export function renderBlock(
  profileId: string | Profile,
  type: ProjectType,
  header: TemplateHeader,
  at: CellPos = { row: 0, col: 0 },
  opts: BlockOptions = {},
): RenderPlan {
  const profile = resolveProfile(profileId);
  if (!type.profiles.includes(profile.id)) {
    throw new Error(`模板类型“${type.name}”不适用于“${profile.name}”（适用：${type.profiles.join('、')}）`);
  }
  if (profile.layout === 'list') return renderListRows(profile, [{ type, header }], at);
  return renderHebeiBlock(profile, type, header, at, opts);
}

export interface WorkbookOptions {
  sheetName?: string;
  /** rows left blank between two blocks (default 2) */
  gap?: number;
}

/**
 * A sheet with a title (`{单位}{年}年部门预算项目绩效目标表`, which also carries the budget year) and
 * one block per item (block layout), or one list with a unit row and a row per item (list layout).
 */
export function renderWorkbook(profileId: string | Profile, items: RenderItem[], opts: WorkbookOptions = {}): RenderedWorkbook {
  const profile = resolveProfile(profileId);
  for (const it of items) {
    if (!it.type.profiles.includes(profile.id)) {
      throw new Error(`模板类型“${it.type.name}”不适用于“${profile.name}”（适用：${it.type.profiles.join('、')}）`);
    }
  }
  const h0 = items[0]?.header;
  const year = h0?.year;
  const unitName = (h0?.unitName ?? '').replace(/本级$/, '');
  const isList = profile.layout === 'list';
  const width = isList ? LIST_HEADERS.length : BLOCK_WIDTHS.length;
  const titleText = `${unitName}${year === undefined ? '' : `${year}年`}部门预算项目${isList ? '支出绩效目标公开表' : '绩效目标表'}`;
  const t = new PlanBuilder();
  t.set(0, 0, titleText, { bold: true, fontSize: 16, align: 'center', valign: 'middle' });
  t.merge(rng(0, 0, 0, width - 1));
  t.height(0, 32);
  t.fields.title = { row: 0, col: 0 };
  const plans: RenderPlan[] = [t.build(rng(0, 0, 0, width - 1), isList ? LIST_WIDTHS : BLOCK_WIDTHS)];
  if (isList) {
    plans.push(renderListRows(profile, items, { row: 1, col: 0 }));
  } else {
    const gap = opts.gap ?? 2;
    let row = 2;
    items.forEach((it, i) => {
      const plan = renderHebeiBlock(profile, it.type, it.header, { row, col: 0 }, { titlePrefix: items.length > 1 ? `${i + 1}.` : '' });
      if (i > 0) plan.pageBreaks = [plan.range.top];
      plans.push(plan);
      row = plan.range.bottom + 1 + gap;
    });
  }
  return { sheetName: opts.sheetName ?? (isList ? '绩效目标公开表' : '项目绩效目标'), profile: profile.id, plans };
}

/** Every cell the plan writes (values, merged areas, borders), row by row: check these are empty before inserting. */
export function planFootprint(plan: RenderPlan): CellPos[] {
  const seen = new Set<string>();
  const out: CellPos[] = [];
  const add = (row: number, col: number) => {
    const k = `${row},${col}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push({ row, col });
    }
  };
  for (const c of plan.cells) add(c.row, c.col);
  for (const r of [...plan.merges, ...plan.borders]) {
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) add(row, col);
  }
  return out.sort((a, b) => a.row - b.row || a.col - b.col);
}

/**
 * Writes a plan into an in-memory grid sheet (values, number formats, merges), the way a host would:
 * a merged area keeps only its top-left value. Row/column sizes, borders and validations are not
 * part of a grid and are ignored.
 */
export function applyPlanToGrid(sheet: GridSheet, plan: RenderPlan): GridSheet {
  const put = (row: number, col: number, value: CellValue | undefined, format: string | undefined) => {
    while (sheet.values.length <= row) sheet.values.push([]);
    const vr = sheet.values[row];
    vr[col] = value === null ? undefined : value;
    if (format !== undefined || sheet.formats) {
      if (!sheet.formats) sheet.formats = [];
      while (sheet.formats.length <= row) sheet.formats.push([]);
      sheet.formats[row][col] = format;
    }
  };
  for (const c of plan.cells) put(c.row, c.col, c.value, c.numberFormat);
  const overlaps = (a: RangePos, b: RangePos) => a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
  sheet.merges = sheet.merges.filter((m) => !plan.merges.some((n) => overlaps(m, n)));
  for (const m of plan.merges) {
    sheet.merges.push({ ...m });
    for (let row = m.top; row <= m.bottom; row++) {
      for (let col = m.left; col <= m.right; col++) {
        if (row !== m.top || col !== m.left) {
          const vr = sheet.values[row];
          if (vr) vr[col] = undefined;
        }
      }
    }
  }
  return sheet;
}

/** A fresh grid sheet holding a rendered workbook's plans. */
export function workbookToGridSheet(wb: RenderedWorkbook): GridSheet {
  const sheet: GridSheet = { name: wb.sheetName, values: [], merges: [] };
  for (const p of wb.plans) applyPlanToGrid(sheet, p);
  return sheet;
}
