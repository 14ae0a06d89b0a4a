/**
 * What the 一体化 system exports — XML Spreadsheet 2003, named .xls — read and recognised as its
 * layouts (hebei-yth-annual, hebei-yth-info), with the findings of the same workbook as .xlsx: the
 * amounts in 元 with the zero-shown-blank format, the split 指标值, the 汇总 sheet.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readSourceFile } from '../../src/files/read';
import { ReportSchema, type ReportFile } from '../../src/cli/report';
import { ythWorkbook } from '../findings/yth-workbook';
import { gridToXml2003 } from '../helpers/formats';
import { writeGridXlsx } from '../helpers/grid-xlsx';
import { SheetBuilder } from '../sheet/grid-builder';
import { writeAnnual, YTH_MONEY } from '../sheet/yth-builder';
import { run, tmpDir } from './helpers';

let dir: string;
beforeAll(() => {
  dir = tmpDir('jxmb-yth-xml-');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const where = (f: ReportFile) => f.diagnostics.map((d) => `${d.ruleId}|${d.severity}|${d.sheet}!${d.cell}|${d.message}`).sort();

it('one 申报表 exported by the system as XML Spreadsheet 2003 (.xls): read as such, recognised as hebei-yth-annual', async () => {
  const b = new SheetBuilder('项目支出绩效目标申报表');
  // 其他资金 left at 0: the system shows it blank through its [=0]"" format
  writeAnnual(b, { amounts: [156000, 156000, 100000, 56000, 0] });
  const file = path.join(dir, '2024年农村保洁员经费.xls');
  fs.writeFileSync(file, gridToXml2003({ sheets: [b.build()] }, { title: '项目支出绩效目标申报表' }));
  const source = await readSourceFile(file);
  expect(source.format).toBe('xml2003');
  expect(source.grid.sheets[0].formats?.[6]?.[4]).toBe(YTH_MONEY);
  const r = await run(['check', '--format', 'json', file]);
  const f = ReportSchema.parse(JSON.parse(r.stdout)).files[0];
  expect(f.error).toBeNull();
  expect(f.blocks.map((x) => [x.profile, x.name])).toEqual([['hebei-yth-annual', '2024年农村保洁员经费']]);
  expect(f.year).toBe(2024);
  expect(f.diagnostics.filter((d) => d.ruleId.startsWith('total/'))).toEqual([]);
});

it('a whole 一体化 workbook as XML 2003 gives the blocks and findings of the same workbook as .xlsx', async () => {
  const grid = ythWorkbook();
  const xml = path.join(dir, '安山镇2024年一体化导出.xls');
  const xlsx = path.join(dir, '安山镇2024年一体化导出.xlsx');
  fs.writeFileSync(xml, gridToXml2003(grid));
  await writeGridXlsx(grid, xlsx);
  const r = await run(['check', '--format', 'json', xml, xlsx]);
  const [a, b] = ReportSchema.parse(JSON.parse(r.stdout)).files;
  expect(a.error).toBeNull();
  expect(a.blocks.map((x) => x.profile).sort()).toEqual(['hebei-yth-annual', 'hebei-yth-annual', 'hebei-yth-info']);
  expect(a.blocks).toEqual(b.blocks);
  expect(a.year).toBe(b.year);
  expect(where(a)).toEqual(where(b));
  expect(a.diagnostics.some((d) => d.ruleId === 'total/funding-mismatch')).toBe(true);
  expect(a.diagnostics.some((d) => d.ruleId.startsWith('value/split-'))).toBe(true);
});
