/**
 * Rendering a template into cell edits (docs/domain.md §2, §8). A `RenderPlan` is host-agnostic: the CLI
 * writes it with ExcelJS, the add-in applies it through Office.js, tests apply it to a `GridSheet`.
 *
 * Layouts:
 * - block: the profile's `template` (data: the header rows, their spans and labels, the indicator
 *   columns, a split 指标值) — the canonical 7-column block of docs/domain.md §2.1, the 一体化 layouts of
 *   §2.4/§2.5, or a new format's — anchored at any top-left cell; indicator rows follow the
 *   profile's frame and order, with the rows the system fixes (the 成本控制率 row);
 * - list: header row + unit row + one row per project, the columns of the list profile.
 *
 * Values the clerk must supply are written as empty cells (with the right number format and an input
 * prompt naming the kind of value and its unit); only standard targets are pre-filled (see
 * src/domain/templates/types.ts). Numbers are written as numbers.
 *
 * Why it is one file: the block and list layouts and the plan's grid application share one private
 * PlanBuilder (cells, merges, prompts, borders, heights, field positions) and the prompt helpers; a
 * RenderPlan is built and applied by the same small vocabulary. The list layout (renderListRows,
 * indicatorText) is the part to move out first if the file grows.
 */
import type { CellPos, RangePos } from '../domain/address';
import type { CellValue } from '../domain/model';
import { fieldCaption, fieldSpec, type Profile } from '../domain/profile';
import { getProfile } from '../domain/profiles';
import { OPERATOR_SYMBOL, QUALITATIVE_SYMBOL, SPLIT_SYMBOLS } from '../domain/split-value';
import { parseValue } from '../domain/value';
import { indicatorsForProfile, type ProfileIndicator } from '../domain/templates/frame';
import { fitsText, typeFits } from '../domain/templates/search';
import { headerAmount, type TemplateHeader } from '../domain/templates/header';
import type { ProjectType, TemplateIndicator } from '../domain/templates/types';
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
export const PLAN_FORMAT = '0%';
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
// block layout: the profile's template (docs/domain.md §2.1 hebei, §2.4/§2.5 一体化, or a new format's)

export interface BlockOptions {
  /** text before the title, e.g. `1.` when numbering blocks of a workbook */
  titlePrefix?: string;
}

/**
 * The header's value for a field key: the profile's money fields by their key (whatever the format
 * calls them), the name, code and unit name, and the 一体化 主管部门 line built from the unit.
 */
function headerValue(profile: Profile, key: string, header: TemplateHeader): CellValue {
  if (fieldSpec(profile, key)?.money) return headerAmount(header, key) ?? null;
  switch (key) {
    case 'code':
      return header.code ?? null;
    case 'name':
      return header.name ?? null;
    case 'unitName':
      return header.unitName ?? null;
    case 'department':
      return header.unitCode || header.unitName ? `${header.unitCode ? `[${header.unitCode}]` : ''}${header.unitName ?? ''}` : null;
    default:
      return null;
  }
}

function fillText(s: string, vars: Record<string, string>): string {
  return s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => vars[k] ?? m);
}

/** The amounts sentence of a 资金用途 prompt: the profile's first totals relation, in its captions. */
function amountsExample(profile: Profile, header: TemplateHeader, unit: string): string {
  const rel = profile.totals[0];
  if (!rel) return '';
  const cap = (k: string) => fieldCaption(profile, k, k);
  const val = (k: string) => {
    const v = headerAmount(header, k);
    return v !== undefined ? fmtMoney(v) : 'X';
  };
  const given = headerAmount(header, rel.total) !== undefined;
  const part = (k: string) => `${cap(k)}${given ? val(k) : 'X'}${unit}`;
  return `${part(rel.total)}，其中：${rel.parts.map(part).join('，')}`;
}

/** The cells of a split 指标值 (符号 | 值 | 计量单位) for a template indicator. */
export function splitCells(ind: TemplateIndicator | undefined): [CellValue, CellValue, CellValue] {
  if (!ind) return [null, null, null];
  if (ind.value !== undefined) {
    const p = parseValue(ind.value);
    if (p.number !== undefined && p.unit) return [OPERATOR_SYMBOL[p.operator], p.number, p.unit];
  }
  if (ind.valueKind === 'qualitative' || ind.valueKind === 'date') return [QUALITATIVE_SYMBOL, null, null];
  return [OPERATOR_SYMBOL[ind.operator ?? '≥'], null, ind.valueKind === 'percent' ? '%' : (ind.unit ?? null)];
}

