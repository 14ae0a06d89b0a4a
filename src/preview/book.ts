/**
 * The slice of the in-memory workbook (src/excel/memory) that the preview's spreadsheet view reads
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

export interface PreviewSheet {
  readonly id: string;
  name: string;
  readonly cells: Map<string, PreviewCell>;
  merges: RangePos[];
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
  };
}

/** Excel-like display text for a value and its number format (the common formats only). */
export function displayText(value: PreviewValue, numberFormat: string): string {
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  const fmt = (numberFormat || 'General').replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const section = fmt.split(';')[0];
  const decimals = (() => {
    const m = /0\.(0+)/.exec(section);
    return m ? m[1].length : 0;
  })();
  if (/%/.test(section)) return `${(value * 100).toFixed(decimals)}%`;
  if (/^[#,0.]+$/.test(section.trim())) {
    const s = value.toFixed(decimals);
    return /,/.test(section) ? Number(s).toLocaleString('en-US', { minimumFractionDigits: decimals }) : s;
  }
  if (Number.isInteger(value)) return String(value);
  return String(Math.round(value * 1e10) / 1e10);
}
