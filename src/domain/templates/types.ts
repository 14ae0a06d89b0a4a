/**
 * The template library's data shapes (docs/domain.md §8) and the header a clerk fills before a block is
 * rendered. Everything here is zod, so adding a project type is a data change that is validated
 * when the library loads.
 *
 * Value policy (what a template pre-fills in 指标值):
 * - only *standard targets* are pre-filled: satisfaction `≥90%`, and `100%` for rates that by the
 *   nature of the spending must be complete — money paid in full and on time to those entitled
 *   (发放率, 到位率, 足额发放率, 支付/发放及时率, 准确率) and works that must pass acceptance
 *   (验收合格率). These do not depend on the project's size or place;
 * - everything else — counts, money, dates, other rates (参与率, 完成率…) and qualitative outcomes —
 *   is left blank: the clerk supplies it and the checker (indicator/missing-value) asks for it.
 *   The kind of value, its unit and operator are kept as a hint: they become the cell's input
 *   prompt (shown when the cell is selected), never cell content.
 */
import { z } from 'zod';

export const ValueKindSchema = z.enum(['count', 'percent', 'money', 'date', 'qualitative']);
export type ValueKind = z.infer<typeof ValueKindSchema>;

export const TemplateOperatorSchema = z.enum(['≥', '≤', '=', '>', '<']);
export type TemplateOperator = z.infer<typeof TemplateOperatorSchema>;

/** Standard target: `[≥|≤|=]N%` with 0 ≤ N ≤ 100. */
const STANDARD_TARGET_RE = /^(≥|≤|=)?(\d{1,3}(?:\.\d+)?)%$/;

export const TemplateIndicatorSchema = z
  .object({
    level1: z.string().min(1),
    level2: z.string().min(1),
    level3: z.string().min(1),
    /** 绩效指标描述 */
    description: z.string().min(1),
    valueKind: ValueKindSchema,
    /** unit of the value: `人`, `个`, `次`, `万元`, `元/人/月`, `%`… (a hint for the clerk) */
    unit: z.string().min(1).optional(),
    /** the usual operator (`≥` for counts and rates, `≤` for costs) — a hint */
    operator: TemplateOperatorSchema.optional(),
    /** only for standard targets (see the value policy above), e.g. `≥90%`, `100%` */
    value: z.string().optional(),
    /** suggested 指标值确定依据 */
    basis: z.string().min(1),
    /** extra words for the clerk's prompt, e.g. `如：提升、保持稳定` */
    hint: z.string().optional(),
  })
  .superRefine((ind, ctx) => {
    if (ind.valueKind === 'percent' && ind.unit !== undefined && ind.unit !== '%') {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `百分比指标“${ind.level3}”的单位应为“%”，而不是“${ind.unit}”` });
    }
    if ((ind.valueKind === 'count' || ind.valueKind === 'money') && ind.unit === undefined) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `指标“${ind.level3}”是数量或金额，应给出单位` });
    }
    if (ind.valueKind === 'money' && ind.operator !== undefined && (ind.operator === '≥' || ind.operator === '>')) {
      ctx.addIssue({ code: 'custom', path: ['operator'], message: `金额指标“${ind.level3}”应使用“≤”，不应使用“${ind.operator}”` });
    }
    if (ind.value !== undefined) {
      const m = STANDARD_TARGET_RE.exec(ind.value);
      if (ind.valueKind !== 'percent' || !m || Number(m[2]) > 100) {
        ctx.addIssue({
          code: 'custom',
          path: ['value'],
          message: `指标“${ind.level3}”的预填值“${ind.value}”不是标准目标：只有百分比（如“≥90%”“100%”）可以预填，其余留空由填报人填写`,
        });
      }
    }
  });
export type TemplateIndicator = z.infer<typeof TemplateIndicatorSchema>;

export const ProjectTypeSchema = z.object({
  /** stable id, e.g. `rural-cleaners` */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  /** shown to the clerk, e.g. `农村保洁员经费` */
  name: z.string().min(1),
  /** search words: parts of usual project names (`保洁`, `环卫`) */
  keywords: z.array(z.string().min(1)),
  /** profile ids the type fits */
  profiles: z.array(z.string().min(1)).min(1),
  description: z.string().min(1),
  /**
   * typical indicators, written in the hebei-project frame (产出指标/成本指标 …); a profile with a
   * different frame maps them through the library's frame maps. An empty list is the generic type:
   * the renderer then inserts one empty row per 二级 the profile requires.
   */
  indicators: z.array(TemplateIndicatorSchema),
  /** what the 绩效目标 text usually says (a prompt, never cell content) */
  goalHint: z.string().optional(),
  /** what the 资金用途 text usually says (a prompt, never cell content) */
  usageHint: z.string().optional(),
});
export type ProjectType = z.infer<typeof ProjectTypeSchema>;

/** How a profile with another indicator frame reads the library's hebei-frame (一级, 二级) pairs. */
export const FrameMapSchema = z.object({
  profile: z.string().min(1),
  map: z.array(
    z.object({
      from: z.tuple([z.string().min(1), z.string().min(1)]),
      to: z.tuple([z.string().min(1), z.string().min(1)]),
    }),
  ),
});
export type FrameMap = z.infer<typeof FrameMapSchema>;

