/**
 * One record per file format (src/files/formats.ts): the reader's dispatch, the folder search and
 * every printer read a format's facts — label, extensions, signature, nouns, reader — from it, and
 * no printer compares format ids itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { COLLECTED_EXTENSIONS, FORMAT_LABEL, FORMATS, SNIFFED_EXTENSIONS, type SourceFormat } from '../../src/files/formats';
import { readSourceFile } from '../../src/files/read';
import { isWorkbookName, WORKBOOK_EXTENSIONS } from '../../src/cli/files';

const ALL: SourceFormat[] = ['xlsx', 'xls', 'xml2003', 'ods', 'docx'];

describe('the file formats, one record each', () => {
  it('every format has its record: a Chinese label, extensions, a signature and a reader', () => {
    expect(Object.keys(FORMATS).sort()).toEqual([...ALL].sort());
    for (const id of ALL) {
      const f = FORMATS[id];
      expect(f.id).toBe(id);
      expect(f.label).toMatch(/[\u4e00-\u9fff]/);
      expect(f.extensions.length).toBeGreaterThan(0);
      expect(f.signature).not.toBe('');
      expect(typeof f.read).toBe('function');
      expect(FORMAT_LABEL[id]).toBe(f.label);
    }
  });

  it('the folder search collects the records’ extensions (an .xml only by its content)', () => {
    expect(WORKBOOK_EXTENSIONS).toEqual(COLLECTED_EXTENSIONS);
    expect(SNIFFED_EXTENSIONS).toEqual(['.xml']);
    for (const ext of COLLECTED_EXTENSIONS) expect(isWorkbookName(`预算${ext}`)).toBe(true);
    expect(isWorkbookName('预算.xml')).toBe(false);
  });

  it('a file read is of a format whose record lists its extension', async () => {
    const dir = path.resolve(__dirname, '../fixtures/formats');
    for (const name of fs.readdirSync(dir)) {
      const src = await readSourceFile(path.join(dir, name));
      const ext = path.extname(name).toLowerCase();
      // the 一体化 export is XML Spreadsheet 2003 named .xls: the content decides, the name may lie
      if (src.format !== 'xml2003') expect({ name, ext: FORMATS[src.format].extensions.includes(ext) }).toEqual({ name, ext: true });
    }
  });

  it('the printers and the folder search name no format id: they ask the record', () => {
    const cli = path.resolve(__dirname, '../../src/cli');
    const offenders: string[] = [];
    for (const f of ['stylish.ts', 'html.ts', 'annotate.ts', 'files.ts', 'check.ts', 'report.ts']) {
      const code = fs.readFileSync(path.join(cli, f), 'utf8');
      for (const id of ALL) if (new RegExp(`[!=]==? '${id}'`).test(code)) offenders.push(`${f}: ${id}`);
      if (/\.xml\$\/i|'\.xlsx', '\.xlsm'/.test(code)) offenders.push(`${f}: an extension list`);
    }
    expect(offenders).toEqual([]);
  });
});
