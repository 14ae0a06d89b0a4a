/**
 * Type-test fixture, the positive counterpart of ./misuse.ts: what the adapter does compiles, and
 * the real Office.js objects are the adapter's views (each assignment below is a proof the
 * compiler checks). Not run: only compiled (by `npm run lint` and test/types/types.test.ts).
 */
import type {
  XDataValidation,
  XNote,
  XNoteCollection,
  XRange,
  XRangeAreas,
  XRangeFill,
  XRangeFormat,
  XRequestContext,
  XRun,
  XSetting,
  XWorkbook,
  XWorksheet,
  XWorksheetCollection,
  XWorksheetProtection,
} from '../../src/excel/api';
import { MemoryRequestContext } from '../../src/imitation/excel';

const real = <T>(): T => null as unknown as T;

// the real objects are the views (strict: the views' members are function-typed properties)
export const views = {
  run: real<typeof Excel.run>() satisfies XRun,
  context: real<Excel.RequestContext>() satisfies XRequestContext,
  workbook: real<Excel.Workbook>() satisfies XWorkbook,
  worksheets: real<Excel.WorksheetCollection>() satisfies XWorksheetCollection,
  worksheet: real<Excel.Worksheet>() satisfies XWorksheet,
  protection: real<Excel.WorksheetProtection>() satisfies XWorksheetProtection,
  range: real<Excel.Range>() satisfies XRange,
  areas: real<Excel.RangeAreas>() satisfies XRangeAreas,
  format: real<Excel.RangeFormat>() satisfies XRangeFormat,
  fill: real<Excel.RangeFill>() satisfies XRangeFill,
  validation: real<Excel.DataValidation>() satisfies XDataValidation,
  notes: real<Excel.NoteCollection>() satisfies XNoteCollection,
  note: real<Excel.Note>() satisfies XNote,
  setting: real<Excel.Setting>() satisfies XSetting,
};

// and so is the in-memory Excel (its classes `implements` the views; here, the context as a whole)
export const memory: XRequestContext = real<MemoryRequestContext>();

declare const range: XRange;

export function uses(): void {
  range.getCellProperties({ format: { fill: { color: true, pattern: true, patternColor: true, tintAndShade: true }, protection: true } });
  range.getRowProperties({ format: { rowHeight: true, useStandardHeight: true } });
  range.getColumnProperties({ format: { columnWidth: true, useStandardWidth: true } });
  const options = { values: true, numberFormat: true } as const;
  range.load(options);
  range.format.rowHeight = 20;
  range.format.fill.pattern = 'Solid';
  range.getMergedAreasOrNullObject().load({ address: true });
}
