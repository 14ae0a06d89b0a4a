/**
 * Adding one 三级 indicator (from the 指标库) to a recognised block, in its place, as cell edits —
 * host-agnostic, like a RenderPlan; the Excel adapter (src/excel/add-indicator.ts) carries it out.
 *
 * Where it goes, as a clerk would put it:
 * - the block has an empty row of that 二级 (a template's blank row: no 三级 name, no value) → that
 *   row is filled, nothing moves;
 * - the block has rows of that 二级 → a new row right under the last of them;
 * - the block has no row of that 二级 → a new row under the last row of the 二级 before it in the
 *   format's order (under the 一级 that holds it when that 一级 has rows), else at the top of the
 *   table, with the 二级 (and the 一级 when it starts one) written in it.
 * A new row is made by shifting the cells of the block's columns down by one row (Excel's "insert
 * cells, shift down"), widened to take in any merged area below that reaches past them, so no merged
 * area is cut. The 一级/二级 merged areas the new row continues are made one row longer (unmerged
 * before the shift, merged again after it); where the block repeats the names on every row instead
 * of merging, the new row repeats them too. The cells written are all empty (a new row, or empty
 * cells of the blank row): the 三级 name, the description, and for a split 指标值 the 符号 and
 * 计量单位 of the form; the value is left for the clerk, with an input prompt saying what to write.
 * In a one-row-per-indicator table (docs/domain.md §2.8) the row also gets the 指标方向性 its operator implies
 * (`≤ <` 反向指标, else 正向指标), its 权重 is left blank with a prompt (the project's weights must be
 * shared out again), and it never goes above the project's first row (which holds the project's fields).
 */
import { parseA1, parseRange, rangeToA1, toA1, type CellPos, type RangePos } from '../domain/address';
import { toTemplateIndicator, type IndicatorLike } from '../domain/indicators/form';
import { indicatorKey } from '../domain/indicators/key';
import type { Block, CellValue, Field, IndicatorRow } from '../domain/model';
import { canonicalLevel1, canonicalLevel2, getProfile } from '../domain/profiles';
import { mapToProfile } from '../domain/templates/frame';
import { normLabel } from '../domain/text';
import type { GridSheet } from './grid';
import type { Profile } from '../domain/profile';
import { directionFor, splitCells, splitPrompt, TEXT_FORMAT, valuePrompt, type RenderCell, type RenderPrompt } from './render';

export interface AddIndicatorPlan {
  sheet: string;
  /** a blank row of the 二级 is filled, or a new row is made */
  mode: 'fill' | 'insert';
  /** 0-based sheet row the indicator is written on (after the shift) */
  row: number;
  /** insert mode: the cells shifted down by one row — rows from `row` down, columns `left`–`right` */
  shift?: { row: number; left: number; right: number };
  /** merged areas undone before the shift (as they are now) */
  unmerge: RangePos[];
  /** merged areas made after the shift (where they are then) */
  merge: RangePos[];
  /** cells written (after the shift); every one is empty before */
  cells: RenderCell[];
  /** the value cell's input prompt */
  prompts: RenderPrompt[];
  /** thin borders on the new row */
  borders: RangePos[];
  /** zh-CN: what was done, e.g. `已在第 15 行添加“保洁员人数”（产出指标 › 数量指标）` */
  note: string;
}

export type AddIndicatorResult = { ok: true; plan: AddIndicatorPlan } | { ok: false; reason: string };

type Role = 'level1' | 'level2' | 'level3' | 'description' | 'value' | 'basis' | 'operator' | 'number' | 'unit' | 'weight' | 'direction';

interface Column {
  col: number;
  /** last column of the role's merged area on a row (the 描述 over D:E) */
  right: number;
}

const pos = (f: Field | undefined): CellPos | undefined => {
  if (!f || f.cell === '') return undefined;
  try {
    return parseA1(f.cell);
  } catch {
    return undefined;
  }
};

const isEmptyText = (f: Field | undefined) => f === undefined || f.text.trim() === '';

function fieldsOf(r: IndicatorRow): Partial<Record<Role, Field>> {
  return {
    level1: r.level1,
    level2: r.level2,
    level3: r.level3,
    description: r.description,
    value: r.value,
    basis: r.basis,
    operator: r.split?.operator,
    number: r.split?.number,
    unit: r.split?.unit,
    weight: r.weight,
    direction: r.direction,
  };
}

