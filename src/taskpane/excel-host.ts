/**
 * {@link PaneHost} over the Excel adapter (src/excel): the same code drives real Excel (index.tsx,
 * `officeExcel()`) and the in-memory Excel (the preview, the tests).
 */
import type { Diagnostic, Fix } from '../domain/model';
import { planFixes } from '../domain/fixes';
import { checkBlocks } from '../domain/engine';
import { findType } from '../domain/templates';
import type { TemplateHeader } from '../domain/templates';
import { recognize } from '../sheet/recognize';
import { renderBlock } from '../sheet/render';
import type { ExcelApi, XChangedEventArgs, XEventHandlerResult, XSelectionChangedEventArgs } from '../excel/api';
import { getCapabilities } from '../excel/capabilities';
import { validationPass } from '../excel/pass';
import { checkSettingsOf, loadSettings, saveSettings, type WorkbookSettings } from '../excel/settings';
import { fromCellValue } from '../excel/read';
import type { CellRef, CheckResult, InsertResult, PaneHost, PaneSettings } from './host';
import { isSafeFix } from './host';

export interface ExcelHostOptions {
  /** debounce of live re-checks after an edit, ms (default 300) */
  debounceMs?: number;
  /** profile used when the workbook names none */
  defaultProfileId?: string;
  /** inserts a plan; given by src/excel once its insertion lands */
  insert?: (excel: ExcelApi, render: (at: { row: number; col: number }) => ReturnType<typeof renderBlock>) => Promise<
    { ok: true; sheet: string; range: string; reason?: string } | { ok: false; reason: string }
  >;
}

function toPane(s: WorkbookSettings, defaultProfileId: string): PaneSettings {
  return {
    profileId: s.profile ?? defaultProfileId,
    year: s.year,
    satisfactionFloor: s.satisfactionFloor,
    planPacing: s.planPacing ?? false,
    rules: s.rules ?? {},
  };
}

function toWorkbook(p: PaneSettings, old: WorkbookSettings): WorkbookSettings {
  const s: WorkbookSettings = { ...old, profile: p.profileId, planPacing: p.planPacing, rules: p.rules };
  if (p.year === undefined) delete s.year;
  else s.year = p.year;
  if (p.satisfactionFloor === undefined) delete s.satisfactionFloor;
  else s.satisfactionFloor = p.satisfactionFloor;
  return s;
}

function parseAddress(address: string): { sheet?: string; cell: string } {
  const bang = address.lastIndexOf('!');
  const cell = address.slice(bang + 1).split(':')[0].replace(/\$/g, '');
  if (bang < 0) return { cell };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, cell };
}

