/**
 * Marks: the flagged cells are shown through conditional formats jxmb owns — a few per sheet, one
 * per severity (more only when a severity's cells need a longer address than one call should
 * carry) — never through the cells' own formats.
 *
 * - A mark is a `Custom` conditional format whose rule is always true and names itself:
 *   `=ISTEXT("jxmb-mark:error")`. What is ours is told from the rule alone (`markOf`): nothing is
 *   stored about the marks — no addresses, no setting — so wherever Excel moves a mark (an inserted
 *   row, a deletion, a cut and paste) the next pass finds it there, and sets it right.
 * - A conditional format is drawn over the cell's own format and changes nothing of it (“Apply
 *   conditional formatting to Excel ranges”): the clerk's fills, fonts, borders and number formats
 *   are never read, saved or written; clearing the marks is deleting our formats and nothing else.
 * - Where a mark sits is read back with `ConditionalFormat.getRanges()` (ExcelApi 1.9) and compared
 *   cell by cell with where it should be (./cellset.ts); a severity whose cells differ on a sheet is
 *   replaced as a whole (its formats deleted, new ones added over the right cells), one that agrees
 *   is left alone — a pass that changes no mark writes nothing.
 * - Ids are not trusted across a write. The d.ts says `ConditionalFormat.id` is “the priority of
 *   the conditional format in the current ConditionalFormatCollection”: a position that every add
 *   and delete (ours, the clerk's, a co-author's) shifts. So a mark is found by what it is — its
 *   rule — in the collection read in the same round trip as whatever uses its id; the ids a pass
 *   keeps for the next one are read after its own writes, in the write's round trip, and checked
 *   against the rules read beside them. In a write, the deletions come first, from the last
 *   position to the first (a deletion never moves an earlier position), then the adds (whose place,
 *   top or bottom, no id depends on): an order right whether ids are positions or handles.
 * - Reading rules can fail for a whole sheet (office-js #6827: two CellValue rules on one range;
 *   #6835: a duplicated rule). The pass then reads that sheet's formats on their own, checks the
 *   sheet all the same and leaves its marks as they are (`unreadableNotice`).
 * - Deleting through the whole sheet's collection a format whose cells another format also covers
 *   can fail with ItemNotFound (office-js #5222); the pass then deletes each mark through the
 *   collection of one of its own cells, where it is found again by its rule (`queueSubCollections`).
 * - Many cells at once go through `Worksheet.getRanges(address)` and `RangeAreas.conditionalFormats`
 *   (ExcelApi 1.9). A long multi-area address makes `getRanges` fail, at a size Excel does not
 *   document (office-js #5198: failures reported from 513 areas and 8,207 characters, some longer
 *   addresses passing), so a severity's cells are split into addresses of at most
 *   MARK_ADDRESS_AREAS areas and MARK_ADDRESS_CHARS characters — a quarter of the smallest failure
 *   reported — each its own conditional format.
 */
import { parseA1, rangeToA1, type RangePos } from '../domain/address';
import type { Diagnostic, Severity } from '../domain/model';
import type { XConditionalFormatCollection, XRangeAreas, XWorksheet } from './api';
import { cellKey, cellKeysOf, rectsOf, sameCells, type CellKey } from './cellset';
import { parseAreasAddress } from './read';

/** error light red, warning amber, info light blue */
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** what our rules say of themselves */
export const MARK_MARKER = 'jxmb-mark';

/** The rule of a mark: always true, and recognisable as ours. */
export function markFormula(severity: Severity): string {
  return `=ISTEXT("${MARK_MARKER}:${severity}")`;
}

/** The severity of one of our marks, from its rule; null: ours, but not a rule this version writes (replaced); undefined: not ours. */
export function markOf(formula: string | null | undefined): Severity | null | undefined {
  if (typeof formula !== 'string' || !formula.includes(MARK_MARKER)) return undefined;
  const m = /"jxmb-mark:([a-z]+)"/.exec(formula);
  const sev = m?.[1] as Severity | undefined;
  return sev !== undefined && SEVERITIES.includes(sev) ? sev : null;
}

/** Where the marks should be: sheet id → severity → cells (a cell is marked once, with its highest severity). */
export type WantedMarks = Map<string, Map<Severity, Set<CellKey>>>;