/** The columns of each role, read off a row of the block (a blank 一级/二级 takes its run's column), and how far the role's merged area on that row reaches right. */
function columnsOf(row: IndicatorRow, merges: RangePos[]): Partial<Record<Role, Column>> {
  const out: Partial<Record<Role, Column>> = {};
  for (const [role, f] of Object.entries(fieldsOf(row)) as [Role, Field | undefined][]) {
    const p = pos(f);
    if (!p) continue;
    const m = merges.find((g) => g.left === p.col && g.top <= row.row && g.bottom >= row.row);
    out[role] = { col: p.col, right: m ? m.right : p.col };
  }
  return out;
}

const overlapsCols = (m: RangePos, left: number, right: number) => m.left <= right && m.right >= left;

export function planAddIndicator(block: Block, sheet: GridSheet, indicator: IndicatorLike, year?: number): AddIndicatorResult {
  const profile = getProfile(block.profile);
  if (profile.layout === 'list') {
    return { ok: false, reason: `“${block.name?.text ?? '该项目'}”是公开表的一行，指标写在“绩效指标”单元格的文字中：请在该单元格中按格式添加一行，如“1. ${indicator.name} ${indicator.value}”` };
  }
  const rows = block.indicators;
  if (rows.length === 0) return { ok: false, reason: '该表还没有指标行：请先插入模板，或手工写好“一级指标 | 二级指标 | 三级指标”表头下的第一行' };
  const target = mapToProfile({ level1: indicator.level1, level2: indicator.level2 }, profile.id);
  const l1 = canonicalLevel1(profile, target.level1)?.canonical;
  const l2 = l1 ? canonicalLevel2(profile, l1, target.level2)?.canonical : undefined;
  if (!l1 || !l2) return { ok: false, reason: `“${indicator.level1} › ${indicator.level2}”不在“${profile.name}”的指标体系内，无法添加` };
  if (rows.some((r) => indicatorKey(r.level3.text) === indicatorKey(indicator.name))) {
    return { ok: false, reason: `表中已有三级指标“${indicator.name}”，未重复添加` };
  }

  const canon = (r: IndicatorRow) => {
    const a = canonicalLevel1(profile, r.level1.text)?.canonical ?? normLabel(r.level1.text);
    const b = canonicalLevel2(profile, r.level1.text, r.level2.text)?.canonical ?? normLabel(r.level2.text);
    return { l1: a, l2: b };
  };
  const tpl = toTemplateIndicator({ ...indicator, level1: l1, level2: l2 });
  const range = parseRange(block.range);
  const merges = sheet.merges;
  const where = `（${l1} › ${l2}）`;

  // 1. a blank row of this 二级
  const blank = rows.find((r) => {
    const c = canon(r);
    return c.l1 === l1 && c.l2 === l2 && isEmptyText(r.level3) && isEmptyText(r.value) && (!r.split || (isEmptyText(r.split.operator) && isEmptyText(r.split.number) && isEmptyText(r.split.unit)));
  });
  if (blank) {
    const cols = columnsOf(blank, merges);
    const cells: RenderCell[] = [];
    const prompts: RenderPrompt[] = [];
    writeRow(cells, prompts, cols, blank.row, tpl, year, (role) => isEmptyText(fieldsOf(blank)[role]), rowExtras(profile));
    return {
      ok: true,
      plan: { sheet: block.sheet, mode: 'fill', row: blank.row, unmerge: [], merge: [], cells, prompts, borders: [], note: `已填入第 ${blank.row + 1} 行的空白指标行“${indicator.name}”${where}，请填写指标值` },
    };
  }

  // 2. the row the new one goes under: the last of its 二级, else of the 二级 before it in the frame
  const order = (a: string, b: string): number => {
    const i = profile.level1.findIndex((x) => x.name === a);
    const j = i < 0 ? -1 : profile.level1[i].level2.findIndex((x) => x.name === b);
    return (i < 0 ? 99 : i) * 100 + (j < 0 ? 99 : j);
  };
  const mine = order(l1, l2);
  const canons = rows.map(canon);
  let after = -1; // index into rows
  canons.forEach((c, k) => {
    if (order(c.l1, c.l2) <= mine) after = k;
  });
  // rows of its 二级 first: right under the last of them (a table may list its rows in any order of 一级, docs/domain.md §2.8)
  canons.forEach((c, k) => {
    if (c.l1 === l1 && c.l2 === l2) after = k;
  });
  // one row per indicator (docs/domain.md §2.8): the project's fields are on its first row, so nothing goes above it
  if (profile.layout === 'rows' && after < 0) after = 0;
  const ref = after >= 0 ? rows[after] : rows[0];
  const newRow = after >= 0 ? ref.row + 1 : rows[0].row;
  const sameL2 = after >= 0 && canons[after].l1 === l1 && canons[after].l2 === l2;
  const sameL1 = after >= 0 && canons[after].l1 === l1;
  const cols = columnsOf(ref, merges);

  // 3. the columns shifted: the block's, widened until no merged area below the new row reaches past them
  let left = range.left;
  let right = range.right;
  for (let changed = true; changed; ) {
    changed = false;
    for (const m of merges) {
      if (m.top < newRow || !overlapsCols(m, left, right)) continue;
      if (m.left < left || m.right > right) {
        left = Math.min(left, m.left);
        right = Math.max(right, m.right);
        changed = true;
      }
    }
  }
  // merged areas that cross the new row's top edge are made one row longer (they hold it)
  const crossing = merges.filter((m) => m.top < newRow && m.bottom >= newRow && overlapsCols(m, left, right));
  const outside = crossing.find((m) => m.left < left || m.right > right);
  if (outside) return { ok: false, reason: `合并单元格 ${rangeToA1(outside)} 跨出了表格的列，无法在其中插入行：请先取消该合并` };
  const unmerge: RangePos[] = [...crossing];
  const merge: RangePos[] = crossing.map((m) => ({ ...m, bottom: m.bottom + 1 }));

  // 一级/二级 of the new row: continue the run above (its merged area one row longer, or the name repeated), or start one
  const cells: RenderCell[] = [];
  const prompts: RenderPrompt[] = [];
  const center = { wrap: true, align: 'center' as const, valign: 'middle' as const };
  const first = rows[0].row;
  const last = rows[rows.length - 1].row;
  const level = (role: 'level1' | 'level2', continues: boolean, name: string) => {
    const c = cols[role];
    if (!c) return;
    const write = () => {
      cells.push({ row: newRow, col: c.col, value: name, ...center });
      if (c.right > c.col) merge.push({ top: newRow, left: c.col, bottom: newRow, right: c.right });
    };
    if (!continues) return write();
    if (crossing.some((m) => m.left === c.col)) return; // the run goes on below: its merged area grows (above)
    const run = merges.find((m) => m.left === c.col && m.bottom === ref.row && m.top < m.bottom);
    if (run) {
      unmerge.push(run);
      merge.push({ ...run, bottom: newRow });
      return;
    }
    if (ref.inherited[role]) return; // blank below the run's first row means "same as above": keep it blank
    const mergesColumn = merges.some((m) => m.left === c.col && m.top < m.bottom && m.top >= first && m.bottom <= last);
    if (!mergesColumn) return write(); // the names are written on every row
    // a one-row run in a table that merges its runs: merge it with the new row
    const own = merges.find((m) => m.top === ref.row && m.bottom === ref.row && m.left === c.col);
    if (own) unmerge.push(own);
    merge.push({ top: ref.row, left: c.col, bottom: newRow, right: c.right });
  };
  level('level1', sameL1, l1);
  level('level2', sameL2, l2);
  // a caption left of the 一级 column merged down the whole table (the 一体化 申报表's 绩效指标) that ends on the row above: one row longer
  const l1col = cols.level1?.col ?? 0;
  for (const m of merges) {
    if (m.bottom === newRow - 1 && m.top < m.bottom && m.right < l1col && m.left >= range.left && !unmerge.includes(m)) {
      unmerge.push(m);
      merge.push({ ...m, bottom: newRow });
    }
  }
  writeRow(cells, prompts, cols, newRow, tpl, year, () => true, rowExtras(profile));
  for (const [role, c] of Object.entries(cols) as [Role, Column][]) {
    if (role !== 'level1' && role !== 'level2' && c.right > c.col) merge.push({ top: newRow, left: c.col, bottom: newRow, right: c.right });
  }
  return {
    ok: true,
    plan: {
      sheet: block.sheet,
      mode: 'insert',
      row: newRow,
      shift: { row: newRow, left, right },
      unmerge,
      merge,
      cells,
      prompts,
      borders: [{ top: newRow, left: range.left, bottom: newRow, right: range.right }],
      note: `已在第 ${newRow + 1} 行插入“${indicator.name}”${where}，请填写指标值`,
    },
  };
}

