/**
 * Recognition: a {@link Grid} (any host) → the {@link Block}s it holds (DOMAIN.md §2).
 *
 * - `hebei-project` / `central-2021` blocks are found by their LABELS (项目编码, 项目名称, 预算数,
 *   其中：财政资金, 其他资金, 预算规模及资金用途, 资金支出计划（%）, 绩效目标, the 一级指标… header),
 *   never by fixed positions. A value is the next non-empty cell right of its label (past the
 *   label's own merge, never past another label); a present label with a blank value gives a
 *   Field with empty text at the cell to fill; an absent label leaves the field undefined.
 * - `disclosure-list` rows (单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标) become one block per
 *   department/unit/project row; project rows carry indicators parsed from the 绩效指标 text.
 *   Department rows (a code that prefixes the next code, e.g. 407 before 407001) are kept as blocks
 *   with `listRole: 'department'`; a unit row's `parentIndex` is its department's block.
 * - the budget year (§2.4): options.year, else a sheet/document title, else the year most 21-char
 *   project codes carry.
 *
 * Linear in the sheet size: every cell is looked at a bounded number of times, label regexes are
 * compiled once, merges are indexed by their top-left cell. Never throws on any grid.
 */
import { codeYear as codeYearOf } from '../domain/rules/id/code';
import type { RangePos } from '../domain/address';
import type { Block, CellValue, Field, IndicatorRow, Plan, UnparsedLine } from '../domain/model';
import { parseIndicatorText } from './disclosure-text';
import { cellAddress, displayText, makeField } from './display';
import type { Grid, GridSheet } from './grid';
import {
  blockLabelOf,
  blockLabelOfKey,
  labelKey,
  listColumnOfKey,
  closeCjkGaps,
  indicatorColumnOf,
  labelMoneyUnit,
  looksLikeNote,
  looksLikeTitle,
  moneyUnitOf,
  normLabel,
  type BlockField,
  type IndicatorColumn,
  type ListColumn,
} from './labels';

export interface SheetReport {
  name: string;
  blocks: number;
  /** zh-CN, e.g. '未找到可识别的绩效目标表' */
  note?: string;
}

export interface Recognition {
  blocks: Block[];
  year?: number;
  yearSource?: 'setting' | 'title' | 'codes';
  sheets: SheetReport[];
}

export interface RecognizeOptions {
  /**
   * Force the profile of the recognised blocks: applies to stacked blocks (hebei-project,
   * central-2021, or a new province's block profile); `disclosure-list` applies to list rows.
   */
  profile?: string;
  /** the budget year set by the user (yearSource 'setting') */
  year?: number;
}

export const PROFILE_HEBEI = 'hebei-project';
export const PROFILE_CENTRAL = 'central-2021';
export const PROFILE_LIST = 'disclosure-list';

const NOTE_NO_TABLE =
  '未找到可识别的绩效目标表：没有“项目编码”“项目名称”“一级指标”等标签，也没有“单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标”表头';

/** Columns a label's value is looked for to its right. */
const MAX_VALUE_SCAN = 12;
/** Checkpoints a plan header can hold. */
const MAX_CHECKPOINTS = 12;
/** Rows above a block's first label that may hold its unit line and title. */
const MAX_HEADER_ROWS = 3;
/** Largest row gap between two labels of one block (the usage row and plan values row sit between). */
const MAX_LABEL_GAP = 3;

// ---- the sheet, indexed -----------------------------------------------------------------------

class SheetCtx {
  readonly sheet: GridSheet;
  readonly nRows: number;
  /** merges by top-left cell: row → column → merge */
  private readonly merges = new Map<number, Map<number, RangePos>>();
  /** block label hits: row → column → field */
  readonly labelAt = new Map<number, Map<number, BlockField>>();
  /** rows holding a block label */
  readonly labelRows = new Set<number>();
  /** disclosure-list header rows → their columns */
  readonly listHeaders = new Map<number, Map<ListColumn, number>>();
  readonly hits: Hit[] = [];

  constructor(sheet: GridSheet) {
    this.sheet = sheet;
    this.nRows = Array.isArray(sheet.values) ? sheet.values.length : 0;
    for (const m of Array.isArray(sheet.merges) ? sheet.merges : []) {
      if (!m || !(m.bottom >= m.top) || !(m.right >= m.left) || m.top < 0 || m.left < 0) continue;
      let row = this.merges.get(m.top);
      if (!row) this.merges.set(m.top, (row = new Map()));
      row.set(m.left, m);
    }
  }

