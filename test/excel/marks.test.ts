/**
 * Marks follow their cells. Between two passes the clerk (or another add-in) inserts and deletes
 * rows, columns and cells, sorts, cuts and pastes, copies and pastes, undoes; after the next pass
 * the marks sit exactly on the flagged cells, and everything the clerk owns — values, fills, fonts,
 * borders, number formats, notes, their own conditional formats — is exactly what the same actions
 * give on a twin workbook no add-in ever touched.
 */
import { hebeiWorkbookGrid } from '../../scripts/bench-excel';
import { toA1 } from '../../src/domain/address';
import type { Diagnostic } from '../../src/domain/model';
import type { XWorksheet } from '../../src/excel/api';
import { HIGHLIGHT_KEY, NOTE_PREFIX, noteTag } from '../../src/excel/legacy';
import { createLiveChecker, type LiveChecker } from '../../src/excel/live';
import { MARK_ADDRESS_AREAS, MARK_ADDRESS_CHARS, addressPieces, markFormula } from '../../src/excel/marks';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { cellKeysOf } from '../../src/excel/cellset';
import { parseRange } from '../../src/domain/address';
import { decorate } from '../safety/helpers';
import { clerkOwn, expectedMarks, markFormats, marksOn } from './marks-helpers';
import { toyAnalyze } from './toy';

async function settle(wb: MemoryWorkbook, checker: { idle(): Promise<void> }) {
  for (let i = 0; i < 3; i++) {
    await wb.eventsDelivered();
    await checker.idle();
  }
}

/** a sheet of three hebei blocks the clerk formatted all over, with notes and a conditional format of their own — and its twin */
function twins() {
  const grid = hebeiWorkbookGrid(3);
  const sheet = grid.sheets[0].name;
  const rows = grid.sheets[0].values.length;
  const make = () => {
    const wb = MemoryWorkbook.fromGrid(grid);
    const all: string[] = [];
    for (let row = 0; row < rows; row++) for (let col = 0; col < 7; col++) all.push(toA1(row, col));
    decorate(wb, sheet, all, 13);
    wb.user.addConditionalFormat(sheet, 'G1:G80', '=TRUE', '#00FF00');
    wb.clearUndo();
    return wb;
  };
  const wb = make();
  const control = make();
  const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 5 });
  return { sheet, wb, control, checker };
}

/** the marks sit exactly on the flagged cells, and the clerk's workbook is its untouched twin's */
function expectExact(wb: MemoryWorkbook, control: MemoryWorkbook, checker: LiveChecker, sheet: string): void {
  const diagnostics = checker.last!.diagnostics as Diagnostic[];
  expect(diagnostics.length).toBeGreaterThan(0);
  expect(marksOn(wb, sheet)).toEqual(expectedMarks(diagnostics, sheet));
  expect(clerkOwn(wb.snapshot())).toEqual(control.snapshot());
}

type Op = (wb: MemoryWorkbook, sheet: string) => void | Promise<void>;

/** what another add-in does to the sheet, in one batch of its own */
function byAddin(f: (ws: XWorksheet) => void): Op {
  return async (wb, s) => {
    await createMemoryExcel(wb).run(async (ctx) => {
      f(ctx.workbook.worksheets.getItem(s));
      await ctx.sync();
    });
  };
}

const CASES: [string, Op, { writes?: boolean }][] = [
  ['a row inserted above a marked block', (wb, s) => wb.user.insertRows(s, 22), { writes: false }],
  ['two rows inserted inside a block, through its merged cells', (wb, s) => wb.user.insertRows(s, 13, 2), {}],
  ['a row with flagged cells deleted', (wb, s) => wb.user.deleteRows(s, 13), {}],
  ['a column inserted at A', (wb, s) => wb.user.insertColumns(s, 'A'), { writes: false }],
  ['a column deleted', (wb, s) => wb.user.deleteColumns(s, 'G'), {}],
  // (in the last block: higher up, a merged title across the columns below refuses, as in Excel)
  ['cells inserted, shifting down', (wb, s) => wb.user.insertCells(s, 'F54:G54', 'Down'), {}],
  ['cells deleted, shifting up', (wb, s) => wb.user.deleteCells(s, 'F53:G53', 'Up'), {}],
  ['indicator values sorted (the formats stay, the values move)', (wb, s) => wb.user.sort(s, 'F12:G20', [{ key: 0, ascending: true }]), { writes: true }],
  ['a value cut and pasted over a flagged cell', (wb, s) => wb.user.cut(s, 'F14', 'F12'), { writes: true }],
  ['a flagged cell copied and pasted outside the table', (wb, s) => wb.user.copy(s, 'F12', 'H12'), { writes: true }],
  ['rows inserted by another add-in (Range.insert)', byAddin((ws) => ws.getRange('22:23').insert('Down')), { writes: false }],
  ['a range moved by another add-in (Range.moveTo)', byAddin((ws) => ws.getRange('F16:F17').moveTo('I30')), { writes: true }],
  ['a flagged cell copied by another add-in (Range.copyFrom)', byAddin((ws) => ws.getRange('H5').copyFrom('F12')), { writes: true }],
];

