/**
 * Fixture of the requirement-set test (test/excel/requirement-sets.test.ts): uses of Office.js
 * later than ExcelApi 1.8, some behind the right capability check and some not. The test's walk
 * must flag exactly the ones marked FLAGGED. Compiled (it is valid), never run.
 */
import type { XRange, XWorksheet } from '../../src/excel/api';
import type { Capabilities } from '../../src/excel/capabilities';

/**
 * Reads the note collection (ExcelApi 1.18).
 * @requires caps.notes
 */
function notesOf(ws: XWorksheet): unknown {
  return ws.notes;
}

export function uses(range: XRange, ws: XWorksheet, caps: Capabilities): void {
  range.getMergedAreasOrNullObject(); // FLAGGED: ExcelApi 1.13, no check
  if (caps.notes) void ws.notes;
  if (caps.mergedAreas) range.getCellProperties({ format: { fill: { color: true } } });
  if (caps.liveEvents) void ws.notes; // FLAGGED: 1.18 behind a 1.9 check
  const merged = caps.mergedAreas ? range.getMergedAreasOrNullObject() : null;
  void merged;
  if (!caps.notes) return;
  void notesOf(ws);
}

export function calls(ws: XWorksheet, caps: Capabilities): void {
  void notesOf(ws); // FLAGGED: a @requires caps.notes function called without the check
  if (caps.triggerSource) void notesOf(ws); // FLAGGED: 1.14 is not 1.18
  void (caps.notes && notesOf(ws));
}
