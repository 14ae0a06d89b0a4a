/**
 * Issue 19: a pane command (insert a template, a fix) is all-or-nothing, and never waits on the
 * clerk's cell edit. One test per refusal, each comparing the whole workbook (values, formats,
 * merges, notes, validation, sizes: `wb.snapshot()`) before and after. The rollback is verified by
 * reading it back: the negative controls drop the rollback's writes (the read-back in the same sync
 * still runs) and the command must then say the sheet is NOT as it was — a read-back that was
 * skipped, or that did not look at merges, would report “已撤回” instead.
 */
import { blockRenderer } from '../../scripts/bench-excel';
import type { Diagnostic } from '../../src/domain/model';
import { analyzeGrid } from '../../src/excel/analyze';
import { applyFixes } from '../../src/excel/fix';
import { insertPlan } from '../../src/excel/insert';
import { createMemoryExcel, MemoryRequestContext, MemoryWorkbook } from '../../src/imitation/excel';
import type { Grid } from '../../src/sheet/grid';
import { decorate, fixtureGrid, withFixableProblems } from './helpers';

type Queued = { member?: string };
type Sync = (this: { queue: Queued[] }, passThroughValue?: unknown) => Promise<unknown>;

/**
 * The `nth` sync from now (1-based) goes without its queued writes that `drop` picks (loads stay):
 * a rollback that was skipped or incomplete, with its read-back intact. Returns the undo.
 */
function dropWrites(nth: number, drop: (member: string) => boolean = () => true): () => void {
  const proto = MemoryRequestContext.prototype as unknown as { sync: Sync };
  const sync = proto.sync;
  let n = 0;
  proto.sync = function (this: { queue: Queued[] }, passThroughValue?: unknown) {
    if (++n === nth) this.queue = this.queue.filter((c) => c.member === undefined || !drop(c.member));
    return sync.call(this, passThroughValue);
  };
  return () => {
    proto.sync = sync;
  };
}

/** the `nth` sync from now (1-based) fails at command `at`; the commands before it stay applied, as in Excel */
function failSync(wb: MemoryWorkbook, nth: number, at: number): void {
  const take = wb.takeFault.bind(wb);
  let n = 0;
  wb.takeFault = (ops: number) => {
    if (++n === nth) {
      wb.takeFault = take;
      wb.injectFault(0, at);
    }
    return take(ops);
  };
}

/** the command counts of each sync `f` makes */
async function syncSizes(wb: MemoryWorkbook, f: () => Promise<unknown>): Promise<number[]> {
  const sizes: number[] = [];
  const take = wb.takeFault.bind(wb);
  wb.takeFault = (ops: number) => {
    sizes.push(ops);
    return take(ops);
  };
  await f();
  wb.takeFault = take;
  return sizes;
}

describe('inserting a template: a refusal after part of it was written', () => {
  const render = blockRenderer();
  /** a sheet the clerk formatted where the block goes, with a merged area and values beside it */
  function sheet(): MemoryWorkbook {
    const wb = new MemoryWorkbook();
    const u = wb.user;
    u.setValues('Sheet1', 'A1', [['已有内容']], { fireEvent: false });
    u.merge('Sheet1', 'K1:L2');
    u.setValues('Sheet1', 'K1', [['合并的']], { fireEvent: false });
    u.setFill('Sheet1', 'B3:E8', '#FFFF00');
    u.setNumberFormat('Sheet1', 'C4:H25', '@');
    u.setNumberFormat('Sheet1', 'F9', '0.000');
    u.setFont('Sheet1', 'B3:H20', { name: '宋体', size: 12, italic: true });
    u.select('Sheet1', 'B3');
    return wb;
  }
  async function writeSize(): Promise<number> {
    const wb = sheet();
    const sizes = await syncSizes(wb, () => insertPlan(createMemoryExcel(wb), render));
    expect(sizes).toHaveLength(3); // where, what is there, the write
    return sizes[2];
  }

  test('Excel refuses a command in the middle of the write: put back, read back, the whole workbook as before', async () => {
    const write = await writeSize();
    const wb = sheet();
    const before = wb.snapshot();
    failSync(wb, 3, Math.floor(write / 2));
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result).toEqual({ ok: false, sheet: 'Sheet1', reason: expect.stringMatching(/^插入失败，已撤回：/) });
    expect(wb.snapshot()).toEqual(before);
  });

  test('negative control: the rollback’s writes lost — the read-back says the sheet is not as it was', async () => {
    const write = await writeSize();
    const wb = sheet();
    const before = wb.snapshot();
    failSync(wb, 3, write - 1);
    const undo = dropWrites(4);
    let result;
    try {
      result = await insertPlan(createMemoryExcel(wb), render);
    } finally {
      undo();
    }
    expect(result).toEqual({ ok: false, sheet: 'Sheet1', reason: expect.stringMatching(/^插入失败：.*撤回后 B3:.* 与原来不一致/) });
    expect(wb.snapshot()).not.toEqual(before);
  });

  test('negative control: only the unmerge lost — the read-back looks at merges too', async () => {
    const write = await writeSize();
    const wb = sheet();
    const before = wb.snapshot();
    failSync(wb, 3, write - 1);
    const undo = dropWrites(4, (m) => m === 'Range.unmerge');
    let result;
    try {
      result = await insertPlan(createMemoryExcel(wb), render);
    } finally {
      undo();
    }
    expect(result).toEqual({ ok: false, sheet: 'Sheet1', reason: expect.stringMatching(/撤回后 .* 与原来不一致/) });
    const after = wb.snapshot();
    expect(after.sheets[0].cells).toEqual(before.sheets[0].cells); // values and formats did come back
    expect(after.sheets[0].merges).not.toEqual(before.sheets[0].merges);
  });

  test('a protected sheet: refused before writing, nothing changes', async () => {
    const wb = sheet();
    wb.user.protect('Sheet1');
    const before = wb.snapshot();
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result).toEqual({ ok: false, sheet: 'Sheet1', reason: expect.stringMatching(/受保护/) });
    expect(wb.snapshot()).toEqual(before);
  });

  test('the clerk is editing a cell: fails at once with what to do (office-js #806), nothing written', async () => {
    const wb = sheet();
    const before = wb.snapshot();
    wb.user.beginCellEdit();
    const result = await insertPlan(createMemoryExcel(wb), render);
    expect(result).toEqual({ ok: false, reason: expect.stringMatching(/编辑单元格.*（未插入表格）/) });
    wb.user.endCellEdit();
    expect(wb.snapshot()).toEqual(before);
  });
});

