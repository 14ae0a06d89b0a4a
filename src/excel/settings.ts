/**
 * The clerk's settings for a workbook (profile, budget year, satisfaction floor, pacing, rule
 * severities, highlighting on/off), stored in the workbook itself (`context.workbook.settings`,
 * key `jxmb.settings`, a JSON string) so they travel with the file.
 */
import { z } from 'zod';
import { SeveritySchema } from '../domain/model';
import type { CheckSettings } from '../domain/rule';
import type { ExcelApi, XRequestContext, XSetting } from './api';

export const SETTINGS_KEY = 'jxmb.settings';

export const WorkbookSettingsSchema = z.object({
  /** profile id (one of the registered formats, src/domain/profiles.ts); absent = recognise */
  profile: z.string().optional(),
  year: z.number().int().min(1990).max(2100).optional(),
  satisfactionFloor: z.number().min(0).max(100).optional(),
  planPacing: z.boolean().optional(),
  rules: z.record(z.string(), z.union([SeveritySchema, z.literal('off')])).optional(),
  /** mark flagged cells in the sheet (default on) */
  highlighting: z.boolean().optional(),
});
export type WorkbookSettings = z.infer<typeof WorkbookSettingsSchema>;

export function parseSettings(value: unknown): WorkbookSettings {
  if (typeof value !== 'string' || value === '') return {};
  try {
    const r = WorkbookSettingsSchema.safeParse(JSON.parse(value));
    return r.success ? r.data : {};
  } catch {
    return {};
  }
}

export function checkSettingsOf(s: WorkbookSettings): CheckSettings {
  const c: CheckSettings = {};
  if (s.year !== undefined) c.year = s.year;
  if (s.satisfactionFloor !== undefined) c.satisfactionFloor = s.satisfactionFloor;
  if (s.planPacing !== undefined) c.planPacing = s.planPacing;
  if (s.rules !== undefined) c.rules = s.rules;
  return c;
}

/** Queue the load (read `parseSettings(setting.isNullObject ? '' : setting.value)` after the sync). */
export function queueSettingsLoad(ctx: XRequestContext): XSetting {
  return ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY).load({ value: true });
}

export function settingsFrom(setting: XSetting): WorkbookSettings {
  return setting.isNullObject ? {} : parseSettings(setting.value);
}

/** `delayForCellEdit` false: fail at once while the clerk edits a cell (a command they gave), instead of waiting */
export async function loadSettings(excel: ExcelApi, opts: { delayForCellEdit?: boolean } = {}): Promise<WorkbookSettings> {
  return excel.run({ delayForCellEdit: opts.delayForCellEdit !== false }, async (ctx) => {
    const s = queueSettingsLoad(ctx);
    await ctx.sync();
    return settingsFrom(s);
  });
}

export async function saveSettings(excel: ExcelApi, settings: WorkbookSettings, opts: { delayForCellEdit?: boolean } = {}): Promise<void> {
  const clean = WorkbookSettingsSchema.parse(settings);
  await excel.run({ delayForCellEdit: opts.delayForCellEdit !== false }, async (ctx) => {
    ctx.workbook.settings.add(SETTINGS_KEY, JSON.stringify(clean));
    await ctx.sync();
  });
}