export function splitPrompt(ind: TemplateIndicator, captions = { op: '符号', num: '值', unit: '计量单位' }): string {
  const kind = ind.valueKind === 'qualitative' || ind.valueKind === 'date';
  let s = kind
    ? `${captions.op}为“定性”：在“${captions.num}”栏填写文字目标，如“提升”“有效保障”，${captions.unit}留空`
    : `只填数字（如“95”）；符号在“${captions.op}”栏（${SPLIT_SYMBOLS.join(' ')}），单位在“${captions.unit}”栏`;
  if (ind.hint) s += `；${ind.hint}`;
  if (ind.value !== undefined) s = `已预填标准目标“${ind.value}”，可按实际调整。${s}`;
  return s;
}

function renderTemplateBlock(profile: Profile, type: ProjectType, header: TemplateHeader, at: CellPos, opts: BlockOptions): RenderPlan {
  const t = profile.template;
  if (!t) throw new Error(`“${profile.name}”没有模板，无法插入`);
  const b = new PlanBuilder();
  const r0 = at.row;
  const c0 = at.col;
  const C = (i: number) => c0 + i;
  const W = t.widths;
  const width = W.length;
  const span = (from: number, to: number) => W.slice(from, to + 1).reduce((a, x) => a + x, 0);
  const label = { fill: LABEL_FILL, align: 'center' as const, valign: 'middle' as const, wrap: true };
  const unit = header.moneyUnit ?? profile.moneyUnit;
  const year = header.year;
  const vars = { unit };

  // title
  const titleName = header.name ?? (type.indicators.length > 0 ? type.name : '项目');
  const titleRows = t.titleRows ?? 1;
  b.set(r0, C(0), fillText(t.title, { prefix: opts.titlePrefix ?? '', name: titleName }), {
    bold: true,
    fontSize: 14,
    align: 'center',
    valign: 'middle',
  });
  b.merge(rng(r0, C(0), r0 + titleRows - 1, C(width - 1)));
  b.height(r0, titleRows === 1 ? 28 : 20);
  b.fields.title = { row: r0, col: C(0) };

  // the header rows, laid out like an HTML table: a cell spanning rows takes its columns below
  let r = r0 + titleRows;
  const taken = new Set<string>();
  let borderTop: number | undefined;
  t.rows.forEach((cells, i) => {
    let c = 0;
    for (const cell of cells) {
      while (taken.has(`${r},${c}`)) c++;
      const cols = cell.cols ?? 1;
      const rows = cell.rows ?? 1;
      for (let dr = 1; dr < rows; dr++) for (let dc = 0; dc < cols; dc++) taken.add(`${r + dr},${c + dc}`);
      const area = rng(r, C(c), r + rows - 1, C(c + cols - 1));
      if (cell.plan === undefined) b.merge(area); // a plan row is one cell per checkpoint
      if (cell.line === undefined) borderTop ??= r;
      if (cell.lines !== undefined) b.height(r, heightFor(cell.lines));
      if (cell.line === 'unit') {
        const unitLine = `${header.unitCode ?? ''}${header.unitName ?? ''}`;
        b.set(r, C(c), unitLine === '' ? null : unitLine, { align: 'left', valign: 'middle' });
        b.fields.unitName = { row: r, col: C(c) };
      } else if (cell.line === 'moneyUnit') {
        b.set(r, C(c), `单位：${unit}`, { align: 'right', valign: 'middle' });
        b.fields.moneyUnit = { row: r, col: C(c) };
      } else if (cell.line === 'year') {
        b.set(r, C(c), `（${year ?? '    '}年度）`, { align: 'center', valign: 'middle' });
        b.fields.year = { row: r, col: C(c) };
      } else if (cell.plan === 'checkpoints' || cell.plan === 'values') {
        writePlan(b, profile, header, cell.plan, r, C(c), cols);
      } else if (cell.label !== undefined) {
        const text = cell.text ?? (cell.label === 'plan' ? (profile.plan?.text ?? profile.plan?.labels[0]) : fieldSpec(profile, cell.label)?.labels[0]);
        b.set(r, C(c), fillText(text ?? cell.label, vars), label);
      } else if (cell.value !== undefined) {
        const key = cell.value;
        const spec = fieldSpec(profile, key);
        const v = headerValue(profile, key, header);
        const pos = { row: r, col: C(c) };
        b.fields[key] = pos;
        if (spec?.money) {
          b.set(r, C(c), v, { numberFormat: MONEY_FORMAT, align: 'right', valign: 'middle' });
        } else if (key === 'code') {
          b.set(r, C(c), v, { numberFormat: TEXT_FORMAT, align: 'left', valign: 'middle' });
        } else {
          b.set(r, C(c), v, { wrap: true, align: 'left', valign: v === null && cell.lines !== undefined ? 'top' : 'middle' });
          if (typeof v === 'string') b.height(r, heightFor(wrappedLines(v, span(c, c + cols - 1))));
        }
        const caption = spec?.caption ?? key;
        if (key === 'usage') {
          b.prompt(area, caption, `写明资金用途，如：“${amountsExample(profile, header, unit)}。主要用于${type.usageHint ?? '……'}。”`);
        } else if (key === 'goal') {
          b.prompt(area, caption, `写明用这笔钱做什么、做多少、达到什么效果。${type.goalHint ?? ''}`);
        } else if (spec?.prompt) {
          b.prompt(rng(r, C(c)), caption, fillText(spec.prompt, vars));
        }
      } else if (cell.text !== undefined) {
        b.set(r, C(c), cell.text, label);
      }
      c += cols;
    }
    const h = t.heights?.[i];
    if (h !== undefined) b.height(r, h);
    r++;
  });

  // the indicator table
  const rows = indicatorsForProfile(type, profile);
  const sv = profile.splitValue;
  const head = { ...label, bold: true, fill: HEADER_FILL };
  const headerRow = r;
  const headerRows = sv ? 2 : 1;
  const first = headerRow + headerRows;
  const last = first + rows.length - 1;
  const bottom = Math.max(last, first - 1);
  let c = 0;
  if (t.indicatorCaption) {
    b.set(headerRow, C(0), t.indicatorCaption, head);
    b.merge(rng(headerRow, C(0), bottom, C(0)));
    c = 1;
  }
  const colOf: Partial<Record<string, { col: number; span: number }>> = {};
  for (const spec of profile.indicatorColumns) {
    const n = spec.span ?? 1;
    colOf[spec.role] = { col: c, span: n };
    const text = t.headerText?.[spec.role] ?? spec.labels[0];
    b.set(headerRow, C(c), text, head);
    if (spec.role === 'value' && sv) {
      b.merge(rng(headerRow, C(c), headerRow, C(c + n - 1)));
      (['operator', 'number', 'unit'] as const).forEach((part, k) => {
        b.set(headerRow + 1, C(c + k), t.headerText?.[part] ?? sv[part][0], head);
        colOf[part] = { col: c + k, span: 1 };
      });
    } else {
      b.merge(rng(headerRow, C(c), headerRow + headerRows - 1, C(c + n - 1)));
    }
    c += n;
  }
  if (c !== width) throw new Error(`“${profile.name}”的模板有${width}列，指标表占${c}列，二者应相同`);
  for (let k = 0; k < headerRows; k++) b.height(headerRow + k, 22);
  b.fields.indicators = { row: first, col: C(0) };
  for (const [role, pos] of Object.entries(colOf)) if (pos) b.fields[`column:${role}`] = { row: first, col: C(pos.col) };

  const cellStyle = { wrap: true, align: 'left' as const, valign: 'middle' as const };
  const put = (role: string, row: number, value: CellValue, style: Omit<RenderCell, 'row' | 'col' | 'value'> = cellStyle) => {
    const pos = colOf[role];
    if (!pos) return;
    b.set(row, C(pos.col), value, style);
    b.merge(rng(row, C(pos.col), row, C(pos.col + pos.span - 1)));
  };
  const widthOf = (role: string) => {
    const pos = colOf[role];
    return pos ? span(pos.col, pos.col + pos.span - 1) : 0;
  };
  rows.forEach((pi: ProfileIndicator, k) => {
    const row = first + k;
    const prev = rows[k - 1];
    if (!prev || prev.level1 !== pi.level1) put('level1', row, pi.level1, { ...cellStyle, align: 'center' });
    if (!prev || prev.level1 !== pi.level1 || prev.level2 !== pi.level2) put('level2', row, pi.level2, { ...cellStyle, align: 'center' });
    const ind = pi.indicator;
    put('level3', row, ind?.level3 ?? null);
    // a 指标库 indicator without description or basis leaves the cell for the clerk
    put('description', row, ind?.description || null);
    put('basis', row, ind?.basis || null);
    put('remark', row, null);
    let valueAt: RangePos | undefined;
    if (sv) {
      const [symbol, number, unitText] = splitCells(ind);
      put('operator', row, symbol, { ...cellStyle, align: 'center' });
      put('number', row, number, { ...cellStyle, align: 'center' });
      put('unit', row, unitText, { ...cellStyle, align: 'center' });
      const pos = colOf.number;
      if (pos) valueAt = rng(row, C(pos.col));
      if (ind && valueAt) b.prompt(valueAt, ind.level3, splitPrompt(ind));
    } else {
      put('value', row, ind?.value ?? null, { ...cellStyle, align: 'center', numberFormat: TEXT_FORMAT });
      const pos = colOf.value;
      if (pos) valueAt = rng(row, C(pos.col));
      if (ind && valueAt) b.prompt(valueAt, ind.level3, valuePrompt(ind, year));
    }
    const l3 = colOf.level3;
    if (!ind && l3) {
      b.prompt(
        rng(row, C(l3.col)),
        pi.level2,
        `填写“${pi.level2}”下的三级指标名称，再填写${profile.indicatorColumns.some((x) => x.role === 'basis') ? '描述、指标值和确定依据' : '指标值'}；不需要的行可删除`,
      );
    }
    const lines = Math.max(
      wrappedLines(ind?.level3 ?? '', widthOf('level3')),
      wrappedLines(ind?.description ?? '', widthOf('description')),
      wrappedLines(ind?.basis ?? '', widthOf('basis')),
      wrappedLines(pi.level2, widthOf('level2')),
    );
    b.height(row, heightFor(lines, 24));
  });
  // merge 一级 and 二级 runs downwards
  const runs = (key: (p: ProfileIndicator) => string, role: string) => {
    const pos = colOf[role];
    if (!pos) return;
    let start = 0;
    for (let k = 1; k <= rows.length; k++) {
      if (k === rows.length || key(rows[k]) !== key(rows[start])) {
        if (k - 1 > start) b.merge(rng(first + start, C(pos.col), first + k - 1, C(pos.col + pos.span - 1)));
        start = k;
      }
    }
  };
  runs((p) => p.level1, 'level1');
  runs((p) => `${p.level1}/${p.level2}`, 'level2');
  if (rows.length > 0) {
    const l1 = colOf.level1;
    const l2 = colOf.level2;
    if (l1) b.validations.push({ range: rng(first, C(l1.col), last, C(l1.col)), list: profile.level1.map((l) => l.name) });
    if (l2) {
      b.validations.push({
        range: rng(first, C(l2.col), last, C(l2.col)),
        list: [...new Set(profile.level1.flatMap((l) => l.level2.map((x) => x.name)))],
      });
    }
    const op = colOf.operator;
    if (op) b.validations.push({ range: rng(first, C(op.col), last, C(op.col)), list: [...SPLIT_SYMBOLS] });
  }

  b.borders.push(rng(borderTop ?? headerRow, C(0), bottom, C(width - 1)));
  return b.build(rng(r0, C(0), bottom, C(width - 1)), W);
}

