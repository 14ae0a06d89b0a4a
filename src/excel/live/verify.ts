/**
 * The live checker's change verification (part of ./../live.ts): some edits fire no `onChanged`
 * (a dropdown pick, office-js #3888, #420; a paste or fill-drag, #1110, #3899). They leave what
 * they changed selected, so
 * - a selection change verifies the cells just left (1 sync), compared with the last check's grid;
 *   a selection larger than VERIFY_CELLS verifies its whole sheet instead;
 * - a sheet activation fingerprints the sheets involved (2 syncs), compared with the last check's.
 * Only when something differs does a full check run. A read that fails counts as a change (the
 * full check will meet the problem and report it); a stopped verification throws PassCancelled.
 */
import { parseRange } from '../../domain/address';
import type { ExcelApi, XRange } from '../api';
import type { Capabilities } from '../capabilities';
import { PassCancelled, type PassResult } from '../pass';
import { fingerprintOf, queueGeometry, readSheetData, toCellValue } from '../read';
import { cellFormat, cellValue, type GridSheet } from '../../sheet/grid';
import { wantCells, type Wanted } from './schedule';

/** a selection this small is verified cell by cell; a larger one, with its whole sheet */
export const VERIFY_CELLS = 5000;

/** the clerk left this selection: want it verified (an edit Excel did not report may be there) */
export function wantLeftSelection(w: Wanted, left: { sheetId: string; address: string }): void {
  let size = Infinity;
  try {
    const r = parseRange(left.address.slice(left.address.lastIndexOf('!') + 1).replace(/\$/g, ''));
    size = (r.bottom - r.top + 1) * (r.right - r.left + 1);
  } catch {
    // an address we cannot read: verify the whole sheet
  }
  if (size <= VERIFY_CELLS) wantCells(w, left.sheetId, left.address);
  else w.verify.add(left.sheetId);
}

/** has anything changed that Excel did not report? (sheets wanted: by fingerprint; else the cells) */
export function changedSinceCheck<S>(excel: ExcelApi, caps: Capabilities, pass: PassResult<S> | undefined, w: Wanted, cancelled: () => boolean): Promise<boolean> {
  return w.verify.size > 0 ? sheetsChanged(excel, caps, pass, [...w.verify], cancelled) : cellsChanged(excel, pass, w.cells, cancelled);
}

/**
 * The cheap check behind a sheet activation (or a large selection): read the given sheets' values
 * and number formats (2 syncs, no merged areas) and compare their fingerprints with the last
 * check's. A sheet the last check did not see counts as changed.
 */
export async function sheetsChanged<S>(excel: ExcelApi, caps: Capabilities, pass: PassResult<S> | undefined, ids: string[], cancelled: () => boolean): Promise<boolean> {
  const known = pass?.fingerprints;
  if (!known || ids.some((id) => !known.has(id))) return true;
  try {
    return await excel.run({ delayForCellEdit: true }, async (ctx) => {
      const geometry = ids.map((id) => queueGeometry(ctx.workbook.worksheets.getItem(id).load({ id: true, name: true })));
      await ctx.sync();
      if (cancelled()) throw new PassCancelled();
      const data = await readSheetData(ctx, geometry, { ...caps, mergedAreas: false });
      return data.some((d) => known.get(d.id) !== fingerprintOf(d.area, d.chunks));
    });
  } catch (e) {
    // a sheet that went away is a change; anything else the full check will meet (and report)
    if (e instanceof PassCancelled) throw e;
    return true;
  }
}

/**
 * The cheapest verification, behind a selection change: the cells the clerk just left — where a
 * dropdown pick, a paste or a fill-drag happened (they leave what they changed selected) — read
 * in one sync and compared with the last check's grid.
 */
export async function cellsChanged<S>(excel: ExcelApi, pass: PassResult<S> | undefined, cells: Map<string, Set<string>>, cancelled: () => boolean): Promise<boolean> {
  if (!pass) return true;
  const names = new Map([...pass.sheetIds].map(([name, id]) => [id, name]));
  const reads: { sheet: GridSheet; top: number; left: number; range: XRange }[] = [];
  try {
    return await excel.run({ delayForCellEdit: true }, async (ctx) => {
      for (const [id, list] of cells) {
        const sheet = pass.grid.sheets.find((s) => s.name === names.get(id));
        if (!sheet) return true;
        const ws = ctx.workbook.worksheets.getItem(id);
        for (const address of list) {
          const r = parseRange(address);
          reads.push({ sheet, top: r.top, left: r.left, range: ws.getRange(address).load({ values: true, numberFormat: true }) });
        }
      }
      await ctx.sync();
      if (cancelled()) throw new PassCancelled();
      return reads.some(({ sheet, top, left, range }) =>
        range.values.some((line, i) =>
          line.some((v, j) => {
            const f = range.numberFormat[i][j];
            const fmt = f === 'General' || f === null || f === undefined ? undefined : String(f);
            return JSON.stringify(toCellValue(v) ?? null) !== JSON.stringify(cellValue(sheet, top + i, left + j)) || fmt !== cellFormat(sheet, top + i, left + j);
          }),
        ),
      );
    });
  } catch (e) {
    if (e instanceof PassCancelled) throw e;
    return true;
  }
}
