/**
 * Tames ranges that would make ExcelJS expand millions of cells: data validations and merged areas
 * over whole columns or the whole sheet (`A1:XFD1048576`). ExcelJS turns each data validation range
 * into one entry per cell and each merge into per-cell master links, so a single such range can
 * take minutes and gigabytes. Such ranges are clipped to the cells the sheet really uses; nothing
 * else in the file changes, and a file without huge ranges is returned as it was.
 */
import JSZip from 'jszip';
import { columnIndex, columnName } from '../domain/address';

/** A range covering more cells than this is clipped to the used area. */
export const HUGE_RANGE_CELLS = 200_000;

interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

const REF_RE = /^\$?([A-Z]{1,3})?\$?(\d{1,7})?(?::\$?([A-Z]{1,3})?\$?(\d{1,7})?)?$/;

function parseRef(ref: string): Box | undefined {
  const m = REF_RE.exec(ref.trim().toUpperCase());
  if (!m || (!m[1] && !m[2])) return undefined;
  const left = m[1] ? columnIndex(m[1]) : 0;
  const top = m[2] ? Number(m[2]) - 1 : 0;
  const right = m[3] ? columnIndex(m[3]) : m[4] && !m[3] ? 16383 : m[1] ? left : 16383;
  const bottom = m[4] ? Number(m[4]) - 1 : m[3] && !m[4] ? 1048575 : m[2] ? top : 1048575;
  return { top, left, bottom, right };
}

function area(b: Box): number {
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

function toRef(b: Box): string {
  const a = `${columnName(b.left)}${b.top + 1}`;
  const z = `${columnName(b.right)}${b.bottom + 1}`;
  return a === z ? a : `${a}:${z}`;
}

/** The area the sheet's cells really occupy (from the cell references in its XML). */
function usedBox(xml: string): Box {
  let bottom = 0;
  let right = 0;
  const re = /<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    const r = Number(m[2]) - 1;
    const c = columnIndex(m[1]);
    if (r > bottom) bottom = r;
    if (c > right) right = c;
  }
  return { top: 0, left: 0, bottom, right };
}

function clip(b: Box, used: Box): Box | undefined {
  const c = { top: b.top, left: b.left, bottom: Math.min(b.bottom, used.bottom), right: Math.min(b.right, used.right) };
  return c.bottom < c.top || c.right < c.left ? undefined : c;
}

/**
 * Merged areas as read into a grid: one larger than {@link HUGE_RANGE_CELLS} is clipped to `used`
 * (the area the sheet's cells occupy), and dropped when that leaves a single cell or nothing.
 */
export function clipHugeMerges<T extends Box>(merges: T[], used: Box): Box[] {
  const out: Box[] = [];
  for (const m of merges) {
    if (area(m) <= HUGE_RANGE_CELLS) {
      out.push(m);
      continue;
    }
    const c = clip(m, used);
    if (c && (c.bottom > c.top || c.right > c.left)) out.push(c);
  }
  return out;
}

function hasHugeRef(refs: string): boolean {
  return refs.split(/\s+/).some((r) => {
    const b = parseRef(r);
    return b !== undefined && area(b) > HUGE_RANGE_CELLS;
  });
}

/** Rewrites one worksheet's XML; returns undefined when nothing needed clipping. */
export function tameSheetXml(xml: string): string | undefined {
  const candidates = /\bsqref="([^"]*)"|<mergeCell\b[^>]*\bref="([^"]*)"/g;
  let needed = false;
  for (let m = candidates.exec(xml); m; m = candidates.exec(xml)) {
    if (hasHugeRef(m[1] ?? m[2] ?? '')) {
      needed = true;
      break;
    }
  }
  if (!needed) return undefined;
  const used = usedBox(xml);
  const clipRefs = (refs: string): string =>
    refs
      .split(/\s+/)
      .map((r) => {
        const b = parseRef(r);
        if (!b || area(b) <= HUGE_RANGE_CELLS) return r;
        const c = clip(b, used);
        return c ? toRef(c) : '';
      })
      .filter(Boolean)
      .join(' ');
  let out = xml.replace(/<dataValidation\b([^>]*?)\bsqref="([^"]*)"([^>]*?)(\/>|>[\s\S]*?<\/dataValidation>)/g, (whole, a: string, refs: string, b: string, rest: string) => {
    const kept = clipRefs(refs);
    return kept ? `<dataValidation${a}sqref="${kept}"${b}${rest}` : '';
  });
  out = out.replace(/<mergeCell\b([^>]*?)\bref="([^"]*)"([^>]*?)\/>/g, (whole, a: string, ref: string, b: string) => {
    const kept = clipRefs(ref);
    // a merge clipped to a single cell is no merge at all
    return kept && kept.includes(':') ? `<mergeCell${a}ref="${kept}"${b}/>` : '';
  });
  // keep the count attributes truthful
  out = out.replace(/<dataValidations\b([^>]*?)\bcount="\d+"/, (_w, a: string) => `<dataValidations${a}count="${(out.match(/<dataValidation\b/g) ?? []).length}"`);
  out = out.replace(/<mergeCells\b([^>]*?)\bcount="\d+"/, (_w, a: string) => `<mergeCells${a}count="${(out.match(/<mergeCell\b/g) ?? []).length}"`);
  out = out.replace(/<dataValidations\b[^>]*count="0"[^>]*>\s*<\/dataValidations>/, '').replace(/<mergeCells\b[^>]*count="0"[^>]*>\s*<\/mergeCells>/, '');
  return out;
}

/** Returns the workbook with huge ranges clipped, and the sheets it changed (empty: the input itself). */
export async function tameHugeRanges(buf: Buffer): Promise<{ buffer: Buffer; changed: string[] }> {
  const zip = await JSZip.loadAsync(buf, { checkCRC32: false });
  const changed: string[] = [];
  for (const name of Object.keys(zip.files)) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/.test(name) || zip.files[name].dir) continue;
    const xml = await zip.files[name].async('string');
    const tamed = tameSheetXml(xml);
    if (tamed !== undefined) {
      zip.file(name, tamed);
      changed.push(name);
    }
  }
  if (changed.length === 0) return { buffer: buf, changed };
  const buffer = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
  return { buffer, changed };
}
