/**
 * The 一体化 layouts live in Excel: the adapter (src/excel) reads the sheets into the same grid
 * and uses the same recogniser, so the 申报表 and the 信息表 are recognised and checked as the
 * clerk types — a total that no longer adds up, a whole value typed into the 值 cell (and its
 * split fix), a 汇总 amount on a sheet outside every block — beside a 部门整体 table that is left alone.
 */
import { analyzeGrid } from '../../src/excel/analyze';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { readWorkbook } from '../../src/excel/read';
import type { Grid } from '../../src/sheet/grid';
import { SheetBuilder } from '../sheet/grid-builder';
import { writeDepartment, writeSummary } from '../sheet/other-tables';
import { writeAnnual, writeInfo } from '../sheet/yth-builder';

function workbook(): Grid {
  const summary = new SheetBuilder('汇总');
  writeSummary(summary, [
    { name: '2024年农村保洁员经费', budget: 15.6, fiscal: 15.6, other: 0 },
    { name: '2024年村级办公经费', budget: 29.5, fiscal: 29.5, other: 0 },
  ], { title: '昌黎县安山镇人民政府2024年部门预算项目汇总表' });
  const annual = new SheetBuilder('申报表');
  writeAnnual(annual);
  const info = new SheetBuilder('信息表');
  writeInfo(info, { name: '2024年村级办公经费' });
  const dept = new SheetBuilder('部门整体');
  writeDepartment(dept);
  return { sheets: [summary.build(), annual.build(), info.build(), dept.build()] };
}

const at = (ds: { ruleId: string; sheet: string; cell: string }[]) => ds.map((d) => `${d.sheet}!${d.cell} ${d.ruleId}`);

describe('the 一体化 layouts in the in-memory Excel', () => {
  test('read through the adapter, the workbook gives the blocks and findings of the file reader; the 汇总 and 部门整体 sheets are no blocks', async () => {
    const grid = workbook();
    const wb = MemoryWorkbook.fromGrid(grid);
    const excel = createMemoryExcel(wb);
    const read = await readWorkbook(excel);
    const expected = analyzeGrid(grid, { year: 2024 });
    const viaExcel = analyzeGrid(read, { year: 2024 });
    expect(viaExcel.blocks.map((b) => [b.sheet, b.profile, b.name?.text])).toEqual([
      ['申报表', 'hebei-yth-annual', '2024年农村保洁员经费'],
      ['信息表', 'hebei-yth-info', '2024年村级办公经费'],
    ]);
    expect(viaExcel.blocks.map((b) => b.range)).toEqual(expected.blocks.map((b) => b.range));
    expect(viaExcel.diagnostics).toEqual(expected.diagnostics);
    expect(viaExcel.diagnostics).toEqual([]);
    // the zero-shown-blank format comes through the adapter: 其他资金 is 0, shown blank
    expect(viaExcel.blocks[0].other).toMatchObject({ value: 0, text: '' });
    expect(viaExcel.year).toBe(2024);
  });

  test('live: the clerk breaks a total, types a whole value into 值, changes a 汇总 amount — each problem at its cell; the split fix writes the three cells', async () => {
    const wb = MemoryWorkbook.fromGrid(workbook());
    const excel = createMemoryExcel(wb);
    const checker = createLiveChecker({ excel, debounceMs: 0 });
    const first = await checker.start();
    expect(first.blocks).toHaveLength(2);
    expect(at(first.diagnostics)).toEqual([]);

    wb.user.setValues('申报表', 'E9', [[90000]], { fireEvent: false }); // 上级补助: 90000 + 56000 ≠ 156000
    wb.user.setValues('信息表', 'D10:F10', [['', '≥95%', '']], { fireEvent: false }); // the whole value in 值
    wb.user.setValues('汇总', 'C5', [[30]], { fireEvent: false }); // 村级办公经费 29.5 → 30 … the 信息表 has no amount
    wb.user.setValues('汇总', 'C4', [[15.7]], { fireEvent: false }); // 保洁 15.6 → 15.7 against 156000 元
    const r = await checker.recheck();
    expect(at(r.diagnostics)).toEqual([
      '申报表!E8 total/funding-mismatch',
      '信息表!D10 value/split-operator',
      '信息表!E10 value/split-not-numeric',
      '汇总!C4 total/summary-mismatch',
    ]);
    const summary = r.diagnostics.find((d) => d.sheet === '汇总');
    expect(summary?.block).toBeNull();
    expect(checker.diagnosticsAt('汇总', 'C4').map((d) => d.ruleId)).toEqual(['total/summary-mismatch']);
    expect(checker.diagnosticsAt('信息表', 'E10').map((d) => d.ruleId)).toEqual(['value/split-not-numeric']);

    const split = r.diagnostics.find((d) => d.ruleId === 'value/split-not-numeric');
    const outcome = await checker.applyFix(split!);
    expect(outcome.applied).toHaveLength(1);
    const cells = wb.snapshot().sheets[2].cells;
    expect([cells.D10.value, cells.E10.value, cells.F10.value]).toEqual(['≥', 95, '%']);
    const after = checker.last!.diagnostics;
    expect(at(after)).toEqual(['申报表!E8 total/funding-mismatch', '汇总!C4 total/summary-mismatch']);
    await checker.dispose();
  });
});
