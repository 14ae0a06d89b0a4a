/**
 * The live checker's command queue and own-write suppression (part of ./../live.ts).
 *
 * - The clerk's commands (insert, fix, re-check, settings, select, clear marks) run one at a time,
 *   in the order asked, and never behind a background check: starting one stops the background
 *   check (`starting`), and when the last one ends the background work may resume (`idle`).
 * - Our own writes fire change events too. With `triggerSource` (ExcelApi 1.14) an event says
 *   whether this add-in caused it (`ThisLocalAddin`); without it, events during our writes and for
 *   `suppressMs` after them are ignored.
 */
import type { XChangedEventArgs } from '../api';
import type { Capabilities } from '../capabilities';
import { CELL_EDIT_MESSAGE, inCellEdit } from '../limits';

export interface CommandQueue {
  /** run f after every command asked before it */
  run<T>(f: () => Promise<T>): Promise<T>;
  /** commands asked and not finished */
  readonly running: number;
  /** settles when the commands asked so far have (never rejects) */
  readonly settled: Promise<unknown>;
}

export function createCommandQueue(hooks: { starting(): void; idle(): void }): CommandQueue {
  let chain: Promise<unknown> = Promise.resolve();
  let running = 0;
  return {
    run<T>(f: () => Promise<T>): Promise<T> {
      running++;
      hooks.starting();
      const p = chain.then(f).finally(() => {
        running--;
        if (running === 0) hooks.idle();
      });
      chain = p.catch(() => undefined);
      return p;
    },
    get running() {
      return running;
    },
    get settled() {
      return chain;
    },
  };
}

/** the clerk's command found Excel in cell-edit mode: one clear message */
export function clerkError(e: unknown): unknown {
  return inCellEdit(e) ? new Error(CELL_EDIT_MESSAGE) : e;
}

export interface OwnWrites {
  /** run one of our writes: without triggerSource, events during it and shortly after are ignored */
  run<T>(f: () => Promise<T>): Promise<T>;
  /** whether a change event is our own write's (not the clerk's nor a co-author's) */
  isOwn(args: XChangedEventArgs): boolean;
}

export function createOwnWrites(caps: Capabilities, suppressMs: number): OwnWrites {
  let depth = 0;
  let suppressUntil = 0;
  return {
    async run<T>(f: () => Promise<T>): Promise<T> {
      depth++;
      try {
        return await f();
      } finally {
        depth--;
        suppressUntil = Date.now() + suppressMs;
      }
    },
    isOwn(args) {
      if (caps.triggerSource) return args.triggerSource === 'ThisLocalAddin';
      return depth > 0 || Date.now() < suppressUntil;
    },
  };
}
