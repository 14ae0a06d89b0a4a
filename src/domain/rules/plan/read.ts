/**
 * Reads a block's 资金支出计划 once per block (memoised for the whole check pass): every value
 * cell as blank / not a percentage / a cumulative percentage in points, plus the helpers the
 * plan rules share (float tolerance, the per-period pattern, writing a value back in the cell's style).
 */
import type { Block, CellEdit, Field } from '../../model';
import { isPercentFormat, parsePlanCell } from '../../value';
import { fieldText, fmtNum, isBlank, roundTo } from '../block-helpers';

/** tolerance for float noise (0.1 + 0.2), in percentage points */
export const EPS = 1e-6;
/** tolerance for "the values add up to 100%" */
const SUM_EPS = 1e-3;

export type PlanCellStyle = 'fraction' | 'points' | 'text';

export interface PlanCell {
  index: number;
  field: Field;
  /** the checkpoint header (`3月底`), or `第n期` when the header is blank */
  checkpoint: string;
  state: 'blank' | 'bad' | 'ok';
  /** percentage points when `ok` */
  percent?: number;
  style?: PlanCellStyle;
}

export interface ReadPlan {
  cells: PlanCell[];
}

const memo = new WeakMap<Block, ReadPlan | null>();

function styleOf(f: Field): PlanCellStyle {
  if (typeof f.value === 'number') return isPercentFormat(f.numberFormat) ? 'fraction' : 'points';
  return 'text';
}

const PERCENT_TEXT = /^\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*%\s*$/;

/** A plan cell in percentage points: the common forms directly, anything else through `parsePlanCell`. */
export function readPlanCell(f: Field): { ok: boolean; percent?: number } {
  const v = f.value;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { ok: false };
    return { ok: true, percent: isPercentFormat(f.numberFormat) ? v * 100 : v };
  }
  if (typeof v === 'string') {
    const m = PERCENT_TEXT.exec(v);
    if (m) return { ok: true, percent: Number(m[1]) };
  }
  return parsePlanCell(f.value, f.numberFormat);
}

/** The plan of a block, or undefined when the block has none / no value cells. */
export function readPlan(block: Block): ReadPlan | undefined {
  const cached = memo.get(block);
  if (cached !== undefined) return cached ?? undefined;
  let result: ReadPlan | null = null;
  const plan = block.plan;
  if (plan && plan.values.length > 0) {
    const cells = plan.values.map((field, index): PlanCell => {
      const header = fieldText(plan.checkpoints[index]);
      const checkpoint = header || `第${index + 1}期`;
      if (isBlank(field)) return { index, field, checkpoint, state: 'blank' };
      const parsed = readPlanCell(field);
      if (!parsed.ok || parsed.percent === undefined || !Number.isFinite(parsed.percent)) {
        return { index, field, checkpoint, state: 'bad' };
      }
      return { index, field, checkpoint, state: 'ok', percent: parsed.percent, style: styleOf(field) };
    });
    result = { cells };
  }
  memo.set(block, result);
  return result ?? undefined;
}

/** `25%` — a percent for messages. */
export function pct(x: number): string {
  return `${fmtNum(x, 2)}%`;
}

/**
 * The plan was entered per period (`25% 25% 25% 25%`): every filled cell is a percentage within
 * 0–100, at least two are filled, they add up to 100% but the last checkpoint is below 100%.
 * Returns the running sums (blank cells count 0), else undefined.
 */
export function perPeriodSums(plan: ReadPlan): number[] | undefined {
  const cells = plan.cells;
  if (cells.length < 2 || cells.some((c) => c.state === 'bad')) return undefined;
  const ok = cells.filter((c) => c.state === 'ok');
  if (ok.length < 2) return undefined;
  if (ok.some((c) => c.percent! < -EPS || c.percent! > 100 + EPS)) return undefined;
  const sum = ok.reduce((s, c) => s + c.percent!, 0);
  if (Math.abs(sum - 100) > SUM_EPS) return undefined;
  const last = cells[cells.length - 1];
  const lastValue = last.state === 'ok' ? last.percent! : 0;
  if (lastValue >= 100 - EPS) return undefined;
  let run = 0;
  return cells.map((c) => {
    run += c.state === 'ok' ? c.percent! : 0;
    return roundTo(run, 8);
  });
}

/** The edit writing `percent` into a plan cell the way the row is written (number with % format, text, or points). */
export function planEdit(cell: PlanCell, percent: number, plan: ReadPlan): CellEdit {
  const model = cell.style ? cell : plan.cells.find((c) => c.state === 'ok');
  const style = model?.style ?? 'fraction';
  if (style === 'text') return { cell: cell.field.cell, value: `${fmtNum(percent, 4)}%` };
  if (style === 'points') return { cell: cell.field.cell, value: roundTo(percent, 8) };
  const numberFormat = isPercentFormat(model?.field.numberFormat) ? model!.field.numberFormat! : '0%';
  return { cell: cell.field.cell, value: roundTo(percent / 100, 10), numberFormat };
}

/** Month (1–12) a checkpoint header stands for: the profile's table, else `N月` / `N季度`. */
export function checkpointMonth(header: string, months: Record<string, number>): number | undefined {
  const key = header.replace(/\s+/g, '');
  if (months[key] !== undefined) return months[key];
  const m = /(\d{1,2})月/.exec(key);
  if (m) return Number(m[1]);
  const q = /([一二三四1-4])季度/.exec(key);
  if (q) return 3 * ('一二三四'.indexOf(q[1]) + 1 || Number(q[1]));
  if (/年底|年末|全年/.test(key)) return 12;
  return undefined;
}