  rowLength(r: number): number {
    const row = this.sheet.values[r];
    return Array.isArray(row) ? row.length : 0;
  }

  value(r: number, c: number): CellValue {
    const row = this.sheet.values[r];
    const v = Array.isArray(row) ? row[c] : undefined;
    return v === undefined ? null : v;
  }

  isEmpty(r: number, c: number): boolean {
    const v = this.value(r, c);
    if (v === null) return true;
    if (typeof v === 'string') return v.trim() === '';
    return false;
  }

  text(r: number, c: number): string {
    const v = this.value(r, c);
    if (v === null) return '';
    if (typeof v === 'string') return v.trim();
    return displayText(v, this.sheet.formats?.[r]?.[c]);
  }

  mergeAt(r: number, c: number): RangePos | undefined {
    return this.merges.get(r)?.get(c);
  }

  field(r: number, c: number): Field {
    return makeField(this.sheet, r, c);
  }

  addr(r: number, c: number): string {
    return cellAddress(this.sheet, r, c);
  }

  range(top: number, left: number, bottom: number, right: number): string {
    const a = this.addr(top, left);
    const b = this.addr(bottom, right);
    return a === b ? a : `${a}:${b}`;
  }

  isLabel(r: number, c: number): boolean {
    return this.labelAt.get(r)?.has(c) ?? false;
  }
}


interface Hit {
  field: BlockField;
  row: number;
  col: number;
}

/** One pass over all cells: block label hits and disclosure-list header rows. */
function scanLabels(ctx: SheetCtx): void {
  const values = ctx.sheet.values;
  for (let r = 0; r < ctx.nRows; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let rowHits: Hit[] | undefined;
    let listCols: Map<ListColumn, number> | undefined;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length === 0 || v.length > 40) continue;
      const k = labelKey(v);
      if (k === undefined) continue;
      const f = blockLabelOfKey(k);
      if (f) (rowHits ??= []).push({ field: f, row: r, col: c });
      const lc = listColumnOfKey(k);
      if (lc) {
        listCols ??= new Map();
        if (!listCols.has(lc)) listCols.set(lc, c);
      }
    }
    if (listCols && listCols.has('name') && (listCols.has('indicators') || listCols.has('goal')) && (listCols.has('amount') || listCols.has('code'))) {
      ctx.listHeaders.set(r, listCols);
      continue; // the list header's 绩效目标 is not a block label
    }
    if (rowHits) {
      const at = new Map<number, BlockField>();
      for (const h of rowHits) {
        ctx.hits.push(h);
        at.set(h.col, h.field);
      }
      ctx.labelAt.set(r, at);
      ctx.labelRows.add(r);
    }
  }
}

// ---- stacked blocks -------------------------------------------------------------------------------

interface Group {
  hits: Map<BlockField, Hit>;
  repeats: Hit[];
  firstRow: number;
  lastRow: number;
  indicators?: IndicatorScan;
}

interface IndicatorScan {
  headerRow: number;
  cols: Map<IndicatorColumn, number>;
  headerCells: { row: number; col: number }[];
  right: number;
  rows: number[];
}

function isRepeat(prev: Hit, h: Hit): boolean {
  return h.row === prev.row || (h.col === prev.col && h.row - prev.row <= 2);
}

function groupHits(ctx: SheetCtx): Group[] {
  const groups: Group[] = [];
  let cur: Group | undefined;
  let coveredUntil = -1; // label words inside an indicator table (a 三级 named 预算数) are data
  for (const h of ctx.hits) {
    if (h.row <= coveredUntil) continue;
    if (cur) {
      const prev = cur.hits.get(h.field);
      const closed = cur.indicators !== undefined;
      if (closed || h.row - cur.lastRow > MAX_LABEL_GAP || (prev && !isRepeat(prev, h))) {
        groups.push(cur);
        cur = undefined;
      } else if (prev) {
        cur.repeats.push(h);
        cur.lastRow = Math.max(cur.lastRow, h.row);
        continue;
      }
    }
    if (!cur) cur = { hits: new Map(), repeats: [], firstRow: h.row, lastRow: h.row };
    cur.hits.set(h.field, h);
    cur.lastRow = Math.max(cur.lastRow, h.row);
    if (h.field === 'indicators') {
      cur.indicators = scanIndicators(ctx, h);
      const rows = cur.indicators.rows;
      if (rows.length > 0) cur.lastRow = coveredUntil = rows[rows.length - 1];
    }
  }
  if (cur) groups.push(cur);
  return groups;
}

