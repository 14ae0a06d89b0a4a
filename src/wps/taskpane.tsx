/**
 * The task pane in WPS 表格: the same pane (src/taskpane/Pane.tsx) with the WPS host (./host.ts) in
 * place of the Office.js one. WPS gives every page of a WPS加载项 — this one is opened by main.js's
 * `Application.CreateTaskPane(url)` — the global `Application` (et-jsapi-declare's index.d.ts).
 */
import '../taskpane/no-eval';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { Pane } from '../taskpane/Pane';
import { createCatalog } from '../taskpane/catalog';
import { paneTheme } from '../taskpane/theme';
import { createWpsHost } from './host';

function mount(): void {
  const root = document.getElementById('root');
  if (!root) return;
  // outside WPS (a browser opening the file) there is no Application: say so instead of failing
  if (typeof window.Application !== 'object' || window.Application === null) {
    root.textContent = '请在 WPS 表格中通过“绩效目标表 › 打开助手”打开本窗格。';
    return;
  }
  const host = createWpsHost(window.Application);
  createRoot(root).render(<Pane host={host} catalog={createCatalog()} theme={paneTheme(false)} />);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
else mount();