describe('after the next pass the marks sit exactly on the flagged cells, and the clerk’s own formats are untouched', () => {
  test.each(CASES)('%s', async (_name, op, expect_) => {
    const { sheet, wb, control, checker } = twins();
    await checker.start();
    expectExact(wb, control, checker, sheet);
    await op(wb, sheet);
    await op(control, sheet);
    const syncs = wb.syncCount;
    const writes = wb.writeLog.length;
    await checker.recheck();
    expect(wb.syncCount - syncs).toBeLessThanOrEqual(2); // one read; one write only when a mark changed
    if (expect_.writes !== undefined) expect(wb.writeLog.length > writes).toBe(expect_.writes); // false: the marks moved with their cells
    expectExact(wb, control, checker, sheet);
    await checker.dispose();
  });

  test('as the clerk works: insert a row, sort, undo — each reported by Excel, each followed by a pass, the marks always right', async () => {
    const { sheet, wb, control, checker } = twins();
    await checker.start();
    const steps: Op[] = [(w, s) => w.user.insertRows(s, 22), (w, s) => w.user.sort(s, 'F12:G20', [{ key: 0, ascending: false }]), (w, s) => w.user.setValues(s, 'F13', [['15个']])];
    for (const step of steps) {
      await step(wb, sheet);
      await step(control, sheet);
      await settle(wb, checker);
      expectExact(wb, control, checker, sheet);
    }
    // Ctrl+Z until the clerk's own actions are undone too (our mark updates are steps of their own on ExcelApi 1.20)
    for (let i = 0; i < 6 && wb.undoStack.length > 0; i++) {
      wb.user.undo();
      await settle(wb, checker);
    }
    await checker.recheck();
    const fresh = twins().control;
    expect(clerkOwn(wb.snapshot())).toEqual(fresh.snapshot());
    expect(marksOn(wb, sheet)).toEqual(expectedMarks(checker.last!.diagnostics, sheet));
    await checker.dispose();
  });

  test('the reason for every marked cell is in the pane when the clerk selects it', async () => {
    const { sheet, wb, checker } = twins();
    await checker.start();
    wb.user.insertRows(sheet, 22);
    await settle(wb, checker);
    const seen = new Map<string, string[]>();
    checker.onSelectionChanged((s) => seen.set(s.address, s.diagnostics.map((d) => d.message)));
    const marked = Object.values(marksOn(wb, sheet)).flat();
    expect(marked.length).toBeGreaterThan(5);
    for (const a of marked) wb.user.select(sheet, a);
    await wb.eventsDelivered();
    for (const a of marked) expect([a, (seen.get(a) ?? []).length > 0]).toEqual([a, true]);
    await checker.dispose();
  });
});

describe('many cells at once, within what getRanges takes (office-js #5198)', () => {
  test('a severity over hundreds of scattered cells is split into formats whose addresses each stay within the limits', async () => {
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    const flagged: string[] = [];
    for (let row = 0; row < 120; row += 2) for (let col = 0; col < 20; col += 2) flagged.push(toA1(row, col));
    for (const a of flagged) wb.user.setValues('S', a, [['XXX']], { fireEvent: false });
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze });
    await checker.recheck();
    expect(marksOn(wb, 'S').error).toEqual([...flagged].sort());
    expect(flagged.length).toBeGreaterThan(512); // one address of them all is what #5198 says fails …
    await expect(
      createMemoryExcel(wb).run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRanges(flagged.join(',')).load({ areaCount: true });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
    // … so they went in pieces, none failed
    expect(markFormats(wb, 'S')).toBe(Math.ceil(flagged.length / MARK_ADDRESS_AREAS));
    expect(wb.syncLog.filter((r) => r.error && r.error !== 'InvalidArgument')).toEqual([]);
    await checker.dispose();
  });

  test('addressPieces: every cell once, each address within the areas and characters allowed', () => {
    const cells = new Set<number>();
    for (let i = 0; i < 3000; i++) cells.add(((i * 7919) % 50000) * 16384 + (i % 30) * 3);
    const pieces = addressPieces(cells);
    expect(pieces.length).toBeGreaterThan(1);
    const back = new Set<number>();
    for (const p of pieces) {
      expect(p.split(',').length).toBeLessThanOrEqual(MARK_ADDRESS_AREAS);
      expect(p.length).toBeLessThanOrEqual(MARK_ADDRESS_CHARS);
      for (const k of cellKeysOf(p.split(',').map((a) => parseRange(a)))) back.add(k);
    }
    expect([...back].sort()).toEqual([...cells].sort());
  });
});

