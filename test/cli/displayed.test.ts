/**
 * Values are read as the clerk sees them (issue 21, docs/domain.md §7), in every path: the same grid —
 * one 指标值 per format class (a date, a time, a percent, thousands separators, a currency, a count the
 * format names, the text format, a formula's result) — gives the same findings read directly, through
 * the add-in's reader on the in-memory Excel, and from .xlsx, .xls (BIFF8), .ods, XML Spreadsheet 2003
 * and .docx files.
 */
import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { readSourceFile } from '../../src/files/read';
import type { Diagnostic } from '../../src/domain/model';
import { analyzeGrid } from '../../src/excel/analyze';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { readWorkbook } from '../../src/excel/read';
import { displayText } from '../../src/sheet/display';
import type { Grid } from '../../src/sheet/grid';
import { gridToDocx, gridToXls, gridToXml2003 } from '../helpers/formats';
import { writeGridXlsx } from '../helpers/grid-xlsx';
import { SheetBuilder, writeBlock, type Cell } from '../sheet/grid-builder';
import { tmpDir } from './helpers';

jest.setTimeout(60_000);

/** [format class, 二级, 三级, value, number format, what the clerk sees, rule ids expected at the cell] */
const CLASSES: [string, string, string, number | string, string | undefined, string, string[]][] = [
  ['date', '时效指标', '完成时间', 45626, 'yyyy"年"m"月"d"日"', '2024年11月30日', []],
  ['date (numeric)', '时效指标', '验收时间', 45626, 'yyyy/m/d', '2024/11/30', []],
  ['time', '时效指标', '每日清扫时间', 0.4375, 'h:mm', '10:30', []],
  ['percent', '质量指标', '村庄保洁覆盖率', 0.95, '0%', '95%', []],
  ['percent, bare', '质量指标', '垃圾清运及时率', 95, '0', '95', ['value/rate-without-percent']],
  ['thousands', '数量指标', '受益户数', 1200, '#,##0', '1,200', ['value/missing-unit']],
  ['currency', '成本指标', '保洁员工资', 3000, '"¥"#,##0.00', '¥3,000.00', []],
  ['count in the format', '数量指标', '保洁员人数', 12, '0"人"', '12人', []],
  ['text format', '数量指标', '补助村数', '39', '@', '39', ['value/missing-unit']],
];

const VALUE_COL = 5; // F: the 指标值 column of writeBlock

function grid(): Grid {
  const b = new SheetBuilder('Sheet1');
  const indicators: Cell[][] = CLASSES.map(([, l2, name], i) => [i === 0 ? '产出指标' : undefined, l2, name, '说明', 'placeholder', '计划']);
  indicators.push(['效益指标', '社会效益指标', '村容村貌', '改善', '明显改善', '经验'], ['满意度指标', '服务对象满意度指标', '村民满意度', '调查', '≥90%', '调查']);
  const end = writeBlock(b, { indicators, budget: 20, fiscal: 20, other: 0 });
  const first = end - indicators.length;
  CLASSES.forEach(([, , , v, fmt], i) => b.set(first + i, VALUE_COL, v, fmt));
  return { sheets: [b.build()], name: '2024年绩效目标表' };
}

const rowOf = (g: Grid, name: string) => g.sheets[0].values.findIndex((r) => r?.includes(name));
const at = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}@${d.cell}|${d.message}`).sort();
const noCell = (ds: Diagnostic[]) => ds.map((d) => `${d.ruleId}|${d.message.replace(/[A-Z]{1,3}\d+/g, '…')}`).sort();

let dir: string;
beforeAll(() => {
  dir = tmpDir('jxmb-displayed-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('each format class is read as displayed', () => {
  const g = grid();
  const direct = analyzeGrid(g, { year: 2024 });

  it.each(CLASSES.map((c) => [c[0], c] as const))('%s: the display text and the findings at the cell', (_k, c) => {
    const [, , name, v, fmt, shown, rules] = c;
    const r = rowOf(g, name);
    expect(displayText(v, fmt)).toBe(shown);
    const cell = direct.blocks[0].indicators.find((x) => x.level3.text === name)?.value;
    expect(cell?.text).toBe(shown);
    expect(r).toBeGreaterThan(0);
    expect(direct.diagnostics.filter((d) => d.cell === cell?.cell).map((d) => d.ruleId)).toEqual(rules);
  });

  it('a date is not told to take a unit, nor a thousands-separated count “如‘1200个’”', () => {
    expect(direct.diagnostics.map((d) => d.message).join('\n')).not.toMatch(/45626|0\.4375/);
    const households = direct.diagnostics.find((d) => d.message.includes('1,200'));
    expect(households?.message).toContain('如“1200户”');
  });

  it('the add-in path (in-memory Excel → readWorkbook) gives the same findings', async () => {
    const excel = createMemoryExcel(MemoryWorkbook.fromGrid(g));
    const read = await readWorkbook(excel);
    expect(at(analyzeGrid(read, { year: 2024 }).diagnostics)).toEqual(at(direct.diagnostics));
  });

  it('.xlsx (OOXML reader), with the date and the percent as formulas, gives the same findings', async () => {
    const file = path.join(dir, 'displayed.xlsx');
    await writeGridXlsx(g, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Sheet1') as ExcelJS.Worksheet;
    const date = ws.getCell(rowOf(g, '完成时间') + 1, VALUE_COL + 1);
    date.value = { formula: 'DATE(2024,11,30)', result: 45626 } as ExcelJS.CellFormulaValue;
    const pct = ws.getCell(rowOf(g, '村庄保洁覆盖率') + 1, VALUE_COL + 1);
    pct.value = { formula: '19/20', result: 0.95 } as ExcelJS.CellFormulaValue;
    await wb.xlsx.writeFile(file);
    const src = await readSourceFile(file);
    expect(src.format).toBe('xlsx');
    expect(at(analyzeGrid(src.grid, { year: 2024 }).diagnostics)).toEqual(at(direct.diagnostics));
  });

  it.each([
    ['xls', () => gridToXls(g)],
    ['ods', () => XLSX.write(XLSX.read(gridToXls(g), { type: 'buffer', cellNF: true }), { type: 'buffer', bookType: 'ods' }) as Buffer],
    ['xml2003', () => gridToXml2003(g)],
  ] as const)('%s gives the same findings', async (format, make) => {
    const file = path.join(dir, `displayed-${format}.${format === 'ods' ? 'ods' : 'xls'}`);
    fs.writeFileSync(file, make());
    const src = await readSourceFile(file);
    expect(src.format).toBe(format);
    expect(at(analyzeGrid(src.grid, { year: 2024 }).diagnostics)).toEqual(at(direct.diagnostics));
  });

  it('.docx (numbers as the text Word shows) gives the same findings', async () => {
    const file = path.join(dir, 'displayed.docx');
    fs.writeFileSync(file, await gridToDocx(g));
    const src = await readSourceFile(file);
    expect(src.format).toBe('docx');
    expect(noCell(analyzeGrid(src.grid, { year: 2024 }).diagnostics)).toEqual(noCell(direct.diagnostics));
  });
});
