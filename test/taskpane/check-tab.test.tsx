/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { CheckTab, groupByBlock, countBySeverity } from '../../src/taskpane/components/CheckTab';
import type { CheckTabProps } from '../../src/taskpane/components/CheckTab';
import type { CheckResult } from '../../src/taskpane/host';
import { diag, result, inFluent, byRole, allByRole, byText, allByText, click } from './helpers';

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
  inFluent(<CheckTab {...props} />);
  return props;
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
    expect(document.querySelectorAll('[data-testid="diagnostic-group"]')).toHaveLength(3);
    expect(byText(/错误 1 个，警告 2 个，提示 1 个/)).toBeInTheDocument();
  });

  test('clicking a diagnostic selects it; the fix button applies its fix', () => {
    const props = setup(sample());
    click(byRole('button', /预算数20.00不等于/));
    expect(props.onSelect).toHaveBeenCalledWith(expect.objectContaining({ cell: 'C4' }));
    click(byRole('button', /修复：改为“95%”/));
    expect(props.onFix).toHaveBeenCalledWith(expect.objectContaining({ ruleId: 'value/percent-notation' }));
    // no fix button on diagnostics without a fix
    expect(allByRole('button', /^修复：/)).toHaveLength(1);
  });

  test('“修复全部格式问题” counts only safe notation fixes', () => {
    const r = sample();
    r.diagnostics.push(
      diag({ ruleId: 'plan/not-cumulative', cell: 'E7', fix: { cell: 'C7', value: 0.5, label: '改为累计' } }),
    );
    const props = setup(r);
    const btn = byRole('button', '修复全部格式问题（1）');
    click(btn);
    expect(props.onFixAll).toHaveBeenCalled();
  });

  test('no bulk-fix button when no safe fix exists', () => {
    setup(result([diag({ ruleId: 'plan/not-cumulative', cell: 'E7', fix: { cell: 'C7', value: 0.5, label: '改为累计' } })]));
    expect(allByRole('button', /修复全部格式问题/)).toHaveLength(0);
  });

  test('severity filter shows only the chosen severity, and “全部” shows all again', () => {
    setup(sample());
    click(byRole('button', '提示 1 个'));
    expect(allByText(/预算数20.00不等于/)).toHaveLength(0);
    expect(byText('3月底进度偏慢')).toBeInTheDocument();
    click(byRole('button', /^全部/));
    expect(byText(/预算数20.00不等于/)).toBeInTheDocument();
  });

  test('diagnostics of the selected cell are shown at the top', () => {
    setup(sample(), { selection: { sheet: 'Sheet1', cell: 'F12' } });
    const top = document.querySelector('[data-testid="selection-diagnostics"]') as HTMLElement;
    expect(byText('所选单元格 F12 的问题', top)).toBeInTheDocument();
    expect(byText(/95百分比/, top)).toBeInTheDocument();
    expect(allByText(/预算数20.00/, top)).toHaveLength(0);
  });

  test('a selected cell without problems shows no selection section', () => {
    setup(sample(), { selection: { sheet: 'Sheet1', cell: 'A1' } });
    expect(document.querySelector('[data-testid="selection-diagnostics"]')).toBeNull();
  });

  test('empty states: clean sheet vs no table found', () => {
    setup(result([], 3));
    expect(byText('表格很干净，没有发现问题')).toBeInTheDocument();
    expect(byText(/已检查 3 张绩效目标表/)).toBeInTheDocument();
  });

  test('no blocks: says no table was found and offers the templates tab', () => {
    const onGoToTemplates = jest.fn();
    setup(result([], 0), { onGoToTemplates });
    expect(byText('没有找到绩效目标表')).toBeInTheDocument();
    expect(allByText('表格很干净，没有发现问题')).toHaveLength(0);
    click(byRole('button', '模板'));
    expect(onGoToTemplates).toHaveBeenCalled();
  });

  test('live switch and manual re-check', () => {
    const props = setup(sample());
    click(byRole('switch', '边填边检查'));
    expect(props.onLiveChange).toHaveBeenCalledWith(false);
    click(byRole('button', '重新检查'));
    expect(props.onRecheck).toHaveBeenCalled();
  });

  test('shows the budget-year note, or explains that year checks are off', () => {
    const r = sample();
    r.year = undefined;
    setup(r);
    expect(byText(/未能确定预算年度/)).toBeInTheDocument();
  });
});
