/**
 * What the live checker tells the pane about a selection (part of ./../live.ts): the diagnostics
 * on the selected cell(s), those exactly at the first cell first.
 */
import { parseA1, parseRange, rangeContains } from '../../domain/address';
import type { Diagnostic } from '../../domain/model';

export function diagnosticsAt(diagnostics: readonly Diagnostic[], sheet: string, address: string): Diagnostic[] {
  let area;
  try {
    area = parseRange(address.slice(address.lastIndexOf('!') + 1).replace(/\$/g, ''));
  } catch {
    return [];
  }
  const first = { row: area.top, col: area.left };
  const at = (cell: string) => {
    try {
      return parseA1(cell.split(':')[0]);
    } catch {
      return undefined;
    }
  };
  const hits = diagnostics.filter((d) => {
    if (d.sheet !== sheet) return false;
    const p = at(d.cell);
    return p !== undefined && rangeContains(area, p.row, p.col);
  });
  const exact = (d: Diagnostic) => {
    const p = at(d.cell);
    return p !== undefined && p.row === first.row && p.col === first.col;
  };
  return [...hits.filter(exact), ...hits.filter((d) => !exact(d))];
}
