/**
 * Templates of the one-row-per-indicator layout (docs/domain.md §2.8, `sichuan-yth-annual`), for every
 * project type that fits it: rendered, applied to a grid, recognised back as one project per type
 * with weights that total what the profile accepts and directions that match the operators; blank,
 * only the rules asking for the blanks fire; filled, nothing fires. And `jxmb template` writes it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toA1 } from '../../src/domain/address';
import { checkBlocks } from '../../src/domain/engine';
import { getProfile } from '../../src/domain/profiles';
import { readWeight } from '../../src/domain/rules/indicator/weights-total';
import { directionOf } from '../../src/domain/rules/value/direction-mismatch';
import { splitOperator } from '../../src/domain/split-value';
import { indicatorsForProfile, parseHeader, projectTypes, type ProjectType, type TemplateHeader } from '../../src/domain/templates';
import { parseValue } from '../../src/domain/value';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock, renderWorkbook, workbookToGridSheet } from '../../src/sheet/render';
import { readSourceFile } from '../../src/files/read';
import { run, tmpDir } from '../cli/helpers';

const ID = 'sichuan-yth-annual';
const profile = getProfile(ID);
const types = projectTypes.filter((t) => t.profiles.includes(ID));

function header(type: ProjectType, i = 0): TemplateHeader {
  const r = parseHeader({ name: `${type.name.replace('/', '')}项目${i || ''}`, budget: '205000', year: 2025, unitName: '井研县马踏镇人民政府', unitCode: '820001' });
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

const check = (sheet: GridSheet) => {
  const rec = recognize({ sheets: [sheet] });
  return { rec, diags: checkBlocks(rec.blocks, { year: rec.year }) };
};

/** the clerk fills the blanks: the goal, the values, the empty rows of the generic type */
function fill(sheet: GridSheet, fields: Record<string, { row: number; col: number }>, type: ProjectType): void {
  const put = (row: number, col: number, v: string | number) => {
    while (sheet.values.length <= row) sheet.values.push([]);
    sheet.values[row][col] = v;
  };
  const col = (k: string) => fields[`column:${k}`].col;
  put(fields.goal.row, fields.goal.col, `按时足额支付${type.name}资金，保障各项工作正常开展`);
  const SKELETON: Record<string, [string, string, number | string, string]> = {
    数量指标: ['完成工作任务数', '≥', 12, '项'],
    质量指标: ['工作任务完成合格率', '≥', 95, '%'],
    时效指标: ['工作任务完成及时率', '≥', 95, '%'],
    成本指标: ['项目总成本', '≤', 20.5, '万元'],
    社会效益指标: ['对社会稳定的影响', '定性', '保持稳定', ''],
    可持续影响指标: ['工作机制健全性', '定性', '健全', ''],
    服务对象满意度指标: ['服务对象满意度', '≥', 90, '%'],
  };
  indicatorsForProfile(type, profile).forEach((r, k) => {
    const row = fields.indicators.row + k;
    if (!r.indicator) {
      const [name, op, v, unit] = SKELETON[r.level2];
      put(row, col('level3'), name);
      put(row, col('operator'), op);
      put(row, col('number'), v);
      if (unit) put(row, col('unit'), unit);
      put(row, col('direction'), op === '≤' ? '反向指标' : '正向指标');
      return;
    }
    if (r.indicator.value !== undefined) return;
    const ind = r.indicator;
    if (ind.valueKind === 'qualitative' || ind.valueKind === 'date') put(row, col('number'), /如：(.+)$/.exec(ind.hint ?? '')?.[1]?.split('、')[0] ?? '提升');
    else if (ind.valueKind === 'money') put(row, col('number'), ind.unit === '万元' ? 20.5 : 500);
    else if (ind.valueKind === 'percent') put(row, col('number'), 95);
    else put(row, col('number'), ind.operator === '≤' ? 0 : 12);
  });
}

