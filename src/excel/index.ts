/**
 * src/excel — the only code that speaks Office.js. For the task pane:
 *
 *   import { createLiveChecker, officeExcel } from '../excel';
 *   const excel = officeExcel();                       // in Excel (after Office.onReady)
 *   // preview/tests: const excel = createMemoryExcel(MemoryWorkbook.fromGrid(grid)); // src/imitation/excel, not exported here
 *
 *   const checker = createLiveChecker({
 *     excel,
 *     settings?,            // WorkbookSettings overriding what the workbook stores (e.g. { profile })
 *     onResult(r) {},       // LiveResult: { blocks, diagnostics, year, sheets, durationMs, settings, highlighting, capabilities }
 *     onSelection(s) {},    // SelectionInfo: { sheet, address, diagnostics } — that cell's diagnostics first
 *     onStatus(s) {},       // LiveStatus: { stale } — zh-CN when the result may be out of date, else null
 *     onError(msg, e) {},   // zh-CN message of a failed check/action; the checker keeps running
 *     debounceMs?: 300,
 *   });
 *   await checker.start();          // registers onChanged/onSelectionChanged/onActivated, first check → LiveResult
 *   await checker.recheck();        // manual re-check (changes Excel fires no event for)
 *                                   // (a selection change or sheet activation also verifies, cheaply)
 *   await checker.applyFix(diag);   // → FixOutcome { applied, refused: [{ diagnostic, reason }], edits }; re-checks
 *   await checker.applySafeFixes(); // the notation fixes of the last check (SAFE_BULK_FIX_RULES; first wins on a shared cell)
 *   await checker.select('B7', sheet?);      // jump to a diagnostic's cell
 *   await checker.setHighlighting(false);    // delete the marks (our conditional formats; nothing else is touched)
 *   await checker.updateSettings({ year: 2025, profile: 'hebei-project' });  // stored in the workbook, re-checks
 *   await checker.insert((at) => renderBlock(profile, type, header, at), { onlyAtSelection? })
 *                                     // → InsertResult { ok, sheet, range, placed: 'selection'|'below', reason? } | { ok: false, reason }
 *   checker.subscribe(fn) / checker.onSelectionChanged(fn)   // → unsubscribe
 *   checker.diagnosticsAt(sheet, 'B7'); checker.last; checker.status()
 *   checker.capabilities  // { liveEvents, triggerSource, notes, mergedAreas, cellProperties, marks, undoGroups, messages[] (zh-CN) }
 *   await checker.stop(); await checker.dispose();
 *
 * Also: loadSettings/saveSettings(excel), readWorkbook/readSheet(excel) → Grid, insertPlan(excel, render, opts),
 * getCapabilities(excel). Flagged cells are marked by conditional formats the add-in owns (./marks.ts),
 * never by their own formats. A pass is 1 sync (2 when a mark changes) once the checker knows the
 * workbook (3 reads for the first pass of a session), an insertion 3, whatever the size of a
 * township workbook — each within Excel's payload, cell-count and merged-area limits.
 * The adapter sees Office.js only through the views of ./api.ts, derived from @types/office-js.
 */
export type { ExcelApi } from './api';
export { officeExcel } from './office';
export { getCapabilities, CAPABILITY_SETS, DEGRADED, type Capabilities } from './capabilities';
export { createLiveChecker, type LiveChecker, type LiveCheckerOptions, type LiveResult, type LiveStatus, type SelectionInfo } from './live';
export { analyzeGrid } from './analyze';
export { validationPass, type Analysis, type Analyze, type PassMemory, type PassResult } from './pass';
export { readWorkbook, readSheet } from './read';
export { insertPlan, type InsertOptions, type InsertResult } from './insert';
export { applyFixes, type FixOutcome } from './fix';
export { loadSettings, saveSettings, parseSettings, SETTINGS_KEY, type WorkbookSettings } from './settings';
export { MARK_COLORS, markFormula, markOf } from './marks';
export { HIGHLIGHT_KEY, NOTE_PREFIX, migrateLegacyHighlights } from './legacy';
