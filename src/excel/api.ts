/**
 * The adapter's view of the Excel JavaScript API, derived from `@types/office-js` itself — never a
 * hand-written look-alike that could drift from it.
 *
 * Every view type below picks members of the real Office.js class (`View<Excel.Range, 'values' | …>`),
 * so each member keeps the declaration, JSDoc (`[Api set: ExcelApi 1.x]`) and type of the real one;
 * only what a member *returns* may be narrowed, to the view of the object it returns (an
 * `Excel.RangeAreas` is seen as an `XRangeAreas`). Method parameters are taken from the real
 * declarations; the two signatures written here (`XEventHandlers.add`, whose handler gets the view
 * of the event arguments, and `XRun`, Excel.run's overloads with the views' context) are checked
 * against the real ones by the proofs below.
 *
 * The compiler then proves three things (see ./office.ts and test/types):
 * - every Office member, argument, load option and event field the adapter uses exists, with that
 *   shape, in `@types/office-js`: the adapter only sees these views;
 * - the real objects are these views: `Excel.RequestContext` is assignable to `XRequestContext`
 *   (checked through `Excel.run`), and so on down every object the adapter reaches. Members are
 *   function-typed *properties*, not methods, so their parameters are checked contravariantly
 *   (TypeScript checks method parameters bivariantly, which would let a wrong view through);
 * - the in-memory Excel (./memory) `implements` the same views.
 *
 * Options objects (load options, cell-property load options) are checked exactly, at any depth and
 * also when passed as a variable: `getCellProperties({ format: { rowHeight: true } })` does not
 * compile, because `CellPropertiesFormatLoadOptions` has no `rowHeight` (row heights belong to
 * `getRowProperties`). `load` only takes the typed options object, never a string of names.
 */

/** A cell value as Office.js returns it in `Range.values` (empty cell = ""; errors as "#REF!"). */
export type XValue = string | number | boolean;

/** `O` with no property, at any depth, that `Shape` does not declare (options Office.js does not have fail to compile). */
export type Exact<O, Shape> = O extends readonly unknown[]
  ? O
  : O extends object
    ? { [K in keyof O]: K extends keyof Shape ? Exact<O[K], NonNullable<Shape[K]>> : never }
    : O;

type AnyFunction = (...args: never[]) => unknown;

/**
 * One member of an Office.js class as the adapter sees it: a function-typed property with the real
 * parameters and the return type `R`; a method whose only parameter is an options object (all
 * properties optional) takes that object exactly (`Exact`).
 */
type Member<F, R> = F extends (...args: infer A) => unknown
  ? A extends [infer O]
    ? [NonNullable<O>] extends [object]
      ? Partial<NonNullable<O>> extends NonNullable<O>
        ? <T extends NonNullable<O>>(options: T & Exact<T, NonNullable<O>>) => R
        : (...args: A) => R
      : (...args: A) => R
    : (...args: A) => R
  : F;

/**
 * The members `K` of the Office.js class `C`, with the types given in `N` for members that return
 * (or are) Office objects: `N` narrows them to their views. Homomorphic over `Pick<C, K>`, so every
 * member keeps the real declaration (and its `[Api set: …]`).
 */
export type View<C, K extends keyof C, N = Record<never, never>> = {
  [P in keyof Pick<C, K>]: C[P] extends AnyFunction
    ? Member<C[P], P extends keyof N ? N[P] : C[P] extends (...args: never[]) => infer R ? R : never>
    : P extends keyof N
      ? N[P]
      : C[P];
};

/** The load options of an Office.js class: the first of its three `load` overloads (the typed object). */
export type LoadOptionsOf<C> = C extends { load(options: infer A): unknown; load(names: infer _B): unknown; load(paths: infer _C): unknown }
  ? NonNullable<A>
  : never;

/** `load` as the adapter may call it: only with the class's own typed options object, exactly. */
export type Load<C, Self> = <T extends LoadOptionsOf<C>>(options: T & Exact<T, LoadOptionsOf<C>>) => Self;

/** `OfficeExtension.ClientResult<T>`: the value of a method's result, after the sync. */
export type XClientResult<T> = Pick<OfficeExtension.ClientResult<T>, 'value'>;