export function createExcelHost(excel: ExcelApi, opts: ExcelHostOptions = {}): PaneHost {
  const caps = getCapabilities(excel);
  const debounceMs = opts.debounceMs ?? 300;
  const defaultProfileId = opts.defaultProfileId ?? 'hebei-project';
  const resultListeners = new Set<(r: CheckResult) => void>();
  const selectionListeners = new Set<(r: CellRef) => void>();
  let live = true;
  let disposed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let handlers: XEventHandlerResult[] = [];
  let sheetNames = new Map<string, string>(); // id → name
  let last: CheckResult | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let ownWriteUntil = 0;

  const analyze = (grid: Parameters<Parameters<typeof validationPass>[2]['analyze']>[0], settings: WorkbookSettings) => {
    const rec = recognize(grid, { profile: settings.profile, year: settings.year });
    const diagnostics = checkBlocks(rec.blocks, { ...checkSettingsOf(settings), year: rec.year });
    return { blocks: rec.blocks, diagnostics, year: rec.year, sheets: rec.sheets };
  };

  async function pass(): Promise<void> {
    const r = await validationPass(excel, caps, {
      analyze,
      beforeWrite: () => {
        ownWriteUntil = Date.now() + 500;
      },
    });
    sheetNames = new Map([...r.sheetIds].map(([name, id]) => [id, name]));
    last = {
      blocks: r.blocks.map((b) => ({ index: b.index, name: b.name?.text ?? '', sheet: b.sheet, range: b.range })),
      diagnostics: r.diagnostics,
      year: r.year,
      sheets: r.grid.sheets.map((s) => s.name),
      durationMs: r.durationMs,
    };
    const snapshot = last;
    resultListeners.forEach((l) => l(snapshot));
  }

  /** runs a pass; a request during a pass runs one more afterwards */
  function recheck(): Promise<void> {
    if (disposed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again && !disposed);
      } finally {
        running = null;
      }
    })();
    return running;
  }

  function schedule() {
    if (!live || disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void recheck().catch(() => undefined), debounceMs);
  }

  async function onChanged(args: XChangedEventArgs): Promise<void> {
    if (args.triggerSource === 'ThisLocalAddin') return;
    if (args.triggerSource === undefined && Date.now() < ownWriteUntil) return;
    schedule();
  }

  async function onSelectionChanged(args: XSelectionChangedEventArgs): Promise<void> {
    const sheet = sheetNames.get(args.worksheetId);
    if (!sheet) return;
    const ref = { sheet, cell: parseAddress(args.address).cell };
    selectionListeners.forEach((l) => l(ref));
  }

  async function writeEdits(sheet: string, fixes: Fix[]): Promise<number> {
    const plan = planFixes(fixes);
    if (plan.edits.length === 0) return 0;
    await excel.run({ delayForCellEdit: true }, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem(sheet);
      for (const e of plan.edits) {
        const range = ws.getRange(e.cell);
        if (e.numberFormat !== undefined) range.numberFormat = [[e.numberFormat]];
        range.values = [[fromCellValue(e.value)]];
      }
      ownWriteUntil = Date.now() + 500;
      await ctx.sync();
    });
    return plan.applied.length;
  }

  return {
    async start() {
      if (caps.liveEvents) {
        await excel.run(async (ctx) => {
          const ws = ctx.workbook.worksheets;
          handlers = [ws.onChanged.add(onChanged), ws.onSelectionChanged.add(onSelectionChanged)];
          await ctx.sync();
        });
      }
      await recheck();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      const hs = handlers;
      handlers = [];
      if (hs.length)
        void excel
          .run(async (ctx) => {
            hs.forEach((h) => h.remove());
            await ctx.sync();
          })
          .catch(() => undefined);
    },
    onResult(l) {
      resultListeners.add(l);
      return () => resultListeners.delete(l);
    },
    onSelection(l) {
      selectionListeners.add(l);
      return () => selectionListeners.delete(l);
    },
    setLive(on) {
      live = on;
      if (on) schedule();
      else clearTimeout(timer);
    },
    recheck,
    async applyFix(d: Diagnostic) {
      if (!d.fix) return;
      await writeEdits(d.sheet, [d.fix]);
      await recheck();
    },
    async applySafeFixes() {
      const safe = (last?.diagnostics ?? []).filter(isSafeFix);
      const bySheet = new Map<string, Fix[]>();
      for (const d of safe) bySheet.set(d.sheet, [...(bySheet.get(d.sheet) ?? []), d.fix as Fix]);
      let n = 0;
      for (const [sheet, fixes] of bySheet) n += await writeEdits(sheet, fixes);
      await recheck();
      return n;
    },
    async select(ref) {
      await excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(ref.sheet).getRange(ref.cell).select();
        await ctx.sync();
      });
    },
    async loadSettings() {
      return toPane(await loadSettings(excel), defaultProfileId);
    },
    async saveSettings(p) {
      const old = await loadSettings(excel);
      await saveSettings(excel, toWorkbook(p, old));
      await recheck();
    },
    async insertTemplate(profileId, typeId, header): Promise<InsertResult> {
      const type = findType(typeId);
      if (!type) return { ok: false, message: `找不到项目类型“${typeId}”` };
      if (!opts.insert) return { ok: false, message: '此环境暂不支持插入模板' };
      const r = await opts.insert(excel, (at) => renderBlock(profileId, type, header as TemplateHeader, at));
      if (!r.ok) return { ok: false, message: r.reason };
      await recheck();
      return { ok: true, sheet: r.sheet, range: r.range, note: r.reason };
    },
    capabilities: () => ({ highlighting: caps.highlighting, selectionEvents: caps.liveEvents }),
  };
}
