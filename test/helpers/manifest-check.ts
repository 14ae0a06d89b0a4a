/**
 * Offline checks of an add-in-only XML manifest: what can be verified without the online validator.
 * Returns a list of problems (empty = fine).
 */
import * as fs from 'fs';
import * as path from 'path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown>;

/** TaskPaneApp child element order of the OfficeApp schema (1.1). */
export const TASKPANE_ORDER = [
  'Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description',
  'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements',
  'DefaultSettings', 'Permissions', 'Dictionary', 'VersionOverrides',
];

const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '@' });
const plain = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: () => true });

function tagOf(n: Node): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text');
}

function walk(nodes: Node[], visit: (tag: string, attrs: Record<string, string>, children: Node[]) => void): void {
  for (const n of nodes) {
    const tag = tagOf(n);
    if (!tag || tag.startsWith('?')) continue;
    const attrs = (n[':@'] ?? {}) as Record<string, string>;
    const children = (n[tag] ?? []) as Node[];
    visit(tag, attrs, children);
    walk(children, visit);
  }
}

function pngSize(file: string): { w: number; h: number } | undefined {
  const b = fs.readFileSync(file);
  if (b.length < 24 || b.readUInt32BE(0) !== 0x89504e47) return undefined;
  return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) };
}

export interface ManifestCheckOptions {
  /** folder the URLs' paths are resolved against to find icon files (the repo root: assets/…) */
  root: string;
  /** a production manifest must not point at localhost */
  production?: boolean;
}

