/**
 * The lean .xlsx reader against SheetJS (the reference library): the same values, number formats
 * and merged areas on the real workbooks and on generated ones; and the SpreadsheetML that other
 * programs write (namespace prefixes, rows and cells without references, inline and phonetic
 * strings, escapes, ISO dates, the 1904 date system, very hidden sheets, chart sheets).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { readWorkbookBuffer } from '../../src/files/read';
import { readWithSheetjs } from '../../src/files/sheetjs-read';
import type { Grid } from '../../src/sheet/grid';
import { writeHebeiWorkbook } from '../../scripts/bench-cli';
import { fixture } from '../helpers/fixtures';

jest.setTimeout(60_000);

/** Every cell holding a value, with its format; the merged areas; per sheet. */
function cells(g: Grid) {
  return g.sheets.map((s) => ({
    name: s.name,
    hidden: Boolean(s.hidden),
    cells: s.values.flatMap((row, r) => row.map((v, c) => (v === undefined || v === null ? '' : `${r},${c}=${JSON.stringify(v)}|${s.formats?.[r]?.[c] ?? ''}`)).filter(Boolean)),
    merges: s.merges.map((m) => `${m.top},${m.left}:${m.bottom},${m.right}`).sort(),
  }));
}

describe('the same grid as SheetJS', () => {
  const files: [string, () => Promise<Buffer>][] = [
    ['hebei-2021-anshan.xlsx', async () => fs.readFileSync(fixture('hebei-2021-anshan.xlsx'))],
    ['hebei-2025-zhangerzhuang.xlsx', async () => fs.readFileSync(fixture('hebei-2025-zhangerzhuang.xlsx'))],
    ['disclosure-2023-haomen.xlsx', async () => fs.readFileSync(fixture('disclosure-2023-haomen.xlsx'))],
    [
      'a generated workbook of 30 blocks (ExcelJS)',
      async () => {
        const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-ooxml-')), 'g.xlsx');
        await writeHebeiWorkbook(f, { year: 2025, blocks: 30, seed: 7, fault: 'plan-final' });
        const b = fs.readFileSync(f);
        fs.rmSync(path.dirname(f), { recursive: true, force: true });
        return b;
      },
    ],
  ];
  it.each(files)('%s', async (_name, load) => {
    const buf = await load();
    expect(cells(await readWorkbookBuffer(buf, 'x.xlsx'))).toEqual(cells(readWithSheetjs(buf)));
  });
});

describe('SpreadsheetML as other programs write it', () => {
  async function book(parts: Record<string, string>): Promise<Buffer> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    for (const [n, x] of Object.entries(parts)) zip.file(n, x);
    return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  }
  const NS = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
  const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

  let grid: Grid;
  beforeAll(async () => {
    const buf = await book({
      '_rels/.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/wb.xml"/></Relationships>`,
      'xl/wb.xml': `<x:workbook ${NS}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="表&amp;一" sheetId="1" r:id="rId1"/><x:sheet name="图" sheetId="2" r:id="rId2"/><x:sheet name="藏" sheetId="3" state="veryHidden" r:id="rId3"/></x:sheets></x:workbook>`,
      'xl/_rels/wb.xml.rels': `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="sheets/a.xml"/><Relationship Id="rId2" Type="${REL}/chartsheet" Target="charts/c.xml"/><Relationship Id="rId3" Type="${REL}/worksheet" Target="/xl/sheets/b.xml"/><Relationship Id="rId4" Type="${REL}/sharedStrings" Target="strings.xml"/><Relationship Id="rId5" Type="${REL}/styles" Target="st.xml"/></Relationships>`,
      'xl/strings.xml': `<x:sst ${NS}><x:si><x:t>项目编码</x:t></x:si><x:si><x:r><x:t>其中：</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">财政资金 </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ザイセイ</x:t></x:rPh></x:si><x:si><x:t>A_x000D_B&lt;&amp;&gt;&#x4E2D;</x:t></x:si></x:sst>`,
      'xl/st.xml': `<x:styleSheet ${NS}><x:numFmts count="2"><x:numFmt numFmtId="164" formatCode="0.00\\%"/><x:numFmt numFmtId="165" formatCode="#,##0.00;-#,##0.00;[=0]&quot;&quot;"/></x:numFmts><x:cellStyleXfs count="1"><x:xf numFmtId="10"/></x:cellStyleXfs><x:cellXfs count="5"><x:xf numFmtId="0"/><x:xf numFmtId="9"/><x:xf numFmtId="164"/><x:xf numFmtId="165"/><x:xf numFmtId="31"/></x:cellXfs></x:styleSheet>`,
      'xl/sheets/a.xml': `<x:worksheet ${NS}><x:sheetData><x:row r="2"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c s="1"><x:v>0.25</x:v></x:c></x:row><x:row><x:c r="B3" t="inlineStr"><x:is><x:t>内联</x:t></x:is></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c s="2"><x:v>95</x:v></x:c><x:c s="3"><x:v>0</x:v></x:c><x:c s="3"/><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c><x:c t="str"><x:f>A2&amp;"x"</x:f><x:v>项目编码x</x:v></x:c><x:c t="d" s="4"><x:v>2021-12-31T00:00:00Z</x:v></x:c></x:row></x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A5:C6"/><x:mergeCell ref="E1:E1"/></x:mergeCells></x:worksheet>`,
      'xl/sheets/b.xml': `<x:worksheet ${NS}><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    grid = await readWorkbookBuffer(buf, '某.xlsx');
  });

  it('follows the relationships: the workbook part, worksheets only (no chart sheet), very hidden kept as hidden', () => {
    expect(grid.sheets.map((s) => [s.name, Boolean(s.hidden)])).toEqual([
      ['表&一', false],
      ['藏', true],
    ]);
    expect(grid.name).toBe('某.xlsx');
  });

  it('reads rows and cells without references in order, strings of every kind, booleans, errors, formula results, ISO dates', () => {
    const s = grid.sheets[0];
    expect(s.values[1]).toEqual(['项目编码', '其中：财政资金 ', 0.25]);
    expect(s.values[2].slice(1)).toEqual(['内联', 'A\rB<&>中', 95, 0, undefined, true, { error: '#N/A' }, '项目编码x', 44561 - 1462]);
  });

  it('keeps number formats as written (a literal \\% stays literal, zero-blank formats, built-in ids incl. zh-CN dates)', () => {
    const f = grid.sheets[0].formats!;
    expect(f[1][2]).toBe('0%');
    expect(f[2][3]).toBe('0.00\\%');
    expect(f[2][4]).toBe('#,##0.00;-#,##0.00;[=0]""');
    expect(f[2][5]).toBe('#,##0.00;-#,##0.00;[=0]""'); // a formatted empty cell keeps its format
    expect(f[2][9]).toBe('yyyy"年"m"月"d"日"');
  });

  it('keeps merged areas (a one-cell “merge” is none)', () => {
    expect(grid.sheets[0].merges).toEqual([{ top: 4, left: 0, bottom: 5, right: 2 }]);
  });
});
