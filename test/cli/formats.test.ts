/**
 * Every format a reviewer receives gives the findings of the same tables as .xlsx: the three real
 * workbooks are written as Word .docx (the way the 部门预算 documents in data/seeds carry
 * them), XML Spreadsheet 2003 named .xls (the 一体化 export), Excel 97–2003 .xls, WPS .et,
 * OpenDocument .ods — and, written by LibreOffice rather than by us, test/fixtures/formats/*.
 * One folder holds them all; the format is told from the content, whatever the name says.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as XLSX from '@e965/xlsx';
import { readSourceFile, readWorkbookFile, type SourceFormat } from '../../src/files/read';
import { ReportSchema, type Report, type ReportFile } from '../../src/cli/report';
import type { Grid } from '../../src/sheet/grid';
import { fixture } from '../helpers/fixtures';
import { gridToDocx, gridToXls, gridToXml2003 } from '../helpers/formats';
import { run, tmpDir } from './helpers';

jest.setTimeout(120_000);

const FIXTURES = ['hebei-2021-anshan', 'hebei-2025-zhangerzhuang', 'disclosure-2023-haomen'];
const SEEDS: Record<string, string> = {
  'hebei-2021-anshan': '000_b74c3b7f25af12b3.txt',
  'hebei-2025-zhangerzhuang': '001_d78a732831ec7d8e.txt',
  'disclosure-2023-haomen': '004_6042772d099d8031.txt',
};
const SHIPPED = path.resolve(__dirname, '../fixtures/formats');
const SEEDS_DIR = path.resolve(__dirname, '../../data/seeds');

/** A file name → what it is made from and which format its content is (the name may say otherwise). */
const made = new Map<string, { base: string; format: SourceFormat }>();
let dir: string;
const grids = new Map<string, Grid>();

function odsOf(grid: Grid): Buffer {
  // through the BIFF writer's sibling: the same grid written by SheetJS as OpenDocument
  const wb = XLSX.read(gridToXls(grid), { type: 'buffer', cellNF: true });
  return XLSX.write(wb, { type: 'buffer', bookType: 'ods' }) as Buffer;
}

