/** Hostile input for the html report tests: markup in a file name and in cell text. */
import ExcelJS from 'exceljs';
import { fixture } from './fixtures';

/** A file name a reviewer could receive, full of markup. */
export const HOSTILE_NAME = `<img src=x.png onerror="alert(1)">&'项目".xlsx`;

/** A workbook whose 项目名称 and a 指标值 carry markup (quoted by the messages). */
export async function hostileWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(fixture('hebei-2025-zhangerzhuang.xlsx'));
  const ws = wb.worksheets[0];
  ws.getCell('E5').value = '<script>alert("项目")</script>村办公经费';
  // a 指标值 that repeats its 三级指标 name: the message quotes it
  ws.getCell('C12').value = '<b>覆盖村数</b></td></tr></table><iframe src=x.html>';
  ws.getCell('F12').value = '<b>覆盖村数</b></td></tr></table><iframe src=x.html>';
  await wb.xlsx.writeFile(file);
}

