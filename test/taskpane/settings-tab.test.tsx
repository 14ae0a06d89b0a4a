/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { SettingsTab, parseBounded } from '../../src/taskpane/components/SettingsTab';
import type { SettingsTabProps } from '../../src/taskpane/components/SettingsTab';
import type { PaneCatalog, PaneSettings } from '../../src/taskpane/host';
import { createCatalog } from '../../src/taskpane/catalog';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInFluent } from './helpers';

const catalog: PaneCatalog = createCatalog();
const base: PaneSettings = { profileId: 'hebei-project', planPacing: false, rules: {} };

function setup(over: Partial<SettingsTabProps> = {}) {
  const props: SettingsTabProps = { catalog, settings: base, onChange: jest.fn(), detectedYear: 2021, defaultFloor: 80, ...over };
  renderInFluent(<SettingsTab {...props} />);
  return { props, user: userEvent.setup() };
}
/** a rule's severity choice, found by its label (the rule's description); getByLabelText, as getByRole is
 *  slow over the whole rule list */
const severitySelect = (rule: { description: string }) =>
  screen.getByLabelText(rule.description, { selector: 'select' }) as HTMLSelectElement;
const yearBox = () => screen.getByRole('textbox', { name: '预算年度' }) as HTMLInputElement;
const floorBox = () => screen.getByRole('textbox', { name: '满意度下限（%）' }) as HTMLInputElement;

describe('SettingsTab', () => {
  test('lists every rule with its description and a severity choice; the id only in the tooltip', () => {
    setup();
    expect(catalog.rules.length).toBeGreaterThan(3);
    for (const r of catalog.rules) {
      expect(severitySelect(r)).toHaveAttribute('data-rule', r.id);
      expect(screen.queryAllByText(r.id)).toHaveLength(0);
      expect(screen.getAllByTitle(`规则编号：${r.id}`).length).toBeGreaterThan(0);
    }
  });

  test('changing a rule severity saves it; back to default removes it', async () => {
    const { props, user } = setup();
    const rule = catalog.rules[0];
    await user.selectOptions(severitySelect(rule), 'off');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, rules: { [rule.id]: 'off' } });
  });

  test('default option removes the override', async () => {
    const rule = catalog.rules[0];
    const { props, user } = setup({ settings: { ...base, rules: { [rule.id]: 'info' } } });
    expect(severitySelect(rule).value).toBe('info');
    await user.selectOptions(severitySelect(rule), 'default');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, rules: {} });
  });

  test('budget year is committed on Enter; an invalid year is explained and not saved', async () => {
    const { props, user } = setup();
    expect(yearBox().placeholder).toBe('2021');
    await user.type(yearBox(), '20x5{Enter}');
    expect(screen.getByText(/预算年度“20x5”不是有效年份/)).toBeInTheDocument();
    expect(props.onChange).not.toHaveBeenCalled();
    await user.clear(yearBox());
    await user.type(yearBox(), '2025{Enter}');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, year: 2025 });
  });

  test('satisfaction floor is committed on blur and bounded to 0–100', async () => {
    const { props, user } = setup();
    await user.type(floorBox(), '120');
    await user.tab(); // leaves the field
    expect(floorBox()).not.toHaveFocus();
    expect(props.onChange).not.toHaveBeenCalled();
    expect(screen.getByText(/满意度下限“120”无效/)).toBeInTheDocument();
    await user.clear(floorBox());
    await user.type(floorBox(), '85');
    expect(props.onChange).not.toHaveBeenCalled(); // not before leaving the field
    await user.tab();
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, satisfactionFloor: 85 });
  });

  test('plan pacing switch', async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole('switch', { name: '检查序时进度' }));
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, planPacing: true });
  });

  test('marks switch: on unless turned off', async () => {
    const { props, user } = setup();
    const marks = screen.getByRole('switch', { name: '在单元格上标记问题' });
    expect(marks).toBeChecked();
    await user.click(marks);
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, marks: false });
  });

  test('parseBounded', () => {
    expect(parseBounded('', 0, 100)).toBeUndefined();
    expect(parseBounded('85.5', 0, 100)).toBe(85.5);
    expect(parseBounded('85.5', 0, 100, true)).toBeNull();
    expect(parseBounded('abc', 0, 100)).toBeNull();
    expect(parseBounded('101', 0, 100)).toBeNull();
  });
});