/** What a format with 权重 and 指标方向性 columns (docs/domain.md §2.8) needs to fill them. */
interface RowExtras {
  /** the words of the direction column */
  directions: { positive: string; negative: string };
  /** the weight totals the format accepts (for the weight cell's prompt) */
  weightTotals: number[];
  /** what the format calls the split parts (指标性质 | 指标值 | 度量单位) */
  captions?: { op: string; num: string; unit: string };
}

function rowExtras(profile: Profile): RowExtras {
  const sv = profile.splitValue;
  return {
    directions: profile.rowsTemplate?.directions ?? { positive: '正向指标', negative: '反向指标' },
    weightTotals: profile.weightTotals ?? [],
    captions: sv ? { op: sv.operator[0], num: sv.number[0], unit: sv.unit[0] } : undefined,
  };
}

/**
 * The indicator's own cells on a row: 三级, description, the split 符号/计量单位 (指标性质/度量单位),
 * the 指标方向性 its operator implies; the value and the 权重 are left for the clerk, with prompts.
 */
function writeRow(
  cells: RenderCell[],
  prompts: RenderPrompt[],
  cols: Partial<Record<Role, Column>>,
  row: number,
  tpl: ReturnType<typeof toTemplateIndicator>,
  year: number | undefined,
  free: (role: Role) => boolean,
  extras: RowExtras,
): void {
  const style = { wrap: true, align: 'left' as const, valign: 'middle' as const };
  const put = (role: Role, value: CellValue, extra: Partial<RenderCell> = {}) => {
    const c = cols[role];
    if (!c || value === null || value === '' || !free(role)) return;
    cells.push({ row, col: c.col, value, ...style, ...extra });
  };
  put('level3', tpl.level3);
  put('description', tpl.description);
  const w = cols.weight;
  if (w && free('weight') && extras.weightTotals.length > 0) {
    // the weight is the clerk's: the project's weights must be shared out again to total an accepted figure
    prompts.push({
      range: { top: row, left: w.col, bottom: row, right: w.col },
      title: '权重',
      message: `填写本指标的权重，并调整其他指标的权重：本项目各指标权重合计应为${extras.weightTotals.join('或')}`,
    });
  }
  if (cols.operator || cols.unit) {
    const [symbol, , unit] = splitCells(tpl);
    put('operator', symbol, { align: 'center' });
    put('unit', unit, { align: 'center' });
    put('direction', directionFor(symbol, extras.directions), { align: 'center' });
    const at = cols.number;
    if (at) prompts.push({ range: { top: row, left: at.col, bottom: row, right: at.col }, title: tpl.level3.slice(0, 32), message: splitPrompt(tpl, extras.captions).slice(0, 255) });
    return;
  }
  const v = cols.value;
  if (v && free('value')) {
    cells.push({ row, col: v.col, value: null, ...style, align: 'center', numberFormat: TEXT_FORMAT });
    prompts.push({ range: { top: row, left: v.col, bottom: row, right: v.col }, title: tpl.level3.slice(0, 32), message: valuePrompt(tpl, year).slice(0, 255) });
  }
}

