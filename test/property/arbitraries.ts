/**
 * Shared fast-check arbitraries for the property suites: hostile cell values (CJK, full-width,
 * LaTeX, huge strings, NaN/Infinity/-0, booleans, null, Excel errors, formula-like text) and
 * hostile grids (ragged rows, holes, overlapping/out-of-bounds/inverted merges).
 */
import fc from 'fast-check';
import type { RangePos } from '../../src/domain/address';
import type { CellValue } from '../../src/domain/model';
import type { GridSheet } from '../../src/sheet/grid';

/** Fixed seed per suite run unless FC_SEED is given: failures are reproducible. */
export const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20250611;

export const EXCEL_ERRORS = ['#REF!', '#DIV/0!', '#N/A', '#VALUE!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!'];

/** Characters a clerk (or a broken export) puts in a cell. */
const CHARS =
  '0123456789.,;:%％‰≥≤><=≧≦⩾⩽+-−–—/\\$^{}()（）[]【】"“”\'‘’、。，；：！？ \u3000\u00a0\u200b\ufeff\n\r\t' +
  '０１２３４５６７８９．＋－／＜＞＝' +
  '元万亿千个人次户村年月日天周季度小时以上以下内之前底每按本全第不低于高超过至少达到等百分比点满意度率指标产出效益数量质量时效成本项目编码名称预算资金计划绩效目标' +
  'abcxyzABCXYZ' +
  '𠀀😀é';

export const cjkText = (maxLength = 30): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...Array.from(CHARS)), { maxLength }).map((a) => a.join(''));

const LATEX = ['$', '\\geq', '\\leq', '\\ge', '\\le', '\\%', '\\text{', '}', '\\,', '\\\\', '$\\geq 95\\%$', '\\gt', '\\lt', '\\geqslant'];

/** Pieces that look like 指标值 parts, glued in random order: finds the parser's corners. */
export const valueLikeText: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('≥', '≤', '>', '<', '=', '>=', '<=', '不低于', '不超过', '大于等于', '至少', '＞＝', '≧'),
      fc.constantFrom('%', '％', '百分比', '百分百', '元', '万元', '亿元', '个', '人次', '个月', '/人', '/年', '/人/月', '以上', '以内', '及以下', '年', '月底', '2021年', '每月'),
      fc.constantFrom(...LATEX),
      fc.integer({ min: -1000, max: 100000 }).map(String),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }).map(String),
      fc.constantFrom(' ', '\u3000', '\n', '，', '。', '1,234.5', '1e5', '0.000000001', '9'.repeat(18)),
      cjkText(4),
    ),
    { maxLength: 8 },
  )
  .map((a) => a.join(''));

/** A string of about `size` characters (1 MB by default) of one of a few shapes. */
export function hugeString(size = 1 << 20): fc.Arbitrary<string> {
  return fc.constantFrom(
    () => '9'.repeat(size),
    () => '≥'.repeat(size),
    () => '中'.repeat(size) + '%',
    () => `≥${'1'.repeat(size)}%`,
    () => '$\\geq '.repeat(size / 6) + '95\\%$',
    () => ' '.repeat(size) + '95%',
    () => `${'2021年'.repeat(size / 5)}`,
    () => '项目编码'.repeat(size / 4),
  ).map((f) => f());
}

export const formulaLike: fc.Arbitrary<string> = fc.constantFrom('=SUM(A1:A3)', '=A1/0', "='Sheet 1'!B2", '=IF(A1>0,"≥95%","")', '=VLOOKUP(A1,$B:$C,2,FALSE)', '=', '=-1', '+95%', '@SUM(A1)');

/** Any cell value a host can give, incl. the odd ones (NaN, ±Infinity, -0, errors). */
export const cellValue: fc.Arbitrary<CellValue | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: fc.double(), weight: 2 },
  { arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE, 1e15, 0.1 + 0.2), weight: 1 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.string({ maxLength: 20 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 20 }), weight: 1 },
  { arbitrary: cjkText(), weight: 3 },
  { arbitrary: valueLikeText, weight: 3 },
  { arbitrary: formulaLike, weight: 1 },
  { arbitrary: fc.constantFrom(...EXCEL_ERRORS).map((error) => ({ error })), weight: 1 },
);

export const numberFormat: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom('General', '0', '0.00', '0%', '0.00%', '@', '#,##0.00', '"%"0', '0\\%', 'yyyy-mm-dd', '0.00_);[Red](0.00)', ''),
  fc.string({ maxLength: 10 }),
);

/** Labels the recogniser looks for: random grids made of them reach deep into its code. */
export const LABELS = [
  '项目编码', '项目名称', '预算数', '其中：财政资金', '其他资金', '预算规模及资金用途', '资金支出计划（%）', '绩效目标',
  '一级指标', '二级指标', '三级指标', '指标值', '指标解释', '指标值确定依据', '单位：万元', '单位：元', '1.项目绩效目标表',
  '项目支出绩效目标表', '产出指标', '效益指标', '满意度指标', '数量指标', '质量指标', '时效指标', '成本指标',
  '社会效益指标', '服务对象满意度指标', '单位编码', '单位及项目名称', '金额（万元）', '金额', '绩效指标', '3月底', '6月底', '10月底', '12月底',
  '一、产出指标\n(一) 数量指标：\n1. 人数 3人', '二、效益指标\n（一）社会效益指标：\n1. 运转情况 正常', '407', '407001', '2021年度', '130322210000000000123',
];

export const gridCell: fc.Arbitrary<CellValue | undefined> = fc.oneof(
  { arbitrary: cellValue, weight: 4 },
  { arbitrary: fc.constantFrom(...LABELS), weight: 3 },
);

/** Merges that may overlap, lie outside the grid, be inverted or negative. */
export const mergeArb: fc.Arbitrary<RangePos> = fc.record({
  top: fc.integer({ min: -3, max: 40 }),
  left: fc.integer({ min: -3, max: 12 }),
  bottom: fc.integer({ min: -3, max: 60 }),
  right: fc.integer({ min: -3, max: 20 }),
});

export const gridSheetArb: fc.Arbitrary<GridSheet> = fc
  .record({
    name: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('Sheet1', '2021年项目支出绩效目标表', "It's", '表 1')),
    values: fc.array(
      fc.oneof(
        { arbitrary: fc.array(gridCell, { maxLength: 10 }), weight: 10 },
        { arbitrary: fc.constant(undefined as unknown as (CellValue | undefined)[]), weight: 1 },
      ),
      { maxLength: 35 },
    ),
    formats: fc.option(fc.array(fc.array(numberFormat, { maxLength: 10 }), { maxLength: 35 }), { nil: undefined }),
    merges: fc.array(mergeArb, { maxLength: 10 }),
    origin: fc.option(fc.record({ row: fc.nat(5), col: fc.nat(5) }), { nil: undefined }),
    hidden: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map((s) => {
    const out: GridSheet = { name: s.name, values: s.values, merges: s.merges };
    if (s.formats) out.formats = s.formats;
    if (s.origin) out.origin = s.origin;
    if (s.hidden !== undefined) out.hidden = s.hidden;
    return out;
  });