function rowIsTitleOrUnit(ctx: SheetCtx, r: number, left: number, right: number): boolean {
  let first: string | undefined;
  for (let c = left; c <= right; c++) {
    if (ctx.isEmpty(r, c)) continue;
    const t = ctx.text(r, c);
    if (moneyUnitOf(t)) return true;
    if (first === undefined) first = t;
    else if (t !== first) return false;
  }
  return first !== undefined && looksLikeTitle(first) && !indicatorLevelLike(first);
}

/** `产出指标` etc. end with 指标 but are indicator cells, not titles. */
function indicatorLevelLike(t: string): boolean {
  return /指标$/.test(t) && t.length <= 16;
}

/** Row r holds a block label left of column `limit` (the next block's 项目编码 …, not a 三级 name). */
function labelLeftOf(ctx: SheetCtx, r: number, limit: number): boolean {
  const at = ctx.labelAt.get(r);
  if (!at) return false;
  for (const c of at.keys()) if (c < limit) return true;
  return false;
}

function scanIndicators(ctx: SheetCtx, h: Hit): IndicatorScan {
  const r = h.row;
  const cols = new Map<IndicatorColumn, number>();
  const headerCells: { row: number; col: number }[] = [];
  let right = h.col;
  const len = ctx.rowLength(r);
  for (let c = h.col; c < len && c <= h.col + 20; c++) {
    if (ctx.isEmpty(r, c)) continue;
    const t = ctx.text(r, c);
    const role = indicatorColumnOf(t);
    if (!role) {
      if (c > h.col + 1 && cols.size >= 3) break;
      continue;
    }
    headerCells.push({ row: r, col: c });
    if (!cols.has(role)) cols.set(role, c);
    const m = ctx.mergeAt(r, c);
    right = Math.max(right, m ? m.right : c);
  }
  cols.set('level1', h.col);
  if (!cols.has('level2')) cols.set('level2', h.col + 1);
  if (!cols.has('level3')) cols.set('level3', (cols.get('level2') as number) + 1);
  if (!cols.has('value')) {
    const basis = cols.get('basis');
    cols.set('value', basis !== undefined ? basis - 1 : Math.max(right, (cols.get('level3') as number) + 1));
  }
  for (const c of cols.values()) right = Math.max(right, c);
  const rows: number[] = [];
  const left = h.col;
  for (let rr = r + 1; rr < ctx.nRows; rr++) {
    if (ctx.listHeaders.has(rr) || labelLeftOf(ctx, rr, cols.get('level2') as number)) break;
    let any = false;
    let firstText: string | undefined;
    let nonEmpty = 0;
    for (let c = left; c <= right; c++) {
      if (ctx.isEmpty(rr, c)) continue;
      any = true;
      nonEmpty++;
      if (firstText === undefined) firstText = ctx.text(rr, c);
    }
    if (!any) break;
    if (firstText !== undefined && looksLikeNote(firstText)) break;
    if (rowIsTitleOrUnit(ctx, rr, left, right)) break;
    if (nonEmpty === 1 && firstText !== undefined && firstText.length > 30 && ctx.isEmpty(rr, cols.get('level3') as number)) break;
    rows.push(rr);
  }
  return { headerRow: r, cols, headerCells, right, rows };
}

/** Collects the cells a block maps to fields and its bounding box. */
class BlockCells {
  /** mapped cells: row → columns */
  private readonly mapped = new Map<number, Set<number>>();
  top = Infinity;
  left = Infinity;
  bottom = -Infinity;
  right = -Infinity;
  constructor(private readonly ctx: SheetCtx) {}

  has(r: number, c: number): boolean {
    return this.mapped.get(r)?.has(c) ?? false;
  }

  add(r: number, c: number): void {
    let row = this.mapped.get(r);
    if (!row) this.mapped.set(r, (row = new Set()));
    row.add(c);
    const m = this.ctx.mergeAt(r, c);
    this.top = Math.min(this.top, r);
    this.left = Math.min(this.left, c);
    this.bottom = Math.max(this.bottom, m ? Math.min(m.bottom, this.ctx.nRows - 1, r + 50) : r);
    this.right = Math.max(this.right, m ? Math.min(m.right, c + 50) : c);
  }

