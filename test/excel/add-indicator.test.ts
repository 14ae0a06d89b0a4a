/**
 * Adding a 指标库 indicator through the live checker and the in-memory Excel: the row lands in its
 * place, merges stay right, the marks follow their cells, nothing non-empty is overwritten,
 * and a table changed since the last check is refused.
 */
import { parseRange, toA1 } from '../../src/domain/address';
import { indicatorLibrary } from '../../src/domain/indicators';
import { findType, parseHeader, type ProjectType } from '../../src/domain/templates';
import { HIGHLIGHT_KEY } from '../../src/excel/legacy';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { renderBlock } from '../../src/sheet/render';
import { applyAddIndicator } from '../../src/excel/add-indicator';
import { readWorkbook } from '../../src/excel/read';
import { planAddIndicator } from '../../src/sheet/add-indicator';
import { recognize } from '../../src/sheet/recognize';
import { clerkOwn, expectedMarks, markFormats, marksOn } from './marks-helpers';

const ind = (name: string) => {
  const i = indicatorLibrary().indicators.find((x) => x.name === name);
  if (!i) throw new Error(name);
  return i;
};

async function setup(typeId = 'rural-cleaners', profile = 'hebei-project', twoBlocks = false) {
  const wb = new MemoryWorkbook();
  const excel = createMemoryExcel(wb);
  const checker = createLiveChecker({ excel, debounceMs: 5, suppressMs: 20 });
  await checker.start();
  const h = parseHeader({ name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: '20', fiscal: '20', other: '0', year: 2025 });
  if (!h.ok) throw new Error('header');
  const type = findType(typeId) as ProjectType;
  expect((await checker.insert((at) => renderBlock(profile, type, h.header, at))).ok).toBe(true);
  if (twoBlocks) {
    const g = parseHeader({ name: '网格管理经费', code: '130322250QXP1WKIBNS3Y', year: 2025 });
    if (!g.ok) throw new Error('header');
    const below = parseRange(checker.last!.blocks[0].range).bottom + 3;
    expect((await checker.insert((at) => renderBlock(profile, findType('grid') as ProjectType, g.header, at), { at: { row: below, col: 0 } })).ok).toBe(true);
  }
  await wb.eventsDelivered();
  await checker.idle();
  return { wb, excel, checker };
}

const texts = (checker: ReturnType<typeof createLiveChecker>, i = 0) =>
  checker.last!.blocks[i].indicators.map((r) => `${r.level1.text}/${r.level2.text}/${r.level3.text}=${r.value.text}`);