export interface XRangeFill extends View<Excel.RangeFill, 'color' | 'pattern' | 'patternColor' | 'clear'> {
  load: Load<Excel.RangeFill, XRangeFill>;
}

export interface XRangeFont extends View<Excel.RangeFont, 'bold' | 'color' | 'italic' | 'name' | 'size'> {
  load: Load<Excel.RangeFont, XRangeFont>;
}

export interface XRangeBorder extends View<Excel.RangeBorder, 'style' | 'color' | 'weight'> {
  load: Load<Excel.RangeBorder, XRangeBorder>;
}

export type XRangeBorderCollection = View<Excel.RangeBorderCollection, 'getItem', { getItem: XRangeBorder }>;

/** The index a border is asked for by (`RangeBorderCollection.getItem`). */
export type XBorderIndex = Parameters<XRangeBorderCollection['getItem']>[0];

export type XFormatProtection = View<Excel.FormatProtection, 'locked'>;

export interface XRangeFormat
  extends View<
    Excel.RangeFormat,
    'fill' | 'font' | 'borders' | 'protection' | 'wrapText' | 'horizontalAlignment' | 'verticalAlignment' | 'columnWidth' | 'rowHeight' | 'useStandardHeight' | 'useStandardWidth',
    { fill: XRangeFill; font: XRangeFont; borders: XRangeBorderCollection; protection: XFormatProtection }
  > {
  load: Load<Excel.RangeFormat, XRangeFormat>;
}

export interface XDataValidation extends View<Excel.DataValidation, 'rule' | 'prompt' | 'type' | 'clear'> {
  load: Load<Excel.DataValidation, XDataValidation>;
}

export interface XRangeAreas extends View<Excel.RangeAreas, 'address' | 'areaCount' | 'isNullObject' | 'format', { format: XRangeFormat }> {
  load: Load<Excel.RangeAreas, XRangeAreas>;
}

export interface XRange
  extends View<
    Excel.Range,
    | 'address'
    | 'rowIndex'
    | 'columnIndex'
    | 'rowCount'
    | 'columnCount'
    | 'isNullObject'
    | 'values'
    | 'formulas'
    | 'numberFormat'
    | 'format'
    | 'dataValidation'
    | 'merge'
    | 'unmerge'
    | 'insert'
    | 'clear'
    | 'select'
    | 'getCell'
    | 'getOffsetRange'
    | 'getResizedRange'
    | 'getLastRow'
    | 'getEntireRow'
    | 'getIntersectionOrNullObject'
    | 'getUsedRangeOrNullObject'
    | 'getMergedAreasOrNullObject'
    | 'getCellProperties'
    | 'getRowProperties'
    | 'getColumnProperties',
    {
      /** `any[][]` in Office.js: the values a cell can hold */
      values: XValue[][];
      formulas: XValue[][];
      numberFormat: string[][];
      format: XRangeFormat;
      dataValidation: XDataValidation;
      getCell: XRange;
      insert: XRange;
      getOffsetRange: XRange;
      getResizedRange: XRange;
      getLastRow: XRange;
      getEntireRow: XRange;
      getIntersectionOrNullObject: XRange;
      getUsedRangeOrNullObject: XRange;
      getMergedAreasOrNullObject: XRangeAreas;
      getCellProperties: XClientResult<Excel.CellProperties[][]>;
      getRowProperties: XClientResult<Excel.RowProperties[]>;
      getColumnProperties: XClientResult<Excel.ColumnProperties[]>;
    }
  > {
  load: Load<Excel.Range, XRange>;
}

export interface XNote extends View<Excel.Note, 'content' | 'isNullObject' | 'delete'> {
  load: Load<Excel.Note, XNote>;
}

export interface XNoteCollection extends View<Excel.NoteCollection, 'add' | 'getItemOrNullObject', { add: XNote; getItemOrNullObject: XNote }> {
  load: Load<Excel.NoteCollection, XNoteCollection>;
}

export interface XWorksheetProtection extends View<Excel.WorksheetProtection, 'protected' | 'options'> {
  load: Load<Excel.WorksheetProtection, XWorksheetProtection>;
}

