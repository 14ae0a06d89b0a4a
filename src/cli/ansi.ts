/**
 * A tiny ANSI colour helper: colour only when the stream is a terminal and NO_COLOR is not set
 * (https://no-color.org); FORCE_COLOR=1 forces it (for terminals that do not say they are one).
 */

export interface Colors {
  enabled: boolean;
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  gray(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

function wrap(enabled: boolean, open: number, close: number): (s: string) => string {
  return enabled ? (s) => `\u001b[${open}m${s}\u001b[${close}m` : (s) => s;
}

export function makeColors(enabled: boolean): Colors {
  return {
    enabled,
    red: wrap(enabled, 31, 39),
    yellow: wrap(enabled, 33, 39),
    blue: wrap(enabled, 34, 39),
    green: wrap(enabled, 32, 39),
    gray: wrap(enabled, 90, 39),
    bold: wrap(enabled, 1, 22),
    underline: wrap(enabled, 4, 24),
  };
}

/** Whether to colour output written to `stream`. */
export function shouldColor(stream: { isTTY?: boolean }, env: Record<string, string | undefined>): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '' && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}

/** Removes ANSI escape sequences (for measuring and for tests). */
export function stripAnsi(s: string): string {
  return s.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

/** Terminal columns of a string: CJK and full-width characters take two (for aligned Chinese help). */
export function displayWidth(str: string): number {
  let n = 0;
  for (const ch of stripAnsi(str)) {
    const c = ch.codePointAt(0) ?? 0;
    n += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000 ? 2 : 1;
  }
  return n;
}
