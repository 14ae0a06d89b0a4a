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
import { analyzeGrid } from '../../src/excel/analyze';
import { suggestIndicators } from '../../src/domain/indicators';
import { validateHeader } from '../../src/taskpane/catalog';
import type { CheckResult } from '../../src/taskpane/host';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { Pane } from '../../src/taskpane/Pane';
import { createCatalog } from '../../src/taskpane/catalog';
import { createExcelHost } from '../../src/taskpane/excel-host';
import './helpers'; // jsdom's missing ResizeObserver
import { withFixableProblems } from '../safety/helpers';

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

describe('a command refused because the clerk is editing a cell: the pane says so, nothing is written (office-js #806)', () => {
  function fixable(): MemoryWorkbook {
    const raw = hebeiWorkbookGrid(1);
    return MemoryWorkbook.fromGrid(withFixableProblems(raw, analyzeGrid({ sheets: raw.sheets }).blocks).grid);
  }

  test('修复 and 修复全部: an alert with what to do; the sheet untouched', async () => {
    const wb = fixable();
    show(wb);
    const fix = (await screen.findAllByRole('button', { name: /^修复：/ }))[0];
    wb.user.beginCellEdit();
    const before = wb.snapshot();
    await userEvent.click(fix);
    expect(await screen.findByRole('alert')).toHaveTextContent(/编辑单元格.*按 Enter 或 Esc.*未修复/);
    await userEvent.click(screen.getByRole('button', { name: /^修复全部格式问题/ }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/编辑单元格.*未修复/));
    expect(wb.snapshot()).toEqual(before);
    wb.user.endCellEdit();
  });

  test('插入模板 and 添加: the host hands the pane the message, nothing written', async () => {
    const wb = new MemoryWorkbook();
    const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 5 });
    const results: CheckResult[] = [];
    host.onResult((r) => results.push(r));
    await host.start();
    const v = validateHeader({ name: '农村保洁员经费', code: '', budget: '12.5', fiscal: '', other: '', year: '2025' });
    if (!v.ok) throw new Error('header');
    expect(await host.insertTemplate('hebei-project', 'rural-cleaners', v.header)).toMatchObject({ ok: true });
    const block = results[results.length - 1].blocks[0];
    const s = suggestIndicators({ name: block.name, existing: block.indicators, top: 30 }).find((x) => !x.existing && x.level2 === '数量指标');
    expect(s).toBeDefined();
    wb.user.beginCellEdit();
    const before = wb.snapshot();
    expect(await host.insertTemplate('hebei-project', 'rural-cleaners', v.header)).toEqual({ ok: false, message: expect.stringMatching(/编辑单元格.*未插入表格/) });
    // 添加 rejects; the 指标 tab shows the message (IndicatorsTab's catch)
    await expect(host.addIndicator!(block, s!)).rejects.toThrow(/编辑单元格.*按 Enter 或 Esc/);
    expect(wb.snapshot()).toEqual(before);
    wb.user.endCellEdit();
    host.dispose();
  });
});
