/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read, office-addins/call-sync-after-load --
   this file deliberately reads unloaded/unsynced properties to test that the in-memory Excel throws like Excel does */
import type { XChangedEventArgs } from '../../src/excel/api';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { recordChanges } from './listen';

function setup(opts: ConstructorParameters<typeof MemoryWorkbook>[0] = {}) {
  const wb = new MemoryWorkbook(opts);
  return { wb, excel: createMemoryExcel(wb) };
}

describe('in-memory Excel semantics', () => {
  test('reading a property that was not loaded and synced throws PropertyNotLoaded', async () => {
    const { wb, excel } = setup();
    wb.user.setValues('Sheet1', 'A1', [['x']]);
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1');
      expect(() => r.values).toThrow(/not available/);
      r.load({ values: true });
      expect(() => r.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(r.values).toEqual([['x']]);
      // loaded values, but not numberFormat
      expect(() => r.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  test('writes are queued and applied at sync; a load sees the state at its place in the queue', async () => {
    const { wb, excel } = setup();
    wb.user.setValues('Sheet1', 'B2', [['old']]);
    await excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('B2');
      const before = ctx.workbook.worksheets.getItem('Sheet1').getRange('B2').load({ values: true });
      r.values = [['new']];
      const after = ctx.workbook.worksheets.getItem('Sheet1').getRange('B2').load({ values: true });
      expect(wb.snapshot().sheets[0].cells.B2.value).toBe('old'); // nothing applied yet
      await ctx.sync();
      expect(before.values).toEqual([['old']]);
      expect(after.values).toEqual([['new']]);
      expect(wb.snapshot().sheets[0].cells.B2.value).toBe('new');
    });
  });

  test('every sync is counted', async () => {
    const { wb, excel } = setup();
    const start = wb.syncCount;
    await excel.run(async (ctx) => {
      await ctx.sync();
      await ctx.sync();
    });
    expect(wb.syncCount - start).toBe(2);
  });

  test('change events fire after the sync, not inside it, with ThisLocalAddin for the add-in and Unknown for the user', async () => {
    const { wb, excel } = setup();
    const seen = await recordChanges(excel);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1').values = [[1, 2]];
      await ctx.sync();
      expect(seen).toHaveLength(0); // not delivered inside the sync
    });
    await wb.eventsDelivered();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ address: 'A1:B1', triggerSource: 'ThisLocalAddin', changeType: 'RangeEdited' });

    wb.user.setValues('Sheet1', 'C3', [['typed']]);
    wb.user.setValues('Sheet1', 'A5', [
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(seen).toHaveLength(1);
    await wb.eventsDelivered();
    expect(seen[1]).toMatchObject({ address: 'C3', triggerSource: 'Unknown', details: { valueBefore: '', valueAfter: 'typed' } });
    expect(seen[2]).toMatchObject({ address: 'A5:B6', triggerSource: 'Unknown' });
    expect(seen[2].details).toBeUndefined(); // multi-cell changes carry no details
  });

  test('a user change can fire no event at all (e.g. some dropdown picks)', async () => {
    const { wb, excel } = setup();
    const seen = await recordChanges(excel);
    wb.user.setValues('Sheet1', 'A1', [['x']], { fireEvent: false });
    await wb.eventsDelivered();
    await new Promise((r) => setTimeout(r, 5));
    expect(seen).toHaveLength(0);
  });

  test('*OrNullObject: isNullObject is known after sync only; getItem of a missing sheet fails the sync', async () => {
    const { excel } = setup();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('nope');
      const there = ctx.workbook.worksheets.getItemOrNullObject('Sheet1');
      expect(() => missing.isNullObject).toThrow();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(there.isNullObject).toBe(false);
      ctx.workbook.worksheets.getItem('nope').getRange('A1').load({ values: true });
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
  });

  test('a failing command rejects the sync; the commands before it stay applied (as in Excel)', async () => {
    const { wb, excel } = setup();
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A1').values = [['first']];
        ws.getRange('A2:B2').values = [['only one']]; // wrong shape
        ws.getRange('A3').values = [['never']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    const cells = wb.snapshot().sheets[0].cells;
    expect(cells.A1.value).toBe('first');
    expect(cells.A3).toBeUndefined();
  });

  test('typed input is parsed like Excel: numeric text → number, 25% → 0.25 with a % format, text format keeps text', async () => {
    const { wb, excel } = setup();
    wb.user.setNumberFormat('Sheet1', 'C1', '@');
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:C1').values = [['20.00', '25%', '130324210000000000001']];
      await ctx.sync();
    });
    const c = wb.snapshot().sheets[0].cells;
    expect(c.A1).toMatchObject({ value: 20 });
    expect(c.B1).toMatchObject({ value: 0.25, numberFormat: '0%' });
    expect(c.C1).toMatchObject({ value: '130324210000000000001', numberFormat: '@' });
    wb.user.setValues('Sheet1', 'D1', [['95百分比']]);
    expect(wb.snapshot().sheets[0].cells.D1.value).toBe('95百分比');
  });

  test('Excel.run fails in cell-edit mode unless delayForCellEdit, which waits for the edit to end', async () => {
    const { wb, excel } = setup();
    wb.user.beginCellEdit();
    await expect(excel.run(async (ctx) => ctx.sync())).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    let done = false;
    const p = excel
      .run({ delayForCellEdit: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['later']];
        await ctx.sync();
      })
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(false);
    wb.user.endCellEdit();
    await p;
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('later');
  });

  test('no fill reads as #FFFFFF with pattern None; fills, merges and used range', async () => {
    const { wb, excel } = setup();
    wb.user.setValues('Sheet1', 'B2', [['a']]);
    wb.user.setFill('Sheet1', 'C3', '#00ff00');
    wb.user.merge('Sheet1', 'B5:D5');
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      const used = ws.getUsedRange().load({ address: true, rowIndex: true, columnIndex: true });
      const props = ws.getRange('B2:C3').getCellProperties({ format: { fill: { color: true, pattern: true } } });
      const merged = ws.getRange('A1:E9').getMergedAreasOrNullObject().load({ address: true });
      const none = ws.getRange('A1:A2').getMergedAreasOrNullObject();
      await ctx.sync();
      expect(used.address).toBe('Sheet1!B2:D5');
      expect(props.value[0][0].format?.fill).toEqual({ color: '#FFFFFF', pattern: 'None' });
      expect(props.value[1][1].format?.fill).toEqual({ color: '#00FF00', pattern: 'Solid' });
      expect(merged.address).toBe('Sheet1!B5:D5');
      expect(none.isNullObject).toBe(true);
    });
  });

  test('an API missing from an older Excel is not there (degrade tests rely on it)', async () => {
    const { wb, excel } = setup({ support: { excelApi: 12 } });
    expect(excel.isSetSupported('ExcelApi', '1.12')).toBe(true);
    expect(excel.isSetSupported('ExcelApi', '1.13')).toBe(false);
    const seen: XChangedEventArgs[] = [];
    await excel.run(async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').getMergedAreasOrNullObject()).toThrow(/1\.13/);
      expect(() => ctx.workbook.notes).toThrow(/1\.18/);
      ctx.workbook.worksheets.onChanged.add(async (e) => {
        seen.push(e);
      });
      await ctx.sync();
    });
    wb.user.setValues('Sheet1', 'A1', [['x']]);
    await wb.eventsDelivered();
    expect(seen[0].triggerSource).toBeUndefined();
  });

  test('fromGrid loads values (top-left of merges), formats and merges; snapshot reflects them', () => {
    const wb = MemoryWorkbook.fromGrid({
      sheets: [
        {
          name: '表1',
          values: [['标题'], [null, 0.25, { error: '#REF!' }]],
          formats: [[], [undefined, '0%']],
          merges: [{ top: 0, left: 0, bottom: 0, right: 2 }],
        },
      ],
    });
    const s = wb.snapshot().sheets[0];
    expect(s.name).toBe('表1');
    expect(s.cells.A1.value).toBe('标题');
    expect(s.cells.B2).toMatchObject({ value: 0.25, numberFormat: '0%' });
    expect(s.cells.C2.value).toBe('#REF!');
    expect(s.merges).toEqual(['A1:C1']);
  });
});

describe('Excel.run(context, batch)', () => {
  it('resumes the context an event handler was added in, so the handler can be removed there', async () => {
    const wb = MemoryWorkbook.fromGrid({ sheets: [{ name: 'Sheet1', values: [['a']], merges: [] }] });
    const excel = createMemoryExcel(wb);
    const result = await excel.run(async (ctx) => {
      const h = ctx.workbook.worksheets.onChanged.add(async () => undefined);
      await ctx.sync();
      return h;
    });
    expect(wb.changedListeners.size).toBe(1);
    await excel.run(result.context, async (ctx) => {
      expect(ctx).toBe(result.context);
      result.remove();
      await ctx.sync();
    });
    expect(wb.changedListeners.size).toBe(0);
  });
});
