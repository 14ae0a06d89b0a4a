/**
 * The *form* of a 指标值: what kind of target it is, with its operator and unit, and no number —
 * `≥95%` → `≥__%`, `39个` → `__个`, `≤1.02万元/年` → `≤__万元/年`, `2021年12月31日之前` →
 * `__年__月__日之前`, `提升` → `定性`. The 指标库 keeps forms, never a source's numbers: the clerk
 * writes the number for the project at hand. Read through THE value parser (../value.ts).
 */
import type { CellValue } from '../model';
import type { Measure } from './schema';
import type { TemplateIndicator } from '../templates/types';
import { stripSpaces } from '../text';
import { parseValue } from '../value';

/** Where the clerk writes the number. */
export const BLANK = '__';
/** The form of a qualitative target (the word the 一体化 system uses for it). */
export const QUALITATIVE = '定性';

export interface ValueForm {
  form: string;
  /** a qualitative target without digits, as written (`提升`), kept as an example for the clerk */
  example?: string;
}

const DIGITS_RE = /[0-9\uFF10-\uFF19]+(?:[.．][0-9\uFF10-\uFF19]+)?/g;
const HAS_DIGIT_RE = /[0-9\uFF10-\uFF19]/;
/** longest qualitative target kept as an example */
const MAX_EXAMPLE = 12;

function opText(operatorExplicit: boolean, operator: string): string {
  return operatorExplicit ? operator : '';
}

/**
 * The form of a value cell (or text); undefined for a blank one. `name` is the indicator's name:
 * a value that repeats it (indicator/name-as-value) is no example.
 */
export function valueForm(value: CellValue | string | undefined, numberFormat?: string, name?: string): ValueForm | undefined {
  const p = parseValue(value ?? null, numberFormat);
  const per = (p.per ?? []).map((d) => `/${d}`).join('');
  const op = opText(p.operatorExplicit, p.operator);
  switch (p.kind) {
    case 'empty':
      return undefined;
    case 'percent':
      return { form: `${op}${BLANK}%` };
    case 'money':
    case 'count':
    case 'number':
      return { form: `${op}${BLANK}${p.unit ?? ''}${per}` };
    case 'date':
      return { form: stripSpaces(p.raw).replace(DIGITS_RE, BLANK) };
    default: {
      const raw = stripSpaces(p.raw);
      const plain = raw !== '' && !HAS_DIGIT_RE.test(raw) && Array.from(raw).length <= MAX_EXAMPLE && (name === undefined || stripSpaces(name) !== raw);
      return plain ? { form: QUALITATIVE, example: raw } : { form: QUALITATIVE };
    }
  }
}

/** The form of a template library indicator (its kind, operator and unit; a standard target's operator). */
export function templateForm(ind: TemplateIndicator): ValueForm {
  if (ind.value !== undefined) {
    const f = valueForm(ind.value);
    if (f) return f;
  }
  const op = ind.operator ?? '';
  switch (ind.valueKind) {
    case 'percent':
      return { form: `${op}${BLANK}%` };
    case 'count':
    case 'money':
      return { form: `${op}${BLANK}${ind.unit ?? ''}` };
    case 'date':
      return { form: `${BLANK}年${BLANK}月${BLANK}日前` };
    default: {
      const example = /^如[：:]\s*([^、，,；;]+)/.exec(ind.hint ?? '')?.[1];
      return example && !HAS_DIGIT_RE.test(example) ? { form: QUALITATIVE, example } : { form: QUALITATIVE };
    }
  }
}

/** What kind of target a form asks for (for the value cell's prompt and a split 指标值). */
export function formKind(form: string): 'percent' | 'money' | 'count' | 'date' | 'qualitative' {
  if (form === QUALITATIVE) return 'qualitative';
  const p = parseValue(form.split(BLANK).join('1'));
  if (p.kind === 'percent' || p.kind === 'money' || p.kind === 'count' || p.kind === 'date') return p.kind;
  return p.kind === 'number' ? 'count' : 'qualitative';
}

/** What the pane and the renderer need of a library indicator. */
export interface IndicatorLike {
  name: string;
  level1: string;
  level2: string;
  /** the value form */
  value: string;
  description?: string;
  basis?: string;
  examples?: string[];
}

const FORM_RE = /^(≥|≤|>|<|=)?__(.*)$/;

/**
 * A library indicator as a template row: its kind, unit and operator from the form (the value itself
 * is left blank — the clerk writes the number), the examples of a qualitative target as the hint.
 * Description and basis are '' when the library has none (the renderer leaves those cells blank).
 */
export function toTemplateIndicator(ind: IndicatorLike): TemplateIndicator {
  const kind = formKind(ind.value);
  const m = FORM_RE.exec(ind.value);
  const out: TemplateIndicator = {
    level1: ind.level1,
    level2: ind.level2,
    level3: ind.name,
    description: ind.description ?? '',
    valueKind: kind,
    basis: ind.basis ?? '',
  };
  const op = m?.[1] as TemplateIndicator['operator'] | undefined;
  if (op && (kind === 'percent' || kind === 'count' || kind === 'money')) out.operator = op;
  if (kind === 'percent') out.unit = '%';
  else if ((kind === 'count' || kind === 'money') && m?.[2]) out.unit = m[2];
  if (kind === 'qualitative' && ind.examples && ind.examples.length > 0) out.hint = `如：${ind.examples.join('、')}`;
  if (kind === 'date' && ind.value !== QUALITATIVE) out.hint = `写法如“${ind.value.split(BLANK).join('N')}”`;
  return out;
}

/** `__月底前`, `__年__月__日前`, `__日内`: a date or a time limit */
const DATE_FORM_RE = /(前|内)$/;

/**
 * The form structured: kind, operator and unit — `≥__%` → percent, ≥, %; `≤__元/人/月` → money, ≤,
 * 元/人/月; `__月底前` → date; `定性` → qualitative.
 */
export function measureOf(form: string): Measure {
  if (form === QUALITATIVE) return { kind: 'qualitative' };
  const m = FORM_RE.exec(form);
  if (DATE_FORM_RE.test(form) && !form.includes('/') && !/^(≥|≤|>|<|=)?__(年|个月|天|日|小时|个工作日)$/.test(form)) return { kind: 'date' };
  const kind = formKind(form);
  // a form of a source the grammar reads as text or a date (`每月`, `及时`) is that kind, without operator or unit
  if (!m || kind === 'qualitative' || kind === 'date') return { kind };
  const out: Measure = { kind };
  const op = m[1] as Measure['operator'] | undefined;
  if (op) out.operator = op;
  if (m[2]) out.unit = m[2];
  return out;
}
