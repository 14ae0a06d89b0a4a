/**
 * The worst Excel the reference allows (issue 19). The in-memory Excel takes the strictest reading
 * by default — conditional-format ids are positions, reading rules can fail for a whole collection,
 * a delete through the whole sheet's collection can fail, `add` may put the format last, typing
 * follows automatic percent entry — and each switch is turned off here once, as a negative control.
 * Then the adapter against all of it: marks found by what they are, a sheet with unreadable formats
 * checked and listed but not marked, and, for random sequences of edits under both id semantics and
 * both add positions, marks exactly on the flagged cells, the clerk's formats untouched, and a
 * second pass that writes nothing.
 */
import fc from 'fast-check';
import { getCapabilities } from '../../src/excel/capabilities';
import { markFormula } from '../../src/excel/marks';
import { createMemoryExcel, MemoryWorkbook, type ExcelBehaviour } from '../../src/imitation/excel';
import { unreadableFormats } from '../../src/imitation/excel/proxies';
import { unreadableNotice, validationPass, type PassResult } from '../../src/excel/pass';
import { clerkOwn, expectedMarks, marksOn } from './marks-helpers';
import { toyAnalyze } from './toy';

type Kind = 'Custom' | 'CellValue' | 'ContainsText' | 'TopBottom' | 'PresetCriteria' | 'ColorScale' | 'DataBar' | 'IconSet';
const KINDS: Kind[] = ['Custom', 'CellValue', 'ContainsText', 'TopBottom', 'PresetCriteria', 'ColorScale', 'DataBar', 'IconSet'];

/** The clerk's own format of a kind, made through the Office.js calls the ribbon's kinds have (`cellValue.rule`, `iconSet.style`, …). */
async function clerkFormat(wb: MemoryWorkbook, sheet: string, address: string, kind: Kind, opts: { stopIfTrue?: boolean; priority?: number; fill?: string; variant?: number } = {}): Promise<void> {
  const v = opts.variant ?? 0;
  await createMemoryExcel(wb).run(async (ctx) => {
    const cf = ctx.workbook.worksheets.getItem(sheet).getRange(address).conditionalFormats.add(kind) as unknown as Excel.ConditionalFormat;
    const fill = opts.fill ?? '#00B050';
    if (kind === 'Custom') {
      cf.custom.rule.formula = `=LEN(A1)>${v}`;
      cf.custom.format.fill.color = fill;
    } else if (kind === 'CellValue') {
      cf.cellValue.rule = { formula1: `=${v}`, operator: 'GreaterThan' };
      cf.cellValue.format.fill.color = fill;
    } else if (kind === 'ContainsText') {
      cf.textComparison.rule = { operator: 'Contains', text: `x${v}` };
      cf.textComparison.format.fill.color = fill;
    } else if (kind === 'TopBottom') {
      cf.topBottom.rule = { rank: 1 + v, type: 'TopItems' };
      cf.topBottom.format.fill.color = fill;
    } else if (kind === 'PresetCriteria') {
      cf.preset.rule = { criterion: v % 2 === 0 ? 'Blanks' : 'DuplicateValues' };
      cf.preset.format.fill.color = fill;
    } else if (kind === 'ColorScale') {
      cf.colorScale.criteria = { minimum: { type: 'LowestValue', color: '#F8696B' }, maximum: { type: 'HighestValue', color: '#63BE7B' } };
    } else if (kind === 'DataBar') {
      cf.dataBar.barDirection = v % 2 === 0 ? 'LeftToRight' : 'RightToLeft';
    } else {
      cf.iconSet.style = v % 2 === 0 ? 'ThreeArrows' : 'ThreeFlags';
    }
    if (opts.stopIfTrue) cf.stopIfTrue = true;
    if (opts.priority !== undefined) cf.priority = opts.priority;
    await ctx.sync();
  });
}

const loadAll = { id: true, type: true, customOrNullObject: { rule: { formula: true }, format: { fill: { color: true } } } } as const;

