/**
 * The header fields above a stacked block's first label: its title, a `（2024年度）` year line and a
 * unit line (the 单位：万元 money unit, a 单位名称 written without its label) — never reaching into
 * the block above. Else the money unit a label carries (`资金总额（元）`).
 */
import type { Field } from '../../domain/model';
import type { Profile } from '../../domain/profile';
import { blockLabelOf, keyOfSlot, labelMoneyUnit, looksLikeTitle, moneyUnitOf } from '../labels';
import type { BlockCells, Pos, SheetCtx } from './context';
import type { Group } from './anchors';
import { YEAR_LINE_RE } from './year';

/** Rows above a block's first label that may hold its unit line and title. */
const MAX_HEADER_ROWS = 3;

export interface BlockHeader {
  title?: Field;
  unitName?: Field;
  moneyUnit?: '万元' | '元';
  /** a `（2024年度）` line in the block's header */
  year?: number;
}

/**
 * Title, year line and unit line above the first label (not into the previous block, rows above
 * `prevBottom`). The money unit's cell goes into `labels.unit`; a 单位名称 is looked for only when
 * the block has no labelled one (`hasUnitName`).
 */
export function readBlockHeader(
  ctx: SheetCtx,
  g: Group,
  prevBottom: number,
  cells: BlockCells,
  labels: Record<string, string>,
  hasUnitName: boolean,
): BlockHeader {
  let title: Field | undefined;
  let unitName: Field | undefined;
  let moneyUnit: '万元' | '元' | undefined;
  let year: number | undefined;
  const blockLeft = cells.left;
  const blockRight = Math.max(cells.right, blockLeft);
  for (let r = g.firstRow - 1, n = 0; r > prevBottom && r >= 0 && n < MAX_HEADER_ROWS; r--) {
    const len = Math.min(ctx.rowLength(r), blockRight + 1);
    let empty = true;
    for (let c = 0; c < len && empty; c++) if (!ctx.isEmpty(r, c)) empty = false;
    if (empty && ctx.coveredFromAbove(r)) continue; // the lower rows of a title merged over two rows
    n++;
    let recognised = false;
    let rowTitle: Pos | undefined;
    const texts: Pos[] = [];
    for (let c = 0; c < len; c++) {
      if (ctx.isEmpty(r, c)) continue;
      const t = ctx.text(r, c);
      const mu = moneyUnitOf(t);
      const yl = YEAR_LINE_RE.exec(t);
      if (mu) {
        if (!moneyUnit) {
          moneyUnit = mu;
          labels.unit = ctx.addr(r, c);
          cells.add(r, c);
        }
        recognised = true;
      } else if (yl) {
        year ??= Number(yl[1]);
        cells.add(r, c);
        recognised = true;
      } else if (!rowTitle && !title && looksLikeTitle(t) && !blockLabelOf(t)) {
        rowTitle = { row: r, col: c };
      } else {
        texts.push({ row: r, col: c });
      }
    }
    if (rowTitle) {
      // a title over two rows written in both (a merge replaced by repeated text): its top row
      const t = ctx.text(rowTitle.row, rowTitle.col);
      while (rowTitle.row - 1 > prevBottom && rowTitle.row > 0 && ctx.text(rowTitle.row - 1, rowTitle.col) === t) rowTitle = { row: rowTitle.row - 1, col: rowTitle.col };
      title = ctx.field(rowTitle.row, rowTitle.col);
      cells.addField(rowTitle);
      recognised = true;
    }
    if (!unitName && !hasUnitName) {
      for (const p of texts) {
        const t = ctx.text(p.row, p.col);
        if ((recognised && !rowTitle) || /^\d{3,}/.test(t)) {
          if (title && title.text === t) continue;
          unitName = ctx.field(p.row, p.col);
          cells.addField(p);
          recognised = true;
          break;
        }
      }
    }
    if (!recognised || title) break;
  }
  return { title, unitName, moneyUnit, year };
}

/** A money unit in a money field's label (`资金总额（元）`), if any. */
export function labelledMoneyUnit(ctx: SheetCtx, g: Group, profile: Profile): '万元' | '元' | undefined {
  for (const h of g.hits.values()) {
    const mu = labelMoneyUnit(ctx.text(h.row, h.col));
    if (mu && profile.fields.some((f) => f.money && f.key === keyOfSlot(h.field))) return mu;
  }
  return undefined;
}
