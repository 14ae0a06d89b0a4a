/**
 * The live checker's event adapters (part of ./../live.ts): the worksheet collection's
 * `onChanged`, `onSelectionChanged` and `onActivated` registrations, what each event asks of the
 * scheduler, and their removal.
 *
 * - A change: our own writes are ignored (./commands.ts); a co-author's (`source: 'Remote'`) is
 *   checked, not written for; the clerk's is checked and marked.
 * - A selection change: the selection just left is verified (./verify.ts), and the selection
 *   listeners are told (`selected`).
 * - A sheet activation: the sheet left behind and the one shown are verified.
 * - Registration shares its round trip with the session probe (./pass.ts) so the first pass reads
 *   once; removal runs inside Excel.run on the context each handler was added in, as Office.js
 *   requires.
 */
import type { ExcelApi, XActivatedEventArgs, XChangedEventArgs, XEventHandlerResult, XHandlerContext, XSelectionChangedEventArgs } from '../api';
import type { Capabilities } from '../capabilities';
import { inCellEdit } from '../limits';
import { queueSessionProbe, type PassMemory } from '../pass';
import type { Wanted } from './schedule';
import { wantLeftSelection } from './verify';

export interface EventAdapterOptions {
  excel: ExcelApi;
  caps: Capabilities;
  /** events are acted on only while listening */
  listening(): boolean;
  /** a change event caused by our own write */
  isOwn(args: XChangedEventArgs): boolean;
  /** ask the scheduler for background work */
  request(want: (w: Wanted) => void): void;
  /** the clerk selected this range (worksheet id, address as the event gives it) */
  selected(worksheetId: string, address: string): void;
}

export interface EventAdapters {
  onChanged(args: XChangedEventArgs): Promise<void>;
  onSelection(args: XSelectionChangedEventArgs): Promise<void>;
  onActivated(args: XActivatedEventArgs): Promise<void>;
  /** add the three handlers (with caps.liveEvents; else none); `primed` receives what the same round trip learnt of the workbook */
  register(primed: (memory: PassMemory) => void): Promise<void>;
  /** remove the handlers added (failures ignored) */
  remove(): Promise<void>;
}

export function createEventAdapters(opts: EventAdapterOptions): EventAdapters {
  const { excel, caps } = opts;
  let handlers: XEventHandlerResult[] = [];
  let activeSheetId: string | undefined;
  let selection: { sheetId: string; address: string } | undefined;

  const adapters: EventAdapters = {
    async onChanged(args) {
      if (!opts.listening()) return;
      if (opts.isOwn(args)) return;
      opts.request((w) => {
        if (args.source === 'Remote') w.remote = true;
        else w.local = true;
      });
    },

    async onSelection(args) {
      if (!opts.listening()) return;
      // the clerk left a cell: an edit Excel did not report (a dropdown pick, a paste) is there
      const left = selection;
      selection = { sheetId: args.worksheetId, address: args.address };
      activeSheetId = args.worksheetId;
      if (left) opts.request((w) => wantLeftSelection(w, left));
      opts.selected(args.worksheetId, args.address);
    },

    async onActivated(args) {
      if (!opts.listening()) return;
      // the sheet left behind may hold an unreported edit, and the one shown may have changed meanwhile
      const ids = [args.worksheetId, activeSheetId ?? ''];
      opts.request((w) => {
        for (const id of ids) if (id) w.verify.add(id);
      });
      activeSheetId = args.worksheetId;
      selection = undefined;
    },

    async register(primed) {
      if (!caps.liveEvents) return; // Excel without worksheet-collection events (ExcelApi 1.9): nothing to add
      handlers = await excel.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets;
        const register = () => [sheets.onChanged.add(adapters.onChanged), sheets.onSelectionChanged.add(adapters.onSelection), sheets.onActivated.add(adapters.onActivated)];
        // the same round trip learns the active sheet's extent and marks: the first pass reads once.
        // The probe is queued first: should its formats be unreadable (office-js #6827, #6835) the
        // batch stops there, before any handler is added, and they are added in a trip of their own.
        const probe = queueSessionProbe(ctx, caps);
        let hs = register();
        try {
          await ctx.sync();
          primed(probe());
        } catch (e) {
          if (inCellEdit(e)) throw e;
          hs = register();
          await ctx.sync();
        }
        return hs;
      });
    },

    async remove() {
      const hs = handlers;
      handlers = [];
      // as Office.js requires: remove each handler inside Excel.run on the context it was added in
      const contexts = new Map<XHandlerContext, XEventHandlerResult[]>();
      for (const h of hs) contexts.set(h.context, [...(contexts.get(h.context) ?? []), h]);
      await Promise.all(
        [...contexts].map(([context, group]) =>
          excel
            .run(context, async (ctx) => {
              for (const h of group) h.remove();
              await ctx.sync();
            })
            .catch(() => undefined),
        ),
      );
    },
  };
  return adapters;
}
