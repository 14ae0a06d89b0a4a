/**
 * Turning chosen fixes into cell edits (pure). Fixes are never applied by the engine; the host
 * applies `edits` when the user asks. Two fixes touching the same cell do not both apply: the
 * first chosen wins, the later one is refused with a Chinese reason. All fixes are taken to be on
 * one sheet (group by `Diagnostic.sheet` before calling).
 */
import type { CellEdit, Diagnostic, Fix } from './model';
import { allRules, getRule } from './rules';

export interface FixPlan {
  edits: CellEdit[];
  applied: Fix[];
  refused: { fix: Fix; reason: string }[];
}

/** A cell reference as compared and written: no `$`, upper case. */
export function normCell(cell: string): string {
  return cell.replace(/\$/g, '').trim().toUpperCase();
}

/** Every cell edit a fix makes: its main cell, then the `also` cells. */
export function editsOf(fix: Fix): CellEdit[] {
  const main: CellEdit = { cell: fix.cell, value: fix.value };
  if (fix.numberFormat !== undefined) main.numberFormat = fix.numberFormat;
  return [main, ...(fix.also ?? [])];
}

export function planFixes(fixes: Fix[]): FixPlan {
  const owner = new Map<string, Fix>();
  const plan: FixPlan = { edits: [], applied: [], refused: [] };
  for (const fix of fixes) {
    const edits = editsOf(fix);
    const cells = edits.map((e) => normCell(e.cell));
    const clash = cells.find((c) => owner.has(c));
    if (clash !== undefined) {
      const other = owner.get(clash)!;
      plan.refused.push({
        fix,
        reason:
          other === fix
            ? `同一修复重复选择，单元格${clash}只修改一次`
            : `与已选的修复“${other.label}”修改同一单元格${clash}，本次未应用；请先应用前一项，重新检查后再处理`,
      });
      continue;
    }
    const own = new Set<string>();
    let selfClash: string | undefined;
    for (const c of cells) {
      if (own.has(c)) selfClash = c;
      own.add(c);
    }
    if (selfClash !== undefined) {
      plan.refused.push({ fix, reason: `该修复对单元格${selfClash}有多处修改，无法确定结果，未应用` });
      continue;
    }
    for (const c of cells) owner.set(c, fix);
    plan.edits.push(...edits);
    plan.applied.push(fix);
  }
  return plan;
}

/**
 * Rules whose fixes only change how a value is written (notation), never what it says: the only
 * fixes offered in bulk (“修复全部格式问题”). Each rule says so itself (`fixable: 'bulk'`).
 */
export const SAFE_BULK_FIX_RULES: readonly string[] = allRules.filter((r) => r.fixable === 'bulk').map((r) => r.id);

/** A diagnostic whose fix may be applied in bulk: its rule's fixes are notation only. */
export function isSafeBulkFix(d: Diagnostic): boolean {
  return d.fix !== undefined && getRule(d.ruleId)?.fixable === 'bulk';
}
