/**
 * Checks one file: read it into a grid (read.ts, any supported format) → recognise blocks → run the engine.
 * Every failure is caught and turned into a one-line Chinese reason on the file's result.
 */
import { projectView } from '../domain/projects';
import { parseA1 } from '../domain/address';
import { checkBlocks } from '../domain/engine';
import type { Block, Diagnostic } from '../domain/model';
import type { Grid } from '../sheet/grid';
import { recognize } from '../sheet/recognize';
import type { InputFile } from './files';
import { readSourceBuffer, readSourceFile, WorkbookReadError, type SourceFormat } from '../files/read';
import { fileFormat } from '../files/formats';

export interface CheckOptions {
  /** force a profile id instead of detecting it */
  profile?: string;
  /** budget year given by the user (overrides the one found in the workbook) */
  year?: number;
}

export interface SheetResult {
  name: string;
  blockCount: number;
  note?: string;
}

export interface FileResult {
  input: InputFile;
  /** null, or the Chinese reason the file could not be read */
  error: string | null;
  /** what the file holds (told from its content), when it could be read */
  format?: SourceFormat;
  /** the grid that was checked (kept until the annotated copy is written, then dropped) */
  grid?: Grid;
  /** the budget year used, or null */
  year: number | null;
  blocks: Block[];
  sheets: SheetResult[];
  diagnostics: Diagnostic[];
  /**
   * Read, but no project table was recognised in it: why (zh-CN, from the sheets' notes). Such a
   * file is never reported as passing: it is counted apart as not checked (未检查), like an
   * unreadable file, and the exit code says not everything was checked.
   */
  unchecked?: string;
}

const NO_TABLE_REASON = '未找到可识别的绩效目标表';

/** Why a file that was read holds nothing checked (no block recognised), or undefined when it holds a project. */
export function uncheckedReason(r: Pick<FileResult, 'error' | 'blocks' | 'sheets'>, noun = '工作表'): string | undefined {
  if (r.error !== null || r.blocks.length > 0) return undefined;
  const notes = r.sheets.map((s) => {
    const note = (s.note ?? NO_TABLE_REASON).replace(/^[：:；;，,\s]+|[：:；;，,\s]+$/g, '');
    return r.sheets.length > 1 ? `${noun}“${s.name}”${note}` : note;
  });
  return notes.length > 0 ? notes.join('；') : NO_TABLE_REASON;
}

function oneLine(s: string): string {
  return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

export function describeError(err: unknown, stage: 'read' | 'check'): string {
  if (err instanceof WorkbookReadError) return oneLine(err.message);
  const msg = err instanceof Error ? err.message : String(err);
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EISDIR') return '这是一个文件夹，不是工作簿';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  return stage === 'read' ? `无法读取工作簿：${oneLine(msg)}` : `检查时出错：${oneLine(msg)}`;
}

function cellOrder(cell: string): [number, number] {
  try {
    const p = parseA1(cell);
    return [p.row, p.col];
  } catch {
    return [Number.MAX_SAFE_INTEGER, 0];
  }
}

/** Workbook-level diagnostics first, then by block, then by cell position (stable). */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return diags
    .map((d, i) => ({ d, i }))
    .sort((a, b) => {
      const ba = a.d.block ? a.d.block.index : -1;
      const bb = b.d.block ? b.d.block.index : -1;
      if (ba !== bb) return ba - bb;
      if (a.d.sheet !== b.d.sheet) return a.d.sheet < b.d.sheet ? -1 : 1;
      const [ra, ca] = cellOrder(a.d.cell);
      const [rb, cb] = cellOrder(b.d.cell);
      return ra - rb || ca - cb || a.i - b.i;
    })
    .map((x) => x.d);
}

/**
 * Check one file. `bytes`: its content, already being read (the CLI reads the next file from disk
 * while it checks this one, `readSourceBytes`); without it the file is read here.
 */
export async function checkFile(input: InputFile, opts: CheckOptions = {}, bytes?: Promise<Buffer>): Promise<FileResult> {
  const result: FileResult = { input, error: null, year: opts.year ?? null, blocks: [], sheets: [], diagnostics: [] };
  if (input.error) {
    result.error = input.error;
    return result;
  }
  let grid: Grid;
  try {
    const source = bytes ? await readSourceBuffer(await bytes, input.path) : await readSourceFile(input.path);
    grid = source.grid;
    result.format = source.format;
    result.grid = grid;
  } catch (err) {
    result.error = describeError(err, 'read');
    return result;
  }
  try {
    const rec = recognize(grid, { profile: opts.profile, year: opts.year });
    const year = opts.year ?? rec.year;
    result.year = year ?? null;
    // a 公开表's department and unit rows are checked (their totals) but are no projects: not listed, not counted
    const view = projectView(rec.blocks, checkBlocks(rec.blocks, year !== undefined ? { year } : {}, undefined, { summaries: rec.summaries }));
    result.blocks = view.blocks;
    result.sheets = rec.sheets.map((s) => ({ name: s.name, blockCount: view.blocks.filter((b) => b.sheet === s.name).length, note: s.note }));
    result.diagnostics = sortDiagnostics(view.diagnostics);
    const unchecked = uncheckedReason(result, result.format !== undefined ? fileFormat(result.format).sheetNoun : undefined);
    if (unchecked !== undefined) result.unchecked = unchecked;
  } catch (err) {
    result.error = describeError(err, 'check');
    result.blocks = [];
    result.diagnostics = [];
  }
  return result;
}