  addField(f: { row: number; col: number }): void {
    this.add(f.row, f.col);
  }
}

interface Pos {
  row: number;
  col: number;
}

/** The value cell of a label: next non-empty cell to the right (past the label's merge, not past another label). */
function valueRight(ctx: SheetCtx, r: number, labelCol: number, labelText?: string): Pos {
  const m = ctx.mergeAt(r, labelCol);
  return valueFrom(ctx, r, (m ? m.right : labelCol) + 1, labelText);
}

/** The first non-empty, non-label cell of row r from column `start`; blank → the cell at `start`. */
function valueFrom(ctx: SheetCtx, r: number, start: number, labelText?: string): Pos {
  const len = ctx.rowLength(r);
  const own = labelText === undefined ? undefined : normLabel(labelText);
  for (let c = start; c < len && c < start + MAX_VALUE_SCAN; c++) {
    if (ctx.isEmpty(r, c)) continue;
    if (ctx.isLabel(r, c)) break;
    if (own !== undefined && sameLabel(ctx, r, c, own)) continue; // the label repeated across its merge
    return { row: r, col: c };
  }
  return { row: r, col: start };
}

/** Whether cell (r, c) repeats a label whose normalised key is `own` (cheap for long texts). */
function sameLabel(ctx: SheetCtx, r: number, c: number, own: string): boolean {
  const v = ctx.value(r, c);
  if (typeof v !== 'string' || v.length > 2 * own.length + 20) return false;
  return normLabel(v) === own;
}

interface BuiltBlock {
  block: Omit<Block, 'index'>;
  top: number;
  bottom: number;
}

