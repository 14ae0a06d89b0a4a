/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import * as React from 'react';
import { MemoryWorkbook } from '../../src/imitation/excel';
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

  test('conditional formats are drawn over the cell’s own fill, the first in priority winning; a rule that does not hold, or that the imitation cannot evaluate, draws nothing', () => {
    const wb = book();
    wb.user.setFill('表一', 'A2', '#DDEBF7');
    wb.user.addConditionalFormat('表一', 'A2:B2', '=ISTEXT("jxmb-mark:warning")', '#FFEB9C');
    wb.user.addConditionalFormat('表一', 'B2', '=ISTEXT("jxmb-mark:error")', '#FFC7CE'); // added last: top priority
    wb.user.addConditionalFormat('表一', 'A1', '=ISTEXT(1)', '#00FF00'); // false
    wb.user.addConditionalFormat('表一', 'A1', '=$A$1>0', '#0000FF'); // not evaluated here
    render(<SheetView book={wb} />);
    const td = (a: string) => document.querySelector(`td[data-addr="${a}"]`) as HTMLElement;
    expect(td('A2').dataset.cfFill).toBe('#FFEB9C');
    expect(td('A2').style.background).toBe('rgb(255, 235, 156)'); // over its own #DDEBF7
    expect(td('B2').dataset.cfFill).toBe('#FFC7CE');
    expect(td('A1').dataset.cfFill).toBeUndefined();
    expect(td('A1').className).not.toMatch(/\bcf\b/);
    // the cells' own fills are what they were
    expect(wb.snapshot().sheets[0].cells.A2.fill).toMatchObject({ color: '#DDEBF7' });
  });

  test('插入行 inserts rows above the selection and the conditional formats move with their cells; 排序 sorts a range chosen with Shift+arrows, the formats staying put', async () => {
    const wb = MemoryWorkbook.fromGrid({ sheets: [{ name: 'S', values: [['h'], [3], [''], [1]], merges: [] }] });
    wb.user.addConditionalFormat('S', 'A3', '=ISTEXT("jxmb-mark:error")', '#FFC7CE');
    render(<SheetView book={wb} />);
    const user = userEvent.setup();
    const td = (a: string) => document.querySelector(`td[data-addr="${a}"]`) as HTMLElement;
    const tools = screen.getByRole('toolbar', { name: '表格操作' });
    expect(screen.getByRole('button', { name: '排序' })).toBeDisabled(); // one cell: nothing to sort
    await user.click(td('A1'));
    await user.click(screen.getByRole('button', { name: '插入行' }));
    expect(td('A2').textContent).toBe('h');
    expect(td('A4').dataset.cfFill).toBe('#FFC7CE');
    expect(td('A3').dataset.cfFill).toBeUndefined();
    // A3:A5 (3, blank, 1) by the keyboard, sorted: 1, 3, blank; the mark stays on A4
    await user.click(td('A3'));
    act(() => screen.getByRole('region', { name: '工作表 S' }).focus());
    await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}');
    expect(screen.getByLabelText('当前单元格').textContent).toBe('A3:A5');
    await user.click(screen.getByRole('button', { name: '排序' }));
    expect([td('A3'), td('A4'), td('A5')].map((e) => e.textContent)).toEqual(['1', '3', '']);
    expect(td('A4').dataset.cfFill).toBe('#FFC7CE');
    expect(tools.querySelector('[role="status"]')!.textContent).toBe('');
  });

  test('what Excel refuses (sorting over merged cells) is said in the toolbar, not thrown', async () => {
    const wb = MemoryWorkbook.fromGrid({ sheets: [{ name: 'S', values: [['a', ''], ['b', 'c']], merges: [{ top: 0, left: 0, bottom: 0, right: 1 }] }] });
    render(<SheetView book={wb} />);
    const user = userEvent.setup();
    await user.click(document.querySelector('td[data-addr="A1"]') as HTMLElement);
    await user.keyboard('{Shift>}{ArrowDown}{/Shift}');
    await user.click(screen.getByRole('button', { name: '排序' }));
    expect(screen.getByRole('status').textContent).not.toBe('');
    expect(document.querySelector('td[data-addr="A2"]')!.textContent).toBe('b');
  });
});
