/**
 * Excel adapter benchmark, through the in-memory Excel with Excel's documented limits switched on
 * (Excel on the web's 5 MB request/response limit, the 5,000,000-cell read limit, 512 merged areas
 * per getMergedAreasOrNullObject, long getRanges addresses — and the strict conditional-format
 * readings: ids are positions, rules unreadable beside two CellValue rules, a covered format not
 * deletable through the sheet's collection — src/imitation/excel/state.ts DOCUMENTED_EXCEL): syncs per validation pass — after an edit that changes a mark, with nothing
 * changed, after the clerk inserts a row above a block, after they sort a block's indicator values,
 * the first pass of a session (marks to draw, or already in the file) — and per insertion, for
 * sheets of 1, 50 and 500 blocks; the undo actions a pass that changes marks adds (ExcelApi 1.20:
 * one); the largest request and response of any sync; adapter + engine milliseconds per pass on a
 * 50-block sheet (target < 50 ms). A sync Excel would refuse fails the benchmark.
 *
 *   npx tsc --outDir /tmp/bench-excel -p tsconfig.json && node /tmp/bench-excel/scripts/bench-excel.js
 */
import type { CellPos } from '../src/domain/address';
import { parseHeader, type TemplateHeader } from '../src/domain/templates';
import { typesForProfile } from '../src/domain/templates';
import { createLiveChecker } from '../src/excel/live';
import { insertPlan } from '../src/excel/insert';
import { createMemoryExcel, DOCUMENTED_EXCEL, MemoryWorkbook } from '../src/imitation/excel';
import type { Grid } from '../src/sheet/grid';
import { renderBlock, renderWorkbook, workbookToGridSheet } from '../src/sheet/render';

