/**
 * The header a clerk fills before a template is inserted, as a function of the profile: its fields
 * are the profile's (the name and code when the format has them, every money field its template
 * writes), named by their captions, and its amounts are completed and checked with the profile's
 * totals relations (src/domain/totals.ts, the same logic the rule total/funding-mismatch uses).
 * The pane's form, the renderer (src/sheet/render.ts) and `jxmb template --field 名称=值` all
 * read it from here. A made-up province with another money field needs no code here.
 */
import { z } from 'zod';
import { fieldSpec, type FieldSpec, type Profile } from '../profile';
import { profiles } from '../profiles';
import { completeTotals } from '../totals';

const blankToUndefined = (v: unknown): unknown => {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' && v.trim() === '') return undefined;
  return v;
};

/** A money field: a number, or a numeric text (`20`, `20.50`, `1,200.00`); blank = not given. */
function moneyField(label: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .union([z.number(), z.string()])
      .transform((v, ctx): number => {
        const text = typeof v === 'number' ? String(v) : v.trim();
        const n = typeof v === 'number' ? v : /^[+-]?\d[\d,]*(\.\d+)?$|^[+-]?\.\d+$/.test(text) ? Number(text.replace(/,/g, '')) : NaN;
        if (!Number.isFinite(n)) {
          ctx.addIssue({ code: 'custom', message: `${label}“${text}”不是数字，应填写金额，如“20.00”` });
          return z.NEVER;
        }
        if (n < 0) {
          ctx.addIssue({ code: 'custom', message: `${label}不能为负数（填的是“${text}”），应填写不小于0的金额` });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  );
}

const CODE_RE = /^[0-9A-Z]{21}$/;

/** The header fields every format's template may carry besides its money fields. */
const COMMON_FIELDS = {
  /** 项目名称 */
  name: z.preprocess(blankToUndefined, z.string().trim().optional()),
  /** 项目编码: 21 × [0-9A-Z] (lower case is accepted and upper-cased) */
  code: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .transform((s, ctx) => {
        const up = s.replace(/\s+/g, '').toUpperCase();
        if (!CODE_RE.test(up)) {
          ctx.addIssue({
            code: 'custom',
            message: `项目编码“${s}”格式不对：应为21位数字或大写字母（如“130322210QXP1WKIBNS3X”），现为${up.length}位`,
          });
          return z.NEVER;
        }
        return up;
      })
      .optional(),
  ),
  /** budget year */
  year: z.preprocess(
    blankToUndefined,
    z
      .union([z.number(), z.string()])
      .transform((v, ctx): number => {
        const text = String(v).trim();
        const n = /^\d{4}$/.test(text) ? Number(text) : NaN;
        if (!Number.isInteger(n) || n < 2000 || n > 2099) {
          ctx.addIssue({ code: 'custom', message: `预算年度“${text}”不对：应为四位年份，如“2025”` });
          return z.NEVER;
        }
        return n;
      })
      .optional(),
  ),
  /** 单位名称 (the unit line, e.g. `昌黎县安山镇人民政府本级`) */
  unitName: z.preprocess(blankToUndefined, z.string().trim().optional()),
  /** 单位编码 (e.g. `813001`), written before the unit name / in the disclosure list's unit row */
  unitCode: z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((s) => /^\d{3,12}$/.test(s), { message: '单位编码应为3到12位数字，如“813001”' })
      .optional(),
  ),
  /** money unit of the block; absent = the format's own (`单位：万元`, the 一体化 申报表's 元) */
  moneyUnit: z.preprocess(blankToUndefined, z.enum(['万元', '元'], { message: '金额单位应为“万元”或“元”' }).optional()),
  /** 资金支出计划 in percentage points (cumulative), one per checkpoint; absent = left blank for the clerk */
  plan: z.preprocess(
    blankToUndefined,
    z
      .union([z.array(z.union([z.number(), z.string()])), z.string()])
      .transform((v, ctx): number[] => {
        const parts = typeof v === 'string' ? v.split(/[,，、\s]+/).filter((s) => s !== '') : v;
        const nums = parts.map((p) => (typeof p === 'number' ? p : Number(String(p).replace(/[%％]$/, ''))));
        const shown = parts.join('、');
        if (nums.some((n) => !Number.isFinite(n) || n < 0 || n > 100)) {
          ctx.addIssue({ code: 'custom', message: `资金支出计划“${shown}”不对：每期应为0到100之间的累计百分比，如“25,50,75,100”` });
          return z.NEVER;
        }
        for (let i = 1; i < nums.length; i++) {
          if (nums[i] < nums[i - 1]) {
            ctx.addIssue({ code: 'custom', message: `资金支出计划“${shown}”不对：按累计百分比填写，应逐期不减` });
            return z.NEVER;
          }
        }
        if (nums.length === 0 || nums[nums.length - 1] !== 100) {
          ctx.addIssue({ code: 'custom', message: `资金支出计划“${shown}”不对：最后一期应为100%` });
          return z.NEVER;
        }
        return nums;
      })
      .optional(),
  ),
};