// ---------------------------------------------------------------------------------------------
// The header a clerk fills before inserting a block.

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

export const TemplateHeaderInputSchema = z.object({
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
  /** 预算数 */
  budget: moneyField('预算数'),
  /** 其中：财政资金 */
  fiscal: moneyField('财政资金'),
  /** 其他资金 */
  other: moneyField('其他资金'),
  /** 一体化 layout: 财政拨款 其中：上级补助 */
  fiscalUpper: moneyField('上级补助'),
  /** 一体化 layout: 财政拨款 其中：本级安排 */
  fiscalLocal: moneyField('本级安排'),
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
});
export type TemplateHeaderInput = z.input<typeof TemplateHeaderInputSchema>;

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;
const TOLERANCE = 0.005;

/**
 * The validated header. The funding fields are completed when one of them can be derived:
 * budget only → 财政资金 = 预算数, 其他资金 = 0; two of the three → the third. All three given must
 * add up (预算数 = 财政资金 + 其他资金, within 0.005). The same for the 一体化 split of 财政拨款:
 * 财政资金 = 上级补助 + 本级安排; 财政资金 only → 本级安排 = 财政资金, 上级补助 = 0.
 */
export const TemplateHeaderSchema = TemplateHeaderInputSchema.transform((h, ctx) => {
  let { budget, fiscal, other } = h;
  const fmt = (n: number) => String(round6(n));
  if (budget !== undefined && fiscal !== undefined && other !== undefined) {
    if (Math.abs(fiscal + other - budget) > TOLERANCE) {
      ctx.addIssue({
        code: 'custom',
        path: ['budget'],
        message: `预算数（${fmt(budget)}）应等于财政资金（${fmt(fiscal)}）+ 其他资金（${fmt(other)}）= ${fmt(fiscal + other)}`,
      });
      return z.NEVER;
    }
  } else if (budget !== undefined && fiscal !== undefined) {
    if (fiscal - budget > TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: ['fiscal'], message: `财政资金（${fmt(fiscal)}）不能大于预算数（${fmt(budget)}）` });
      return z.NEVER;
    }
    other = Math.max(0, round6(budget - fiscal));
  } else if (budget !== undefined && other !== undefined) {
    if (other - budget > TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: ['other'], message: `其他资金（${fmt(other)}）不能大于预算数（${fmt(budget)}）` });
      return z.NEVER;
    }
    fiscal = Math.max(0, round6(budget - other));
  } else if (budget !== undefined) {
    fiscal = budget;
    other = 0;
  } else if (fiscal !== undefined) {
    other = other ?? 0;
    budget = round6(fiscal + other);
  } else if (other !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['budget'], message: `填写了其他资金（${fmt(other)}）时，应同时填写预算数或财政资金` });
    return z.NEVER;
  }
  // 财政资金 (财政拨款) = 上级补助 + 本级安排
  let { fiscalUpper, fiscalLocal } = h;
  if (fiscalUpper !== undefined || fiscalLocal !== undefined) {
    const sum = (fiscalUpper ?? 0) + (fiscalLocal ?? 0);
    if (fiscal === undefined) {
      ctx.addIssue({ code: 'custom', path: ['fiscal'], message: `填写了上级补助或本级安排时，应同时填写预算数或财政资金` });
      return z.NEVER;
    }
    if (fiscalUpper !== undefined && fiscalLocal !== undefined) {
      if (Math.abs(sum - fiscal) > TOLERANCE) {
        ctx.addIssue({
          code: 'custom',
          path: ['fiscal'],
          message: `财政资金（${fmt(fiscal)}）应等于上级补助（${fmt(fiscalUpper)}）+ 本级安排（${fmt(fiscalLocal)}）= ${fmt(sum)}`,
        });
        return z.NEVER;
      }
    } else if (sum - fiscal > TOLERANCE) {
      ctx.addIssue({ code: 'custom', path: ['fiscal'], message: `上级补助或本级安排（${fmt(sum)}）不能大于财政资金（${fmt(fiscal)}）` });
      return z.NEVER;
    } else if (fiscalUpper !== undefined) {
      fiscalLocal = Math.max(0, round6(fiscal - fiscalUpper));
    } else {
      fiscalUpper = Math.max(0, round6(fiscal - (fiscalLocal ?? 0)));
    }
  } else if (fiscal !== undefined) {
    fiscalLocal = fiscal;
    fiscalUpper = 0;
  }
  return { ...h, budget, fiscal, other, fiscalUpper, fiscalLocal };
});
export type TemplateHeader = z.output<typeof TemplateHeaderSchema>;

export type HeaderResult = { ok: true; header: TemplateHeader } | { ok: false; errors: string[] };

/** Validates a header; on failure returns Chinese messages that name the field. */
export function parseHeader(input: TemplateHeaderInput | Record<string, unknown>): HeaderResult {
  const r = TemplateHeaderSchema.safeParse(input);
  if (r.success) return { ok: true, header: r.data };
  return { ok: false, errors: r.error.issues.map((i) => i.message) };
}
