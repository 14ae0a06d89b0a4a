/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { CheckTab, groupByBlock, countBySeverity } from '../../src/taskpane/components/CheckTab';
import type { CheckTabProps } from '../../src/taskpane/components/CheckTab';
import type { CheckResult } from '../../src/taskpane/host';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { diag, result, renderInFluent } from './helpers';

function setup(r: CheckResult | null, over: Partial<CheckTabProps> = {}) {
  const props: CheckTabProps = {
    result: r,
    live: true,
    busy: false,
    selection: null,
    onLiveChange: jest.fn(),
    onRecheck: jest.fn(),
    onSelect: jest.fn(),
    onFix: jest.fn(),
    onFixAll: jest.fn(),
    ...over,
  };
  const view = renderInFluent(<CheckTab {...props} />);
  const rerender = (next: Partial<CheckTabProps>) =>
    view.rerender(
      <FluentProvider theme={webLightTheme}>
        <CheckTab {...props} {...next} />
      </FluentProvider>,
    );
  return { props, user: userEvent.setup(), rerender };
}

const sample = () =>
  result([
    diag({ ruleId: 'total/funding-mismatch', cell: 'C4', message: '预算数20.00不等于财政资金15.00+其他资金0' }, 0),
    diag({
      ruleId: 'value/percent-notation',
      severity: 'warning',
      cell: 'F12',
      message: '指标值“95百分比”写法不规范，应写作“95%”',
      fix: { cell: 'F12', value: '95%', label: '改为“95%”' },
    }, 1),
    diag({ ruleId: 'plan/behind-schedule', severity: 'info', cell: 'B7', message: '3月底进度偏慢' }, 1),
    diag({ ruleId: 'id/duplicate-project', severity: 'warning', cell: 'E3', message: '项目名称重复' }, null),
  ]);

