/**
 * The in-memory Excel inserts, deletes, sorts, cuts and copies cells as Excel does
 * (src/imitation/excel/structure.ts cites the references), through the Office.js members and through
 * the clerk's own commands — including what happens to conditional formats and notes — and keeps
 * conditional formats as Office.js exposes them.
 */
import { createMemoryExcel, MemoryWorkbook, evaluateCondition } from '../../src/imitation/excel';
import type { XRequestContext } from '../../src/excel/api';
import { recordChanges } from './listen';

const cfs = (wb: MemoryWorkbook, sheet = 0) => wb.snapshot().sheets[sheet].conditionalFormats;
const cells = (wb: MemoryWorkbook, sheet = 0) => wb.snapshot().sheets[sheet].cells;
const notes = (wb: MemoryWorkbook, sheet = 0) => wb.snapshot().sheets[sheet].notes;

/** a small sheet: values down column A, a note, a merge, a format, and a conditional format over A2:A5 */
function book(): MemoryWorkbook {
  const wb = new MemoryWorkbook({ sheets: ['S', 'T'] });
  wb.user.setValues('S', 'A1:A6', [['一'], ['二'], ['三'], ['四'], ['五'], ['六']]);
  wb.user.setValues('S', 'B1:B6', [[6], [5], [4], [3], [2], [1]]);
  wb.user.addNote('S', 'A3', '三的批注');
  wb.user.setFill('S', 'A4', '#123456');
  wb.user.merge('S', 'C2:D3');
  wb.user.setRowHeight('S', 4, 30);
  wb.user.addConditionalFormat('S', 'A2:A5', '=TRUE', '#FF0000');
  return wb;
}

async function run<T>(wb: MemoryWorkbook, f: (ctx: XRequestContext) => T): Promise<T> {
  return createMemoryExcel(wb).run(async (ctx) => {
    const out = f(ctx);
    await ctx.sync();
    return out;
  });
}

describe('insert and delete rows, columns and cells', () => {
  test('rows inserted through a conditional format stretch it; cells, notes, merges and row heights move down', async () => {
    const wb = book();
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('3:4').insert('Down'));
    expect(cells(wb).A5.value).toBe('三');
    expect(cells(wb).A3).toBeUndefined(); // an inserted row is blank (the API gives no format)
    expect(notes(wb)).toEqual({ A5: '三的批注' });
    expect(cells(wb).A6.fill?.color).toBe('#123456');
    expect(wb.snapshot().sheets[0].merges).toEqual(['C2:D5']); // a merge the rows went through grows
    expect(wb.snapshot().sheets[0].rowHeights).toEqual({ '6': 30 });
    expect(cfs(wb)[0].ranges).toEqual(['A2:A7']);
  });

  test('at the edge of a format (right below it, right above it) the inserted cells do not join it — like a reference', async () => {
    const wb = book();
    wb.user.insertRows('S', 6); // below A2:A5
    expect(cfs(wb)[0].ranges).toEqual(['A2:A5']);
    wb.user.insertRows('S', 2); // above
    expect(cfs(wb)[0].ranges).toEqual(['A3:A6']);
  });

  test('the clerk’s inserted rows take the format of the row above (Insert Options’ default), not its values, notes or conditional formats', () => {
    const wb = book();
    wb.user.insertRows('S', 5, 2);
    expect(cells(wb).A5).toEqual({ value: '', fill: { color: '#123456', pattern: 'Solid', patternColor: null } });
    expect(cells(wb).A7.value).toBe('五');
    expect(cfs(wb)[0].ranges).toEqual(['A2:A7']);
  });

  test('rows deleted: cells and notes in them go, the rest moves up; a format with no cell left is gone', async () => {
    const wb = book();
    wb.user.addConditionalFormat('S', 'B3', '=TRUE', '#00FF00');
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A3:XFD3').delete('Up'));
    expect(cells(wb).A3.value).toBe('四');
    expect(notes(wb)).toEqual({});
    expect(cfs(wb).map((c) => c.ranges)).toEqual([['A2:A4']]);
    expect(wb.snapshot().sheets[0].merges).toEqual(['C2:D2']); // C2:D3 lost its second row
  });

  test('columns inserted and deleted move cells, widths and formats sideways', () => {
    const wb = book();
    wb.user.insertColumns('S', 'A');
    expect(cells(wb).B1.value).toBe('一');
    expect(cfs(wb)[0].ranges).toEqual(['B2:B5']);
    expect(wb.snapshot().sheets[0].merges).toEqual(['D2:E3']);
    wb.user.deleteColumns('S', 'A', 2);
    expect(cells(wb).A1.value).toBe(6);
    expect(cfs(wb)).toEqual([]);
  });

  test('cells shifted down in some columns only; refused where they would cut a merged area, or push content off the sheet', async () => {
    const wb = book();
    wb.user.insertCells('S', 'A2:B2', 'Down');
    expect(cells(wb).A3.value).toBe('二');
    expect(cells(wb).C2).toBeUndefined();
    expect(cfs(wb)[0].ranges).toEqual(['A3:A6']);
    expect(() => wb.user.insertCells('S', 'C3:C3', 'Down')).toThrow(/合并单元格/);
    expect(() => wb.user.deleteCells('S', 'D2', 'Left')).toThrow(/合并单元格/);
    wb.user.setValues('S', 'A1048576', [['底']]);
    await expect(run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A5').insert('Down'))).rejects.toMatchObject({ code: 'NonBlankCellOffSheet' });
  });

  test('a protected sheet refuses insertion unless its protection allows inserting rows', async () => {
    const wb = book();
    wb.user.protect('S');
    expect(() => wb.user.insertRows('S', 2)).toThrow(/protected/);
    await expect(run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('2:2').insert('Down'))).rejects.toMatchObject({ code: 'AccessDenied' });
    wb.user.protect('S', true, { allowInsertRows: true });
    wb.user.insertRows('S', 2);
    expect(cells(wb).A3.value).toBe('二');
  });

  test('the clerk’s insert and delete fire onChanged with their change type; the add-in’s with ThisLocalAddin', async () => {
    const wb = book();
    const excel = createMemoryExcel(wb);
    const seen = await recordChanges(excel);
    wb.user.insertRows('S', 2);
    wb.user.deleteColumns('S', 'B');
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A1:A2').insert('Right'));
    await wb.eventsDelivered();
    expect(seen.map((e) => [e.changeType, e.triggerSource])).toEqual([
      ['RowInserted', 'Unknown'],
      ['ColumnDeleted', 'Unknown'],
      ['CellInserted', 'ThisLocalAddin'],
    ]);
  });
});

