/**
 * The default analysis of a pass: recognise the blocks of the grid (src/sheet) and check them
 * (src/domain engine) with the workbook's settings. Pure — no Office.js here.
 */
import { checkBlocks } from '../domain/engine';
import type { Grid } from '../sheet/grid';
import { recognize, type SheetReport } from '../sheet/recognize';
import type { Analysis } from './pass';
import { checkSettingsOf, type WorkbookSettings } from './settings';

export function analyzeGrid(grid: Grid, settings: WorkbookSettings = {}): Analysis<SheetReport[]> {
  const rec = recognize(grid, { profile: settings.profile, year: settings.year });
  const year = settings.year ?? rec.year;
  const check = checkSettingsOf(settings);
  if (year !== undefined) check.year = year;
  return { blocks: rec.blocks, diagnostics: checkBlocks(rec.blocks, check, undefined, { summaries: rec.summaries }), year, sheets: rec.sheets };
}
