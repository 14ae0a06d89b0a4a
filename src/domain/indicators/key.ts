/**
 * When two 三级 names are the same indicator: compared as labels are (no whitespace, half-width
 * punctuation, no trailing colon). Used to tell distinct indicators apart in the library and to mark
 * what a block already has.
 */
import { normLabel } from '../text';

export function indicatorKey(name: string): string {
  return normLabel(name);
}
