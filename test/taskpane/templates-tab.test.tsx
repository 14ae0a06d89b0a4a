/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { TemplatesTab, orderTypes } from '../../src/taskpane/components/TemplatesTab';
import type { TemplatesTabProps } from '../../src/taskpane/components/TemplatesTab';
import { createCatalog, validateHeader } from '../../src/taskpane/catalog';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInFluent } from './helpers';

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
  renderInFluent(<TemplatesTab {...props} />);
  return { props, user: userEvent.setup() };
}

/** a header field's text box, by its visible label */
const field = (label: string) => screen.getByRole('textbox', { name: label }) as HTMLInputElement;
const radios = () => screen.queryAllByRole('radio') as HTMLInputElement[];
const search = () => screen.getByRole('searchbox', { name: '搜索项目类型' });

describe('TemplatesTab', () => {
  test('the gallery lists the library’s types; searching narrows it', async () => {
    const { user } = setup();
    const all = radios().length;
    expect(all).toBe(catalog.searchTypes('', 'hebei-project').length);
    await user.type(search(), '保洁');
    const hits = radios();
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThan(all);
    expect(screen.getAllByRole('radio', { name: /保洁/ }).length).toBeGreaterThan(0);
  });

  test('a search with no hit says so', async () => {
    const { user } = setup();
    await user.type(search(), 'zzzz无此类型zzzz');
    expect(radios()).toHaveLength(0);
    expect(screen.getByText(/没有匹配的项目类型/)).toBeInTheDocument();
  });

  test('recently used types come first and are tagged', () => {
    const types = catalog.searchTypes('', 'hebei-project');
    const last = types[types.length - 1];
    expect(orderTypes(types, [last.id], '')[0].id).toBe(last.id);
    expect(orderTypes(types, [], '')[0].id).toBe(types[0].id);
    setup({ recent: [last.id] });
    const first = radios()[0];
    expect(first.value).toBe(last.id);
    expect(first).toHaveAccessibleName(new RegExp(`^${last.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    expect(screen.getAllByText('最近使用')).toHaveLength(1);
  });

  test('the header is validated as one types, with a Chinese message naming the field', async () => {
    const { user } = setup();
    await user.type(field('预算数（万元）'), '二十万');
    expect(screen.getByText(/预算数“二十万”不是数字/)).toBeInTheDocument();
    await user.clear(field('预算数（万元）'));
    await user.type(field('预算数（万元）'), '20');
    expect(screen.queryAllByText(/不是数字/)).toHaveLength(0);
    await user.type(field('项目编码'), '123');
    expect(screen.getByText(/项目编码“123”格式不对/)).toBeInTheDocument();
  });

  test('every error of the form shows at once: a bad 项目编码 does not hide that the amounts do not add up', async () => {
    const { user } = setup();
    await user.type(field('项目编码'), '123');
    await user.type(field('预算数（万元）'), '20');
    await user.type(field('财政资金（万元）'), '15');
    await user.type(field('其他资金（万元）'), '0');
    expect(screen.getByText(/项目编码“123”格式不对/)).toBeInTheDocument();
    expect(screen.getByText(/预算数（20）应等于财政资金（15）\+ 其他资金（0）/)).toBeInTheDocument();
  });

  test('insert passes the parsed header (funding completed) and shows where it went', async () => {
    const { props, user } = setup();
    await user.click(radios()[0]);
    await user.type(field('项目名称'), '村办公经费');
    await user.type(field('预算数（万元）'), '73.18');
    await user.type(field('预算年度'), '2025');
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText(/已在“Sheet1”的 A1:G20 插入模板/)).toBeInTheDocument();
    const typeId = radios()[0].value;
    expect(props.onInsert).toHaveBeenCalledWith(
      'hebei-project',
      typeId,
      expect.objectContaining({ name: '村办公经费', budget: 73.18, fiscal: 73.18, other: 0, year: 2025 }),
    );
  });

  test('insert is refused without a type or with an invalid header', async () => {
    const { props, user } = setup();
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText('请先选择项目类型')).toBeInTheDocument();
    await user.click(radios()[0]);
    await user.type(field('预算数（万元）'), '-5');
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText('请先改正表头中标红的内容')).toBeInTheDocument();
    expect(props.onInsert).not.toHaveBeenCalled();
  });

  test('a target area that is not free is reported clearly', async () => {
    const { user } = setup({ onInsert: async () => ({ ok: false, message: '目标区域 A1:G20 不是空白（A3 有内容），请先选择一个空白位置' }) });
    await user.click(radios()[0]);
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText(/目标区域 A1:G20 不是空白/)).toBeInTheDocument();
  });

  test('the disclosure list has no 项目编码 field', () => {
    setup({ profileId: 'disclosure-list' });
    expect(screen.queryByRole('textbox', { name: '项目编码' })).toBeNull();
    expect(field('项目名称')).toBeInTheDocument();
  });

  test('the 一体化 申报表 asks for its own fields, in 元: 资金总额, 财政拨款, 上级补助, 本级安排, 其他资金 — no 项目编码', async () => {
    const { props, user } = setup({ profileId: 'hebei-yth-annual' });
    expect(screen.queryByRole('textbox', { name: '项目编码' })).toBeNull();
    for (const label of ['资金总额（元）', '财政拨款（元）', '上级补助（元）', '本级安排（元）', '其他资金（元）']) expect(field(label)).toBeInTheDocument();
    await user.click(radios()[0]);
    await user.type(field('项目名称'), '2025年村级办公经费');
    await user.type(field('资金总额（元）'), '295000');
    await user.type(field('上级补助（元）'), '200000');
    await user.click(screen.getByRole('button', { name: '插入模板' }));
    expect(await screen.findByText(/已在“Sheet1”的 A1:G20 插入模板/)).toBeInTheDocument();
    expect(props.onInsert).toHaveBeenCalledWith(
      'hebei-yth-annual',
      radios()[0].value,
      expect.objectContaining({ budget: 295000, fiscal: 295000, fiscalUpper: 200000, fiscalLocal: 95000, other: 0 }),
    );
  });

  test('the 一体化 信息表 has no amounts: 项目名称, 项目编码 and the year', () => {
    setup({ profileId: 'hebei-yth-info' });
    expect(screen.getAllByRole('textbox').map((x) => x.getAttribute('name'))).toEqual(['name', 'code', 'year']);
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
