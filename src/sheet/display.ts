/**
 * What the clerk sees in a cell: a value rendered with its number format (enough of Excel's
 * format language for the rules: percent, fixed decimals, thousands separators, literals,
 * dates), and the {@link Field} built from a grid cell.
 */
import { toA1 } from '../domain/address';
import type { CellValue, Field } from '../domain/model';
import { cellFormat, cellValue, type GridSheet } from './grid';

const QUOTED_RE = /"[^"]*"/g;
const BRACKET_RE = /\[[^\]]*\]/g;
const DATE_TOKEN_RE = /[ymdhs]/i;
const GENERAL_RE = /^general$/i;

/** Cache of parsed format sections (formats repeat across thousands of cells). */
const sectionCache = new Map<string, FormatSection[]>();

interface FormatSection {
  kind: 'number' | 'date' | 'text' | 'general';
  /** the section's tokens for number/date rendering */
  raw: string;
  percent: boolean;
  decimals: number;
  thousands: boolean;
  scientific: boolean;
  prefix: string;
  suffix: string;
  hasPlaceholder: boolean;
}

function splitSections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') inQuote = !inQuote;
    if (ch === '\\' && i + 1 < fmt.length) {
      cur += ch + fmt[i + 1];
      i++;
      continue;
    }
    if (ch === ';' && !inQuote) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out;
}

/** The currency symbol of a locale bracket (`[$¥-804]` → `¥`, `[$-F800]` → ''); other brackets show nothing. */
function currencyOf(bracket: string): string {
  const m = /^\$([^-]*)/.exec(bracket);
  return m ? m[1] : '';
}

/** Literal text of a format fragment: quoted strings, escaped chars and plain symbols; drops `_x`, `*x`, `[..]`. */
function literal(fragment: string): string {
  let s = '';
  for (let i = 0; i < fragment.length; i++) {
    const ch = fragment[i];
    if (ch === '"') {
      const end = fragment.indexOf('"', i + 1);
      s += fragment.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? fragment.length : end;
    } else if (ch === '\\') {
      s += fragment[i + 1] ?? '';
      i++;
    } else if (ch === '_' || ch === '*') {
      i++; // padding / fill character
    } else if (ch === '[') {
      const end = fragment.indexOf(']', i + 1);
      s += currencyOf(fragment.slice(i + 1, end < 0 ? undefined : end));
      i = end < 0 ? fragment.length : end;
    } else if (ch === '@') {
      // text placeholder: nothing for numbers
    } else {
      s += ch;
    }
  }
  return s;
}

