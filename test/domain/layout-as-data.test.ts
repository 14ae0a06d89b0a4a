/**
 * A layout is data (docs/domain.md §2): a made-up province's table — its own labels, its own field names
 * and totals, money in 元, its indicator columns in its own order (三级 first), a plan of two
 * checkpoints, a rule switch — registered as a Profile object only, is recognised, checked and
 * rendered by the same code; and no code in src/ asks for a profile by its id.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseA1, toA1 } from '../../src/domain/address';
import { checkBlocks } from '../../src/domain/engine';
import type { CellValue } from '../../src/domain/model';
import type { Profile } from '../../src/domain/profile';
import { profiles, registerProfile } from '../../src/domain/profiles';
import { findType, parseHeader } from '../../src/domain/templates';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock, workbookToGridSheet, type RenderedWorkbook } from '../../src/sheet/render';
import { listRules } from '../../src/cli/rules';
import { runTemplate } from '../../src/cli/template';
import { createCatalog } from '../../src/taskpane/catalog';
import { TemplatesTab } from '../../src/taskpane/components/TemplatesTab';
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { SheetBuilder, writeBlock } from '../sheet/grid-builder';

const MADE_UP: Profile = {
  id: 'test-made-up',
  name: '某省项目绩效目标表（测试格式）',
  layout: 'block',
  level1: [
    { name: '产出指标', level2: [{ name: '数量指标' }, { name: '质量指标' }], required: true, requireEveryLevel2: true },
    { name: '效益指标', level2: [{ name: '社会效益指标' }], required: true, requireEveryLevel2: false },
  ],
  aliases: { level1: {}, level2: {} },
  checkpointSets: [['上半年', '全年']],
  checkpointMonths: { 上半年: 6, 全年: 12 },
  satisfactionFloor: 85,
  planPacingShare: 1,
  moneyUnit: '元',
  fields: [
    { key: 'name', caption: '项目全称', labels: ['项目全称'], required: '项目的全称' },
    { key: 'budget', caption: '总金额', labels: ['总金额'], money: true, required: '项目的总金额' },
    { key: 'fiscal', caption: '财政性资金', labels: ['财政性资金'], money: true },
    { key: 'other', caption: '自筹资金', labels: ['自筹资金'], money: true },
    { key: 'goal', caption: '实施目标', labels: ['实施目标'], required: '项目的实施目标' },
  ],
  totals: [{ total: 'budget', parts: ['fiscal', 'other'] }],
  plan: { labels: ['用款进度'] },
  indicatorColumns: [
    { role: 'level3', labels: ['考核内容'] },
    { role: 'level1', labels: ['指标大类'] },
    { role: 'level2', labels: ['指标小类'] },
    { role: 'value', labels: ['预期目标'], span: 2 },
    { role: 'basis', labels: ['目标依据'] },
  ],
  template: {
    widths: [20, 12, 14, 10, 10, 16],
    title: '{{prefix}}{{name}}项目绩效目标表',
    rows: [
      [{ label: 'name' }, { value: 'name', cols: 5 }],
      [{ label: 'budget' }, { value: 'budget' }, { label: 'fiscal' }, { value: 'fiscal' }, { label: 'other' }, { value: 'other' }],
      [{ label: 'plan', rows: 2 }, { plan: 'checkpoints', cols: 5 }],
      [{ plan: 'values', cols: 5 }],
      [{ label: 'goal' }, { value: 'goal', cols: 5, lines: 2 }],
    ],
  },
  rules: { 'indicator/missing-basis': 'off', 'plan/behind-schedule': 'off' },
};

function put(sheet: GridSheet, a1: string, value: CellValue, format?: string): void {
  const { row, col } = parseA1(a1);
  while (sheet.values.length <= row) sheet.values.push([]);
  sheet.values[row][col] = value;
  if (format) ((sheet.formats ??= [])[row] ??= [])[col] = format;
}

describe('a made-up layout, registered purely as data', () => {
  beforeAll(() => {
    registerProfile(MADE_UP);
  });

  const header = (() => {
    const h = parseHeader({ name: '某村道路维护', budget: 100, fiscal: 60, other: 40, year: 2025 });
    if (!h.ok) throw new Error(h.errors.join());
    return h.header;
  })();
  const generic = findType('generic');

  it('is rendered from its data: its labels, its column order, its plan and its money unit', () => {
    if (!generic) throw new Error('no generic type');
    const plan = renderBlock('test-made-up', generic, header, { row: 0, col: 0 });
    const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
    const text = (a1: string) => {
      const { row, col } = parseA1(a1);
      return sheet.values[row]?.[col];
    };
    expect(text('A1')).toBe('某村道路维护项目绩效目标表');
    expect(['A2', 'A3', 'C3', 'E3', 'A4', 'A6'].map(text)).toEqual(['项目全称', '总金额', '财政性资金', '自筹资金', '用款进度', '实施目标']);
    expect(['B4', 'C4'].map(text)).toEqual(['上半年', '全年']);
    expect(['A7', 'B7', 'C7', 'D7', 'F7'].map(text)).toEqual(['考核内容', '指标大类', '指标小类', '预期目标', '目标依据']);
    expect(plan.range).toEqual({ top: 0, left: 0, bottom: 9, right: 5 }); // 产出: 数量, 质量; 效益: 社会
    expect(plan.merges.map((m) => toA1(m.top, m.left))).toContain('D8'); // the value spans D:E
    expect(plan.prompts?.find((p) => p.title === '总金额')).toBeUndefined(); // no prompt in its data: none invented
  });

  it('is recognised with its own profile and read through its own labels, blank template and all', () => {
    if (!generic) throw new Error('no generic type');
    const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, renderBlock('test-made-up', generic, header, { row: 3, col: 1 }));
    const rec = recognize({ sheets: [sheet] });
    expect(rec.blocks).toHaveLength(1);
    const b = rec.blocks[0];
    expect(b.profile).toBe('test-made-up');
    expect(b.moneyUnit).toBe('元');
    expect(b.name).toMatchObject({ cell: 'C5', text: '某村道路维护' });
    expect(b.budget).toMatchObject({ cell: 'C6', value: 100 });
    expect(b.other).toMatchObject({ cell: 'G6', value: 40 });
    expect(b.plan?.checkpoints.map((c) => c.text)).toEqual(['上半年', '全年']);
    expect(b.indicators.map((r) => [r.level1.text, r.level2.text, r.level3.cell, r.value.cell])).toEqual([
      ['产出指标', '数量指标', 'B11', 'E11'],
      ['产出指标', '质量指标', 'B12', 'E12'],
      ['效益指标', '社会效益指标', 'B13', 'E13'],
    ]);
  });

  it('is checked with its own captions, totals, plan and rule switches', () => {
    if (!generic) throw new Error('no generic type');
    const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, renderBlock('test-made-up', generic, header, { row: 0, col: 0 }));
    put(sheet, 'F3', 30); // 自筹资金 30: 60 + 30 ≠ 100
    put(sheet, 'B5', 0.5, '0%');
    put(sheet, 'C5', 0.8, '0%');
    [
      ['A8', '维护道路长度', 'D8', '≥12公里'],
      ['A9', '道路完好率', 'D9', '≥95%'],
      ['A10', '群众出行条件', 'D10', '改善'],
    ].forEach(([n, name, v, value]) => {
      put(sheet, n, name);
      put(sheet, v, value);
    });
    const rec = recognize({ sheets: [sheet] }, { year: 2025 });
    const diags = checkBlocks(rec.blocks, { year: 2025 });
    expect(diags.map((d) => `${d.ruleId}@${d.cell} ${d.message}`)).toEqual([
      'total/funding-mismatch@B3 总金额100不等于财政性资金60与自筹资金30之和90（相差10元）：应满足 总金额 = 财政性资金 + 自筹资金',
      'plan/final-not-100@C5 资金支出计划最后一期“全年”为80%：年底累计支出应为100%',
      'table/missing-field@B6 实施目标为空：应填写项目的实施目标',
    ]);
    // the basis column is left blank: the format switched indicator/missing-basis off
  });

  it('its labels do not take the shipped tables: a hebei block is still a hebei block', () => {
    const b = new SheetBuilder();
    writeBlock(b);
    expect(recognize({ sheets: [b.build()] }).blocks[0].profile).toBe('hebei-project');
  });

  it('jxmb rules lists it beside the shipped formats', () => {
    const rows = listRules();
    expect(rows.find((r) => r.id === 'indicator/missing-basis')?.severity['test-made-up']).toBe('off');
    expect(rows.find((r) => r.id === 'total/funding-mismatch')?.severity['test-made-up']).toBe('error');
    expect(profiles.map((p) => p.id)).toContain('test-made-up');
  });
});

/**
 * A made-up province with a money field no shipped format has (专项债券资金) in a three-part total:
 * the header, its captions and its sums come from the profile, so the renderer, the recogniser, the
 * totals rule, the pane's form and `jxmb template --field` take it with no code.
 */
