/**
 * The fields of a stacked block read from beside their labels: every labelled value (next
 * non-empty cell right of its label), the 资金用途 (on the 预算规模及资金用途 label's other row, or
 * the row below 预算数 where the format puts it) and the 资金支出计划 (checkpoints right of its label,
 * values in the row below). Every cell read goes on the block's cells.
 */
import type { Field, Plan } from '../../domain/model';
import type { Profile } from '../../domain/profile';
import { INDICATORS_SLOT, PLAN_SLOT, keyOfSlot, normLabel } from '../labels';
import { MAX_VALUE_SCAN, sameLabel, valueFrom, valueRight, type BlockCells, type Hit, type SheetCtx } from './context';
import type { Group } from './anchors';

/** Checkpoints a plan header can hold. */
const MAX_CHECKPOINTS = 12;

/** The value right of a label (past its merge and its own text repeated), added to the block's cells. */
function valueOfLabel(ctx: SheetCtx, h: Hit, cells: BlockCells): Field {
  const p = valueRight(ctx, h.row, h.col, ctx.text(h.row, h.col));
  cells.addField(p);
  return ctx.field(p.row, p.col);
}

/** The cells of the block's labels (each label on the cells; the first cell of each field in `labels`). */
export function labelCells(ctx: SheetCtx, g: Group, cells: BlockCells): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const h of g.hits.values()) {
    cells.add(h.row, h.col);
    labels[keyOfSlot(h.field)] ??= ctx.addr(h.row, h.col);
  }
  for (const h of g.repeats) cells.add(h.row, h.col);
  return labels;
}

/** Every labelled field but the plan, the indicators and the 资金用途: its value right of its label, by field key. */
export function readLabelledValues(ctx: SheetCtx, g: Group, cells: BlockCells): Map<string, Field> {
  const values = new Map<string, Field>();
  for (const [slot, h] of g.hits) {
    if (slot === PLAN_SLOT || slot === INDICATORS_SLOT || keyOfSlot(slot) === 'usage') continue;
    const f = valueOfLabel(ctx, h, cells);
    if (!values.has(keyOfSlot(slot))) values.set(keyOfSlot(slot), f);
  }
  return values;
}

/** 资金用途: the row of the 预算规模及资金用途 label that is not the 预算数 row. */
export function readUsage(ctx: SheetCtx, g: Group, profile: Profile, cells: BlockCells): Field | undefined {
  const budgetHit = g.hits.get('budget');
  const usageHit = g.hits.get('usage@2');
  const usageOnly = g.hits.get('usage');
  if (usageOnly) return valueOfLabel(ctx, usageOnly, cells);
  if (usageHit) {
    const m = ctx.mergeAt(usageHit.row, usageHit.col);
    const rows: number[] = [];
    for (let r = usageHit.row; r <= (m ? Math.min(m.bottom, usageHit.row + 3) : usageHit.row); r++) rows.push(r);
    for (const rep of g.repeats) if (rep.field === 'usage@2') rows.push(rep.row);
    let r = rows.find((x) => !budgetHit || x !== budgetHit.row);
    if (r === undefined && budgetHit) r = budgetHit.row + 1;
    if (r !== undefined && r < ctx.nRows && (!ctx.labelRows.has(r) || g.repeats.some((x) => x.row === r && x.field === 'usage@2'))) {
      const start = (m ? m.right : usageHit.col) + 1;
      const pos = valueFrom(ctx, r, start, ctx.text(usageHit.row, usageHit.col));
      cells.addField(pos);
      return ctx.field(pos.row, pos.col);
    }
    return undefined;
  }
  if (budgetHit && profile.fields.some((f) => f.key === 'usage' && f.secondRow)) {
    // the format writes 资金用途 on the row below 预算数 (the label itself is missing)
    const r = budgetHit.row + 1;
    if (r < ctx.nRows && !ctx.labelRows.has(r)) {
      const len = ctx.rowLength(r);
      for (let c = budgetHit.col; c < len && c < budgetHit.col + MAX_VALUE_SCAN; c++) {
        if (!ctx.isEmpty(r, c)) {
          cells.add(r, c);
          return ctx.field(r, c);
        }
      }
    }
  }
  return undefined;
}

/** 资金支出计划: checkpoints right of the label, values in the row below. */
export function readPlan(ctx: SheetCtx, g: Group, cells: BlockCells): Plan | undefined {
  const planHit = g.hits.get(PLAN_SLOT);
  if (!planHit) return undefined;
  const r = planHit.row;
  const m = ctx.mergeAt(r, planHit.col);
  const start = (m ? m.right : planHit.col) + 1;
  const own = normLabel(ctx.text(r, planHit.col));
  const checkpoints: Field[] = [];
  const planValues: Field[] = [];
  const len = ctx.rowLength(r);
  const valuesRow = r + 1;
  for (let c = start; c < len && checkpoints.length < MAX_CHECKPOINTS && c < start + 3 * MAX_CHECKPOINTS; c++) {
    if (ctx.isEmpty(r, c) || ctx.isLabel(r, c)) continue;
    if (sameLabel(ctx, r, c, own)) continue;
    cells.add(r, c);
    checkpoints.push(ctx.field(r, c));
    cells.add(valuesRow, c);
    planValues.push(ctx.field(valuesRow, c));
  }
  return { labelCell: ctx.addr(planHit.row, planHit.col), checkpoints, values: planValues };
}
