/**
 * Recognition: a {@link Grid} (any host) → the {@link Block}s it holds (docs/domain.md §2), read through
 * the registered profiles (src/domain/profiles.ts): their labels, fields, indicator columns, split
 * 指标值 and money units are data, and no code here asks for a profile by its id.
 *
 * - Stacked blocks are found by their LABELS, never by fixed positions. A value is the next non-empty
 *   cell right of its label (past the label's merge, never past another label); a present label
 *   with a blank value gives a Field with empty text at the cell to fill; an absent label leaves the
 *   field undefined. A block is a label STRUCTURE — labels with values beside them on two rows or
 *   more, or one with the indicator header below — so a table header that merely holds label words
 *   (a 汇总 table's `项目名称 | 预算数 | 财政资金 | 其他资金`) is not a block. Each block's profile is
 *   the one whose own labels, indicator header and 一级 names it matches best (the earlier
 *   registered on a tie).
 * - Tables that are not project tables (docs/domain.md §2.6) never become blocks: a 汇总 table is read into
 *   a {@link SummaryTable} (checked by total/summary-mismatch), a 部门整体绩效目标表 is recognised
 *   by its own labels and title, budget tables and notes have no block structure.
 * - List profiles (disclosure-list: 单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标) give one block
 *   per department/unit/project row; project rows carry indicators parsed from the 绩效指标 text.
 *   Department rows (a code that prefixes the next code, e.g. 407 before 407001) are kept as blocks
 *   with `listRole: 'department'`; a unit row's `parentIndex` is its department's block.
 * - the budget year (§2.7): options.year, else a sheet/document title or a `（2024年度）` line, else
 *   the year most 21-char project codes carry.
 *
 * Linear in the sheet size: every cell is looked at a bounded number of times, label tables are
 * built once per registry state, merges are indexed by their top-left cell. Never throws on any grid.
 */
import { codeYear as codeYearOf } from '../domain/rules/id/code';
import type { RangePos } from '../domain/address';
import type { Block, CellValue, Field, IndicatorRow, Plan, SummaryRow, SummaryTable, UnparsedLine } from '../domain/model';
import { BLOCK_FIELD_KEYS, type Profile } from '../domain/profile';
import { canonicalLevel1, getProfile, profiles } from '../domain/profiles';
import { readSplitValue } from '../domain/split-value';
import { parseIndicatorText } from './disclosure-text';
import { findRowsTables } from './indicator-rows';
import { cellAddress, displayText, makeField } from './display';
import type { Grid, GridSheet } from './grid';
import {
  bareLabelKey,
  blockLabelOf,
  blockLabelOfKey,
  headerKey,
  INDICATORS_SLOT,
  keyOfSlot,
  labelKey,
  listColumnOfKey,
  closeCjkGaps,
  indicatorColumnOf,
  labelMoneyUnit,
  looksLikeNote,
  looksLikeTitle,
  moneyUnitOf,
  normLabel,
  PLAN_SLOT,
  splitPartOf,
  vocabulary,
  type BlockField,
  type IndicatorColumn,
  type ListColumn,
  type SplitPart,
} from './labels';
import { isBudgetTitle, isDepartmentMarker, isDepartmentMarkerKey, isTotalRowText, summaryColumnOfKey, type SummaryColumn } from './tables';

export interface SheetReport {
  name: string;
  blocks: number;
  /** zh-CN, e.g. '未找到可识别的绩效目标表' */
  note?: string;
}

export interface Recognition {
  blocks: Block[];
  /** 汇总 tables listing projects (not blocks; total/summary-mismatch checks them against the blocks) */
  summaries: SummaryTable[];
  year?: number;
  yearSource?: 'setting' | 'title' | 'codes';
  sheets: SheetReport[];
}

export interface RecognizeOptions {
  /**
   * Force the profile of the recognised blocks: a block-layout profile applies to stacked blocks
   * (they are then read with its fields and columns), a list-layout profile to list rows.
   */
  profile?: string;
  /** the budget year set by the user (yearSource 'setting') */
  year?: number;
}

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
/** Rows above a block searched for the marks of a 部门整体 table (its title, 年度主要任务). */
const MAX_MARKER_ROWS = 40;

const NOTE_SUMMARY = '这是项目汇总表，不是项目绩效目标表：不单独检查，其中的项目金额已与各项目表核对';
const NOTE_DEPARTMENT = '这是部门整体绩效目标表，不是项目绩效目标表：不检查';
const NOTE_BUDGET = '这是预算表，不是项目绩效目标表：不检查';

/** `（2024年度）`: the year line of the 一体化 export. */
const YEAR_LINE_RE = /^[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]$/;

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
  /** 汇总 table header rows → their columns */
  readonly summaryHeaders = new Map<number, Map<SummaryColumn, number>>();
  /** rows holding a mark of a 部门整体 table (its title, 年度主要任务 …) */
  readonly departmentRows = new Set<number>();
  /** the profile chosen for each shape of block seen on the sheet (see chooseProfile) */
  readonly profileBySignature = new Map<string, Profile>();
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

  /** Row r lies inside a merged area that starts on a row above (a title over two rows). */
  coveredFromAbove(r: number): boolean {
    for (let top = r - 1; top >= 0 && top >= r - 10; top--) {
      const row = this.merges.get(top);
      if (!row) continue;
      for (const m of row.values()) if (m.bottom >= r) return true;
    }
    return false;
  }
}


