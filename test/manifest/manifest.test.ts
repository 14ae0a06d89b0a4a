import * as fs from 'fs';
import * as path from 'path';
import { checkManifest } from '../helpers/manifest-check';

const root = path.resolve(__dirname, '../..');
const xml = fs.readFileSync(path.join(root, 'manifest.xml'), 'utf8');

/** The manifest dist/ gets: run webpack's own copy transform in production mode. */
async function productionManifest(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(path.join(root, 'webpack.config.js'));
  const config = await makeConfig({ WEBPACK_BUILD: true }, { mode: 'production' });
  const copy = config.plugins.find((p: { constructor: { name: string } }) => p.constructor.name === 'CopyPlugin');
  const pattern = copy.patterns.find((p: { from: string }) => p.from === 'manifest.xml');
  return String(pattern.transform(Buffer.from(xml)));
}

describe('manifest.xml', () => {
  it('passes every offline check', () => {
    expect(checkManifest(xml, { root })).toEqual([]);
  });

  it('names the ExcelApi requirement set, zh-CN default and an en-US override', () => {
    expect(xml).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
    expect(xml).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(xml).toContain('Locale="en-US"');
  });

  it('production build replaces every localhost URL', async () => {
    const prod = await productionManifest();
    expect(prod).not.toMatch(/localhost/);
    expect(checkManifest(prod, { root, production: true })).toEqual([]);
    // and the dev manifest would be refused as production
    expect(checkManifest(xml, { root, production: true }).some((p) => p.includes('localhost'))).toBe(true);
  });

  describe('would fail on a broken manifest', () => {
    it('elements out of schema order', () => {
      const broken = xml.replace(/(<Permissions>.*<\/Permissions>)\s*/, '').replace('<Hosts>\n    <Host Name="Workbook"/>', '<Permissions>ReadWriteDocument</Permissions>\n  <Hosts>\n    <Host Name="Workbook"/>');
      expect(checkManifest(broken, { root })).toEqual(expect.arrayContaining([expect.stringMatching(/out of schema order/)]));
    });
    it('duplicate ids', () => {
      const broken = xml.replace('id="Jxmb.TaskpaneButton"', 'id="Jxmb.Group"');
      expect(checkManifest(broken, { root })).toEqual(expect.arrayContaining(['duplicate id "Jxmb.Group"']));
    });
    it('a resid that does not resolve', () => {
      const broken = xml.replace('<Label resid="Jxmb.Group.Label"/>', '<Label resid="Jxmb.Group.Missing"/>');
      expect(checkManifest(broken, { root })).toEqual(expect.arrayContaining([expect.stringMatching(/Jxmb\.Group\.Missing.*does not resolve/)]));
    });
    it('an icon file that does not exist or has the wrong size', () => {
      const missing = xml.replace('assets/icon-80.png', 'assets/icon-81.png');
      expect(checkManifest(missing, { root })).toEqual(expect.arrayContaining([expect.stringMatching(/icon-81\.png does not exist/)]));
      const wrongSize = xml.replace('"https://localhost:3000/assets/icon-16.png"', '"https://localhost:3000/assets/icon-32.png"');
      expect(checkManifest(wrongSize, { root })).toEqual(expect.arrayContaining([expect.stringMatching(/icon-32\.png is 32×32, expected 16×16/)]));
    });
    it('not well-formed XML', () => {
      expect(checkManifest(xml.replace('</Hosts>', ''), { root })[0]).toMatch(/not well-formed|unexpected|out of schema/);
    });
    it('missing requirement set and wrong permissions', () => {
      const broken = xml.replace(/<Set Name="ExcelApi"[^>]*\/>/, '').replace('ReadWriteDocument', 'ReadDocument');
      const problems = checkManifest(broken, { root });
      expect(problems).toEqual(expect.arrayContaining(['<Requirements> names no ExcelApi set', 'Permissions must be ReadWriteDocument']));
    });
  });
});
