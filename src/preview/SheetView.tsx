/**
 * A small spreadsheet view of the in-memory workbook: sheet tabs, a formula bar, the grid with
 * merges, the cells' own fills, conditional formats drawn over them as Excel draws them (the
 * checker's marks are conditional formats), note indicators (hover for the note), selection of a
 * cell or a range (Shift+click, Shift+arrows), editing, inserting rows and sorting as a user would
 * (all through `book.user`, so they fire change events like Excel).
 */
import * as React from 'react';
import { columnName, rangeToA1, toA1 } from '../domain/address';
import type { RangePos } from '../domain/address';
import { evaluateCondition } from '../imitation/excel/conditional';
import { displayText } from '../sheet/display';
import type { PreviewBook, PreviewSheet } from './book';

export interface SheetViewProps {
  book: PreviewBook;
  /** column widths in Excel character units per sheet name (from the fixture) */
  widths?: Record<string, (number | null)[]>;
}

function useBookVersion(book: PreviewBook): [number, () => void] {
  const [version, setVersion] = React.useState(0);
  const last = React.useRef({ sync: book.syncCount, sel: book.selection, active: book.activeSheetId });
  React.useEffect(() => {
    const t = setInterval(() => {
      const l = last.current;
      if (l.sync !== book.syncCount || l.sel !== book.selection || l.active !== book.activeSheetId) {
        last.current = { sync: book.syncCount, sel: book.selection, active: book.activeSheetId };
        setVersion((v) => v + 1);
      }
    }, 100);
    return () => clearInterval(t);
  }, [book]);
  return [version, () => setVersion((v) => v + 1)];
}

/**
 * The fill each cell shows from its conditional formats: the first format (in priority order) that
 * applies to it, whose rule holds and that has a fill — drawn over the cell's own fill.
 */
function conditionalFills(sheet: PreviewSheet): Map<string, string> {
  const m = new Map<string, string>();
  for (const cf of sheet.conditionalFormats) {
    if (!cf.fill || evaluateCondition(cf.formula) !== true) continue;
    for (const r of cf.ranges)
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++) if (!m.has(`${row},${col}`)) m.set(`${row},${col}`, cf.fill);
  }
  return m;
}

function coveredBy(sheet: PreviewSheet): Map<string, RangePos> {
  const m = new Map<string, RangePos>();
  for (const r of sheet.merges)
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) m.set(`${row},${col}`, r);
  return m;
}

function editText(value: string | number | boolean, numberFormat: string): string {
  if (typeof value === 'number' && /%/.test(numberFormat)) return `${Math.round(value * 1e8) / 1e6}%`;
  return String(value);
}

const charsPx = (chars: number | null | undefined) => (chars ? Math.round(chars * 7 + 5) : 72);
/** Office.js column widths are in points */
const pointsPx = (pt: number) => Math.round((pt * 4) / 3);

