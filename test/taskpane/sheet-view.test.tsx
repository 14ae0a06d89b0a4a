/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { MemoryWorkbook } from '../../src/excel/memory';
import { SheetView } from '../../src/preview/SheetView';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';

function book() {
  const wb = MemoryWorkbook.fromGrid({
    sheets: [
      { name: '表一', values: [['标题'], ['预算数', 0.25]], formats: [[], [undefined, '0%']], merges: [{ top: 0, left: 0, bottom: 0, right: 2 }] },
      { name: '表二', values: [['x']], merges: [] },
    ],
  });
  wb.user.setFill('表一', 'B2', '#FFC7CE');
  wb.user.addNote('表一', 'B2', '【绩效表助手】应写作“25%”');
  return wb;
}

describe('preview SheetView', () => {
  test('shows merges, number formats, fills and note marks', () => {
    const wb = book();
    render(<SheetView book={wb} />);
    const a1 = document.querySelector('td[data-addr="A1"]') as HTMLTableCellElement;
    expect(a1.colSpan).toBe(3);
    expect(document.querySelector('td[data-addr="B1"]')).toBeNull(); // covered by the merge
    const b2 = document.querySelector('td[data-addr="B2"]') as HTMLElement;
    expect(b2.textContent).toBe('25%');
    expect(b2.className).toMatch(/filled/);
    expect(b2.querySelector('.note-mark')).not.toBeNull();
    expect(b2.title).toMatch(/应写作“25%”/);
    expect((document.querySelector('td[data-addr="A2"]') as HTMLElement).className).not.toMatch(/filled|noted/);
  });

  test('clicking selects like a user; the formula bar edits the cell', async () => {
    const wb = book();
    render(<SheetView book={wb} />);
    const user = userEvent.setup();
    await user.click(document.querySelector('td[data-addr="B2"]') as HTMLElement);
    expect(wb.selection?.range).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    const bar = screen.getByRole('textbox', { name: '编辑栏' }) as HTMLInputElement;
    expect(bar.value).toBe('25%');
    await user.clear(bar);
    await user.type(bar, '95%');
    expect(wb.snapshot().sheets[0].cells.B2.value).toBe(0.25); // not before Enter
    await user.keyboard('{Enter}');
    expect(wb.snapshot().sheets[0].cells.B2.value).toBe(0.95);
    expect(document.querySelector('td[data-addr="B2"]')!.textContent).toBe('95%');
  });

  test('arrow keys move the selection; sheet tabs switch sheets', async () => {
    const wb = book();
    render(<SheetView book={wb} />);
    const user = userEvent.setup();
    const grid = screen.getByRole('region', { name: '工作表 表一' });
    act(() => grid.focus());
    await user.keyboard('{ArrowDown}');
    expect(wb.selection?.range.top).toBe(1);
    await user.click(screen.getByRole('tab', { name: '表二' }));
    expect(document.querySelector('td[data-addr="A1"]')!.textContent).toBe('x');
  });
});
