/**
 * The profile's totals relations (`profile.totals`: a total and the parts it must equal the sum
 * of), as one piece of logic: the rule total/funding-mismatch checks a table's amounts with it, and
 * a template header (src/domain/templates/header.ts) is checked and completed with it. A new
 * relation or a new money field is data in the profile, never code here.
 */
import { fieldCaption, type Profile, type TotalRelation } from './profile';

/** tolerance in the block's money unit */
export const AMOUNT_TOLERANCE = 0.005;

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/** The relation's sum of parts and how far the total is from it; `holds` within the tolerance. */
export function relationHolds(total: number, parts: number[]): { sum: number; diff: number; holds: boolean } {
  const sum = parts.reduce((s, a) => s + a, 0);
  const diff = Math.abs(total - sum);
  return { sum, diff, holds: diff <= AMOUNT_TOLERANCE + 1e-9 };
}

/** `预算数 = 财政资金 + 其他资金`, in the profile's captions. */
export function relationFormula(profile: Profile, rel: TotalRelation): string {
  const caption = (k: string) => fieldCaption(profile, k, k);
  return `${caption(rel.total)} = ${rel.parts.map(caption).join(' + ')}`;
}

/** The part that takes what the total leaves when fewer parts are given (the first by default). */
export function remainderPart(rel: TotalRelation): string {
  return rel.remainder ?? rel.parts[0];
}

export interface TotalsProblem {
  /** the field key the problem is shown at */
  field: string;
  message: string;
}

/**
 * Completes the amounts a clerk gave (by field key) with the profile's totals relations, or says
 * which relation they break, in the profile's captions:
 * - all of a relation given: the total must equal the sum of the parts (within the tolerance);
 * - the total and some parts: the parts given must not exceed it; the part left (or the
 *   relation's `remainder` part, the others then 0) takes what the total leaves;
 * - parts but no total: with the remainder part given, the missing parts are 0 and the total is
 *   their sum; without it (and no total from above), the clerk is asked for the total or the
 *   remainder part.
 * Relations are completed from the parts up (last relation first), then from the totals down (in
 * the profile's order), so a total that is a part of another relation (财政拨款) is derived both ways.
 */
export function completeTotals(profile: Profile, given: Record<string, number | undefined>): { amounts: Record<string, number | undefined> } | { problem: TotalsProblem } {
  const a: Record<string, number | undefined> = { ...given };
  const caption = (k: string) => fieldCaption(profile, k, k);
  const fmt = (n: number) => String(round6(n));
  const shown = (k: string) => `${caption(k)}（${fmt(a[k] as number)}）`;
  // from the parts up
  for (const rel of [...profile.totals].reverse()) {
    if (a[rel.total] !== undefined) continue;
    const givenParts = rel.parts.filter((k) => a[k] !== undefined);
    if (givenParts.length === 0) continue;
    if (a[remainderPart(rel)] === undefined) continue; // the total may come from above; asked for below if not
    for (const k of rel.parts) a[k] ??= 0;
    a[rel.total] = round6(rel.parts.reduce((s, k) => s + (a[k] as number), 0));
  }
  // from the totals down
  for (const rel of profile.totals) {
    const total = a[rel.total];
    if (total === undefined) continue;
    const missing = rel.parts.filter((k) => a[k] === undefined);
    const givenParts = rel.parts.filter((k) => a[k] !== undefined);
    const givenSum = givenParts.reduce((s, k) => s + (a[k] as number), 0);
    if (missing.length === 0) {
      const r = relationHolds(total, givenParts.map((k) => a[k] as number));
      if (!r.holds) {
        return {
          problem: {
            field: rel.total,
            message: `${shown(rel.total)}应等于${rel.parts.map(shown).join('+ ')}= ${fmt(r.sum)}`,
          },
        };
      }
      continue;
    }
    if (givenSum - total > AMOUNT_TOLERANCE) {
      const what = givenParts.length === 1 ? shown(givenParts[0]) : `${givenParts.map(caption).join('、')}（${fmt(givenSum)}）`;
      return { problem: { field: givenParts[0], message: `${what}不能大于${shown(rel.total)}` } };
    }
    const rest = missing.includes(remainderPart(rel)) ? remainderPart(rel) : missing[0];
    for (const k of missing) a[k] = k === rest ? Math.max(0, round6(total - givenSum)) : 0;
  }
  // parts left without their total
  for (const rel of profile.totals) {
    const givenParts = rel.parts.filter((k) => a[k] !== undefined);
    if (a[rel.total] !== undefined || givenParts.length === 0) continue;
    const others = givenParts.map(shown).join('、');
    return { problem: { field: rel.total, message: `填写了${others}时，应同时填写${caption(rel.total)}或${caption(remainderPart(rel))}` } };
  }
  return { amounts: a };
}
