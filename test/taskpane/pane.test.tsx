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
import { diag, result, fakeHost, render, flush, byRole, allByRole, byText, allByText, click, selectOption } from './helpers';

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
  await flush();
  return { host, recent, onReady };
}

describe('Pane', () => {
  test('starts the host, shows its first result and reports ready once', async () => {
    const { host, onReady } = await mount();
    expect(host.calls.map((c) => c.name)).toContain('start');
    expect(byText(/95百分比/)).toBeInTheDocument();
    expect(onReady).toHaveBeenCalledTimes(1);
    act(() => host.emitResult(result([])));
    await flush();
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(byText('表格很干净，没有发现问题')).toBeInTheDocument();
  });

  test('clicking a diagnostic selects its cell in the sheet', async () => {
    const { host } = await mount();
    click(byRole('button', /预算数20.00不等于/));
    await flush();
    expect(host.calls).toContainEqual({ name: 'select', args: [{ sheet: 'Sheet1', cell: 'C4' }] });
  });

  test('a selection in the sheet brings that cell’s diagnostics to the top', async () => {
    const { host } = await mount();
    expect(document.querySelector('[data-testid="selection-diagnostics"]')).toBeNull();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'F12' }));
    await flush();
    expect(byText('所选单元格 F12 的问题')).toBeInTheDocument();
  });

  test('fix, fix-all, live switch and re-check go to the host', async () => {
    const { host } = await mount();
    click(byRole('button', /修复：改为“95%”/));
    await flush();
    expect(host.calls.find((c) => c.name === 'applyFix')?.args[0]).toMatchObject({ cell: 'F12' });
    click(byRole('button', '修复全部格式问题（1）'));
    await flush();
    expect(host.calls.map((c) => c.name)).toContain('applySafeFixes');
    expect(byText('已修复 3 处格式问题')).toBeInTheDocument();
    click(byRole('switch', '边填边检查'));
    expect(host.calls).toContainEqual({ name: 'setLive', args: [false] });
    click(byRole('button', '重新检查'));
    await flush();
    expect(host.calls.map((c) => c.name)).toContain('recheck');
  });

  test('tabs switch pages; settings changes are saved in the workbook', async () => {
    const { host } = await mount();
    click(byRole('tab', /设置/));
    const rule = catalog.rules[0];
    selectOption(document.querySelector(`select[data-rule="${rule.id}"]`) as HTMLSelectElement, 'warning');
    await flush();
    expect(host.calls.find((c) => c.name === 'saveSettings')?.args[0]).toMatchObject({ rules: { [rule.id]: 'warning' } });
    expect(byText('已保存到工作簿')).toBeInTheDocument();
  });

  test('a successful insert records the type as recently used; a failed one does not', async () => {
    const { host, recent } = await mount('templates');
    const radio = allByRole('radio')[2] as HTMLInputElement;
    click(radio);
    click(byRole('button', '插入模板'));
    await flush();
    expect(host.calls.find((c) => c.name === 'insertTemplate')?.args[1]).toBe(radio.value);
    expect(recent.saved).toEqual([[radio.value]]);
    expect((allByRole('radio')[0] as HTMLInputElement).value).toBe(radio.value);

    host.insertResult = { ok: false, message: '目标区域不是空白' };
    click(allByRole('radio')[1]);
    click(byRole('button', '插入模板'));
    await flush();
    expect(byText('目标区域不是空白')).toBeInTheDocument();
    expect(recent.saved).toHaveLength(1);
  });

  test('a host failure is shown, not thrown', async () => {
    const host = fakeHost(first());
    host.recheck = async () => {
      throw new Error('工作表受保护');
    };
    render(<Pane host={host} catalog={catalog} theme={webLightTheme} recentStore={memoryRecent()} />);
    await flush();
    click(byRole('button', '重新检查'));
    await flush();
    expect(byText('出错了：工作表受保护')).toBeInTheDocument();
    expect(allByText(/95百分比/).length).toBeGreaterThan(0);
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