describe('a fix: each refusal leaves the workbook exactly as it was', () => {
  async function setup() {
    const raw = await fixtureGrid('hebei-2025-zhangerzhuang.xlsx');
    const { grid } = withFixableProblems(raw, analyzeGrid({ sheets: raw.sheets }).blocks);
    const fixes = analyzeGrid({ sheets: grid.sheets }).diagnostics.filter((d) => d.fix);
    expect(fixes.length).toBeGreaterThan(1);
    const make = () => {
      const wb = MemoryWorkbook.fromGrid(grid);
      decorate(wb, fixes[0].sheet, fixes.map((d) => d.fix!.cell), 3);
      return wb;
    };
    return { grid: grid as Grid, fixes: fixes as Diagnostic[], make };
  }

  test('a write refused mid-batch: put back, read back, the whole workbook as before', async () => {
    const { grid, fixes, make } = await setup();
    const counted = make();
    const sizes = await syncSizes(counted, () => applyFixes(createMemoryExcel(counted), fixes, grid));
    expect(sizes).toHaveLength(2); // read, write
    const write = sizes[1];
    const wb = make();
    const before = wb.snapshot();
    failSync(wb, 2, Math.floor(write / 2));
    await expect(applyFixes(createMemoryExcel(wb), fixes, grid)).rejects.toThrow(/^修复失败，已撤回：/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('negative control: the rollback’s writes lost — the read-back names the cells not put back', async () => {
    const { grid, fixes, make } = await setup();
    const counted = make();
    const write = (await syncSizes(counted, () => applyFixes(createMemoryExcel(counted), fixes, grid)))[1];
    const wb = make();
    const before = wb.snapshot();
    failSync(wb, 2, write - 1);
    const undo = dropWrites(3);
    try {
      await expect(applyFixes(createMemoryExcel(wb), fixes, grid)).rejects.toThrow(/^修复失败：.*撤回后 [A-Z]+\d+.* 与原来不一致/);
    } finally {
      undo();
    }
    expect(wb.snapshot()).not.toEqual(before);
  });

  test('a protected sheet (its cells locked): refused with the reason, nothing written', async () => {
    const { grid, fixes, make } = await setup();
    const wb = make();
    wb.user.protect(fixes[0].sheet);
    const before = wb.snapshot();
    const out = await applyFixes(createMemoryExcel(wb), fixes, grid);
    expect(out.applied).toEqual([]);
    expect(out.refused.length).toBeGreaterThanOrEqual(fixes.length);
    for (const r of out.refused) expect(r.reason).toMatch(/受保护/);
    expect(wb.snapshot()).toEqual(before);
  });

  test('the clerk is editing a cell: fails at once with what to do (office-js #806), nothing written', async () => {
    const { grid, fixes, make } = await setup();
    const wb = make();
    const before = wb.snapshot();
    wb.user.beginCellEdit();
    await expect(applyFixes(createMemoryExcel(wb), fixes, grid)).rejects.toThrow(/编辑单元格.*（未修复）/);
    wb.user.endCellEdit();
    expect(wb.snapshot()).toEqual(before);
  });
});
