/**
 * Properties of THE 指标值 parser beyond test/domain/value.test.ts (which covers a small alphabet
 * round trip, fc.string and doubles): hostile inputs of every host type, 1 MB strings, full-width
 * and LaTeX spellings of generated canonical values, and the shape of every result.
 */
import fc from 'fast-check';
import { formatCanonical, parseAmount, parsePlanCell, parseValue, type ParsedValue } from '../../src/domain/value';
import { cellText, normLabel, quote, toHalfWidth } from '../../src/domain/text';
import { SEED, cellValue, cjkText, hugeString, numberFormat, valueLikeText } from './arbitraries';

const KINDS = new Set(['empty', 'percent', 'money', 'count', 'number', 'date', 'qualitative']);
const OPS = new Set(['≥', '≤', '>', '<', '=']);

/** Everything a ParsedValue promises, whatever the input. */
function wellFormed(p: ParsedValue): void {
  expect(KINDS.has(p.kind)).toBe(true);
  expect(OPS.has(p.operator)).toBe(true);
  expect(typeof p.raw).toBe('string');
  expect(Array.isArray(p.years)).toBe(true);
  if (p.number !== undefined) expect(Number.isFinite(p.number)).toBe(true);
  if (p.kind === 'empty' || p.kind === 'qualitative' || p.kind === 'date') expect(p.canonical).toBeUndefined();
  if (p.kind === 'percent') expect(p.unit).toBe('%');
  if (p.kind === 'money') expect(p.moneyWan).toBeDefined();
  if (!p.operatorExplicit) expect(p.operator).toBe('=');
  if (p.canonical !== undefined) expect(formatCanonical(p)).toBe(p.canonical);
}

/** canonical → parse → same kind/operator/number/unit/per, and the canonical spelling is a fixed point */
function roundTrips(p: ParsedValue): void {
  const c = formatCanonical(p);
  if (c === undefined) return;
  const q = parseValue(c);
  expect({ kind: q.kind, operator: q.operator, number: q.number, unit: q.unit, per: q.per }).toEqual({
    kind: p.kind,
    operator: p.operator,
    number: p.number,
    unit: p.unit,
    per: p.per,
  });
  expect(q.canonical).toBe(c);
  expect(q.notation).toEqual({});
}

const RUNS = { seed: SEED, numRuns: 1500 };

