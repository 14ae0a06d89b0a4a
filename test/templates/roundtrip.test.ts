/**
 * Round trip, for every profile × type: render → apply to a grid → recognise → check.
 *
 * Blank (header filled, the rest as inserted): no structure, plan or total errors; only the rules
 * that ask for the blanks fire:
 * - block profiles: `table/missing-field` for the 资金支出计划 row and the 绩效目标 text, and
 *   `indicator/missing-value` for each 指标值 left blank (none where a standard target is written);
 *   the generic type (三级 names blank too) gets `indicator/empty-level2` per empty row and
 *   `indicator/missing-level1` instead of `missing-value`;
 * - disclosure-list: `table/missing-field` for the 绩效目标 text and `indicator/missing-value` for
 *   each indicator line still waiting for its value (written `1. 名称：`, the blank slot); the
 *   generic type gets `indicator/empty-level2` per 二级 heading and `indicator/missing-level1`.
 * Filled with plausible values: nothing fires at all.
 *
 * Every registered rule runs; an expectation about a rule applies when the rule exists.
 */
import { parseA1, toA1 } from '../../src/domain/address';
import { hasField } from '../../src/domain/profile';
import { parseValue } from '../../src/domain/value';
import { checkBlocks } from '../../src/domain/engine';
import type { Block, Diagnostic } from '../../src/domain/model';
import { getProfile } from '../../src/domain/profiles';
import {
  headerAmount,
  indicatorsForProfile,
  parseHeader,
  projectTypes,
  type ProfileIndicator,
  type ProjectType,
  type TemplateHeader,
  type TemplateIndicator,
} from '../../src/domain/templates';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock, renderWorkbook, workbookToGridSheet, type RenderPlan } from '../../src/sheet/render';
import { getRule } from '../../src/domain/rules';

const ruleExists = (id: string) => getRule(id) !== undefined;

const YEAR = 2025;
const PROFILES = ['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info'];

