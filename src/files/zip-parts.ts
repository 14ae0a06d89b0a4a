/**
 * The parts of a zip package (.xlsx, .docx, .ods), inflated with Node's zlib under a byte budget.
 *
 * JSZip reads the central directory; the entries are inflated here with `maxOutputLength`, so a
 * zip bomb is stopped at the budget even when its directory lies about the sizes (JSZip itself
 * would inflate whatever the entry holds). Native zlib is also several times faster than JSZip's
 * JavaScript inflater.
 */
import * as zlib from 'zlib';
import JSZip from 'jszip';

/** Thrown when the package unpacks to more than its budget. */
export class ZipBudgetError extends Error {
  constructor(readonly limit: number) {
    super(`zip unpacks to more than ${limit} bytes`);
    this.name = 'ZipBudgetError';
  }
}

interface CompressedData {
  compressedSize?: number;
  uncompressedSize?: number;
  compression?: { magic?: string };
  compressedContent?: Uint8Array;
}

const DEFLATE = '\x08\x00';
const STORE = '\x00\x00';

export class ZipParts {
  private used = 0;

  constructor(
    readonly zip: JSZip,
    /** the most bytes all inflated parts may add up to */
    readonly budget: number,
  ) {}

  static async open(buf: Buffer, budget: number): Promise<ZipParts> {
    return new ZipParts(await JSZip.loadAsync(buf, { checkCRC32: false }), budget);
  }

  /** Entry names (files only). */
  names(): string[] {
    return Object.keys(this.zip.files).filter((n) => !this.zip.files[n].dir);
  }

  has(name: string): boolean {
    const f = this.zip.files[name];
    return f !== undefined && !f.dir;
  }

  /** What the central directory says all entries unpack to (may lie; the inflation is capped anyway). */
  declaredSize(): number {
    let total = 0;
    for (const n of this.names()) {
      const size = (this.zip.files[n] as unknown as { _data?: CompressedData })._data?.uncompressedSize;
      if (typeof size === 'number' && Number.isFinite(size) && size > 0) total += size;
    }
    return total;
  }

  /** The entry's bytes, or undefined when there is no such entry. Throws {@link ZipBudgetError}. */
  async bytes(name: string): Promise<Buffer | undefined> {
    const f = this.zip.files[name];
    if (!f || f.dir) return undefined;
    const remaining = this.budget - this.used;
    if (remaining <= 0) throw new ZipBudgetError(this.budget);
    const data = (f as unknown as { _data?: CompressedData })._data;
    let out: Buffer;
    const content = data?.compressedContent;
    const magic = data?.compression?.magic;
    if (content && magic === DEFLATE) {
      try {
        out = zlib.inflateRawSync(content, { maxOutputLength: remaining });
      } catch (e) {
        if (e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipBudgetError(this.budget);
        throw e;
      }
    } else if (content && magic === STORE) {
      if (content.length > remaining) throw new ZipBudgetError(this.budget);
      out = Buffer.from(content.buffer, content.byteOffset, content.length);
    } else {
      // an entry JSZip holds in another form: let JSZip inflate it, then count it
      out = await f.async('nodebuffer');
      if (out.length > remaining) throw new ZipBudgetError(this.budget);
    }
    this.used += out.length;
    return out;
  }

  /** The entry as UTF-8 text (a BOM dropped), or undefined. */
  async text(name: string): Promise<string | undefined> {
    const b = await this.bytes(name);
    if (!b) return undefined;
    const s = b.toString('utf8');
    return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
  }

  /** Inflates every entry once (under the budget) without keeping it: the real unpacked size. */
  async verifyAll(): Promise<number> {
    const saved = this.used;
    try {
      for (const n of this.names()) await this.bytes(n);
      return this.used - saved;
    } finally {
      this.used = saved;
    }
  }
}