describe('sort', () => {
  test('rows move whole — values, formats, notes; the conditional formats stay where they are; blanks go last', async () => {
    const wb = book();
    wb.user.setValues('S', 'B3', [['']]);
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A1:B6').sort.apply([{ key: 1, ascending: true }]));
    expect(Object.entries(cells(wb)).filter(([a]) => a.startsWith('A')).map(([a, c]) => `${a}=${c.value}`)).toEqual(['A1=六', 'A2=五', 'A3=四', 'A4=二', 'A5=一', 'A6=三']);
    expect(notes(wb)).toEqual({ A6: '三的批注' }); // with its row
    expect(cells(wb).A3.fill?.color).toBe('#123456'); // 四's fill went with it
    expect(cfs(wb)[0].ranges).toEqual(['A2:A5']); // the format did not
  });

  test('descending, with a header row, text after numbers; merged cells refuse', () => {
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    wb.user.setValues('S', 'A1:A6', [['标题'], [3], ['乙'], [10], ['甲'], ['']]);
    wb.user.sort('S', 'A1:A6', [{ key: 0, ascending: false }], true);
    expect(['A1', 'A2', 'A3', 'A4', 'A5', 'A6'].map((a) => cells(wb)[a]?.value ?? '')).toEqual(['标题', '乙', '甲', 10, 3, '']);
    wb.user.merge('S', 'A3:B3');
    expect(() => wb.user.sort('S', 'A1:B6', [{ key: 0, ascending: true }])).toThrow(/合并单元格/);
  });
});

describe('cut and paste, copy and paste', () => {
  test('moveTo: the cells go with their formats, notes and conditional formats; the source is left blank', async () => {
    const wb = book();
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A3:A4').moveTo('F10'));
    expect(cells(wb).F10.value).toBe('三');
    expect(cells(wb).F11.fill?.color).toBe('#123456');
    expect(notes(wb)).toEqual({ F10: '三的批注' });
    expect(cells(wb).A3).toBeUndefined();
    expect(cfs(wb)[0].ranges.sort()).toEqual(['A2', 'A5', 'F10:F11']);
  });

  test('moveTo another sheet: the format is copied there as a rule of that sheet', async () => {
    const wb = book();
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A2').moveTo('T!B2'));
    expect(cells(wb, 1).B2.value).toBe('二');
    expect(cfs(wb, 1)).toEqual([{ formula: '=TRUE', fill: '#FF0000', ranges: ['B2'] }]);
    expect(cfs(wb, 0)[0].ranges).toEqual(['A3:A5']);
  });

  test('copyFrom All: a copy with notes and conditional formats; the destination’s own formats give way; the source stays', async () => {
    const wb = book();
    wb.user.addConditionalFormat('S', 'H1:H9', '=TRUE', '#00FF00');
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('H3').copyFrom('A3:A4'));
    expect(cells(wb).H3.value).toBe('三');
    expect(notes(wb)).toEqual({ A3: '三的批注', H3: '三的批注' });
    const [green, red] = cfs(wb);
    expect(green.ranges).toEqual(['H1:H2', 'H5:H9']);
    expect(red.ranges.sort()).toEqual(['A2:A5', 'H3:H4']);
    expect(cells(wb).A3.value).toBe('三');
  });

  test('copyFrom Values leaves formats, notes and conditional formats of the destination alone', async () => {
    const wb = book();
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A4').copyFrom('B1', 'Values'));
    expect(cells(wb).A4).toMatchObject({ value: 6, fill: { color: '#123456' } });
    expect(cfs(wb)[0].ranges).toEqual(['A2:A5']);
  });

  test('the clerk’s Ctrl+C, Ctrl+V leaves the pasted block selected and, like a paste, may fire no event', async () => {
    const wb = book();
    const seen = await recordChanges(createMemoryExcel(wb));
    wb.user.copy('S', 'A2:A3', 'E1');
    await wb.eventsDelivered();
    expect(seen).toEqual([]);
    expect(wb.selection?.range).toEqual({ top: 0, left: 4, bottom: 1, right: 4 });
    expect(cfs(wb)[0].ranges.sort()).toEqual(['A2:A5', 'E1:E2']);
    wb.user.cut('S', 'E1:E2', 'G5');
    await wb.eventsDelivered();
    expect(seen.map((e) => e.address)).toEqual(['E1:E2', 'G5:G6']);
  });
});

