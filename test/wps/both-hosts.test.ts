/**
 * The same scenarios through the pane's host interface (PaneHost), run against both hosts: the
 * Office.js adapter over the in-memory Excel, and the WPS host over the WPS imitation — the real
 * recognition and checks, a real template. Insert without overwriting; an edit marks its cell;
 * the fix removes the mark; a 指标库 row is added; the clerk's own cell format is untouched.
 */
import { parseRange, rangeToA1, toA1 } from '../../src/domain/address';
import type { Severity } from '../../src/domain/model';
import { indicatorLibrary } from '../../src/domain/indicators';
import type { Suggestion } from '../../src/domain/indicators/suggest';
import { cellKeysOf, SHEET_COLUMNS } from '../../src/excel/cellset';
import { markOf } from '../../src/excel/marks';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { WpsImitation } from '../../src/imitation/wps';
import { createExcelHost } from '../../src/taskpane/excel-host';
import type { CheckResult, PaneHost } from '../../src/taskpane/host';
import { createWpsHost } from '../../src/wps/host';
import { marksOn as excelMarks } from '../excel/marks-helpers';

type MarkMap = Record<Severity, string[]>;

interface Subject {
  host: PaneHost;
  /** the clerk types a value */
  edit(a1: string, value: string): void;
  /** the clerk selects a cell (where the next block goes) */
  select(a1: string): void;
  setFill(a1: string, hex: string): void;
  /** what the clerk owns of a cell: its value and fill */
  own(a1: string): { value: unknown; fill: unknown };
  marks(): MarkMap;
}

const a1 = (k: number) => rangeToA1({ top: Math.floor(k / SHEET_COLUMNS), left: k % SHEET_COLUMNS, bottom: Math.floor(k / SHEET_COLUMNS), right: k % SHEET_COLUMNS });

function wpsMarks(wb: WpsImitation): MarkMap {
  const out: MarkMap = { error: [], warning: [], info: [] };
  for (const c of wb.sheet('Sheet1').conditions) {
    const sev = markOf(c.formula1);
    if (sev) for (const k of cellKeysOf(c.applies)) out[sev].push(a1(k));
  }
  for (const sev of Object.keys(out) as Severity[]) out[sev] = [...new Set(out[sev])].sort();
  return out;
}

const SUBJECTS: [string, () => Subject][] = [
  [
    'Excel (Office.js adapter, in-memory Excel)',
    () => {
      const wb = new MemoryWorkbook({ sheets: ['Sheet1'] });
      const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 10 });
      return {
        host,
        edit: (a, v) => wb.user.setValues('Sheet1', a, [[v]]),
        select: (a) => wb.user.select('Sheet1', a),
        setFill: (a, hex) => wb.user.setFill('Sheet1', a, hex),
        own: (a) => {
          const c = wb.snapshot().sheets[0].cells[a] as { value?: unknown; fill?: unknown } | undefined;
          return { value: c?.value, fill: c?.fill };
        },
        marks: () => excelMarks(wb, 'Sheet1'),
      };
    },
  ],
  [
    'WPS (WPS host, WPS imitation)',
    () => {
      const wb = new WpsImitation({ sheets: ['Sheet1'] });
      const host = createWpsHost(wb, { debounceMs: 10 });
      const at = (a: string) => {
        const m = /^([A-Z]+)(\d+)$/.exec(a) as RegExpExecArray;
        return wb.sheet('Sheet1').peek(Number(m[2]) - 1, m[1].charCodeAt(0) - 65);
      };
      return {
        host,
        edit: (a, v) => wb.user.setValue('Sheet1', a, v),
        select: (a) => wb.user.select('Sheet1', a),
        setFill: (a, hex) => wb.user.setFill('Sheet1', a, hex),
        own: (a) => ({ value: at(a)?.value, fill: at(a)?.fill }),
        marks: () => wpsMarks(wb),
      };
    },
  ],
];

