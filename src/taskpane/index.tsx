/**
 * The task pane in Excel: after Office.onReady, the pane talks to the real `Excel` through the
 * adapter (src/excel). Light/dark follows the Office theme.
 */
import './no-eval';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { officeExcel } from '../excel/office';
import { Pane } from './Pane';
import { createCatalog } from './catalog';
import { createExcelHost } from './excel-host';
import { officeIsDark, paneTheme } from './theme';

function mount() {
  const root = document.getElementById('root');
  if (!root) return;
  const host = createExcelHost(officeExcel());
  createRoot(root).render(<Pane host={host} catalog={createCatalog()} theme={paneTheme(officeIsDark())} />);
}

Office.onReady(() => mount());
