/**
 * Applying fixes the clerk asked for. A fix changes exactly the cell it names and its `also`
 * cells; it is refused when one of those cells changed since the check (the value Excel holds now
 * is compared with the value that was checked — a co-author's change is never written over), when
 * another chosen fix touches the same cell (planFixes), or when the sheet's protection does not let
 * the fix write (a locked cell, or a format change where formatting is not allowed).
 *
 * Text is written as text: a string value (`=100%`, `-5%`, `95%`) goes into the cell while it is
 * formatted as text (`@`), then the cell's number format is put back — Excel keeps an entry made
 * in a Text cell as text and does not re-evaluate it when the format changes (“Formulas Don't
 * Calculate as Formulas”, excelribbon.tips.net T003308), whereas a string written to `values` that
 * starts with "=", "+" or "-" would become a formula (Excel.Range values reference).
 *
 * One Excel.run, 2 syncs: read the cells (values, formulas, number formats, protection), then
 * write every accepted edit (more only past the payload budget). Should the write fail partway,
 * one more sync puts every cell it may have written back as it was read and reads those cells back
 * (value or formula, number format); the error says whether the sheet is as it was or which cells
 * are not.
 * A fix is the clerk's command: it does not wait while Excel is in cell-edit mode, it fails at
 * once with a message.
 */
import { editsOf, normCell, planFixes } from '../domain/fixes';
import { parseA1 } from '../domain/address';
import type { CellEdit, Diagnostic, Fix } from '../domain/model';
import type { Grid } from '../sheet/grid';
import { cellValue } from '../sheet/grid';
import type { ExcelApi, XClientResult, XRange, XRequestContext, XValue, XWorksheetProtection } from './api';
import { getCapabilities } from './capabilities';
import { BYTES_PER_CALL, CELL_EDIT_MESSAGE, byBudget, inCellEdit, jsonBytes, refusedWhole } from './limits';
import { fromCellValue } from './read';

export interface FixOutcome {
  applied: Diagnostic[];
  refused: { diagnostic: Diagnostic; reason: string }[];
  /** cells written */
  edits: CellEdit[];
}

function show(v: XValue): string {
  return v === '' ? '空' : `“${String(v)}”`;
}

function same(a: XValue, b: XValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a));
  return a === b;
}

/** How a cell is written: a string goes in as text (see the module comment); then the number format it should keep. */
interface Write {
  sheet: string;
  cell: string;
  value: XValue;
  /** the number format the cell ends with */
  numberFormat: string;
  /** the formula to put back (rollback of a cell that held one) */
  formula?: string;
}

/** Queue one cell write (no sync). */
function queueWrite(ctx: XRequestContext, w: Write): void {
  const r = ctx.workbook.worksheets.getItem(w.sheet).getRange(w.cell);
  if (w.formula !== undefined) {
    r.numberFormat = [[w.numberFormat]];
    r.formulas = [[w.formula]];
  } else if (typeof w.value === 'string' && w.value !== '') {
    r.numberFormat = [['@']];
    r.values = [[w.value]];
    if (w.numberFormat !== '@') r.numberFormat = [[w.numberFormat]];
  } else {
    r.numberFormat = [[w.numberFormat]];
    r.values = [[w.value]];
  }
}

const writeBytes = (w: Write) => BYTES_PER_CALL * 5 + jsonBytes(w.value) + jsonBytes(w.formula ?? '') + w.cell.length;

/** What a cell held before the fix, for putting it back. */
function restoreOf(sheet: string, cell: string, before: XRange): Write {
  const formula = before.formulas[0][0];
  const w: Write = { sheet, cell, value: before.values[0][0], numberFormat: before.numberFormat[0][0] };
  if (typeof formula === 'string' && formula.startsWith('=')) w.formula = formula;
  return w;
}

/** Whether a cell read back after the rollback holds what `t` put back: value (or formula) and number format. */
function restored(t: Write, r: XRange): boolean {
  if (r.numberFormat[0][0] !== t.numberFormat) return false;
  if (t.formula !== undefined) return r.formulas[0][0] === t.formula;
  return same(r.values[0][0], t.value);
}

/** Why the sheet's protection stops this edit, or undefined (Excel.WorksheetProtectionOptions; a locked cell cannot be changed). */
function protectedReason(sheet: string, p: XWorksheetProtection, locked: boolean | undefined, changesFormat: boolean): string | undefined {
  if (!p.protected) return undefined;
  if (locked !== false) return `工作表“${sheet}”受保护，单元格已锁定，无法修复；请先撤消工作表保护（审阅 › 撤消工作表保护）`;
  if (changesFormat && p.options.allowFormatCells !== true) return `工作表“${sheet}”受保护（不允许设置单元格格式），无法按文本写入；请先撤消工作表保护`;
  return undefined;
}

