/**
 * The template library's data shapes (docs/domain.md §8); the header a clerk fills before a block is
 * rendered is the profile's (./header.ts). Everything here is zod, so adding a project type is a data change that is validated
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
