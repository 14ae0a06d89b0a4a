/**
 * What is a project (docs/domain.md §2.2): every block except a 公开表's department and unit rows. Those rows
 * are read (a unit row's amount is checked against its projects by total/unit-sum-mismatch) but are
 * never listed or counted as projects: a problem on them is a workbook-level diagnostic.
 */
import type { Block, Diagnostic } from './model';

/** True for a project block (a disclosure list's department and unit rows are not projects). */
export function isProject(block: Pick<Block, 'listRole'>): boolean {
  return block.listRole === undefined || block.listRole === 'project';
}

/**
 * The projects of a result and its diagnostics as a clerk reads them: the department and unit rows
 * dropped from the blocks, a diagnostic on one of them belonging to no project (block null).
 */
export function projectView<B extends Pick<Block, 'listRole' | 'index'>>(blocks: B[], diagnostics: Diagnostic[]): { blocks: B[]; diagnostics: Diagnostic[] } {
  const notProjects = new Set(blocks.filter((b) => !isProject(b)).map((b) => b.index));
  if (notProjects.size === 0) return { blocks, diagnostics };
  return {
    blocks: blocks.filter((b) => isProject(b)),
    diagnostics: diagnostics.map((d) => (d.block && notProjects.has(d.block.index) ? { ...d, block: null } : d)),
  };
}
