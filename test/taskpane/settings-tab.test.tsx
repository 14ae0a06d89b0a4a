/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { SettingsTab, parseBounded } from '../../src/taskpane/components/SettingsTab';
import type { SettingsTabProps } from '../../src/taskpane/components/SettingsTab';
import type { PaneCatalog, PaneSettings } from '../../src/taskpane/host';
import { createCatalog } from '../../src/taskpane/catalog';
import { inFluent, byText, allByText, click, type, key, blur, selectOption, byRole } from './helpers';

const catalog: PaneCatalog = createCatalog();
const base: PaneSettings = { profileId: 'hebei-project', planPacing: false, rules: {} };

function setup(over: Partial<SettingsTabProps> = {}) {
  const props: SettingsTabProps = { catalog, settings: base, onChange: jest.fn(), detectedYear: 2021, defaultFloor: 80, ...over };
  inFluent(<SettingsTab {...props} />);
  return props;
}
const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement;

describe('SettingsTab', () => {
  test('lists every rule with its description and a severity choice', () => {
    setup();
    expect(catalog.rules.length).toBeGreaterThan(3);
    for (const r of catalog.rules) {
      expect(document.querySelector(`select[data-rule="${r.id}"]`)).not.toBeNull();
      expect(allByText(r.id).length).toBeGreaterThan(0);
    }
  });

  test('changing a rule severity saves it; back to default removes it', () => {
    const props = setup();
    const rule = catalog.rules[0];
    const select = document.querySelector(`select[data-rule="${rule.id}"]`) as HTMLSelectElement;
    selectOption(select, 'off');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, rules: { [rule.id]: 'off' } });
  });

  test('default option removes the override', () => {
    const rule = catalog.rules[0];
    const props = setup({ settings: { ...base, rules: { [rule.id]: 'info' } } });
    selectOption(document.querySelector(`select[data-rule="${rule.id}"]`) as HTMLSelectElement, 'default');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, rules: {} });
  });

  test('budget year is committed on Enter; an invalid year is explained and not saved', () => {
    const props = setup();
    expect(input('year').placeholder).toBe('2021');
    type(input('year'), '20x5');
    key(input('year'), 'Enter');
    expect(byText(/预算年度“20x5”不是有效年份/)).toBeInTheDocument();
    expect(props.onChange).not.toHaveBeenCalled();
    type(input('year'), '2025');
    key(input('year'), 'Enter');
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, year: 2025 });
  });

  test('satisfaction floor is committed on blur and bounded to 0–100', () => {
    const props = setup();
    type(input('satisfactionFloor'), '120');
    blur(input('satisfactionFloor'));
    expect(props.onChange).not.toHaveBeenCalled();
    expect(byText(/满意度下限“120”无效/)).toBeInTheDocument();
    type(input('satisfactionFloor'), '85');
    blur(input('satisfactionFloor'));
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, satisfactionFloor: 85 });
  });

  test('plan pacing switch', () => {
    const props = setup();
    click(byRole('switch', '检查序时进度'));
    expect(props.onChange).toHaveBeenLastCalledWith({ ...base, planPacing: true });
  });

  test('parseBounded', () => {
    expect(parseBounded('', 0, 100)).toBeUndefined();
    expect(parseBounded('85.5', 0, 100)).toBe(85.5);
    expect(parseBounded('85.5', 0, 100, true)).toBeNull();
    expect(parseBounded('abc', 0, 100)).toBeNull();
    expect(parseBounded('101', 0, 100)).toBeNull();
  });
});