export async function applyFixes(excel: ExcelApi, diagnostics: Diagnostic[], checked: Grid, opts: { delayForCellEdit?: boolean } = {}): Promise<FixOutcome> {
  const out: FixOutcome = { applied: [], refused: [], edits: [] };
  const bySheet = new Map<string, { diag: Diagnostic; fix: Fix }[]>();
  for (const d of diagnostics) {
    if (!d.fix) {
      out.refused.push({ diagnostic: d, reason: '该问题没有可自动应用的修复，请手动修改' });
      continue;
    }
    const list = bySheet.get(d.sheet) ?? [];
    list.push({ diag: d, fix: d.fix });
    bySheet.set(d.sheet, list);
  }
  if (bySheet.size === 0) return out;
  const caps = getCapabilities(excel);

  try {
    return await excel.run({ delayForCellEdit: opts.delayForCellEdit === true }, async (ctx) => {
      // plan per sheet (two fixes on one cell: the first wins) and read the cells they touch
      const work: {
        sheet: string;
        chosen: { diag: Diagnostic; fix: Fix }[];
        cells: Map<string, XRange>;
        locked: Map<string, XClientResult<Excel.CellProperties[][]>>;
        protection: XWorksheetProtection;
      }[] = [];
      for (const [sheet, items] of bySheet) {
        const plan = planFixes(items.map((i) => i.fix));
        const diagOf = new Map(items.map((i) => [i.fix, i.diag]));
        for (const r of plan.refused) out.refused.push({ diagnostic: diagOf.get(r.fix) as Diagnostic, reason: r.reason });
        const ws = ctx.workbook.worksheets.getItem(sheet);
        const cells = new Map<string, XRange>();
        const locked = new Map<string, XClientResult<Excel.CellProperties[][]>>();
        const chosen = plan.applied.map((fix) => ({ fix, diag: diagOf.get(fix) as Diagnostic }));
        for (const { fix } of chosen)
          for (const e of editsOf(fix)) {
            const c = normCell(e.cell);
            if (cells.has(c)) continue;
            const r = ws.getRange(c).load({ values: true, formulas: true, numberFormat: true });
            cells.set(c, r);
            if (caps.cellProperties) locked.set(c, r.getCellProperties({ format: { protection: true } }));
          }
        work.push({ sheet, chosen, cells, locked, protection: ws.protection.load({ protected: true, options: true }) });
      }
      await ctx.sync();

      const writes: Write[] = [];
      const touched: Write[] = [];
      for (const w of work) {
        const gs = checked.sheets.find((s) => s.name === w.sheet);
        for (const { diag, fix } of w.chosen) {
          const edits = editsOf(fix);
          let stale: string | undefined;
          for (const e of edits) {
            const c = normCell(e.cell);
            const range = w.cells.get(c) as XRange;
            const now = range.values[0][0];
            const p = parseA1(c);
            const then = gs ? fromCellValue(cellValue(gs, p.row, p.col)) : undefined;
            if (then === undefined || !same(now, then)) {
              stale = then === undefined ? `工作表“${w.sheet}”自检查后已变化` : `单元格${c}自检查后已被修改（检查时为${show(then)}，现为${show(now)}）`;
              break;
            }
            const value = fromCellValue(e.value);
            const changesFormat = (e.numberFormat !== undefined && e.numberFormat !== range.numberFormat[0][0]) || (typeof value === 'string' && value !== '' && range.numberFormat[0][0] !== '@');
            const lockedNow = caps.cellProperties ? w.locked.get(c)?.value[0]?.[0]?.format?.protection?.locked : undefined;
            const why = protectedReason(w.sheet, w.protection, lockedNow, changesFormat);
            if (why) {
              stale = why;
              break;
            }
          }
          if (stale) {
            out.refused.push({ diagnostic: diag, reason: stale.includes('受保护') ? stale : `${stale}，未修复；请重新检查后再试` });
            continue;
          }
          for (const e of edits) {
            const cell = normCell(e.cell);
            const range = w.cells.get(cell) as XRange;
            touched.push(restoreOf(w.sheet, cell, range));
            writes.push({ sheet: w.sheet, cell, value: fromCellValue(e.value), numberFormat: e.numberFormat ?? range.numberFormat[0][0] });
            out.edits.push(e);
          }
          out.applied.push(diag);
        }
      }
      if (writes.length === 0) return out;
      const restore = new Map(touched.map((t) => [`${t.sheet}!${t.cell}`, t]));
      const applied: Write[] = [];
      for (const batch of byBudget(writes, writeBytes)) {
        for (const w of batch) queueWrite(ctx, w);
        try {
          await ctx.sync();
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          // a batch Excel refused as a whole wrote nothing; one that failed partway may have written any of its cells
          const undo = refusedWhole(e) ? applied : [...applied, ...batch];
          if (undo.length === 0) {
            if (inCellEdit(e)) throw e;
            throw new Error(`修复失败，未写入任何内容：${why}`);
          }
          const back = [...new Set(undo.map((w) => `${w.sheet}!${w.cell}`))].map((k) => restore.get(k) as Write);
          for (const t of back) queueWrite(ctx, t);
          // read back in the same round trip: each cell holds what it held before (a fix writes one
          // cell's value and number format, never a merge, so these are all it could have changed)
          const reread = back.map((t) => ({ t, r: ctx.workbook.worksheets.getItem(t.sheet).getRange(t.cell).load({ values: true, formulas: true, numberFormat: true }) }));
          try {
            await ctx.sync();
          } catch (e2) {
            throw new Error(`修复失败：${why}；撤回时又出错（${e2 instanceof Error ? e2.message : String(e2)}），请用“撤消”检查 ${back.map((t) => t.cell).join('、')}`);
          }
          const differ = reread.filter(({ t, r }) => !restored(t, r)).map(({ t }) => t.cell);
          if (differ.length > 0) throw new Error(`修复失败：${why}；撤回后 ${differ.join('、')} 与原来不一致，请用“撤消”或手动检查`);
          throw new Error(`修复失败，已撤回：${why}`);
        }
        applied.push(...batch);
      }
      return out;
    });
  } catch (e) {
    if (inCellEdit(e)) throw new Error(`${CELL_EDIT_MESSAGE}（未修复）`);
    throw e;
  }
}