beforeAll(async () => {
  dir = tmpDir('jxmb-formats-');
  const put = (name: string, data: Buffer | string, base: string, format: SourceFormat): void => {
    fs.writeFileSync(path.join(dir, name), data);
    made.set(name, { base, format });
  };
  for (const base of FIXTURES) {
    fs.copyFileSync(fixture(`${base}.xlsx`), path.join(dir, `${base}.xlsx`));
    made.set(`${base}.xlsx`, { base, format: 'xlsx' });
    const grid = await readWorkbookFile(fixture(`${base}.xlsx`));
    grids.set(base, grid);
    put(`${base}.docx`, await gridToDocx(grid), base, 'docx');
    put(`${base}-一体化导出.xls`, gridToXml2003(grid), base, 'xml2003');
    put(`${base}-97.xls`, gridToXls(grid), base, 'xls');
    put(`${base}-wps.et`, gridToXls(grid), base, 'xls');
    put(`${base}.ods`, odsOf(grid), base, 'ods');
  }
  // what other programs wrote: LibreOffice's BIFF8 and ODS, an .xlsx saved under the WPS name
  for (const f of fs.readdirSync(SHIPPED).filter((n) => n.startsWith('hebei-2025-zhangerzhuang.'))) {
    fs.copyFileSync(path.join(SHIPPED, f), path.join(dir, `lo-${f}`));
    made.set(`lo-${f}`, { base: 'hebei-2025-zhangerzhuang', format: f.endsWith('.ods') ? 'ods' : 'xls' });
  }
  fs.copyFileSync(fixture('hebei-2025-zhangerzhuang.xlsx'), path.join(dir, 'xlsx-inside.et'));
  made.set('xlsx-inside.et', { base: 'hebei-2025-zhangerzhuang', format: 'xlsx' });
  // XML Spreadsheet 2003 saved as UTF-16 with a byte-order mark
  const xml = gridToXml2003(grids.get('hebei-2025-zhangerzhuang')!).replace('encoding="UTF-8"', 'encoding="UTF-16"');
  put('utf16.xml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, 'utf16le')]), 'hebei-2025-zhangerzhuang', 'xml2003');
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A finding without where it is (cell addresses differ between a sheet and a Word table): rule, severity, message, project. */
function findings(f: ReportFile): string[] {
  return f.diagnostics
    .map((d) => {
      const block = d.block ? f.blocks[d.block - 1].name : '';
      // a message may quote another cell as 工作表!B11: the place, not the finding
      const message = d.message.replace(/[^\s（）(),，“”]+![A-Z]{1,3}\d+/g, '…');
      return `${d.ruleId}|${d.severity}|${block}|${message}`;
    })
    .sort();
}

describe('one folder of every format', () => {
  let report: Report;
  let code: number;
  beforeAll(async () => {
    const r = await run(['check', '--format', 'json', dir]);
    code = r.code;
    report = ReportSchema.parse(JSON.parse(r.stdout));
  });

  it('reads every file (none unreadable) and tells each format from its content', async () => {
    expect(report.files.map((f) => path.basename(f.file)).sort()).toEqual([...made.keys()].sort());
    expect(report.files.filter((f) => f.error !== null)).toEqual([]);
    expect(code).toBeLessThan(2);
    for (const [name, m] of made) {
      expect([name, (await readSourceFile(path.join(dir, name))).format]).toEqual([name, m.format]);
    }
  });

  it.each(FIXTURES)('%s: every other format gives the same year, projects and findings as the .xlsx', (base) => {
    const byName = (n: string) => report.files.find((f) => path.basename(f.file) === n)!;
    const xlsx = byName(`${base}.xlsx`);
    expect(xlsx.blocks.length).toBeGreaterThan(0);
    expect(xlsx.diagnostics.length).toBeGreaterThan(0);
    const others = [...made].filter(([n, m]) => m.base === base && n !== `${base}.xlsx`).map(([n]) => n);
    expect(others.length).toBeGreaterThanOrEqual(5);
    for (const name of others) {
      const f = byName(name);
      expect([name, f.year]).toEqual([name, xlsx.year]);
      expect([name, f.blocks.map((b) => b.name)]).toEqual([name, xlsx.blocks.map((b) => b.name)]);
      expect([name, findings(f)]).toEqual([name, findings(xlsx)]);
    }
  });
});

describe('XML Spreadsheet 2003 in the encoding its declaration names', () => {
  it('a GB2312 export (as Chinese systems write it) reads as Chinese text', async () => {
    const { grid, format } = await readSourceFile(path.join(SHIPPED, '一体化导出-gb2312.xls'));
    expect(format).toBe('xml2003');
    const first = grid.sheets[0];
    expect(first.values[0][0]).toBe('魏县张二庄镇人民政府2025年部门预算项目绩效目标表');
    expect(first.values[4]).toEqual(['项目编码', '13043425P00442410076K', undefined, '项目名称', '村办公经费']);
    const r = await run(['check', '--format', 'json', path.join(SHIPPED, '一体化导出-gb2312.xls')]);
    const f = ReportSchema.parse(JSON.parse(r.stdout)).files[0];
    expect(f.blocks.map((b) => b.name)).toEqual(['村办公经费']);
    expect(f.year).toBe(2025);
  });
});

describe('the Word document holds the seed documents’ tables', () => {
  function seedTitles(text: string): string[] {
    return text
      .split('\n')
      .map((l) => l.replace(/^\[bookmark: [^\]]*\]/, '').replace(/\s+TC\s.*$/, '').trim())
      .filter((l) => /^\d+\.\S*绩效目标表$/.test(l));
  }

  it.each(['hebei-2021-anshan', 'hebei-2025-zhangerzhuang'])('%s: one table per project, titled by the paragraph before it, codes as in the seed', async (base) => {
    const seed = fs.readFileSync(path.join(SEEDS_DIR, SEEDS[base]), 'utf8');
    const { grid, format } = await readSourceFile(path.join(dir, `${base}.docx`));
    expect(format).toBe('docx');
    const titles = seedTitles(seed);
    expect(titles.length).toBeGreaterThanOrEqual(4);
    // each table's sheet is named by its title paragraph (the TOC field code is not text), in order
    expect(grid.sheets.map((s) => s.name)).toEqual(titles);
    for (const s of grid.sheets) expect(s.values[0][0]).toBe(s.name);
    // the project codes of the seed are the ones the Word tables hold
    const seedCodes = [...seed.matchAll(/^\t([0-9A-Z]{21})\s*$/gm)].map((m) => m[1]);
    const docCodes = grid.sheets.map((s) => s.values.flat().find((v) => typeof v === 'string' && /^[0-9A-Z]{21}$/.test(v)));
    expect(docCodes).toEqual(seedCodes);
  });

  it('disclosure-2023-haomen: the list table, titled by the paragraph above it, every project of the seed', async () => {
    const seed = fs.readFileSync(path.join(SEEDS_DIR, SEEDS['disclosure-2023-haomen']), 'utf8');
    const { grid } = await readSourceFile(path.join(dir, 'disclosure-2023-haomen.docx'));
    expect(grid.sheets).toHaveLength(1);
    expect(grid.sheets[0].name).toBe('门源县浩门镇政府2023年部门预算项目支出绩效目标公开表');
    const names = grid.sheets[0].values.slice(2).map((r) => r[1]);
    const seedNames = [...seed.matchAll(/^\t([^\t]+)\t(\d+\.\d\d)\t/gm)].map((m) => m[1].trim());
    expect(seedNames.length).toBeGreaterThan(20);
    for (const n of seedNames) expect(names).toContain(n);
  });

  it('a project cut into two tables by an empty paragraph is read as one sheet; merges come from gridSpan and vMerge', async () => {
    const { grid } = await readSourceFile(path.join(dir, 'hebei-2025-zhangerzhuang.docx'));
    const xlsx = grids.get('hebei-2025-zhangerzhuang')!.sheets[0];
    const first = grid.sheets[0];
    // title row + the block's 15 rows (rows 2..17 of the sheet), header and indicators together
    expect(first.values).toHaveLength(16);
    expect(first.values[1][0]).toBe(xlsx.values[3][0]);
    expect(first.values[8][0]).toBe('一级指标');
    // the sheet's merges, shifted by the rows between the block and its copy, are the Word merges
    const shift = (m: { top: number; left: number; bottom: number; right: number }) => ({ ...m, top: m.top - 2, bottom: m.bottom - 2 });
    const expected = xlsx.merges.filter((m) => m.top >= 2 && m.bottom <= 17).map(shift);
    expect([...first.merges].sort((a, b) => a.top - b.top || a.left - b.left)).toEqual(expected.sort((a, b) => a.top - b.top || a.left - b.left));
  });
});