/** The plan row of a template: checkpoint headers (with dropdowns of the alternatives) or the values. */
function writePlan(b: PlanBuilder, profile: Profile, header: TemplateHeader, which: 'checkpoints' | 'values', r: number, c: number, cols: number): void {
  const checkpoints = profile.checkpointSets[0];
  if (checkpoints.length > cols) throw new Error(`资金支出计划最多${cols}期，配置“${profile.id}”有${checkpoints.length}期`);
  if (header.plan !== undefined && header.plan.length !== checkpoints.length) {
    throw new Error(`资金支出计划应填${checkpoints.length}期（${checkpoints.join('、')}），填了${header.plan.length}期`);
  }
  // the unused columns after the checkpoints stay one merged blank area
  const rest = () => {
    if (checkpoints.length < cols) b.merge(rng(r, c + checkpoints.length, r, c + cols - 1));
  };
  if (which === 'checkpoints') {
    checkpoints.forEach((cp, i) => {
      b.set(r, c + i, cp, { align: 'center', valign: 'middle' });
      const alternatives = [...new Set(profile.checkpointSets.map((s) => s[i]).filter((s): s is string => s !== undefined))];
      if (alternatives.length > 1) b.validations.push({ range: rng(r, c + i), list: alternatives });
    });
    rest();
    b.fields.checkpoints = { row: r, col: c };
    return;
  }
  checkpoints.forEach((_, i) => {
    const p = header.plan?.[i];
    b.set(r, c + i, p === undefined ? null : p / 100, { numberFormat: PLAN_FORMAT, align: 'center', valign: 'middle' });
  });
  rest();
  b.prompt(
    rng(r, c, r, c + checkpoints.length - 1),
    '资金支出计划',
    `按累计百分比填写各期末累计支出进度，逐期不减，${checkpoints[checkpoints.length - 1]}为100%；某期不支出填0%`,
  );
  b.fields.plan = { row: r, col: c };
}