export function SheetView({ book, widths }: SheetViewProps) {
  const [, bump] = useBookVersion(book);
  const sheet = book.sheets.find((s) => s.id === book.activeSheetId) ?? book.sheets[0];
  const sel = book.selection && book.selection.sheetId === sheet.id ? book.selection.range : { top: 0, left: 0, bottom: 0, right: 0 };
  const selAddr = toA1(sel.top, sel.left);
  const selCell = sheet.peek(sel.top, sel.left);
  const selNote = sheet.notes.get(`${sel.top},${sel.left}`)?.content;
  const [editing, setEditing] = React.useState<{ addr: string; text: string } | null>(null);
  const [bar, setBar] = React.useState('');
  const [message, setMessage] = React.useState('');
  const gridRef = React.useRef<HTMLDivElement>(null);
  /** the cell a range selection started from, and the one it reaches */
  const anchor = React.useRef<{ row: number; col: number } | null>(null);
  const reach = React.useRef<{ row: number; col: number } | null>(null);
  const multi = sel.bottom > sel.top || sel.right > sel.left;

  React.useEffect(() => {
    // like Excel's formula bar: a percentage shows as one (0.25 → 25%), other values as stored
    setBar(selCell ? editText(selCell.value, selCell.numberFormat) : '');
  }, [selAddr, selCell?.value, sheet.id]);

  React.useEffect(() => {
    const el = gridRef.current?.querySelector<HTMLElement>(`[data-addr="${selAddr}"]`);
    el?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [selAddr, sheet.id]);

  const used = sheet.usedRange(false);
  const rows = Math.max((used?.bottom ?? 0) + 16, 30);
  const cols = Math.max((used?.right ?? 0) + 3, 9);
  const covered = coveredBy(sheet);
  const conditional = conditionalFills(sheet);
  const w = widths?.[sheet.name] ?? [];

  const select = (row: number, col: number) => {
    const at = { row: Math.max(0, row), col: Math.max(0, col) };
    anchor.current = at;
    reach.current = at;
    book.user.select(sheet.name, toA1(at.row, at.col));
    bump();
  };

  /** Shift+click / Shift+arrow: the range from where the selection started to `row, col` */
  const extend = (row: number, col: number) => {
    const a = anchor.current ?? { row: sel.top, col: sel.left };
    const b = { row: Math.max(0, row), col: Math.max(0, col) };
    anchor.current = a;
    reach.current = b;
    book.user.select(sheet.name, rangeToA1({ top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) }));
    bump();
  };

  /** a command of the grid (insert rows, sort): Excel's refusal is shown, not thrown */
  const act = (what: () => void) => {
    try {
      what();
      setMessage('');
    } catch (e) {
      setMessage(e instanceof Error ? e.message : String(e));
    }
    bump();
  };
  const insertRows = () => act(() => book.user.insertRows(sheet.name, sel.top + 1, sel.bottom - sel.top + 1));
  const sortRows = () => act(() => book.user.sort(sheet.name, rangeToA1(sel), [{ key: 0, ascending: true }]));

  const commit = (addr: string, text: string) => {
    book.user.setValues(sheet.name, addr, [[text]]);
    setEditing(null);
    bump();
  };

  const onGridKey = (e: React.KeyboardEvent) => {
    if (editing) return;
    // Tab moves right and Shift+Tab left, as in Excel; F6 leaves the grid (src/preview/index.tsx)
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1], Tab: [0, e.shiftKey ? -1 : 1] };
    const mv = moves[e.key];
    if (mv && e.shiftKey && e.key !== 'Tab') {
      e.preventDefault();
      const at = reach.current ?? { row: sel.bottom, col: sel.right };
      extend(at.row + mv[0], at.col + mv[1]);
    } else if (mv) {
      e.preventDefault();
      select(sel.top + mv[0], sel.left + mv[1]);
    } else if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      setEditing({ addr: selAddr, text: selCell ? editText(selCell.value, selCell.numberFormat) : '' });
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      commit(selAddr, '');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setEditing({ addr: selAddr, text: e.key });
    }
  };

  const body: React.ReactNode[] = [];
  for (let row = 0; row < rows; row++) {
    const tds: React.ReactNode[] = [<th key="h" className="rowhead" scope="row">{row + 1}</th>];
    for (let col = 0; col < cols; col++) {
      const m = covered.get(`${row},${col}`);
      if (m && (m.top !== row || m.left !== col)) continue;
      const addr = toA1(row, col);
      const c = sheet.peek(row, col);
      const note = sheet.notes.get(`${row},${col}`)?.content;
      const text = c ? displayText(c.value, c.numberFormat) : '';
      const filled = c && c.fill.pattern !== 'None' && c.fill.color;
      const cf = conditional.get(`${row},${col}`);
      const isSel = row === sel.top && col === sel.left;
      const inSel = multi && row >= sel.top && row <= sel.bottom && col >= sel.left && col <= sel.right;
      const style: React.CSSProperties = {};
      if (filled) style.background = c.fill.color as string;
      if (cf) style.background = cf; // a conditional format is drawn over the cell's own fill
      if (c?.font.bold) style.fontWeight = 600;
      if (c?.font.color && c.font.color !== '#000000') style.color = c.font.color;
      if (c && typeof c.value === 'number' && c.horizontalAlignment === 'General') style.textAlign = 'right';
      if (c?.horizontalAlignment === 'Center' || c?.horizontalAlignment === 'CenterAcrossSelection') style.textAlign = 'center';
      tds.push(
        <td
          key={col}
          data-addr={addr}
          rowSpan={m ? m.bottom - m.top + 1 : undefined}
          colSpan={m ? m.right - m.left + 1 : undefined}
          className={`${isSel ? 'sel' : ''} ${inSel ? 'insel' : ''} ${note ? 'noted' : ''} ${filled ? 'filled' : ''} ${cf ? 'cf' : ''}`}
          data-cf-fill={cf}
          style={style}
          title={note ? `${addr} 批注：\n${note}` : undefined}
          onMouseDown={(e) => (e.shiftKey ? extend(row, col) : select(row, col))}
          onDoubleClick={() => setEditing({ addr, text: c ? editText(c.value, c.numberFormat) : '' })}
        >
          {editing && editing.addr === addr ? (
            <input
              className="cell-editor"
              autoFocus
              aria-label={`编辑单元格 ${addr}`}
              value={editing.text}
              onChange={(e) => setEditing({ addr, text: e.target.value })}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  commit(addr, editing.text);
                  select(row + 1, col);
                  gridRef.current?.focus();
                } else if (e.key === 'Escape') {
                  setEditing(null);
                  gridRef.current?.focus();
                }
                e.stopPropagation();
              }}
              onBlur={() => editing && commit(addr, editing.text)}
            />
          ) : (
            <span className="cell-text">{text}</span>
          )}
          {note && <span className="note-mark" aria-hidden />}
        </td>,
      );
    }
    body.push(<tr key={row}>{tds}</tr>);
  }

  return (
    <div className="sheetview">
      <div className="sheet-tools" role="toolbar" aria-label="表格操作">
        <button type="button" onClick={insertRows} title="在所选行的上方插入同样多的行（格式同上一行）">
          插入行
        </button>
        <button type="button" onClick={sortRows} disabled={!multi} title="按所选区域的第一列升序排列各行（先用 Shift+方向键或 Shift+单击选择区域）">
          排序
        </button>
        <span className="tool-message" role="status">
          {message}
        </span>
      </div>
      <div className="formula-bar">
        <span className="addr" aria-label="当前单元格">{multi ? rangeToA1(sel) : selAddr}</span>
        <input
          aria-label="编辑栏"
          value={bar}
          onChange={(e) => setBar(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              commit(selAddr, bar);
              gridRef.current?.focus();
            }
          }}
        />
      </div>
      <div className="note-line" aria-live="polite">
        {selNote ? `批注（${selAddr}）：${selNote}` : '\u00a0'}
      </div>
      <div className="grid" ref={gridRef} tabIndex={0} onKeyDown={onGridKey} aria-label={`工作表 ${sheet.name}`} role="region">
        <table>
          <colgroup>
            <col style={{ width: 40 }} />
            {Array.from({ length: cols }, (_, i) => (
              <col key={i} style={{ width: sheet.columnWidths.has(i) ? pointsPx(sheet.columnWidths.get(i) as number) : charsPx(w[i]) }} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <td className="corner" />
              {Array.from({ length: cols }, (_, i) => (
                <th key={i} scope="col" className={i === sel.left ? 'cur' : ''}>
                  {columnName(i)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
      <div className="sheet-tabs" role="tablist" aria-label="工作表">
        {book.sheets.map((s) => (
          <button
            key={s.id}
            role="tab"
            aria-selected={s.id === sheet.id}
            className={s.id === sheet.id ? 'active' : ''}
            onClick={() => {
              const r = book.selection?.sheetId === s.id ? book.selection.range : { top: 0, left: 0 };
              book.user.select(s.name, toA1(r.top, r.left));
              bump();
            }}
          >
            {s.name}
          </button>
        ))}
      </div>
    </div>
  );
}

