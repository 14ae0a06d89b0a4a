/**
 * The pane's {@link PaneCatalog} built from the domain modules: profiles, rules, the project-type
 * library and the template header schema. Pure data — the same in Excel and in the preview.
 */
import { fieldSpec, type Profile } from '../domain/profile';
import { profiles, getProfile } from '../domain/profiles';
import { allRules } from '../domain/rules';
import { groupByLevel2, suggestIndicators } from '../domain/indicators';
import { findType, searchTypes, TemplateHeaderSchema } from '../domain/templates';
import type { HeaderField, HeaderInput, HeaderValidation, PaneCatalog } from './host';

const FIELDS: HeaderField[] = ['name', 'code', 'budget', 'fiscal', 'fiscalUpper', 'fiscalLocal', 'other', 'year'];

function profileOrUndefined(id: string): Profile | undefined {
  try {
    return getProfile(id);
  } catch {
    return undefined;
  }
}

/**
 * The header fields a profile's template fills: the field values its template writes (a block
 * format), or the list's name and amounts (a list has no project code). The year is always asked.
 */
export function headerFieldsOf(profile: Profile | undefined): HeaderField[] {
  if (!profile) return FIELDS.filter((f) => f !== 'fiscalUpper' && f !== 'fiscalLocal');
  if (profile.rowsTemplate) {
    const columns = new Set<string>(profile.rowsTemplate.columns);
    return FIELDS.filter((f) => f === 'year' || columns.has(f));
  }
  if (!profile.template) return ['name', 'budget', 'fiscal', 'other', 'year'];
  const written = new Set(profile.template.rows.flat().map((c) => c.value));
  return FIELDS.filter((f) => f === 'year' || written.has(f));
}

export function validateHeader(input: HeaderInput): HeaderValidation {
  const r = TemplateHeaderSchema.safeParse(input);
  if (r.success) return { ok: true, header: r.data };
  const errors: Partial<Record<HeaderField, string>> = {};
  for (const issue of r.error.issues) {
    const key = issue.path[0];
    const field = (FIELDS as unknown[]).includes(key) ? (key as HeaderField) : 'name';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

export function createCatalog(): PaneCatalog {
  return {
    profiles: profiles.map((p) => ({ id: p.id, name: p.name, satisfactionFloor: p.satisfactionFloor })),
    rules: allRules.map((r) => ({ id: r.id, severity: r.severity, description: r.description, defaultOff: r.defaultOff })),
    defaultProfileId: profiles[0].id,
    searchTypes: (query, profileId) =>
      searchTypes(query, profileId).map((t) => ({
        id: t.id,
        name: t.name,
        description: t.description,
        keywords: t.keywords,
        profiles: t.profiles,
      })),
    validateHeader: (input) => validateHeader(input),
    headerFields(profileId) {
      return headerFieldsOf(profileOrUndefined(profileId));
    },
    suggest(query) {
      const list = suggestIndicators({ ...query, profileId: query.profileId && profileOrUndefined(query.profileId) ? query.profileId : undefined });
      return groupByLevel2(list, query.profileId && profileOrUndefined(query.profileId) ? query.profileId : undefined);
    },
    typeIndicatorNames(typeId) {
      return findType(typeId)?.indicators.map((i) => i.level3) ?? [];
    },
    headerLabels(profileId) {
      const p = profileOrUndefined(profileId);
      if (!p) return {};
      const out: Partial<Record<HeaderField, string>> = {};
      for (const f of headerFieldsOf(p)) {
        const spec = fieldSpec(p, f);
        if (spec) out[f] = spec.money ? `${spec.caption}（${p.moneyUnit}）` : spec.caption;
      }
      return out;
    },
  };
}