describe('the imitation, strictest by default (each switch off once, as a negative control)', () => {
  test('conditionalFormatIdIsPosition: ids are current positions, resolved as each queued command runs', async () => {
    const ids = async (wb: MemoryWorkbook) => {
      const excel = createMemoryExcel(wb);
      return excel.run(async (ctx) => {
        const all = ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.load({ id: true });
        await ctx.sync();
        return all.items.map((f) => f.id);
      });
    };
    const make = (behaviour: Partial<ExcelBehaviour>) => {
      const wb = new MemoryWorkbook({ sheets: ['S'], behaviour });
      wb.user.addConditionalFormat('S', 'A1', '=TRUE', '#111111');
      wb.user.addConditionalFormat('S', 'B2', '=TRUE', '#222222');
      wb.user.addConditionalFormat('S', 'C3', '=TRUE', '#333333');
      return wb;
    };
    const wb = make({});
    expect(await ids(wb)).toEqual(['0', '1', '2']);
    // the d.ts's own example: the first rule is "0"; two deletes of "0" in one batch delete the first two
    await createMemoryExcel(wb).run(async (ctx) => {
      const all = ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats;
      all.getItem('0').delete();
      all.getItem('0').delete();
      await ctx.sync();
    });
    expect(wb.snapshot().sheets[0].conditionalFormats.map((c) => c.fill)).toEqual(['#111111']);
    // a sub-range's collection numbers its own members
    const sub = await createMemoryExcel(wb).run(async (ctx) => {
      const c = ctx.workbook.worksheets.getItem('S').getRange('A1').conditionalFormats.load({ id: true });
      await ctx.sync();
      return c.items.map((f) => f.id);
    });
    expect(sub).toEqual(['0']);
    // negative control: handles, which no add or delete moves
    const off = make({ conditionalFormatIdIsPosition: false });
    const handles = await ids(off);
    expect(handles.every((id) => !/^\d+$/.test(id))).toBe(true);
    await expect(
      createMemoryExcel(off).run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.getItem('0').load({ id: true });
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  test('conditionalFormatReadFaults: two CellValue rules on one range (#6827), a duplicated rule (#6835), a covered format deleted through the sheet (#5222)', async () => {
    const read = (wb: MemoryWorkbook, address?: string) =>
      createMemoryExcel(wb).run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        const all = (address ? ws.getRange(address) : ws.getRange()).conditionalFormats.load(loadAll);
        await ctx.sync();
        return all.items.length;
      });
    for (const strict of [true, false]) {
      const wb = new MemoryWorkbook({ sheets: ['S'], behaviour: { conditionalFormatReadFaults: strict } });
      await clerkFormat(wb, 'S', 'B2:B5', 'CellValue', { variant: 1 });
      await clerkFormat(wb, 'S', 'B2:B5', 'CellValue', { variant: 9 });
      wb.user.addConditionalFormat('S', 'D1', markFormula('error'), '#FFC7CE');
      if (strict) await expect(read(wb)).rejects.toMatchObject({ code: 'GeneralException' });
      else expect(await read(wb)).toBe(3);
      // a collection that does not hold both reads
      expect(await read(wb, 'D1')).toBe(1);

      const dup = new MemoryWorkbook({ sheets: ['S'], behaviour: { conditionalFormatReadFaults: strict } });
      await clerkFormat(dup, 'S', 'A1:A3', 'ContainsText');
      await clerkFormat(dup, 'S', 'A1:A3', 'ContainsText');
      if (strict) await expect(read(dup)).rejects.toMatchObject({ code: 'GeneralException' });
      else expect(await read(dup)).toBe(2);

      const covered = new MemoryWorkbook({ sheets: ['S'], behaviour: { conditionalFormatReadFaults: strict } });
      covered.user.addConditionalFormat('S', 'A1:B2', '=TRUE', '#123456');
      covered.user.addConditionalFormat('S', 'B2', markFormula('error'), '#FFC7CE');
      const del = (address?: string) =>
        createMemoryExcel(covered).run(async (ctx) => {
          const ws = ctx.workbook.worksheets.getItem('S');
          (address ? ws.getRange(address) : ws.getRange()).conditionalFormats.getItemAt(0).delete();
          await ctx.sync();
        });
      if (strict) {
        await expect(del()).rejects.toMatchObject({ code: 'ItemNotFound' });
        await del('B2'); // through a cell's own collection it goes
      } else await del();
      expect(covered.snapshot().sheets[0].conditionalFormats.map((c) => c.fill)).toEqual(['#123456']);
    }
  });

  test('conditionalFormatAddAt: top per the d.ts, bottom as a variant; every ribbon kind, stopIfTrue and priority, through Office.js', async () => {
    for (const at of ['top', 'bottom'] as const) {
      const wb = new MemoryWorkbook({ sheets: ['S'], behaviour: { conditionalFormatAddAt: at } });
      for (const [i, kind] of KINDS.entries()) await clerkFormat(wb, 'S', `A${i + 1}:C${i + 1}`, kind, { stopIfTrue: i % 2 === 0 });
      const kinds = wb.snapshot().sheets[0].conditionalFormats.map((c) => c.type ?? 'Custom');
      expect(kinds).toEqual(at === 'top' ? [...KINDS].reverse() : KINDS);
      // read back through Office.js: the parts as written
      const back = await createMemoryExcel(wb).run(async (ctx) => {
        const all = ctx.workbook.worksheets.getItem('S').getRange().conditionalFormats.load({ type: true, stopIfTrue: true, priority: true });
        await ctx.sync();
        const icon = all.items.find((f) => f.type === 'IconSet') as unknown as Excel.ConditionalFormat;
        icon.iconSet.load('style');
        await ctx.sync();
        return { stops: all.items.filter((f) => f.stopIfTrue).length, style: icon.iconSet.style, priorities: all.items.map((f) => f.priority) };
      });
      expect(back).toEqual({ stops: 4, style: 'ThreeArrows', priorities: [0, 1, 2, 3, 4, 5, 6, 7] });
    }
    // priority moves a format; the others keep their order
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    for (const kind of ['Custom', 'DataBar', 'IconSet'] as Kind[]) await clerkFormat(wb, 'S', 'A1', kind);
    await clerkFormat(wb, 'S', 'B1', 'ColorScale', { priority: 3 });
    expect(wb.snapshot().sheets[0].conditionalFormats.map((c) => c.type ?? 'Custom')).toEqual(['IconSet', 'DataBar', 'Custom', 'ColorScale']);
  });

  test('percentEntry: typing 30 into a 0.00% cell stores 0.3, typing 0.3 too; an add-in writing values stores what it writes', async () => {
    for (const on of [true, false]) {
      const wb = new MemoryWorkbook({ sheets: ['S'], behaviour: { percentEntry: on } });
      await createMemoryExcel(wb).run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1:D1').numberFormat = [['0.00%', '0.00%', '0.00%', 'General']];
        await ctx.sync();
      });
      wb.user.setValues('S', 'A1:D1', [['30', 0.3, 30, '30']]);
      const typed = [0, 1, 2, 3].map((c) => wb.sheet('S').cell(0, c).value);
      expect(typed).toEqual(on ? [0.3, 0.3, 0.3, 30] : [30, 0.3, 30, 30]);
      await createMemoryExcel(wb).run(async (ctx) => {
        ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[30]];
        await ctx.sync();
      });
      expect(wb.sheet('S').cell(0, 0).value).toBe(30);
    }
  });

  test('a failed command leaves the earlier commands of its batch applied (batches are not transactional)', async () => {
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    await expect(
      createMemoryExcel(wb).run(async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('S');
        ws.getRange('A1').values = [['written']];
        ws.getRange().conditionalFormats.getItem('7').delete();
        ws.getRange('A2').values = [['never']];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect([wb.sheet('S').cell(0, 0).value, wb.sheet('S').cell(1, 0).value]).toEqual(['written', '']);
  });
});

