/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { CheckTab, groupByBlock, countBySeverity } from '../../src/taskpane/components/CheckTab';
import type { CheckTabProps } from '../../src/taskpane/components/CheckTab';
import type { CheckResult } from '../../src/taskpane/host';
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
  renderInFluent(<CheckTab {...props} />);
  return { props, user: userEvent.setup() };
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
    expect(rendered.map((g) => within(g).getByRole('heading', { level: 3 }).textContent)).toEqual(['整个工作簿', '1. 项目1', '2. 项目2']);
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
