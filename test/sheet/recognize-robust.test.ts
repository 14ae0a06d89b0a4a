import fc from 'fast-check';
import { recognize } from '../../src/sheet/recognize';
import type { GridSheet } from '../../src/sheet/grid';
import type { CellValue } from '../../src/domain/model';
import { SheetBuilder, writeBlock } from './grid-builder';

describe('recognize — never throws', () => {
  const cell: fc.Arbitrary<CellValue | undefined> = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.boolean(),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('项目编码', '项目名称', '预算数', '其中：财政资金', '其他资金', '预算规模及资金用途', '资金支出计划（%）', '绩效目标', '一级指标', '二级指标', '三级指标', '指标值', '单位：万元', '1.项目绩效目标表', '产出指标', '单位编码', '单位及项目名称', '金额（万元）', '绩效指标', '一、产出指标\n(一) 数量指标：\n1. 人数 3人', '407', '407001'),
    fc.record({ error: fc.constantFrom('#REF!', '#DIV/0!', '#N/A', '#VALUE!') }),
  );
  const merge = fc.record({ top: fc.integer({ min: -2, max: 30 }), left: fc.integer({ min: -2, max: 10 }), bottom: fc.integer({ min: -2, max: 40 }), right: fc.integer({ min: -2, max: 20 }) });
  const sheet: fc.Arbitrary<GridSheet> = fc.record({
    name: fc.string({ maxLength: 5 }),
    values: fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }),
    merges: fc.array(merge, { maxLength: 8 }),
  });

  it('returns a Recognition for random grids (labels, errors, ragged rows, overlapping merges)', () => {
    fc.assert(
      fc.property(fc.array(sheet, { maxLength: 3 }), fc.option(fc.string({ maxLength: 20 }), { nil: undefined }), (sheets, name) => {
        const rec = recognize({ sheets, name });
        expect(rec.sheets).toHaveLength(sheets.length);
        rec.blocks.forEach((b, i) => expect(b.index).toBe(i));
      }),
      { numRuns: 300 },
    );
  });

  it('survives holes, missing rows, error values and huge strings in a real block', () => {
    const b = new SheetBuilder();
    writeBlock(b, { budget: { error: '#REF!' }, name: 'x'.repeat(200000), goal: { error: '#N/A' } });
    const s = b.build();
    (s.values as unknown[])[20] = undefined; // a missing row past the block
    s.values[3] = [...s.values[3]];
    delete s.values[3][5]; // a hole
    s.merges.push({ top: 0, left: 0, bottom: 1_000_000, right: 16_000 }); // absurd merge
    const rec = recognize({ sheets: [s] });
    expect(rec.blocks).toHaveLength(1);
    expect(rec.blocks[0].budget?.text).toBe('#REF!');
    expect(rec.blocks[0].goal?.text).toBe('#N/A');
    expect(rec.blocks[0].name?.text).toHaveLength(200000);
  });

  it('tolerates a malformed grid object', () => {
    expect(recognize({ sheets: [] }).blocks).toEqual([]);
    expect(() => recognize({ sheets: [{ name: 'x', values: [null as unknown as CellValue[]], merges: [] }] })).not.toThrow();
    expect(() => recognize({} as never)).not.toThrow();
  });
});

