/**
 * Applying fixes the clerk asked for. A fix changes exactly the cell it names and its `also`
 * cells; it is refused when one of those cells changed since the check (the value Excel holds now
 * is compared with the value that was checked), or when another chosen fix touches the same cell
 * (planFixes). One Excel.run, 2 syncs: read the cells (values, formulas, number formats), then
 * write every accepted edit. Should the write batch fail partway, one more sync puts every cell it
 * may have written back as it was read, and the error says so.
 */
import { editsOf, normCell, planFixes } from '../domain/fixes';
import { parseA1 } from '../domain/address';
import type { CellEdit, Diagnostic, Fix } from '../domain/model';
import type { Grid } from '../sheet/grid';
import { cellValue } from '../sheet/grid';
import type { ExcelApi, XRange, XRequestContext, XValue } from './api';
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

/**
 * Queue the writes that put cells back as they were read: the number format, then the formula or
 * value. Text that Excel would read as a number (`'0123'`, a 20-digit code) is written while the
 * cell is formatted as text, so it stays text; then the old format comes back.
 */
function queueRestore(ctx: XRequestContext, cells: { sheet: string; cell: string; before: XRange }[]): void {
  const done = new Set<string>();
  for (const { sheet, cell, before } of cells) {
    const key = `${sheet}!${cell}`;
    if (done.has(key)) continue;
    done.add(key);
    const r = ctx.workbook.worksheets.getItem(sheet).getRange(cell);
    const formula = before.formulas[0][0];
    const value = before.values[0][0];
    const format = before.numberFormat[0][0];
    if (typeof formula === 'string' && formula.startsWith('=')) {
      r.numberFormat = [[format]];
      r.formulas = [[formula]];
    } else if (typeof value === 'string' && value !== '') {
      r.numberFormat = [['@']];
      r.values = [[value]];
      r.numberFormat = [[format]];
    } else {
      r.numberFormat = [[format]];
      r.values = [[value]];
    }
  }
}

export async function applyFixes(excel: ExcelApi, diagnostics: Diagnostic[], checked: Grid): Promise<FixOutcome> {
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

  return excel.run({ delayForCellEdit: true }, async (ctx) => {
    // plan per sheet (two fixes on one cell: the first wins) and read the cells they touch
    const work: { sheet: string; chosen: { diag: Diagnostic; fix: Fix }[]; cells: Map<string, XRange> }[] = [];
    for (const [sheet, items] of bySheet) {
      const plan = planFixes(items.map((i) => i.fix));
      const diagOf = new Map(items.map((i) => [i.fix, i.diag]));
      for (const r of plan.refused) out.refused.push({ diagnostic: diagOf.get(r.fix) as Diagnostic, reason: r.reason });
      const ws = ctx.workbook.worksheets.getItem(sheet);
      const cells = new Map<string, XRange>();
      const chosen = plan.applied.map((fix) => ({ fix, diag: diagOf.get(fix) as Diagnostic }));
      for (const { fix } of chosen)
        for (const e of editsOf(fix)) {
          const c = normCell(e.cell);
          if (!cells.has(c)) cells.set(c, ws.getRange(c).load('values,formulas,numberFormat'));
        }
      work.push({ sheet, chosen, cells });
    }
    await ctx.sync();

    let writes = 0;
    const touched: { sheet: string; cell: string; before: XRange }[] = [];
    for (const w of work) {
      const gs = checked.sheets.find((s) => s.name === w.sheet);
      for (const { diag, fix } of w.chosen) {
        const edits = editsOf(fix);
        let stale: string | undefined;
        for (const e of edits) {
          const c = normCell(e.cell);
          const now = (w.cells.get(c) as XRange).values[0][0];
          const p = parseA1(c);
          const then = gs ? fromCellValue(cellValue(gs, p.row, p.col)) : undefined;
          if (then === undefined || !same(now, then)) {
            stale = then === undefined ? `工作表“${w.sheet}”自检查后已变化` : `单元格${c}自检查后已被修改（检查时为${show(then)}，现为${show(now)}）`;
            break;
          }
        }
        if (stale) {
          out.refused.push({ diagnostic: diag, reason: `${stale}，未修复；请重新检查后再试` });
          continue;
        }
        for (const e of edits) {
          touched.push({ sheet: w.sheet, cell: normCell(e.cell), before: w.cells.get(normCell(e.cell)) as XRange });
          const r = ctx.workbook.worksheets.getItem(w.sheet).getRange(normCell(e.cell));
          if (e.numberFormat !== undefined) r.numberFormat = [[e.numberFormat]];
          r.values = [[fromCellValue(e.value)]];
          out.edits.push(e);
          writes++;
        }
        out.applied.push(diag);
      }
    }
    if (writes > 0) {
      try {
        await ctx.sync();
      } catch (e) {
        // the batch failed partway: put every cell it may have written back as it was read
        queueRestore(ctx, touched);
        const why = e instanceof Error ? e.message : String(e);
        try {
          await ctx.sync();
        } catch (e2) {
          throw new Error(`修复失败：${why}；撤回时又出错（${e2 instanceof Error ? e2.message : String(e2)}），请用“撤消”检查 ${touched.map((t) => t.cell).join('、')}`);
        }
        throw new Error(`修复失败，已撤回：${why}`);
      }
    }
    return out;
  });
}