describe('checker.addIndicator', () => {
  test('a new row under its 二级, re-checked; the value cell selected with its prompt; the block below moved whole', async () => {
    const { wb, checker } = await setup('rural-cleaners', 'hebei-project', true);
    const before = texts(checker);
    const second = texts(checker, 1);
    const qty = checker.last!.blocks[0].indicators.filter((r) => r.level2.text === '数量指标');
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toMatchObject({ ok: true, note: expect.stringMatching(/^已在第 \d+ 行插入“享受保洁服务的人数”（产出指标 › 数量指标）/) });
    await wb.eventsDelivered();
    await checker.idle();
    const after = checker.last!.blocks[0];
    const k = after.indicators.findIndex((x) => x.level3.text === '享受保洁服务的人数');
    expect(k).toBe(qty.length);
    expect(after.indicators[k]).toMatchObject({ level1: { text: '产出指标' }, level2: { text: '数量指标' }, value: { text: '' } });
    expect(texts(checker).filter((x) => !x.includes('享受保洁服务的人数'))).toEqual(before);
    expect(texts(checker, 1)).toEqual(second);
    // the 二级 merged area holds the new row
    const snap = wb.snapshot().sheets[0];
    const l2 = qty[0].level2.cell;
    expect(snap.merges).toContain(`${l2}:B${after.indicators[k].row + 1}`);
    // the clerk types the value next: selected, with the form's prompt; the checker asks for it
    const valueCell = after.indicators[k].value.cell;
    expect(r.ok && r.cell).toBe(valueCell);
    expect(snap.cells[valueCell]?.validation?.prompt?.message).toMatch(/填写数量（单位：人）/);
    expect(checker.last!.diagnostics.some((d) => d.ruleId === 'indicator/missing-value' && d.cell === valueCell)).toBe(true);
    expect(marksOn(wb, 'Sheet1').error).toContain(valueCell);
  });

  test('the adapter writes the row in 3 syncs (read and verify, the structure, the content: each refusal can be undone)', async () => {
    const { wb, excel, checker } = await setup();
    await checker.stop();
    const grid = await readWorkbook(excel);
    const block = recognize(grid).blocks[0];
    const planned = planAddIndicator(block, grid.sheets[0], ind('享受保洁服务的人数'), 2025);
    if (!planned.ok) throw new Error(planned.reason);
    const s0 = wb.syncCount;
    const out = await applyAddIndicator(excel, planned.plan, grid.sheets[0]);
    expect(out.ok).toBe(true);
    expect(wb.syncCount - s0).toBe(3);
  });

  test('the marks follow their cells: Range.insert moves our conditional formats below the new row down, the pass after it finds them on the flagged cells; no setting, the clerk’s formats untouched', async () => {
    const { wb, excel, checker } = await setup();
    await checker.stop();
    const before = marksOn(wb, 'Sheet1');
    expect(before.error.length).toBeGreaterThan(0);
    const own = clerkOwn(wb.snapshot());
    const grid = await readWorkbook(excel);
    const block = recognize(grid).blocks[0];
    const planned = planAddIndicator(block, grid.sheets[0], ind('享受保洁服务的人数'), 2025);
    if (!planned.ok) throw new Error(planned.reason);
    const shift = planned.plan.shift!;
    expect((await applyAddIndicator(excel, planned.plan, grid.sheets[0])).ok).toBe(true);
    // before any pass: every mark under the new row, in the shifted columns, is one row lower
    const moved = (a: string) => {
      const p = parseRange(a);
      return p.top >= shift.row && p.left >= shift.left && p.left <= shift.right ? toA1(p.top + 1, p.left) : a;
    };
    expect(before.error.filter((c) => moved(c) !== c).length).toBeGreaterThan(0);
    expect(marksOn(wb, 'Sheet1').error).toEqual(before.error.map(moved).sort());
    // the clerk's formats of the cells that were there moved with them, unchanged
    const after = clerkOwn(wb.snapshot()).sheets[0];
    for (const [a, c] of Object.entries(own.sheets[0].cells)) {
      if (planned.plan.cells.some((x) => toA1(x.row, x.col) === moved(a))) continue; // written by the add (a new row's cells)
      expect({ at: a, fill: after.cells[moved(a)]?.fill }).toEqual({ at: a, fill: c.fill });
    }
    // the next pass: the marks are exactly on the flagged cells; nothing was stored in a setting
    await checker.recheck();
    expect(marksOn(wb, 'Sheet1')).toEqual(expectedMarks(checker.last!.diagnostics, 'Sheet1'));
    expect(wb.settings.get(HIGHLIGHT_KEY)).toBeUndefined();
    await checker.setHighlighting(false);
    expect(markFormats(wb, 'Sheet1')).toBe(0);
  });

  test('the generic template: a blank row of the 二级 is filled, nothing moves', async () => {
    const { wb, checker } = await setup('generic');
    const range = checker.last!.blocks[0].range;
    const n = checker.last!.blocks[0].indicators.length;
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toMatchObject({ ok: true, note: expect.stringMatching(/^已填入第 \d+ 行的空白指标行/) });
    await wb.eventsDelivered();
    await checker.idle();
    expect(checker.last!.blocks[0].range).toBe(range);
    expect(checker.last!.blocks[0].indicators).toHaveLength(n);
  });

  test('a table changed since the last check is refused, nothing written', async () => {
    const { wb, checker } = await setup();
    await checker.stop(); // the clerk's edit is not checked before the click
    const qty = checker.last!.blocks[0].indicators.filter((r) => r.level2.text === '数量指标');
    const last = qty[qty.length - 1];
    wb.user.setValues('Sheet1', last.level3.cell, [['改过的名称']]);
    const before = wb.snapshot();
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toEqual({ ok: false, reason: '表格在上次检查后有改动，未添加：请等检查完成后再点一次“添加”' });
    expect(wb.snapshot()).toEqual(before);
  });

  test('a protected sheet: refused with the reason, nothing written', async () => {
    const { wb, checker } = await setup();
    wb.user.protect('Sheet1');
    const before = wb.snapshot();
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/受保护/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('the 一体化 信息表: 符号 and 计量单位 of the form, 值 for the clerk', async () => {
    const { wb, checker } = await setup('rural-cleaners', 'hebei-yth-info');
    expect((await checker.addIndicator(0, ind('享受保洁服务的人数'))).ok).toBe(true);
    await wb.eventsDelivered();
    await checker.idle();
    const row = checker.last!.blocks[0].indicators.find((x) => x.level3.text === '享受保洁服务的人数');
    expect([row?.split?.operator.text, row?.split?.number.text, row?.split?.unit.text]).toEqual(['≥', '', '人']);
  });
});

describe('checker.addIndicator is all or nothing, and never waits on a cell edit', () => {
  async function planned() {
    const { wb, excel, checker } = await setup('rural-cleaners', 'hebei-project', true);
    await checker.stop();
    const grid = await readWorkbook(excel);
    const block = recognize(grid).blocks[0];
    const p = planAddIndicator(block, grid.sheets[0], ind('享受保洁服务的人数'), 2025);
    if (!p.ok || !p.plan.shift) throw new Error('an insert plan was expected');
    return { wb, checker, shift: p.plan.shift };
  }

  test('Excel refuses the insert (MergedRangeConflict): nothing changes, read back', async () => {
    const { wb, checker, shift } = await planned();
    // a merged area reaching out of the shifted columns, below the new row
    wb.user.merge('Sheet1', `${toA1(shift.row + 1, shift.right)}:${toA1(shift.row + 1, shift.right + 1)}`);
    const before = wb.snapshot();
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/MergedRangeConflict.*表格已恢复原样/) });
    expect(wb.snapshot()).toEqual(before);
  });

  test('Excel refuses the insert (NonBlankCellOffSheet): nothing changes, read back', async () => {
    const { wb, checker, shift } = await planned();
    wb.user.setValues('Sheet1', toA1(1048575, shift.left), [['底']]);
    const before = wb.snapshot();
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/NonBlankCellOffSheet.*表格已恢复原样/) });
    expect(wb.snapshot()).toEqual(before);
  });

  test('a command of the content fails after the insert ran: the row is taken out again, the merges put back, read back', async () => {
    const { wb, checker } = await planned();
    const before = wb.snapshot();
    wb.injectFault(12, 6); // the content's batch fails at its 7th command; the 6 before it ran
    const r = await checker.addIndicator(0, ind('享受保洁服务的人数'));
    expect(r).toEqual({ ok: false, reason: expect.stringMatching(/GeneralException.*表格已恢复原样/) });
    expect(wb.snapshot()).toEqual(before);
  });

  test('while the clerk is in a cell the command fails at once with what to do (office-js #806), nothing written', async () => {
    const { wb, checker } = await planned();
    const before = wb.snapshot();
    wb.user.beginCellEdit();
    await expect(checker.addIndicator(0, ind('享受保洁服务的人数'))).rejects.toThrow(/编辑单元格/);
    wb.user.endCellEdit();
    expect(wb.snapshot()).toEqual(before);
  });
});

