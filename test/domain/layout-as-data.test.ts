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
import { applyPlanToGrid, renderBlock } from '../../src/sheet/render';
import { listRules } from '../../src/cli/rules';
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
    const ids = ['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info'];
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
