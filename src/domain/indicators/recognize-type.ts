/**
 * Which township project type a project is, from the words of its 项目名称, 资金用途 and 绩效目标:
 * each type's keywords (垃圾清运 → 垃圾清运; 道路维修养护 → 道路维修养护; 妇联 → 妇联). The name
 * counts most, then the 资金用途, then the 绩效目标; in each part a type scores its longest keyword
 * found (a longer word says more: `离任村干部` beats `村干部`), plus a little for every other one.
 */
import { toHalfWidth } from '../text';
import type { LibraryType } from './schema';

export interface TypeQuery {
  name: string;
  usage?: string;
  goal?: string;
}

export interface TypeMatch {
  id: string;
  name: string;
  score: number;
  /** the keyword that counted most, and the part it was found in */
  keyword: string;
  field: 'name' | 'usage' | 'goal';
}

const FIELD_WEIGHT = { name: 3, usage: 2, goal: 1 } as const;
/** what each other keyword found adds, against the longest */
const OTHERS = 0.25;
/** below this a match is not a type (a word of four characters or less in a 绩效目标 alone is not enough) */
const MIN_SCORE = 5;

const norm = (s: string | undefined) => toHalfWidth(s ?? '').replace(/\s+/g, '').toLowerCase();

/** Types the project may be, best first; [] when no type's words are in it. */
export function recognizeTypes(types: readonly Pick<LibraryType, 'id' | 'name' | 'keywords'>[], q: TypeQuery): TypeMatch[] {
  const parts = { name: norm(q.name), usage: norm(q.usage), goal: norm(q.goal) };
  const out: TypeMatch[] = [];
  for (const t of types) {
    let score = 0;
    let best: { keyword: string; field: TypeMatch['field']; weight: number } | undefined;
    for (const field of ['name', 'usage', 'goal'] as const) {
      const text = parts[field];
      if (text === '') continue;
      const found = t.keywords.map((k) => norm(k)).filter((k) => text.includes(k));
      if (found.length === 0) continue;
      const lengths = found.map((k) => Array.from(k).length).sort((a, b) => b - a);
      const w = FIELD_WEIGHT[field];
      score += w * (lengths[0] + OTHERS * lengths.slice(1).reduce((a, b) => a + b, 0));
      const longest = found.reduce((a, b) => (Array.from(b).length > Array.from(a).length ? b : a));
      if (!best || w * Array.from(longest).length > best.weight) best = { keyword: longest, field, weight: w * Array.from(longest).length };
    }
    if (best && score >= MIN_SCORE) out.push({ id: t.id, name: t.name, score: Math.round(score * 100) / 100, keyword: best.keyword, field: best.field });
  }
  return out.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}