describe('in-memory Range.insert(down)', () => {
  test('shifts values, formats, notes and merged areas of its columns; refuses to cut a merged area', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1:C3', [
      ['a', 'b', 'x'],
      ['c', 'd', 'y'],
      ['e', 'f', 'z'],
    ]);
    wb.user.merge('Sheet1', 'A3:B3');
    wb.user.addNote('Sheet1', 'B2', '备注');
    const excel = createMemoryExcel(wb);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A2:B2').insert('Down');
      await ctx.sync();
    });
    const s = wb.snapshot().sheets[0];
    expect([s.cells.A2?.value ?? '', s.cells.A3?.value, s.cells.B3?.value, s.cells.A4?.value, s.cells.C2?.value]).toEqual(['', 'c', 'd', 'e', 'y']);
    expect(s.merges).toEqual(['A4:B4']);
    expect(s.notes.B3).toBeDefined();
    // a merged area reaching outside the shifted columns, or crossing the top edge: refused
    wb.user.merge('Sheet1', 'B6:C6');
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A5:B5').insert('Down');
        await ctx.sync();
      }),
    ).rejects.toThrow(/合并/);
    wb.user.merge('Sheet1', 'E1:E3');
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('E2').insert('Down');
        await ctx.sync();
      }),
    ).rejects.toThrow(/合并/);
  });
});
