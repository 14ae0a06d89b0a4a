/** A one-line progress indicator on stderr, only when stderr is a terminal and there are many files. */
import type { OutStream } from './io';

export const PROGRESS_MIN_FILES = 5;

export class Progress {
  private shown = false;
  readonly enabled: boolean;

  constructor(
    private readonly stream: OutStream,
    private readonly total: number,
    enabled?: boolean,
  ) {
    this.enabled = enabled ?? (stream.isTTY === true && total >= PROGRESS_MIN_FILES);
  }

  update(done: number, name: string): void {
    if (!this.enabled) return;
    const width = Math.max(20, (this.stream.columns ?? 80) - 1);
    let line = `正在检查 ${done + 1}/${this.total}：${name}`;
    // CJK characters take two columns; keep the line on one terminal row
    let cols = 0;
    let cut = line.length;
    for (let i = 0; i < line.length; i++) {
      cols += line.charCodeAt(i) > 0x2e80 ? 2 : 1;
      if (cols > width) {
        cut = i;
        break;
      }
    }
    line = line.slice(0, cut);
    this.stream.write(`\r\u001b[K${line}`);
    this.shown = true;
  }

  /** Removes the line (before anything else is written to the terminal). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\u001b[K');
    this.shown = false;
  }
}
