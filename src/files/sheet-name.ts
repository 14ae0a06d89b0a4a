/** Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, no leading/trailing `'`. */

const SHEET_NAME_BAD = /[[\]:*?/\\]/g;

/**
 * A valid sheet name made from `wanted` (or `表n` when nothing is left of it), unique
 * (case-insensitively) among `used` and different from every `reserved` name; added to `used`.
 */
export function safeSheetName(wanted: string | undefined, n: number, used: Set<string>, reserved: string[] = []): string {
  let base = (wanted ?? '').replace(/\s+/g, ' ').replace(SHEET_NAME_BAD, '').replace(/^'+|'+$/g, '').trim();
  if (!base) base = `表${n}`;
  base = [...base].slice(0, 31).join('');
  const taken = (name: string): boolean => used.has(name.toLowerCase()) || reserved.includes(name);
  let name = base;
  for (let k = 2; taken(name); k++) {
    const tail = ` (${k})`;
    name = [...base].slice(0, 31 - tail.length).join('') + tail;
  }
  used.add(name.toLowerCase());
  return name;
}
