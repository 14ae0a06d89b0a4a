/**
 * The cells of the imitated workbook: the limits of a sheet, a cell's state and its defaults, the
 * errors Office.js reports, and the part of a sheet the structural operations (./structure.ts)
 * work on. Its own module so that ./state.ts (the workbook) and ./structure.ts (insert, delete,
 * move, copy, sort) both build on it without importing each other.
 */
import type { RangePos } from '../../domain/address';
import type { XValue } from '../../excel/api';
import type { ConditionalFormatState } from './conditional';

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** points, what Excel reports for a row/column nobody resized */
export const DEFAULT_ROW_HEIGHT = 14.25;
export const DEFAULT_COLUMN_WIDTH = 48;

export interface FillState {
  /** null = no fill */
  color: string | null;
  pattern: string;
  patternColor: string | null;
}

export interface FontState {
  name: string;
  size: number;
  color: string;
  bold: boolean;
  italic: boolean;
}

export interface BorderState {
  style: string;
  color: string;
  weight: string;
}

export type EdgeName = 'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight';

export interface ValidationState {
  list?: { inCellDropDown: boolean; source: string };
  prompt?: { showPrompt: boolean; title: string; message: string };
}

export interface CellState {
  /** what `values` reads: the typed value, or a formula's result */
  value: XValue;
  /** the formula (`=…`) when the cell holds one */
  formula?: string;
  numberFormat: string;
  fill: FillState;
  font: FontState;
  borders: Partial<Record<EdgeName, BorderState>>;
  wrapText: boolean;
  horizontalAlignment: string;
  verticalAlignment: string;
  /** format.protection.locked: Excel's default for every cell is locked */
  locked: boolean;
  validation?: ValidationState;
}

export const DEFAULT_FONT: FontState = { name: '等线', size: 11, color: '#000000', bold: false, italic: false };
export const NO_FILL: FillState = { color: null, pattern: 'None', patternColor: null };

export function newCell(): CellState {
  return {
    value: '',
    numberFormat: 'General',
    fill: { ...NO_FILL },
    font: { ...DEFAULT_FONT },
    borders: {},
    wrapText: false,
    horizontalAlignment: 'General',
    verticalAlignment: 'Bottom',
    locked: true,
  };
}

/** A deep copy of a cell. */
export function cloneCell(c: CellState): CellState {
  const out: CellState = { ...c, fill: { ...c.fill }, font: { ...c.font }, borders: {} };
  for (const [e, b] of Object.entries(c.borders) as [EdgeName, BorderState][]) out.borders[e] = { ...b };
  if (c.validation) out.validation = JSON.parse(JSON.stringify(c.validation)) as ValidationState;
  return out;
}

export function isDefaultFormat(c: CellState): boolean {
  return (
    c.numberFormat === 'General' &&
    c.fill.pattern === 'None' &&
    c.font.name === DEFAULT_FONT.name &&
    c.font.size === DEFAULT_FONT.size &&
    c.font.color === DEFAULT_FONT.color &&
    !c.font.bold &&
    !c.font.italic &&
    Object.keys(c.borders).length === 0 &&
    !c.wrapText &&
    c.horizontalAlignment === 'General' &&
    c.verticalAlignment === 'Bottom' &&
    c.locked &&
    c.validation === undefined
  );
}

/** The error codes Office.js reports (`Excel.ErrorCodes` and the platform's own, see “Error handling with the Excel JavaScript API”). */
export type MemoryErrorCode =
  | `${Excel.ErrorCodes}`
  | 'PropertyNotLoaded'
  | 'InvalidObjectPath'
  | 'RequestPayloadSizeLimitExceeded'
  | 'ResponsePayloadSizeLimitExceeded';

export class MemoryExcelError extends Error {
  constructor(
    readonly code: MemoryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeExtension.Error';
  }
}

export interface NoteState {
  content: string;
  authorName: string;
}
/** What of a sheet the structural operations read and change (./state.ts `SheetState` has it all). */
export interface SheetCells {
  /** key: row * MAX_COLS + col */
  readonly cells: Map<number, CellState>;
  merges: RangePos[];
  readonly notes: Map<string, NoteState>;
  readonly columnWidths: Map<number, number>;
  readonly rowHeights: Map<number, number>;
  conditionalFormats: ConditionalFormatState[];
}

/** Where a copied conditional format gets its new id (the workbook: ./state.ts `MemoryWorkbook`). */
export interface ConditionalFormatIds {
  nextConditionalFormatId(): string;
}
