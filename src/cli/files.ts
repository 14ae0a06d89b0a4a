/**
 * Turns the PATH arguments into the list of files to check: files as given (whatever their name:
 * the reader tells the format from the content), folders searched recursively for workbooks and
 * documents — .xlsx .xlsm .xls .et .ods .docx, and .xml files that are XML Spreadsheet 2003 —
 * (Excel's and WPS's `~$` lock files and hidden folders skipped). A missing path or a folder without
 * any such file becomes an entry with a reason, so it is reported like an unreadable file.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { COLLECTED_EXTENSIONS, SNIFFED_EXTENSIONS } from '../files/formats';
import { isSpreadsheetMl } from '../files/read';

export interface InputFile {
  /** absolute path */
  path: string;
  /** the path as shown to the user (as given, or the folder argument joined with the relative path) */
  display: string;
  /** for files found in a folder: that folder (absolute) */
  root?: string;
  /** path relative to `root` (files found in a folder) or the base name (files given directly) */
  rel: string;
  /** set when the path cannot be checked at all (missing, empty folder) */
  error?: string;
}

/** Extensions collected from folders (the formats' records; the content decides how a file is read). */
export const WORKBOOK_EXTENSIONS = COLLECTED_EXTENSIONS;

export function isWorkbookName(name: string): boolean {
  if (name.startsWith('~$') || name.startsWith('.~')) return false;
  const ext = path.extname(name).toLowerCase();
  return WORKBOOK_EXTENSIONS.includes(ext);
}

/** An .xml file found in a folder is checked only when it is an XML Spreadsheet 2003 workbook. */
async function isSpreadsheetXmlFile(file: string): Promise<boolean> {
  let fh: import('fs').promises.FileHandle | undefined;
  try {
    fh = await fs.open(file, 'r');
    const buf = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const head = buf.subarray(0, bytesRead);
    const text = head[0] === 0xff && head[1] === 0xfe ? head.subarray(2).toString('utf16le') : head.toString('utf8');
    return isSpreadsheetMl(text);
  } catch {
    return false;
  } finally {
    await fh?.close();
  }
}

async function walk(dir: string, seen: Set<string>, out: string[]): Promise<void> {
  let real: string;
  try {
    real = await fs.realpath(dir);
  } catch {
    return;
  }
  if (seen.has(real)) return; // symlink loop
  seen.add(real);
  let entries: import('fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const st = await fs.stat(p);
        isDir = st.isDirectory();
        isFile = st.isFile();
      } catch {
        continue;
      }
    }
    if (isDir) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      await walk(p, seen, out);
    } else if (isFile && isWorkbookName(e.name)) {
      out.push(p);
    } else if (isFile && SNIFFED_EXTENSIONS.includes(path.extname(e.name).toLowerCase()) && !e.name.startsWith('~$') && (await isSpreadsheetXmlFile(p))) {
      out.push(p);
    }
  }
}

function errMessage(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return '文件或文件夹不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  return `无法访问：${err instanceof Error ? err.message : String(err)}`;
}

export async function collectInputs(args: string[], cwd: string): Promise<InputFile[]> {
  const result: InputFile[] = [];
  const seen = new Set<string>();
  const add = (f: InputFile): void => {
    if (!f.error) {
      if (seen.has(f.path)) return;
      seen.add(f.path);
    }
    result.push(f);
  };
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: import('fs').Stats;
    try {
      st = await fs.stat(abs);
    } catch (err) {
      add({ path: abs, display: arg, rel: path.basename(abs), error: errMessage(err) });
      continue;
    }
    if (st.isDirectory()) {
      const found: string[] = [];
      await walk(abs, new Set(), found);
      if (found.length === 0) {
        add({ path: abs, display: arg, rel: path.basename(abs), error: '文件夹中没有可检查的文件（.xlsx、.xlsm、.xls、.et、.ods、.docx 或 XML 电子表格）' });
        continue;
      }
      for (const p of found) {
        const rel = path.relative(abs, p);
        add({ path: p, display: path.join(arg, rel), root: abs, rel });
      }
    } else {
      add({ path: abs, display: arg, rel: path.basename(abs) });
    }
  }
  return result;
}
