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
  if (!profile.template) return ['name', 'budget', 'fiscal', 'other', 'year'];
  const written = new Set(profile.template.rows.flat().map((c) => c.value));
  return FIELDS.filter((f) => f === 'year' || written.has(f));
}

/** A stand-in that passes its field's own check, so the checks across fields still run (a valid 项目名称). */
const STAND_IN: Partial<Record<HeaderField, string>> = { name: '项目' };

/**
 * Every error of the form at once: a field's own errors, and those across fields (预算数 = 财政资金 +
 * 其他资金 …), which the schema checks only once every field parses — so they are checked again
 * with each erring field left out (or a stand-in where it is required).
 */
export function validateHeader(input: HeaderInput): HeaderValidation {
  const r = TemplateHeaderSchema.safeParse(input);
  if (r.success) return { ok: true, header: r.data };
  const errors: Partial<Record<HeaderField, string>> = {};
  const collect = (issues: { path: PropertyKey[]; message: string }[]) => {
    for (const issue of issues) {
      const key = issue.path[0];
      const field = (FIELDS as unknown[]).includes(key) ? (key as HeaderField) : 'name';
      errors[field] ??= issue.message;
    }
  };
  collect(r.error.issues);
  const rest: Record<string, unknown> = { ...(input as unknown as Record<string, unknown>) };
  for (const f of Object.keys(errors) as HeaderField[]) {
    if (STAND_IN[f] !== undefined) rest[f] = STAND_IN[f];
    else delete rest[f];
  }
  const again = TemplateHeaderSchema.safeParse(rest);
  if (!again.success) collect(again.error.issues);
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
