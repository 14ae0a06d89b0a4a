/** Reading a 项目编码 (docs/domain.md §5): 6-digit region, 2-digit library year, 13 more of [0-9A-Z]. */
import type { Field } from '../../model';
import { fieldText, findPlaceholder } from '../block-helpers';

export const CODE_RE = /^[0-9A-Z]{21}$/;

/** The code as written (trimmed), or undefined when blank. */
export function codeText(f: Field | undefined): string | undefined {
  const t = fieldText(f);
  return t === '' ? undefined : t;
}

/** True when the code cell holds template residue (`XXX…`, `——`, `待定`, `/`) instead of a code. */
export function isPlaceholderCode(code: string): boolean {
  if (findPlaceholder(code) !== undefined) return true;
  // a run of X/x only (any length) or only zeros is a template stand-in
  return /^[Xx]+$/.test(code) || /^0+$/.test(code);
}

/** The 4-digit year the code carries at positions 7–8, when the code has the right form. */
export function codeYear(code: string): number | undefined {
  if (!CODE_RE.test(code)) return undefined;
  const yy = code.slice(6, 8);
  if (!/^\d\d$/.test(yy)) return undefined;
  return 2000 + Number(yy);
}
