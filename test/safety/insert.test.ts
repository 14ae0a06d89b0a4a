/**
 * Nothing lost, part 3: insertion never overwrites a non-empty cell — random occupied cells and
 * merges inside the footprint, a protected sheet — and whatever it decides, every cell the clerk
 * had keeps its value and format.
 */
import fc from 'fast-check';
import { parseRange, rangeToA1, toA1 } from '../../src/domain/address';
import { insertPlan } from '../../src/excel/insert';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { planFootprint } from '../../src/sheet/render';
import { blockRenderer } from '../../scripts/bench-excel';

const render = blockRenderer();
const overlaps = (a: { top: number; left: number; bottom: number; right: number }, b: typeof a) =>
  a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;

describe('insertion never overwrites', () => {
  it('random occupied cells and merges inside the footprint: they keep value and format; the block goes elsewhere or nowhere', async () => {
    const at = { row: 2, col: 1 };
    const foot = planFootprint(render(at));
    let placedBelow = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.nat(foot.length - 1), { minLength: 1, maxLength: 6 }),
        fc.array(fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.integer(), fc.constantFrom('#REF!', ' ', '0', 'FALSE')), { minLength: 6, maxLength: 6 }),
        fc.array(fc.record({ i: fc.nat(foot.length - 1), h: fc.nat(3), w: fc.nat(3) }), { maxLength: 2 }),
        fc.boolean(),
        async (picks, vals, merges, onlyAtSelection) => {
          const wb = new MemoryWorkbook();
          picks.forEach((i, k) => {
            const p = foot[i];
            wb.user.setValues('Sheet1', toA1(p.row, p.col), [[vals[k]]], { fireEvent: false });
            wb.user.setFill('Sheet1', toA1(p.row, p.col), '#FFFF00');
          });
          for (const m of merges) {
            const p = foot[m.i];
            if (m.h + m.w > 0) wb.user.merge('Sheet1', rangeToA1({ top: p.row, left: p.col, bottom: p.row + m.h, right: p.col + m.w }));
          }
          wb.user.select('Sheet1', toA1(at.row, at.col));
          const before = wb.snapshot();
          const result = await insertPlan(createMemoryExcel(wb), render, { onlyAtSelection });
          const after = wb.snapshot();
          for (const [a, c] of Object.entries(before.sheets[0].cells)) expect(after.sheets[0].cells[a]).toEqual(c);
          for (const m of before.sheets[0].merges) expect(after.sheets[0].merges).toContain(m);
          if (onlyAtSelection) {
            expect(result.ok).toBe(false);
            expect(after).toEqual(before);
          } else {
            expect(result).toMatchObject({ ok: true, placed: 'below' });
            if (result.ok) {
              placedBelow++;
              const r = parseRange(result.range);
              for (const m of before.sheets[0].merges) expect(overlaps(parseRange(m), r)).toBe(false);
              for (const a of Object.keys(before.sheets[0].cells)) expect(overlaps(parseRange(a), r)).toBe(false);
            }
          }
        },
      ),
      { seed: 4242, numRuns: 40 },
    );
    expect(placedBelow).toBeGreaterThan(0);
  });

  it('a protected sheet: refused before writing, nothing changes', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setFill('Sheet1', 'B3:F9', '#00B050');
    wb.user.setValues('Sheet1', 'A1', [['已有']], { fireEvent: false });
    wb.user.protect('Sheet1');
    wb.user.select('Sheet1', 'B3');
    const before = wb.snapshot();
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/受保护/);
    expect(wb.snapshot()).toEqual(before);
    // negative control: unprotected, the same insertion writes
    wb.user.protect('Sheet1', false);
    expect((await insertPlan(createMemoryExcel(wb), render)).ok).toBe(true);
    expect(wb.snapshot()).not.toEqual(before);
  });
});

describe('insertion at the edges', () => {
  it('a used range that reaches the last row of the sheet: nothing fits below it, the free selection is used', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1048576', [['最后一行']], { fireEvent: false });
    wb.user.setValues('Sheet1', 'A1', [['已有']], { fireEvent: false });
    wb.user.select('Sheet1', 'C3');
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result).toMatchObject({ ok: true, placed: 'selection' });
    // the selection taken: nowhere else to go, and nothing overwritten
    wb.user.select('Sheet1', 'A1');
    const before = wb.snapshot();
    const refused = await insertPlan(createMemoryExcel(wb), render);
    expect(refused.ok).toBe(false);
    expect(refused.ok ? '' : refused.reason).toMatch(/A1.*已有.*已用区域下方也无法放置.*超出工作表范围/);
    expect(wb.snapshot()).toEqual(before);
  });

  it('a read that fails before writing: a Chinese reason, nothing written', async () => {
    const wb = new MemoryWorkbook();
    wb.user.setValues('Sheet1', 'A1', [['已有']], { fireEvent: false });
    wb.user.setFill('Sheet1', 'C3:E5', '#FFFF00');
    wb.user.select('Sheet1', 'B2');
    const before = wb.snapshot();
    const take = wb.takeFault.bind(wb);
    let n = 0;
    wb.takeFault = (ops: number) => {
      if (++n === 2) wb.injectFault(0, ops - 1); // the last command of the read fails
      return take(ops);
    };
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/插入前读取工作表失败，未写入任何内容/);
    expect(wb.snapshot()).toEqual(before);
  });
});