describe.each(types.map((t) => [t.id, t] as const))('%s', (_, type) => {
  test('recognised back as one project: its fields, its rows, weights totalling an accepted figure, directions matching the operators', () => {
    const h = header(type);
    const plan = renderBlock(ID, type, h, { row: 1, col: 1 });
    const { rec } = check(applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan));
    expect(rec.blocks).toHaveLength(1);
    const b = rec.blocks[0];
    expect(b.profile).toBe(ID);
    expect(b.name?.text).toBe(h.name);
    expect(b.budget?.value).toBe(205000);
    expect(b.unitName?.text).toBe('820001-井研县马踏镇人民政府');
    expect(rec.year).toBe(2025);
    const rows = indicatorsForProfile(type, profile);
    expect(b.indicators.map((i) => [i.level1.text, i.level2.text, i.level3.text])).toEqual(rows.map((r) => [r.level1, r.level2, r.indicator?.level3 ?? '']));
    const total = b.indicators.reduce((s, i) => s + (i.weight ? (readWeight(i.weight) ?? NaN) : NaN), 0);
    expect(profile.weightTotals).toContain(total);
    for (const i of b.indicators) {
      const op = i.split ? splitOperator(i.split.operator.text) : undefined;
      const dir = directionOf(i.direction?.text ?? '');
      if (op === '≤' || op === '<') expect(dir).toBe('negative');
      else if (op !== undefined) expect(dir).toBe('positive');
      else expect(i.direction?.text).toBe('');
    }
  });

  test('blank: only the rules asking for the blanks fire; filled: clean', () => {
    const h = header(type);
    const plan = renderBlock(ID, type, h, { row: 0, col: 0 });
    const sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
    const blank = check(sheet).diags;
    const allowed = new Set(['table/missing-field', 'indicator/missing-value', 'indicator/empty-level2', 'indicator/missing-level1']);
    expect(blank.filter((d) => !allowed.has(d.ruleId)).map((d) => `${d.ruleId}@${d.cell} ${d.message}`)).toEqual([]);
    expect(blank.filter((d) => d.ruleId === 'table/missing-field').map((d) => d.cell)).toEqual([toA1(plan.fields?.goal.row ?? 0, plan.fields?.goal.col ?? 0)]);
    fill(sheet, plan.fields ?? {}, type);
    expect(check(sheet).diags.map((d) => `${d.ruleId}@${d.cell} ${d.message}`)).toEqual([]);
  });
});

test('a workbook of several types: one table, one title with the year, a project per type', () => {
  const items = types.slice(0, 3).map((type, i) => ({ type, header: header(type, i + 1) }));
  const wb = renderWorkbook(ID, items);
  const sheet = workbookToGridSheet(wb);
  expect(sheet.values[0][0]).toBe('部门预算项目绩效目标申报表(2025年度)');
  expect(sheet.values[1][0]).toBe('金额单位:元');
  const { rec } = check(sheet);
  expect(rec.blocks.map((b) => b.name?.text)).toEqual(items.map((it) => it.header.name));
  expect(rec.year).toBe(2025);
});

test('the template writes a value the clerk must supply as blank, never a fake number', () => {
  const type = types.find((t) => t.indicators.some((i) => i.valueKind === 'count' && i.value === undefined)) as ProjectType;
  const { rec } = check(applyPlanToGrid({ name: 'S', values: [], merges: [] }, renderBlock(ID, type, header(type))));
  const count = rec.blocks[0].indicators.find((i) => parseValue(i.split?.unit.text ?? '').kind !== 'percent' && i.split?.number.text === '');
  expect(count).toBeDefined();
});

test('jxmb template --profile sichuan-yth-annual writes an .xlsx the checker reads back', async () => {
  const dir = tmpDir();
  const out = path.join(dir, '申报表.xlsx');
  const r = await run(['template', '--profile', ID, '--type', types[1].name, '--budget', '205000', '--year', '2025', '-o', out], { cwd: dir });
  expect(r.code).toBe(0);
  expect(fs.existsSync(out)).toBe(true);
  const { grid } = await readSourceFile(out);
  const rec = recognize(grid);
  expect(rec.blocks).toHaveLength(1);
  expect(rec.blocks[0].profile).toBe(ID);
  expect(rec.year).toBe(2025);
});
