/**
 * Finding a project type by what the clerk types: a part of its name, a keyword, or a whole project
 * name such as `2021年农村保洁员经费` (which contains the keyword `保洁`).
 */
import { profiles } from '../profiles';
import { projectTypes } from './library';
import type { ProjectType } from './types';

/** Removes whitespace and folds full-width ASCII to half-width, lower case. */
export function normalizeQuery(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toLowerCase();
}

/** How well a type matches a normalised query; 0 = no match. */
export function scoreType(type: ProjectType, q: string): number {
  if (q === '') return 1;
  const name = normalizeQuery(type.name);
  const parts = name.split('/').filter((p) => p !== '');
  let score = 0;
  const bump = (n: number) => {
    if (n > score) score = n;
  };
  if (q === type.id || q === name || parts.includes(q)) bump(100);
  if (name.includes(q)) bump(60 + q.length);
  for (const p of parts) if (p.length >= 2 && q.includes(p)) bump(70 + p.length);
  for (const k of type.keywords.map(normalizeQuery)) {
    if (k === q) bump(55);
    else if (k.includes(q)) bump(40 + q.length);
    else if (k.length >= 2 && q.includes(k)) bump(30 + k.length);
  }
  if (score === 0 && q.length >= 2 && normalizeQuery(type.description).includes(q)) bump(10);
  return score;
}

/**
 * Whether a type fits a profile: the profile is one of those it lists, or the type is the generic
 * one (no indicators of its own: it lays out whatever frame a registered profile has, a new format's too).
 */
export function typeFits(type: ProjectType, profileId: string): boolean {
  return type.profiles.includes(profileId) || (type.indicators.length === 0 && profiles.some((p) => p.id === profileId));
}

/** The formats a type fits, for the clerk: its profile ids, or 全部格式 for the generic type. */
export function fitsText(type: ProjectType): string {
  return type.indicators.length === 0 ? '全部格式' : type.profiles.join('、');
}

/**
 * Types matching `query`, best first (library order on ties); an empty query lists them all.
 * With `profileId`, only types that fit that profile.
 */
export function searchTypes(query: string, profileId?: string): ProjectType[] {
  const q = normalizeQuery(query);
  return projectTypes
    .map((type, order) => ({ type, order, score: scoreType(type, q) }))
    .filter((m) => m.score > 0 && (profileId === undefined || typeFits(m.type, profileId)))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .map((m) => m.type);
}

/** A type by its id or exact name (whitespace-insensitive), or undefined. */
export function findType(idOrName: string): ProjectType | undefined {
  const q = normalizeQuery(idOrName);
  return projectTypes.find((t) => t.id === q || normalizeQuery(t.name) === q);
}

/** The types that fit a profile, in library order. */
export function typesForProfile(profileId: string): ProjectType[] {
  return projectTypes.filter((t) => typeFits(t, profileId));
}