const EXTRA_MONEY: Profile = {
  ...MADE_UP,
  id: 'test-extra-money',
  name: '某省政府投资项目绩效目标表（测试格式）',
  fields: [
    { key: 'name', caption: '工程名称', labels: ['工程名称'], required: '工程的名称' },
    { key: 'budget', caption: '投资总额', labels: ['投资总额'], money: true, required: '工程的投资总额' },
    { key: 'fiscal', caption: '政府投资', labels: ['政府投资'], money: true },
    { key: 'bonds', caption: '专项债券资金', labels: ['专项债券资金'], money: true, prompt: '单位：{{unit}}；没有填0' },
    { key: 'other', caption: '社会资本', labels: ['社会资本'], money: true },
    { key: 'goal', caption: '建设目标', labels: ['建设目标'], required: '工程的建设目标' },
  ],
  totals: [{ total: 'budget', parts: ['fiscal', 'bonds', 'other'] }],
  indicatorColumns: [
    { role: 'level1', labels: ['指标大类'] },
    { role: 'level2', labels: ['指标小类'] },
    { role: 'level3', labels: ['考核内容'] },
    { role: 'description', labels: ['考核说明'], span: 2 },
    { role: 'value', labels: ['预期目标'], span: 2 },
    { role: 'basis', labels: ['目标依据'] },
  ],
  template: {
    widths: [16, 12, 12, 12, 12, 12, 12, 12],
    title: '{{prefix}}{{name}}投资项目绩效目标表',
    rows: [
      [{ label: 'name' }, { value: 'name', cols: 7 }],
      [
        { label: 'budget' },
        { value: 'budget' },
        { label: 'fiscal' },
        { value: 'fiscal' },
        { label: 'bonds' },
        { value: 'bonds' },
        { label: 'other' },
        { value: 'other' },
      ],
      [{ label: 'plan', rows: 2 }, { plan: 'checkpoints', cols: 7 }],
      [{ plan: 'values', cols: 7 }],
      [{ label: 'goal' }, { value: 'goal', cols: 7, lines: 2 }],
    ],
  },
};