describe('conditional formats as Office.js exposes them', () => {
  test('add puts a format at the top priority over every area of a RangeAreas; the collection loads each one’s rule; getRanges says where', async () => {
    const wb = book();
    const excel = createMemoryExcel(wb);
    await excel.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem('S').getRanges('B1:B2, D5').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=ISTEXT("x")';
      cf.custom.format.fill.color = '#abcdef';
      await ctx.sync();
    });
    const read = await excel.run(async (ctx) => {
      const all = ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.load({ id: true, type: true, priority: true, customOrNullObject: { rule: { formula: true }, format: { fill: { color: true } } } });
      await ctx.sync();
      const where = all.items.map((f) => f.getRanges().load({ address: true }));
      await ctx.sync();
      return all.items.map((f, i) => [f.priority, f.type, f.customOrNullObject.rule.formula, f.customOrNullObject.format.fill.color, where[i].address]);
    });
    expect(read).toEqual([
      [0, 'Custom', '=ISTEXT("x")', '#ABCDEF', 'S!B1:B2, S!D5'],
      [1, 'Custom', '=TRUE', '#FF0000', 'S!A2:A5'],
    ]);
    // a range's collection holds only the formats that overlap it
    const some = await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.load({ id: true }));
    expect(some.items).toHaveLength(0);
  });

  test('getItem of a format that is gone fails the sync (ItemNotFound); getItemOrNullObject needs ExcelApi 1.14; a protected sheet refuses changes', async () => {
    const wb = book();
    await expect(run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.getItem('{nope}').getRanges().load({ address: true }))).rejects.toMatchObject({ code: 'ItemNotFound' });
    const old = new MemoryWorkbook({ support: { excelApi: 13 } });
    await expect(run(old, (ctx) => ctx.workbook.worksheets.getItem('Sheet1').getRange().conditionalFormats.getItemOrNullObject('x'))).rejects.toMatchObject({ code: 'ApiNotFound' });
    wb.user.protect('S');
    await expect(run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.add('Custom'))).rejects.toMatchObject({ code: 'AccessDenied' });
    wb.user.protect('S', true, { allowFormatCells: true });
    await run(wb, (ctx) => ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.add('Custom'));
    expect(cfs(wb)).toHaveLength(2);
  });

  test('getRanges fails for a long multi-area address (office-js #5198): past 512 areas or 8,192 characters; switched off, it does not', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `A${2 * i + 1}`).join(',');
    const wb = new MemoryWorkbook();
    const areas = (address: string) => run(wb, (ctx) => ctx.workbook.worksheets.getItem('Sheet1').getRanges(address).load({ areaCount: true }));
    expect((await areas(many(512))).areaCount).toBe(512);
    await expect(areas(many(513))).rejects.toMatchObject({ code: 'InvalidArgument' });
    wb.behaviour.rangeAreasLimit = null;
    expect((await areas(many(513))).areaCount).toBe(513);
  });

  test('a custom rule is evaluated as far as the imitation can (for drawing in the preview)', () => {
    expect(evaluateCondition('=ISTEXT("jxmb-mark:error")')).toBe(true);
    expect(evaluateCondition('=AND(TRUE, NOT(ISTEXT(1)))')).toBe(true);
    expect(evaluateCondition('=OR(FALSE, ISTEXT(12))')).toBe(false);
    expect(evaluateCondition('=A1>3')).toBeNull();
  });
});