const pass = (wb: MemoryWorkbook, prev?: PassResult<string[]>) => {
  const excel = createMemoryExcel(wb);
  return validationPass(excel, getCapabilities(excel), { analyze: toyAnalyze, memory: prev?.memory });
};

describe('the adapter against it', () => {
  test('a sheet whose formats cannot be read is checked and listed, its marks left alone, one notice; the other sheets are marked', async () => {
    for (const strict of [true, false]) {
      const wb = new MemoryWorkbook({ sheets: ['甲', '乙'], behaviour: { conditionalFormatReadFaults: strict } });
      wb.user.setValues('甲', 'A1:A2', [['XXX'], ['TODO']]);
      wb.user.setValues('乙', 'B2', [['a百分比']]);
      await clerkFormat(wb, '甲', 'A1:A5', 'CellValue', { variant: 1 });
      await clerkFormat(wb, '甲', 'A1:A5', 'CellValue', { variant: 2 });
      const before = clerkOwn(wb.snapshot());
      let r = await pass(wb);
      const r1 = r;
      expect(r.diagnostics.filter((d) => d.sheet === '甲').map((d) => d.cell).sort()).toEqual(['A1', 'A2']);
      expect(marksOn(wb, '乙')).toEqual(expectedMarks(r.diagnostics, '乙'));
      if (strict) {
        expect(r.notices).toEqual([unreadableNotice('甲')]);
        expect(marksOn(wb, '甲')).toEqual({ error: [], warning: [], info: [] });
      } else {
        expect(r.notices).toEqual([]);
        expect(marksOn(wb, '甲')).toEqual(expectedMarks(r.diagnostics, '甲'));
      }
      expect(clerkOwn(wb.snapshot())).toEqual(before);
      // the next pass: the unreadable sheet is read on its own (one round trip more), nothing is written
      const syncs = wb.syncCount;
      const writes = wb.writeLog.length;
      r = await pass(wb, r1);
      expect(r.markWrites).toBe(0);
      expect(wb.writeLog.length).toBe(writes);
      expect(wb.syncCount - syncs).toBe(strict ? 2 : 1);
    }
  });

  test('a mark under a clerk’s rule is replaced (office-js #5222 recovery), the rule untouched; marks go over the clerk’s rules whatever add does', async () => {
    for (const at of ['top', 'bottom'] as const) {
      const wb = new MemoryWorkbook({ sheets: ['S'], behaviour: { conditionalFormatAddAt: at } });
      wb.user.setValues('S', 'A1:A3', [['XXX'], ['XXX'], ['ok']]);
      let r = await pass(wb);
      await clerkFormat(wb, 'S', 'A1:A3', 'Custom', { stopIfTrue: true, fill: '#000000' });
      wb.user.setValues('S', 'A2', [['fine']]);
      const before = clerkOwn(wb.snapshot());
      const failed = () => wb.syncLog.filter((x) => x.error === 'ItemNotFound').length;
      const had = failed();
      r = await pass(wb, r);
      // the whole sheet's collection refused the delete (#5222); the recovery deleted it through its cell's
      expect(failed() - had).toBe(1);
      expect(marksOn(wb, 'S')).toEqual({ error: ['A1'], warning: [], info: [] });
      expect(clerkOwn(wb.snapshot())).toEqual(before);
      // ours first in priority order: drawn over the clerk's (whose stopIfTrue then cannot hide it)
      expect(wb.snapshot().sheets[0].conditionalFormats[0].formula).toBe(markFormula('error'));
      const again = await pass(wb, r);
      expect(again.markWrites).toBe(0);
      // from then on that sheet's marks are deleted through their cells at once: 3 round trips, none refused
      wb.user.setValues('S', 'A1', [['ok']]);
      const s0 = wb.syncCount;
      const third = await pass(wb, again);
      expect([wb.syncCount - s0, failed() - had]).toEqual([3, 1]);
      expect(marksOn(wb, 'S')).toEqual({ error: [], warning: [], info: [] });
      expect(clerkOwn(wb.snapshot()).sheets[0].conditionalFormats).toEqual(before.sheets[0].conditionalFormats);
      expect((await pass(wb, third)).markWrites).toBe(0);
    }
  });
});

