/**
 * The pane's {@link PaneCatalog} built from the domain modules: profiles, rules, the project-type
 * library and the template header (the profile's: src/domain/templates/header.ts) — and the 指标库,
 * loaded on first use (./indicators.ts). Pure data — the same in Excel and in the preview.
 */
import type { Profile } from '../domain/profile';
import { profiles, getProfile } from '../domain/profiles';
import { allRules } from '../domain/rules';
import { findType, headerCaption, headerFields, parseHeaderByField, searchTypes } from '../domain/templates';
import type { HeaderField, HeaderInput, HeaderValidation, IndicatorsApi, PaneCatalog } from './host';

function profileOrUndefined(id: string): Profile | undefined {
  try {
    return getProfile(id);
  } catch {
    return undefined;
  }
}

/** The header fields a profile's template fills (the profile's; an unknown id: the default format's). */
export function headerFieldsOf(profile: Profile | undefined): HeaderField[] {
  return headerFields(profile ?? profiles[0]);
}

/** Validates the form for a profile (default: the default format); each message at its field. */
export function validateHeader(input: HeaderInput, profileId?: string): HeaderValidation {
  const profile = (profileId !== undefined ? profileOrUndefined(profileId) : undefined) ?? profiles[0];
  const r = parseHeaderByField(input, profile);
  if (r.ok) return { ok: true, header: r.header };
  const known = new Set(headerFields(profile));
  const errors: Partial<Record<HeaderField, string>> = {};
  for (const [key, message] of Object.entries(r.errors)) errors[known.has(key) ? key : 'name'] ??= message;
  return { ok: false, errors };
}

export function createCatalog(): PaneCatalog {
  let indicators: Promise<IndicatorsApi> | undefined;
  return {
    profiles: profiles.map((p) => ({ id: p.id, name: p.name, satisfactionFloor: p.satisfactionFloor })),
    rules: allRules.map((r) => ({ id: r.id, severity: r.severity, description: r.description, defaultOff: r.defaultOff, fixable: r.fixable })),
    defaultProfileId: profiles[0].id,
    searchTypes: (query, profileId) =>
      searchTypes(query, profileId).map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        keywords: t.keywords,
        profiles: t.profiles,
      })),
    validateHeader: (input, profileId) => validateHeader(input, profileId),
    headerFields(profileId) {
      return headerFieldsOf(profileOrUndefined(profileId));
    },
    indicators() {
      // its own chunk (the library's data and MiniSearch), fetched the first time; a failed fetch is tried again next time
      indicators ??= import(/* webpackChunkName: "indicators" */ './indicators').then(
        (m) => m.createIndicatorsApi(),
        (e: unknown) => {
          indicators = undefined;
          throw e;
        },
      );
      return indicators;
    },
    typeIndicatorNames(typeId) {
      return findType(typeId)?.indicators.map((i) => i.level3) ?? [];
    },
    headerLabels(profileId) {
      const p = profileOrUndefined(profileId) ?? profiles[0];
      return Object.fromEntries(headerFields(p).map((f) => [f, headerCaption(p, f)]));
    },
  };
}
