/**
 * Conditional formats in the in-memory Excel: what a rule applies to (its “Applies to” ranges, kept
 * as a set of cells so that inserting, deleting, sorting, moving and copying cells can change it
 * cell by cell, as Excel does), and the little of a custom rule's formula the imitation evaluates to
 * draw it (the browser preview).
 *
 * Reference: “Apply conditional formatting to Excel ranges” (Office Add-ins docs) and the
 * Excel.ConditionalFormat / ConditionalFormatCollection reference: a collection belongs to a range
 * and holds “all the conditional formats that overlap the range”; `add` puts the new format “at the
 * first/top priority”; `getRanges()` (ExcelApi 1.9) returns the RangeAreas the format applies to.
 */
import type { RangePos } from '../../domain/address';

/** Excel.ConditionalFormatType: every kind the ribbon's Conditional Formatting menu makes */
export type ConditionalFormatKind = 'Custom' | 'DataBar' | 'ColorScale' | 'IconSet' | 'TopBottom' | 'PresetCriteria' | 'ContainsText' | 'CellValue';

export const CONDITIONAL_FORMAT_KINDS: readonly ConditionalFormatKind[] = ['Custom', 'CellValue', 'ContainsText', 'TopBottom', 'PresetCriteria', 'ColorScale', 'DataBar', 'IconSet'];

/** The member of Excel.ConditionalFormat that holds a kind's parts (`cellValue`, `textComparison`, …). */
export const KIND_MEMBER: Record<ConditionalFormatKind, string> = {
  Custom: 'custom',
  CellValue: 'cellValue',
  ContainsText: 'textComparison',
  TopBottom: 'topBottom',
  PresetCriteria: 'preset',
  ColorScale: 'colorScale',
  DataBar: 'dataBar',
  IconSet: 'iconSet',
};

export interface ConditionalFormatState {
  /** the format's handle (what `id` reads when ids are not positions, see ExcelBehaviour.conditionalFormatIdIsPosition) */
  id: string;
  type: ConditionalFormatKind;
  /** the custom rule's formula, as written (`=…`); '' for other kinds */
  formula: string;
  /**
   * the other kinds' parts as set through Office.js, by property name (`rule`, `criteria`, `style`,
   * `barDirection`, …), kept as written (JSON values) so that they can be read back unchanged
   */
  parts?: Record<string, unknown>;
  /** the fill the format draws where the rule holds (null: none) */
  fill: string | null;
  stopIfTrue: boolean;
  /** the cells it applies to, as rectangles (see `rectsOf`) */
  ranges: RangePos[];
}

export { cellKeysOf, rectsOf, type CellKey } from '../../excel/cellset';

/**
 * Whether a custom rule's formula holds, for the little the imitation evaluates: `TRUE`, `FALSE`,
 * `ISTEXT("…")` / `ISTEXT(123)`, and `AND`, `OR`, `NOT` of those. Anything else (references,
 * other functions) is `null`: unknown, not drawn.
 */
export function evaluateCondition(formula: string): boolean | null {
  const src = formula.trim().replace(/^=/, '');
  let i = 0;
  const ws = () => {
    while (src[i] === ' ') i++;
  };
  const fail = (): never => {
    throw new Error('unknown');
  };
  const str = (): string => {
    if (src[i] !== '"') fail();
    i++;
    let out = '';
    for (;;) {
      if (i >= src.length) fail();
      if (src[i] === '"') {
        if (src[i + 1] === '"') {
          out += '"';
          i += 2;
          continue;
        }
        i++;
        return out;
      }
      out += src[i++];
    }
  };
  const args = (): unknown[] => {
    ws();
    if (src[i] !== '(') fail();
    i++;
    const list: unknown[] = [];
    ws();
    if (src[i] === ')') {
      i++;
      return list;
    }
    for (;;) {
      list.push(expr());
      ws();
      if (src[i] === ',') {
        i++;
        continue;
      }
      if (src[i] === ')') {
        i++;
        return list;
      }
      fail();
    }
  };
  const expr = (): unknown => {
    ws();
    if (src[i] === '"') return str();
    const num = /^\d+(\.\d+)?/.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const name = /^[A-Za-z]+/.exec(src.slice(i));
    if (!name) return fail();
    i += name[0].length;
    const n = name[0].toUpperCase();
    if (n === 'TRUE' || n === 'FALSE') {
      ws();
      if (src[i] === '(') args();
      return n === 'TRUE';
    }
    const a = args();
    const bool = (v: unknown) => (typeof v === 'boolean' ? v : fail());
    if (n === 'ISTEXT' && a.length === 1) return typeof a[0] === 'string';
    if (n === 'AND' && a.length > 0) return a.map(bool).every(Boolean);
    if (n === 'OR' && a.length > 0) return a.map(bool).some(Boolean);
    if (n === 'NOT' && a.length === 1) return !bool(a[0]);
    return fail();
  };
  try {
    const v = expr();
    ws();
    return i === src.length && typeof v === 'boolean' ? v : null;
  } catch {
    return null;
  }
}