// ---------------------------------------------------------------------------------------------
// list layout (disclosure-list)

export const LIST_WIDTHS = [12, 26, 12, 42, 56];

/** The list's column headers: each column's first label, an amount with its unit (`金额（万元）`). */
function listHeaders(profile: Profile, unit: string): string[] {
  return profile.fields.map((f) => (f.money ? `${f.labels[0]}（${unit}）` : f.labels[0]));
}

const CN_NUMS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The 绩效指标 text of a disclosure-list row (docs/domain.md §2.2): headings per 一级/二级 and one numbered
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
  const unit = items[0]?.header.moneyUnit ?? profile.moneyUnit;
  const head = { bold: true, fill: HEADER_FILL, align: 'center' as const, valign: 'middle' as const, wrap: true };
  listHeaders(profile, unit).forEach((h, i) => b.set(r0, C(i), h, head));
  b.height(r0, 22);
  b.fields.header = { row: r0, col: C(0) };

  const h0 = items[0]?.header;
  let r = r0 + 1;
  // a unit row is recognised by its code: without one the unit name goes to the sheet title only
  const hasUnitRow = h0?.unitCode !== undefined;
  if (hasUnitRow && h0) {
    const amounts = items.map((it) => headerAmount(it.header, 'budget'));
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
    b.set(r, C(2), headerAmount(it.header, 'budget') ?? null, { numberFormat: MONEY_FORMAT, align: 'right', valign: 'top' });
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
// rows layout (docs/domain.md §2.8): one row per indicator, the project's fields on its first row

/** Integer weights shared out over `n` rows totalling `total` (the first rows take the remainder). */
function shareOut(total: number, n: number): number[] {
  if (n <= 0) return [];
  const base = Math.floor(total / n);
  const rest = total - base * n;
  return Array.from({ length: n }, (_, i) => base + (i < rest ? 1 : 0));
}

/** The direction word a value's operator implies: `≤ <` less is better, anything else more. */
export function directionFor(symbol: CellValue, words: { positive: string; negative: string }): string | null {
  if (typeof symbol !== 'string' || symbol === '') return null;
  return /^[≤<＜]$/.test(symbol) ? words.negative : words.positive;
}

/**
 * A `rows` table: the title with the budget year, the money-unit line, the header and per item its
 * rows — the fields on the first row merged down, then one row per indicator (split 指标值, weights
 * shared out per 一级 as the profile's `rowsTemplate.weights` says, directions from the operators).
 */
function renderRowsTable(profile: Profile, items: RenderItem[], at: CellPos): RenderPlan {
  const t = profile.rowsTemplate;
  if (!t) throw new Error(`“${profile.name}”没有模板，无法插入`);
  const b = new PlanBuilder();
  const C = (i: number) => at.col + i;
  const width = t.columns.length;
  const colOf = new Map(t.columns.map((k, i) => [k, i]));
  const h0 = items[0]?.header;
  const unit = h0?.moneyUnit ?? profile.moneyUnit;
  const year = h0?.year;
  const words = t.directions ?? { positive: '正向指标', negative: '反向指标' };
  const sv = profile.splitValue;
  const captionOf = (key: string): string => {
    const f = fieldSpec(profile, key);
    if (f) return f.labels[0];
    if (sv && (key === 'operator' || key === 'number' || key === 'unit')) return sv[key][0];
    return profile.indicatorColumns.find((c) => c.role === key)?.labels[0] ?? key;
  };
  let r = at.row;
  b.set(r, C(0), fillText(t.title, { year: year === undefined ? '    ' : String(year) }), { bold: true, fontSize: 16, align: 'center', valign: 'middle' });
  b.merge(rng(r, C(0), r, C(width - 1)));
  b.height(r, 30);
  b.fields.title = { row: r, col: C(0) };
  r++;
  b.set(r, C(0), `金额单位:${unit}`, { align: 'left', valign: 'middle' });
  b.fields.moneyUnit = { row: r, col: C(0) };
  r++;
  const head = { bold: true, fill: HEADER_FILL, align: 'center' as const, valign: 'middle' as const, wrap: true };
  t.columns.forEach((k, i) => b.set(r, C(i), captionOf(k), head));
  b.height(r, 30);
  b.fields.header = { row: r, col: C(0) };
  const headerRow = r;
  r++;
  const first = r;
  const cellStyle = { wrap: true, align: 'left' as const, valign: 'middle' as const };
  const center = { ...cellStyle, align: 'center' as const };
  const put = (key: string, row: number, value: CellValue, style: Omit<RenderCell, 'row' | 'col' | 'value'> = cellStyle) => {
    const c = colOf.get(key);
    if (c !== undefined) b.set(row, C(c), value, style);
  };
  const totals = profile.weightTotals ?? [];
  items.forEach((it, k) => {
    const rows = indicatorsForProfile(it.type, profile);
    const top = r;
    const bottom = r + Math.max(rows.length, 1) - 1;
    const unitLine = `${it.header.unitCode ? `${it.header.unitCode}-` : ''}${it.header.unitName ?? ''}`;
    put('unitName', top, unitLine === '' ? null : unitLine);
    put('name', top, it.header.name ?? (it.type.indicators.length > 0 ? it.type.name : null));
    put('budget', top, headerValue(profile, 'budget', it.header), { numberFormat: MONEY_FORMAT, align: 'right', valign: 'middle' });
    put('goal', top, null, cellStyle);
    for (const key of ['unitName', 'name', 'budget', 'goal']) {
      const c = colOf.get(key);
      if (c !== undefined) b.merge(rng(top, C(c), bottom, C(c)));
    }
    if (k === 0) {
      for (const key of ['unitName', 'name', 'budget', 'goal']) {
        const c = colOf.get(key);
        if (c !== undefined) b.fields[key] = { row: top, col: C(c) };
      }
      b.fields.indicators = { row: top, col: C(colOf.get('level1') ?? 0) };
      t.columns.forEach((key, i) => (b.fields[`column:${key}`] = { row: top, col: C(i) }));
    }
    const name = colOf.get('name');
    if (name !== undefined) b.prompt(rng(top, C(name)), '项目名称', fillText(fieldSpec(profile, 'name')?.prompt ?? '填写项目名称', { unit }));
    const budget = colOf.get('budget');
    if (budget !== undefined) b.prompt(rng(top, C(budget)), '预算数', fillText(fieldSpec(profile, 'budget')?.prompt ?? '单位：{{unit}}', { unit }));
    const goal = colOf.get('goal');
    if (goal !== undefined) b.prompt(rng(top, C(goal)), fieldCaption(profile, 'goal', '年度目标'), `写明用这笔钱做什么、做多少、达到什么效果。${it.type.goalHint ?? ''}`);
    // weights: each 一级's share over its rows
    const weights = new Map<number, number>();
    if (t.weights) {
      for (const [l1, share] of Object.entries(t.weights)) {
        const idx = rows.map((pi, i) => (pi.level1 === l1 ? i : -1)).filter((i) => i >= 0);
        shareOut(share, idx.length).forEach((w, j) => weights.set(idx[j], w));
      }
    }
    rows.forEach((pi, i) => {
      const row = r + i;
      const ind = pi.indicator;
      put('level1', row, pi.level1, center);
      put('level2', row, pi.level2, center);
      put('level3', row, ind?.level3 ?? null);
      put('description', row, ind?.description || null);
      const [symbol, number, unitText] = sv ? splitCells(ind) : [null, ind?.value ?? null, null];
      put('operator', row, symbol, center);
      put('number', row, number, center);
      put('unit', row, unitText, center);
      put('value', row, ind?.value ?? null, { ...center, numberFormat: TEXT_FORMAT });
      put('weight', row, weights.get(i) ?? null, center);
      put('direction', row, directionFor(symbol, words), center);
      const num = colOf.get('number');
      if (ind && num !== undefined && sv) b.prompt(rng(row, C(num)), ind.level3, splitPrompt(ind, { op: sv.operator[0], num: sv.number[0], unit: sv.unit[0] }));
      const l3 = colOf.get('level3');
      if (!ind && l3 !== undefined) b.prompt(rng(row, C(l3)), pi.level2, `填写“${pi.level2}”下的三级指标名称，再填写指标值；不需要的行可删除（删除后请调整权重）`);
      const w = colOf.get('weight');
      if (w !== undefined && totals.length > 0) b.prompt(rng(row, C(w)), '权重', `本项目各指标的权重合计应为${totals.join('或')}`);
      b.height(row, heightFor(wrappedLines(ind?.level3 ?? '', t.widths[colOf.get('level3') ?? 0] ?? 20), 22));
    });
    r = bottom + 1;
  });
  const last = r - 1;
  if (last >= first) {
    const list = (key: string, values: string[]) => {
      const c = colOf.get(key);
      if (c !== undefined) b.validations.push({ range: rng(first, C(c), last, C(c)), list: values });
    };
    list('level1', profile.level1.map((l) => l.name));
    list('level2', [...new Set(profile.level1.flatMap((l) => l.level2.map((x) => x.name)))]);
    if (sv) list('operator', [...SPLIT_SYMBOLS]);
    list('direction', [words.positive, words.negative]);
  }
  b.borders.push(rng(headerRow, C(0), Math.max(last, headerRow), C(width - 1)));
  return b.build(rng(at.row, C(0), Math.max(last, headerRow), C(width - 1)), t.widths);
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
  if (!typeFits(type, profile.id)) {
    throw new Error(`模板类型“${type.name}”不适用于“${profile.name}”（适用：${fitsText(type)}）`);
  }
  if (profile.layout === 'list') return renderListRows(profile, [{ type, header }], at);
  if (profile.layout === 'rows') return renderRowsTable(profile, [{ type, header }], at);
  return renderTemplateBlock(profile, type, header, at, opts);
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
    if (!typeFits(it.type, profile.id)) {
      throw new Error(`模板类型“${it.type.name}”不适用于“${profile.name}”（适用：${fitsText(it.type)}）`);
    }
  }
  if (profile.layout === 'rows') {
    // the table carries its own title (with the budget year) and unit line
    return { sheetName: opts.sheetName ?? '绩效目标申报表', profile: profile.id, plans: [renderRowsTable(profile, items, { row: 0, col: 0 })] };
  }
  const h0 = items[0]?.header;
  const year = h0?.year;
  const unitName = (h0?.unitName ?? '').replace(/本级$/, '');
  const isList = profile.layout === 'list';
  const widths = isList ? LIST_WIDTHS : (profile.template?.widths ?? LIST_WIDTHS);
  const width = widths.length;
  const titleText = `${unitName}${year === undefined ? '' : `${year}年`}部门预算项目${isList ? '支出绩效目标公开表' : '绩效目标表'}`;
  const t = new PlanBuilder();
  t.set(0, 0, titleText, { bold: true, fontSize: 16, align: 'center', valign: 'middle' });
  t.merge(rng(0, 0, 0, width - 1));
  t.height(0, 32);
  t.fields.title = { row: 0, col: 0 };
  const plans: RenderPlan[] = [t.build(rng(0, 0, 0, width - 1), widths)];
  if (isList) {
    plans.push(renderListRows(profile, items, { row: 1, col: 0 }));
  } else {
    const gap = opts.gap ?? 2;
    let row = 2;
    items.forEach((it, i) => {
      const plan = renderTemplateBlock(profile, it.type, it.header, { row, col: 0 }, { titlePrefix: items.length > 1 ? `${i + 1}.` : '' });
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
