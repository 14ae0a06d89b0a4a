/**
 * Text normalisation used by the parser, the recogniser and the rules: clerks type labels and
 * values with inner spaces, line breaks, full-width punctuation and trailing colons.
 */
import type { CellValue } from './model';

/** Every kind of whitespace: ASCII, line breaks, NBSP, full-width space, zero-width space, BOM. */
const SPACES_RE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+/g;

const HAS_SPACE_RE = /[\s\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/;
const HAS_FULLWIDTH_RE = /[\uff01-\uff5e\u3000]/;

/** Removes all whitespace (incl. full-width space and line breaks) anywhere in the text. */
export function stripSpaces(s: string): string {
  // most cells have none: skip the replace (the recogniser calls this for every cell)
  return HAS_SPACE_RE.test(s) ? s.replace(SPACES_RE, '') : s;
}

/**
 * Full-width ASCII letters, digits and punctuation (U+FF01–U+FF5E) → half-width; the full-width
 * space → a normal space. CJK characters and CJK punctuation such as `、。` stay as they are.
 */
export function toHalfWidth(s: string): string {
  if (!HAS_FULLWIDTH_RE.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += ch;
  }
  return out;
}

/**
 * The form in which labels and indicator names are compared: no whitespace, half-width
 * punctuation, no trailing colon. `' 项目\n编码：'` → `'项目编码'`, `'资金支出计划（%）'` → `'资金支出计划(%)'`.
 */
export function normLabel(s: string): string {
  const n = stripSpaces(toHalfWidth(s));
  return n.endsWith(':') ? n.replace(/:+$/, '') : n;
}

/** The text of a cell value: strings trimmed, numbers as written by JS, errors as `#REF!`, blanks as ''. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object' && typeof value.error === 'string') return value.error;
  return '';
}

/** A cell is blank when it holds nothing but whitespace. */
export function isBlankValue(value: CellValue | undefined): boolean {
  return stripSpaces(cellText(value)) === '';
}

/** Cuts a long text for quoting in a message (`…` appended). */
export function quote(s: string, max = 40): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const chars = Array.from(t);
  return chars.length > max ? chars.slice(0, max).join('') + '…' : t;
}