describe('what is ours is told from the rule alone', () => {
  test('a mark copied to another sheet, or one half-made by a failed batch, is ours to set right; the clerk’s look-alike rule is not', async () => {
    const wb = new MemoryWorkbook({ sheets: ['S', 'T'] });
    wb.user.setValues('S', 'A1', [['XXX']]);
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze });
    await checker.recheck();
    wb.user.copy('S', 'A1', 'C3', 'T'); // the mark's rule is copied to T with the cell
    wb.user.addConditionalFormat('S', 'B1:B5', '=ISTEXT("标记")', '#FFC7CE'); // the clerk's own, in our colour
    wb.sheets[0].conditionalFormats.push({ id: '{half}', type: 'Custom', formula: '', fill: null, stopIfTrue: false, ranges: [{ top: 4, left: 4, bottom: 4, right: 4 }] });
    wb.sheets[0].conditionalFormats.push({ id: '{nocolour}', type: 'Custom', formula: markFormula('warning'), fill: null, stopIfTrue: false, ranges: [{ top: 5, left: 5, bottom: 5, right: 5 }] });
    await checker.recheck();
    expect(marksOn(wb, 'S')).toEqual({ error: ['A1'], warning: [], info: [] });
    expect(marksOn(wb, 'T')).toEqual({ error: ['C3'], warning: [], info: [] }); // C3 holds XXX now: flagged
    expect(wb.snapshot().sheets[0].conditionalFormats.map((c) => c.formula).sort()).toEqual([markFormula('error'), '=ISTEXT("标记")'].sort());
    await checker.dispose();
  });
});

describe('a workbook an earlier jxmb marked (fills, notes, the jxmb.highlights setting)', () => {
  const note = `${NOTE_PREFIX}\n【错误】单元格内容“XXX”含模板占位符“XXX”，应填写实际内容`;

  function legacyBook() {
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    const id = wb.sheets[0].id;
    wb.user.setValues('S', 'A1:A5', [['XXX'], ['XXX'], ['XXX'], ['好'], ['XXX']]);
    // what that version did: its fill on each marked cell, its note, the state
    for (const a of ['A1', 'A2', 'A3', 'A4']) wb.user.setFill('S', a, '#FFC7CE');
    wb.user.addNote('S', 'A1', note);
    wb.user.addNote('S', 'A2', note);
    wb.user.addNote('S', 'A3', '办事员改过的批注');
    wb.user.setFill('S', 'A2', '#00FF00'); // the clerk recoloured A2 since
    const marks = [
      { sheetId: id, cell: 'A1', severity: 'error', fill: { color: '#123456', pattern: 'Solid' }, note: noteTag(note) },
      { sheetId: id, cell: 'A2', severity: 'error', fill: { color: '#FFFFFF', pattern: 'None' }, note: noteTag(note) },
      { sheetId: id, cell: 'A3', severity: 'error', fill: { color: '#FFFFFF', pattern: 'None' }, note: noteTag(note) },
      { sheetId: id, cell: 'A4', severity: 'error', fill: { color: '#FFFFFF', pattern: 'None' } },
      { sheetId: '{gone}', cell: 'A1', severity: 'error', fill: { color: '#FFFFFF', pattern: 'None' } },
    ];
    wb.settings.set(HIGHLIGHT_KEY, JSON.stringify({ version: 1, marks }));
    return wb;
  }

  test('once, what it changed is put back where it is still there; its setting goes; the marks are conditional formats from then on', async () => {
    const wb = legacyBook();
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze });
    await checker.start();
    const c = wb.snapshot().sheets[0].cells;
    expect(c.A1.fill).toEqual({ color: '#123456', pattern: 'Solid', patternColor: null }); // its own fill again
    expect(c.A2.fill?.color).toBe('#00FF00'); // the clerk's colour stays
    expect(c.A3.fill).toBeUndefined(); // no fill, as before
    expect(c.A4.fill).toBeUndefined(); // A4 is fine now; the old fill was ours
    expect(wb.snapshot().sheets[0].notes).toEqual({ A3: '办事员改过的批注' }); // that version's notes gone, the clerk's kept
    expect(wb.settings.has(HIGHLIGHT_KEY)).toBe(false);
    expect(marksOn(wb, 'S').error).toEqual(['A1', 'A2', 'A3', 'A5']);
    // and never again: a second start writes nothing
    await checker.dispose();
    const writes = wb.writeLog.length;
    const again = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze });
    await again.start();
    expect(wb.writeLog.length).toBe(writes);
    await again.dispose();
  });

  test('on a sheet protected against formatting nothing is put back, and that part of the state is kept for later', async () => {
    const wb = legacyBook();
    wb.user.protect('S');
    const before = wb.snapshot();
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze });
    await checker.start();
    expect(wb.snapshot()).toEqual(before);
    expect(JSON.parse(String(wb.settings.get(HIGHLIGHT_KEY))).marks).toHaveLength(4);
    wb.user.protect('S', false);
    await checker.dispose();
    await createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze }).start();
    expect(wb.settings.has(HIGHLIGHT_KEY)).toBe(false);
    expect(wb.snapshot().sheets[0].cells.A1.fill?.color).toBe('#123456');
  });
});
