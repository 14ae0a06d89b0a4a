/**
 * Adding a 指标库 indicator to a block (src/sheet/add-indicator.ts), carried out on a grid and read
 * back by the recogniser: in its place, merges kept right, nothing overwritten, the value left blank.
 */
import { rangeToA1, type RangePos } from '../../src/domain/address';
import { checkBlocks } from '../../src/domain/engine';
import { indicatorLibrary, type IndicatorLike } from '../../src/domain/indicators';
import type { Block } from '../../src/domain/model';
import { findType, parseHeader, type ProjectType, type TemplateHeader } from '../../src/domain/templates';
import { addPlanFootprintIsEmpty } from '../helpers/add-indicator';
import { applyAddPlanToGrid, planAddIndicator, type AddIndicatorPlan } from '../../src/sheet/add-indicator';
import type { GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { applyPlanToGrid, renderBlock } from '../../src/sheet/render';

function header(input: Record<string, unknown>): TemplateHeader {
  const r = parseHeader(input);
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}
const type = (id: string) => findType(id) as ProjectType;
const HEADER = header({ name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: '20', fiscal: '20', other: '0', year: 2025 });

function sheetOf(profile: string, typeId: string, rowsBelow = false): GridSheet {
  const s: GridSheet = { name: 'S', values: [], merges: [] };
  const plan = renderBlock(profile, type(typeId), HEADER, { row: 0, col: 0 });
  applyPlanToGrid(s, plan);
  if (rowsBelow) applyPlanToGrid(s, renderBlock(profile, type('grid'), header({ name: '网格管理经费', code: '130322250QXP1WKIBNS3Y', year: 2025 }), { row: plan.range.bottom + 3, col: 0 }));
  return s;
}

const blocksOf = (s: GridSheet): Block[] => recognize({ sheets: [s] }).blocks;
const lib = indicatorLibrary();
const find = (name: string): IndicatorLike => {
  const i = lib.indicators.find((x) => x.name === name);
  if (!i) throw new Error(name);
  return i;
};

function add(s: GridSheet, block: Block, ind: IndicatorLike): AddIndicatorPlan {
  const r = planAddIndicator(block, s, ind, 2025);
  if (!r.ok) throw new Error(r.reason);
  expect(addPlanFootprintIsEmpty(s, r.plan)).toBe(true);
  applyAddPlanToGrid(s, r.plan);
  return r.plan;
}

const rowsOf = (b: Block) => b.indicators.map((r) => `${r.level1.text}/${r.level2.text}/${r.level3.text}=${r.value.text}`);
const mergeAt = (s: GridSheet, a1: string) => s.merges.find((m) => rangeToA1({ ...m, bottom: m.top, right: m.left }) === a1);

describe('planAddIndicator — a new row under its 二级', () => {
  it('goes right under the last row of its 二级; the 一级/二级 merged areas grow by one row; nothing else changes', () => {
    const s = sheetOf('hebei-project', 'rural-cleaners');
    const before = blocksOf(s)[0];
    const qty = before.indicators.filter((r) => r.level2.text === '数量指标');
    const l2Merge = mergeAt(s, qty[0].level2.cell) as RangePos;
    const l1Merge = mergeAt(s, before.indicators[0].level1.cell) as RangePos;
    const plan = add(s, before, find('享受保洁服务的人数'));
    expect(plan.mode).toBe('insert');
    expect(plan.row).toBe(qty[qty.length - 1].row + 1);
    const after = blocksOf(s)[0];
    const names = after.indicators.map((r) => r.level3.text);
    expect(names.indexOf('享受保洁服务的人数')).toBe(qty.length);
    expect(after.indicators[qty.length]).toMatchObject({ level1: { text: '产出指标' }, level2: { text: '数量指标' }, value: { text: '' } });
    // every other row as it was, in the same order
    expect(rowsOf(after).filter((x) => !x.includes('享受保洁服务的人数'))).toEqual(rowsOf(before));
    expect(mergeAt(s, qty[0].level2.cell)).toEqual({ ...l2Merge, bottom: l2Merge.bottom + 1 });
    expect(mergeAt(s, before.indicators[0].level1.cell)).toEqual({ ...l1Merge, bottom: l1Merge.bottom + 1 });
    // the header above did not move; the block is one row longer
    expect(after.name?.cell).toBe(before.name?.cell);
    // the clerk fills the value: the checker asks for it on the new row
    const diags = checkBlocks(after ? [after] : [], { year: 2025 }).filter((d) => d.ruleId === 'indicator/missing-value');
    expect(diags.map((d) => d.cell)).toContain(after.indicators[qty.length].value.cell);
    // the description came from the library, the value cell has an input prompt with the form's kind
    expect(plan.prompts[0].message).toMatch(/填写数量（单位：人）/);
  });

  it('a table below in the same columns moves down whole and reads the same', () => {
    const s = sheetOf('hebei-project', 'rural-cleaners', true);
    const [first, second] = blocksOf(s);
    add(s, first, find('享受保洁服务的人数'));
    const again = blocksOf(s);
    expect(again).toHaveLength(2);
    expect(rowsOf(again[1])).toEqual(rowsOf(second));
    expect(again[1].name?.text).toBe(second.name?.text);
  });

  it('a 二级 the block has no row of starts its own run under the 二级 before it, with its 二级 written', () => {
    const s = sheetOf('hebei-project', 'village-party');
    const before = blocksOf(s)[0];
    expect(before.indicators.some((r) => r.level2.text === '经济效益指标')).toBe(false);
    const plan = add(s, before, find('村集体经济收入增长率'));
    const after = blocksOf(s)[0];
    const row = after.indicators.find((r) => r.level3.text === '村集体经济收入增长率');
    expect(row?.level2.text).toBe('经济效益指标');
    expect(row?.level1.text).toBe('效益指标');
    expect(plan.cells.some((c) => c.value === '经济效益指标')).toBe(true);
    expect(rowsOf(after).filter((x) => !x.includes('村集体经济收入增长率'))).toEqual(rowsOf(before));
  });

  it('central-2021: a cost indicator goes under the 一级 成本指标', () => {
    const s = sheetOf('central-2021', 'rural-cleaners');
    const before = blocksOf(s)[0];
    add(s, before, find('保洁工资核算标准'));
    const row = blocksOf(s)[0].indicators.find((r) => r.level3.text === '保洁工资核算标准');
    expect(row?.level1.text).toBe('成本指标');
  });
});

describe('planAddIndicator — the 一体化 申报表', () => {
  it('a row under the last one stays inside the 绩效指标 caption merged down the table', () => {
    const s = sheetOf('hebei-yth-annual', 'rural-cleaners');
    const before = blocksOf(s)[0];
    const last = before.indicators[before.indicators.length - 1];
    const caption = s.merges.find((m) => m.left === 0 && m.bottom === last.row && m.top < m.bottom) as RangePos;
    expect(caption).toBeDefined();
    const plan = add(s, before, find('群众满意度'));
    expect(plan.row).toBe(last.row + 1);
    expect(s.merges).toContainEqual({ ...caption, bottom: last.row + 1 });
    const row = blocksOf(s)[0].indicators.find((r) => r.level3.text === '群众满意度');
    expect(row?.level2.text).toBe('服务对象满意度指标');
  });
});

describe('planAddIndicator — filling a blank row', () => {
  it('the generic template has one blank row per 二级: it is filled, nothing moves', () => {
    const s = sheetOf('hebei-project', 'generic');
    const before = blocksOf(s)[0];
    const blank = before.indicators.find((r) => r.level2.text === '数量指标');
    const plan = add(s, before, find('享受保洁服务的人数'));
    expect(plan.mode).toBe('fill');
    expect(plan.row).toBe(blank?.row);
    expect(plan.shift).toBeUndefined();
    const after = blocksOf(s)[0];
    expect(after.indicators).toHaveLength(before.indicators.length);
    expect(after.range).toBe(before.range);
    expect(after.indicators.find((r) => r.row === blank?.row)?.level3.text).toBe('享受保洁服务的人数');
  });
});

describe('planAddIndicator — the 一体化 信息表 (split 指标值)', () => {
  it('writes 符号 and 计量单位 of the form, leaves 值 to the clerk', () => {
    const s = sheetOf('hebei-yth-info', 'rural-cleaners');
    const before = blocksOf(s)[0];
    add(s, before, find('享受保洁服务的人数'));
    const row = blocksOf(s)[0].indicators.find((r) => r.level3.text === '享受保洁服务的人数');
    expect(row?.split?.operator.text).toBe('≥');
    expect(row?.split?.unit.text).toBe('人');
    expect(row?.split?.number.text).toBe('');
  });
});

describe('planAddIndicator — refused, with the reason', () => {
  it('an indicator the block already has (names compared without spaces)', () => {
    const s = sheetOf('hebei-project', 'rural-cleaners');
    const b = blocksOf(s)[0];
    const name = b.indicators[0].level3.text;
    const r = planAddIndicator(b, s, { ...find('享受保洁服务的人数'), name: ` ${name} ` });
    expect(r).toEqual({ ok: false, reason: `表中已有三级指标“ ${name} ”，未重复添加` });
  });

  it('a disclosure list keeps its indicators as text in one cell: the line to add is given', () => {
    const s = sheetOf('disclosure-list', 'rural-cleaners');
    const b = blocksOf(s).find((x) => x.listRole === 'project') as Block;
    const r = planAddIndicator(b, s, find('享受保洁服务的人数'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/“1\. 享受保洁服务的人数 __人”/);
  });

  it('a merged area that crosses the new row and reaches out of the table', () => {
    const s = sheetOf('hebei-project', 'rural-cleaners');
    const b = blocksOf(s)[0];
    const qty = b.indicators.filter((r) => r.level2.text === '数量指标');
    const lastQty = qty[qty.length - 1].row;
    s.merges.push({ top: lastQty, left: 8, bottom: lastQty + 1, right: 9 }); // beside the table, columns I:J
    s.merges.push({ top: lastQty, left: 6, bottom: lastQty + 1, right: 8 }); // G:I crosses out of A:G
    const r = planAddIndicator(b, s, find('享受保洁服务的人数'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/跨出了表格的列/);
  });
});
