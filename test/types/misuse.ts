/**
 * Type-test fixture: misuses of Office.js that must NOT compile. Each line after a
 * `// @ts-expect-error` is a mistake the adapter's view (src/excel/api.ts, derived from
 * @types/office-js) must reject; if one ever compiles, `npm run lint` (tsc) fails on the unused
 * directive, and test/types/types.test.ts fails too (it also checks that each line, without its
 * directive, is an error). Not run: only compiled.
 */
import type { ExcelApi, View, XRange, XRangeFill, XRequestContext, XWorksheet } from '../../src/excel/api';

declare const excel: ExcelApi;
declare const ctx: XRequestContext;
declare const range: XRange;

export function misuses(): void {
  // a load option Office.js does not have: row heights are not cell properties (they belong to getRowProperties)
  // @ts-expect-error rowHeight is not in Excel.CellPropertiesFormatLoadOptions
  range.getCellProperties({ format: { rowHeight: true } });

  // the same mistake through a variable (exactness is checked at any depth, not only for literals)
  const sizes = { format: { wrapText: true, columnWidth: true } };
  // @ts-expect-error columnWidth is not in Excel.CellPropertiesFormatLoadOptions
  range.getCellProperties(sizes);

  // getRowProperties takes rowHeight, not columnWidth
  // @ts-expect-error columnWidth is not in Excel.RowPropertiesLoadOptions
  range.getRowProperties({ format: { columnWidth: true } });

  // a method that does not exist in Office.js
  // @ts-expect-error Excel.Range has getMergedAreasOrNullObject, not getMergedAreas
  range.getMergedAreas();

  // a real member the adapter's view does not expose (add it to api.ts, where its requirement set is checked)
  // @ts-expect-error not in the view
  range.getSpecialCells('Blanks');

  // load by a string of names (Office.js's own overload takes any string)
  // @ts-expect-error only the typed options object
  range.load('values, rowHeight');

  // a load option the class does not have
  // @ts-expect-error rowHeight is not in Excel.Interfaces.RangeLoadOptions
  range.load({ values: true, rowHeight: true });

  // a value Excel does not take
  // @ts-expect-error not an Excel.FillPattern
  range.format.fill.pattern = 'Dotted';

  // an event field that does not exist
  ctx.workbook.worksheets.onChanged.add(async (e) => {
    // @ts-expect-error WorksheetChangedEventArgs has no oldValue (it is details.valueBefore)
    return e.oldValue;
  });

  // a run option Excel does not have
  // @ts-expect-error delayForCelEdit (sic) is not in Excel.RunOptions
  void excel.run({ delayForCelEdit: true }, async () => undefined);

  // an imitation missing a member of the view does not pass for it
  // @ts-expect-error clear is missing
  const fill: XRangeFill = { color: '#FFFFFF', pattern: 'None', patternColor: '#000000', load: () => fill };
  void fill;
}

// a view of a member Office.js does not have
// @ts-expect-error rowHeight is not a member of Excel.Range
export type NoSuchMember = View<Excel.Range, 'rowHeight'>;

// a view that narrows a member to the wrong object: the real Excel.Range is not that view
// @ts-expect-error Excel.Range.getCell returns a range, not a worksheet
export const wrongReturn: View<Excel.Range, 'getCell', { getCell: XWorksheet }> = null as unknown as Excel.Range;