/** What an edit event says (WorksheetChangedEventArgs); `triggerSource` (ExcelApi 1.14) and `details` (1.9) may be absent on older Excel. */
export type XChangedEventArgs = View<Excel.WorksheetChangedEventArgs, 'address' | 'worksheetId' | 'changeType' | 'source'> &
  Partial<View<Excel.WorksheetChangedEventArgs, 'triggerSource' | 'details', { details: Pick<Excel.ChangedEventDetail, 'valueBefore' | 'valueAfter'> }>>;

export type XSelectionChangedEventArgs = View<Excel.WorksheetSelectionChangedEventArgs, 'address' | 'worksheetId'>;

export type XActivatedEventArgs = View<Excel.WorksheetActivatedEventArgs, 'worksheetId'>;

export type XEventHandlerResult = View<OfficeExtension.EventHandlerResult<unknown>, 'context' | 'remove'>;

/**
 * An event of Office.js (`OfficeExtension.EventHandlers<T>`), as the adapter registers handlers on
 * it. The handler is given the view `A` of the real event arguments: the compiler checks that the
 * real `T` has every field of `A` (the handler parameter is compared contravariantly).
 */
export interface XEventHandlers<A> {
  add: (handler: (args: A) => Promise<unknown>) => XEventHandlerResult;
}

export interface XWorksheet
  extends View<
    Excel.Worksheet,
    'id' | 'name' | 'isNullObject' | 'notes' | 'protection' | 'activate' | 'getRange' | 'getRangeByIndexes' | 'getRanges' | 'getUsedRange' | 'getUsedRangeOrNullObject',
    {
      notes: XNoteCollection;
      protection: XWorksheetProtection;
      getRange: XRange;
      getRangeByIndexes: XRange;
      getRanges: XRangeAreas;
      getUsedRange: XRange;
      getUsedRangeOrNullObject: XRange;
    }
  > {
  load: Load<Excel.Worksheet, XWorksheet>;
}

export interface XWorksheetCollection
  extends View<
    Excel.WorksheetCollection,
    'items' | 'onChanged' | 'onSelectionChanged' | 'onActivated' | 'getItem' | 'getItemOrNullObject' | 'getActiveWorksheet',
    {
      items: XWorksheet[];
      onChanged: XEventHandlers<XChangedEventArgs>;
      onSelectionChanged: XEventHandlers<XSelectionChangedEventArgs>;
      onActivated: XEventHandlers<XActivatedEventArgs>;
      getItem: XWorksheet;
      getItemOrNullObject: XWorksheet;
      getActiveWorksheet: XWorksheet;
    }
  > {
  load: Load<Excel.WorksheetCollection, XWorksheetCollection>;
}

export interface XSetting extends View<Excel.Setting, 'key' | 'value' | 'isNullObject' | 'delete', { value: unknown }> {
  load: Load<Excel.Setting, XSetting>;
}

export type XSettingCollection = View<Excel.SettingCollection, 'add' | 'getItemOrNullObject', { add: XSetting; getItemOrNullObject: XSetting }>;

export type XWorkbook = View<
  Excel.Workbook,
  'worksheets' | 'settings' | 'notes' | 'getSelectedRange',
  { worksheets: XWorksheetCollection; settings: XSettingCollection; notes: XNoteCollection; getSelectedRange: XRange }
>;

export type XRequestContext = View<Excel.RequestContext, 'workbook' | 'sync', { workbook: XWorkbook; sync: Promise<unknown> }>;

/** The context an event handler was added in, which `run` resumes to remove the handler (as Office.js requires). */
export type XHandlerContext = XEventHandlerResult['context'];

/** `Excel.run` as the adapter calls it (the real overloads, with the batch given this module's views). */
export interface XRun {
  <T>(batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  <T>(options: Excel.RunOptions, batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  <T>(context: XHandlerContext, batch: (context: XRequestContext) => Promise<T>): Promise<T>;
}

/**
 * What the adapter needs from the host: `Excel.run` and the requirement-set check. In the add-in
 * this is `officeExcel()` (the real `Excel` + `Office.context.requirements`); in tests and the
 * preview it is `createMemoryExcel(workbook)`.
 */
export interface ExcelApi {
  readonly run: XRun;
  readonly isSetSupported: (name: string, minVersion?: string) => boolean;
}
