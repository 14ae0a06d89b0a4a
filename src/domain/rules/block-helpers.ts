/**
 * Small helpers shared by the table/id/plan/total rules: blank tests, quoting cell content,
 * reading amounts and decimals, the placeholder detector. Pure; no host APIs.
 */
import type { Block, Field } from '../model';
import { quote as quoteText } from '../text';
import { formatDecimals, parseAmount } from '../value';

/** Removes every kind of whitespace (incl. the ideographic space) — how labels and names compare. */
export function compact(s: string): string {
  return s.replace(/[\s\u3000\u00a0]+/g, '');
}

/** The text of a field as the clerk sees it ('' for a missing field). */
export function fieldText(f: Field | undefined): string {
  if (!f) return '';
  if (f.text !== undefined && f.text !== null && f.text.trim() !== '') return f.text.trim();
  const v = f.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.error;
  return String(v).trim();
}

/** True when the field is absent or holds nothing visible. */
export function isBlank(f: Field | undefined): boolean {
  return fieldText(f) === '';
}

/** Shortens a quoted cell content for a message (text.ts's `quote`, 30 characters for these rules). */
export function quote(text: string, max = 30): string {
  return quoteText(text, max);
}

/** The 项目名称 of a block for messages and the diagnostic's block reference. */
export function blockName(block: Block): string {
  const name = fieldText(block.name);
  if (name) return name;
  return fieldText(block.title);
}

/** The cell a problem about a missing field points at: the field, else its label, else the block anchor. */
export function cellFor(block: Block, field: Field | undefined, labelKey: string): string {
  return field?.cell ?? block.labels?.[labelKey] ?? block.anchor;
}

/** Reads an amount from a cell: a number, or text like `20.00`, `20`, `1,234.5`, `20万元` (value.ts's `parseAmount`). */
export function readAmount(f: Field | undefined): number | undefined {
  if (!f) return undefined;
  const v = f.value;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  const text = (typeof v === 'string' ? v : fieldText(f)).replace(/[,，\s]/g, '').replace(/(万元|元)$/, '');
  return text === '' ? undefined : parseAmount(text);
}

/** Digits after the decimal point in a number written as text (`7.690486` → 6). */
export function textDecimals(text: string): number {
  const m = /\.(\d+)/.exec(text);
  return m ? m[1].length : 0;
}

/**
 * Decimals an amount cell shows: from a number format such as `0.00` / `#,##0.00_ `, else (General,
 * text) the decimals of its text, at least 2 (money in 万元 is read to the 元/百元).
 */
export function cellDecimals(f: Field): number {
  const fromFormat = formatDecimals(f.numberFormat);
  return fromFormat ?? Math.max(2, textDecimals(fieldText(f)));
}

export function roundTo(x: number, decimals: number): number {
  const p = 10 ** decimals;
  return Math.round(x * p + (x >= 0 ? 1e-9 : -1e-9)) / p;
}

export function truncTo(x: number, decimals: number): number {
  const p = 10 ** decimals;
  return Math.trunc(x * p + (x >= 0 ? 1e-9 : -1e-9)) / p;
}

/** A number for a message: at most `decimals` places, no trailing zeros. */
export function fmtNum(x: number, decimals = 4): string {
  const r = roundTo(x, decimals);
  return String(Object.is(r, -0) ? 0 : r);
}

/** `Sheet!A1` when the cell lies on another sheet than `fromSheet`, else `A1` (the sheet quoted as Excel does). */
export function sheetRef(fromSheet: string, toSheet: string, cell: string): string {
  if (fromSheet === toSheet) return cell;
  const quoted = /^[A-Za-z0-9_]+$/.test(toSheet) ? toSheet : `'${toSheet.replace(/'/g, "''")}'`;
  return `${quoted}!${cell}`;
}

