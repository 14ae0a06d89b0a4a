/**
 * The clerk's undo history (“Undo support with the Excel JavaScript API”; Excel.RunOptions
 * .mergeUndoGroup, ExcelApi 1.20): the in-memory Excel keeps it as documented, and a live pass
 * never costs the clerk their Ctrl+Z where Excel lets an add-in keep it — it calls nothing from the
 * page's table of APIs that clear the history, writes no setting, writes nothing when no mark
 * changes, and on ExcelApi 1.20 its writes are one undo action.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { hebeiWorkbookGrid } from '../../scripts/bench-excel';
import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook, SETTING_WRITES, UNDO_CLEARING, UNDO_LEVELS, UNDO_UNSUPPORTED_APIS } from '../../src/imitation/excel';
import { expectedMarks, marksOn } from './marks-helpers';
import { toyAnalyze } from './toy';

async function settle(wb: MemoryWorkbook, checker: { idle(): Promise<void> }) {
  for (let i = 0; i < 3; i++) {
    await wb.eventsDelivered();
    await checker.idle();
  }
}

function setup(excelApi: number) {
  const wb = new MemoryWorkbook({ sheets: ['S'], support: { excelApi } });
  const checker = createLiveChecker({ excel: createMemoryExcel(wb), analyze: toyAnalyze, debounceMs: 5 });
  return { wb, checker };
}

describe('the undo history of the in-memory Excel', () => {
  test('the clerk’s actions are undone and redone in order, with onChanged; at most 100 are kept', async () => {
    const wb = new MemoryWorkbook({ sheets: ['S'] });
    const seen: string[] = [];
    await createMemoryExcel(wb).run(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add(async (e) => {
        seen.push(e.address);
      });
      await ctx.sync();
    });
    wb.user.setValues('S', 'A1', [['一']]);
    wb.user.setFill('S', 'B2', '#FF0000');
    wb.user.insertRows('S', 1);
    expect(wb.snapshot().sheets[0].cells.A2.value).toBe('一');
    expect(wb.user.undo()).toBe(true); // the inserted row
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('一');
    expect(wb.user.undo()).toBe(true); // the fill
    expect(wb.snapshot().sheets[0].cells.B2).toBeUndefined();
    expect(wb.user.redo()).toBe(true);
    expect(wb.snapshot().sheets[0].cells.B2.fill?.color).toBe('#FF0000');
    expect(wb.user.undo() && wb.user.undo()).toBe(true);
    expect(wb.snapshot().sheets[0].cells).toEqual({});
    expect(wb.user.undo()).toBe(false);
    await wb.eventsDelivered();
    expect(seen).toContain('A1'); // undoing a typed value is an edit Excel reports
    for (let i = 0; i < UNDO_LEVELS + 20; i++) wb.user.setValues('S', 'C1', [[i]], { fireEvent: false });
    expect(wb.undoStack).toHaveLength(UNDO_LEVELS);
  });

  test('before ExcelApi 1.20 any change an add-in makes clears the history (office-js #3788); a read does not', async () => {
    const wb = new MemoryWorkbook({ support: { excelApi: 19 } });
    const excel = createMemoryExcel(wb);
    wb.user.setValues('Sheet1', 'A1', [['x']]);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A1').load({ values: true });
      await ctx.sync();
    });
    expect(wb.undoStack).toHaveLength(1);
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('B1').values = [['y']];
      await ctx.sync();
    });
    expect(wb.undoStack).toHaveLength(0);
  });

  test('ExcelApi 1.20: each sync that changes the workbook is an action; with mergeUndoGroup the whole run is one; a setting write still clears', async () => {
    const wb = new MemoryWorkbook();
    const excel = createMemoryExcel(wb);
    const twoSyncs = (merge: boolean, a: string, b: string) =>
      excel.run({ mergeUndoGroup: merge }, async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem('Sheet1');
        ws.getRange('A1').values = [[a]];
        await ctx.sync();
        ws.getRange('A2').values = [[b]];
        await ctx.sync();
      });
    await twoSyncs(false, '一', '二');
    expect(wb.undoStack).toHaveLength(2);
    wb.clearUndo();
    await twoSyncs(true, '三', '四');
    expect(wb.undoStack).toHaveLength(1);
    wb.user.undo();
    expect(wb.snapshot().sheets[0].cells).toEqual({ A1: { value: '一' }, A2: { value: '二' } }); // both writes taken back at once
    await excel.run(async (ctx) => {
      ctx.workbook.settings.add('k', 'v');
      await ctx.sync();
    });
    expect(wb.undoStack).toHaveLength(0);
    expect([...UNDO_CLEARING]).toEqual(expect.arrayContaining(['Worksheet.delete', 'WorksheetProtection.protect', ...SETTING_WRITES]));
  });
});

describe('live passes keep the clerk’s undo history', () => {
  test.each([18, 20])('ExcelApi 1.%i: a pass that changes no mark writes nothing — the clerk’s Ctrl+Z still takes back their own edit', async (v) => {
    const { wb, checker } = setup(v);
    wb.user.setValues('S', 'A1', [['XXX']]);
    await checker.start();
    wb.user.setValues('S', 'B1', [['好']]);
    const depth = wb.undoStack.length;
    const writes = wb.writeLog.length;
    await settle(wb, checker);
    expect(wb.writeLog.length).toBe(writes);
    expect(wb.undoStack.length).toBe(depth);
    expect(wb.user.undo()).toBe(true);
    expect(wb.snapshot().sheets[0].cells.B1).toBeUndefined();
    await checker.dispose();
  });

  test('ExcelApi 1.20: a pass’s writes are one undo action; Ctrl+Z takes back the marks, the next Ctrl+Z the clerk’s edit, and the pass after it writes nothing', async () => {
    const { wb, checker } = setup(20);
    wb.user.setValues('S', 'A1:A3', [['XXX'], ['好'], ['XXX']]);
    await checker.start();
    expect(marksOn(wb, 'S').error).toEqual(['A1', 'A3']);
    wb.user.setValues('S', 'A1:A3', [['好'], ['XXX'], ['TODO']]); // one edit that changes every mark
    const depth = wb.undoStack.length;
    await settle(wb, checker);
    expect(marksOn(wb, 'S')).toEqual({ error: ['A2'], warning: [], info: ['A3'] });
    expect(wb.undoStack.length).toBe(depth + 1); // deletes and adds of several formats: one action
    wb.user.undo(); // the marks as they were (no value changed: no event, no pass)
    await settle(wb, checker);
    expect(marksOn(wb, 'S').error).toEqual(['A1', 'A3']);
    const writes = wb.writeLog.length;
    wb.user.undo(); // the clerk's edit: its values come back, Excel reports it, the pass finds the marks right
    await settle(wb, checker);
    expect(wb.snapshot().sheets[0].cells.A1.value).toBe('XXX');
    expect(checker.last!.diagnostics.map((d) => d.cell).sort()).toEqual(['A1', 'A3']);
    expect(wb.writeLog.length).toBe(writes);
    expect(wb.user.undo()).toBe(true); // and further back, the clerk's first values
    await checker.dispose();
  });

  test('ExcelApi 1.19: Excel keeps no undo of add-ins — a pass that changes a mark clears the history (what docs/excel.md says the clerk gets)', async () => {
    const { wb, checker } = setup(19);
    expect(checker.capabilities.messages.join('\n')).toMatch(/撤消.*1\.20/);
    wb.user.setValues('S', 'A1', [['好']]);
    await checker.start();
    wb.user.setValues('S', 'A1', [['XXX']]);
    await settle(wb, checker);
    expect(marksOn(wb, 'S').error).toEqual(['A1']);
    expect(wb.user.undo()).toBe(false);
    await checker.dispose();
  });

  test('passes across inserts, deletes, sorts, cuts, copies and edits call nothing that clears the history and write no setting', async () => {
    const grid = hebeiWorkbookGrid(3);
    const wb = MemoryWorkbook.fromGrid(grid);
    const sheet = grid.sheets[0].name;
    const checker = createLiveChecker({ excel: createMemoryExcel(wb), debounceMs: 5 });
    await checker.start();
    const settings = [...wb.settings];
    const ops: (() => void)[] = [
      () => wb.user.insertRows(sheet, 24, 2),
      () => wb.user.setValues(sheet, 'F14', [['12人']]),
      () => wb.user.sort(sheet, 'F12:G20', [{ key: 0, ascending: true }]),
      () => wb.user.cut(sheet, 'F14', 'J40'),
      () => wb.user.copy(sheet, 'F12', 'J41'),
      () => wb.user.deleteRows(sheet, 30),
      () => wb.user.insertColumns(sheet, 'A'),
      () => wb.user.setValues(sheet, 'A2', [['说明']]),
    ];
    for (const op of ops) {
      op();
      await checker.recheck();
      expect(marksOn(wb, sheet)).toEqual(expectedMarks(checker.last!.diagnostics, sheet));
    }
    const members = new Set(wb.writeLog.map((w) => w.member));
    expect(members.size).toBeGreaterThan(0);
    expect([...members].filter((m) => UNDO_CLEARING.has(m))).toEqual([]);
    expect([...members].sort()).toEqual(['ConditionalFormat.delete', 'ConditionalFormat.priority', 'ConditionalFormatCollection.add', 'ConditionalFormatRule.formula', 'ConditionalRangeFill.color']);
    expect([...wb.settings]).toEqual(settings);
    await checker.dispose();
  });
});

describe('the adapter’s source: nothing from the undo page’s table, no setting written by a pass', () => {
  const root = path.resolve(__dirname, '../..');
  // real paths: TypeScript resolves a symlinked node_modules (a worktree's) to where it points
  const officeTypes = fs.realpathSync(path.join(root, 'node_modules/@types/office-js/index.d.ts'));

  /** uses of the listed members: calls of methods, assignments to properties (reading a property is not a change) */
  function misuses(files: string[], listed: Set<string>): string[] {
    const file = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
    const parsed = ts.parseJsonConfigFileContent(file.config, ts.sys, root);
    const program = ts.createProgram(files, { ...parsed.options, noEmit: true });
    const checker = program.getTypeChecker();
    const out: string[] = [];
    const visit = (n: ts.Node): void => {
      if (ts.isPropertyAccessExpression(n)) {
        const decl = checker.getSymbolAtLocation(n.name)?.declarations?.[0];
        if (decl && fs.realpathSync(path.resolve(decl.getSourceFile().fileName)) === officeTypes && decl.parent && ts.isClassDeclaration(decl.parent) && decl.parent.name) {
          const member = `${decl.parent.name.text}.${n.name.text}`;
          const called = ts.isCallExpression(n.parent) && n.parent.expression === n;
          const assigned = ts.isBinaryExpression(n.parent) && n.parent.left === n && n.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
          const isMethod = ts.isMethodDeclaration(decl);
          if (listed.has(member) && ((isMethod && called) || (!isMethod && assigned))) {
            const sf = n.getSourceFile();
            out.push(`${path.relative(root, sf.fileName)}:${sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1}`);
          }
        }
      }
      ts.forEachChild(n, visit);
    };
    for (const f of files) visit(program.getSourceFile(f) as ts.SourceFile);
    return out.sort();
  }

  test('negative control: the walker finds exactly the marked misuses of a fixture', () => {
    const fixture = path.join(root, 'test/types/undo-misuse.ts');
    const lines = fs.readFileSync(fixture, 'utf8').split('\n');
    const marked = (tag: string) => lines.flatMap((l, i) => (l.includes(`// ${tag}`) ? [`test/types/undo-misuse.ts:${i + 1}`] : [])).sort();
    expect(marked('UNDO')).toHaveLength(2);
    expect(misuses([fixture], new Set(UNDO_UNSUPPORTED_APIS))).toEqual(marked('UNDO'));
    expect(misuses([fixture], new Set(SETTING_WRITES))).toEqual(marked('SETTING'));
  }, 120000);

  test('src/excel uses no API of the table; the pass’s modules write no setting (only the clerk’s 设置 and the one-time clean-up of an earlier version do)', () => {
    const dir = path.join(root, 'src/excel');
    const adapter = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f));
    expect(misuses(adapter, new Set(UNDO_UNSUPPORTED_APIS))).toEqual([]);
    const writers = misuses(adapter, new Set(SETTING_WRITES)).map((w) => w.split(':')[0]);
    expect([...new Set(writers)].sort()).toEqual(['src/excel/legacy.ts', 'src/excel/settings.ts']);
  }, 120000);
});
