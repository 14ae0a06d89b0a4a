/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { TemplatesTab, orderTypes } from '../../src/taskpane/components/TemplatesTab';
import type { TemplatesTabProps } from '../../src/taskpane/components/TemplatesTab';
import { createCatalog, validateHeader } from '../../src/taskpane/catalog';
import { inFluent, byRole, allByRole, byText, allByText, click, type, flush } from './helpers';

const catalog = createCatalog();

function setup(over: Partial<TemplatesTabProps> = {}) {
  const props: TemplatesTabProps = {
    catalog,
    profileId: 'hebei-project',
    recent: [],
    onProfileChange: jest.fn(),
    onInsert: jest.fn(async () => ({ ok: true as const, sheet: 'Sheet1', range: 'A1:G20' })),
    ...over,
  };
  inFluent(<TemplatesTab {...props} />);
  return props;
}

const input = (name: string) => document.querySelector(`input[name="${name}"]`) as HTMLInputElement;

describe('TemplatesTab', () => {
  test('the gallery lists the library’s types; searching narrows it', () => {
    setup();
    const all = allByRole('radio').length;
    expect(all).toBe(catalog.searchTypes('', 'hebei-project').length);
    type(byRole('textbox', '搜索项目类型'), '保洁');
    const hits = allByRole('radio');
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(all);
    expect(hits.map((h) => h.closest('label, span')?.textContent ?? accessibleLabel(h)).join()).toMatch(/保洁/);
  });

  test('a search with no hit says so', () => {
    setup();
    type(byRole('textbox', '搜索项目类型'), 'zzzz无此类型zzzz');
    expect(allByRole('radio')).toHaveLength(0);
    expect(byText(/没有匹配的项目类型/)).toBeInTheDocument();
  });

  test('recently used types come first and are tagged', () => {
    const types = catalog.searchTypes('', 'hebei-project');
    const last = types[types.length - 1];
    expect(orderTypes(types, [last.id], '')[0].id).toBe(last.id);
    expect(orderTypes(types, [], '')[0].id).toBe(types[0].id);
    setup({ recent: [last.id] });
    const first = allByRole('radio')[0] as HTMLInputElement;
    expect(first.value).toBe(last.id);
    expect(allByText('最近使用')).toHaveLength(1);
  });

  test('the header is validated as one types, with a Chinese message naming the field', () => {
    setup();
    type(input('budget'), '二十万');
    expect(byText(/预算数“二十万”不是数字/)).toBeInTheDocument();
    type(input('budget'), '20');
    expect(allByText(/不是数字/)).toHaveLength(0);
    type(input('code'), '123');
    expect(byText(/项目编码“123”格式不对/)).toBeInTheDocument();
  });

  test('insert passes the parsed header (funding completed) and shows where it went', async () => {
    const props = setup();
    click(allByRole('radio')[0]);
    type(input('name'), '村办公经费');
    type(input('budget'), '73.18');
    type(input('year'), '2025');
    click(byRole('button', '插入模板'));
    await flush();
    const typeId = (allByRole('radio')[0] as HTMLInputElement).value;
    expect(props.onInsert).toHaveBeenCalledWith(
      'hebei-project',
      typeId,
      expect.objectContaining({ name: '村办公经费', budget: 73.18, fiscal: 73.18, other: 0, year: 2025 }),
    );
    expect(byText(/已在“Sheet1”的 A1:G20 插入模板/)).toBeInTheDocument();
  });

  test('insert is refused without a type or with an invalid header', async () => {
    const props = setup();
    click(byRole('button', '插入模板'));
    await flush();
    expect(byText('请先选择项目类型')).toBeInTheDocument();
    click(allByRole('radio')[0]);
    type(input('budget'), '-5');
    click(byRole('button', '插入模板'));
    await flush();
    expect(byText('请先改正表头中标红的内容')).toBeInTheDocument();
    expect(props.onInsert).not.toHaveBeenCalled();
  });

  test('a target area that is not free is reported clearly', async () => {
    setup({ onInsert: async () => ({ ok: false, message: '目标区域 A1:G20 不是空白（A3 有内容），请先选择一个空白位置' }) });
    click(allByRole('radio')[0]);
    click(byRole('button', '插入模板'));
    await flush();
    expect(byText(/目标区域 A1:G20 不是空白/)).toBeInTheDocument();
  });

  test('the disclosure list has no 项目编码 field', () => {
    setup({ profileId: 'disclosure-list' });
    expect(input('code')).toBeNull();
    expect(input('name')).not.toBeNull();
  });
});

describe('validateHeader', () => {
  test('maps schema issues to fields', () => {
    const bad = validateHeader({ name: '', code: '', budget: '10', fiscal: '8', other: '1', year: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.budget).toMatch(/预算数（10）应等于财政资金（8）\+ 其他资金（1）/);
    const good = validateHeader({ name: 'x', code: '', budget: '10', fiscal: '8', other: '2', year: '2025' });
    expect(good.ok).toBe(true);
  });
});

function accessibleLabel(el: Element): string {
  return el.parentElement?.textContent ?? '';
}