function buildBlock(ctx: SheetCtx, g: Group, prevBottom: number): BuiltBlock | undefined {
  const fields = new Set(g.hits.keys());
  const ind = g.indicators;
  const indicatorTable = ind !== undefined && ind.cols.size >= 4 && ind.headerCells.length >= 3;
  if (fields.size < 2 && !(indicatorTable && ind && ind.rows.length > 0)) return undefined;

  const cells = new BlockCells(ctx);
  const labels: Record<string, string> = {};
  const hit = (f: BlockField) => g.hits.get(f);
  for (const h of g.hits.values()) {
    cells.add(h.row, h.col);
    labels[h.field === 'usageOnly' ? 'usage' : h.field] ??= ctx.addr(h.row, h.col);
  }
  for (const h of g.repeats) cells.add(h.row, h.col);

  const simple = (f: BlockField): Field | undefined => {
    const h = hit(f);
    if (!h) return undefined;
    const p = valueRight(ctx, h.row, h.col, ctx.text(h.row, h.col));
    cells.addField(p);
    return ctx.field(p.row, p.col);
  };

  const code = simple('code');
  const name = simple('name');
  const budget = simple('budget');
  const fiscal = simple('fiscal');
  const other = simple('other');
  const goal = simple('goal');

  // 资金用途: the row of the 预算规模及资金用途 label that is not the 预算数 row
  let usage: Field | undefined;
  const budgetHit = hit('budget');
  const usageHit = hit('usage');
  const usageOnly = hit('usageOnly');
  if (usageOnly) {
    usage = simple('usageOnly');
  } else if (usageHit) {
    const m = ctx.mergeAt(usageHit.row, usageHit.col);
    const rows: number[] = [];
    for (let r = usageHit.row; r <= (m ? Math.min(m.bottom, usageHit.row + 3) : usageHit.row); r++) rows.push(r);
    for (const rep of g.repeats) if (rep.field === 'usage') rows.push(rep.row);
    let r = rows.find((x) => !budgetHit || x !== budgetHit.row);
    if (r === undefined && budgetHit) r = budgetHit.row + 1;
    if (r !== undefined && r < ctx.nRows && (!ctx.labelRows.has(r) || g.repeats.some((x) => x.row === r && x.field === 'usage'))) {
      const start = (m ? m.right : usageHit.col) + 1;
      const pos = valueFrom(ctx, r, start, ctx.text(usageHit.row, usageHit.col));
      cells.addField(pos);
      usage = ctx.field(pos.row, pos.col);
    }
  } else if (budgetHit) {
    const r = budgetHit.row + 1;
    if (r < ctx.nRows && !ctx.labelRows.has(r)) {
      const len = ctx.rowLength(r);
      for (let c = budgetHit.col; c < len && c < budgetHit.col + MAX_VALUE_SCAN; c++) {
        if (!ctx.isEmpty(r, c)) {
          cells.add(r, c);
          usage = ctx.field(r, c);
          break;
        }
      }
    }
  }

  // 资金支出计划: checkpoints right of the label, values in the row below
  let plan: Plan | undefined;
  const planHit = hit('plan');
  if (planHit) {
    const r = planHit.row;
    const m = ctx.mergeAt(r, planHit.col);
    const start = (m ? m.right : planHit.col) + 1;
    const own = normLabel(ctx.text(r, planHit.col));
    const checkpoints: Field[] = [];
    const values: Field[] = [];
    const len = ctx.rowLength(r);
    const valuesRow = r + 1;
    for (let c = start; c < len && checkpoints.length < MAX_CHECKPOINTS && c < start + 3 * MAX_CHECKPOINTS; c++) {
      if (ctx.isEmpty(r, c) || ctx.isLabel(r, c)) continue;
      if (sameLabel(ctx, r, c, own)) continue;
      cells.add(r, c);
      checkpoints.push(ctx.field(r, c));
      cells.add(valuesRow, c);
      values.push(ctx.field(valuesRow, c));
    }
    plan = { labelCell: ctx.addr(planHit.row, planHit.col), checkpoints, values };
  }

  // indicators
  const indicators: IndicatorRow[] = [];
  let isCentral = false;
  if (ind) {
    for (const hc of ind.headerCells) cells.add(hc.row, hc.col);
    const col = (k: IndicatorColumn) => ind.cols.get(k);
    const c1 = col('level1') as number;
    const c2 = col('level2') as number;
    const c3 = col('level3') as number;
    const cv = col('value') as number;
    const cd = col('description');
    const cb = col('basis');
    let prev1: Field | undefined;
    let prev2: Field | undefined;
    for (const r of ind.rows) {
      let level1: Field;
      let level2: Field;
      let inh1 = false;
      let inh2 = false;
      let new1 = false;
      if (ctx.isEmpty(r, c1) && prev1) {
        level1 = prev1;
        inh1 = true;
      } else {
        level1 = ctx.field(r, c1);
        cells.add(r, c1);
        new1 = prev1 === undefined || normLabel(prev1.text) !== normLabel(level1.text);
      }
      if (ctx.isEmpty(r, c2) && prev2 && !new1) {
        level2 = prev2;
        inh2 = true;
      } else {
        level2 = ctx.field(r, c2);
        cells.add(r, c2);
      }
      cells.add(r, c3);
      cells.add(r, cv);
      const row: IndicatorRow = {
        row: r + (ctx.sheet.origin?.row ?? 0),
        level1,
        level2,
        level3: ctx.field(r, c3),
        value: ctx.field(r, cv),
        inherited: { level1: inh1, level2: inh2 },
      };
      if (cd !== undefined) {
        cells.add(r, cd);
        row.description = ctx.field(r, cd);
      }
      if (cb !== undefined) {
        cells.add(r, cb);
        row.basis = ctx.field(r, cb);
      }
      if (!inh1 && normLabel(level1.text) === '成本指标') isCentral = true;
      indicators.push(row);
      prev1 = level1;
      prev2 = level2;
    }
  }

  // title and unit line above the first label (not into the previous block)
  let title: Field | undefined;
  let unitName: Field | undefined;
  let moneyUnit: '万元' | '元' | undefined;
  const blockLeft = cells.left;
  const blockRight = Math.max(cells.right, blockLeft);
  for (let r = g.firstRow - 1, n = 0; r > prevBottom && r >= 0 && n < MAX_HEADER_ROWS; r--, n++) {
    let recognised = false;
    let rowTitle: Pos | undefined;
    const texts: Pos[] = [];
    const len = Math.min(ctx.rowLength(r), blockRight + 1);
    for (let c = 0; c < len; c++) {
      if (ctx.isEmpty(r, c)) continue;
      const t = ctx.text(r, c);
      const mu = moneyUnitOf(t);
      if (mu) {
        if (!moneyUnit) {
          moneyUnit = mu;
          labels.unit = ctx.addr(r, c);
          cells.add(r, c);
        }
        recognised = true;
      } else if (!rowTitle && !title && looksLikeTitle(t) && !blockLabelOf(t)) {
        rowTitle = { row: r, col: c };
      } else {
        texts.push({ row: r, col: c });
      }
    }
    if (rowTitle) {
      title = ctx.field(rowTitle.row, rowTitle.col);
      cells.addField(rowTitle);
      recognised = true;
    }
    if (!unitName) {
      for (const p of texts) {
        const t = ctx.text(p.row, p.col);
        if ((recognised && !rowTitle) || /^\d{3,}/.test(t)) {
          if (title && title.text === t) continue;
          unitName = ctx.field(p.row, p.col);
          cells.addField(p);
          recognised = true;
          break;
        }
      }
    }
    if (!recognised || title) break;
  }
  if (!moneyUnit && budgetHit) moneyUnit = labelMoneyUnit(ctx.text(budgetHit.row, budgetHit.col));

  // range, anchor, other cells
  const top = cells.top;
  const bottom = cells.bottom;
  const left = cells.left;
  const right = cells.right;
  const otherCells: Field[] = [];
  for (let r = top; r <= bottom; r++) {
    const len = Math.min(ctx.rowLength(r), right + 1);
    for (let c = left; c < len; c++) {
      if (ctx.isEmpty(r, c) || cells.has(r, c)) continue;
      otherCells.push(ctx.field(r, c));
    }
  }
  let anchor: string;
  if (title) anchor = title.cell;
  else {
    let first: Hit | undefined;
    for (const h of g.hits.values()) if (!first || h.row < first.row || (h.row === first.row && h.col < first.col)) first = h;
    anchor = first ? ctx.addr(first.row, first.col) : ctx.addr(top, left);
  }

  const block: Omit<Block, 'index'> = {
    profile: isCentral ? PROFILE_CENTRAL : PROFILE_HEBEI,
    sheet: ctx.sheet.name,
    range: ctx.range(top, left, bottom, right),
    anchor,
    moneyUnit: moneyUnit ?? '万元',
    labels,
    indicators,
    unparsed: [],
    otherCells,
  };
  if (title) block.title = title;
  if (unitName) block.unitName = unitName;
  if (code) block.code = code;
  if (name) block.name = name;
  if (budget) block.budget = budget;
  if (fiscal) block.fiscal = fiscal;
  if (other) block.other = other;
  if (usage) block.usage = usage;
  if (plan) block.plan = plan;
  if (goal) block.goal = goal;
  return { block, top, bottom };
}

