import type { AddIndicatorPlan } from '../../src/sheet/add-indicator';
import type { GridSheet } from '../../src/sheet/grid';

/** Every cell the plan writes is empty in `sheet` as it will be after the shift (the shifted row is new). */
export function addPlanFootprintIsEmpty(sheet: GridSheet, plan: AddIndicatorPlan): boolean {
  return plan.cells.every((c) => {
    if (plan.shift && c.row === plan.shift.row && c.col >= plan.shift.left && c.col <= plan.shift.right) return true;
    const v = sheet.values[c.row]?.[c.col];
    return v === undefined || v === null || v === '';
  });
}
