/**
 * Shared reading of indicator rows for the indicator/value/text rules: canonical 一级/二级 through
 * the profile, which rows are cost or satisfaction indicators, and the parsed 指标值.
 */
import type { Block, IndicatorRow } from '../../model';
import type { Profile } from '../../profile';
import { canonicalLevel1, canonicalLevel2 } from '../../profiles';
import type { RuleContext } from '../../rule';
import { readSplitValue, type SplitParts, type SplitReading } from '../../split-value';
import { normLabel, quote } from '../../text';
import { parseShown, type ParsedValue } from '../../value';
import { fieldText } from '../block-helpers';

export interface ResolvedRow {
  row: IndicatorRow;
  /** canonical 一级, or undefined when unknown/blank */
  level1?: string;
  /** canonical 二级, or undefined when unknown/blank */
  level2?: string;
  /** 三级 name, normalised (no spaces, half-width) */
  name: string;
  value: ParsedValue;
  /** a split 指标值 whose cells do not make one value (a value/split-* rule reports it) */
  splitBroken: boolean;
}

/** The text of a field as the clerk sees it (the rules' one reading, from block-helpers). */
export { fieldText };

/** True for the project blocks rules look into (a disclosure list's unit/department rows are not projects). */
export function isProjectBlock(block: Block): boolean {
  return !block.listRole || block.listRole === 'project';
}

export function resolveRow(profile: Profile, row: IndicatorRow): ResolvedRow {
  const l1 = canonicalLevel1(profile, fieldText(row.level1));
  const l2 = l1 ? canonicalLevel2(profile, l1.canonical, fieldText(row.level2)) : undefined;
  return {
    row,
    level1: l1?.canonical,
    level2: l2?.canonical,
    name: normLabel(fieldText(row.level3)),
    value: parseShown(row.value.value, row.value.numberFormat, row.value.text),
    splitBroken: row.split !== undefined && readSplitValue(row.split).broken,
  };
}

const resolved = new WeakMap<Block, { profile: Profile; indicators: IndicatorRow[]; rows: ResolvedRow[] }>();

/** The block's rows resolved through the profile (memoised per block object: every rule reads them). */
export function resolveRows(profile: Profile, block: Block): ResolvedRow[] {
  const hit = resolved.get(block);
  if (hit && hit.profile === profile && hit.indicators === block.indicators) return hit.rows;
  const rows = block.indicators.map((r) => resolveRow(profile, r));
  resolved.set(block, { profile, indicators: block.indicators, rows });
  return rows;
}

/**
 * The rows the value rules read: those whose 指标值 is one value (a split 符号 | 值 | 计量单位 that
 * does not make one is left to the value/split-* rules).
 */
export function valueRows(profile: Profile, block: Block): ResolvedRow[] {
  return resolveRows(profile, block).filter((r) => !r.splitBroken);
}

/** A row of a split 指标值 as the value/split-* rules read it. */
export interface SplitRow {
  row: ResolvedRow;
  split: SplitParts;
  reading: SplitReading;
  /** the 三级 name for a message */
  name: string;
}

/** The rows of the block being checked whose 指标值 is split (符号 | 值 | 计量单位). */
export function splitRows(ctx: RuleContext): SplitRow[] {
  const block = ctx.block;
  if (!block || !isProjectBlock(block)) return [];
  const out: SplitRow[] = [];
  for (const r of resolveRows(ctx.profile, block)) {
    const split = r.row.split;
    if (split) out.push({ row: r, split, reading: readSplitValue(split), name: quote(fieldText(r.row.level3) || '（未填名称）', 30) });
  }
  return out;
}

/**
 * What the format calls the three parts of a split 指标值, for messages: `符号 | 值 | 计量单位`
 * (hebei-yth-info), `指标性质 | 指标值 | 度量单位` (sichuan-yth-annual) — the first label of each.
 */
export function splitCaptions(profile: Profile): { opCol: string; numCol: string; unitCol: string } {
  const sv = profile.splitValue;
  return { opCol: sv?.operator[0] ?? '符号', numCol: sv?.number[0] ?? '值', unitCol: sv?.unit[0] ?? '计量单位' };
}

/** Which part of a split 指标值 a problem is about. */
export type ValuePart = 'operator' | 'number' | 'unit';

/**
 * The cell a value problem points at: the 指标值 cell, or for a split value (符号 | 值 | 计量单位)
 * the part that is wrong.
 */
export function valueCell(row: IndicatorRow, part: ValuePart): string {
  return row.split ? row.split[part].cell : row.value.cell;
}

/** For a split value: the part that says the value is qualitative (定性) — else `fallback`. */
export function qualitativePart(r: ResolvedRow, fallback: ValuePart): ValuePart {
  return r.row.split && readSplitValue(r.row.split).operator === 'qualitative' ? 'operator' : fallback;
}

/** 成本指标: the 二级 成本指标 (hebei) or anything under the 一级 成本指标 (central-2021). */
export function isCostRow(r: ResolvedRow): boolean {
  return r.level2 === '成本指标' || r.level1 === '成本指标';
}

/** under 满意度指标 but counting complaints, not satisfaction */
const COMPLAINT = /投诉|差评|举报|信访|不满意/;

/**
 * A satisfaction indicator: named …满意度/满意率 (`信访群众满意度` too, not `不满意率`), or any other
 * row under 满意度指标 that does not count complaints (`投诉率`, `信访件数`).
 */
export function isSatisfactionRow(r: ResolvedRow): boolean {
  if (!r.name || /不满意/.test(r.name)) return false;
  if (/满意(度|率)/.test(r.name)) return true;
  return r.level1 === '满意度指标' && !COMPLAINT.test(r.name);
}

/** A fix may rewrite a cell only in block layouts: a disclosure list keeps all indicators in one text cell. */
export function canFixCell(profile: Profile): boolean {
  return profile.layout !== 'list';
}

/**
 * Where a block-level indicator problem points: the block's indicator header label; for a
 * disclosure-list row (whose header is shared by all rows) its own 绩效指标 cell, else its anchor.
 */
export function indicatorsAnchor(block: Block): string {
  if (block.listRole) return block.indicators[0]?.level1.cell ?? block.anchor;
  return block.labels?.indicators ?? block.indicators[0]?.level1.cell ?? block.anchor;
}

/** The row's 三级 name is filled in. */
export function hasName(r: ResolvedRow): boolean {
  return r.name !== '';
}