/** The input a header is parsed from: texts or numbers by field key (blank = not given). */
export type TemplateHeaderInput = Record<string, unknown>;

/**
 * The validated header: the common fields, and the amounts of the profile's money fields by key
 * (`budget`, `fiscal`, `fiscalUpper` …), completed with the profile's totals.
 */
export interface TemplateHeader {
  name?: string;
  code?: string;
  year?: number;
  unitName?: string;
  unitCode?: string;
  moneyUnit?: '万元' | '元';
  plan?: number[];
  [moneyField: string]: string | number | number[] | undefined;
}

/** The amount of a money field in a header, if given (or derived). */
export function headerAmount(header: TemplateHeader, key: string): number | undefined {
  const v = header[key];
  return typeof v === 'number' ? v : undefined;
}

/** The profile's money fields (in its order). */
export function moneyFields(profile: Profile): FieldSpec[] {
  return profile.fields.filter((f) => f.money);
}

/** The money fields a header of this profile carries: those its template writes, or all of a list's. */
function headerMoneyFields(profile: Profile): FieldSpec[] {
  if (!profile.template) return moneyFields(profile);
  const written = new Set(profile.template.rows.flat().map((c) => c.value));
  return moneyFields(profile).filter((f) => written.has(f.key));
}

/**
 * The header fields the pane's form and `jxmb template --field` ask for, in this order: the name,
 * the code (when the format's template writes one), the money fields, the year. A list format has
 * no code: its code column is the unit's.
 */
export function headerFields(profile: Profile): string[] {
  const written = profile.template ? new Set(profile.template.rows.flat().map((c) => c.value)) : undefined;
  const out: string[] = ['name'];
  if (written?.has('code')) out.push('code');
  for (const f of headerMoneyFields(profile)) out.push(f.key);
  out.push('year');
  return out;
}

/** How the form names a header field: its caption, a money field with the money unit (`资金总额（元）`). */
export function headerCaption(profile: Profile, key: string, moneyUnit: string = profile.moneyUnit): string {
  if (key === 'year') return '预算年度';
  const spec = fieldSpec(profile, key);
  if (!spec) return key === 'code' ? '项目编码' : key === 'name' ? '项目名称' : key;
  return spec.money ? `${spec.caption}（${moneyUnit}）` : spec.caption;
}

const schemas = new WeakMap<Profile, z.ZodType<TemplateHeader>>();

/** The header's zod schema for a profile (cached per profile object). */
export function headerSchema(profile: Profile): z.ZodType<TemplateHeader> {
  const cached = schemas.get(profile);
  if (cached) return cached;
  const money = headerMoneyFields(profile);
  const shape: Record<string, z.ZodType> = { ...COMMON_FIELDS };
  for (const f of money) shape[f.key] = moneyField(f.caption);
  const schema = z.object(shape).transform((h, ctx): TemplateHeader => {
    const given: Record<string, number | undefined> = {};
    for (const f of money) given[f.key] = h[f.key] as number | undefined;
    const r = completeTotals(profile, given);
    if ('problem' in r) {
      ctx.addIssue({ code: 'custom', path: [r.problem.field], message: r.problem.message });
      return z.NEVER;
    }
    return { ...(h as TemplateHeader), ...r.amounts };
  });
  schemas.set(profile, schema);
  return schema;
}

export type HeaderResult = { ok: true; header: TemplateHeader } | { ok: false; errors: string[] };

/**
 * Validates a header for a profile (default: the first registered, 河北 项目绩效目标表); on failure
 * returns Chinese messages that name the field in the profile's captions.
 */
export function parseHeader(input: TemplateHeaderInput, profile: Profile = profiles[0]): HeaderResult {
  const r = headerSchema(profile).safeParse(input);
  if (r.success) return { ok: true, header: r.data };
  return { ok: false, errors: r.error.issues.map((i) => i.message) };
}

/** Like {@link parseHeader}, with each message at the field it is about (the first per field). */
export function parseHeaderByField(input: TemplateHeaderInput, profile: Profile = profiles[0]): { ok: true; header: TemplateHeader } | { ok: false; errors: Record<string, string> } {
  const schema = headerSchema(profile);
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, header: r.data };
  const errors: Record<string, string> = {};
  const collect = (issues: readonly { path: PropertyKey[]; message: string }[]) => {
    for (const issue of issues) {
      const key = typeof issue.path[0] === 'string' ? issue.path[0] : 'name';
      errors[key] ??= issue.message;
    }
  };
  collect(r.error.issues);
  // Every error at once: the checks across fields (预算数 = 财政资金 + 其他资金 …) run only once every
  // field parses, so they are checked again with each erring field left out (a stand-in for 项目名称,
  // which is required), and their errors join the fields' own.
  const rest: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const key of Object.keys(errors)) {
    if (key === 'name') rest.name = '项目';
    else delete rest[key];
  }
  const again = schema.safeParse(rest);
  if (!again.success) collect(again.error.issues);
  return { ok: false, errors };
}