function header(i: number, year: number): TemplateHeader {
  const code = `130322${String(year % 100).padStart(2, '0')}${String(i).padStart(13, '0')}`;
  const r = parseHeader({ name: `项目${i + 1}`, code, budget: 10 + (i % 7), year, unitName: '昌黎县安山镇人民政府本级', plan: [25, 50, 75, 100] });
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

/** A sheet of `blocks` rendered hebei-project blocks (values the clerk must supply left blank). */
export function hebeiWorkbookGrid(blocks: number, year = 2025, profile = 'hebei-project'): Grid {
  const types = typesForProfile(profile);
  const items = Array.from({ length: blocks }, (_, i) => ({ type: types[i % types.length], header: header(i, year) }));
  return { sheets: [workbookToGridSheet(renderWorkbook(profile, items))] };
}

/** A render function for one more block (what the task pane's insert button calls). */
export function blockRenderer(profile = 'hebei-project', i = 9999, year = 2025): (at: CellPos) => ReturnType<typeof renderBlock> {
  const type = typesForProfile(profile)[0];
  const h = header(i, year);
  return (at) => renderBlock(profile, type, h, at);
}

export interface BenchExcelRow {
  blocks: number;
  cells: number;
  /** the first pass (every highlight new) */
  syncsFirstPass: number;
  /** a pass after a user edit */
  syncsEditPass: number;
  /** a pass when nothing changed */
  syncsUnchangedPass: number;
  /** a pass after the clerk inserted a row above a block (the marks move with their cells) */
  syncsInsertRowPass: number;
  /** a pass after the clerk sorted a block's indicator values (the values move, the marks do not) */
  syncsSortPass: number;
  /** the first pass of a new session on the marked workbook (the marks are already right) */
  syncsReopenedPass: number;
  /** undo actions added by the edit pass (ExcelApi 1.20: its writes are one) */
  undoActionsEditPass: number;
  syncsInsertion: number;
  /** a pass changing a mark under the clerk's own rule (office-js #5222: the delete is redone through the mark's cell) */
  syncsClerkRulePass: number;
  /** merged areas on the sheet */
  mergedAreas: number;
  /** the largest request and response of any sync, bytes; the largest range read, cells */
  maxRequestBytes: number;
  maxResponseBytes: number;
  largestRead: number;
  diagnostics: number;
  /** the first (cold) pass, adapter + engine */
  msFirstPass: number;
}

export interface BenchExcelResult {
  rows: BenchExcelRow[];
  /** adapter + engine, median of 10 passes on the 50-block sheet (after 3 warm-up passes) */
  msPerPass50: number;
  msPerPass50All: number[];
}

/** the round trips of start() before its first pass: the event registration (src/excel/live/events.ts) */
const REGISTRATION_SYNCS = 1;

async function measure(blocks: number, timing: boolean): Promise<{ row: BenchExcelRow; ms: number[] }> {
  const grid = hebeiWorkbookGrid(blocks);
  const wb = MemoryWorkbook.fromGrid(grid, { behaviour: DOCUMENTED_EXCEL });
  const excel = createMemoryExcel(wb);
  const checker = createLiveChecker({ excel, debounceMs: 0 });
  // the pane opens: start() makes one round trip to register its events (which also learns the
  // active sheet's extent and marks, pass.ts queueSessionProbe), then runs the first pass
  let s = wb.syncCount;
  const first = await checker.start();
  const syncsFirstPass = wb.syncCount - s - REGISTRATION_SYNCS;
  // the clerk fills in an indicator value
  const block = first.blocks[Math.floor(first.blocks.length / 2)];
  const target = block.indicators[0]?.value.cell ?? 'A1';
  const sheet = grid.sheets[0].name;
  wb.user.setValues(sheet, target, [['12人']], { fireEvent: false });
  s = wb.syncCount;
  const undo = wb.undoStack.length;
  await checker.recheck();
  const syncsEditPass = wb.syncCount - s;
  const undoActionsEditPass = wb.undoStack.length - undo;
  s = wb.syncCount;
  await checker.recheck();
  const syncsUnchangedPass = wb.syncCount - s;
  // the clerk inserts a row above the block, then sorts its indicator values (F:G of its indicator rows)
  const top = Number(/\d+/.exec(block.range.split(':')[0])?.[0] ?? 1);
  wb.user.insertRows(sheet, top);
  s = wb.syncCount;
  const moved = await checker.recheck();
  const syncsInsertRowPass = wb.syncCount - s;
  const b2 = moved.blocks.find((b) => b.index === block.index) ?? moved.blocks[0];
  const rows = b2.indicators.map((i) => Number(/\d+/.exec(i.value.cell)?.[0] ?? 0)).filter((r) => r > 0);
  const col = /^[A-Z]+/.exec(b2.indicators[0]?.value.cell ?? 'F')?.[0] ?? 'F';
  const next = String.fromCharCode(col.charCodeAt(0) + 1);
  wb.user.sort(sheet, `${col}${Math.min(...rows)}:${next}${Math.max(...rows)}`, [{ key: 0, ascending: true }]);
  s = wb.syncCount;
  await checker.recheck();
  const syncsSortPass = wb.syncCount - s;
  // the pane is closed and opened again: the marks in the file are found, nothing is written
  const reopened = createLiveChecker({ excel, debounceMs: 0 });
  s = wb.syncCount;
  await reopened.start();
  const syncsReopenedPass = wb.syncCount - s - REGISTRATION_SYNCS;
  await reopened.dispose();
  const ms: number[] = [];
  if (timing) {
    for (let i = 0; i < 13; i++) {
      wb.user.setValues(grid.sheets[0].name, target, [[i % 2 ? '12人' : '']], { fireEvent: false });
      const d = (await checker.recheck()).durationMs;
      if (i >= 3) ms.push(d); // after 3 warm-up passes (JIT)
    }
  }
  // the clerk's own rule over the block's values, then an edit that removes the mark under it
  const valueCol = /^[A-Z]+/.exec(target)?.[0] ?? 'F';
  wb.user.addConditionalFormat(sheet, `${valueCol}1:${valueCol}${grid.sheets[0].values.length + 5}`, '=FALSE', '#00B050');
  await checker.recheck();
  wb.user.setValues(sheet, target, [['']], { fireEvent: false });
  await checker.recheck();
  wb.user.setValues(sheet, target, [['12人']], { fireEvent: false });
  s = wb.syncCount;
  await checker.recheck();
  const syncsClerkRulePass = wb.syncCount - s;
  wb.user.select(grid.sheets[0].name, 'B3'); // not free: the block goes below the used range
  s = wb.syncCount;
  const ins = await insertPlan(excel, blockRenderer());
  if (!ins.ok) throw new Error(ins.reason);
  const syncsInsertion = wb.syncCount - s;
  await checker.dispose();
  // the only refusals allowed: #5222's, which the pass recovers from
  const failed = wb.syncLog.filter((r) => r.error && r.error !== 'ItemNotFound');
  if (failed.length > 0) throw new Error(`${blocks} blocks: ${failed.length} syncs refused (${failed.map((r) => r.error).join(', ')})`);
  let cells = 0;
  for (const r of grid.sheets[0].values) cells += r?.length ?? 0;
  const max = (f: (r: (typeof wb.syncLog)[number]) => number) => Math.max(...wb.syncLog.map(f));
  return {
    row: {
      blocks,
      cells,
      syncsFirstPass,
      syncsEditPass,
      syncsUnchangedPass,
      syncsInsertRowPass,
      syncsSortPass,
      syncsReopenedPass,
      undoActionsEditPass,
      syncsInsertion,
      syncsClerkRulePass,
      mergedAreas: wb.sheets[0].merges.length,
      maxRequestBytes: max((r) => r.requestBytes),
      maxResponseBytes: max((r) => r.responseBytes),
      largestRead: max((r) => r.largestRead),
      diagnostics: first.diagnostics.length,
      msFirstPass: Math.round(first.durationMs * 100) / 100,
    },
    ms,
  };
}

export async function benchExcel(): Promise<BenchExcelResult> {
  const rows: BenchExcelRow[] = [];
  let ms: number[] = [];
  for (const n of [1, 50, 500]) {
    const m = await measure(n, n === 50);
    rows.push(m.row);
    if (n === 50) ms = m.ms;
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
  return { rows, msPerPass50: Math.round(median * 100) / 100, msPerPass50All: ms.map((x) => Math.round(x * 100) / 100) };
}

if (typeof require !== 'undefined' && require.main === module) {
  benchExcel().then(
    (r) => console.log(JSON.stringify(r, null, 2)),
    (e) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
