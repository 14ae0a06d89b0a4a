/**
 * The 指标值 split over three cells, as the 一体化 system stores it (docs/domain.md §2.5): 符号 | 值 | 计量单位.
 *
 * 符号 is one of the system's six (`≥ ＞ ＝ ＜ ≤ 定性`; the half-width `> = <` a clerk types by hand
 * mean the same). With 定性 the 值 is text and the unit blank; otherwise 值 is a plain number and
 * 计量单位 names the unit. The value rules see the three cells as one value (`≥95%`): this module
 * reads them and says whether they make one (the split rules report the parts that do not).
 */
import type { Field } from './model';
import { stripSpaces, toHalfWidth } from './text';
import { formatNumber, isPercentFormat, type Operator } from './value';

/** The system's six symbols, as it writes them (the templates' dropdown). */
export const SPLIT_SYMBOLS: readonly string[] = ['≥', '＞', '＝', '＜', '≤', '定性'];

export const QUALITATIVE_SYMBOL = '定性';

/** Symbol → operator: the six, and the half-width spellings (`>` `=` `<`). */
const SYMBOL_OPERATORS: Record<string, Operator | 'qualitative'> = {
  '≥': '≥',
  '＞': '>',
  '＝': '=',
  '＜': '<',
  '≤': '≤',
  '>': '>',
  '=': '=',
  '<': '<',
  定性: 'qualitative',
};

/** Operator → the symbol the system writes (templates). */
export const OPERATOR_SYMBOL: Record<Operator, string> = { '≥': '≥', '>': '＞', '=': '＝', '<': '＜', '≤': '≤' };

export interface SplitParts {
  operator: Field;
  number: Field;
  unit: Field;
}

export interface SplitReading {
  /** the operator the 符号 stands for, or `qualitative` for 定性; undefined when blank or not a symbol */
  operator?: Operator | 'qualitative';
  operatorState: 'ok' | 'blank' | 'invalid';
  numberState: 'ok' | 'blank' | 'notNumeric';
  unitBlank: boolean;
  /** the 符号 as written (trimmed) */
  operatorText: string;
  /** what the three cells say together, for the value rules: `≥95%`, `提升`, or '' when 值 is blank */
  text: string;
  /** the parts do not make one value (a split rule reports why): the value rules leave the row alone */
  broken: boolean;
}

const PLAIN_NUMBER_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[-+]?\.\d+$/;

function text(f: Field): string {
  const v = f.value;
  if (typeof v === 'string') return v.trim();
  return f.text.trim();
}

/** The 值 cell as a plain number in text (`95`, `3.5`), or undefined when it is not one. */
function plainNumber(f: Field): string | undefined {
  const v = f.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return undefined;
    // a number shown with a % format is the percentage the clerk sees (0.95 → 95)
    return formatNumber(isPercentFormat(f.numberFormat) ? v * 100 : v);
  }
  if (typeof v !== 'string') return undefined;
  const t = stripSpaces(toHalfWidth(v));
  return PLAIN_NUMBER_RE.test(t) ? t.replace(/,/g, '') : undefined;
}

/** The operator a 符号 cell stands for (`＞` → `>`, `定性` → qualitative), or undefined. */
export function splitOperator(symbol: string): Operator | 'qualitative' | undefined {
  return SYMBOL_OPERATORS[stripSpaces(symbol)];
}

/** Reads the three cells of a split 指标值. Never throws. */
export function readSplitValue(parts: SplitParts): SplitReading {
  const opText = text(parts.operator);
  const numText = text(parts.number);
  const unitText = stripSpaces(text(parts.unit));
  const operator = opText === '' ? undefined : splitOperator(opText);
  const operatorState = opText === '' ? 'blank' : operator === undefined ? 'invalid' : 'ok';
  const num = plainNumber(parts.number);
  const numberState = numText === '' ? 'blank' : num === undefined ? 'notNumeric' : 'ok';
  const unitBlank = unitText === '';
  const base = { operator, operatorState, numberState, unitBlank, operatorText: opText } as const;
  if (numberState === 'blank') return { ...base, text: '', broken: false };
  if (operator === 'qualitative') return { ...base, text: numText, broken: false };
  if (operator !== undefined && num !== undefined && !unitBlank) return { ...base, text: `${operator}${num}${unitText}`, broken: false };
  return { ...base, text: `${opText}${numText}${unitText}`, broken: true };
}
