/**
 * Which of the template library's project types a project is of, from what it is called (and,
 * failing that, what its 资金用途 says). The 指标库 records this for every project an indicator came
 * from; the suggestions prefer indicators of the types the clerk's project is of.
 */
import { projectTypes } from '../templates/library';
import { normalizeQuery, scoreType } from '../templates/search';

/** Type ids, best match first; [] when the name and the 资金用途 name no type. */
export function typesOfProject(name: string, usage?: string): string[] {
  const typed = projectTypes.filter((t) => t.indicators.length > 0);
  const q = normalizeQuery(name);
  const byName = q === '' ? [] : typed.map((t) => ({ id: t.id, score: scoreType(t, q) })).filter((m) => m.score > 0);
  if (byName.length > 0 || !usage) return byName.sort((a, b) => b.score - a.score).map((m) => m.id);
  // a 资金用途 is a sentence: only words of three characters or more say what the money is for
  const u = normalizeQuery(usage);
  return typed.filter((t) => [...t.keywords, ...t.name.split('/')].some((k) => k.length >= 3 && u.includes(normalizeQuery(k)))).map((t) => t.id);
}