export function checkManifest(xml: string, opts: ManifestCheckOptions): string[] {
  const problems: string[] = [];
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  let doc: Node[];
  try {
    doc = ordered.parse(xml) as Node[];
    plain.parse(xml);
  } catch (e) {
    return [`not well-formed XML: ${(e as Error).message}`];
  }
  const rootNode = doc.find((n) => tagOf(n) === 'OfficeApp');
  if (!rootNode) return ['no <OfficeApp> root element'];
  const rootAttrs = (rootNode[':@'] ?? {}) as Record<string, string>;
  if (rootAttrs['@xsi:type'] !== 'TaskPaneApp') problems.push('OfficeApp xsi:type must be TaskPaneApp');
  if (rootAttrs['@xmlns'] !== 'http://schemas.microsoft.com/office/appforoffice/1.1') problems.push('OfficeApp namespace must be appforoffice/1.1');

  const top = (rootNode.OfficeApp as Node[]).map(tagOf).filter((t): t is string => !!t && t !== '#comment');
  let last = -1;
  for (const t of top) {
    const i = TASKPANE_ORDER.indexOf(t);
    if (i < 0) problems.push(`unexpected element <${t}> under OfficeApp`);
    else if (i < last) problems.push(`element <${t}> is out of schema order`);
    else last = i;
  }
  for (const required of ['Id', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'Hosts', 'DefaultSettings', 'Permissions']) {
    if (!top.includes(required)) problems.push(`missing required <${required}>`);
  }

  const texts: Record<string, string> = {};
  const topAttrs: Record<string, Record<string, string>> = {};
  for (const n of rootNode.OfficeApp as Node[]) {
    const t = tagOf(n);
    if (!t) continue;
    const kids = (n[t] ?? []) as Node[];
    const text = kids.find((k) => '#text' in k);
    if (text) texts[t] = String(text['#text']);
    topAttrs[t] = (n[':@'] ?? {}) as Record<string, string>;
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(texts.Id ?? '')) problems.push('Id must be a GUID');
  if (!/^\d+(\.\d+){0,3}$/.test(texts.Version ?? '')) problems.push('Version must be n.n.n.n');
  if (texts.Permissions !== 'ReadWriteDocument') problems.push('Permissions must be ReadWriteDocument');
  if (texts.DefaultLocale !== 'zh-CN') problems.push('DefaultLocale must be zh-CN');

  // ids unique, resids resolve, overrides per locale, icons exist
  const ids = new Map<string, string>();
  const resources = new Map<string, { kind: string; value: string }>();
  const resids: { tag: string; resid: string }[] = [];
  const urls: string[] = [];
  const imageSizes: { resid: string; size: number }[] = [];
  let hasEnUsDisplayName = false;
  let requirementSet: string | undefined;
  let hostWorkbook = false;
  let taskpaneButton = false;
  walk(rootNode.OfficeApp as Node[], (tag, attrs, children) => {
    if (attrs['@id'] !== undefined) {
      const id = attrs['@id'];
      if (ids.has(id)) problems.push(`duplicate id "${id}"`);
      ids.set(id, tag);
      const kind = tag.replace(/^bt:/, '');
      if (attrs['@DefaultValue'] !== undefined) resources.set(id, { kind, value: attrs['@DefaultValue'] });
    }
    if (attrs['@resid'] !== undefined) resids.push({ tag, resid: attrs['@resid'] });
    if (tag === 'bt:Image' && attrs['@size'] && attrs['@resid']) imageSizes.push({ resid: attrs['@resid'], size: Number(attrs['@size']) });
    for (const [k, v] of Object.entries(attrs)) if (!k.startsWith('@xmlns') && /^https?:\/\//.test(v)) urls.push(v);
    if (tag === 'AppDomain') {
      const t = children.find((k) => '#text' in k);
      if (t) urls.push(String(t['#text']));
    }
    if (tag === 'Override' && attrs['@Locale'] === 'en-US') hasEnUsDisplayName = true;
    if (tag === 'Set' && attrs['@Name'] === 'ExcelApi') requirementSet = attrs['@MinVersion'];
    if (tag === 'Host' && (attrs['@Name'] === 'Workbook' || attrs['@xsi:type'] === 'Workbook')) hostWorkbook = true;
    if (tag === 'Action' && attrs['@xsi:type'] === 'ShowTaskpane') taskpaneButton = true;
  });
  if (!hasEnUsDisplayName) problems.push('no en-US override');
  if (!requirementSet) problems.push('<Requirements> names no ExcelApi set');
  if (!hostWorkbook) problems.push('no Workbook host');
  if (!taskpaneButton) problems.push('no ribbon button that shows the task pane');
  const expectedKind: Record<string, string[]> = {
    'bt:Image': ['Image'],
    SourceLocation: ['Url'],
    LearnMoreUrl: ['Url'],
    Label: ['String'],
    Title: ['String'],
    Description: ['String'],
  };
  for (const { tag, resid } of resids) {
    const r = resources.get(resid);
    if (!r) problems.push(`resid "${resid}" on <${tag}> does not resolve`);
    else if (expectedKind[tag] && !expectedKind[tag].includes(r.kind)) problems.push(`resid "${resid}" on <${tag}> points at a ${r.kind}`);
  }
  for (const [id, r] of resources) {
    if (r.kind === 'String' && r.value.length > 250) problems.push(`string "${id}" is longer than 250 characters`);
  }
  // icons: every image URL maps to a PNG of the declared size
  const iconUrls = [topAttrs.IconUrl?.['@DefaultValue'], topAttrs.HighResolutionIconUrl?.['@DefaultValue']].filter(Boolean) as string[];
  const checkIcon = (url: string, size?: number) => {
    const p = new URL(url).pathname.replace(/^\//, '');
    const file = path.join(opts.root, p);
    if (!fs.existsSync(file)) {
      problems.push(`icon file ${p} does not exist`);
      return;
    }
    const s = pngSize(file);
    if (!s) problems.push(`icon file ${p} is not a PNG`);
    else if (size !== undefined && (s.w !== size || s.h !== size)) problems.push(`icon ${p} is ${s.w}×${s.h}, expected ${size}×${size}`);
  };
  for (const u of iconUrls) checkIcon(u);
  for (const { resid, size } of imageSizes) {
    const r = resources.get(resid);
    if (r?.kind === 'Image') checkIcon(r.value, size);
  }
  for (const u of urls) {
    if (!u.startsWith('https://')) problems.push(`URL ${u} is not https`);
    if (opts.production && /localhost|127\.0\.0\.1/.test(u)) problems.push(`production manifest points at ${u}`);
  }
  return problems;
}
