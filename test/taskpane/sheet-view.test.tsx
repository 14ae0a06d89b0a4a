/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { act } from 'react';
import { MemoryWorkbook } from '../../src/excel/memory';
import { SheetView } from '../../src/preview/SheetView';
import { render, key } from './helpers';

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

  test('clicking selects like a user; the formula bar edits the cell', () => {
    const wb = book();
    render(<SheetView book={wb} />);
    act(() => {
      document.querySelector('td[data-addr="B2"]')!.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    });
    expect(wb.selection?.range).toEqual({ top: 1, left: 1, bottom: 1, right: 1 });
    const bar = document.querySelector('input[aria-label="编辑栏"]') as HTMLInputElement;
    expect(bar.value).toBe('25%');
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(bar, '95%');
      bar.dispatchEvent(new Event('input', { bubbles: true }));
    });
    key(bar, 'Enter');
    expect(wb.snapshot().sheets[0].cells.B2.value).toBe(0.95);
    expect(document.querySelector('td[data-addr="B2"]')!.textContent).toBe('95%');
  });

  test('arrow keys move the selection; sheet tabs switch sheets', () => {
    const wb = book();
    render(<SheetView book={wb} />);
    const grid = document.querySelector('.grid') as HTMLElement;
    key(grid, 'ArrowDown');
    expect(wb.selection?.range.top).toBe(1);
    const tab = [...document.querySelectorAll('[role="tab"]')].find((t) => t.textContent === '表二') as HTMLElement;
    act(() => tab.click());
    expect(document.querySelector('td[data-addr="A1"]')!.textContent).toBe('x');
  });
});
