/**
 * The slice of the Excel JavaScript API (Office.js) that the adapter uses, as structural
 * interfaces. The real `Excel` objects satisfy them (checked by `officeExcel()` in ./office.ts,
 * which assigns the real `Excel.run` to `ExcelApi['run']`), and so do the in-memory classes of
 * ./memory — so the adapter compiles unchanged against both.
 *
 * Names and semantics follow Office.js exactly (load → sync → read; `*OrNullObject` +
 * `isNullObject`; queued writes applied at `sync()`).
 */

/** A cell value as Office.js returns it in `Range.values` (empty cell = ""; errors as "#REF!"). */
export type XValue = string | number | boolean;

export interface XClientResult<T> {
  readonly value: T;
}

export interface XCellPropertiesFill {
  color?: string;
  pattern?: string;
  patternColor?: string;
  tintAndShade?: number;
}

export interface XCellPropertiesFont {
  bold?: boolean;
  color?: string;
  italic?: boolean;
  name?: string;
  size?: number;
}

export interface XCellPropertiesBorder {
  style?: string;
  color?: string;
  weight?: string;
}

/** CellBorderCollection: one entry per edge of the cell */
export interface XCellPropertiesBorders {
  top?: XCellPropertiesBorder;
  bottom?: XCellPropertiesBorder;
  left?: XCellPropertiesBorder;
  right?: XCellPropertiesBorder;
}

export interface XCellPropertiesFormat {
  fill?: XCellPropertiesFill;
  font?: XCellPropertiesFont;
  borders?: XCellPropertiesBorders;
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  /** points */
  rowHeight?: number;
  /** points */
  columnWidth?: number;
  /** the row has the sheet's standard height (nobody resized it) */
  useStandardHeight?: boolean;
  /** the column has the sheet's standard width */
  useStandardWidth?: boolean;
}

export interface XCellProperties {
  address?: string;
  format?: XCellPropertiesFormat;
}

export interface XCellPropertiesLoadOptions {
  address?: boolean;
  format?: {
    fill?: { color?: boolean; pattern?: boolean; patternColor?: boolean; tintAndShade?: boolean };
    font?: { bold?: boolean; color?: boolean; italic?: boolean; name?: boolean; size?: boolean };
    borders?: { style?: boolean; color?: boolean; weight?: boolean };
    wrapText?: boolean;
    horizontalAlignment?: boolean;
    verticalAlignment?: boolean;
    rowHeight?: boolean;
    columnWidth?: boolean;
    useStandardHeight?: boolean;
    useStandardWidth?: boolean;
  };
}

export interface XRangeFill {
  color: string;
  pattern: string;
  patternColor: string;
  clear(): void;
  load(propertyNames?: string | string[]): XRangeFill;
}

export interface XRangeFont {
  bold: boolean;
  color: string;
  italic: boolean;
  name: string;
  size: number;
  load(propertyNames?: string | string[]): XRangeFont;
}

export type XBorderIndex = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideVertical' | 'InsideHorizontal';

export interface XRangeBorder {
  style: string;
  color: string;
  weight: string;
  load(propertyNames?: string | string[]): XRangeBorder;
}

export interface XRangeBorderCollection {
  getItem(index: XBorderIndex): XRangeBorder;
}

export interface XRangeFormat {
  readonly fill: XRangeFill;
  readonly font: XRangeFont;
  readonly borders: XRangeBorderCollection;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  /** points */
  columnWidth: number;
  /** points */
  rowHeight: number;
  /** set true: back to the sheet's standard row height (ExcelApi 1.2) */
  useStandardHeight: boolean;
  /** set true: back to the sheet's standard column width (ExcelApi 1.2) */
  useStandardWidth: boolean;
  load(propertyNames?: string | string[]): XRangeFormat;
}

export interface XListValidation {
  inCellDropDown: boolean;
  source: string | object;
}

export interface XDataValidationRule {
  list?: XListValidation;
}

export interface XDataValidationPrompt {
  showPrompt: boolean;
  title: string;
  message: string;
}

export interface XDataValidation {
  rule: XDataValidationRule;
  prompt: XDataValidationPrompt;
  readonly type: string;
  clear(): void;
  load(propertyNames?: string | string[]): XDataValidation;
}

export interface XRangeAreas {
  /** e.g. `Sheet1!A1:G1, Sheet1!A2:E2` */
  readonly address: string;
  readonly areaCount: number;
  readonly isNullObject: boolean;
  load(propertyNames?: string | string[]): XRangeAreas;
}

