/**
 * The pane's {@link PaneCatalog} built from the domain modules: profiles, rules, the project-type
 * library and the template header schema. Pure data — the same in Excel and in the preview.
 */
import { hasField } from '../domain/profile';
import { profiles, getProfile } from '../domain/profiles';
import { allRules } from '../domain/rules';
import { searchTypes, TemplateHeaderSchema } from '../domain/templates';
import type { HeaderField, HeaderInput, HeaderValidation, PaneCatalog } from './host';

const FIELDS: HeaderField[] = ['name', 'code', 'budget', 'fiscal', 'other', 'year'];

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
      let hasCode = true;
      try {
        hasCode = hasField(getProfile(profileId), 'code');
      } catch {
        /* unknown profile: show every field */
      }
      return FIELDS.filter((f) => f !== 'code' || hasCode);
    },
  };
}
