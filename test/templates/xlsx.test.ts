import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { checkBlocks } from '../../src/domain/engine';
import { findType, parseHeader, projectTypes, type ProjectType, type TemplateHeader } from '../../src/domain/templates';
import { readWorkbookBuffer } from '../../src/files/read';
import { listFormula, templateXlsxBuffer } from '../../src/cli/template-xlsx';
import { recognize } from '../../src/sheet/recognize';
import { renderWorkbook } from '../../src/sheet/render';

function header(input: Record<string, unknown>): TemplateHeader {
  const r = parseHeader(input);
  if (!r.ok) throw new Error(r.errors.join('；'));
  return r.header;
}

async function load(buf: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets[0];
}

const H = header({ name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: 156.12, year: 2025, unitName: '安山镇人民政府本级', unitCode: '813001', plan: '25,50,75,100' });
const cleaners = findType('rural-cleaners') as ProjectType;

describe('the xlsx writer', () => {
  let ws: ExcelJS.Worksheet;
  let buf: Buffer;
  beforeAll(async () => {
    buf = await templateXlsxBuffer(renderWorkbook('hebei-project', [{ type: cleaners, header: H }]));
    ws = await load(buf);
  });

  test('values: numbers stay numbers, with two decimals; plan as %', () => {
    // the workbook title is row 1, the block starts at row 3
    expect(ws.getCell('A1').value).toBe('安山镇人民政府2025年部门预算项目绩效目标表');
    expect(ws.getCell('A3').value).toBe('2025年农村保洁员经费绩效目标表');
    expect(ws.getCell('C6').value).toBe(156.12);
    expect(typeof ws.getCell('C6').value).toBe('number');
    expect(ws.getCell('C6').numFmt).toBe('0.00');
    expect(ws.getCell('G6').value).toBe(0);
    expect(ws.getCell('B9').value).toBe(0.25);
    expect(ws.getCell('E9').value).toBe(1);
    expect(ws.getCell('E9').numFmt).toBe('0%');
    expect(ws.getCell('B5').value).toBe('130322250QXP1WKIBNS3X');
    expect(ws.getCell('B5').numFmt).toBe('@');
  });

  test('merges, wrap, borders and widths', () => {
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const m of ['A3:G3', 'A4:E4', 'F4:G4', 'B5:C5', 'E5:G5', 'A6:A7', 'B7:G7', 'B10:G10', 'D11:E11']) expect(merges).toContain(m);
    expect(ws.getCell('B10').alignment?.wrapText).toBe(true);
    expect(ws.getCell('A11').border?.top?.style).toBe('thin');
    expect(ws.getCell('G12').border?.right?.style).toBe('thin');
    expect(ws.getCell('A3').border?.top).toBeUndefined();
    expect(ws.getColumn(3).width).toBe(24);
    expect(ws.getRow(10).height).toBeGreaterThan(40);
  });

  test('data validations: dropdowns for 一级/二级 and checkpoints; prompts on the cells to fill', () => {
    const l1 = ws.getCell('A12').dataValidation;
    expect(l1?.type).toBe('list');
    expect(l1?.formulae).toEqual(['"产出指标,效益指标,满意度指标"']);
    expect(ws.getCell('B12').dataValidation?.formulae?.[0]).toContain('服务对象满意度指标');
    expect(ws.getCell('D8').dataValidation?.formulae).toEqual(['"10月底,9月底,三季度"']);
    const value = ws.getCell('F12').dataValidation;
    expect(value?.showInputMessage).toBe(true);
    expect(value?.prompt).toContain('人');
    expect(ws.getCell('B10').dataValidation?.promptTitle).toBe('绩效目标');
  });

  test('read back through the CLI reader, recognised and checked: only the goal is missing', async () => {
    const grid = await readWorkbookBuffer(buf, 'x.xlsx');
    const rec = recognize(grid);
    expect(rec.year).toBe(2025);
    expect(rec.blocks).toHaveLength(1);
    expect(rec.blocks[0].budget?.value).toBe(156.12);
    const diags = checkBlocks(rec.blocks, { year: rec.year }).filter((d) => d.ruleId.startsWith('table/'));
    expect(diags.map((d) => `${d.ruleId}@${d.cell}`)).toEqual(['table/missing-field@B10']);
  });

  test('page breaks: every block of a multi-block workbook starts a page', async () => {
    const items = projectTypes.slice(0, 3).map((type) => ({ type, header: H }));
    const wb = renderWorkbook('hebei-project', items);
    // ExcelJS writes row breaks but does not read them back: look at the sheet XML
    const zip = await JSZip.loadAsync(await templateXlsxBuffer(wb));
    const xml = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
    const breaks = [...xml.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1]));
    expect(breaks).toEqual([wb.plans[2].range.top, wb.plans[3].range.top]);
  });

  test('the disclosure list and every type of a profile write and read back', async () => {
    const items = projectTypes.map((type, i) => ({ type, header: header({ name: `项目${i + 1}`, budget: 1, unitCode: '407001', unitName: '某镇政府', year: 2023 }) }));
    const b = await templateXlsxBuffer(renderWorkbook('disclosure-list', items));
    const grid = await readWorkbookBuffer(b, 'list.xlsx');
    const rec = recognize(grid);
    expect(rec.blocks.filter((x) => x.listRole === 'project')).toHaveLength(items.length);
    expect(rec.blocks.find((x) => x.listRole === 'unit')?.budget?.value).toBe(items.length);
    const ws2 = await load(b);
    expect(ws2.getCell('E4').alignment?.wrapText).toBe(true);
    expect(String(ws2.getCell('E4').value)).toMatch(/^一、产出指标\n/);
  });

  test('listFormula refuses lists Excel cannot hold', () => {
    expect(listFormula(['a', 'b'])).toBe('"a,b"');
    expect(() => listFormula(['a,b'])).toThrow('逗号');
    expect(() => listFormula([Array(300).fill('x').join('')])).toThrow('过长');
  });
});
