/**
 * Recognition: a {@link Grid} (any host) → the {@link Block}s it holds (docs/domain.md §2), read through
 * the registered profiles (src/domain/profiles.ts): their labels, fields, indicator columns, split
 * 指标值 and money units are data, and no code here asks for a profile by its id.
 *
 * - Stacked blocks are found by their LABELS, never by fixed positions. A value is the next non-empty
 *   cell right of its label (past the label's merge, never past another label); a present label
 *   with a blank value gives a Field with empty text at the cell to fill; an absent label leaves the
 *   field undefined. A block is a label STRUCTURE — labels with values beside them on two rows or
 *   more, or one with the indicator header below — so a table header that merely holds label words
 *   (a 汇总 table's `项目名称 | 预算数 | 财政资金 | 其他资金`) is not a block. Each block's profile is
 *   the one whose own labels, indicator header and 一级 names it matches best (the earlier
 *   registered on a tie).
 * - Tables that are not project tables (docs/domain.md §2.6) never become blocks: a 汇总 table is read into
 *   a {@link SummaryTable} (checked by total/summary-mismatch), a 部门整体绩效目标表 is recognised
 *   by its own labels and title, budget tables and notes have no block structure.
 * - List profiles (disclosure-list: 单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标) give one block
 *   per department/unit/project row; project rows carry indicators parsed from the 绩效指标 text.
 *   Department rows (a code that prefixes the next code, e.g. 407 before 407001) are kept as blocks
 *   with `listRole: 'department'`; a unit row's `parentIndex` is its department's block.
 * - the budget year (§2.7): options.year, else a sheet/document title or a `（2024年度）` line, else
 *   the year most 21-char project codes carry.
 *
 * The seams, in src/sheet/recognize/: the sheet indexed (context.ts), its label anchors found and
 * grouped (anchors.ts), one sheet's tables read in turn (sheet.ts) — stacked blocks (block.ts, with
 * the labelled fields, 资金用途 and plan in fields.ts, the indicator table in indicator-table.ts, the
 * title/year/unit lines above in header.ts), disclosure lists (list.ts), 汇总 tables (summary.ts) —
 * the budget year (year.ts) and the per-sheet notes (notes.ts). One-row-per-indicator tables are
 * src/sheet/indicator-rows.ts. This file is the public entry.
 *
 * Linear in the sheet size: every cell is looked at a bounded number of times, label tables are
 * built once per registry state, merges are indexed by their top-left cell. Never throws on any grid.
 */
import type { Block, SummaryTable } from '../domain/model';
import type { Grid } from './grid';
import { forcedProfiles, recognizeSheet, type SheetResult } from './recognize/sheet';
import { yearFromTitle, yearOfCodes } from './recognize/year';

export { codeYear, titleYear } from './recognize/year';

export interface SheetReport {
  name: string;
  blocks: number;
  /** zh-CN, e.g. '未找到可识别的绩效目标表' */
  note?: string;
}

export interface Recognition {
  blocks: Block[];
  /** 汇总 tables listing projects (not blocks; total/summary-mismatch checks them against the blocks) */
  summaries: SummaryTable[];
  year?: number;
  yearSource?: 'setting' | 'title' | 'codes';
  sheets: SheetReport[];
}

export interface RecognizeOptions {
  /**
   * Force the profile of the recognised blocks: a block-layout profile applies to stacked blocks
   * (they are then read with its fields and columns), a list-layout profile to list rows.
   */
  profile?: string;
  /** the budget year set by the user (yearSource 'setting') */
  year?: number;
}

/** Recognise every block of a workbook grid. Never throws. */
export function recognize(grid: Grid, options: RecognizeOptions = {}): Recognition {
  const blocks: Block[] = [];
  const summaries: SummaryTable[] = [];
  const sheets: SheetReport[] = [];
  let titleYearFound: number | undefined;
  const forced = forcedProfiles(options.profile);
  const sheetList = grid && Array.isArray(grid.sheets) ? grid.sheets : [];
  for (const sheet of sheetList) {
    const name = sheet && typeof sheet.name === 'string' ? sheet.name : '';
    let res: SheetResult;
    try {
      res = recognizeSheet(sheet, forced);
    } catch (e) {
      sheets.push({ name, blocks: 0, note: `识别该工作表时出错（${e instanceof Error ? e.message : String(e)}），已跳过` });
      continue;
    }
    for (const b of res.built) blocks.push({ index: blocks.length, ...b.block } as Block);
    summaries.push(...res.summaries);
    // parent links of list rows, now that indices are known
    linkListParents(blocks, res.built.length);
    if (titleYearFound === undefined && res.titleYear !== undefined) titleYearFound = res.titleYear;
    const report: SheetReport = { name, blocks: res.built.length };
    if (res.note) report.note = res.note;
    sheets.push(report);
  }

  const result: Recognition = { blocks, summaries, sheets };
  if (options.year !== undefined && Number.isFinite(options.year)) {
    result.year = options.year;
    result.yearSource = 'setting';
    return result;
  }
  if (titleYearFound === undefined && typeof grid?.name === 'string') titleYearFound = yearFromTitle(grid.name);
  if (titleYearFound !== undefined) {
    result.year = titleYearFound;
    result.yearSource = 'title';
    return result;
  }
  const best = yearOfCodes(blocks);
  if (best !== undefined) {
    result.year = best;
    result.yearSource = 'codes';
  }
  return result;
}

/** Set parentIndex on the list blocks of the sheet just added (the last `count` blocks). */
function linkListParents(blocks: Block[], count: number): void {
  let department: number | undefined;
  let unit: number | undefined;
  for (let i = blocks.length - count; i < blocks.length; i++) {
    const b = blocks[i];
    if (b.listRole === 'department') {
      department = b.index;
      unit = undefined;
    } else if (b.listRole === 'unit') {
      unit = b.index;
      if (department !== undefined) b.parentIndex = department;
    } else if (b.listRole === 'project') {
      const parent = unit ?? department;
      if (parent !== undefined) b.parentIndex = parent;
    } else {
      department = undefined;
      unit = undefined;
    }
  }
}
