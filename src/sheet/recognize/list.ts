/**
 * Disclosure lists (profiles of layout `list`: 单位编码 | 单位及项目名称 | 金额 | 绩效目标 | 绩效指标):
 * one block per department, unit or project row; a project row's indicators are parsed from its
 * 绩效指标 text (src/sheet/disclosure-text.ts). A code that prefixes the next code is a department.
 */
import type { Block, Field, UnparsedLine } from '../../domain/model';
import type { Profile } from '../../domain/profile';
import { parseIndicatorText } from '../disclosure-text';
import { closeCjkGaps, labelMoneyUnit, looksLikeNote, type ListColumn } from '../labels';
import type { BuiltBlock } from './block';
import type { SheetCtx } from './context';

const LIST_CODE_RE = /^[0-9A-Za-z]{2,}$/;

interface ListRowInfo {
  row: number;
  code?: string;
  role?: 'department' | 'unit' | 'project';
}

export function buildList(ctx: SheetCtx, headerRow: number, cols: Map<ListColumn, number>, stopRow: number, profile: Profile): BuiltBlock[] {
  const codeCol = cols.get('code');
  const nameCol = cols.get('name') as number;
  const amountCol = cols.get('budget');
  const goalCol = cols.get('goal');
  const indCol = cols.get('indicators');
  const allCols = [...cols.values()];
  const left = Math.min(...allCols);
  const right = Math.max(...allCols);
  const headerLabels: Record<string, string> = {};
  for (const [k, c] of cols) headerLabels[k] = ctx.addr(headerRow, c);
  const amountHeader = amountCol !== undefined ? ctx.text(headerRow, amountCol) : '';
  const moneyUnit = labelMoneyUnit(amountHeader) ?? profile.moneyUnit;

  const rows: ListRowInfo[] = [];
  for (let r = headerRow + 1; r < stopRow; r++) {
    if (ctx.listHeaders.has(r)) continue; // the header repeated on a page break
    const codeText = codeCol !== undefined ? ctx.text(r, codeCol) : '';
    const nameText = ctx.text(r, nameCol);
    const hasContent =
      (amountCol !== undefined && !ctx.isEmpty(r, amountCol)) ||
      (goalCol !== undefined && !ctx.isEmpty(r, goalCol)) ||
      (indCol !== undefined && !ctx.isEmpty(r, indCol));
    if (codeText !== '') {
      if (LIST_CODE_RE.test(codeText) && nameText !== '') rows.push({ row: r, code: codeText });
      continue; // 合计 and other non-code rows are not projects
    }
    if (nameText !== '' && hasContent && !looksLikeNote(nameText)) rows.push({ row: r, role: 'project' });
  }
  // a code is a department when the next coded row's code extends it (407 → 407001)
  let nextCode: string | undefined;
  for (let i = rows.length - 1; i >= 0; i--) {
    const info = rows[i];
    if (info.code === undefined) continue;
    info.role = nextCode !== undefined && nextCode.length > info.code.length && nextCode.startsWith(info.code) ? 'department' : 'unit';
    nextCode = info.code;
  }

  const out: BuiltBlock[] = [];
  for (const info of rows) {
    const r = info.row;
    const role = info.role as 'department' | 'unit' | 'project';
    const mapped = new Set<number>();
    const f = (c: number): Field => {
      mapped.add(c);
      return ctx.field(r, c);
    };
    const nameField = f(nameCol);
    const block: Omit<Block, 'index'> = {
      profile: profile.id,
      sheet: ctx.sheet.name,
      range: ctx.range(r, left, r, right),
      anchor: nameField.cell,
      moneyUnit,
      labels: { ...headerLabels },
      indicators: [],
      unparsed: [],
      otherCells: [],
      listRole: role,
      name: { ...nameField, text: closeCjkGaps(nameField.text) },
    };
    if (codeCol !== undefined && role !== 'project') block.code = f(codeCol);
    if (amountCol !== undefined && (role === 'project' || !ctx.isEmpty(r, amountCol))) block.budget = f(amountCol);
    if (goalCol !== undefined && (role === 'project' || !ctx.isEmpty(r, goalCol))) block.goal = f(goalCol);
    if (indCol !== undefined && (role === 'project' || !ctx.isEmpty(r, indCol))) {
      const cell = f(indCol);
      const parsed = parseIndicatorText(cell.text);
      const at = (text: string): Field => ({ cell: cell.cell, value: text, text });
      for (const it of parsed.items) {
        block.indicators.push({
          row: r + (ctx.sheet.origin?.row ?? 0),
          level1: at(it.level1),
          level2: at(it.level2),
          level3: at(it.name),
          value: at(it.value),
          inherited: { level1: it.level1Implied, level2: it.level2Implied },
          sourceLine: it.line,
        });
      }
      block.unparsed = parsed.unparsed.map((u): UnparsedLine => ({ cell: cell.cell, line: u.line, reason: u.reason }));
    }
    for (let c = left; c <= right; c++) {
      if (!mapped.has(c) && !ctx.isEmpty(r, c)) block.otherCells.push(ctx.field(r, c));
    }
    out.push({ block, top: r, bottom: r });
  }
  return out;
}
