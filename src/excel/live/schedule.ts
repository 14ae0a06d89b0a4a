/**
 * The live checker's scheduling (part of ./../live.ts): what background work is wanted, the
 * debounce that coalesces rapid edits and pastes, and at most one background check at a time.
 *
 * - Each request restarts the debounce (`debounceMs` after the last one the work starts).
 * - Background work waits while a clerk's command runs (`busy`); a command stops a running check
 *   (`cancel`): it gives up before writing anything, and what it was for is wanted again.
 * - When a check ends (done, failed or stopped), whatever was asked meanwhile starts (re-entry).
 * - Waiting while the clerk edits a cell is the pass's (`delayForCellEdit`, ./pass.ts): a check
 *   waiting that way is stopped like any other when the clerk's command comes.
 */
import { PassCancelled } from '../pass';

/** what a background check was asked for */
export interface Wanted {
  /** a local change: check and bring the marks up to date */
  local: boolean;
  /** a co-author's change: check only */
  remote: boolean;
  /** sheets to verify (an edit Excel may not have reported); empty: nothing to verify */
  verify: Set<string>;
  /** cells to verify: the selection the clerk just left, by sheet id → A1 ranges */
  cells: Map<string, Set<string>>;
}

export const nothingWanted = (): Wanted => ({ local: false, remote: false, verify: new Set(), cells: new Map() });

export function isNothing(w: Wanted): boolean {
  return !w.local && !w.remote && w.verify.size === 0 && w.cells.size === 0;
}

export function wantCells(w: Wanted, sheetId: string, address: string): void {
  const list = w.cells.get(sheetId) ?? new Set<string>();
  list.add(address);
  w.cells.set(sheetId, list);
}

/** add what `from` wants to `into` */
export function mergeWanted(into: Wanted, from: Wanted): void {
  into.local ||= from.local;
  into.remote ||= from.remote;
  for (const id of from.verify) into.verify.add(id);
  for (const [id, list] of from.cells) for (const a of list) wantCells(into, id, a);
}

export interface SchedulerOptions {
  /** wait after the last request before starting */
  debounceMs: number;
  /** a clerk's command is running: background work waits */
  busy(): boolean;
  /** the background work; throws PassCancelled (or anything, once cancelled) when stopped */
  run(w: Wanted, cancelled: () => boolean): Promise<void>;
  /** a request was made (the result may now be out of date) */
  requested(): void;
  /** the background work failed (not stopped) */
  failed(e: unknown): void;
}

export interface Scheduler {
  /** add to what is wanted and (re)start the debounce */
  request(want: (w: Wanted) => void): void;
  /** start the wanted work now, unless the debounce, a command or another check is running */
  kick(): void;
  /** stop the running check (the caller does not wait for it) */
  cancel(): void;
  /** drop the pending debounce (what is wanted stays wanted) */
  stopTimer(): void;
  /** nothing starts any more */
  dispose(): void;
  /** a debounce is pending */
  readonly pending: boolean;
  /** the running check's end (never rejects), if one runs */
  readonly running: Promise<void> | undefined;
}

export function createScheduler(opts: SchedulerOptions): Scheduler {
  let wanted = nothingWanted();
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let background: { cancel(): void; done: Promise<void> } | undefined;

  function schedule(): void {
    opts.requested();
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      kick();
    }, opts.debounceMs);
  }

  function kick(): void {
    if (disposed || timer !== undefined || background || opts.busy()) return;
    const w = wanted;
    if (isNothing(w)) return;
    wanted = nothingWanted();
    let cancelled = false;
    const me: { cancel(): void; done: Promise<void> } = {
      cancel: () => {
        cancelled = true;
        if (background === me) background = undefined; // the clerk's command does not wait for it
      },
      done: Promise.resolve(),
    };
    background = me;
    me.done = opts
      .run(w, () => cancelled)
      .catch((e) => {
        if (e instanceof PassCancelled || cancelled) {
          // the clerk's command went first: what this check was for is still to do
          mergeWanted(wanted, w);
          return;
        }
        opts.failed(e);
      })
      .finally(() => {
        if (background === me) background = undefined;
        kick(); // what this check left (or gave back when it was stopped) is still to do
      });
  }

  return {
    request(want) {
      want(wanted);
      schedule();
    },
    kick,
    cancel() {
      background?.cancel();
    },
    stopTimer() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    dispose() {
      disposed = true;
    },
    get pending() {
      return timer !== undefined;
    },
    get running() {
      return background?.done;
    },
  };
}
