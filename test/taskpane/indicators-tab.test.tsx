/** @jest-environment jsdom */
/**
 * The 指标库 in the pane: the 指标库 tab (suggestions for the block the selection is in, for the
 * project type it matched — said in words, another can be picked — one click adds) and the 模板
 * page's suggestions added to the template about to be inserted. The library is loaded (its own
 * chunk) when the tab or the suggestions first open. Keyboard only where it matters.
 */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act } from 'react';
import { webLightTheme } from '@fluentui/react-components';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Pane } from '../../src/taskpane/Pane';
import { createCatalog } from '../../src/taskpane/catalog';
import type { CheckResult, IndicatorsApi, PaneCatalog, RecentStore, SuggestionInfo } from '../../src/taskpane/host';
import { blockAt } from '../../src/taskpane/components/IndicatorsTab';
import { TemplatesTab } from '../../src/taskpane/components/TemplatesTab';
import { fakeHost, renderInFluent } from './helpers';

const catalog = createCatalog();
const recent: RecentStore = { load: () => [], save: () => undefined };

// the cleaners table has the two indicators the library ranks first for it
let had: string[] = [];
beforeAll(async () => {
  const api = await (catalog.indicators as () => Promise<IndicatorsApi>)();
  had = api.suggest({ name: '2021年农村保洁员经费', usage: '主要用于保洁员工资', profileId: 'hebei-project', top: 2 }).groups.flatMap((g) => g.items.map((s) => s.name));
});

const withBlocks = (): CheckResult => ({
  diagnostics: [],
  blocks: [
    { index: 0, name: '2021年农村保洁员经费', sheet: 'Sheet1', range: 'A1:G22', profile: 'hebei-project', usage: '主要用于保洁员工资', goal: '', indicators: had },
    { index: 1, name: '武装工作经费', sheet: 'Sheet1', range: 'A30:G50', profile: 'hebei-project', indicators: [] },
  ],
  year: 2025,
  sheets: ['Sheet1'],
  durationMs: 5,
});

async function mount(paneCatalog: PaneCatalog = catalog) {
  const host = fakeHost(withBlocks());
  const onReady = jest.fn();
  render(<Pane host={host} catalog={paneCatalog} theme={webLightTheme} recentStore={recent} initialTab="indicators" onReady={onReady} />);
  await waitFor(() => expect(onReady).toHaveBeenCalled());
  return { host, user: userEvent.setup() };
}

describe('blockAt', () => {
  test('the block whose range holds the selected cell, on its sheet', () => {
    const r = withBlocks();
    expect(blockAt(r, { sheet: 'Sheet1', cell: 'C5' })?.index).toBe(0);
    expect(blockAt(r, { sheet: 'Sheet1', cell: 'G50' })?.index).toBe(1);
    expect(blockAt(r, { sheet: 'Sheet1', cell: 'A25' })).toBeUndefined();
    expect(blockAt(r, { sheet: 'Sheet2', cell: 'C5' })).toBeUndefined();
    expect(blockAt(null, { sheet: 'Sheet1', cell: 'C5' })).toBeUndefined();
  });
});

