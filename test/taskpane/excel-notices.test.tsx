/** @jest-environment jsdom */
/**
 * What the adapter learns about Excel reaches the clerk: a protected sheet, what an older Excel
 * cannot do, and a result that may be out of date — each one clear zh-CN line in the 检查 tab.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hebeiWorkbookGrid } from '../../scripts/bench-excel';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { Pane } from '../../src/taskpane/Pane';
import { createCatalog } from '../../src/taskpane/catalog';
import { createExcelHost } from '../../src/taskpane/excel-host';
import './helpers'; // jsdom's missing ResizeObserver

const catalog = createCatalog();
const recent = () => ({ load: () => [] as string[], save: () => undefined });

function show(wb: MemoryWorkbook) {
  const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 5 });
  render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={recent()} />);
  return host;
}

describe('the pane tells the clerk what Excel would not let the checker do', () => {
  test('a protected sheet: one warning saying the cells are not marked and how to change that', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(1));
    wb.user.protect(wb.sheets[0].name);
    show(wb);
    const notices = await screen.findAllByTestId('check-notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toHaveTextContent(/受保护.*单元格上的标记未更新.*撤消工作表保护/);
    expect(screen.getByRole('region', { name: '问题列表' })).toBeInTheDocument(); // the problems are still listed
  });

  test('an older Excel: what it cannot do is said, with the requirement set', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(1), { support: { excelApi: 12 } });
    show(wb);
    const notices = await screen.findAllByTestId('check-notice');
    const text = notices.map((n) => n.textContent).join('\n');
    expect(text).toMatch(/撤消.*ExcelApi 1\.20/);
    expect(text).toMatch(/ExcelApi 1\.13/);
  });

  test('below the sets the marks need: the problems are listed without marks in the cells, and the pane says why', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(1), { support: { excelApi: 8 } });
    const before = wb.snapshot();
    show(wb);
    const notices = await screen.findAllByTestId('check-notice');
    expect(notices.map((n) => n.textContent).join('\n')).toMatch(/需要 ExcelApi 1\.9.*问题只在任务窗格中列出，不在单元格上标记/);
    expect(within(screen.getByRole('region', { name: '问题列表' })).getAllByRole('listitem').length).toBeGreaterThan(0);
    expect(wb.snapshot()).toEqual(before); // nothing drawn, nothing written
  });

  test('live checking switched off: the result may be out of date, and the pane says so; on again, it does not', async () => {
    const wb = MemoryWorkbook.fromGrid(hebeiWorkbookGrid(1));
    show(wb);
    await screen.findByRole('region', { name: '问题列表' });
    expect(screen.queryByTestId('stale')).toBeNull();
    const live = screen.getByRole('switch', { name: /边填边检查/ });
    await userEvent.click(live);
    await waitFor(() => expect(screen.getByTestId('stale')).toHaveTextContent(/结果可能不是最新的/));
    await userEvent.click(live);
    await waitFor(() => expect(screen.queryByTestId('stale')).toBeNull());
    expect(within(screen.getByRole('region', { name: '问题列表' })).getAllByRole('listitem').length).toBeGreaterThan(0);
  });
});
