/**
 * A stacked block from its group of labels: whether the group is a project block at all (a label
 * structure, not inside a 部门整体 table), the profile it is read with, and the block put together
 * from its named parts — the labelled fields, 资金用途 and plan (fields.ts), the indicator table
 * (indicator-table.ts), the header above it (header.ts), then its range, anchor and other cells.
 */
import type { Block, Field } from '../../domain/model';
import { BLOCK_FIELD_KEYS, type Profile } from '../../domain/profile';
import { canonicalLevel1, getProfile, profiles } from '../../domain/profiles';
import { INDICATORS_SLOT, vocabulary } from '../labels';
import { BlockCells, MAX_VALUE_SCAN, rowIsBlank, sameLabel, type Hit, type SheetCtx } from './context';
import type { Group } from './anchors';
import { labelCells, readLabelledValues, readPlan, readUsage } from './fields';
import { labelledMoneyUnit, readBlockHeader } from './header';
import { readIndicatorRows } from './indicator-table';

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

/** The cells of the block's box that no field maps (a note, a stray value). */
function unmappedCells(ctx: SheetCtx, cells: BlockCells): Field[] {
  const otherCells: Field[] = [];
  for (let r = cells.top; r <= cells.bottom; r++) {
    const len = Math.min(ctx.rowLength(r), cells.right + 1);
    for (let c = cells.left; c < len; c++) {
      if (ctx.isEmpty(r, c) || cells.has(r, c)) continue;
      otherCells.push(ctx.field(r, c));
    }
  }
  return otherCells;
}

/** The block's anchor: its title, else its first label (top-left first), else its top-left cell. */
function blockAnchor(ctx: SheetCtx, g: Group, title: Field | undefined, cells: BlockCells): string {
  if (title) return title.cell;
  let first: Hit | undefined;
  for (const h of g.hits.values()) if (!first || h.row < first.row || (h.row === first.row && h.col < first.col)) first = h;
  return first ? ctx.addr(first.row, first.col) : ctx.addr(cells.top, cells.left);
}

/** A project block from a group of labels, or why the group is not one. */
export function buildBlock(ctx: SheetCtx, g: Group, prevBottom: number, forced: Profile | undefined): BuiltBlock | NotProject {
  const why = notProject(ctx, g, prevBottom);
  if (why) return why;
  const profile = chooseProfile(ctx, g, forced);

  const cells = new BlockCells(ctx);
  const labels = labelCells(ctx, g, cells);
  const values = readLabelledValues(ctx, g, cells);
  const usage = readUsage(ctx, g, profile, cells);
  if (usage) values.set('usage', usage);
  const plan = readPlan(ctx, g, cells);
  const indicators = g.indicators ? readIndicatorRows(ctx, g.indicators, cells) : [];
  // after the fields: the header is looked for within the columns they span
  const header = readBlockHeader(ctx, g, prevBottom, cells, labels, values.has('unitName'));
  const moneyUnit = header.moneyUnit ?? labelledMoneyUnit(ctx, g, profile);

  const { top, bottom, left, right } = cells;
  const block: Omit<Block, 'index'> = {
    profile: profile.id,
    sheet: ctx.sheet.name,
    range: ctx.range(top, left, bottom, right),
    anchor: blockAnchor(ctx, g, header.title, cells),
    moneyUnit: moneyUnit ?? profile.moneyUnit,
    labels,
    indicators,
    unparsed: [],
    otherCells: unmappedCells(ctx, cells),
  };
  if (header.title) block.title = header.title;
  if (header.unitName) block.unitName = header.unitName;
  if (plan) block.plan = plan;
  const own = block as Record<string, unknown>;
  for (const [key, f] of values) {
    if (OWN_FIELDS.has(key)) own[key] = f;
    else (block.extra ??= {})[key] = f;
  }
  return { block, top, bottom, year: header.year };
}