export function wantedMarks(diagnostics: Diagnostic[], sheetIdByName: Map<string, string>): WantedMarks {
  const best = new Map<string, Map<CellKey, Severity>>();
  for (const d of diagnostics) {
    const sheetId = sheetIdByName.get(d.sheet);
    if (!sheetId) continue;
    let at;
    try {
      at = parseA1(d.cell.split(':')[0].replace(/\$/g, ''));
    } catch {
      continue;
    }
    const cells = best.get(sheetId) ?? new Map<CellKey, Severity>();
    best.set(sheetId, cells);
    const k = cellKey(at.row, at.col);
    const had = cells.get(k);
    if (!had || RANK[d.severity] > RANK[had]) cells.set(k, d.severity);
  }
  const out: WantedMarks = new Map();
  for (const [sheetId, cells] of best) {
    const bySeverity = new Map<Severity, Set<CellKey>>();
    for (const [k, sev] of cells) {
      const set = bySeverity.get(sev) ?? new Set<CellKey>();
      set.add(k);
      bySeverity.set(sev, set);
    }
    out.set(sheetId, bySeverity);
  }
  return out;
}

/** One of our conditional formats, as found on a sheet. */
export interface Mark {
  /** its id in the collection it was read from, valid until the next write */
  id: string;
  /** its rule as read (how it is found again in another collection) */
  formula: string;
  /** null: ours, but not a rule this version writes */
  severity: Severity | null;
  /** the cells it applies to; null: not read, or an address this code cannot read */
  cells: Set<CellKey> | null;
}

/** areas and characters of one address given to `Worksheet.getRanges` (office-js #5198, see above) */
export const MARK_ADDRESS_AREAS = 128;
export const MARK_ADDRESS_CHARS = 2048;

/** The cells as addresses of few, large areas, each within MARK_ADDRESS_AREAS and MARK_ADDRESS_CHARS. */
export function addressPieces(cells: Set<CellKey>): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let chars = 0;
  for (const r of rectsOf(cells)) {
    const a = rangeToA1(r);
    if (cur.length > 0 && (cur.length + 1 > MARK_ADDRESS_AREAS || chars + 1 + a.length > MARK_ADDRESS_CHARS)) {
      out.push(cur.join(','));
      cur = [];
      chars = 0;
    }
    chars += (cur.length > 0 ? 1 : 0) + a.length;
    cur.push(a);
  }
  if (cur.length > 0) out.push(cur.join(','));
  return out;
}

/** The cells of a RangeAreas address (`Sheet1!A1:B2, Sheet1!C5`); null when a part cannot be read (a whole column…). */
export function cellsOfAddress(address: string): Set<CellKey> | null {
  let ranges: RangePos[];
  try {
    ranges = parseAreasAddress(address);
  } catch {
    return null;
  }
  return cellKeysOf(ranges);
}

/** What a pass writes on one sheet: our formats to delete, and the new ones (their severity and address). */
export interface MarkPlan {
  deletes: string[];
  adds: { severity: Severity; address: string }[];
}

export function emptyPlan(p: MarkPlan): boolean {
  return p.deletes.length === 0 && p.adds.length === 0;
}

/**
 * From the marks found on a sheet to the marks wanted there: a severity whose formats cover exactly
 * its wanted cells stays as it is; any other is replaced whole. A format of ours this version does
 * not write, or whose cells could not be read, goes.
 */
export function planMarks(found: Mark[], wanted: Map<Severity, Set<CellKey>> | undefined): MarkPlan {
  const plan: MarkPlan = { deletes: [], adds: [] };
  for (const m of found) if (m.severity === null || m.cells === null) plan.deletes.push(m.id);
  for (const sev of SEVERITIES) {
    const want = wanted?.get(sev) ?? new Set<CellKey>();
    const have = found.filter((m) => m.severity === sev && m.cells !== null);
    const covered = new Set<CellKey>();
    for (const m of have) for (const k of m.cells as Set<CellKey>) covered.add(k);
    const readable = !found.some((m) => m.severity === sev && m.cells === null);
    if (readable && sameCells(covered, want)) continue;
    for (const m of have) plan.deletes.push(m.id);
    for (const address of addressPieces(want)) plan.adds.push({ severity: sev, address });
  }
  return plan;
}

/**
 * Queue the read of a sheet's conditional formats: the rule of each (the collection of the whole
 * sheet's range holds every format that overlaps it). Read with `marksIn` after the sync.
 * @requires caps.marks
 */
export function queueFormatsRead(ws: XWorksheet): XConditionalFormatCollection {
  return ws.getRange().conditionalFormats.load({ id: true, type: true, customOrNullObject: { rule: { formula: true }, format: { fill: { color: true } } } });
}

/**
 * After the sync: our formats among them (cells not known yet). A mark is only taken as intact when
 * its rule and its colour are what this version writes; one a failed batch left half-made — a
 * `Custom` format with no rule yet (`add` ran, the rule's assignment did not: Excel's own dialog
 * cannot make one), or our rule without its colour — is ours to replace.
 */