/** `Sheet!A1` when the other cell lies on another sheet, else `A1`. */
export function crossRef(from: Block, to: Block, cell: string): string {
  return sheetRef(from.sheet, to.sheet, cell);
}

/**
 * Visits every field of a block that holds clerk-entered text, in reading order (not the 项目编码,
 * not the inherited 一级/二级 of "same as above" rows). Fields of a disclosure list may share a cell.
 */
export function forEachTextField(block: Block, visit: (f: Field) => void): void {
  const codeCell = block.code?.cell;
  const add = (f: Field | undefined) => {
    if (f && f.cell !== codeCell) visit(f);
  };
  add(block.title);
  add(block.unitName);
  add(block.name);
  add(block.budget);
  add(block.fiscal);
  add(block.other);
  add(block.usage);
  if (block.plan) {
    for (const f of block.plan.checkpoints) add(f);
    for (const f of block.plan.values) add(f);
  }
  add(block.goal);
  for (const row of block.indicators) {
    if (!row.inherited?.level1) add(row.level1);
    if (!row.inherited?.level2) add(row.level2);
    add(row.level3);
    add(row.description);
    add(row.value);
    add(row.basis);
  }
  if (block.otherCells) for (const f of block.otherCells) add(f);
}

// ---------------------------------------------------------------------------------------------
// Template residue (table/placeholder-text, id/code-missing)

const X_RUN = /(^|[^A-Za-z0-9Ａ-Ｚａ-ｚ])([XxＸｘ]{3,})(?![A-Za-z0-9Ａ-Ｚａ-ｚ])/;
const TARGET_CONTENT = /目标内容\s*[0-9０-９一二三四五六七八九十]+/;
const INDICATOR_N = /^(?:[一二三]级)?指标\s*[0-9０-９]+$/;
const LONG_DASH = /—{4,}|－{4,}/;
const TBD = /待定/;
/** a line made only of ellipsis marks (after its numbering / label) */
const ELLIPSIS_ONLY = /^(?:…|\.{3,}|。{3,}|·{3,}|\s)+$/;
/** a cell made only of `* - _ /` (and their full-width forms, dashes) */
const SYMBOLS_ONLY = /^[*＊\-－_＿/／—–‐\s]+$/;
/** cheap pre-test: could the text hold any residue at all? */
const CANDIDATE = /[XxＸｘ]{3}|目标内容|指标\s*[0-9０-９]|待定|—{4}|－{4}|…|\.{3}|。{3}|·{3}|^[\s*＊\-－_＿/／—–‐]+$/;
const LINE_PREFIX =
  /^\s*(?:[（(]?[0-9０-９一二三四五六七八九十]+[)）.、．:：]\s*|目标[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?\s*|[^:：\n]{1,8}[:：]\s*)/;

/** Cheap pre-test: false when the text cannot hold template residue (most cells). */
export function mayHoldPlaceholder(text: string): boolean {
  return CANDIDATE.test(text);
}

/**
 * Returns the template residue a text contains (the piece to quote), or undefined.
 * Precision first: ellipses and dashes count only where they stand instead of content.
 */
export function findPlaceholder(text: string): string | undefined {
  if (!CANDIDATE.test(text)) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (SYMBOLS_ONLY.test(t)) return t;
  const tc = TARGET_CONTENT.exec(t);
  if (tc) return tc[0];
  if (t.length <= 16 && INDICATOR_N.test(compact(t))) return compact(t);
  const x = X_RUN.exec(t);
  if (x) return x[2];
  if (TBD.test(t)) return '待定';
  const dash = LONG_DASH.exec(t);
  if (dash) return dash[0];
  for (const line of t.split(/\n/)) {
    const l = line.trim();
    if (l === '') continue;
    if (ELLIPSIS_ONLY.test(l)) return l;
    const rest = l.replace(LINE_PREFIX, '');
    if (rest !== l && rest !== '' && ELLIPSIS_ONLY.test(rest)) return rest.trim();
  }
  return undefined;
}