export interface XRange {
  readonly address: string;
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly isNullObject: boolean;
  values: XValue[][];
  numberFormat: string[][];
  formulas: XValue[][];
  readonly format: XRangeFormat;
  readonly dataValidation: XDataValidation;
  readonly worksheet: XWorksheet;
  merge(across?: boolean): void;
  unmerge(): void;
  /** inserts blank cells here, shifting the others down or right; returns the new cells (ExcelApi 1.1) */
  insert(shift: 'Down' | 'Right'): XRange;
  /** applyTo: 'All' | 'Formats' | 'Contents' | … */
  clear(applyTo?: string): void;
  select(): void;
  getMergedAreasOrNullObject(): XRangeAreas;
  getCellProperties(options: XCellPropertiesLoadOptions): XClientResult<XCellProperties[][]>;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  /** the `count` rows below the range, same columns (ExcelApi 1.2) */
  getRowsBelow(count?: number): XRange;
  load(propertyNames?: string | string[]): XRange;
}

export interface XNote {
  content: string;
  readonly isNullObject: boolean;
  delete(): void;
  getLocation(): XRange;
  load(propertyNames?: string | string[]): XNote;
}

export interface XNoteCollection {
  readonly items: XNote[];
  add(cellAddress: XRange | string, content: string): XNote;
  getItemOrNullObject(key: string): XNote;
  load(propertyNames?: string | string[]): XNoteCollection;
}

export interface XWorksheetProtection {
  readonly protected: boolean;
  load(propertyNames?: string | string[]): XWorksheetProtection;
}

/** WorksheetChangedEventArgs: `triggerSource` is ExcelApi 1.14 (absent before). */
export interface XChangedEventArgs {
  address: string;
  worksheetId: string;
  changeType: string;
  source: string;
  triggerSource?: string;
  details?: { valueBefore?: unknown; valueAfter?: unknown };
}

export interface XSelectionChangedEventArgs {
  address: string;
  worksheetId: string;
}

export interface XEventHandlerResult {
  readonly context: { sync(): Promise<unknown> };
  remove(): void;
}

export interface XEventHandlers<A> {
  add(handler: (args: A) => Promise<unknown>): XEventHandlerResult;
}

export interface XWorksheet {
  readonly id: string;
  readonly name: string;
  readonly isNullObject: boolean;
  readonly notes: XNoteCollection;
  readonly protection: XWorksheetProtection;
  activate(): void;
  getRange(address?: string): XRange;
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): XRange;
  /** never null: an empty sheet gives A1 */
  getUsedRange(valuesOnly?: boolean): XRange;
  getUsedRangeOrNullObject(valuesOnly?: boolean): XRange;
  load(propertyNames?: string | string[]): XWorksheet;
}

export interface XWorksheetCollection {
  readonly items: XWorksheet[];
  readonly onChanged: XEventHandlers<XChangedEventArgs>;
  readonly onSelectionChanged: XEventHandlers<XSelectionChangedEventArgs>;
  getItem(key: string): XWorksheet;
  getItemOrNullObject(key: string): XWorksheet;
  getActiveWorksheet(): XWorksheet;
  load(propertyNames?: string | string[]): XWorksheetCollection;
}

export interface XSetting {
  readonly key: string;
  value: unknown;
  readonly isNullObject: boolean;
  delete(): void;
  load(propertyNames?: string | string[]): XSetting;
}

export interface XSettingCollection {
  add(key: string, value: string | number | boolean): XSetting;
  getItemOrNullObject(key: string): XSetting;
}

export interface XWorkbook {
  readonly worksheets: XWorksheetCollection;
  readonly settings: XSettingCollection;
  readonly notes: XNoteCollection;
  getSelectedRange(): XRange;
}

export interface XRequestContext {
  readonly workbook: XWorkbook;
  sync(): Promise<unknown>;
}

export interface XRunOptions {
  delayForCellEdit?: boolean;
}

/**
 * What the adapter needs from the host: `Excel.run` and the requirement-set check. In the add-in
 * this is `officeExcel()` (the real `Excel` + `Office.context.requirements`); in tests and the
 * preview it is `createMemoryExcel(workbook)`.
 */
export interface ExcelApi {
  run<T>(batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  run<T>(options: XRunOptions, batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  /** resume the context an event handler was added in (to remove the handler, as Office.js requires) */
  run<T>(context: XEventHandlerResult['context'], batch: (context: XRequestContext) => Promise<T>): Promise<T>;
  isSetSupported(name: string, minVersion?: string): boolean;
}
