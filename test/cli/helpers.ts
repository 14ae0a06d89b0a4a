import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type ExcelJS from 'exceljs';
import { main, type CommandFactory } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output. */
export async function run(
  argv: string[],
  opts: { tty?: boolean; env?: Record<string, string | undefined>; cwd?: string } = {},
  extra: CommandFactory[] = [],
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false, columns: 100 },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false, columns: 100 },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  };
  const code = await main(argv, io, extra);
  return { code, stdout, stderr };
}

export function tmpDir(prefix = 'jxmb-cli-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The 8-byte OLE/CFB signature followed by filler and the EncryptionInfo stream name (an encrypted .xlsx). */
export function encryptedXlsxBytes(): Buffer {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  const body = Buffer.alloc(1024);
  const name = Buffer.from('EncryptionInfo', 'utf16le');
  return Buffer.concat([head, body, name, Buffer.alloc(512)]);
}

/** A cell note's text as ExcelJS reads it back (a string, or rich-text runs). */
export function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as ExcelJS.Comment | string | undefined;
  if (!n) return '';
  return typeof n === 'string' ? n : (n.texts ?? []).map((t) => t.text).join('');
}
