/**
 * The WPS add-in package as `npm run build:wps` makes it (scripts/build-wps.js, built here into a
 * temporary folder): what WPS needs and the known traps of its add-in host.
 * - ribbon.xml is customUI with no XML declaration (WPS's publish validator rejects one), and every
 *   callback it names is a global function of main.js;
 * - the callbacks are synchronous (async ribbon callbacks broke the ribbon in WPS 12.1.0.23542 /
 *   12.1.0.23539) and work: OnAction opens the pane with Application.CreateTaskPane(<folder>/taskpane.html),
 *   a second click hides it;
 * - main.js is ES5; the pane's bundle is ES2018 syntax and never calls crypto.randomUUID (absent in
 *   the browser of WPS 12.1.0.26200);
 * - publish.xml names the folder as an `et` add-in; the offline zip holds both.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import { parse } from 'acorn';
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

const ROOT = path.resolve(__dirname, '../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const FOLDER = `jxmb_${VERSION}`;
let out = '';
let addin = '';

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-wps-'));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build-wps.js')], { env: { ...process.env, JXMB_WPS_OUT: out }, stdio: 'pipe' });
  addin = path.join(out, FOLDER);
}, 900_000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

const read = (f: string) => fs.readFileSync(path.join(addin, f), 'utf8');

/** every attribute value of the ribbon that names a callback */
function callbacks(xml: string): string[] {
  const names = new Set<string>();
  for (const m of xml.matchAll(/\b(onLoad|onAction|getImage|getLabel|getEnabled|getVisible|getPressed|onChange)="([^"]+)"/g)) names.add(m[2]);
  return [...names];
}

interface FakePane {
  ID: number;
  Visible: boolean;
  url: string;
}

function loadMain(storage = new Map<string, unknown>()) {
  const panes: FakePane[] = [];
  const app = {
    PluginStorage: { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: unknown) => void storage.set(k, v) },
    CreateTaskPane(url: string) {
      const p = { ID: panes.length + 1, Visible: false, url };
      panes.push(p);
      return p;
    },
    GetTaskPane: (id: number) => panes.find((p) => p.ID === id),
  };
  const window: Record<string, unknown> = { Application: app };
  const sandbox: Record<string, unknown> = { window, document: { location: `file:///C:/Users/x/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/index.html` } };
  vm.createContext(sandbox);
  vm.runInContext(read('main.js'), sandbox);
  return { sandbox, app, panes, window };
}

describe('the WPS add-in folder', () => {
  test('ribbon.xml is customUI without an XML declaration; each callback it names is a global function of main.js', () => {
    const xml = read('ribbon.xml');
    expect(xml.startsWith('<customUI')).toBe(true);
    expect(xml).not.toContain('<?xml');
    const doc = new XMLParser({ ignoreAttributes: false }).parse(xml) as Record<string, unknown>;
    expect(Object.keys(doc)).toEqual(['customUI']);
    const { sandbox } = loadMain();
    const names = callbacks(xml);
    expect(names.sort()).toEqual(['GetImage', 'OnAction', 'OnAddinLoad']);
    for (const n of names) expect(typeof sandbox[n]).toBe('function');
    expect(fs.existsSync(path.join(addin, (sandbox.GetImage as (c: unknown) => string)({ Id: 'jxmbOpenPane' })))).toBe(true);
  });

  test('the callbacks are synchronous and work: the pane opens with CreateTaskPane(<folder>/taskpane.html), a second click hides it', () => {
    const main = read('main.js');
    // an ES5 parser knows no async function, await or arrow: main.js parses as ES5
    expect(() => parse(main, { ecmaVersion: 5 })).not.toThrow();
    const { sandbox, app, panes } = loadMain();
    for (const n of ['OnAddinLoad', 'OnAction', 'GetImage']) expect((sandbox[n] as { constructor: { name: string } }).constructor.name).toBe('Function');
    const ribbonUI = { Invalidate() {} };
    expect((sandbox.OnAddinLoad as (r: unknown) => unknown)(ribbonUI)).toBe(true);
    expect((app as unknown as { ribbonUI: unknown }).ribbonUI).toBe(ribbonUI);
    const click = () => (sandbox.OnAction as (c: { Id: string }) => unknown)({ Id: 'jxmbOpenPane' });
    expect(click()).toBe(true); // not a Promise
    expect(panes).toHaveLength(1);
    expect(panes[0]).toMatchObject({ Visible: true, url: `file:///C:/Users/x/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/taskpane.html` });
    expect(fs.existsSync(path.join(addin, 'taskpane.html'))).toBe(true);
    click();
    expect(panes).toHaveLength(1);
    expect(panes[0].Visible).toBe(false);
  });

  test('index.html loads main.js; taskpane.html loads its bundle and no Office.js', () => {
    expect(read('index.html')).toMatch(/<script src="main\.js"><\/script>/);
    const html = read('taskpane.html');
    expect(html).not.toMatch(/office\.js/i);
    const scripts = [...html.matchAll(/<script[^>]*src="?([^"\s>]+)/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const s of scripts) expect(fs.existsSync(path.join(addin, s))).toBe(true);
  });

  test('the pane bundle fits the embedded browser: ES2018 syntax, no crypto.randomUUID, no eval', () => {
    const bundles = fs.readdirSync(addin).filter((f) => f.endsWith('.js') && f !== 'main.js');
    expect(bundles.length).toBeGreaterThan(0);
    for (const b of bundles) {
      const code = read(b);
      expect(code).not.toContain('randomUUID');
      expect(() => parse(code, { ecmaVersion: 2018, sourceType: 'script' })).not.toThrow();
      expect(code).not.toMatch(/\beval\(/);
    }
  });
});

describe('the installs', () => {
  const attrs = (xml: string) => {
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as { jsplugins: { jsplugin?: Record<string, string>; jspluginonline?: Record<string, string> } };
    return doc.jsplugins;
  };

  test('publish.xml names the add-in folder as an et (WPS 表格) add-in of this version', () => {
    const p = attrs(fs.readFileSync(path.join(out, 'publish.xml'), 'utf8')).jsplugin;
    expect(p).toMatchObject({ name: 'jxmb', type: 'et', url: FOLDER, version: VERSION });
    expect(attrs(fs.readFileSync(path.join(out, 'jsplugins.xml.example'), 'utf8')).jspluginonline).toMatchObject({ name: 'jxmb', type: 'et' });
  });

  test('the offline package holds publish.xml and the whole folder', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, `jxmb-wps-offline-${VERSION}.zip`)));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    expect(names).toContain('publish.xml');
    for (const f of fs.readdirSync(addin, { recursive: true }) as string[]) {
      if (fs.statSync(path.join(addin, f)).isDirectory()) continue;
      expect(names).toContain(`${FOLDER}/${f.split(path.sep).join('/')}`);
    }
  });
});
