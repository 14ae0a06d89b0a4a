/**
 * The Word reader on WordprocessingML written by hand: what Word and WPS put in real documents
 * (spans, vertical merges, skipped grid columns, content controls, tracked changes, fields, hidden
 * text) and how tables become sheets.
 */
import JSZip from 'jszip';
import { documentToGrid, leanDocumentXml } from '../../src/files/docx-read';
import { readSourceBuffer } from '../../src/files/read';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${text.split('\n').map(p).join('')}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (cols: number, ...rows: string[]) => `<w:tbl><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(cols)}</w:tblGrid>${rows.join('')}</w:tbl>`;

/** A lone table (no paragraph before it, so no title row) as the reader sees it. */
function table(xml: string) {
  const sheet = documentToGrid(doc(xml)).sheets[0];
  return { rows: sheet.values, merges: sheet.merges };
}

describe('a Word table', () => {
  it('gridSpan and vMerge become merged areas with the text in the top-left cell', () => {
    const t = table(
      tbl(
        4,
        tr(tc('预算规模及资金用途', '<w:vMerge w:val="restart"/>'), tc('预算数'), tc('20.00', '<w:gridSpan w:val="2"/>')),
        tr(tc('', '<w:vMerge/>'), tc('资金用途', '<w:gridSpan w:val="3"/>')),
        tr(tc('', '<w:vMerge/>'), tc('a'), tc('b'), tc('c')),
      ),
    );
    expect(t.rows).toEqual([['预算规模及资金用途', '预算数', '20.00'], [undefined, '资金用途'], [undefined, 'a', 'b', 'c']]);
    expect(t.merges).toEqual(
      expect.arrayContaining([
        { top: 0, left: 0, bottom: 2, right: 0 },
        { top: 0, left: 2, bottom: 0, right: 3 },
        { top: 1, left: 1, bottom: 1, right: 3 },
      ]),
    );
    expect(t.merges).toHaveLength(3);
  });

  it('a vertical merge over spanned cells keeps its width; gridBefore skips grid columns; hMerge widens the cell to its left', () => {
    const t = table(
      tbl(
        4,
        tr(tc('产出指标', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), tc('x'), tc('y')),
        tr(tc('', '<w:gridSpan w:val="2"/><w:vMerge/>'), tc('z', '<w:hMerge w:val="restart"/>'), tc('', '<w:hMerge/>')),
        `<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>${tc('右')}${tc('边')}</w:tr>`,
      ),
    );
    expect(t.rows[2]).toEqual([undefined, undefined, '右', '边']);
    expect(t.merges).toEqual(expect.arrayContaining([{ top: 0, left: 0, bottom: 1, right: 1 }, { top: 1, left: 2, bottom: 1, right: 3 }]));
  });

  it('cell text: paragraphs joined by line breaks; no field instructions, deleted or hidden text; content controls opened', () => {
    const cell =
      '<w:tc>' +
      '<w:p><w:r><w:t xml:space="preserve">1.确保资金&amp;及时</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t>支付&#x3002;</w:t></w:r></w:p>' +
      '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2.</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:del><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins><w:r><w:t>新增</w:t></w:r></w:ins>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:br/><w:t>下一行</w:t></w:r></w:p>' +
      '<w:p/></w:tc>';
    const t = table(tbl(1, `<w:tr><w:sdt><w:sdtContent>${cell}</w:sdtContent></w:sdt></w:tr>`));
    expect(t.rows[0][0]).toBe('1.确保资金&及时 支付。\n2.新增链接\n下一行');
  });
});