// ---- disclosure list ------------------------------------------------------------------------------

const LIST_CODE_RE = /^[0-9A-Za-z]{2,}$/;

interface ListRowInfo {
  row: number;
  code?: string;
  role?: 'department' | 'unit' | 'project';
}

function buildList(ctx: SheetCtx, headerRow: number, cols: Map<ListColumn, number>, stopRow: number): BuiltBlock[] {
  const codeCol = cols.get('code');
  const nameCol = cols.get('name') as number;
  const amountCol = cols.get('amount');
  const goalCol = cols.get('goal');
  const indCol = cols.get('indicators');
  const allCols = [...cols.values()];
  const left = Math.min(...allCols);
  const right = Math.max(...allCols);
  const headerLabels: Record<string, string> = {};
  const labelKey: Record<ListColumn, string> = { code: 'code', name: 'name', amount: 'budget', goal: 'goal', indicators: 'indicators' };
  for (const [k, c] of cols) headerLabels[labelKey[k]] = ctx.addr(headerRow, c);
  const amountHeader = amountCol !== undefined ? ctx.text(headerRow, amountCol) : '';
  const moneyUnit = /\(元\)$/.test(normLabel(amountHeader)) ? '元' : '万元';

  const rows: ListRowInfo[] = [];
  for (let r = headerRow + 1; r < stopRow; r++) {
    if (ctx.listHeaders.has(r)) continue; // the header repeated on a page break
    const codeText = codeCol !== undefined ? ctx.text(r, codeCol) : '';
    const nameText = ctx.text(r, nameCol);
    const hasContent =
      (amountCol !== undefined && !ctx.isEmpty(r, amountCol)) ||
      (goalCol !== undefined && !ctx.isEmpty(r, goalCol)) ||
      (indCol !== undefined && !ctx.isEmpty(r, indCol));
    if (codeText !== '') {
      if (LIST_CODE_RE.test(codeText) && nameText !== '') rows.push({ row: r, code: codeText });
      continue; // 合计 and other non-code rows are not projects
    }
    if (nameText !== '' && hasContent && !looksLikeNote(nameText)) rows.push({ row: r, role: 'project' });
  }
  // a code is a department when the next coded row's code extends it (407 → 407001)
  let nextCode: string | undefined;
  for (let i = rows.length - 1; i >= 0; i--) {
    const info = rows[i];
    if (info.code === undefined) continue;
    info.role = nextCode !== undefined && nextCode.length > info.code.length && nextCode.startsWith(info.code) ? 'department' : 'unit';
    nextCode = info.code;
  }

  const out: BuiltBlock[] = [];
  for (const info of rows) {
    const r = info.row;
    const role = info.role as 'department' | 'unit' | 'project';
    const mapped = new Set<number>();
    const f = (c: number): Field => {
      mapped.add(c);
      return ctx.field(r, c);
    };
    const nameField = f(nameCol);
    const block: Omit<Block, 'index'> = {
      profile: PROFILE_LIST,
      sheet: ctx.sheet.name,
      range: ctx.range(r, left, r, right),
      anchor: nameField.cell,
      moneyUnit,
      labels: { ...headerLabels },
      indicators: [],
      unparsed: [],
      otherCells: [],
      listRole: role,
      name: { ...nameField, text: closeCjkGaps(nameField.text) },
    };
    if (codeCol !== undefined && role !== 'project') block.code = f(codeCol);
    if (amountCol !== undefined && (role === 'project' || !ctx.isEmpty(r, amountCol))) block.budget = f(amountCol);
    if (goalCol !== undefined && (role === 'project' || !ctx.isEmpty(r, goalCol))) block.goal = f(goalCol);
    if (indCol !== undefined && (role === 'project' || !ctx.isEmpty(r, indCol))) {
      const cell = f(indCol);
      const parsed = parseIndicatorText(cell.text);
      const at = (text: string): Field => ({ cell: cell.cell, value: text, text });
      for (const it of parsed.items) {
        block.indicators.push({
          row: r + (ctx.sheet.origin?.row ?? 0),
          level1: at(it.level1),
          level2: at(it.level2),
          level3: at(it.name),
          value: at(it.value),
          inherited: { level1: it.level1Implied, level2: it.level2Implied },
          sourceLine: it.line,
        });
      }
      block.unparsed = parsed.unparsed.map((u): UnparsedLine => ({ cell: cell.cell, line: u.line, reason: u.reason }));
    }
    for (let c = left; c <= right; c++) {
      if (!mapped.has(c) && !ctx.isEmpty(r, c)) block.otherCells.push(ctx.field(r, c));
    }
    out.push({ block, top: r, bottom: r });
  }
  return out;
}

