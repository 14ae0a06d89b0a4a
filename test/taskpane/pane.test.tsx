/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act } from 'react';
import { webLightTheme } from '@fluentui/react-components';
import { Pane } from '../../src/taskpane/Pane';
import { createCatalog } from '../../src/taskpane/catalog';
import type { RecentStore } from '../../src/taskpane/host';
import { pushRecent, localRecentStore, isSafeFix } from '../../src/taskpane/host';
import { isDarkColor } from '../../src/taskpane/theme';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { diag, result, fakeHost } from './helpers';

const catalog = createCatalog();

function memoryRecent(initial: string[] = []): RecentStore & { saved: string[][] } {
  let list = initial;
  const saved: string[][] = [];
  return { saved, load: () => list, save: (ids) => { list = ids; saved.push(ids); } };
}

const first = () =>
  result([
    diag({ ruleId: 'total/funding-mismatch', cell: 'C4', message: '预算数20.00不等于财政资金15.00' }),
    diag({
      ruleId: 'value/percent-notation',
      severity: 'warning',
      cell: 'F12',
      message: '指标值“95百分比”写法不规范，应写作“95%”',
      fix: { cell: 'F12', value: '95%', label: '改为“95%”' },
    }),
  ]);

async function mount(initialTab?: 'check' | 'templates' | 'settings') {
  const host = fakeHost(first());
  const recent = memoryRecent();
  const onReady = jest.fn();
  render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={recent} initialTab={initialTab} onReady={onReady} />);
  // settings loaded, host started, first result shown
  await waitFor(() => expect(onReady).toHaveBeenCalled());
  return { host, recent, onReady, user: userEvent.setup() };
}

const radios = () => screen.queryAllByRole('radio') as HTMLInputElement[];
const called = (host: { calls: { name: string }[] }) => host.calls.map((c) => c.name);

