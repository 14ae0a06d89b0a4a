/**
 * The slice of the in-memory workbook (src/imitation/excel) that the preview's spreadsheet view reads
 * and drives, as a structural interface: `MemoryWorkbook` satisfies it.
 */
import type { RangePos } from '../domain/address';

export type PreviewValue = string | number | boolean;

export interface PreviewCell {
  value: PreviewValue;
  numberFormat: string;
  fill: { color: string | null; pattern: string };
  font: { bold: boolean; italic: boolean; color: string };
  wrapText: boolean;
  horizontalAlignment: string;
}

/** A conditional format as the sheet keeps it (the add-in's marks are such formats). */
export interface PreviewConditionalFormat {
  formula: string;
  fill: string | null;
  ranges: RangePos[];
}

export interface PreviewSheet {
  readonly id: string;
  name: string;
  merges: RangePos[];
  /** in priority order */
  conditionalFormats: PreviewConditionalFormat[];
  readonly notes: Map<string, { content: string }>;
  readonly columnWidths: Map<number, number>;
  peek(row: number, col: number): PreviewCell | undefined;
  usedRange(valuesOnly: boolean): RangePos | null;
}

export interface PreviewBook {
  readonly sheets: PreviewSheet[];
  selection: { sheetId: string; range: RangePos } | null;
  activeSheetId: string | null;
  syncCount: number;
  readonly user: {
    setValues(sheet: string, address: string, values: PreviewValue[][]): void;
    select(sheet: string, address: string): void;
    /** `count` rows above row `row` (1-based) */
    insertRows(sheet: string, row: number, count?: number): void;
    /** the rows of `address` by the given columns (offsets from its first column) */
    sort(sheet: string, address: string, fields: { key: number; ascending: boolean }[]): void;
  };
}
