/**
 * THE 指标值 parser (docs/domain.md §4): `[operator] number [unit]`, a date/period, or qualitative text.
 *
 * Every consumer (rules, recogniser, templates, UI) reads values through `parseValue`, so all agree
 * on what `≥90百分比`, `$\geq 95\%$`, `≤10.56万元/年` or `每月31日之前` mean. Never throws.
 */
import type { CellValue } from './model';
import { cellText, stripSpaces, toHalfWidth } from './text';

export type Operator = '≥' | '≤' | '>' | '<' | '=';
export type ValueKind = 'empty' | 'percent' | 'money' | 'count' | 'number' | 'date' | 'qualitative';

export interface ParsedValue {
  /** the input as text (a number cell with a % format: as shown, e.g. `95%`) */
  raw: string;
  kind: ValueKind;
  /** `=` when none written */
  operator: Operator;
  operatorExplicit: boolean;
  /** for percent: points (95 for 95%, also for a 0.95 number cell with a % format) */
  number?: number;
  /** base unit without denominators: `%`, `元`, `万元`, `个`, `人次`, `万人`, `个月`, `平方米` … */
  unit?: string;
  /** denominators: `元/人/月` → ['人','月']; `万元/年` → ['年'] */
  per?: string[];
  /** money amounts converted to 万元 (1万元 = 10000元) */
  moneyWan?: number;
  /**
   * Non-canonical spellings found. `percent`: how the percent was written when not `%`;
   * `operator`: the operator as written when not one of `≥ ≤ > < =` (e.g. `>=`, `不低于`, `以上`,
   * `\geq`); `latex`: the text carried LaTeX residue (`$`, `\geq`, `\%`).
   */
  notation: { percent?: '百分比' | '百分百' | '％' | 'latex'; operator?: string; latex?: boolean };
  /** every 20xx年 year mentioned */
  years: number[];
  /** canonical spelling for numeric kinds, e.g. `≥95%`, `≤1.02万元`, `39人次` */
  canonical?: string;
  /** count kind: the unit is a span of time (`1年`, `12个月`, `≤60天`) */
  period?: boolean;
}

/** Longer spellings first; matched on the half-width, space-free text. */
const OPERATOR_SPELLINGS: [string, Operator][] = (
  [
    ['大于或等于', '≥'],
    ['小于或等于', '≤'],
    ['大于等于', '≥'],
    ['小于等于', '≤'],
    ['不低于', '≥'],
    ['不少于', '≥'],
    ['不小于', '≥'],
    ['不高于', '≤'],
    ['不超过', '≤'],
    ['不多于', '≤'],
    ['不大于', '≤'],
    ['至少', '≥'],
    ['达到', '≥'],
    ['最多', '≤'],
    ['大于', '>'],
    ['小于', '<'],
    ['高于', '>'],
    ['低于', '<'],
    ['超过', '>'],
    ['等于', '='],
    ['>=', '≥'],
    ['=>', '≥'],
    ['<=', '≤'],
    ['=<', '≤'],
    ['≥', '≥'],
    ['≤', '≤'],
    ['≧', '≥'],
    ['≦', '≤'],
    ['⩾', '≥'],
    ['⩽', '≤'],
    ['>', '>'],
    ['<', '<'],
    ['=', '='],
  ] as [string, Operator][]
).sort((a, b) => b[0].length - a[0].length);