describe('Pane', () => {
  test('starts the host, shows its first result and reports ready once', async () => {
    const { host, onReady } = await mount();
    expect(called(host)).toContain('start');
    expect(screen.getByText(/95百分比/)).toBeInTheDocument();
    expect(onReady).toHaveBeenCalledTimes(1);
    act(() => host.emitResult(result([])));
    expect(await screen.findByRole('heading', { name: '表格很干净，没有发现问题' })).toBeInTheDocument();
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  test('clicking a diagnostic selects its cell in the sheet', async () => {
    const { host, user } = await mount();
    await user.click(screen.getByRole('button', { name: /预算数20.00不等于/ }));
    await waitFor(() => expect(host.calls).toContainEqual({ name: 'select', args: [{ sheet: 'Sheet1', cell: 'C4' }] }));
  });

  test('a selection in the sheet brings that cell’s diagnostics to the top', async () => {
    const { host } = await mount();
    expect(screen.queryByTestId('selection-diagnostics')).toBeNull();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'F12' }));
    expect(await screen.findByRole('heading', { name: '所选单元格 F12 的问题' })).toBeInTheDocument();
  });

  test('fix, fix-all, live switch and re-check go to the host', async () => {
    const { host, user } = await mount();
    await user.click(screen.getByRole('button', { name: /修复：改为“95%”/ }));
    await waitFor(() => expect(host.calls.find((c) => c.name === 'applyFix')?.args[0]).toMatchObject({ cell: 'F12' }));
    const fixAll = screen.getByRole('button', { name: '修复全部格式问题（1）' });
    // the fix has finished (while busy the buttons stay focusable but aria-disabled)
    await waitFor(() => expect(fixAll).not.toHaveAttribute('aria-disabled', 'true'));
    await user.click(fixAll);
    expect(await screen.findByText('已修复 3 处格式问题')).toBeInTheDocument();
    expect(called(host)).toContain('applySafeFixes');
    await user.click(screen.getByRole('switch', { name: '边填边检查' }));
    expect(host.calls).toContainEqual({ name: 'setLive', args: [false] });
    const recheck = screen.getByRole('button', { name: '重新检查' });
    await waitFor(() => expect(recheck).not.toHaveAttribute('aria-disabled', 'true'));
    await user.click(recheck);
    await waitFor(() => expect(called(host)).toContain('recheck'));
  });

  test('landmarks and headings: one main holds the tabs and the selected tab’s panel; the pane title is the h1', async () => {
    const { user } = await mount();
    const main = screen.getByRole('main');
    expect(main).toContainElement(screen.getByRole('tablist', { name: '功能页' }));
    const panel = screen.getByRole('tabpanel');
    expect(main).toContainElement(panel);
    expect(panel).toHaveAccessibleName(expect.stringMatching(/^检查/));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('绩效目标表助手');
    await user.click(screen.getByRole('tab', { name: /设置/ }));
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('设置');
    expect(screen.getByRole('tab', { name: /设置/ })).toHaveAttribute('aria-controls', panel.id);
  });

  test('keyboard: the empty workbook’s “模板” button opens the templates tab and leaves focus on that tab', async () => {
    const host = fakeHost(result([], 0));
    render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={memoryRecent()} />);
    const user = userEvent.setup();
    const go = await screen.findByRole('button', { name: '模板' });
    go.focus();
    await user.keyboard('{Enter}');
    const tab = screen.getByRole('tab', { name: '模板' });
    expect(tab).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(tab).toHaveFocus());
    expect(screen.getByRole('region', { name: '模板' })).toBeInTheDocument();
  });

  test('tabs switch pages; settings changes are saved in the workbook', async () => {
    const { host, user } = await mount();
    expect(screen.queryByRole('region', { name: '设置' })).toBeNull();
    await user.click(screen.getByRole('tab', { name: /设置/ }));
    expect(screen.getByRole('region', { name: '设置' })).toBeInTheDocument();
    const rule = catalog.rules[0];
    await user.selectOptions(screen.getByLabelText(rule.description, { selector: 'select' }), 'warning');
    expect(await screen.findByText('已保存到工作簿')).toBeInTheDocument();
    expect(host.calls.find((c) => c.name === 'saveSettings')?.args[0]).toMatchObject({ rules: { [rule.id]: 'warning' } });
  });

  test('each tab keeps its own scroll position; a new check result opens 检查 at the top', async () => {
    // the pane sits in a box that scrolls (the preview's; in Excel the document), which keeps a position
    const box = document.createElement('div');
    box.style.overflowY = 'auto';
    let top = 0;
    Object.defineProperty(box, 'scrollTop', { get: () => top, set: (v: number) => (top = v), configurable: true });
    document.body.appendChild(box);
    const host = fakeHost(first());
    const onReady = jest.fn();
    render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={memoryRecent()} onReady={onReady} />, { container: box });
    await waitFor(() => expect(onReady).toHaveBeenCalled());
    const user = userEvent.setup();
    const go = (name: RegExp) => user.click(screen.getByRole('tab', { name }));
    top = 400; // the clerk scrolled down the problem list
    await go(/^模板/);
    expect(top).toBe(0); // 模板 opens at its own (never scrolled) position
    top = 150;
    await go(/^检查/);
    expect(top).toBe(400);
    await go(/^设置/);
    expect(top).toBe(0);
    await go(/^模板/);
    expect(top).toBe(150);
    // a template is inserted: a new result comes while 模板 is shown — 检查 then opens at its top
    act(() => host.emitResult(result([diag({ ruleId: 'table/missing-field', cell: 'B5', message: '绩效目标未填写' })])));
    await go(/^检查/);
    expect(top).toBe(0);
    box.remove();
  });

  test('a successful insert records the type as recently used; a failed one does not', async () => {
    const { host, recent, user } = await mount('templates');
    const radio = radios()[2];
    await user.click(radio);
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText(/已在“Sheet1”的 A30:G50 插入模板/)).toBeInTheDocument();
    expect(host.calls.find((c) => c.name === 'insertTemplate')?.args[1]).toBe(radio.value);
    expect(recent.saved).toEqual([[radio.value]]);
    expect(radios()[0].value).toBe(radio.value);

    host.insertResult = { ok: false, message: '目标区域不是空白' };
    await user.click(radios()[1]);
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText('目标区域不是空白')).toBeInTheDocument();
    expect(called(host).filter((n) => n === 'insertTemplate')).toHaveLength(2);
    expect(recent.saved).toHaveLength(1);
  });

  test('a host failure is shown, not thrown', async () => {
    const host = fakeHost(first());
    host.recheck = async () => {
      throw new Error('工作表受保护');
    };
    render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={memoryRecent()} />);
    const user = userEvent.setup();
    await screen.findByText(/95百分比/);
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    expect(await screen.findByText('出错了：工作表受保护')).toBeInTheDocument();
    expect(screen.getAllByText(/95百分比/).length).toBeGreaterThan(0);
  });
});

describe('host helpers', () => {
  test('pushRecent moves to the front without duplicates and caps the list', () => {
    expect(pushRecent(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(pushRecent(['a', 'b'], 'z', 2)).toEqual(['z', 'a']);
  });

  test('localRecentStore round-trips through localStorage and survives garbage', () => {
    localStorage.clear();
    const store = localRecentStore(localStorage);
    expect(store.load()).toEqual([]);
    store.save(['x', 'y']);
    expect(localRecentStore(localStorage).load()).toEqual(['x', 'y']);
    localStorage.setItem('jxmb.recentTypes', '{not json');
    expect(store.load()).toEqual([]);
  });

  test('isSafeFix: only notation rules with a fix', () => {
    expect(isSafeFix(diag({ ruleId: 'indicator/alias-name', cell: 'A10', fix: { cell: 'A10', value: '效益指标', label: 'x' } }))).toBe(true);
    expect(isSafeFix(diag({ ruleId: 'indicator/alias-name', cell: 'A10' }))).toBe(false);
    expect(isSafeFix(diag({ ruleId: 'plan/not-cumulative', cell: 'C7', fix: { cell: 'C7', value: 1, label: 'x' } }))).toBe(false);
  });

  test('isDarkColor follows the Office body background', () => {
    expect(isDarkColor('#1f1f1f')).toBe(true);
    expect(isDarkColor('#FFFFFF')).toBe(false);
    expect(isDarkColor(undefined)).toBe(false);
    expect(isDarkColor('not-a-colour')).toBe(false);
  });
});
