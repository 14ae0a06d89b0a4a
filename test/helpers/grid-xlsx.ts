/**
 * Writes a Grid to an .xlsx file with ExcelJS — values, number formats, merges — so a workbook built
 * in a test goes through the same reader (src/files/read.ts) as a clerk's file.
 */
import ExcelJS from 'exceljs';
import type { Grid } from '../../src/sheet/grid';

export async function writeGridXlsx(grid: Grid, file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  for (const s of grid.sheets) {
    const ws = wb.addWorksheet(s.name);
    s.values.forEach((row, r) =>
      row?.forEach((v, c) => {
        const fmt = s.formats?.[r]?.[c];
        if ((v === undefined || v === null) && fmt === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (v !== undefined && v !== null) cell.value = typeof v === 'object' ? { error: v.error as ExcelJS.CellErrorValue['error'] } : v;
        if (fmt !== undefined) cell.numFmt = fmt;
      }),
    );
    for (const m of s.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  }
  await wb.xlsx.writeFile(file);
}
