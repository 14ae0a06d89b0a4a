/// <reference types="et-jsapi-declare" />
/**
 * The part of WPS 表格's object model (WPS加载项 JS API, "ET") jxmb uses, as narrow interfaces.
 *
 * Every member here is proven to exist in `et-jsapi-declare` (pinned, used unmodified): the
 * `proof` functions at the end assign the declared objects (`Et.Range`, `Et.Worksheet`, …, the
 * global `Application`'s type `WPSMergedRoot`) to these interfaces — a member missing from the
 * declarations, or declared with another shape, fails the type check. The WPS host (./host.ts)
 * uses only these interfaces, so the imitation (src/imitation/wps) implements exactly them.
 *
 * Where the declarations say `any` (FormatConditions.Item/Add, Interior.Color) the interfaces
 * name what jxmb expects; the imitation holds that expectation to the strictest reading.
 */

/** Et.Interior: `Color` is a BGR integer (VBA's RGB(r,g,b) = r + g·256 + b·65536). */
export interface WInterior {
  Color: unknown;
}

export interface WFont {
  Bold: boolean;
  Size: number;
}

export interface WBorders {
  LineStyle: number | boolean;
  Weight: number;
}

export interface WFormatCondition {
  readonly Type: number;
  readonly Formula1: string;
  readonly Interior: WInterior;
  readonly AppliesTo: WRange;
  Delete(): void;
}

/** Et.FormatConditions: `Item` takes a 1-based position (not an id): deleting one moves those after it. */
export interface WFormatConditions {
  readonly Count: number;
  Item(Index: number): WFormatCondition;
  Add(Type: Et.XlFormatConditionType, Operator?: undefined, Formula1?: string): WFormatCondition;
}

export interface WValidation {
  Add(Type: Et.XlDVType, AlertStyle?: number, Operator?: number, Formula1?: string): void;
  Delete(): void;
  InCellDropdown: boolean;
  InputTitle: string;
  InputMessage: string;
  ShowInput: boolean;
}

export interface WAreas {
  readonly Count: number;
  Item(Index: number): WRange;
}

export interface WRange {
  /** the raw value (numbers, dates as serials); a multi-cell range: rows of values */
  Value2: unknown;
  /** the value as shown (depends on the column width: `###` when it does not fit — not read here) */
  readonly Text: unknown;
  NumberFormat: unknown;
  readonly MergeCells: unknown;
  readonly MergeArea: WRange;
  Merge(Across?: boolean): void;
  UnMerge(): void;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  /** 1-based */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: WRange;
  readonly Columns: WRange;
  readonly Count: number;
  readonly Areas: WAreas;
  readonly FormatConditions: WFormatConditions;
  readonly Interior: WInterior;
  readonly Font: WFont;
  readonly Borders: WBorders;
  HorizontalAlignment: number | boolean;
  VerticalAlignment: number | boolean;
  WrapText: boolean;
  ColumnWidth: number;
  RowHeight: number;
  readonly Validation: WValidation;
  Insert(Shift?: number): unknown;
  Select(): unknown;
}

export interface WCustomProperty {
  Name: string;
  Value: string;
  Delete(): void;
}

export interface WCustomProperties {
  readonly Count: number;
  Item(Index: number | string): WCustomProperty;
  Add(Name: string, Value: string): WCustomProperty;
}

export interface WSheet {
  Name: string;
  readonly Index: number;
  readonly UsedRange: WRange;
  Range(Cell1: string): WRange;
  readonly Cells: WRange;
  Activate(): void;
  readonly ProtectContents: boolean;
  readonly CustomProperties: WCustomProperties;
}

/** Et.Sheets.Item gives a Worksheet, or Sheets when given an array: told apart by `UsedRange`. */
export interface WSheets {
  readonly Count: number;
  Item(Index: number | string): WSheet | { readonly Count: number };
}

export interface WWorkbook {
  readonly Name: string;
  readonly Worksheets: WSheets;
}

export type SheetChangeListener = (sheet: unknown, target: unknown) => void;
export type SelectionListener = (sheet: unknown, target: WRange) => void;
export type BeforeSaveListener = (book: unknown, saveAsUi: boolean) => void;

/** WPS.EtApiEvent: the events jxmb listens to. */
export interface WApiEvent {
  AddApiEventListener(EventName: 'SheetChange', callback: SheetChangeListener): void;
  AddApiEventListener(EventName: 'SheetSelectionChange', callback: SelectionListener): void;
  AddApiEventListener(EventName: 'WorkbookBeforeSave', callback: BeforeSaveListener): void;
  RemoveApiEventListener(EventName: 'SheetChange', callback?: SheetChangeListener): void;
  RemoveApiEventListener(EventName: 'SheetSelectionChange', callback?: SelectionListener): void;
  RemoveApiEventListener(EventName: 'WorkbookBeforeSave', callback?: BeforeSaveListener): void;
}

/** The global `Application` (`window.Application`) as the pane uses it. */
export interface WApp {
  readonly ActiveSheet: WSheet;
  readonly ActiveWorkbook: WWorkbook;
  readonly ActiveCell: WRange;
  readonly ApiEvent: WApiEvent;
}

export function isSheet(x: WSheet | { readonly Count: number }): x is WSheet {
  return typeof x === 'object' && x !== null && 'UsedRange' in x;
}

// ---- enum values, each checked against the declarations' enum (a wrong number fails the type check)
export const xlExpression: Et.XlFormatConditionType = 2;
export const xlValidateInputOnly: Et.XlDVType = 0;
export const xlValidateList: Et.XlDVType = 3;
export const xlValidAlertStop: Et.XlDVAlertStyle = 1;
export const xlBetween: Et.XlFormatConditionOperator = 1;
export const xlShiftDown: Et.XlInsertShiftDirection = -4121;
export const xlContinuous: Et.XlLineStyle = 1;
export const xlThin: Kso.XlBorderWeight = 2;
export const xlHAlignLeft: Kso.XlHAlign = -4131;
export const xlHAlignCenter: Kso.XlHAlign = -4108;
export const xlHAlignRight: Kso.XlHAlign = -4152;
export const xlVAlignTop: Kso.XlVAlign = -4160;
export const xlVAlignCenter: Kso.XlVAlign = -4108;
export const xlVAlignBottom: Kso.XlVAlign = -4107;

/** `#RRGGBB` → the BGR integer `Interior.Color` holds. */
export function bgr(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return r + g * 256 + b * 65536;
}

// ---- the proofs: the declared objects satisfy the narrow interfaces (compile time only)
export const proof = {
  range: (x: Et.Range): WRange => x,
  sheet: (x: Et.Worksheet): WSheet => x,
  sheets: (x: Et.Sheets): WSheets => x,
  workbook: (x: Et.Workbook): WWorkbook => x,
  condition: (x: Et.FormatCondition): WFormatCondition => x,
  conditions: (x: Et.FormatConditions): WFormatConditions => x,
  validation: (x: Et.Validation): WValidation => x,
  properties: (x: Et.CustomProperties): WCustomProperties => x,
  interior: (x: Et.Interior): WInterior => x,
  font: (x: Et.Font): WFont => x,
  borders: (x: Et.Borders): WBorders => x,
  events: (x: WPS.EtApiEvent): WApiEvent => x,
  app: (x: WPSMergedRoot): WApp => x,
};
