/**
 * The in-memory Excel behaves like documented Excel (each behaviour cites its reference in
 * src/imitation/excel/state.ts `ExcelBehaviour`), and each behaviour can be switched off — the
 * negative control that shows the test would notice it missing.
 */
import type { XWorksheet } from '../../src/excel/api';
import { COMMAND_BYTES, createMemoryExcel, MemoryWorkbook, type ExcelBehaviour } from '../../src/imitation/excel';
import { recordChanges } from './listen';

function setup(behaviour: Partial<ExcelBehaviour> = {}, sheets = ['Sheet1']) {
  const wb = new MemoryWorkbook({ sheets, behaviour });
  return { wb, excel: createMemoryExcel(wb) };
}

describe('documented Excel, as the in-memory Excel imitates it', () => {
  test('getMergedAreasOrNullObject fails past 512 merged areas (its reference); 512 is fine; switched off, no limit', async () => {
    for (const [limit, count, fails] of [
      [512, 512, false],
      [512, 513, true],
      [null, 2000, false],
    ] as const) {
      const { wb, excel } = setup({ mergedAreasLimit: limit });
      for (let i = 0; i < count; i++) wb.user.merge('Sheet1', `A${2 * i + 1}:B${2 * i + 1}`);
      const run = excel.run(async (ctx) => {
        const areas = ctx.workbook.worksheets.getItem('Sheet1').getRange(`A1:B${2 * count}`).getMergedAreasOrNullObject().load({ areaCount: true });
        await ctx.sync();
        return areas.areaCount;
      });
      if (fails) await expect(run).rejects.toMatchObject({ code: 'InvalidOperation' });
      else await expect(run).resolves.toBe(count);
    }
  });

  test('Excel on the web refuses a request over 5 MB before doing anything; 20,000 single-cell writes are over it (the performance guide’s example)', async () => {
    const { wb, excel } = setup();
    await expect(
      excel.run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Sheet1');
        for (let row = 0; row < 10000; row++) ws.getRangeByIndexes(row, 1, 1, 1).values = [['1']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(wb.snapshot().sheets[0].cells).toEqual({}); // nothing applied
    expect(wb.syncLog.at(-1)).toMatchObject({ commands: 20002, error: 'RequestPayloadSizeLimitExceeded' }); // + the sheet and the worksheets collection
    expect(COMMAND_BYTES * 20000).toBeGreaterThan(5_000_000);
    // a desktop Excel has no payload limit
    wb.behaviour.payloadLimit = null;
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      for (let row = 0; row < 10000; row++) ws.getRangeByIndexes(row, 1, 1, 1).values = [['1']];
      await ctx.sync();
    });
    expect(wb.snapshot().sheets[0].cells.B10000.value).toBe(1);
  });

  test('a response over 5 MB fails and what it loaded is not available; under it, it is', async () => {
    const { wb, excel } = setup();
    const text = '绩'.repeat(200); // 600 bytes of UTF-8
    for (let row = 0; row < 10000; row++) wb.user.setValues('Sheet1', `A${row + 1}`, [[text]], { fireEvent: false });
    await excel.run(async (ctx) => {
      const big = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A10000').load({ values: true });
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
      expect(() => big.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      const half = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A5000').load({ values: true });
      await ctx.sync();
      expect(half.values).toHaveLength(5000);
    });
  });

  test('a read of more than 5,000,000 cells fails with RangeExceedsLimit', async () => {
    const { wb, excel } = setup();
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRangeByIndexes(0, 0, 1_000_001, 5).load({ values: true });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
    wb.behaviour.readCellLimit = 10;
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A11').getCellProperties({ format: { fill: { color: true } } });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'RangeExceedsLimit' });
    wb.behaviour.readCellLimit = null;
    const r = await excel.run(async (ctx) => {
      const x = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:A11').load({ values: true });
      await ctx.sync();
      return x.values.length;
    });
    expect(r).toBe(11);
  });

  test('No Fill reads #FFFFFF like a white fill (office-js #6218); pattern None and tintAndShade null tell them apart; switched off, null', async () => {
    const { wb, excel } = setup();
    wb.user.setFill('Sheet1', 'B1', '#FFFFFF');
    const read = () =>
      excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1:B1');
        const props = r.getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
        const a1 = ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').format.fill.load({ color: true });
        await ctx.sync();
        return { cells: props.value[0].map((p) => p.format?.fill), a1: a1.color };
      });
    expect(await read()).toEqual({
      cells: [
        { color: '#FFFFFF', pattern: 'None', tintAndShade: null },
        { color: '#FFFFFF', pattern: 'Solid', tintAndShade: 0 },
      ],
      a1: '#FFFFFF',
    });
    wb.behaviour.noFillAsWhite = false;
    expect((await read()).a1).toBeNull();
  });

  test('a protected sheet refuses formatting unless its options allow it, and locked cells; unlocked cells take values', async () => {
    const { wb, excel } = setup();
    wb.user.setLocked('Sheet1', 'B2', false);
    wb.user.protect('Sheet1');
    const write = (f: (ws: XWorksheet) => void) =>
      excel.run(async (ctx) => {
        f(ctx.workbook.worksheets.getItem('Sheet1'));
        await ctx.sync();
      });
    await expect(write((ws) => (ws.getRange('A1').format.fill.color = '#FF0000'))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(write((ws) => (ws.getRange('A1').values = [['x']]))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(write((ws) => (ws.getRange('A1').format.rowHeight = 30))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(write((ws) => ws.notes.add('A1', 'n'))).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(write((ws) => ws.getRange('A1:B1').merge())).rejects.toMatchObject({ code: 'AccessDenied' });
    await write((ws) => (ws.getRange('B2').values = [['可以']]));
    expect(wb.snapshot().sheets[0].cells.B2.value).toBe('可以');
    wb.user.protect('Sheet1', true, { allowFormatCells: true, allowFormatRows: true, allowEditObjects: true });
    await write((ws) => {
      ws.getRange('A1').format.fill.color = '#FF0000';
      ws.getRange('A1').format.rowHeight = 30;
      ws.notes.add('A1', 'n');
    });
    expect(wb.snapshot().sheets[0].cells.A1.fill?.color).toBe('#FF0000');
    await expect(write((ws) => (ws.getRange('A1').values = [['x']]))).rejects.toMatchObject({ code: 'AccessDenied' }); // still locked
    expect(() => wb.user.setValues('Sheet1', 'A1', [['typed']])).toThrow(/protected/); // the clerk cannot type there either
  });

  test('a string written to values that starts with = + - becomes a formula; in a text cell it stays text; switched off, text', async () => {
    const { wb, excel } = setup();
    wb.user.setNumberFormat('Sheet1', 'A2:F2', '@');
    const row = ['=100%', '-5%', '-', '+abc', '=1+1', '95%'];
    await excel.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Sheet1');
      ws.getRange('A1:F1').values = [row];
      ws.getRange('A2:F2').values = [row];
      await ctx.sync();
    });
    const c = wb.snapshot().sheets[0].cells;
    expect(['A1', 'B1', 'C1', 'D1', 'E1', 'F1'].map((a) => [c[a].value, c[a].formula])).toEqual([
      [1, '=100%'],
      [-0.05, undefined], // a signed percentage is a number, not a formula
      ['#NAME?', '=-'],
      ['#NAME?', '=+abc'],
      [2, '=1+1'],
      [0.95, undefined],
    ]);
    expect(['A2', 'B2', 'C2', 'D2', 'E2', 'F2'].map((a) => c[a].value)).toEqual(row);
    // the clerk typing a lone sign keeps it as text
    wb.user.setValues('Sheet1', 'A3', [['-']]);
    expect(wb.snapshot().sheets[0].cells.A3.value).toBe('-');
    wb.behaviour.formulaCoercion = false;
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A4').values = [['=100%']];
      await ctx.sync();
    });
    expect(wb.snapshot().sheets[0].cells.A4).toEqual({ value: '=100%' });
  });

  test('a co-author’s edit arrives with source Remote; the clerk’s with Local', async () => {
    const { wb, excel } = setup();
    const seen = await recordChanges(excel);
    wb.coauthor.setValues('Sheet1', 'A1', [['他们']]);
    wb.user.setValues('Sheet1', 'A2', [['我']]);
    await wb.eventsDelivered();
    expect(seen.map((e) => [e.address, e.source, e.triggerSource])).toEqual([
      ['A1', 'Remote', 'Unknown'],
      ['A2', 'Local', 'Unknown'],
    ]);
  });

  test('a dropdown pick, a paste and a fill-drag fire no onChanged (office-js #3888, #1110); switched off, they do', async () => {
    for (const silent of [true, false]) {
      const { wb, excel } = setup({ silentEdits: silent });
      const seen = await recordChanges(excel);
      wb.user.setValidation('Sheet1', 'B2', ['是', '否']);
      wb.user.pick('Sheet1', 'B2', '是');
      wb.user.paste('Sheet1', 'C2:D3', [
        ['1', '2'],
        ['3', '4'],
      ]);
      wb.user.fillDown('Sheet1', 'C2:C9');
      await wb.eventsDelivered();
      expect(wb.snapshot().sheets[0].cells.C9.value).toBe(1);
      expect(wb.snapshot().sheets[0].cells.B2.value).toBe('是');
      expect(seen).toHaveLength(silent ? 0 : 3);
    }
  });

  test('delayForCellEdit: the batch is built at once, its sync waits for the edit to end; without it, the sync fails and nothing applies', async () => {
    const { wb, excel } = setup();
    wb.user.beginCellEdit();
    let built = false;
    let done = false;
    const waiting = excel
      .run({ delayForCellEdit: true }, async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').values = [['later']];
        built = true;
        await ctx.sync();
      })
      .then(() => (done = true));
    await new Promise((r) => setTimeout(r, 10));
    expect([built, done]).toEqual([true, false]);
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem('Sheet1').getRange('A2').values = [['now']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
    expect(wb.snapshot().sheets[0].cells.A2).toBeUndefined();
    wb.user.endCellEdit();
    await waiting;
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('later');
  });
});
