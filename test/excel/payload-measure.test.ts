/**
 * The imitated Excel measures payloads with its own code (src/imitation/excel/payload.ts), not the
 * adapter's estimate (src/excel/limits.ts `jsonBytes`): the two are written apart, so they are
 * checked against each other and against Node's own UTF-8 length of the JSON text.
 */
import * as fs from 'fs';
import * as path from 'path';
import { jsonBytes } from '../../src/excel/limits';
import { payloadBytes } from '../../src/imitation/excel/payload';

const samples: unknown[] = [
  null,
  0,
  'abc',
  '项目支出绩效目标表',
  '≥90%',
  '𠮷野家 😀', // outside the BMP: 4 bytes each
  'lone \ud800 half', // JSON.stringify escapes a lone surrogate (6 ASCII bytes)
  [['一级指标', 1.5, true, null], ['', -2e-7, false, '\n\t"']],
  { values: [['产出指标', '数量指标']], numberFormat: [['@', '0.00%']], address: "'绩效 表'!A1:B2" },
  Array.from({ length: 200 }, (_, i) => [i, `第${i}行`, i % 2 === 0 ? '＝100%' : null]),
];

describe('the imitation’s payload measure, beside the adapter’s', () => {
  test.each(samples.map((s, i) => [i, s]))('sample %i: both equal the UTF-8 length of the JSON text', (_i, value) => {
    const expected = Buffer.byteLength(JSON.stringify(value), 'utf8');
    expect(payloadBytes(value)).toBe(expected);
    expect(jsonBytes(value)).toBe(expected);
  });

  test('nothing to serialise weighs nothing', () => {
    expect(payloadBytes(undefined)).toBe(0);
  });

  test('the imitation does not import the adapter’s measure', () => {
    const dir = path.resolve(__dirname, '../../src/imitation/excel');
    for (const f of fs.readdirSync(dir)) {
      expect({ f, uses: /from '[^']*excel\/limits'/.test(fs.readFileSync(path.join(dir, f), 'utf8')) }).toEqual({ f, uses: false });
    }
  });
});