describe('CheckTab', () => {
  test('groups diagnostics by block, workbook-level first, and counts by severity', () => {
    const r = sample();
    const groups = groupByBlock(r.diagnostics);
    expect(groups.map((g) => g.title)).toEqual(['整个工作簿', '1. 项目1', '2. 项目2']);
    expect(groups[2].items).toHaveLength(2);
    expect(countBySeverity(r.diagnostics)).toEqual({ error: 1, warning: 2, info: 1 });
    setup(r);
    const rendered = screen.getAllByTestId('diagnostic-group');
    expect(rendered).toHaveLength(3);
    expect(rendered.map((g) => within(g).getByRole('heading', { level: 2 }).textContent)).toEqual(['整个工作簿', '1. 项目1', '2. 项目2']);
    expect(screen.getByText(/错误 1 个，警告 2 个，提示 1 个/)).toBeInTheDocument();
  });

  test('clicking a diagnostic selects it; the fix button applies its fix', async () => {
    const { props, user } = setup(sample());
    await user.click(screen.getByRole('button', { name: /预算数20.00不等于/ }));
    expect(props.onSelect).toHaveBeenCalledWith(expect.objectContaining({ cell: 'C4' }));
    await user.click(screen.getByRole('button', { name: /修复：改为“95%”/ }));
    expect(props.onFix).toHaveBeenCalledWith(expect.objectContaining({ ruleId: 'value/percent-notation' }));
    // no fix button on diagnostics without a fix
    expect(screen.getAllByRole('button', { name: /^修复：/ })).toHaveLength(1);
  });

  test('a problem button is named by what it shows (label-content-name-mismatch) and says where it leads', () => {
    setup(sample());
    const list = within(screen.getByRole('region', { name: '问题列表' }));
    const item = list.getByText(/预算数20.00不等于/).closest('li') as HTMLElement;
    const button = within(item).getAllByRole('button')[0];
    // visible text: the message and “cell · rule”; the severity icon adds its label in front
    expect(button).toHaveAccessibleName('错误 预算数20.00不等于财政资金15.00+其他资金0 C4 · 合计金额不等于各组成部分之和（预算数 = 财政资金 + 其他资金 等）');
    // the second line is the rule's Chinese title; its id (as in the JSON) is in the tooltip, not in the text
    const meta = item.querySelector('[data-rule-title]') as HTMLElement;
    expect(meta.textContent).toBe('C4 · 合计金额不等于各组成部分之和（预算数 = 财政资金 + 其他资金 等）');
    expect(meta.textContent).not.toMatch(/[a-z]+\/[a-z-]+/);
    expect(meta).toHaveAttribute('title', '规则编号：total/funding-mismatch');
    expect(button).toHaveAccessibleDescription('定位到单元格 C4');
    // every problem button's name holds its visible text, and every fix button's name starts with its own
    const flat = (t: string | null) => (t ?? '').replace(/\s+/g, '');
    const names = (el: HTMLElement) => flat(el.getAttribute('aria-label') ?? el.textContent);
    for (const li of list.getAllByRole('listitem')) {
      const [main, fix] = within(li).getAllByRole('button');
      expect(main).not.toHaveAttribute('aria-label');
      if (fix) expect(names(fix).startsWith(flat(fix.textContent))).toBe(true);
    }
  });

  test('headings do not skip a level: the groups and the selection section are h2 (the pane title is h1)', () => {
    setup(sample(), { selection: { sheet: 'Sheet1', cell: 'F12' } });
    const levels = screen.getAllByRole('heading').map((h) => Number(h.tagName.slice(1)));
    expect(new Set(levels)).toEqual(new Set([2]));
  });

  // jsdom's hasFocus() answers whether an element has focus; a browser's, whether the pane's window
  // has the system focus — which is what the pane asks. Here: the pane's window has it, or not.
  const windowFocus = (on: boolean) => jest.spyOn(document, 'hasFocus').mockReturnValue(on);
  afterEach(() => jest.restoreAllMocks());

  test('keyboard: when the focused fix button goes away with its problem, focus moves to the control now in its place', async () => {
    windowFocus(true);
    const r = sample();
    const { props, user, rerender } = setup(r);
    const fix = screen.getByRole('button', { name: /修复：改为“95%”/ });
    fix.focus();
    await user.keyboard('{Enter}');
    expect(props.onFix).toHaveBeenCalledWith(expect.objectContaining({ ruleId: 'value/percent-notation' }));
    // the host fixed it: the next result no longer has the problem, and the button is gone
    rerender({ result: result(r.diagnostics.filter((d) => d.ruleId !== 'value/percent-notation')) });
    expect(fix).not.toBeInTheDocument();
    // the control at the same place in the tab's order: the next problem's button
    expect(document.activeElement).toBe(screen.getByRole('button', { name: /3月底进度偏慢/ }));
  });

  test('a live re-check while the clerk works in the sheet never pulls focus into the pane', () => {
    windowFocus(false); // the sheet has the focus; the pane's last focused button is then removed
    const r = sample();
    const { rerender } = setup(r);
    screen.getByRole('button', { name: /修复：改为“95%”/ }).focus();
    rerender({ result: result(r.diagnostics.filter((d) => d.ruleId !== 'value/percent-notation')) });
    expect(document.activeElement).toBe(document.body);
  });

  test('keyboard: a re-check keeps focus on its button (busy, not disabled)', async () => {
    const { props, user, rerender } = setup(sample());
    const recheck = screen.getByRole('button', { name: '重新检查' });
    recheck.focus();
    await user.keyboard(' ');
    expect(props.onRecheck).toHaveBeenCalledTimes(1);
    rerender({ busy: true });
    const busy = screen.getByRole('button', { name: '正在检查…' });
    expect(busy).toHaveFocus();
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    await user.keyboard(' ');
    expect(props.onRecheck).toHaveBeenCalledTimes(1); // not again while busy
    rerender({ busy: false });
    expect(screen.getByRole('button', { name: '重新检查' })).toHaveFocus();
  });

  test('“修复全部格式问题” counts only safe notation fixes', async () => {
    const r = sample();
    r.diagnostics.push(
      diag({ ruleId: 'plan/not-cumulative', cell: 'E7', fix: { cell: 'C7', value: 0.5, label: '改为累计' } }),
    );
    const { props, user } = setup(r);
    const btn = screen.getByRole('button', { name: '修复全部格式问题（1）' });
    await user.click(btn);
    expect(props.onFixAll).toHaveBeenCalled();
  });

  test('no bulk-fix button when no safe fix exists', () => {
    setup(result([diag({ ruleId: 'plan/not-cumulative', cell: 'E7', fix: { cell: 'C7', value: 0.5, label: '改为累计' } })]));
    expect(screen.queryAllByRole('button', { name: /修复全部格式问题/ })).toHaveLength(0);
  });

  test('severity filter shows only the chosen severity, and “全部” shows all again', async () => {
    const { user } = setup(sample());
    await user.click(screen.getByRole('button', { name: '提示 1 个' }));
    expect(screen.queryAllByText(/预算数20.00不等于/)).toHaveLength(0);
    expect(screen.getByText('3月底进度偏慢')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /^全部/ }));
    expect(screen.getByText(/预算数20.00不等于/)).toBeInTheDocument();
  });

  test('diagnostics of the selected cell are shown at the top', () => {
    setup(sample(), { selection: { sheet: 'Sheet1', cell: 'F12' } });
    const top = within(screen.getByTestId('selection-diagnostics'));
    expect(top.getByRole('heading', { name: '所选单元格 F12 的问题' })).toBeInTheDocument();
    expect(top.getByText(/95百分比/)).toBeInTheDocument();
    expect(top.queryAllByText(/预算数20.00/)).toHaveLength(0);
  });

  test('a selected cell without problems shows no selection section', () => {
    setup(sample(), { selection: { sheet: 'Sheet1', cell: 'A1' } });
    expect(screen.queryByTestId('selection-diagnostics')).toBeNull();
  });

  test('empty states: clean sheet vs no table found', () => {
    setup(result([], 3));
    expect(screen.getByRole('heading', { name: '表格很干净，没有发现问题' })).toBeInTheDocument();
    expect(screen.getByText(/已检查 3 张绩效目标表/)).toBeInTheDocument();
  });

  test('no blocks: says no table was found and offers the templates tab', async () => {
    const onGoToTemplates = jest.fn();
    const { user } = setup(result([], 0), { onGoToTemplates });
    expect(screen.getByRole('heading', { name: '没有找到绩效目标表' })).toBeInTheDocument();
    expect(screen.queryAllByText('表格很干净，没有发现问题')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: '模板' }));
    expect(onGoToTemplates).toHaveBeenCalled();
  });

  test('live switch and manual re-check', async () => {
    const { props, user } = setup(sample());
    await user.click(screen.getByRole('switch', { name: '边填边检查' }));
    expect(props.onLiveChange).toHaveBeenCalledWith(false);
    await user.click(screen.getByRole('button', { name: '重新检查' }));
    expect(props.onRecheck).toHaveBeenCalled();
  });

  test('shows the budget-year note, or explains that year checks are off', () => {
    const r = sample();
    r.year = undefined;
    setup(r);
    expect(screen.getByText(/未能确定预算年度/)).toBeInTheDocument();
  });
});

describe('CheckTab: 清除全部标记', () => {
  test('a button reached by the keyboard calls onClearMarks; absent when the host cannot mark', async () => {
    const onClearMarks = jest.fn();
    const { user } = setup(sample(), { onClearMarks });
    const button = screen.getByRole('button', { name: /清除全部标记/ });
    button.focus();
    await user.keyboard('{Enter}');
    expect(onClearMarks).toHaveBeenCalledTimes(1);
  });
  test('no button without onClearMarks', () => {
    setup(sample());
    expect(screen.queryByRole('button', { name: /清除全部标记/ })).toBeNull();
  });
});