describe('documentToGrid', () => {
  it('one sheet per table, named and titled by the paragraph before it; a table after an empty paragraph continues it', () => {
    const g = documentToGrid(
      doc(
        p('某某镇人民政府2024年部门预算') +
          p('第二部分') +
          p('1.村级办公经费绩效目标表') +
          tbl(2, tr(tc('项目编码'), tc('130322240000000000001'))) +
          '<w:p/><w:p><w:r><w:t xml:space="preserve">  </w:t></w:r></w:p>' +
          tbl(3, tr(tc('一级指标'), tc('二级指标'), tc('三级指标'))) +
          p('2.村干部补贴绩效目标表') +
          tbl(2, tr(tc('项目编码'), tc('130322240000000000002'))) +
          p('说明文字') +
          tbl(1, tr(tc('另一个表'))) +
          '<w:sdt><w:sdtContent>' +
          p('2.村干部补贴绩效目标表') +
          tbl(1, tr(tc('同名'))) +
          '</w:sdtContent></w:sdt>',
      ),
    );
    expect(g.name).toBe('某某镇人民政府2024年部门预算');
    expect(g.sheets.map((s) => s.name)).toEqual(['1.村级办公经费绩效目标表', '2.村干部补贴绩效目标表', '说明文字', '2.村干部补贴绩效目标表 (2)']);
    const first = g.sheets[0];
    expect(first.values).toEqual([['1.村级办公经费绩效目标表'], ['项目编码', '130322240000000000001'], ['一级指标', '二级指标', '三级指标']]);
    expect(first.merges).toEqual([{ top: 0, left: 0, bottom: 0, right: 1 }]);
  });

  it('a table with no paragraph before it is 表n; a name Excel would refuse is cleaned', () => {
    const g = documentToGrid(doc(tbl(1, tr(tc('a'))) + p('附表：[1]/2*?') + tbl(1, tr(tc('b')))));
    expect(g.sheets.map((s) => s.name)).toEqual(['表1', '附表：12']);
    expect(g.name).toBeUndefined();
  });
});

describe('reading a .docx file', () => {
  async function docx(body: string, core?: string): Promise<Buffer> {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file('word/document.xml', doc(body));
    if (core) zip.file('docProps/core.xml', `<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${core}</dc:title></cp:coreProperties>`);
    return zip.generateAsync({ type: 'nodebuffer' });
  }

  it('is told from its content (any name), titled by the document title, else the file name', async () => {
    const a = await readSourceBuffer(await docx(p('1.表') + tbl(1, tr(tc('x'))), '2025年部门预算'), '某镇.xls');
    expect(a.format).toBe('docx');
    expect(a.grid.name).toBe('2025年部门预算');
    const b = await readSourceBuffer(await docx(p('1.表') + tbl(1, tr(tc('x')))), '/in/2025年某镇预算.docx');
    expect(b.grid.name).toBe('2025年某镇预算.docx');
  });

  it('a document without tables has no sheets (reported as no table found, not as unreadable)', async () => {
    const r = await readSourceBuffer(await docx(p('只有文字')), 'x.docx');
    expect(r.grid.sheets).toEqual([]);
  });
});

describe('leanDocumentXml', () => {
  it('drops properties, bookmarks and revision ids; keeps run properties that hide text and longer names', () => {
    const xml =
      '<w:p w:rsidR="00AB12CD"><w:pPr><w:jc w:val="center"/><w:rPr><w:b/></w:rPr></w:pPr><w:bookmarkStart w:id="0" w:name="_Toc1"/>' +
      '<w:r w:rsidRPr="001"><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr><w:t>见</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:pPrChange w:id="1"/><w:bookmarkEnd w:id="0"/></w:p>';
    expect(leanDocumentXml(xml)).toBe('<w:p><w:r><w:t>见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:pPrChange w:id="1"/></w:p>');
  });

  // the timeout only stops a quadratic pass from hanging the suite
  it('an element left open ends the pass without losing the rest (200,000 unclosed tags)', () => {
    expect(leanDocumentXml('<w:p><w:pPr><w:jc/><w:r><w:t>x</w:t></w:r></w:p>')).toBe('<w:p><w:pPr><w:jc/><w:r><w:t>x</w:t></w:r></w:p>');
    const hostile = '<w:pPr>'.repeat(200_000);
    expect(leanDocumentXml(hostile)).toBe(hostile);
  }, 30_000);
});
