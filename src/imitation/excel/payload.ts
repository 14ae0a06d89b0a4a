/**
 * How many bytes a value takes in a request or a response of the imitated Excel: its JSON text in
 * UTF-8 (“Excel on the web has a payload size limit for requests and responses of 5MB” — Resource
 * limits and performance optimization for Office Add-ins › Excel add-ins; the request carries the
 * values as JSON). Written apart from the adapter's own estimate (src/excel/limits.ts `jsonBytes`),
 * on purpose and another way (code points here, UTF-16 units there): the adapter sizes its batches
 * with its estimate and the imitation refuses what is too large with this one, so a mistake in
 * either is caught by the other (test/excel/payload-measure.test.ts compares them).
 */

/** UTF-8 bytes of one Unicode code point. */
function utf8Length(codePoint: number): number {
  if (codePoint <= 0x7f) return 1;
  if (codePoint <= 0x7ff) return 2;
  if (codePoint <= 0xffff) return 3;
  return 4;
}

/** The UTF-8 size of `value` serialised as JSON (undefined, like a function, serialises to nothing). */
export function payloadBytes(value: unknown): number {
  const text = JSON.stringify(value);
  if (text === undefined) return 0;
  let bytes = 0;
  for (const ch of text) bytes += utf8Length(ch.codePointAt(0) as number);
  return bytes;
}
