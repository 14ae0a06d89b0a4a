/**
 * A type's indicators as a given profile sees them: mapped into the profile's frame (frameMaps),
 * ordered by the profile's 一级/二级 order, with empty rows where the profile requires a 二级 the
 * type does not cover (the generic type: one empty row per 二级 — see `skeletonLevel2`), and the
 * rows the format fixes in every table (the 一体化 成本控制率 row) first under their 二级.
 */
import type { FixedIndicator, Profile } from '../profile';
import { parseValue } from '../value';
import { frameMaps, skeletonLevel2 } from './library';
import type { ProjectType, TemplateIndicator } from './types';

export interface ProfileIndicator {
  level1: string;
  level2: string;
  /** absent for an empty row the clerk fills (三级 name, description, value, basis all blank) */
  indicator?: TemplateIndicator;
}

const norm = (s: string) => s.replace(/\s+/g, '');

/** An indicator (of the template library or the 指标库, written in the hebei-project frame) in the frame of `profileId`. */
export function mapToProfile<T extends { level1: string; level2: string }>(ind: T, profileId: string): T {
  const fm = frameMaps.find((f) => f.profile === profileId);
  const hit = fm?.map.find((m) => norm(m.from[0]) === norm(ind.level1) && norm(m.from[1]) === norm(ind.level2));
  return hit ? { ...ind, level1: hit.to[0], level2: hit.to[1] } : ind;
}

/** A fixed row of the format as a template indicator (its value is the system's, a standard target). */
function fixedIndicator(f: FixedIndicator): TemplateIndicator {
  const p = parseValue(f.value);
  const valueKind = p.kind === 'percent' || p.kind === 'money' || p.kind === 'count' ? p.kind : 'qualitative';
  const ind: TemplateIndicator = { level1: f.level1, level2: f.level2, level3: f.level3, description: f.level3, valueKind, value: f.value, basis: '系统固定' };
  if (p.unit) ind.unit = p.unit;
  if (p.operatorExplicit) ind.operator = p.operator;
  return ind;
}

export function indicatorsForProfile(type: ProjectType, profile: Profile): ProfileIndicator[] {
  const own = type.indicators.map((i) => mapToProfile(i, profile.id));
  const fixed = (profile.fixedIndicators ?? []).filter((f) => !own.some((i) => norm(i.level3) === norm(f.level3))).map(fixedIndicator);
  const mapped = [...fixed, ...own];
  const rank = (i: { level1: string; level2: string }): [number, number] => {
    const a = profile.level1.findIndex((l) => norm(l.name) === norm(i.level1));
    const b = a < 0 ? -1 : profile.level1[a].level2.findIndex((l) => norm(l.name) === norm(i.level2));
    return [a < 0 ? 999 : a, b < 0 ? 999 : b];
  };
  const rows: (ProfileIndicator & { order: number })[] = mapped.map((indicator, order) => ({
    level1: indicator.level1,
    level2: indicator.level2,
    indicator,
    order,
  }));
  const covered = (l1: string, l2?: string) =>
    mapped.some((i) => norm(i.level1) === norm(l1) && (l2 === undefined || norm(i.level2) === norm(l2)));
  const generic = type.indicators.length === 0;
  let extra = 10_000;
  for (const l1 of profile.level1) {
    if (generic) {
      const preferred = l1.level2.filter((x) => skeletonLevel2.some((n) => norm(n) === norm(x.name)));
      const chosen = l1.requireEveryLevel2 ? l1.level2 : preferred.length > 0 ? preferred : l1.level2.slice(0, 1);
      for (const l2 of chosen) if (!covered(l1.name, l2.name)) rows.push({ level1: l1.name, level2: l2.name, order: extra++ });
      continue;
    }
    if (!l1.required) continue;
    if (l1.requireEveryLevel2) {
      for (const l2 of l1.level2) if (!covered(l1.name, l2.name)) rows.push({ level1: l1.name, level2: l2.name, order: extra++ });
    } else if (!covered(l1.name) && l1.level2.length > 0) {
      rows.push({ level1: l1.name, level2: l1.level2[0].name, order: extra++ });
    }
  }
  rows.sort((x, y) => {
    const [a1, b1] = rank(x);
    const [a2, b2] = rank(y);
    return a1 - a2 || b1 - b2 || x.order - y.order;
  });
  return rows.map(({ level1, level2, indicator }) => (indicator ? { level1, level2, indicator } : { level1, level2 }));
}
