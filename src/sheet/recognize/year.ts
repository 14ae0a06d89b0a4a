/**
 * The budget year (docs/domain.md §2.7): a sheet or document title that names one
 * (`…2021年部门预算项目绩效目标表`), a `（2024年度）` line, else the year most 21-character project
 * codes carry. A year set by the user comes first (src/sheet/recognize.ts).
 */
import { codeYear as codeYearOf } from '../../domain/rules/id/code';
import type { Block } from '../../domain/model';
import { isBudgetTitle } from '../tables';
import type { SheetCtx } from './context';

/** `（2024年度）`: the year line of the 一体化 export. */
export const YEAR_LINE_RE = /^[(（]\s*((?:19|20)\d{2})\s*年度?\s*[)）]$/;
const YEAR_IN_TITLE_RE = /(20\d{2})\s*年/;
const TITLE_KEYWORD_RE = /预算|绩效|决算|公开/;

export function yearFromTitle(text: string): number | undefined {
  const line = YEAR_LINE_RE.exec(text.trim());
  if (line) return Number(line[1]);
  if (!TITLE_KEYWORD_RE.test(text)) return undefined;
  const m = YEAR_IN_TITLE_RE.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The year a 21-character project code carries (positions 7–8), e.g. 130322210… → 2021. */
export function codeYear(code: string): number | undefined {
  return codeYearOf(code.trim());
}

/** The budget year from a title text (`…2021年部门预算项目绩效目标表`, `（2024年度）`), if it names one. */
export function titleYear(text: string): number | undefined {
  return yearFromTitle(text);
}

/**
 * The sheet's title rows above its first table (at most the first 10 rows): the year the first
 * title naming one gives, and whether a title row seen before it is a budget table's.
 */
export function sheetTitle(ctx: SheetCtx, firstTop: number): { year?: number; budgetTitle: boolean } {
  let year: number | undefined;
  let budgetTitle = false;
  for (let r = 0; r < Math.min(firstTop, 10) && year === undefined; r++) {
    const len = Math.min(ctx.rowLength(r), 50);
    for (let c = 0; c < len; c++) {
      const v = ctx.value(r, c);
      if (typeof v !== 'string' || v.length > 200) continue;
      if (isBudgetTitle(v)) budgetTitle = true;
      const y = yearFromTitle(v);
      if (y !== undefined) {
        year = y;
        break;
      }
    }
  }
  return { year, budgetTitle };
}

/** The year most project codes carry (the later year on a tie), if any code carries one. */
export function yearOfCodes(blocks: Block[]): number | undefined {
  const counts = new Map<number, number>();
  for (const b of blocks) {
    const y = b.code ? codeYear(b.code.text) : undefined;
    if (y !== undefined) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | undefined;
  let bestCount = 0;
  for (const [y, n] of counts) {
    if (n > bestCount || (n === bestCount && best !== undefined && y > best)) {
      best = y;
      bestCount = n;
    }
  }
  return best;
}
