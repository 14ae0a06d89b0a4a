/**
 * The WPS host reads a sheet as the Office.js adapter does: the same grid (values, number formats,
 * merged areas, rows and columns from A1) from the same content in the WPS imitation and the
 * in-memory Excel, and so the values as the clerk sees them (src/sheet/display.ts).
 */
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { readWorkbook } from '../../src/excel/read';
import { WpsImitation } from '../../src/imitation/wps';
import { displayText } from '../../src/sheet/display';
import { cellFormat, cellValue } from '../../src/sheet/grid';
import { readGrid } from '../../src/wps/read';

const CONTENT: { a1: string; value: string | number; format?: string }[] = [
  { a1: 'C3', value: '预算数' },
  { a1: 'D3', value: 20.5, format: '0.00' },
  { a1: 'C4', value: '满意度' },
  { a1: 'D4', value: 0.95, format: '0%' },
  { a1: 'E4', value: '≥90%', format: '@' },
  { a1: 'C5', value: 45658, format: 'yyyy-mm-dd' },
  { a1: 'F6', value: '依据' },
];

test('the same grid from WPS as from Excel: values, number formats, merged areas; shown as the clerk sees them', async () => {
  const wps = new WpsImitation({ sheets: ['表1'] });
  const mem = new MemoryWorkbook({ sheets: ['表1'] });
  for (const c of CONTENT) {
    wps.user.setValue('表1', c.a1, c.value);
    mem.user.setValues('表1', c.a1, [[c.value]]);
    if (c.format) {
      wps.user.setNumberFormat('表1', c.a1, c.format);
      mem.user.setNumberFormat('表1', c.a1, c.format);
    }
  }
  wps.user.merge('表1', 'D5:F5');
  mem.user.merge('表1', 'D5:F5');
  // a number format on an empty cell is not content
  wps.user.setNumberFormat('表1', 'G9', '0.00');
  mem.user.setNumberFormat('表1', 'G9', '0.00');

  const w = readGrid(wps).sheets[0];
  const e = (await readWorkbook(createMemoryExcel(mem))).sheets[0];
  expect(w.merges).toEqual(e.merges);
  expect(w.merges).toEqual([{ top: 4, left: 3, bottom: 4, right: 5 }]);
  for (let r = 0; r < 10; r++)
    for (let c = 0; c < 8; c++) {
      expect([r, c, cellValue(w, r, c)]).toEqual([r, c, cellValue(e, r, c)]);
      expect([r, c, cellFormat(w, r, c)]).toEqual([r, c, cellFormat(e, r, c)]);
    }
  expect(displayText(cellValue(w, 3, 3), cellFormat(w, 3, 3))).toBe('95%');
  expect(displayText(cellValue(w, 2, 3), cellFormat(w, 2, 3))).toBe('20.50');
  expect(displayText(cellValue(w, 4, 2), cellFormat(w, 4, 2))).toBe('2025-01-01');
});
