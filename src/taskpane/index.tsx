import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme, webDarkTheme, Title3, Body1 } from '@fluentui/react-components';

function isDarkOfficeTheme(): boolean {
  const theme = typeof Office !== 'undefined' ? Office.context?.officeTheme : undefined;
  if (!theme?.bodyBackgroundColor) return false;
  const hex = theme.bodyBackgroundColor.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.299 * r + 0.587 * g + 0.114 * b < 128;
}

function Shell() {
  return (
    <FluentProvider theme={isDarkOfficeTheme() ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh', padding: 12 }}>
      <Title3 as="h1">绩效目标表助手</Title3>
      <Body1 as="p">插入绩效目标表模板，边填边检查。</Body1>
    </FluentProvider>
  );
}

function mount() {
  const root = document.getElementById('root');
  if (root) createRoot(root).render(<Shell />);
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => mount());
} else {
  mount();
}