describe('指标库 tab', () => {
  test('without a selection in a table it says how to get suggestions', async () => {
    await mount();
    expect(screen.getByRole('heading', { level: 2, name: '推荐指标' })).toBeInTheDocument();
    expect(screen.getByText(/选中某张绩效目标表中的任一单元格/)).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /^添加：/ })).toHaveLength(0);
  });

  test('the selection in a table: suggestions for it grouped by 二级, what it has marked; one click adds, the note is announced', async () => {
    const { host, user } = await mount();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'C5' }));
    expect(await screen.findByText('为“2021年农村保洁员经费”推荐（Sheet1!A1:G22）')).toBeInTheDocument();
    const headings = screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings).toContain('产出指标 › 数量指标');
    expect(headings.indexOf('产出指标 › 数量指标')).toBeLessThan(headings.indexOf('满意度指标 › 服务对象满意度指标'));
    // what the table has is marked and cannot be added again (the button stays focusable)
    expect(had).toHaveLength(2);
    const marked = screen.getAllByRole('button', { name: /（表中已有）$/ });
    expect(marked.map((b) => b.getAttribute('aria-label'))).toEqual(expect.arrayContaining(had.map((n) => `添加：${n}（表中已有）`)));
    expect(marked[0]).toHaveAttribute('aria-disabled', 'true');
    await user.click(marked[0]);
    expect(host.calls.some((c) => c.name === 'addIndicator')).toBe(false);
    // every suggestion shows its value form, never a number
    for (const li of screen.getAllByRole('listitem')) expect(within(li).getByText(/^指标值：/).textContent).not.toMatch(/\d/);
    const add = screen.getAllByRole('button', { name: /^添加：.+（.+指标）$/ })[0];
    await user.click(add);
    const call = host.calls.find((c) => c.name === 'addIndicator');
    expect(call?.args[0]).toMatchObject({ index: 0, name: '2021年农村保洁员经费' });
    expect((call?.args[1] as SuggestionInfo).name).toBe(add.getAttribute('aria-label')?.replace(/^添加：(.+)（.+）$/, '$1'));
    expect(await screen.findByRole('status')).toHaveTextContent('已在第 12 行插入“享受保洁服务的人数”');
  }, 120_000);

  test('a refusal is shown as an alert with the reason', async () => {
    const { host, user } = await mount();
    host.addResult = { ok: false, message: '表格在上次检查后有改动，未添加：请等检查完成后再点一次“添加”' };
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'B40' }));
    expect(await screen.findByText('为“武装工作经费”推荐（Sheet1!A30:G50）')).toBeInTheDocument();
    await user.click(screen.getAllByRole('button', { name: /^添加：/ })[0]);
    expect(await screen.findByRole('alert')).toHaveTextContent('表格在上次检查后有改动');
  });

  // (the tab order through the pane is checked in a real browser: scripts/e2e.js)
  test('keyboard: Enter or Space on a focused add button adds', async () => {
    const { host, user } = await mount();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'B40' }));
    await screen.findByText('为“武装工作经费”推荐（Sheet1!A30:G50）');
    const [a, b] = screen.getAllByRole('button', { name: /^添加：/ });
    act(() => a.focus());
    await user.keyboard('{Enter}');
    await waitFor(() => expect(host.calls.filter((c) => c.name === 'addIndicator')).toHaveLength(1));
    act(() => b.focus());
    await user.keyboard(' ');
    await waitFor(() => expect(host.calls.filter((c) => c.name === 'addIndicator')).toHaveLength(2));
  }, 120_000);

  test('it says which project type it matched; picking another type (keyboard) changes the list', async () => {
    const { host, user } = await mount();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'C5' }));
    expect(await screen.findByText('匹配的项目类型：农村保洁（由“农村保洁”识别）。不对可在下面另选。')).toBeInTheDocument();
    const names = () => screen.getAllByRole('listitem').map((li) => li.querySelector('span span')?.textContent ?? '');
    const before = names();
    const picker = screen.getByRole('combobox', { name: '项目类型' });
    act(() => picker.focus());
    await user.keyboard('{Enter}');
    const option = await screen.findByRole('option', { name: '垃圾清运' });
    // the options are grouped (OptionGroup: a group role with its label)
    expect(screen.getByRole('group', { name: '环境卫生与生态' })).toContainElement(option);
    await user.click(option);
    expect(await screen.findByText('项目类型：垃圾清运（已手动选择）', undefined, { timeout: 10_000 })).toBeInTheDocument();
    const after = names();
    expect(after).not.toEqual(before);
    expect(after.filter((n) => /垃圾|清运/.test(n)).length).toBeGreaterThanOrEqual(5);
    // another block: its own type again (the pick was for the other block)
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'B40' }));
    expect(await screen.findByText('匹配的项目类型：武装民兵（由“武装”识别）。不对可在下面另选。', undefined, { timeout: 10_000 })).toBeInTheDocument();
  }, 120_000);

  test('the library is loaded when the tab first needs it (its own chunk), and the tab works once it is there', async () => {
    let release: (() => void) | undefined;
    const load = jest.fn(
      () =>
        new Promise<IndicatorsApi>((resolve, reject) => {
          release = () => (catalog.indicators as () => Promise<IndicatorsApi>)().then(resolve, reject);
        }),
    );
    const { host } = await mount({ ...catalog, indicators: load });
    // not before it is needed: the pane painted without it
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'C5' }));
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    expect(screen.getByText('正在载入指标库…')).toBeInTheDocument();
    expect(screen.queryAllByRole('button', { name: /^添加：/ })).toHaveLength(0);
    await act(async () => release?.());
    expect(await screen.findByText(/^匹配的项目类型：农村保洁/)).toBeInTheDocument();
    expect(screen.getAllByRole('button', { name: /^添加：/ }).length).toBeGreaterThan(0);
    expect(load).toHaveBeenCalledTimes(1);
  }, 120_000);

  test('a library that fails to load says so, and 重试 asks again', async () => {
    let fail = true;
    const load = jest.fn(() => (fail ? Promise.reject(new Error('网络错误')) : (catalog.indicators as () => Promise<IndicatorsApi>)()));
    const { host, user } = await mount({ ...catalog, indicators: load });
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'C5' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('指标库未能载入：网络错误');
    fail = false;
    await user.click(screen.getByRole('button', { name: '重试' }));
    expect(await screen.findByText(/^匹配的项目类型：农村保洁/)).toBeInTheDocument();
  }, 120_000);

  test('显示更多 lists more', async () => {
    const { host, user } = await mount();
    act(() => host.emitSelection({ sheet: 'Sheet1', cell: 'B40' }));
    await screen.findByText('为“武装工作经费”推荐（Sheet1!A30:G50）');
    const n = screen.getAllByRole('listitem').length;
    await user.click(screen.getByRole('button', { name: '显示更多' }));
    expect(screen.getAllByRole('listitem').length).toBeGreaterThan(n);
  });
});

