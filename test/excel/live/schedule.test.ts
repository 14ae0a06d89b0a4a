/**
 * The live checker's scheduler (src/excel/live/schedule.ts) on jest's fake timers: the debounce
 * coalesces requests, a busy command holds the work back, a stopped check's work is wanted again.
 */
import { createScheduler, type Wanted } from '../../../src/excel/live/schedule';
import { PassCancelled } from '../../../src/excel/pass';

function setup(opts: { busy?: () => boolean; run?: (w: Wanted, cancelled: () => boolean) => Promise<void> } = {}) {
  const runs: Wanted[] = [];
  const failures: unknown[] = [];
  let requested = 0;
  const scheduler = createScheduler({
    debounceMs: 300,
    busy: opts.busy ?? (() => false),
    run: async (w, cancelled) => {
      runs.push(w);
      if (opts.run) await opts.run(w, cancelled);
    },
    requested: () => requested++,
    failed: (e) => failures.push(e),
  });
  return { scheduler, runs, failures, requested: () => requested };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test('requests within the debounce are coalesced into one run after the last', async () => {
  const { scheduler, runs, requested } = setup();
  scheduler.request((w) => (w.local = true));
  jest.advanceTimersByTime(200);
  scheduler.request((w) => w.verify.add('s1'));
  jest.advanceTimersByTime(200);
  expect(runs).toHaveLength(0);
  expect(scheduler.pending).toBe(true);
  jest.advanceTimersByTime(100);
  expect(runs).toHaveLength(1);
  expect(runs[0].local).toBe(true);
  expect([...runs[0].verify]).toEqual(['s1']);
  expect(requested()).toBe(2);
  await scheduler.running;
  expect(scheduler.running).toBeUndefined();
});

test('nothing runs while a command is busy; kick starts it when the command ends', async () => {
  let busy = true;
  const { scheduler, runs } = setup({ busy: () => busy });
  scheduler.request((w) => (w.remote = true));
  jest.advanceTimersByTime(300);
  expect(runs).toHaveLength(0);
  busy = false;
  scheduler.kick();
  expect(runs).toHaveLength(1);
  expect(runs[0].remote).toBe(true);
});

test('a stopped check gives its work back, and it runs again', async () => {
  let release: () => void = () => undefined;
  const { scheduler, runs, failures } = setup({
    run: async (w, cancelled) => {
      if (runs.length === 1) {
        await new Promise<void>((r) => (release = r));
        if (cancelled()) throw new PassCancelled();
      }
    },
  });
  scheduler.request((w) => w.cells.set('s1', new Set(['A1'])));
  jest.advanceTimersByTime(300);
  const first = scheduler.running;
  expect(runs).toHaveLength(1);
  scheduler.cancel();
  expect(scheduler.running).toBeUndefined();
  release();
  await first;
  expect(runs).toHaveLength(2);
  expect([...(runs[1].cells.get('s1') ?? [])]).toEqual(['A1']);
  expect(failures).toEqual([]);
});

test('a failure is reported, not retried; after dispose nothing starts', async () => {
  const { scheduler, runs, failures } = setup({
    run: async () => {
      throw new Error('boom');
    },
  });
  scheduler.request((w) => (w.local = true));
  jest.advanceTimersByTime(300);
  await scheduler.running;
  expect(failures).toHaveLength(1);
  expect(runs).toHaveLength(1);
  scheduler.dispose();
  scheduler.request((w) => (w.local = true));
  jest.advanceTimersByTime(300);
  expect(runs).toHaveLength(1);
});