describe('parseValue — never throws, always well-formed', () => {
  it('on any host value with any number format (NaN, ±Infinity, -0, booleans, null, errors, formulas, CJK, binary)', () => {
    fc.assert(
      fc.property(cellValue, numberFormat, (v, f) => {
        const p = parseValue(v, f);
        wellFormed(p);
        roundTrips(p);
        const plan = parsePlanCell(v, f);
        if (plan.percent !== undefined) expect(Number.isFinite(plan.percent)).toBe(true);
        expect(plan.ok || !plan.blank).toBe(true);
        const amount = parseAmount(v ?? null);
        if (amount !== undefined) expect(Number.isFinite(amount)).toBe(true);
      }),
      RUNS,
    );
  });

  it('on text glued from operator/number/unit/LaTeX pieces, and its canonical spelling round-trips', () => {
    fc.assert(
      fc.property(valueLikeText, (s) => {
        const p = parseValue(s);
        wellFormed(p);
        roundTrips(p);
        // surrounding whitespace (incl. full-width space) does not change the reading
        const q = parseValue(`\u3000 ${s}\n`);
        expect([q.kind, q.operator, q.number, q.unit]).toEqual([p.kind, p.operator, p.number, p.unit]);
      }),
      RUNS,
    );
  });

  // A pattern that backtracks catastrophically would not return on these inputs at all: the test's
  // timeout stops it. How fast the parser is, is the bench's business (no test asserts a duration).
  it('on 1 MB strings: returns; text longer than a value can be is qualitative', () => {
    fc.assert(
      fc.property(hugeString(), (s) => {
        const p = parseValue(s);
        wellFormed(p);
        if (s.trim().length > 200) expect(['qualitative', 'empty']).toContain(p.kind);
        else expect(p).toMatchObject({ kind: 'percent', number: 95 }); // only blanks around `95%`
        expect(() => parsePlanCell(s)).not.toThrow();
        expect(parseAmount(s)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 8 },
    );
  });

  it('error objects read as qualitative with their error text; booleans likewise; non-finite numbers are never numeric', () => {
    for (const error of ['#REF!', '#DIV/0!', '#N/A', '#VALUE!']) {
      const p = parseValue({ error });
      expect(p).toMatchObject({ kind: 'qualitative', raw: error });
      expect(parsePlanCell({ error })).toEqual({ ok: false, blank: false });
    }
    for (const n of [NaN, Infinity, -Infinity]) for (const f of [undefined, '0%', '0.00']) {
      const p = parseValue(n, f);
      expect(p.kind).toBe('qualitative');
      expect(p.number).toBeUndefined();
      expect(parsePlanCell(n, f).ok).toBe(false);
    }
    expect(parseValue(-0)).toMatchObject({ kind: 'number', number: 0, canonical: '0' });
    expect(parseValue(-0, '0%')).toMatchObject({ kind: 'percent', number: 0, canonical: '0%' });
    expect(parseValue(true).kind).toBe('qualitative');
    // a negative control: a plain number is numeric
    expect(parseValue(95, '0%').kind).toBe('percent');
  });
});

describe('regressions found by the properties', () => {
  it('a huge number under a % format (×100 overflows) is not a percentage of ±Infinity', () => {
    for (const n of [-1.797693134862316e306, Number.MAX_VALUE, 1e307]) {
      const p = parseValue(n, '0.00%');
      expect(p.kind).toBe('qualitative');
      expect(p.number).toBeUndefined();
      expect(parsePlanCell(n, '0.00%')).toEqual({ ok: false, blank: false });
    }
    expect(parseValue(1e300, '0%')).toMatchObject({ kind: 'percent', number: 1e302 }); // still finite: still a percentage
  });
});

describe('parseValue — generated values read back as written', () => {
  const op = fc.constantFrom(['', '='], ['≥', '≥'], ['≤', '≤'], ['>', '>'], ['<', '<'], ['>=', '≥'], ['<=', '≤'], ['不低于', '≥'], ['不超过', '≤'], ['＞＝', '≥']);
  // `2021.12` is a date (year.month) by design: such numbers are left out here
  const num = fc
    .oneof(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 }).map((n) => n / 100))
    .filter((n) => !/^(19|20)\d{2}\.\d{1,2}$/.test(String(n)));
  const unit = fc.constantFrom<[string, string, string]>(
    ['%', 'percent', '%'],
    ['％', 'percent', '%'],
    ['百分比', 'percent', '%'],
    ['万元', 'money', '万元'],
    ['元', 'money', '元'],
    ['个', 'count', '个'],
    ['人次', 'count', '人次'],
    ['个月', 'count', '个月'],
    ['平方米', 'count', '平方米'],
    ['', 'number', ''],
  );

  it('`[op] n unit` parses to that operator, number, kind and unit — also in full width and with spaces', () => {
    fc.assert(
      fc.property(op, num, unit, fc.boolean(), fc.boolean(), ([written, operator], n, [u, kind, canonUnit], fullWidth, spaced) => {
        let s = `${written}${spaced ? ' ' : ''}${n}${spaced ? ' ' : ''}${u}`;
        if (fullWidth) s = s.replace(/[0-9.%<>=]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        const p = parseValue(s);
        expect(p.kind).toBe(kind);
        expect(p.operator).toBe(operator);
        expect(p.operatorExplicit).toBe(written !== '');
        expect(p.number).toBe(n);
        if (canonUnit) expect(p.unit).toBe(canonUnit);
        else expect(p.unit).toBeUndefined();
        roundTrips(p);
        // the canonical form of the canonical form is itself
        expect(p.canonical).toBeDefined();
        expect(parseValue(p.canonical as string).canonical).toBe(p.canonical);
      }),
      RUNS,
    );
  });

  it('LaTeX residue (`$\\geq 95\\%$`) reads like the plain form and is flagged as LaTeX', () => {
    fc.assert(
      fc.property(fc.constantFrom(['\\geq', '≥'], ['\\leq', '≤'], ['\\ge', '≥'], ['\\le', '≤']), num, ([tex, operator], n) => {
        const p = parseValue(`$${tex} ${n}\\%$`);
        expect(p).toMatchObject({ kind: 'percent', operator, number: n, unit: '%' });
        expect(p.notation.latex).toBe(true);
        expect(p.canonical).toBe(`${operator}${n}%`);
      }),
      RUNS,
    );
  });

  it('a number cell with a % format is points, and its canonical text parses back to the same points', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constantFrom('0%', '0.00%', '0.0%'), (n, f) => {
        const p = parseValue(n, f);
        wellFormed(p);
        expect(p.kind).toBe('percent');
        roundTrips(p);
      }),
      RUNS,
    );
  });
});

describe('text helpers — never throw', () => {
  it('cellText/normLabel/toHalfWidth/quote on any value', () => {
    fc.assert(
      fc.property(cellValue, fc.integer({ min: 0, max: 60 }), (v, max) => {
        const t = cellText(v);
        expect(typeof t).toBe('string');
        expect(typeof normLabel(t)).toBe('string');
        expect(toHalfWidth(t).length).toBeLessThanOrEqual(t.length);
        expect(Array.from(quote(t, max)).length).toBeLessThanOrEqual(max + 1);
      }),
      RUNS,
    );
    fc.assert(fc.property(cjkText(50), (s) => expect(normLabel(s)).not.toMatch(/\s|[:：]$/)), RUNS);
  });
});