describe('模板 page: suggestions for the template about to be inserted', () => {
  test('added indicators go with the insertion; what the type inserts anyway is marked; 移除 takes one back', async () => {
    const onInsert = jest.fn(async () => ({ ok: true as const, sheet: 'Sheet1', range: 'A1:G24' }));
    renderInFluent(<TemplatesTab catalog={catalog} profileId="hebei-project" recent={[]} onProfileChange={jest.fn()} onInsert={onInsert} />);
    const user = userEvent.setup();
    expect(screen.queryByRole('heading', { name: '推荐指标（可加入模板）' })).not.toBeInTheDocument();
    await user.click(screen.getAllByRole('radio', { name: /农村保洁员经费/ })[0]);
    expect(await screen.findByRole('heading', { level: 2, name: '推荐指标（可加入模板）' })).toBeInTheDocument();
    // the cleaners type inserts 保洁员人数 itself
    const type = catalog.typeIndicatorNames?.('rural-cleaners') ?? [];
    const marked = screen.getAllByRole('button', { name: /（模板已有）$/ });
    expect(marked.length).toBeGreaterThan(0);
    for (const b of marked) expect(type).toContain(b.getAttribute('aria-label')?.replace(/^加入模板：(.+)（模板已有）$/, '$1'));
    const adds = screen.getAllByRole('button', { name: /^加入模板：.+（.+指标）$/ });
    const first = adds[0].getAttribute('aria-label')?.replace(/^加入模板：(.+)（.+）$/, '$1');
    await user.click(adds[0]);
    // the keyboard user's place is kept: focus is on the 移除 button that replaced 加入模板
    expect(screen.getByRole('button', { name: `移除：${first}` })).toHaveFocus();
    await user.click(screen.getAllByRole('button', { name: /^加入模板：.+（.+指标）$/ })[0]);
    expect(screen.getByText('已选 2 个指标，插入模板时一并写入')).toBeInTheDocument();
    const removes = screen.getAllByRole('button', { name: /^移除：/ });
    expect(removes).toHaveLength(2);
    const second = removes[1].getAttribute('aria-label')?.replace(/^移除：/, '');
    await user.click(removes[1]);
    expect(screen.getByRole('button', { name: new RegExp(`^加入模板：${(second ?? '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（`) })).toHaveFocus();
    expect(screen.getByText('已选 1 个指标，插入模板时一并写入')).toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: '预算年度' }), '2025');
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    const args = onInsert.mock.calls[0] as unknown[];
    expect(args[1]).toBe('rural-cleaners');
    expect((args[3] as SuggestionInfo[]).map((s) => s.name)).toHaveLength(1);
    // inserted: the extras are cleared
    expect(await screen.findByText(/按项目名称和类型推荐/)).toBeInTheDocument();
  }, 120_000);
});