/** Suffix operators: `95%以上`, `60天以内`. */
const SUFFIX_OPERATORS: [string, Operator][] = [
  ['及以上', '≥'],
  ['及以下', '≤'],
  ['以上', '≥'],
  ['以下', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
];

const CANONICAL_OPS = new Set<string>(['≥', '≤', '>', '<', '=']);

/** Unit words of counts (docs/domain.md §4), incl. spans of time. Single CJK characters are accepted too. */
const COUNT_UNITS = new Set<string>([
  '个', '人', '人次', '次', '户', '户次', '村', '份', '场', '场次', '期', '项', '名', '批', '批次', '天', '日',
  '月', '年', '周', '小时', '工作日', '季度', '平方米', '平米', '立方米', '米', '公里', '千米', '条', '块', '册',
  '件', '所', '家', '座', '间', '台', '辆', '亩', '吨', '公斤', '千克', '斤', '套', '本', '张', '篇', '处', '棵',
  '株', '头', '只', '班', '班次', '节', '课时', '学时', '届', '轮', '起', '宗', '例', '床', '栋', '幢', '部', '支',
  '队', '户数', '人数', '元次', '万', 'km', 'm', 'm2', 'm²', '㎡', 'kg', 't', 'h',
]);
const TIME_UNITS = new Set<string>(['天', '日', '月', '年', '周', '小时', '工作日', '季度']);

const MONEY_UNITS: [string, number][] = [
  ['亿元', 10000],
  ['万元', 1],
  ['千元', 0.1],
  ['元', 0.0001],
];

const DATE_PATTERNS: RegExp[] = [
  /^(19|20)\d{2}年/, // 2021年12月31日, 2021年12月底前, 2021年1月至12月, 2021年度
  /^(19|20)\d{2}[-/.]\d{1,2}([-/.]\d{1,2})?(日|号)?(前|之前|以前|底|底前|止)?$/, // 2021-12-31
  /^\d{1,2}月份?(底|末|初|中旬|上旬|下旬|\d{1,2}(日|号)|前|之前|以前|内|止|完成|发放|到位)/, // 12月底前
  /^\d{1,2}(-|~|至|到|—|–)\d{1,2}月/, // 1-12月
  /^每(个)?(月|季度?|年|周|日|天|半年|学期|星期)/, // 每月31日之前, 每季度, 每月
  /^按(年|月|季度?|周|日|天|时|期|半年|学期)/, // 按年, 按月
  /^(本|当|今|全|上|下|次|明)(年|季度|月|半年)/, // 本年底, 全年, 上半年
  /^年(底|末|内|度|中)/, // 年底之前
  /^([一二两三四五六半]|\d{1,2})个?(年|月|季度|周|天|日|工作日)(内|以内|之内)/, // 一年内, 1年内, 30日内
  /^第?[一二三四1-4]季度/, // 一季度
  /^截[至止]/,
  /^(19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(日|号)?\d{1,2}:\d{2}(:\d{2})?$/, // 2024/11/30 10:30 (a date-time format)
  /^(上午|下午|AM|PM)?\d{1,2}:\d{2}(:\d{2})?(AM|PM|A|P|上午|下午)?$/i, // 10:30, 10:30 AM, 下午2:30 (a time format)
  /^\d{1,2}\/\d{1,2}\/\d{2,4}$/, // 11/30/24 (m/d/yy)
];

/** Numbers: up to 15 integer digits and 8 decimals; anything longer is not a value but text. */
const NUMBER_RE = /^([-+]?)(\d{1,15}(?:,\d{3})*(?:\.\d{1,8})?|\.\d{1,8})(?![\d.])/;

const YEAR_RE = /(?<!\d)((?:19|20)\d{2})(?=\s*年)/g;

/** Longest text parsed as a value; longer text is qualitative (its years are still read). */
const MAX_VALUE_LENGTH = 120;

function emptyResult(raw: string, kind: ValueKind): ParsedValue {
  return { raw, kind, operator: '=', operatorExplicit: false, notation: {}, years: [] };
}

function roundNum(n: number): number {
  if (!Number.isFinite(n)) return n;
  return Number(n.toPrecision(12));
}

/** A plain decimal spelling of a number, or undefined when JS would write it with an exponent. */
export function formatNumber(n: number): string | undefined {
  if (!Number.isFinite(n) || Math.abs(n) >= 1e15) return undefined;
  const s = String(roundNum(n));
  if (/e/i.test(s)) return undefined;
  const dot = s.indexOf('.');
  return dot >= 0 && s.length - dot - 1 > 8 ? undefined : s; // the parser reads up to 8 decimals
}

function findYears(s: string): number[] {
  const years: number[] = [];
  for (const m of s.matchAll(YEAR_RE)) {
    const y = Number(m[1]);
    if (!years.includes(y)) years.push(y);
  }
  return years;
}

/** True when a number format shows the value as a percentage (a `%` outside quotes). */
export function isPercentFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  return /%/.test(numberFormat.replace(/"[^"]*"/g, '').replace(/\\%/g, ''));
}

const formatDecimalsCache = new Map<string, number | undefined>();

/**
 * Decimals a number format shows (`0.00` → 2, `#,##0.00_ ` → 2, `0.0%` → 1, `#,##0` → 0);
 * undefined for General and text (`@`).
 */
export function formatDecimals(numberFormat: string | undefined): number | undefined {
  if (!numberFormat) return undefined;
  if (formatDecimalsCache.has(numberFormat)) return formatDecimalsCache.get(numberFormat);
  let d: number | undefined;
  if (numberFormat !== 'General' && numberFormat !== '@' && /[0#]/.test(numberFormat)) {
    const section = numberFormat.split(';')[0].replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
    const m = /[0#]\.([0#]+)/.exec(section);
    d = m ? m[1].length : 0;
  }
  if (formatDecimalsCache.size < 1000) formatDecimalsCache.set(numberFormat, d);
  return d;
}

/** Replaces LaTeX residue (`$\geq 95\%$`) by plain symbols; says which operator was written in LaTeX. */
function stripLatex(s: string): { text: string; latex: boolean; latexOperator?: string } {
  if (!/[$\\]/.test(s)) return { text: s, latex: false };
  let latexOperator: string | undefined;
  let t = s.replace(/\\\\/g, '\\');
  t = t.replace(/\\(geqslant|geq|ge|leqslant|leq|le|gt|lt)(?![a-zA-Z])/g, (m: string, name: string) => {
    latexOperator ??= m;
    return name.startsWith('g') ? (name === 'gt' ? '>' : '≥') : name === 'lt' ? '<' : '≤';
  });
  t = t.replace(/\\%/g, '%').replace(/\\text\{([^}]*)\}/g, '$1').replace(/\\[,;: ]/g, '').replace(/\$/g, '');
  const latex = t !== s;
  return { text: t, latex, latexOperator };
}

function splitPer(rest: string): { base: string; per: string[] } | undefined {
  const parts = rest.split('/');
  const base = parts[0];
  const per = parts.slice(1);
  for (const p of per) if (!/^[\u4e00-\u9fa5A-Za-z²]{1,6}$/.test(p)) return undefined;
  return { base, per };
}

function countUnit(base: string): string | undefined {
  let core = base;
  let prefix = '';
  const mult = /^(万|千|亿)(.+)$/.exec(core);
  if (mult && (COUNT_UNITS.has(mult[2]) || /^个.+$/.test(mult[2]) || /^[\u4e00-\u9fa5]$/.test(mult[2]))) {
    prefix = mult[1];
    core = mult[2];
  }
  if (core.length > 1 && core.startsWith('个')) {
    prefix += '个';
    core = core.slice(1);
  }
  if (COUNT_UNITS.has(core) || /^[\u4e00-\u9fa5]$/.test(core)) return prefix + core;
  return undefined;
}

function takeSuffixOperator(rest: string): { rest: string; op?: Operator; spelling?: string } {
  for (const [sp, op] of SUFFIX_OPERATORS) {
    if (rest.endsWith(sp)) return { rest: rest.slice(0, -sp.length), op, spelling: sp };
  }
  return { rest };
}

function parseText(raw: string): ParsedValue {
  const years = findYears(raw);
  const result = emptyResult(raw, 'qualitative');
  result.years = years;
  if (stripSpaces(raw) === '') return { ...emptyResult(raw, 'empty'), years };
  if (raw.length > MAX_VALUE_LENGTH) return result;

  const lx = stripLatex(raw);
  // t0 keeps the original characters, t is its half-width twin: same length, index by index.
  const t0 = stripSpaces(lx.text.replace(/[\u2212\u2013\u2014]/g, (c) => (c === '\u2212' ? '-' : c))).replace(
    /[。．.;；,，、]+$/,
    '',
  );
  const t = toHalfWidth(t0).replace(/﹪/g, '%');
  if (t === '') return result;

  let operator: Operator = '=';
  let explicit = false;
  let opSpelling: string | undefined;
  let pos = 0;
  for (const [sp, op] of OPERATOR_SPELLINGS) {
    if (t.startsWith(sp)) {
      operator = op;
      explicit = true;
      opSpelling = t0.slice(0, sp.length);
      pos = sp.length;
      break;
    }
  }
  if (lx.latexOperator && explicit) opSpelling = lx.latexOperator;
  const body = t.slice(pos);
  const body0 = t0.slice(pos);

  if (DATE_PATTERNS.some((re) => re.test(body))) {
    return {
      ...result,
      kind: 'date',
      operator,
      operatorExplicit: explicit,
      notation: notationOf(undefined, opSpelling, lx.latex),
    };
  }

  const m = NUMBER_RE.exec(body);
  if (!m) return result;
  const num = Number((m[1] === '-' ? '-' : '') + m[2].replace(/,/g, ''));
  if (!Number.isFinite(num)) return result;
  let rest = body.slice(m[0].length);
  let rest0 = body0.slice(m[0].length);

  const suffix = takeSuffixOperator(rest);
  if (suffix.op) {
    if (explicit) return result; // `≥95%以上`: two operators, leave it to the clerk
    rest = suffix.rest;
    rest0 = rest0.slice(0, rest.length);
    operator = suffix.op;
    explicit = true;
    opSpelling = suffix.spelling;
  }

  const base: ParsedValue = { ...result, operator, operatorExplicit: explicit, number: roundNum(num) };

  // percent
  let percentSpelling: ParsedValue['notation']['percent'] | 'ok' | undefined;
  let after = '';
  if (rest.startsWith('%')) {
    percentSpelling = lx.latex && /\\%/.test(raw.replace(/\\\\/g, '\\')) ? 'latex' : rest0.startsWith('%') ? 'ok' : '％';
    after = rest.slice(1);
  } else if (rest.startsWith('百分比') || rest.startsWith('百分百')) {
    percentSpelling = rest.slice(0, 3) as '百分比' | '百分百';
    after = rest.slice(3);
  }
  if (percentSpelling) {
    if (after !== '') return result;
    if (lx.latex && percentSpelling === 'ok') percentSpelling = 'latex';
    return finish({
      ...base,
      kind: 'percent',
      unit: '%',
      notation: notationOf(percentSpelling === 'ok' ? undefined : percentSpelling, opSpelling, lx.latex),
    });
  }

  const notation = notationOf(undefined, opSpelling, lx.latex);
  if (rest === '') return finish({ ...base, kind: 'number', notation });

  const split = splitPer(rest);
  if (!split) return result;
  const { base: unitText, per } = split;

  if (unitText === '') {
    // `4.5/平方米`: a number per something, the unit itself missing
    return finish({ ...base, kind: 'number', per, notation });
  }
  for (const [u, factor] of MONEY_UNITS) {
    if (unitText === u) {
      return finish({
        ...base,
        kind: 'money',
        unit: u,
        per: per.length ? per : undefined,
        moneyWan: roundNum(num * factor),
        notation,
      });
    }
  }
  if (/^(百分点|个百分点)$/.test(unitText)) {
    return finish({ ...base, kind: 'number', unit: unitText, per: per.length ? per : undefined, notation });
  }
  const cu = countUnit(unitText);
  if (cu) {
    const core = cu.replace(/^[万千亿]?个?/, '') || cu;
    return finish({
      ...base,
      kind: 'count',
      unit: cu,
      per: per.length ? per : undefined,
      notation,
      period: TIME_UNITS.has(core) && per.length === 0 ? true : undefined,
    });
  }
  return result;
}

function notationOf(
  percent: ParsedValue['notation']['percent'] | undefined,
  opSpelling: string | undefined,
  latex: boolean,
): ParsedValue['notation'] {
  const n: ParsedValue['notation'] = {};
  if (percent) n.percent = percent;
  if (opSpelling !== undefined && !CANONICAL_OPS.has(opSpelling)) n.operator = opSpelling;
  if (latex) n.latex = true;
  return n;
}

function finish(p: ParsedValue): ParsedValue {
  const out = { ...p };
  if (out.per === undefined) delete out.per;
  if (out.period === undefined) delete out.period;
  const c = formatCanonical(out);
  if (c !== undefined) out.canonical = c;
  return out;
}

const CACHE_LIMIT = 20000;
const textCache = new Map<string, ParsedValue>();

/**
 * Parses one 指标值 cell (or text). A number cell with a `%` number format is a percentage in
 * points (0.95 → 95). Never throws: errors, booleans and NaN come back as `qualitative`.
 * Results are cached and shared: treat a ParsedValue as read-only.
 */
export function parseValue(value: CellValue | string | undefined, numberFormat?: string): ParsedValue {
  // copied workbooks repeat the same values block after block: text by itself, numbers with their format
  const key =
    typeof value === 'string' && value.length <= MAX_VALUE_LENGTH
      ? value
      : typeof value === 'number'
        ? `\u0000${value}\u0000${numberFormat ?? ''}`
        : undefined;
  if (key === undefined) return parseValueUncached(value, numberFormat);
  const hit = textCache.get(key);
  if (hit) return hit;
  const p = parseValueUncached(value, typeof value === 'string' ? undefined : numberFormat);
  if (textCache.size >= CACHE_LIMIT) textCache.clear();
  textCache.set(key, p);
  return p;
}

/** An amount shown with a currency sign (`¥1,200.00`, `￥300`, a currency format's display) is that many 元. */
function parseCurrency(t: string): ParsedValue | undefined {
  const m = /^([≥≤<>=＝]?)\s*([-+]?)[¥￥]\s*([\d,.]+)$/.exec(t);
  if (!m || !NUMBER_RE.test(m[3])) return undefined;
  const p = parseText(`${m[1]}${m[2]}${m[3]}元`);
  return p.kind === 'money' ? { ...p, raw: t } : undefined;
}

function parseValueUncached(value: CellValue | string | undefined, numberFormat?: string): ParsedValue {
  try {
    if (value === null || value === undefined) return emptyResult('', 'empty');
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return emptyResult(String(value), 'qualitative');
      if (isPercentFormat(numberFormat)) {
        const pts = roundNum(value * 100);
        // ±1.8e306 × 100 overflows: no finite percentage, the cell is not a readable value
        if (!Number.isFinite(pts)) return emptyResult(String(value), 'qualitative');
        const shown = formatNumber(pts) ?? String(pts);
        return finish({ ...emptyResult(`${shown}%`, 'percent'), number: pts, unit: '%' });
      }
      return finish({ ...emptyResult(formatNumber(value) ?? String(value), 'number'), number: roundNum(value) });
    }
    if (typeof value === 'string') return parseCurrency(value.trim()) ?? parseText(value.trim());
    return emptyResult(cellText(value), 'qualitative');
  } catch {
    return emptyResult(typeof value === 'string' ? value : '', 'qualitative');
  }
}

/** A number format that shows a date or a time (y m d h s tokens outside quotes and brackets, no digit placeholder). */
export function isDateFormat(numberFormat: string | undefined): boolean {
  if (!numberFormat) return false;
  const first = numberFormat.split(';')[0].replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[ymdhs]/i.test(first.replace(/general/gi, '')) && !/[0#?]/.test(first);
}

/**
 * A cell's value as the clerk sees it (docs/domain.md §4: values are read as displayed). Text is read as
 * written; a number with a percent format is its percentage; any other formatted number is read from
 * the text the format shows: a date (`2024年11月30日`, not its serial 45626), a count the format names
 * (`0"人"` → `12人`), a currency amount (`¥1,200.00` → 1200元), thousands separators and fixed decimals
 * (`1,200`, `25.00`). `text` is that display (Field.text).
 */
export function parseShown(value: CellValue | string | undefined, numberFormat: string | undefined, text: string | undefined): ParsedValue {
  if (typeof value !== 'number' || !numberFormat || isPercentFormat(numberFormat) || text === undefined || /^general$/i.test(numberFormat)) {
    return parseValue(value, numberFormat);
  }
  const shown = text.trim();
  const p = parseValue(shown);
  if (p.kind === 'qualitative' && isDateFormat(numberFormat)) return { ...p, kind: 'date' }; // `Saturday, November 30, 2024`
  return p;
}

/** The canonical spelling of a numeric value (`≥95%`, `≤1.02万元`, `39人次`, `≥50元/季/星`), else undefined. */
export function formatCanonical(p: ParsedValue): string | undefined {
  if (p.number === undefined) return undefined;
  const n = formatNumber(p.number);
  if (n === undefined) return undefined;
  const op = p.operatorExplicit ? p.operator : '';
  const per = (p.per ?? []).map((d) => `/${d}`).join('');
  switch (p.kind) {
    case 'percent':
      return `${op}${n}%`;
    case 'money':
    case 'count':
      return p.unit ? `${op}${n}${p.unit}${per}` : undefined;
    case 'number':
      return `${op}${n}${p.unit ?? ''}${per}`;
    default:
      return undefined;
  }
}

/**
 * A 资金支出计划 cell as percentage points: 0.25 with a % format → 25; `25%`/`25.00%` → 25; a plain
 * number (or numeric text) without % format → read as points (the row label says （%）), 25 → 25.
 * Blank → `{ ok: true, blank: true }`; text that is not a number/percentage → `{ ok: false }`.
 */
export function parsePlanCell(
  value: CellValue | undefined,
  numberFormat?: string,
): { percent?: number; ok: boolean; blank: boolean } {
  const p = parseValue(value ?? null, numberFormat);
  if (p.kind === 'empty') return { ok: true, blank: true };
  if ((p.kind === 'percent' || (p.kind === 'number' && p.unit === undefined && !p.per)) && !p.operatorExplicit) {
    return p.number === undefined ? { ok: false, blank: false } : { percent: p.number, ok: true, blank: false };
  }
  return { ok: false, blank: false };
}

/** A money/number cell (预算数 etc.) with the decimals it shows. */
export function parseAmountDetail(
  value: CellValue | undefined,
  numberFormat?: string,
): { amount: number; decimals: number } | undefined {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    const fd = formatDecimals(numberFormat);
    const s = formatNumber(value) ?? '';
    const own = s.includes('.') ? s.split('.')[1].length : 0;
    return { amount: value, decimals: fd ?? own };
  }
  if (typeof value !== 'string') return undefined;
  const s = stripSpaces(toHalfWidth(value));
  if (!/^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$|^[-+]?\.\d+$/.test(s) || s.length > 30) return undefined;
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  const dot = s.indexOf('.');
  return { amount: n, decimals: dot < 0 ? 0 : s.length - dot - 1 };
}

/** A money/number cell (预算数 etc.): a number or numeric text (`20.00`, ` 20 `, `1,234.5`) → number; else undefined. */
export function parseAmount(value: CellValue | undefined): number | undefined {
  return parseAmountDetail(value)?.amount;
}