/** the header as the profile's form parses it (its money fields and totals) */
function header(input: Record<string, unknown>, profileId = PROFILES[0]): TemplateHeader {
  const r = parseHeader(input, getProfile(profileId));
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

const code = (i: number) => `13032225${String(i).padStart(4, '0')}QXP1WKIBN`;

function headerFor(type: ProjectType, i = 0, profileId = PROFILES[0]): TemplateHeader {
  return header({
    name: `${YEAR}年${type.name.replace('/', '')}项目${i || ''}`,
    code: code(i),
    budget: '20.5',
    fiscal: '20',
    other: '0.5',
    year: YEAR,
    unitName: '昌黎县安山镇人民政府本级',
    unitCode: '813001',
  }, profileId);
}

/** a plausible value the clerk would type, by kind (`budget` in 万元) */
function plausible(ind: TemplateIndicator, budget: number): string {
  if (ind.value !== undefined) return ind.value;
  const unit = ind.unit ?? '';
  switch (ind.valueKind) {
    case 'count':
      return ind.operator === '≤' ? `0${unit}` : `${ind.operator ?? ''}12${unit}`;
    case 'percent':
      return `${ind.operator ?? '≥'}95%`;
    case 'money':
      if (unit === '万元') return `≤${budget}万元`;
      return unit.startsWith('万元') ? `≤1.5${unit}` : `≤500${unit}`;
    case 'date':
      return `${YEAR}年12月31日前`;
    default:
      return /如：(.+)$/.exec(ind.hint ?? '')?.[1] ?? '提升';
  }
}

/** what a clerk writes in an empty row of the generic type */
const SKELETON: Record<string, [string, string]> = {
  数量指标: ['完成工作任务数', '12项'],
  质量指标: ['工作任务完成合格率', '≥95%'],
  时效指标: ['工作任务完成时间', `${YEAR}年12月31日前`],
  成本指标: ['项目总成本', '≤20.5万元'],
  经济成本指标: ['项目总成本', '≤20.5万元'],
  社会效益指标: ['对社会稳定的影响', '保持稳定'],
  可持续影响指标: ['工作机制健全性', '健全'],
  服务对象满意度指标: ['服务对象满意度', '≥90%'],
};

function filledType(type: ProjectType, profileId: string, budget: number): ProjectType {
  const rows = indicatorsForProfile(type, getProfile(profileId));
  return {
    ...type,
    indicators: rows.map((r) => {
      if (r.indicator) return { ...r.indicator, value: plausible(r.indicator, budget) };
      const [name, value] = SKELETON[r.level2];
      return { level1: r.level1, level2: r.level2, level3: name, description: name, valueKind: 'qualitative', value, basis: '工作计划' };
    }),
  };
}

function put(sheet: GridSheet, a1: string, value: string | number, format?: string) {
  const { row, col } = parseA1(a1);
  while (sheet.values.length <= row) sheet.values.push([]);
  sheet.values[row][col] = value;
  if (format) {
    sheet.formats = sheet.formats ?? [];
    while (sheet.formats.length <= row) sheet.formats.push([]);
    sheet.formats[row][col] = format;
  }
}

/** the budget in 万元 (the header's amounts are in the block's unit) */
function budgetWan(profileId: string, h: TemplateHeader): number {
  const unit = h.moneyUnit ?? getProfile(profileId).moneyUnit;
  return (headerAmount(h, 'budget') ?? 0) / (unit === '元' ? 10000 : 1);
}

/** the clerk fills a rendered block (any block profile) in the grid, where its template puts each cell */
function fillBlock(sheet: GridSheet, plan: RenderPlan, type: ProjectType, profileId: string, h: TemplateHeader) {
  const profile = getProfile(profileId);
  const f = plan.fields ?? {};
  const budget = budgetWan(profileId, h);
  if (f.usage) {
    const usage = `预算数${budget.toFixed(2)}万元，其中：财政资金${(headerAmount(h, 'fiscal') ?? 0).toFixed(2)}万元，其他资金${(headerAmount(h, 'other') ?? 0).toFixed(2)}万元。主要用于${type.usageHint ?? '项目支出'}。`;
    put(sheet, toA1(f.usage.row, f.usage.col), usage);
  }
  if (f.plan) [0.25, 0.5, 0.75, 1].forEach((p, i) => put(sheet, toA1(f.plan.row, f.plan.col + i), p, '0.00%'));
  put(sheet, toA1(f.goal.row, f.goal.col), `1.按时足额支付${type.name}资金，保障各项工作正常开展。\n2.提升服务质量，群众满意度达到90%以上。`);
  const col = (role: string) => f[`column:${role}`]?.col;
  const rows = indicatorsForProfile(type, profile);
  rows.forEach((r: ProfileIndicator, k) => {
    const row = f.indicators.row + k;
    const value = (v: string) => {
      const number = col('number');
      if (number === undefined) return put(sheet, toA1(row, col('value') as number), v);
      // the split 指标值: the number in 值 (符号 and 单位 are pre-filled), or text under 定性
      const p = parseValue(v);
      if (p.number !== undefined && p.unit && (p.kind === 'percent' || p.kind === 'count' || p.kind === 'money')) {
        put(sheet, toA1(row, number), p.number);
        if (!r.indicator) {
          // an empty row of the generic type: the clerk picks the 符号 and types the 单位 too
          put(sheet, toA1(row, col('operator') as number), p.operatorExplicit ? p.operator : '=');
          put(sheet, toA1(row, col('unit') as number), p.unit);
        }
      } else {
        put(sheet, toA1(row, col('operator') as number), '定性');
        put(sheet, toA1(row, number), v);
      }
    };
    if (r.indicator) {
      if (r.indicator.value === undefined) value(plausible(r.indicator, budget));
    } else {
      const [name, v] = SKELETON[r.level2];
      put(sheet, toA1(row, col('level3') as number), name);
      if (col('description') !== undefined) put(sheet, toA1(row, col('description') as number), `${name}情况`);
      value(v);
      if (col('basis') !== undefined) put(sheet, toA1(row, col('basis') as number), '工作计划');
    }
  });
}

function checkSheet(sheet: GridSheet, profileId: string, year: number | undefined = YEAR): { blocks: Block[]; diags: Diagnostic[] } {
  const rec = recognize({ sheets: [sheet] }, year === undefined ? {} : { year });
  return { blocks: rec.blocks, diags: checkBlocks(rec.blocks, { year: rec.year }) };
}

const registered = (ids: string[]) => ids.filter((id) => ruleExists(id));
const show = (d: Diagnostic[]) => d.map((x) => `${x.ruleId}@${x.cell} ${x.message}`);

const cases = PROFILES.flatMap((p) => projectTypes.filter((t) => t.profiles.includes(p)).map((t) => [p, t.id, t] as const));

describe.each(cases)('%s × %s', (profileId, _id, type) => {
  const profile = getProfile(profileId);
  const h = headerFor(type, 0, profileId);
  const generic = type.indicators.length === 0;

  test('recognised back as one project block with the header and the indicator rows', () => {
    const plan = renderBlock(profileId, type, h, { row: 2, col: 1 });
    const { blocks } = checkSheet(applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan), profileId);
    const projects = blocks.filter((b) => b.listRole === undefined || b.listRole === 'project');
    expect(projects).toHaveLength(1);
    const b = projects[0];
    expect(b.profile).toBe(profileId);
    expect(b.name?.text).toBe(h.name);
    if (hasField(profile, 'budget')) expect(b.budget?.value).toBe(20.5);
    if (profile.layout === 'block') {
      const f = plan.fields ?? {};
      if (f.code) expect(b.code?.text).toBe(h.code);
      if (f.fiscal) expect(b.fiscal?.value).toBe(20);
      if (f.other) expect(b.other?.value).toBe(0.5);
      if (f.fiscalLocal) expect(b.extra?.fiscalLocal?.value).toBe(20);
      const rows = indicatorsForProfile(type, profile);
      expect(b.indicators.map((i) => [i.level1.text, i.level2.text, i.level3.text])).toEqual(
        rows.map((r) => [r.level1, r.level2, r.indicator?.level3 ?? '']),
      );
      if (profile.plan) expect(b.plan?.checkpoints.map((c) => c.text)).toEqual(profile.checkpointSets[0]);
      else expect(b.plan).toBeUndefined();
    } else {
      expect(blocks.find((x) => x.listRole === 'unit')?.budget?.value).toBe(20.5);
    }
  });

  test('blank: only the rules asking for the blanks fire', () => {
    const plan = renderBlock(profileId, type, h, { row: 0, col: 0 });
    const { diags } = checkSheet(applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan), profileId);
    const f = plan.fields ?? {};
    const rows = indicatorsForProfile(type, profile);
    const cellsOf = (id: string) => diags.filter((d) => d.ruleId === id).map((d) => d.cell).sort();
    // a format that fixes a row under 产出 (the 一体化 成本控制率 row): its other 二级 are asked for by missing-level2
    const fixedOutput = (profile.fixedIndicators ?? []).length > 0;
    const allowed = new Set(
      registered(
        profile.layout === 'block'
          ? generic
            ? ['table/missing-field', 'indicator/empty-level2', 'indicator/missing-level1', ...(fixedOutput ? ['indicator/missing-level2'] : [])]
            : ['table/missing-field', 'indicator/missing-value']
          : generic
            ? ['table/missing-field', 'indicator/empty-level2', 'indicator/missing-level1']
            : ['table/missing-field', 'indicator/missing-value'],
      ),
    );
    expect(show(diags.filter((d) => !allowed.has(d.ruleId)))).toEqual([]);
    // exactly the expected table/missing-field cells: the plan and the goal (the list has no plan)
    const expected = profile.layout === 'block' && profile.plan ? [toA1(f.plan.row, f.plan.col), toA1(f.goal.row, f.goal.col)] : [toA1(f.goal.row, f.goal.col)];
    expect(cellsOf('table/missing-field')).toEqual(expected.sort());
    if (profile.layout === 'block' && !generic && ruleExists('indicator/missing-value')) {
      // one per 指标值 left blank, at that cell; none where a standard target was written
      const blanks = rows
        .map((r, k) => (r.indicator && r.indicator.value === undefined ? toA1(f.indicators.row + k, (f['column:number'] ?? f['column:value']).col) : undefined))
        .filter((x): x is string => x !== undefined);
      expect(cellsOf('indicator/missing-value')).toEqual(blanks.sort());
    }
    if (generic && ruleExists('indicator/empty-level2')) {
      // one per empty row, asking for its 三级 (as a missing 二级 under a 产出 that has its fixed row)
      const asking = diags.filter((d) => d.ruleId === 'indicator/empty-level2' || d.ruleId === 'indicator/missing-level2');
      expect(asking).toHaveLength(rows.filter((r) => !r.indicator).length);
    }
    if (profile.layout === 'list' && !generic && ruleExists('indicator/missing-value')) {
      // one per indicator line still waiting for its value, at the 绩效指标 cell
      const waiting = diags.filter((d) => d.ruleId === 'indicator/missing-value');
      expect(waiting).toHaveLength(rows.filter((r) => r.indicator && r.indicator.value === undefined).length);
      expect(new Set(waiting.map((d) => d.cell)).size).toBeLessThanOrEqual(1);
    }
    // never: errors of the frame (names), plan, totals, codes, or template residue
    for (const d of diags) expect(d.ruleId).not.toMatch(/^(plan|total|id|value)\/|unknown-level|alias-name|placeholder|duplicate|name-as-value/);
  });

  test('filled with plausible values: clean', () => {
    let sheet: GridSheet;
    if (profile.layout === 'block') {
      const plan = renderBlock(profileId, type, h, { row: 1, col: 2 });
      sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
      fillBlock(sheet, plan, type, profileId, h);
    } else {
      const plan = renderBlock(profileId, filledType(type, profileId, 20.5), h, { row: 0, col: 0 });
      sheet = applyPlanToGrid({ name: 'S', values: [], merges: [] }, plan);
      const g = plan.fields?.goal ?? { row: 0, col: 0 };
      put(sheet, toA1(g.row, g.col), `目标一：按时足额支付${type.name}资金，保障各项工作正常开展。`);
    }
    const { diags } = checkSheet(sheet, profileId);
    expect(show(diags)).toEqual([]);
  });
});

