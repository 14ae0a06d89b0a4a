/**
 * A stacked block from its group of labels: whether the group is a project block at all (a label
 * structure, not inside a 部门整体 table), the profile it is read with, and the block read: its
 * labelled fields, 资金用途, plan, indicator table and the header lines above it.
 */
import type { Block, Field, IndicatorRow, Plan } from '../../domain/model';
import { BLOCK_FIELD_KEYS, type Profile } from '../../domain/profile';
import { canonicalLevel1, getProfile, profiles } from '../../domain/profiles';
import { readSplitValue } from '../../domain/split-value';
import {
  INDICATORS_SLOT,
  PLAN_SLOT,
  blockLabelOf,
  keyOfSlot,
  labelMoneyUnit,
  looksLikeTitle,
  moneyUnitOf,
  normLabel,
  vocabulary,
  type BlockField,
  type IndicatorColumn,
  type SplitPart,
} from '../labels';
import { BlockCells, MAX_VALUE_SCAN, rowIsBlank, sameLabel, valueFrom, valueRight, type Hit, type Pos, type SheetCtx } from './context';
import type { Group } from './anchors';
import { YEAR_LINE_RE } from './year';

/** Checkpoints a plan header can hold. */
const MAX_CHECKPOINTS = 12;
/** Rows above a block's first label that may hold its unit line and title. */
const MAX_HEADER_ROWS = 3;

/** Rows above a block searched for the marks of a 部门整体 table (its title, 年度主要任务). */
const MAX_MARKER_ROWS = 40;

export interface BuiltBlock {
  block: Omit<Block, 'index'>;
  top: number;
  bottom: number;
  /** a `（2024年度）` line in the block's header */
  year?: number;
}

/** Why a group of labels is not a project block. */
export type NotProject = 'structure' | 'department';

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

export function buildBlock(ctx: SheetCtx, g: Group, prevBottom: number, forced: Profile | undefined): BuiltBlock | NotProject {
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