interface Hit {
  field: BlockField;
  row: number;
  col: number;
  /** the label as compared (normalised, without a money-unit suffix) */
  key: string;
  /** the cell's text normalised (with its suffix) */
  norm: string;
}

/** One pass over all cells: block label hits, disclosure-list and 汇总 header rows. */
function scanLabels(ctx: SheetCtx): void {
  const values = ctx.sheet.values;
  const vocab = vocabulary();
  for (let r = 0; r < ctx.nRows; r++) {
    const row = values[r];
    if (!Array.isArray(row)) continue;
    let rowHits: Hit[] | undefined;
    let listCols: Map<ListColumn, number> | undefined;
    let sumCols: Map<SummaryColumn, number> | undefined;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== 'string' || v.length === 0 || v.length > 60) continue;
      if (v.length > 40) {
        if (isDepartmentMarker(v)) ctx.departmentRows.add(r); // a long title
        continue;
      }
      const k = labelKey(v);
      if (k === undefined) continue;
      if (isDepartmentMarkerKey(k)) ctx.departmentRows.add(r);
      const f = blockLabelOfKey(k, vocab);
      if (f) (rowHits ??= []).push({ field: f, row: r, col: c, key: bareLabelKey(k), norm: k });
      const lc = listColumnOfKey(k, vocab);
      if (lc) {
        listCols ??= new Map();
        if (!listCols.has(lc)) listCols.set(lc, c);
      }
      const sc = summaryColumnOfKey(k);
      if (sc) {
        sumCols ??= new Map();
        if (!sumCols.has(sc)) sumCols.set(sc, c);
      }
    }
    if (listCols && listCols.has('name') && (listCols.has('indicators') || listCols.has('goal')) && (listCols.has('budget') || listCols.has('code'))) {
      ctx.listHeaders.set(r, listCols);
      continue; // the list header's 绩效目标 is not a block label
    }
    if (sumCols && isSummaryHeader(ctx, r, sumCols)) {
      ctx.summaryHeaders.set(r, sumCols);
      continue; // a 汇总 header's 项目名称, 预算数 … are column headers, not block labels
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

/**
 * A 汇总 header row: 项目名称 and an amount column, with the next column header right beside
 * 项目名称 (in a block, 项目名称 has its value there).
 */
function isSummaryHeader(ctx: SheetCtx, r: number, cols: Map<SummaryColumn, number>): boolean {
  const name = cols.get('name');
  if (name === undefined || !cols.has('amount') || cols.size < 3) return false;
  const m = ctx.mergeAt(r, name);
  const next = (m ? m.right : name) + 1;
  const k = labelKey(ctx.text(r, next));
  return k !== undefined && summaryColumnOfKey(k) !== undefined;
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
  /** rows the header takes (2 when the 指标值 is split under a merged header) */
  headerRows: number;
  cols: Map<IndicatorColumn, number>;
  /** the split 指标值's sub-columns (符号 | 值 | 计量单位) */
  split?: Map<SplitPart, number>;
  headerCells: { row: number; col: number }[];
  /** the header texts as compared (for choosing the profile) */
  headerKeys: string[];
  left: number;
  right: number;
  rows: number[];
}

/**
 * The same label again: on the same row, or just below — in the same column, or the same text
 * repeated over the cells a merge spanned (`年度总体目标` over A12:B13 written in every cell).
 */
function isRepeat(prev: Hit, h: Hit): boolean {
  if (h.row === prev.row) return true;
  if (h.row - prev.row > 2) return false;
  return h.col === prev.col || (h.key === prev.key && Math.abs(h.col - prev.col) <= 3);
}

function groupHits(ctx: SheetCtx, excluded: (row: number) => boolean): Group[] {
  const groups: Group[] = [];
  let cur: Group | undefined;
  let coveredUntil = -1; // label words inside an indicator table (a 三级 named 预算数) are data
  for (const h of ctx.hits) {
    if (h.row <= coveredUntil || excluded(h.row)) continue;
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
    if (h.field === INDICATORS_SLOT) {
      cur.indicators = scanIndicators(ctx, h);
      const rows = cur.indicators.rows;
      if (rows.length > 0) cur.lastRow = coveredUntil = rows[rows.length - 1];
      else if (cur.indicators.headerRows > 1) coveredUntil = Math.max(coveredUntil, cur.indicators.headerRow + cur.indicators.headerRows - 1);
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

/** Columns of the indicator header left of its 一级指标 cell that a header may still hold. */
const MAX_HEADER_LEFT = 8;

/**
 * The indicator table under a 一级指标 header: its columns (any order, from the header texts of
 * every profile), a 指标值 split into 符号 | 值 | 计量单位 on the header's second row, and its rows.
 */
function scanIndicators(ctx: SheetCtx, h: Hit): IndicatorScan {
  const r = h.row;
  const cols = new Map<IndicatorColumn, number>();
  const split = new Map<SplitPart, number>();
  const headerCells: { row: number; col: number }[] = [];
  let left = h.col;
  let right = h.col;
  const take = (c: number, role: IndicatorColumn) => {
    headerCells.push({ row: r, col: c });
    if (!cols.has(role)) cols.set(role, c);
    const m = ctx.mergeAt(r, c);
    right = Math.max(right, m ? m.right : c);
  };
  // columns left of 一级指标 (a table that puts 三级 first); a caption such as 绩效指标 ends the header
  for (let c = h.col - 1; c >= 0 && c >= h.col - MAX_HEADER_LEFT; c--) {
    if (ctx.isEmpty(r, c)) continue;
    const role = indicatorColumnOf(ctx.text(r, c));
    if (!role) break;
    take(c, role);
    left = c;
  }
  const len = ctx.rowLength(r);
  for (let c = h.col; c < len && c <= h.col + 20; c++) {
    if (ctx.isEmpty(r, c)) continue;
    const t = ctx.text(r, c);
    const role = indicatorColumnOf(t);
    if (role) {
      take(c, role);
      continue;
    }
    const part = splitPartOf(t); // 符号 | 值 | 计量单位 as columns of the header row itself
    if (part && !split.has(part)) {
      split.set(part, c);
      headerCells.push({ row: r, col: c });
      right = Math.max(right, c);
      continue;
    }
    if (c > h.col + 1 && cols.size >= 3) break;
  }
  cols.set('level1', h.col);
  let headerRows = 1;
  // a merged 指标值 header with 符号 | 值 | 计量单位 in the row below
  const valueCol = cols.get('value');
  if (valueCol !== undefined && split.size === 0 && r + 1 < ctx.nRows) {
    const m = ctx.mergeAt(r, valueCol);
    const to = Math.max(m ? m.right : valueCol, valueCol + 2);
    const below = new Map<SplitPart, number>();
    for (let c = valueCol; c <= to; c++) {
      if (ctx.isEmpty(r + 1, c)) continue;
      const part = splitPartOf(ctx.text(r + 1, c));
      if (part && !below.has(part)) below.set(part, c);
    }
    if (below.size >= 2) {
      for (const [part, c] of below) {
        split.set(part, c);
        headerCells.push({ row: r + 1, col: c });
        right = Math.max(right, c);
      }
      headerRows = 2;
    }
  }
  if (split.size >= 2) {
    // the missing part sits where the system puts it: 符号 | 值 | 计量单位, left to right
    const first = Math.min(...split.values());
    (['operator', 'number', 'unit'] as SplitPart[]).forEach((p, i) => {
      if (!split.has(p)) split.set(p, first + i);
    });
    for (const c of split.values()) right = Math.max(right, c);
    if (!cols.has('value')) cols.set('value', split.get('number') as number);
  }
  if (!cols.has('level2')) cols.set('level2', h.col + 1);
  if (!cols.has('level3')) cols.set('level3', (cols.get('level2') as number) + 1);
  if (!cols.has('value')) {
    const basis = cols.get('basis');
    cols.set('value', basis !== undefined ? basis - 1 : Math.max(right, (cols.get('level3') as number) + 1));
  }
  for (const c of cols.values()) {
    right = Math.max(right, c);
    left = Math.min(left, c);
  }
  const rows: number[] = [];
  const limit = Math.min(cols.get('level1') as number, cols.get('level2') as number) + 1;
  const level3 = cols.get('level3') as number;
  const c1 = cols.get('level1') as number;
  const c2 = cols.get('level2') as number;
  let gap = false;
  for (let rr = r + headerRows; rr < ctx.nRows; rr++) {
    if (ctx.listHeaders.has(rr) || ctx.summaryHeaders.has(rr) || labelLeftOf(ctx, rr, limit)) break;
    let any = false;
    let firstText: string | undefined;
    let nonEmpty = 0;
    const last = Math.min(right, ctx.rowLength(rr) - 1); // a row stored shorter (or not at all) is blank beyond its end
    for (let c = left; c <= last; c++) {
      if (ctx.isEmpty(rr, c)) continue;
      any = true;
      nonEmpty++;
      if (firstText === undefined) firstText = ctx.text(rr, c);
    }
    // a blank row does not end the table (clerks leave them after the header and between groups):
    // what follows it goes on the table when it is an indicator row, else the table ended at the blank
    if (!any) {
      gap = true;
      continue;
    }
    if (gap && !continuesAfterGap(ctx, rr, c1, c2, level3)) break;
    gap = false;
    if (firstText !== undefined && looksLikeNote(firstText)) break;
    if (rowIsTitleOrUnit(ctx, rr, left, right)) break;
    if (nonEmpty === 1 && firstText !== undefined && firstText.length > 30 && ctx.isEmpty(rr, level3)) break;
    rows.push(rr);
  }
  const headerKeys: string[] = [];
  for (const hc of headerCells) {
    const k = headerKey(ctx.text(hc.row, hc.col));
    if (k) headerKeys.push(k);
  }
  return { headerRow: r, headerRows, cols, split: split.size >= 2 ? split : undefined, headerCells, headerKeys, left, right, rows };
}

/**
 * After blank rows, row r still belongs to the indicator table when it reads as an indicator row:
 * a 一级 or 二级 cell (`效益指标`, `满意度指标`), or a 三级 name under the groups above that is
 * not a signature line (`填报人：…`).
 */
function continuesAfterGap(ctx: SheetCtx, r: number, c1: number, c2: number, c3: number): boolean {
  const t1 = ctx.isEmpty(r, c1) ? '' : ctx.text(r, c1);
  const t2 = ctx.isEmpty(r, c2) ? '' : ctx.text(r, c2);
  if (indicatorLevelLike(normLabel(t1)) || indicatorLevelLike(normLabel(t2))) return true;
  if (t1 !== '' || t2 !== '' || ctx.isEmpty(r, c3)) return false;
  return !/[:：]/.test(ctx.text(r, c3));
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
    if (own !== undefined && sameLabel(ctx, r, c, own)) continue; // the label repeated across its merge
    if (ctx.isLabel(r, c)) break;
    return { row: r, col: c };
  }
  return { row: r, col: start };
}

/** Whether cell (r, c) repeats a label whose normalised key is `own` (cheap for long texts). */
function sameLabel(ctx: SheetCtx, r: number, c: number, own: string): boolean {
  const v = ctx.value(r, c);
  if (typeof v !== 'string' || v.length > 2 * own.length + 20) return false;
  // most cells beside a label are its value: a CJK first character it lacks settles it cheaply
  const first = own.charAt(0);
  if (first >= '\u3400' && !v.includes(first)) return false;
  return normLabel(v) === own;
}

interface BuiltBlock {
  block: Omit<Block, 'index'>;
  top: number;
  bottom: number;
  /** a `（2024年度）` line in the block's header */
  year?: number;
}

/** Why a group of labels is not a project block. */
type NotProject = 'structure' | 'department';

/**
 * A label with a value beside it: the cell right of the label (past its merge and the label's own
 * text repeated across a merge) is empty or a value, not the next header of a table row.
 */
function hasValueBeside(ctx: SheetCtx, h: Hit): boolean {
  if (h.field === INDICATORS_SLOT) return false;
  const m = ctx.mergeAt(h.row, h.col);
  let c = (m ? m.right : h.col) + 1;
  for (let n = 0; n < MAX_VALUE_SCAN && sameLabel(ctx, h.row, c, h.norm); n++) c++;
  return !ctx.isLabel(h.row, c);
}

/**
 * Whether a group of labels is a project block (docs/domain.md §2.6): labels with values beside them on
 * two rows or more, or one with the indicator table below — and not inside a 部门整体 table
 * (its title, 年度主要任务, 部门名称 above or among the labels).
 */
function notProject(ctx: SheetCtx, g: Group, prevBottom: number): NotProject | undefined {
  const rows = new Set<number>();
  for (const h of g.hits.values()) if (hasValueBeside(ctx, h)) rows.add(h.row);
  const ind = g.indicators;
  const indicatorTable = ind !== undefined && ind.cols.size >= 4 && ind.headerCells.length >= 3 && ind.rows.length > 0;
  if (rows.size < 2 && !(rows.size === 1 && indicatorTable)) return 'structure';
  // the 部门整体 table's marks: from the labels up to the blank row above its title
  const last = Math.min(g.lastRow, ctx.nRows - 1);
  if (ctx.departmentRows.size === 0) return undefined;
  for (let r = g.firstRow - 1, n = 0; r > prevBottom && r >= 0 && n < MAX_MARKER_ROWS; r--, n++) {
    if (ctx.departmentRows.has(r)) return 'department';
    if (rowIsBlank(ctx, r) && !ctx.coveredFromAbove(r)) break;
  }
  for (let r = g.firstRow; r <= last; r++) if (ctx.departmentRows.has(r)) return 'department';
  return undefined;
}

function rowIsBlank(ctx: SheetCtx, r: number): boolean {
  const len = ctx.rowLength(r);
  for (let c = 0; c < len; c++) if (!ctx.isEmpty(r, c)) return false;
  return true;
}

/**
 * The profile a group of labels is read with: a forced block profile, else the one whose own
 * labels, indicator header texts and 一级 names the group matches best (earlier registered on a tie).
 */
function chooseProfile(ctx: SheetCtx, g: Group, forced: Profile | undefined): Profile {
  if (forced && forced.layout === 'block') return forced;
  const v = vocabulary();
  const labels = new Set<string>();
  for (const h of g.hits.values()) labels.add(h.key);
  for (const h of g.repeats) labels.add(h.key);
  const header = new Set<string>();
  const level1 = new Set<string>();
  const ind = g.indicators;
  if (ind) {
    for (const k of ind.headerKeys) header.add(k);
    const c1 = ind.cols.get('level1') as number;
    for (const r of ind.rows) if (!ctx.isEmpty(r, c1)) level1.add(ctx.text(r, c1));
  }
  // copied workbooks repeat the same block: score each shape of labels, header and 一级 once
  const signature = `${[...labels].join('\u0001')}\u0002${[...header].join('\u0001')}\u0002${[...level1].join('\u0001')}`;
  const known = ctx.profileBySignature.get(signature);
  if (known) return known;
  let best: Profile | undefined;
  let bestScore = -1;
  for (const p of v.blockProfiles) {
    const own = v.own.get(p);
    if (!own) continue;
    let score = 0;
    for (const l of labels) if (own.labels.has(l)) score += 2;
    for (const k of header) if (own.columns.has(k)) score += 1;
    for (const n of level1) if (canonicalLevel1(p, n)) score += 1;
    if (score > bestScore) {
      best = p;
      bestScore = score;
    }
  }
  const chosen = best ?? getProfile(profiles[0].id);
  ctx.profileBySignature.set(signature, chosen);
  return chosen;
}

const OWN_FIELDS = new Set<string>(BLOCK_FIELD_KEYS);

function buildBlock(ctx: SheetCtx, g: Group, prevBottom: number, forced: Profile | undefined): BuiltBlock | NotProject {
  const why = notProject(ctx, g, prevBottom);
  if (why) return why;
  const profile = chooseProfile(ctx, g, forced);
  const ind = g.indicators;

  const cells = new BlockCells(ctx);
  const labels: Record<string, string> = {};
  const hit = (f: BlockField) => g.hits.get(f);
  for (const h of g.hits.values()) {
    cells.add(h.row, h.col);
    labels[keyOfSlot(h.field)] ??= ctx.addr(h.row, h.col);
  }
  for (const h of g.repeats) cells.add(h.row, h.col);

  const simple = (f: BlockField): Field | undefined => {
    const h = hit(f);
    if (!h) return undefined;
    const p = valueRight(ctx, h.row, h.col, ctx.text(h.row, h.col));
    cells.addField(p);
    return ctx.field(p.row, p.col);
  };

  // every labelled field but the plan, the indicators and the 资金用途 (below): its value right of its label
  const values = new Map<string, Field>();
  for (const slot of g.hits.keys()) {
    if (slot === PLAN_SLOT || slot === INDICATORS_SLOT || keyOfSlot(slot) === 'usage') continue;
    const f = simple(slot);
    if (f && !values.has(keyOfSlot(slot))) values.set(keyOfSlot(slot), f);
  }

  // 资金用途: the row of the 预算规模及资金用途 label that is not the 预算数 row
  let usage: Field | undefined;
  const budgetHit = hit('budget');
  const usageHit = hit('usage@2');
  const usageOnly = hit('usage');
  if (usageOnly) {
    usage = simple('usage');
  } else if (usageHit) {
    const m = ctx.mergeAt(usageHit.row, usageHit.col);
    const rows: number[] = [];
    for (let r = usageHit.row; r <= (m ? Math.min(m.bottom, usageHit.row + 3) : usageHit.row); r++) rows.push(r);
    for (const rep of g.repeats) if (rep.field === 'usage@2') rows.push(rep.row);
    let r = rows.find((x) => !budgetHit || x !== budgetHit.row);
    if (r === undefined && budgetHit) r = budgetHit.row + 1;
    if (r !== undefined && r < ctx.nRows && (!ctx.labelRows.has(r) || g.repeats.some((x) => x.row === r && x.field === 'usage@2'))) {
      const start = (m ? m.right : usageHit.col) + 1;
      const pos = valueFrom(ctx, r, start, ctx.text(usageHit.row, usageHit.col));
      cells.addField(pos);
      usage = ctx.field(pos.row, pos.col);
    }
  } else if (budgetHit && profile.fields.some((f) => f.key === 'usage' && f.secondRow)) {
    // the format writes 资金用途 on the row below 预算数 (the label itself is missing)
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
  if (usage) values.set('usage', usage);

  // 资金支出计划: checkpoints right of the label, values in the row below
  let plan: Plan | undefined;
  const planHit = hit(PLAN_SLOT);
  if (planHit) {
    const r = planHit.row;
    const m = ctx.mergeAt(r, planHit.col);
    const start = (m ? m.right : planHit.col) + 1;
    const own = normLabel(ctx.text(r, planHit.col));
    const checkpoints: Field[] = [];
    const planValues: Field[] = [];
    const len = ctx.rowLength(r);
    const valuesRow = r + 1;
    for (let c = start; c < len && checkpoints.length < MAX_CHECKPOINTS && c < start + 3 * MAX_CHECKPOINTS; c++) {
      if (ctx.isEmpty(r, c) || ctx.isLabel(r, c)) continue;
      if (sameLabel(ctx, r, c, own)) continue;
      cells.add(r, c);
      checkpoints.push(ctx.field(r, c));
      cells.add(valuesRow, c);
      planValues.push(ctx.field(valuesRow, c));
    }
    plan = { labelCell: ctx.addr(planHit.row, planHit.col), checkpoints, values: planValues };
  }

  // indicators
  const indicators: IndicatorRow[] = [];
  if (ind) {
    for (const hc of ind.headerCells) cells.add(hc.row, hc.col);
    const col = (k: IndicatorColumn) => ind.cols.get(k);
    const c1 = col('level1') as number;
    const c2 = col('level2') as number;
    const c3 = col('level3') as number;
    const cv = col('value') as number;
    const cd = col('description');
    const cb = col('basis');
    const split = ind.split;
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
      const row: IndicatorRow = {
        row: r + (ctx.sheet.origin?.row ?? 0),
        level1,
        level2,
        level3: ctx.field(r, c3),
        value: ctx.field(r, cv),
        inherited: { level1: inh1, level2: inh2 },
      };
      if (split) {
        const part = (p: SplitPart) => {
          const c = split.get(p) as number;
          cells.add(r, c);
          return ctx.field(r, c);
        };
        const parts = { operator: part('operator'), number: part('number'), unit: part('unit') };
        const reading = readSplitValue(parts);
        // the value rules read the three cells as one value, at the 值 cell
        row.value = { cell: parts.number.cell, value: reading.text === '' ? null : reading.text, text: reading.text };
        row.split = parts;
      } else {
        cells.add(r, cv);
      }
      if (cd !== undefined) {
        cells.add(r, cd);
        row.description = ctx.field(r, cd);
      }
      if (cb !== undefined) {
        cells.add(r, cb);
        row.basis = ctx.field(r, cb);
      }
      indicators.push(row);
      prev1 = level1;
      prev2 = level2;
    }
  }

  // title, year line and unit line above the first label (not into the previous block)
  let title: Field | undefined;
  let unitName: Field | undefined;
  let moneyUnit: '万元' | '元' | undefined;
  let year: number | undefined;
  const blockLeft = cells.left;
  const blockRight = Math.max(cells.right, blockLeft);
  for (let r = g.firstRow - 1, n = 0; r > prevBottom && r >= 0 && n < MAX_HEADER_ROWS; r--) {
    const len = Math.min(ctx.rowLength(r), blockRight + 1);
    let empty = true;
    for (let c = 0; c < len && empty; c++) if (!ctx.isEmpty(r, c)) empty = false;
    if (empty && ctx.coveredFromAbove(r)) continue; // the lower rows of a title merged over two rows
    n++;
    let recognised = false;
    let rowTitle: Pos | undefined;
    const texts: Pos[] = [];
    for (let c = 0; c < len; c++) {
      if (ctx.isEmpty(r, c)) continue;
      const t = ctx.text(r, c);
      const mu = moneyUnitOf(t);
      const yl = YEAR_LINE_RE.exec(t);
      if (mu) {
        if (!moneyUnit) {
          moneyUnit = mu;
          labels.unit = ctx.addr(r, c);
          cells.add(r, c);
        }
        recognised = true;
      } else if (yl) {
        year ??= Number(yl[1]);
        cells.add(r, c);
        recognised = true;
      } else if (!rowTitle && !title && looksLikeTitle(t) && !blockLabelOf(t)) {
        rowTitle = { row: r, col: c };
      } else {
        texts.push({ row: r, col: c });
      }
    }
    if (rowTitle) {
      // a title over two rows written in both (a merge replaced by repeated text): its top row
      const t = ctx.text(rowTitle.row, rowTitle.col);
      while (rowTitle.row - 1 > prevBottom && rowTitle.row > 0 && ctx.text(rowTitle.row - 1, rowTitle.col) === t) rowTitle = { row: rowTitle.row - 1, col: rowTitle.col };
      title = ctx.field(rowTitle.row, rowTitle.col);
      cells.addField(rowTitle);
      recognised = true;
    }
    if (!unitName && !values.has('unitName')) {
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
  // a money unit in a label (`资金总额（元）`), else the format's own
  if (!moneyUnit) {
    for (const h of g.hits.values()) {
      const mu = labelMoneyUnit(ctx.text(h.row, h.col));
      if (mu && profile.fields.some((f) => f.money && f.key === keyOfSlot(h.field))) {
        moneyUnit = mu;
        break;
      }
    }
  }

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
    profile: profile.id,
    sheet: ctx.sheet.name,
    range: ctx.range(top, left, bottom, right),
    anchor,
    moneyUnit: moneyUnit ?? profile.moneyUnit,
    labels,
    indicators,
    unparsed: [],
    otherCells,
  };
  if (title) block.title = title;
  if (unitName) block.unitName = unitName;
  if (plan) block.plan = plan;
  const own = block as Record<string, unknown>;
  for (const [key, f] of values) {
    if (OWN_FIELDS.has(key)) own[key] = f;
    else (block.extra ??= {})[key] = f;
  }
  return { block, top, bottom, year };
}

// ---- disclosure list ------------------------------------------------------------------------------

const LIST_CODE_RE = /^[0-9A-Za-z]{2,}$/;

interface ListRowInfo {
  row: number;
  code?: string;
  role?: 'department' | 'unit' | 'project';
}

function buildList(ctx: SheetCtx, headerRow: number, cols: Map<ListColumn, number>, stopRow: number, profile: Profile): BuiltBlock[] {
  const codeCol = cols.get('code');
  const nameCol = cols.get('name') as number;
  const amountCol = cols.get('budget');
  const goalCol = cols.get('goal');
  const indCol = cols.get('indicators');
  const allCols = [...cols.values()];
  const left = Math.min(...allCols);
  const right = Math.max(...allCols);
  const headerLabels: Record<string, string> = {};
  for (const [k, c] of cols) headerLabels[k] = ctx.addr(headerRow, c);
  const amountHeader = amountCol !== undefined ? ctx.text(headerRow, amountCol) : '';
  const moneyUnit = labelMoneyUnit(amountHeader) ?? profile.moneyUnit;

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
      profile: profile.id,
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

// ---- 汇总 tables -----------------------------------------------------------------------------------

interface BuiltSummary {
  table: SummaryTable;
  top: number;
  bottom: number;
}

/**
 * A 汇总 table from its header row: one row per project until a blank row, the 合计 row, a note or
 * a block label in its first columns. A second header row (`其中：财政资金 | 其他资金` under a
 * merged 预算数) is read as headers too.
 */
function buildSummary(ctx: SheetCtx, headerRow: number, cols: Map<SummaryColumn, number>): BuiltSummary {
  const columns = new Map(cols);
  let first = headerRow + 1;
  // a second header row: more column headers and no project name
  if (first < ctx.nRows && ctx.isEmpty(first, columns.get('name') as number)) {
    const len = ctx.rowLength(first);
    let more = 0;
    for (let c = 0; c < len; c++) {
      const k = labelKey(ctx.text(first, c));
      const sc = k === undefined ? undefined : summaryColumnOfKey(k);
      if (sc && sc !== 'name' && !columns.has(sc)) {
        columns.set(sc, c);
        more++;
      }
    }
    if (more > 0) first++;
  }
  const nameCol = columns.get('name') as number;
  const colList = [...columns.values()];
  const left = Math.min(...colList);
  const right = Math.max(...colList);
  const headers: Record<string, string> = {};
  for (const [k, c] of columns) if (k !== 'no') headers[k] = ctx.addr(headerRow, c);
  for (const [k, c] of columns) {
    if (k !== 'no' && ctx.isEmpty(headerRow, c) && headerRow + 1 < first) headers[k] = ctx.addr(headerRow + 1, c);
  }
  // the unit: an amount header's suffix, a 单位：元 line just above, else 万元
  const amountCol = columns.get('amount');
  let moneyUnit = amountCol !== undefined ? labelMoneyUnit(ctx.text(headerRow, amountCol)) : undefined;
  for (let r = headerRow - 1; !moneyUnit && r >= 0 && r >= headerRow - 3; r--) {
    const len = Math.min(ctx.rowLength(r), right + 4);
    for (let c = 0; c < len && !moneyUnit; c++) if (!ctx.isEmpty(r, c)) moneyUnit = moneyUnitOf(ctx.text(r, c));
  }
  const rows: SummaryRow[] = [];
  let bottom = first - 1;
  for (let r = first; r < ctx.nRows; r++) {
    if (ctx.listHeaders.has(r) || ctx.summaryHeaders.has(r) || labelLeftOf(ctx, r, nameCol + 1)) break;
    let any = false;
    for (let c = left; c <= right && !any; c++) if (!ctx.isEmpty(r, c)) any = true;
    if (!any) break;
    const name = ctx.text(r, nameCol);
    const no = columns.has('no') ? ctx.text(r, columns.get('no') as number) : '';
    if (looksLikeNote(name) || looksLikeNote(no)) break;
    bottom = r;
    if (isTotalRowText(name) || isTotalRowText(no)) break; // the 合计 row ends the list
    if (name === '') continue;
    const f = (k: SummaryColumn) => {
      const c = columns.get(k);
      return c === undefined ? undefined : ctx.field(r, c);
    };
    const row: SummaryRow = { row: r + (ctx.sheet.origin?.row ?? 0), name: { ...ctx.field(r, nameCol), text: closeCjkGaps(name) } };
    const code = f('code');
    const amount = f('amount');
    const fiscal = f('fiscal');
    const other = f('other');
    if (code) row.code = code;
    if (amount) row.amount = amount;
    if (fiscal) row.fiscal = fiscal;
    if (other) row.other = other;
    rows.push(row);
  }
  const table: SummaryTable = {
    sheet: ctx.sheet.name,
    range: ctx.range(headerRow, left, Math.max(bottom, headerRow), right),
    anchor: ctx.addr(headerRow, nameCol),
    headers,
    moneyUnit: moneyUnit ?? '万元',
    rows,
  };
  return { table, top: headerRow, bottom: Math.max(bottom, headerRow) };
}

// ---- the budget year ----------------------------------------------------------------------------

const YEAR_IN_TITLE_RE = /(20\d{2})\s*年/;
const TITLE_KEYWORD_RE = /预算|绩效|决算|公开/;

function yearFromTitle(text: string): number | undefined {
  const line = YEAR_LINE_RE.exec(text.trim());
  if (line) return Number(line[1]);
  if (!TITLE_KEYWORD_RE.test(text)) return undefined;
  const m = YEAR_IN_TITLE_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The year a 21-character project code carries (positions 7–8), e.g. 130322210… → 2021. */
export function codeYear(code: string): number | undefined {
  return codeYearOf(code.trim());
}

/** The budget year from a title text (`…2021年部门预算项目绩效目标表`, `（2024年度）`), if it names one. */
export function titleYear(text: string): number | undefined {
  return yearFromTitle(text);
}

// ---- entry point ----------------------------------------------------------------------------------

interface SheetResult {
  built: BuiltBlock[];
  summaries: SummaryTable[];
  titleYear?: number;
  note?: string;
}

interface Forced {
  block?: Profile;
  list?: Profile;
  rows?: Profile;
}

function recognizeSheet(sheet: GridSheet, forced: Forced): SheetResult {
  const ctx = new SheetCtx(sheet);
  scanLabels(ctx);
  const built: BuiltBlock[] = [];
  const spans: { from: number; to: number }[] = [];
  const inSpan = (row: number) => spans.some((s) => row >= s.from && row < s.to);

  // one row per indicator (docs/domain.md §2.8): src/sheet/indicator-rows.ts, from the rows that hold a header's words
  const rowsTables = findRowsTables(sheet, rowsTableCandidates(ctx), forced.rows);
  built.push(...rowsTables.built);
  spans.push(...rowsTables.spans);

  // disclosure lists: from the first header row to the next block label (or the end)
  const listProfile = forced.list ?? profiles.find((p) => p.layout === 'list');
  const listHeaderRows = [...ctx.listHeaders.keys()].sort((a, b) => a - b);
  for (let i = 0; i < listHeaderRows.length && listProfile; i++) {
    const hr = listHeaderRows[i];
    if (inSpan(hr)) continue; // a repeated header
    let stop = ctx.nRows;
    for (const h of ctx.hits) {
      if (h.row > hr) {
        stop = h.row;
        break;
      }
    }
    spans.push({ from: hr, to: stop });
    built.push(...buildList(ctx, hr, ctx.listHeaders.get(hr) as Map<ListColumn, number>, stop, listProfile));
  }

  // 汇总 tables: read, never blocks
  const summaries: BuiltSummary[] = [];
  for (const hr of [...ctx.summaryHeaders.keys()].sort((a, b) => a - b)) {
    if (inSpan(hr)) continue;
    const s = buildSummary(ctx, hr, ctx.summaryHeaders.get(hr) as Map<SummaryColumn, number>);
    spans.push({ from: s.top, to: s.bottom + 1 });
    summaries.push(s);
  }

  // stacked blocks
  const groups = groupHits(ctx, inSpan);
  let prevBottom = -1;
  let department = false;
  for (const g of groups) {
    for (const s of spans) if (s.to <= g.firstRow) prevBottom = Math.max(prevBottom, s.to - 1);
    const b = buildBlock(ctx, g, prevBottom, forced.block);
    if (b === 'department') department = true;
    if (typeof b === 'string') continue;
    built.push(b);
    prevBottom = b.bottom;
  }
  built.sort((a, b) => a.top - b.top);

  // a sheet title above the first block names the budget year, else a block's year line
  let year: number | undefined;
  const firstTop = built.length > 0 ? built[0].top : ctx.nRows;
  let budgetTitle = false;
  for (let r = 0; r < Math.min(firstTop, 10) && year === undefined; r++) {
    const len = Math.min(ctx.rowLength(r), 50);
    for (let c = 0; c < len; c++) {
      const v = ctx.value(r, c);
      if (typeof v !== 'string' || v.length > 200) continue;
      if (isBudgetTitle(v)) budgetTitle = true;
      const y = yearFromTitle(v);
      if (y !== undefined) {
        year = y;
        break;
      }
    }
  }
  if (year === undefined) year = built.find((b) => b.year !== undefined)?.year;
  if (year === undefined && typeof sheet.name === 'string') year = yearFromTitle(sheet.name);
  let note: string | undefined;
  if (built.length === 0) {
    if (ctx.nRows === 0) note = '工作表为空';
    else if (summaries.length > 0) note = NOTE_SUMMARY;
    else if (department) note = NOTE_DEPARTMENT;
    else if (budgetTitle || (typeof sheet.name === 'string' && isBudgetTitle(sheet.name))) note = NOTE_BUDGET;
    else note = NOTE_NO_TABLE;
  }
  if (rowsTables.notes.length > 0) note = note ? `${note}；${rowsTables.notes.join('；')}` : rowsTables.notes.join('；');
  if (sheet.hidden) note = note ? `隐藏的工作表；${note}` : '隐藏的工作表';
  return { built, summaries: summaries.map((s) => s.table), titleYear: year, note };
}

/** The rows a `rows` table's header may be on: a list or 汇总 header, or a 一级指标 label. */
function rowsTableCandidates(ctx: SheetCtx): number[] {
  const rows = [...ctx.listHeaders.keys(), ...ctx.summaryHeaders.keys()];
  for (const h of ctx.hits) if (h.field === INDICATORS_SLOT) rows.push(h.row);
  return rows;
}

/** The profile a recognition is forced to, by layout. */
function forcedProfiles(id: string | undefined): Forced {
  if (!id) return {};
  const p = profiles.find((x) => x.id === id);
  if (!p) return {};
  return p.layout === 'list' ? { list: p } : p.layout === 'rows' ? { rows: p } : { block: p };
}

/** Recognise every block of a workbook grid. Never throws. */
export function recognize(grid: Grid, options: RecognizeOptions = {}): Recognition {
  const blocks: Block[] = [];
  const summaries: SummaryTable[] = [];
  const sheets: SheetReport[] = [];
  let titleYearFound: number | undefined;
  const forced = forcedProfiles(options.profile);
  const sheetList = grid && Array.isArray(grid.sheets) ? grid.sheets : [];
  for (const sheet of sheetList) {
    const name = sheet && typeof sheet.name === 'string' ? sheet.name : '';
    let res: SheetResult;
    try {
      res = recognizeSheet(sheet, forced);
    } catch (e) {
      sheets.push({ name, blocks: 0, note: `识别该工作表时出错（${e instanceof Error ? e.message : String(e)}），已跳过` });
      continue;
    }
    for (const b of res.built) blocks.push({ index: blocks.length, ...b.block } as Block);
    summaries.push(...res.summaries);
    // parent links of list rows, now that indices are known
    linkListParents(blocks, res.built.length);
    if (titleYearFound === undefined && res.titleYear !== undefined) titleYearFound = res.titleYear;
    const report: SheetReport = { name, blocks: res.built.length };
    if (res.note) report.note = res.note;
    sheets.push(report);
  }

  const result: Recognition = { blocks, summaries, sheets };
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