// ---- the budget year ----------------------------------------------------------------------------

const YEAR_IN_TITLE_RE = /(20\d{2})\s*年/;
const TITLE_KEYWORD_RE = /预算|绩效|决算|公开/;

function yearFromTitle(text: string): number | undefined {
  if (!TITLE_KEYWORD_RE.test(text)) return undefined;
  const m = YEAR_IN_TITLE_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The year a 21-character project code carries (positions 7–8), e.g. 130322210… → 2021. */
export function codeYear(code: string): number | undefined {
  return codeYearOf(code.trim());
}

/** The budget year from a title text (`…2021年部门预算项目绩效目标表`), if it names one. */
export function titleYear(text: string): number | undefined {
  return yearFromTitle(text);
}

// ---- entry point ----------------------------------------------------------------------------------

interface SheetResult {
  built: BuiltBlock[];
  titleYear?: number;
  note?: string;
}

function recognizeSheet(sheet: GridSheet): SheetResult {
  const ctx = new SheetCtx(sheet);
  scanLabels(ctx);
  const built: BuiltBlock[] = [];

  // disclosure lists: from the first header row to the next block label (or the end)
  const listHeaderRows = [...ctx.listHeaders.keys()].sort((a, b) => a - b);
  const listSpans: { from: number; to: number }[] = [];
  for (let i = 0; i < listHeaderRows.length; i++) {
    const hr = listHeaderRows[i];
    if (listSpans.some((s) => hr >= s.from && hr < s.to)) continue; // a repeated header
    let stop = ctx.nRows;
    for (const h of ctx.hits) {
      if (h.row > hr) {
        stop = h.row;
        break;
      }
    }
    listSpans.push({ from: hr, to: stop });
    built.push(...buildList(ctx, hr, ctx.listHeaders.get(hr) as Map<ListColumn, number>, stop));
  }

  // stacked blocks
  const groups = groupHits(ctx);
  let prevBottom = -1;
  for (const g of groups) {
    const inList = listSpans.some((s) => g.firstRow >= s.from && g.firstRow < s.to);
    if (inList) continue;
    for (const s of listSpans) if (s.to <= g.firstRow) prevBottom = Math.max(prevBottom, s.to - 1);
    const b = buildBlock(ctx, g, prevBottom);
    if (!b) continue;
    built.push(b);
    prevBottom = b.bottom;
  }
  built.sort((a, b) => a.top - b.top);

  // a sheet title above the first block names the budget year
  let year: number | undefined;
  const firstTop = built.length > 0 ? built[0].top : ctx.nRows;
  for (let r = 0; r < Math.min(firstTop, 10) && year === undefined; r++) {
    const len = Math.min(ctx.rowLength(r), 50);
    for (let c = 0; c < len; c++) {
      const v = ctx.value(r, c);
      if (typeof v !== 'string' || v.length > 200) continue;
      const y = yearFromTitle(v);
      if (y !== undefined) {
        year = y;
        break;
      }
    }
  }
  if (year === undefined && typeof sheet.name === 'string') year = yearFromTitle(sheet.name);
  let note: string | undefined;
  if (built.length === 0) note = ctx.nRows === 0 ? '工作表为空' : NOTE_NO_TABLE;
  if (sheet.hidden) note = note ? `隐藏的工作表；${note}` : '隐藏的工作表';
  return { built, titleYear: year, note };
}

/** Recognise every block of a workbook grid. Never throws. */
export function recognize(grid: Grid, options: RecognizeOptions = {}): Recognition {
  const blocks: Block[] = [];
  const sheets: SheetReport[] = [];
  let titleYearFound: number | undefined;
  const sheetList = grid && Array.isArray(grid.sheets) ? grid.sheets : [];
  for (const sheet of sheetList) {
    const name = sheet && typeof sheet.name === 'string' ? sheet.name : '';
    let res: SheetResult;
    try {
      res = recognizeSheet(sheet);
    } catch (e) {
      sheets.push({ name, blocks: 0, note: `识别该工作表时出错（${e instanceof Error ? e.message : String(e)}），已跳过` });
      continue;
    }
    for (const b of res.built) {
      const block = { index: blocks.length, ...b.block } as Block;
      if (options.profile) {
        const listProfile = options.profile === PROFILE_LIST;
        if (listProfile === (block.profile === PROFILE_LIST)) block.profile = options.profile;
      }
      blocks.push(block);
    }
    // parent links of list rows, now that indices are known
    linkListParents(blocks, res.built.length);
    if (titleYearFound === undefined && res.titleYear !== undefined) titleYearFound = res.titleYear;
    const report: SheetReport = { name, blocks: res.built.length };
    if (res.note) report.note = res.note;
    sheets.push(report);
  }

  const result: Recognition = { blocks, sheets };
  if (options.year !== undefined && Number.isFinite(options.year)) {
    result.year = options.year;
    result.yearSource = 'setting';
    return result;
  }
  if (titleYearFound === undefined && typeof grid?.name === 'string') titleYearFound = yearFromTitle(grid.name);
  if (titleYearFound !== undefined) {
    result.year = titleYearFound;
    result.yearSource = 'title';
    return result;
  }
  const counts = new Map<number, number>();
  for (const b of blocks) {
    const y = b.code ? codeYear(b.code.text) : undefined;
    if (y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [y, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && y > best)) {
      best = y;
      bestCount = n;
    }
  }
  if (best !== undefined) {
    result.year = best;
    result.yearSource = 'codes';
  }
  return result;
}

/** Set parentIndex on the list blocks of the sheet just added (the last `count` blocks). */
function linkListParents(blocks: Block[], count: number): void {
  let department: number | undefined;
  let unit: number | undefined;
  for (let i = blocks.length - count; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.listRole === 'department') {
      department = b.index;
      unit = undefined;
    } else if (b.listRole === 'unit') {
      unit = b.index;
      if (department !== undefined) b.parentIndex = department;
    } else if (b.listRole === 'project') {
      const parent = unit ?? department;
      if (parent !== undefined) b.parentIndex = parent;
    } else {
      department = undefined;
      unit = undefined;
    }
  }
}