describe('a made-up province with an extra money field, as data only', () => {
  beforeAll(() => {
    registerProfile(EXTRA_MONEY);
  });
  const profile = () => profiles.find((p) => p.id === 'test-extra-money') as Profile;
  const generic = () => {
    const t = findType('generic');
    if (!t) throw new Error('no generic type');
    return t;
  };
  const cellOf = (sheet: GridSheet, a1: string) => {
    const { row, col } = parseA1(a1);
    return sheet.values[row]?.[col];
  };

  it('its header takes the field by its caption and completes the three-part total from the profile', () => {
    const h = parseHeader({ name: '某县供水管网改造', budget: '100', fiscal: '50', bonds: '30' }, profile());
    expect(h).toMatchObject({ ok: true, header: { budget: 100, fiscal: 50, bonds: 30, other: 20 } });
    const bad = parseHeader({ budget: 100, fiscal: 50, bonds: 30, other: 30 }, profile());
    expect(bad).toEqual({ ok: false, errors: ['投资总额（100）应等于政府投资（50）+ 专项债券资金（30）+ 社会资本（30）= 110'] });
    const word = parseHeader({ bonds: '三十' }, profile());
    expect(word.ok ? [] : word.errors[0]).toMatch(/^专项债券资金“三十”不是数字/);
  });

  it('is rendered, recognised and checked: the totals rule sees the extra field', () => {
    const h = parseHeader({ name: '某县供水管网改造', budget: 100, fiscal: 50, bonds: 30 }, profile());
    if (!h.ok) throw new Error(h.errors.join());
    const plan = renderBlock('test-extra-money', generic(), h.header, { row: 0, col: 0 });
    const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
    expect(['A3', 'B3', 'C3', 'D3', 'E3', 'F3', 'G3', 'H3'].map((a) => cellOf(sheet, a))).toEqual(['投资总额', 100, '政府投资', 50, '专项债券资金', 30, '社会资本', 20]);
    expect(plan.prompts?.find((p) => p.title === '专项债券资金')?.message).toBe('单位：元；没有填0');
    const rec = recognize({ sheets: [sheet] });
    expect(rec.blocks).toHaveLength(1);
    const b = rec.blocks[0];
    expect(b.profile).toBe('test-extra-money');
    expect(b.extra?.bonds).toMatchObject({ cell: 'F3', value: 30 });
    expect(checkBlocks(rec.blocks, { year: 2025 }).filter((d) => d.ruleId === 'total/funding-mismatch')).toEqual([]);
    put(sheet, 'F3', 40);
    const diags = checkBlocks(recognize({ sheets: [sheet] }).blocks, { year: 2025 }).filter((d) => d.ruleId === 'total/funding-mismatch');
    expect(diags.map((d) => `${d.cell} ${d.message}`)).toEqual([
      'B3 投资总额100不等于政府投资50、专项债券资金40与社会资本20之和110（相差10元）：应满足 投资总额 = 政府投资 + 专项债券资金 + 社会资本',
    ]);
  });

  it('the pane’s form asks for it, named as the profile names it, in the profile’s money unit', () => {
    const catalog = createCatalog();
    expect(catalog.headerFields('test-extra-money')).toEqual(['name', 'budget', 'fiscal', 'bonds', 'other', 'year']);
    expect(catalog.headerLabels('test-extra-money').bonds).toBe('专项债券资金（元）');
    const html = renderToStaticMarkup(
      React.createElement(
        FluentProvider,
        { theme: webLightTheme },
        React.createElement(TemplatesTab, { catalog, profileId: 'test-extra-money', recent: [], onProfileChange: () => undefined, onInsert: async () => ({ ok: true as const, sheet: 'S', range: 'A1' }) }),
      ),
    );
    expect(html).toContain('专项债券资金（元）');
    expect(html).toMatch(/<input[^>]*name="bonds"/);
    const v = catalog.validateHeader({ name: 'x', budget: '100', fiscal: '50', bonds: '60', year: '2025' }, 'test-extra-money');
    expect(v.ok ? {} : v.errors).toEqual({ fiscal: '政府投资、专项债券资金（110）不能大于投资总额（100）' });
  });

  it('jxmb template --field fills it by its name; an unknown name is refused in Chinese', async () => {
    let written: GridSheet | undefined;
    const err: string[] = [];
    const io = {
      out: () => undefined,
      err: (t: string) => err.push(t),
      write: async (wb: RenderedWorkbook | RenderedWorkbook[]) => {
        written = workbookToGridSheet(Array.isArray(wb) ? wb[0] : wb);
      },
    };
    const code = await runTemplate(
      { profile: 'test-extra-money', output: 'x.xlsx', field: ['工程名称=某县供水管网改造', '投资总额=100', '专项债券资金=30', '政府投资（元）=50'] },
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    const blocks = recognize({ sheets: [written as GridSheet] }).blocks;
    expect(blocks).toHaveLength(1);
    expect(blocks[0].extra?.bonds?.value).toBe(30);
    expect(blocks[0].other?.value).toBe(20);
    expect(await runTemplate({ profile: 'test-extra-money', output: 'x.xlsx', field: ['地方债=5'] }, io)).toBe(2);
    expect(err.pop()).toBe('“某省政府投资项目绩效目标表（测试格式）”的表头没有“地方债”，可填写：工程名称、投资总额、政府投资、专项债券资金、社会资本、预算年度');
  });
});

describe('no code branches on a profile id', () => {
  const root = path.resolve(__dirname, '../../src');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name)) files.push(p);
    }
  };
  walk(root);

  it('profile ids appear only in the data that declares the formats (profiles, the template library’s type list)', () => {
    const ids = ['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info', 'sichuan-yth-annual'];
    const uses: string[] = [];
    for (const f of files) {
      const code = fs
        .readFileSync(f, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/(^|[^:])\/\/.*$/gm, '$1');
      for (const id of ids) if (code.includes(`'${id}'`) || code.includes(`"${id}"`)) uses.push(`${path.relative(root, f)}: ${id}`);
    }
    const allowed = /^(domain\/profiles\.ts|domain\/templates\/library\.ts): /;
    expect(uses.filter((u) => !allowed.test(u))).toEqual([]);
    expect(files.length).toBeGreaterThan(50);
  });
});
