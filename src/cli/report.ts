/**
 * The JSON report of `jxmb check --format json` and its zod schema (the public shape):
 *
 *   { files: [{ file, error, unchecked, year, blocks: [{ index, sheet, name, range, profile }],
 *               diagnostics: [{ ruleId, severity, message, sheet, cell, block, related, fix }] }],
 *     summary: { files, errors, warnings, infos, unchecked } }
 *
 * `unchecked` is the reason a file that was read holds no recognised project table (null when it
 * does); `summary.unchecked` counts such files apart: they are not checked, never passing.
 *
 * `block` in a diagnostic is the 1-based index into the file's `blocks` (null for a
 * workbook-level diagnostic); `cell` is an A1 address on `sheet`.
 */
import { z } from 'zod';
import type { Diagnostic } from '../domain/model';
import { FixSchema, SeveritySchema } from '../domain/model';
import { blockName } from '../domain/rules/block-helpers';
import type { FileResult } from './check';

export const ReportBlockSchema = z.strictObject({
  index: z.number().int().positive(),
  sheet: z.string(),
  name: z.string(),
  range: z.string(),
  profile: z.string(),
});
export type ReportBlock = z.infer<typeof ReportBlockSchema>;

const A1_RANGE = /^\$?[A-Z]{1,3}\$?\d{1,7}(:\$?[A-Z]{1,3}\$?\d{1,7})?$/;

export const ReportDiagnosticSchema = z.strictObject({
  ruleId: z.string().min(1),
  severity: SeveritySchema,
  message: z.string().min(1),
  sheet: z.string(),
  cell: z.string().regex(A1_RANGE),
  block: z.number().int().positive().nullable(),
  related: z.array(z.string()),
  fix: FixSchema.nullable(),
});
export type ReportDiagnostic = z.infer<typeof ReportDiagnosticSchema>;

export const ReportFileSchema = z.strictObject({
  file: z.string(),
  error: z.string().min(1).nullable(),
  /** read, but no project table recognised in it: why (the file is not checked, never passing) */
  unchecked: z.string().min(1).nullable().optional(),
  year: z.number().int().nullable(),
  blocks: z.array(ReportBlockSchema),
  diagnostics: z.array(ReportDiagnosticSchema),
});
export type ReportFile = z.infer<typeof ReportFileSchema>;

export const SummarySchema = z.strictObject({
  files: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  infos: z.number().int().nonnegative(),
  /** files read in which no project table was recognised (未检查) */
  unchecked: z.number().int().nonnegative().optional(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const ReportSchema = z
  .strictObject({
    files: z.array(ReportFileSchema),
    summary: SummarySchema,
  })
  .superRefine((report, ctx) => {
    report.files.forEach((f, fi) => {
      f.blocks.forEach((b, bi) => {
        if (b.index !== bi + 1) ctx.addIssue({ code: 'custom', message: 'block index must be its 1-based position', path: ['files', fi, 'blocks', bi, 'index'] });
      });
      f.diagnostics.forEach((d, di) => {
        if (d.block !== null && d.block > f.blocks.length) {
          ctx.addIssue({ code: 'custom', message: 'diagnostic block out of range', path: ['files', fi, 'diagnostics', di, 'block'] });
        }
      });
    });
  });
export type Report = z.infer<typeof ReportSchema>;

/** The name shown for a block: its 项目名称, else its title (the same as in a diagnostic's block). */
export { blockName };

export function toReportFile(r: FileResult): ReportFile {
  const pos = new Map<number, number>();
  r.blocks.forEach((b, i) => pos.set(b.index, i + 1));
  return {
    file: r.input.display,
    error: r.error,
    unchecked: r.unchecked ?? null,
    year: r.year,
    blocks: r.blocks.map((b, i) => ({ index: i + 1, sheet: b.sheet, name: blockName(b), range: b.range, profile: b.profile })),
    diagnostics: r.diagnostics.map((d: Diagnostic) => ({
      ruleId: d.ruleId,
      severity: d.severity,
      message: d.message,
      sheet: d.sheet,
      cell: d.cell,
      block: d.block ? (pos.get(d.block.index) ?? null) : null,
      related: d.related ?? [],
      fix: d.fix ?? null,
    })),
  };
}

export function emptySummary(): Summary {
  return { files: 0, errors: 0, warnings: 0, infos: 0, unchecked: 0 };
}

export function addToSummary(s: Summary, r: FileResult): void {
  s.files += 1;
  if (r.unchecked !== undefined) s.unchecked = (s.unchecked ?? 0) + 1;
  for (const d of r.diagnostics) {
    if (d.severity === 'error') s.errors += 1;
    else if (d.severity === 'warning') s.warnings += 1;
    else s.infos += 1;
  }
}