function parseSection(sec: string): FormatSection {
  const stripped = sec.replace(QUOTED_RE, '').replace(BRACKET_RE, '').replace(/\\./g, '');
  const base: FormatSection = {
    kind: 'number',
    raw: sec,
    percent: false,
    decimals: 0,
    thousands: false,
    scientific: false,
    prefix: '',
    suffix: '',
    hasPlaceholder: false,
  };
  if (GENERAL_RE.test(stripped.trim())) return { ...base, kind: 'general', prefix: literal(sec.replace(/general/i, '')) };
  const placeholder = /[0#?]/.exec(stripped);
  if (!placeholder && DATE_TOKEN_RE.test(stripped)) return { ...base, kind: 'date' };
  if (!placeholder && stripped.includes('@')) return { ...base, kind: 'text' };
  if (!placeholder) return { ...base, kind: 'number', prefix: literal(sec) };
  // the numeric run: from the first placeholder to the last placeholder (incl. , . E+)
  const masked = sec.replace(QUOTED_RE, (q) => 'x'.repeat(q.length)).replace(BRACKET_RE, (q) => 'x'.repeat(q.length));
  const m = /[#0?,.]*[0#?](?:[#0?,.]|[eE][+-][0#?]+)*/.exec(masked);
  const start = m ? m.index : 0;
  const run = m ? m[0] : '';
  const end = start + run.length;
  const dot = run.indexOf('.');
  const expo = /[eE][+-]/.exec(run);
  const mantissa = expo ? run.slice(0, expo.index) : run;
  const decimals = dot < 0 ? 0 : (mantissa.slice(dot + 1).match(/[0#?]/g) ?? []).length;
  return {
    ...base,
    percent: stripped.includes('%'),
    decimals,
    thousands: (dot < 0 ? mantissa : mantissa.slice(0, dot)).includes(','),
    scientific: expo !== null,
    prefix: literal(sec.slice(0, start)),
    suffix: literal(sec.slice(end)),
    hasPlaceholder: true,
  };
}

function sectionsOf(fmt: string): FormatSection[] {
  let s = sectionCache.get(fmt);
  if (!s) {
    s = splitSections(fmt).map(parseSection);
    if (sectionCache.size > 2000) sectionCache.clear();
    sectionCache.set(fmt, s);
  }
  return s;
}

function groupThousands(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Excel's General format, close enough: up to 15 significant digits, no float noise. */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const p = Number(n.toPrecision(15));
  const abs = Math.abs(p);
  if (abs !== 0 && (abs < 1e-9 || abs >= 1e15)) return p.toExponential().replace(/e\+?/, 'E+').replace('E+-', 'E-');
  return String(p);
}

function roundFixed(v: number, decimals: number): string {
  // round half away from zero like Excel, avoiding binary noise (1.005 → 1.01)
  const clean = Number(v.toPrecision(15));
  const str = String(clean);
  if (str.includes('e')) return clean.toFixed(decimals);
  return (Math.round(Number(`${str}e${decimals}`)) / Math.pow(10, decimals)).toFixed(decimals);
}

function renderNumber(n: number, sec: FormatSection): string {
  const sign = n < 0 ? '-' : '';
  const v = Math.abs(sec.percent ? n * 100 : n);
  if (sec.scientific) {
    const [mant, exp] = v.toExponential(sec.decimals).split('e');
    const e = Number(exp);
    return `${sec.prefix}${sign}${mant}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}${sec.suffix}`;
  }
  let s = roundFixed(v, sec.decimals);
  if (sec.thousands) {
    const [i, f] = s.split('.');
    s = groupThousands(i) + (f !== undefined ? `.${f}` : '');
  }
  return sec.prefix + (Number(s.replace(/,/g, '')) === 0 ? '' : sign) + s + sec.suffix;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Serial → date text following the format's y/m/d/h/s tokens and literals. */
function renderDate(serial: number, fmt: string): string {
  const ms = Math.round((serial - 25569) * 86400000);
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return generalNumber(serial);
  const Y = d.getUTCFullYear();
  const M = d.getUTCMonth() + 1;
  const D = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  let out = '';
  let lastWasHour = false;
  const ampm = /AM\/PM|A\/P|上午\/下午/i.exec(fmt.replace(/"[^"]*"/g, (q) => 'x'.repeat(q.length)));
  const hour = ampm ? (h % 12 === 0 ? 12 : h % 12) : h;
  for (let i = 0; i < fmt.length; ) {
    const ch = fmt[i];
    const lower = ch.toLowerCase();
    if (ampm && i === ampm.index) {
      const pm = h >= 12;
      const tok = ampm[0].toUpperCase();
      out += tok === 'A/P' ? (pm ? 'P' : 'A') : tok === '上午/下午' ? (pm ? '下午' : '上午') : pm ? 'PM' : 'AM';
      i += ampm[0].length;
      continue;
    }
    if (ch === '"') {
      const end = fmt.indexOf('"', i + 1);
      out += fmt.slice(i + 1, end < 0 ? undefined : end);
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '\\') {
      out += fmt[i + 1] ?? '';
      i += 2;
      continue;
    }
    if (ch === '[') {
      const end = fmt.indexOf(']', i + 1);
      i = end < 0 ? fmt.length : end + 1;
      continue;
    }
    if (ch === '_' || ch === '*') {
      i += 2;
      continue;
    }
    if ('ymdhs'.includes(lower)) {
      let j = i;
      while (j < fmt.length && fmt[j].toLowerCase() === lower) j++;
      const len = j - i;
      if (lower === 'y') out += len <= 2 ? pad2(Y % 100) : String(Y);
      else if (lower === 'd') out += len === 1 ? String(D) : len === 2 ? pad2(D) : len === 3 ? DAYS[d.getUTCDay()].slice(0, 3) : DAYS[d.getUTCDay()];
      else if (lower === 'h') out += len === 1 ? String(hour) : pad2(hour);
      else if (lower === 's') out += len === 1 ? String(s) : pad2(s);
      else if (lower === 'm') {
        const rest = fmt.slice(j).replace(/[^a-z]/gi, '');
        const minutes = lastWasHour || /^s/i.test(rest);
        const val = minutes ? mi : M;
        if (!minutes && len >= 3) out += len === 3 ? MONTHS[M - 1].slice(0, 3) : len === 5 ? MONTHS[M - 1][0] : MONTHS[M - 1];
        else out += len === 1 ? String(val) : pad2(val);
      }
      lastWasHour = lower === 'h';
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * What the clerk sees: 0.25 with `0.00%` → `25.00%`, with `0%` → `25%`; 20 with `0.00` → `20.00`;
 * text trimmed; an error value → its code (`#REF!`); booleans → `TRUE`/`FALSE`; empty → ''.
 */
export function displayText(value: CellValue | undefined, numberFormat?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'object') return value.error;
  if (!numberFormat || GENERAL_RE.test(numberFormat)) return generalNumber(value);
  const sections = sectionsOf(numberFormat);
  let sec = sections[0];
  let n = value;
  if (value < 0 && sections.length >= 2 && sections[1].raw.trim() !== '') {
    sec = sections[1];
    n = -value; // the negative section carries its own sign/brackets
  } else if (value === 0 && sections.length >= 3 && sections[2].raw.trim() !== '') {
    sec = sections[2];
  }
  switch (sec.kind) {
    case 'general':
      return (sec.prefix + generalNumber(n)).trim();
    case 'date':
      return renderDate(n, sec.raw).trim();
    case 'text':
      return generalNumber(value);
    default:
      // a section of literal text only: `;;;"-"` shows "-", the zero-shown-blank `[=0]""` shows nothing
      if (!sec.hasPlaceholder) return sec.raw.includes('"') ? sec.prefix.trim() : sec.prefix.trim() || generalNumber(value);
      return renderNumber(n, sec).trim();
  }
}

/** The A1 address of a grid cell on the real sheet (adds the grid's origin). */
export function cellAddress(sheet: GridSheet, row: number, col: number): string {
  const o = sheet.origin;
  return o ? toA1(row + o.row, col + o.col) : toA1(row, col);
}

/** A {@link Field} for a grid cell: its value, display text, number format and A1 address. */
export function makeField(sheet: GridSheet, row: number, col: number): Field {
  const raw = cellValue(sheet, row, col);
  // no cell holds NaN/±Infinity (Excel shows #NUM!); a host that hands one over gets that error, so the Field fits its schema
  const value = typeof raw === 'number' && !Number.isFinite(raw) ? { error: '#NUM!' } : raw;
  const numberFormat = cellFormat(sheet, row, col);
  const f: Field = { cell: cellAddress(sheet, row, col), value, text: displayText(value, numberFormat) };
  if (numberFormat !== undefined && numberFormat !== '' && !GENERAL_RE.test(numberFormat)) f.numberFormat = numberFormat;
  return f;
}