export function marksIn(formats: XConditionalFormatCollection): Mark[] {
  const out: Mark[] = [];
  for (const f of formats.items) {
    if (f.type !== 'Custom' || f.customOrNullObject.isNullObject) continue;
    const formula = f.customOrNullObject.rule.formula;
    const severity = formula === '' || formula === null ? null : markOf(formula);
    if (severity === undefined) continue;
    const color = f.customOrNullObject.format.fill.color;
    const intact = severity !== null && typeof color === 'string' && color.toUpperCase() === MARK_COLORS[severity];
    out.push({ id: f.id, formula: formula ?? '', severity: intact ? severity : null, cells: null });
  }
  return out;
}

/**
 * Queue the read of where one of our formats applies (`cellsOfAddress(result.address)` after the sync).
 * @requires caps.marks
 */
export function queueMarkCells(formats: XConditionalFormatCollection, id: string): XRangeAreas {
  return formats.getItem(id).getRanges().load({ address: true });
}

/** Ids in an order that deletes right whether they are positions (last first) or handles (any order). */
export function deletionOrder(ids: string[]): string[] {
  const numeric = ids.every((id) => /^\d+$/.test(id));
  return numeric ? [...ids].sort((a, b) => Number(b) - Number(a)) : [...ids];
}

/**
 * Queue a sheet's mark writes (no sync): the deletions first, through the whole sheet's collection
 * (the one the ids were read from), last position first; then the new formats. Returns the sheet's
 * formats as they will be after these writes (loaded by the same sync): the ids the next pass may use.
 * @requires caps.marks
 */
export function queueMarkWrites(ws: XWorksheet, plan: MarkPlan): XConditionalFormatCollection {
  if (plan.deletes.length > 0) {
    const formats = ws.getRange().conditionalFormats;
    for (const id of deletionOrder(plan.deletes)) formats.getItem(id).delete();
  }
  queueMarkAdds(ws, plan);
  return queueFormatsRead(ws);
}

/** Queue the new formats of a plan. @requires caps.marks */
export function queueMarkAdds(ws: XWorksheet, plan: MarkPlan): void {
  for (const a of plan.adds) {
    const cf = ws.getRanges(a.address).conditionalFormats.add('Custom');
    cf.custom.rule.formula = markFormula(a.severity);
    cf.custom.format.fill.color = MARK_COLORS[a.severity];
    // `add` puts it “at the first/top priority” (d.ts); should an Excel put it last, a clerk's rule
    // with a fill (or stopIfTrue) would hide it: first, whatever `add` did. The clerk's rules keep their order.
    cf.priority = 0;
  }
}

/** The address of one cell of a mark (its collection holds the mark), or null when its cells are not known. */
export function oneCellOf(m: Mark): string | null {
  if (!m.cells || m.cells.size === 0) return null;
  const k = m.cells.values().next().value as CellKey;
  return rangeToA1(rectsOf(new Set([k]))[0]);
}

/**
 * office-js #5222: queue the read of the collection of one cell of each mark to delete (the mark
 * is in it, with the formats that cover that cell). After the sync, `queueSubDeletes`.
 * @requires caps.marks
 */
export function queueSubCollections(ws: XWorksheet, marks: Mark[]): { mark: Mark; formats: XConditionalFormatCollection | null }[] {
  return marks.map((mark) => {
    const cell = oneCellOf(mark);
    return { mark, formats: cell === null ? null : ws.getRange(cell).conditionalFormats.load({ id: true, type: true, customOrNullObject: { rule: { formula: true } } }) };
  });
}

/**
 * Delete each mark through its cell's collection, found there by its rule (every format of ours
 * with that rule on that cell: a duplicate is ours too); a mark whose cells are not known goes
 * through the whole sheet's collection. Last position first in each collection.
 * @requires caps.marks
 */
export function queueSubDeletes(ws: XWorksheet, subs: { mark: Mark; formats: XConditionalFormatCollection | null }[]): void {
  const whole: string[] = [];
  for (const { mark, formats } of subs) {
    if (formats === null) {
      whole.push(mark.id);
      continue;
    }
    const ids = formats.items.filter((f) => f.type === 'Custom' && !f.customOrNullObject.isNullObject && f.customOrNullObject.rule.formula === mark.formula).map((f) => f.id);
    for (const id of deletionOrder(ids)) formats.getItem(id).delete();
  }
  if (whole.length > 0) {
    const formats = ws.getRange().conditionalFormats;
    for (const id of deletionOrder(whole)) formats.getItem(id).delete();
  }
}