/** Where the plan writes, as A1 (for messages and tests). */
export function planCells(plan: AddIndicatorPlan): string[] {
  return plan.cells.map((c) => toA1(c.row, c.col));
}

/**
 * Carries a plan out on an in-memory grid sheet the way a host does: the listed merged areas undone,
 * the cells shifted down (values, number formats, merged areas below), the cells written, the merged
 * areas made. Throws when a written cell is not empty (the plan promised it would be).
 */
export function applyAddPlanToGrid(sheet: GridSheet, plan: AddIndicatorPlan): GridSheet {
  const same = (a: RangePos, b: RangePos) => a.top === b.top && a.left === b.left && a.bottom === b.bottom && a.right === b.right;
  sheet.merges = sheet.merges.filter((m) => !plan.unmerge.some((u) => same(u, m)));
  const s = plan.shift;
  if (s) {
    const move = <T>(grid: (T | undefined)[][] | undefined) => {
      if (!grid) return;
      for (let r = grid.length; r > s.row; r--) {
        for (let c = s.left; c <= s.right; c++) {
          const from = grid[r - 1]?.[c];
          grid[r] ??= [];
          grid[r][c] = from;
        }
      }
      for (let c = s.left; c <= s.right; c++) if (grid[s.row]) grid[s.row][c] = undefined;
    };
    move(sheet.values);
    move(sheet.formats);
    sheet.merges = sheet.merges.map((m) => (m.top >= s.row && m.left >= s.left && m.right <= s.right ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m));
  }
  for (const c of plan.cells) {
    const row = (sheet.values[c.row] ??= []);
    const old = row[c.col];
    if (old !== undefined && old !== null && old !== '') throw new Error(`${toA1(c.row, c.col)} 不是空单元格`);
    row[c.col] = c.value === null ? undefined : c.value;
    if (c.numberFormat !== undefined) {
      sheet.formats ??= [];
      (sheet.formats[c.row] ??= [])[c.col] = c.numberFormat;
    }
  }
  sheet.merges.push(...plan.merge.map((m) => ({ ...m })));
  return sheet;
}
