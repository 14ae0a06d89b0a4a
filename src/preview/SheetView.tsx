/**
 * A small spreadsheet view of the in-memory workbook: sheet tabs, a formula bar, the grid with
 * merges, fills (the checker's highlights), note indicators (hover for the note), selection and
 * editing as a user would (edits go through `book.user`, so they fire change events like Excel).
 */
import * as React from 'react';
import { columnName, toA1 } from '../domain/address';
import type { RangePos } from '../domain/address';
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
  const gridRef = React.useRef<HTMLDivElement>(null);

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
  const w = widths?.[sheet.name] ?? [];

  const select = (row: number, col: number) => {
    book.user.select(sheet.name, toA1(Math.max(0, row), Math.max(0, col)));
    bump();
  };

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
    if (mv) {
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
      const isSel = row === sel.top && col === sel.left;
      const style: React.CSSProperties = {};
      if (filled) style.background = c.fill.color as string;
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
          className={`${isSel ? 'sel' : ''} ${note ? 'noted' : ''} ${filled ? 'filled' : ''}`}
          style={style}
          title={note ? `${addr} 批注：\n${note}` : undefined}
          onMouseDown={() => select(row, col)}
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
      <div className="formula-bar">
        <span className="addr" aria-label="当前单元格">{selAddr}</span>
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

