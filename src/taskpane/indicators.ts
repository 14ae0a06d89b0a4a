/**
 * The 指标库 as the pane uses it. This module (with the library's data and MiniSearch) is its own
 * webpack chunk, `indicators.*.js`: the catalog imports it dynamically (./catalog.ts) the first time
 * the 指标库 tab or the template suggestions open, so the pane's first paint does not carry it.
 */
import { defaultSuggester, groupByLevel2 } from '../domain/indicators';
import { getProfile } from '../domain/profiles';
import type { IndicatorsApi, SuggestQueryInfo } from './host';

function knownProfile(id: string | undefined): string | undefined {
  if (!id) return undefined;
  try {
    getProfile(id);
    return id;
  } catch {
    return undefined;
  }
}

export function createIndicatorsApi(): IndicatorsApi {
  const suggester = defaultSuggester();
  const types = suggester.typeList();
  return {
    types,
    suggest(query: SuggestQueryInfo) {
      const profileId = knownProfile(query.profileId);
      const typeId = query.typeId === undefined || query.typeId === '' || types.some((t) => t.id === query.typeId) ? query.typeId : undefined;
      const r = suggester.suggestFor({ ...query, profileId, typeId });
      const keyword = r.typeBy === 'recognised' ? r.matches[0]?.keyword : undefined;
      return { type: r.type, typeBy: r.typeBy, ...(keyword ? { keyword } : {}), groups: groupByLevel2(r.suggestions, profileId) };
    },
  };
}