describe('a whole workbook (jxmb template --type all)', () => {
  test.each(PROFILES)('%s: one block per type, year from the title; blank → only blank-asking rules; filled → clean', (profileId) => {
    const profile = getProfile(profileId);
    const types = projectTypes.filter((t) => t.profiles.includes(profileId));
    const blankWb = renderWorkbook(
      profileId,
      types.map((type) => ({ type, header: header({ year: YEAR, unitName: '昌黎县安山镇人民政府本级', unitCode: '813001' }, profileId) })),
    );
    const blankSheet = workbookToGridSheet(blankWb);
    const rec = recognize({ sheets: [blankSheet] });
    expect(rec.year).toBe(YEAR);
    if (profile.layout === 'block') {
      expect(rec.blocks).toHaveLength(types.length);
      const diags = checkBlocks(rec.blocks, { year: rec.year });
      const fixedOutput = (profile.fixedIndicators ?? []).length > 0;
      const allowed = new Set(
        registered(['table/missing-field', 'id/code-missing', 'indicator/missing-value', 'indicator/empty-level2', 'indicator/missing-level1', ...(fixedOutput ? ['indicator/missing-level2'] : [])]),
      );
      expect(show(diags.filter((d) => !allowed.has(d.ruleId)))).toEqual([]);
      // the blank required fields (name, budget, goal …) and the plan are asked for in every block, the code too
      const asked = profile.fields.filter((x) => x.required).length + (profile.plan ? 1 : 0);
      expect(diags.filter((d) => d.ruleId === 'id/code-missing')).toHaveLength(hasField(profile, 'code') ? types.length : 0);
      expect(diags.filter((d) => d.ruleId === 'table/missing-field')).toHaveLength(asked * types.length);
    }

    const filled = renderWorkbook(
      profileId,
      types.map((type, i) => ({
        type: profile.layout === 'list' ? filledType(type, profileId, 20.5) : type,
        header: headerFor(type, i + 1, profileId),
      })),
    );
    const sheet = workbookToGridSheet(filled);
    if (profile.layout === 'block') {
      filled.plans.slice(1).forEach((plan, i) => fillBlock(sheet, plan, types[i], profileId, headerFor(types[i], i + 1, profileId)));
    } else {
      const g = filled.plans[1].fields?.goal ?? { row: 0, col: 0 };
      types.forEach((t, i) => put(sheet, toA1(g.row + i, g.col), `目标一：按时足额支付${t.name}资金，保障工作正常开展。`));
    }
    const r2 = recognize({ sheets: [sheet] });
    expect(r2.year).toBe(YEAR);
    const diags = checkBlocks(r2.blocks, { year: r2.year });
    expect(show(diags)).toEqual([]);
  });
});
