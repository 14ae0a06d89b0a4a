/** Light or dark, following the Office theme when there is one (Office.context.officeTheme). */
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';

/** Relative luminance test of a `#rrggbb` colour: true when it is a dark background. */
export function isDarkColor(color: string | undefined): boolean {
  if (!color) return false;
  const hex = color.trim().replace(/^#/, '');
  if (!/^[0-9a-f]{6}$/i.test(hex)) return false;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

export function officeIsDark(): boolean {
  try {
    const theme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
    return isDarkColor(theme?.bodyBackgroundColor);
  } catch {
    return false;
  }
}

export function paneTheme(dark: boolean): Theme {
  return dark ? webDarkTheme : webLightTheme;
}