/** one edit of a random sequence */
type Edit =
  | { t: 'value'; row: number; col: number; v: string | number }
  | { t: 'coauthor'; row: number; col: number; v: string }
  | { t: 'insertRow'; row: number }
  | { t: 'deleteRow'; row: number }
  | { t: 'sort' }
  | { t: 'cut'; from: [number, number]; to: [number, number] }
  | { t: 'format'; kind: Kind; top: number; left: number; rows: number; cols: number; stop: boolean; variant: number }
  | { t: 'unformat'; pick: number };

const ROWS = 8;
const COLS = 3;
const cellA1 = (row: number, col: number) => `${String.fromCharCode(65 + col)}${row + 1}`;
const TEXTS = ['XXX', 'a百分比', 'TODO', 'ok', '', 'XXX TODO'];

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('value' as const), row: fc.nat(ROWS - 1), col: fc.nat(COLS - 1), v: fc.oneof(fc.constantFrom(...TEXTS), fc.integer({ min: 0, max: 9 })) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('coauthor' as const), row: fc.nat(ROWS - 1), col: fc.nat(COLS - 1), v: fc.constantFrom(...TEXTS) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('insertRow' as const), row: fc.nat(ROWS - 1) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('deleteRow' as const), row: fc.nat(ROWS - 1) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'sort' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('cut' as const), from: fc.tuple(fc.nat(ROWS - 1), fc.nat(COLS - 1)), to: fc.tuple(fc.nat(ROWS - 1), fc.nat(COLS - 1)) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('format' as const),
      kind: fc.constantFrom(...KINDS),
      top: fc.nat(ROWS - 1),
      left: fc.nat(COLS - 1),
      rows: fc.integer({ min: 1, max: 3 }),
      cols: fc.integer({ min: 1, max: 2 }),
      stop: fc.boolean(),
      variant: fc.nat(3),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('unformat' as const), pick: fc.nat(20) }) },
);