const header = { name: '2025年农村保洁员经费', code: '130322250QXP1WKIBNS3X', budget: 20, fiscal: 20, other: 0, year: 2025 };

function suggestion(name: string): Suggestion {
  const all = indicatorLibrary().indicators;
  const id = all.findIndex((x) => x.name === name);
  return { ...all[id], id, score: 1, existing: false, uses: 0 } as Suggestion;
}

/** the next check the host reports that satisfies `ok` */
function next(host: PaneHost, ok: (r: CheckResult) => boolean): Promise<CheckResult> {
  return new Promise((resolve) => {
    const off = host.onResult((r) => {
      if (!ok(r)) return;
      off();
      resolve(r);
    });
  });
}

/** the cells the diagnostics flag, each with its highest severity */
function expected(r: CheckResult): MarkMap {
  const rank: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
  const best = new Map<string, Severity>();
  for (const d of r.diagnostics) {
    const c = d.cell.split(':')[0].replace(/\$/g, '');
    const had = best.get(c);
    if (!had || rank[d.severity] > rank[had]) best.set(c, d.severity);
  }
  const out: MarkMap = { error: [], warning: [], info: [] };
  for (const [c, s] of best) out[s].push(c);
  for (const sev of Object.keys(out) as Severity[]) out[sev].sort();
  return out;
}

describe.each(SUBJECTS)('%s', (_name, make) => {
  test('insert without overwriting, edit → mark, fix → mark gone, 指标库 row added; the clerk’s cell untouched', async () => {
    const s = make();
    s.edit('C2', '办公室的备注');
    s.setFill('C2', '#00FF00');
    await s.host.start();
    const own = s.own('C2');

    // the selection's area holds the clerk's note: the block goes below the used range
    s.select('A1');
    const inserted = await s.host.insertTemplate('hebei-project', 'rural-cleaners', header);
    expect(inserted).toMatchObject({ ok: true, note: expect.stringContaining('C2') });
    expect(s.own('C2')).toEqual(own);
    const first = await new Promise<CheckResult>((resolve) => {
      const off = s.host.onResult((r) => {
        off();
        resolve(r);
      });
      void s.host.recheck();
    });
    expect(first.blocks).toHaveLength(1);
    expect(s.marks()).toEqual(expected(first));
    const block = parseRange(first.blocks[0].range);
    // 村庄保洁覆盖率's value, empty in the template: 12 rows under the title, the 6th column
    const cell = toA1(block.top + 12, block.left + 5);
    expect(first.diagnostics.find((d) => d.cell === cell)?.ruleId).toBe('indicator/missing-value');

    const edited = next(s.host, (r) => r.diagnostics.some((d) => d.cell === cell && d.ruleId === 'value/percent-notation'));
    s.edit(cell, '95百分比');
    const r2 = await edited;
    expect(s.marks().warning).toContain(cell);
    expect(s.marks()).toEqual(expected(r2));

    const d = r2.diagnostics.find((x) => x.cell === cell && x.ruleId === 'value/percent-notation')!;
    const fixed = next(s.host, (r) => !r.diagnostics.some((x) => x.cell === cell));
    await s.host.applyFix(d);
    const r3 = await fixed;
    expect(s.own(cell).value).toBe('95%');
    expect([...s.marks().error, ...s.marks().warning, ...s.marks().info]).not.toContain(cell);

    const added = next(s.host, (r) => r.blocks[0]?.indicators?.includes('享受保洁服务的人数') === true);
    const out = await s.host.addIndicator!(r3.blocks[0], suggestion('享受保洁服务的人数'));
    expect(out).toMatchObject({ ok: true });
    const r4 = await added;
    expect(r4.blocks[0].indicators!.length).toBe(r3.blocks[0].indicators!.length + 1);
    expect(s.own('C2')).toEqual(own);
    s.host.dispose();
  });
});