describe('recognize — the same text repeated instead of merges', () => {
  it('reads a block whose merged areas repeat their text in every cell', () => {
    const b = new SheetBuilder();
    const t = '1.村级办公经费绩效目标表';
    b.row(0, 0, [t, t, t, t, t, t, t]);
    b.row(1, 0, ['813001某镇本级', '813001某镇本级', '813001某镇本级', '813001某镇本级', '813001某镇本级', '单位：万元', '单位：万元']);
    b.row(2, 0, ['项目编码', '130322219GER8HTIB96ND', '130322219GER8HTIB96ND', '项目名称', '村级办公经费', '村级办公经费', '村级办公经费']);
    b.row(3, 0, ['预算规模及资金用途', '预算数', 29.5, '其中：财政资金', 29.5, '其他资金', 0]);
    const u = '主要用于办公。';
    b.row(4, 0, ['预算规模及资金用途', u, u, u, u, u, u]);
    b.row(5, 0, ['资金支出计划（%）', '3月底', '6月底', '10月底', '12月底']);
    b.row(6, 0, ['资金支出计划（%）', '25%', '50%', '75%', '100%']);
    b.row(7, 0, ['绩效目标', '目标', '目标', '目标', '目标', '目标', '目标']);
    b.row(8, 0, ['一级指标', '二级指标', '三级指标', '绩效指标描述', '绩效指标描述', '指标值', '指标值确定依据']);
    b.row(9, 0, ['产出指标', '数量指标', '村数', '村数', '村数', '39个', '计划']);
    b.row(10, 0, ['产出指标', '质量指标', '合格率', '合格率', '合格率', '100%', '计划']);
    const rec = recognize({ sheets: [b.build()] });
    expect(rec.blocks).toHaveLength(1);
    const block = rec.blocks[0];
    expect(block.title?.cell).toBe('A1');
    expect(block.unitName?.cell).toBe('A2');
    expect(block.code?.cell).toBe('B3');
    expect(block.name?.cell).toBe('E3');
    expect(block.usage?.cell).toBe('B5');
    expect(block.plan?.checkpoints.map((f) => f.cell)).toEqual(['B6', 'C6', 'D6', 'E6']);
    expect(block.plan?.values.map((f) => f.text)).toEqual(['25%', '50%', '75%', '100%']);
    expect(block.indicators).toHaveLength(2);
    expect(block.indicators[0].description?.cell).toBe('D10');
    expect(block.indicators[0].value.cell).toBe('F10');
  });
});

/**
 * Cell reads of a sheet's values, counted: each row becomes a Proxy that counts reads of its cells.
 * How much of the grid recognition touches is exact and machine-independent; how long it takes is
 * `npm run bench`'s business (no test asserts a duration).
 */
function countReads(sheet: GridSheet): { reads: number; stored: number } {
  const n = { reads: 0, stored: 0 };
  sheet.values = sheet.values.map((row) => {
    if (!row) return row;
    n.stored += row.filter((v) => v !== undefined).length;
    return new Proxy(row, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) n.reads++;
        return Reflect.get(target, key, receiver);
      },
    });
  });
  return n;
}

describe('recognize — work grows with the cells, not faster', () => {
  const blocksSheet = (count: number) => {
    const b = new SheetBuilder();
    let r = 0;
    for (let i = 0; i < count; i++) r = writeBlock(b, { row: r, title: `${i + 1}.项目${i}绩效目标表`, name: `项目${i}` }) + 1;
    return b.build();
  };

  it('recognises a sheet of 1,000 blocks, reading each cell a bounded number of times; twice the blocks, twice the reads', () => {
    const reads: number[] = [];
    for (const count of [250, 500, 1000]) {
      const sheet = blocksSheet(count);
      const n = countReads(sheet);
      const rec = recognize({ sheets: [sheet] });
      expect(rec.blocks).toHaveLength(count);
      expect(rec.blocks[count - 1].name?.text).toBe(`项目${count - 1}`);
      expect(rec.blocks[count - 1].indicators).toHaveLength(7);
      expect(new Set(rec.blocks.map((x) => x.profile))).toEqual(new Set(['hebei-project']));
      expect(n.reads).toBeLessThan(10 * n.stored);
      reads.push(n.reads);
    }
    expect(reads[1] / reads[0]).toBeLessThan(2.2);
    expect(reads[2] / reads[1]).toBeLessThan(2.2);
  });

  it('a sheet with one long table and a far, sparse cell: reads follow the stored cells, not the used range', () => {
    const reads: number[] = [];
    for (const rowsCount of [5000, 10000, 20000]) {
      const b = new SheetBuilder();
      const rows = Array.from({ length: rowsCount }, (_, i) => ['产出指标', '数量指标', `指标${i}`, '', `${i}个`, '计划'] as (string | undefined)[]);
      writeBlock(b, { indicators: rows });
      b.set(30000, 16000, '远处的单元格'); // the used range is 30,001 × 16,001 cells
      const sheet = b.build();
      const n = countReads(sheet);
      const rec = recognize({ sheets: [sheet] });
      expect(rec.blocks[0].indicators).toHaveLength(rowsCount);
      expect(rec.blocks[0].indicators[rowsCount - 1].value.text).toBe(`${rowsCount - 1}个`);
      expect(n.reads).toBeLessThan(10 * n.stored);
      reads.push(n.reads);
    }
    expect(reads[1] / reads[0]).toBeLessThan(2.2);
    expect(reads[2] / reads[1]).toBeLessThan(2.2);
  });
});