async function apply(wb: MemoryWorkbook, e: Edit): Promise<void> {
  const s = 'S';
  if (e.t === 'value') wb.user.setValues(s, cellA1(e.row, e.col), [[e.v]]);
  else if (e.t === 'coauthor') wb.coauthor.setValues(s, cellA1(e.row, e.col), [[e.v]]);
  else if (e.t === 'insertRow') wb.user.insertRows(s, e.row + 1);
  else if (e.t === 'deleteRow') wb.user.deleteRows(s, e.row + 1);
  else if (e.t === 'sort') wb.user.sort(s, `A1:${cellA1(ROWS - 1, COLS - 1)}`, [{ key: 0, ascending: true }]);
  else if (e.t === 'cut') {
    if (e.from[0] !== e.to[0] || e.from[1] !== e.to[1]) wb.user.cut(s, cellA1(...e.from), cellA1(...e.to));
  } else if (e.t === 'format') {
    const address = `${cellA1(e.top, e.left)}:${cellA1(e.top + e.rows - 1, e.left + e.cols - 1)}`;
    await clerkFormat(wb, s, address, e.kind, { stopIfTrue: e.stop, variant: e.variant });
  } else {
    // Manage Rules › Delete Rule, on one of the clerk's own
    const list = wb.sheet(s).conditionalFormats;
    const own = list.map((cf, i) => ({ cf, i })).filter(({ cf }) => !cf.formula.includes('jxmb-mark'));
    if (own.length > 0) wb.user.deleteConditionalFormat(s, own[e.pick % own.length].i);
  }
}

describe('passes converge under random edits (fast-check), both id semantics, both add positions', () => {
  const variants: [string, Partial<ExcelBehaviour>][] = [
    ['ids are positions, add at top', {}],
    ['ids are positions, add at bottom', { conditionalFormatAddAt: 'bottom' }],
    ['ids are handles, add at top', { conditionalFormatIdIsPosition: false }],
    ['ids are handles, add at bottom', { conditionalFormatIdIsPosition: false, conditionalFormatAddAt: 'bottom' }],
  ];
  test.each(variants)('%s: marks exactly on the flagged cells, the clerk’s formats unchanged, a second pass writes nothing', async (_name, behaviour) => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(editArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), async (rounds) => {
        const wb = new MemoryWorkbook({ sheets: ['S'], behaviour });
        wb.user.setValues('S', 'A1:C3', [
          ['XXX', 'ok', 'TODO'],
          ['a百分比', 'XXX', ''],
          ['ok', 'TODO', 'XXX'],
        ]);
        let r: PassResult<string[]> | undefined;
        for (const edits of rounds) {
          for (const e of edits) await apply(wb, e);
          const before = clerkOwn(wb.snapshot());
          r = await pass(wb, r);
          expect(clerkOwn(wb.snapshot())).toEqual(before);
          if (unreadableFormats(wb.sheet('S').conditionalFormats)) expect(r.notices).toEqual([unreadableNotice('S')]);
          else expect(marksOn(wb, 'S')).toEqual(expectedMarks(r.diagnostics, 'S'));
          // convergence: nothing edited, nothing written
          const writes = wb.writeLog.length;
          const snap = wb.snapshot();
          r = await pass(wb, r);
          expect(r.markWrites).toBe(0);
          expect(wb.writeLog.length).toBe(writes);
          expect(wb.snapshot()).toEqual(snap);
        }
      }),
      { numRuns: 40 },
    );
  }, 240000);
});

describe('清除全部标记', () => {
  test('every mark in the workbook goes in one command, the clerk’s formats stay; it does not wait on a cell edit', async () => {
    const { createLiveChecker } = await import('../../src/excel/live');
    const wb = new MemoryWorkbook({ sheets: ['甲', '乙'] });
    wb.user.setValues('甲', 'A1:A3', [['XXX'], ['a百分比'], ['TODO']]);
    wb.user.setValues('乙', 'C2', [['XXX']]);
    await clerkFormat(wb, '甲', 'A1:B3', 'DataBar');
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
    await checker.start();
    expect(marksOn(wb, '甲')).toEqual({ error: ['A1'], warning: ['A2'], info: ['A3'] });
    const clerk = clerkOwn(wb.snapshot());
    // while the clerk edits a cell the command fails at once (the pane says so), instead of waiting (office-js #806)
    wb.user.beginCellEdit();
    await expect(checker.clearMarks()).rejects.toThrow(/编辑单元格/);
    wb.user.endCellEdit();
    const out = await checker.clearMarks();
    expect(out).toEqual({ removed: 4, notices: [] });
    for (const s of ['甲', '乙']) expect(marksOn(wb, s)).toEqual({ error: [], warning: [], info: [] });
    expect(wb.snapshot()).toEqual(clerk);
    // the next check marks again
    await checker.recheck();
    expect(marksOn(wb, '乙')).toEqual({ error: ['C2'], warning: [], info: [] });
    await checker.dispose();
  });
});
