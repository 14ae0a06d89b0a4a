/**
 * Generality: the real workbooks rewritten the ways other townships' copies differ — the table
 * moved on the sheet, labels spelled with spaces/line breaks/half-width punctuation, numbers and
 * percentages typed as text, merges replaced by repeated text or by blanks ("same as above"), the
 * blocks split over two sheets — must give the same findings (same rules, cells moved with the
 * table). Nothing here is fitted to one file: each transformation applies to any grid.
 */
import { parseA1, toA1 } from '../../src/domain/address';
import type { CellValue } from '../../src/domain/model';
import { checkBlocks } from '../../src/domain/engine';
import { readWorkbookFile } from '../../src/files/read';
import type { Grid, GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { fixture } from '../helpers/fixtures';
import { ythWorkbook } from './yth-workbook';

type Cell = CellValue | undefined;

function findings(grid: Grid, shift = { rows: 0, cols: 0 }): string[] {
  const rec = recognize(grid);
  const diags = checkBlocks(rec.blocks, { year: rec.year }, undefined, { summaries: rec.summaries });
  return diags
    .map((d) => {
      const p = parseA1(d.cell);
      return `${d.block ? d.block.name : '-'}|${d.ruleId}|${toA1(p.row - shift.rows, p.col - shift.cols)}`;
    })
    .sort();
}

function cloneSheet(s: GridSheet): GridSheet {
  return { ...s, values: s.values.map((r) => (r ? [...r] : r)), formats: s.formats?.map((r) => (r ? [...r] : r)), merges: s.merges.map((m) => ({ ...m })) };
}

function mapCells(s: GridSheet, f: (v: Cell, fmt: string | undefined) => [Cell, string | undefined]): GridSheet {
  const out = cloneSheet(s);
  out.values.forEach((row, r) =>
    row?.forEach((v, c) => {
      const [nv, nf] = f(v, out.formats?.[r]?.[c]);
      row[c] = nv;
      if (out.formats) (out.formats[r] ??= [])[c] = nf;
    }),
  );
  return out;
}

/** The whole table moved down and right (a notes column, a few preamble rows). */
function shifted(s: GridSheet, rows: number, cols: number): GridSheet {
  const pad = <T>(r: T[] | undefined): T[] => [...(new Array(cols).fill(undefined) as T[]), ...(r ?? [])];
  return {
    ...s,
    values: [...new Array(rows).fill(undefined).map(() => [] as Cell[]), ...s.values.map((r) => pad(r))],
    formats: s.formats ? [...new Array(rows).fill(undefined).map(() => []), ...s.formats.map((r) => pad(r))] : undefined,
    merges: s.merges.map((m) => ({ top: m.top + rows, bottom: m.bottom + rows, left: m.left + cols, right: m.right + cols })),
  };
}

const SPELLINGS: [RegExp, string][] = [
  [/^项目编码$/, '项目\n编码'],
  [/^项目名称$/, '项目 名称 '],
  [/^其中：财政资金$/, '其中:财政    资金'],
  [/^资金支出计划（%）$/, '资金支出计划(%)'],
  [/^一级指标$/, '一级\n指标'],
  [/^二级指标$/, '二级\n指标'],
  [/^指标值确定依据$/, '指标值确定\n依据'],
  [/^绩效目标$/, '绩效目标：'],
  // the 一体化 exports' labels
  [/^资金总额\(元\)：$/, '资金总额（元）:'],
  [/^其中：上级补助$/, '其中:上级 补助'],
  [/^本级安排$/, '本级\n安排'],
  [/^年度总体目标$/, '年度总体\n目标'],
  [/^主管部门及代码$/, '主管部门\n及代码'],
  [/^\*三级指标$/, '＊三级指标'],
  [/^计量单位$/, '计量\n单位'],
];

/** Labels written the ways clerks write them. */
function respelled(s: GridSheet): GridSheet {
  return mapCells(s, (v, f) => {
    if (typeof v !== 'string') return [v, f];
    const hit = SPELLINGS.find(([re]) => re.test(v.trim()));
    return [hit ? hit[1] : v, f];
  });
}

/** Numbers typed as text: amounts as '20.00', percentages as '25%'. */
function asText(s: GridSheet): GridSheet {
  return mapCells(s, (v, f) => {
    if (typeof v !== 'number') return [v, f];
    if (f && f.includes('%')) return [`${(v * 100).toFixed(0)}%`, undefined];
    return [f && /0\.00/.test(f) ? v.toFixed(2) : String(v), undefined];
  });
}

/** Merges gone: the master's text repeated in every cell of the area (what some exports do). */
function repeatedInsteadOfMerged(s: GridSheet): GridSheet {
  const out = cloneSheet(s);
  for (const m of out.merges) {
    const v = out.values[m.top]?.[m.left];
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) (out.values[r] ??= [])[c] = v;
  }
  out.merges = [];
  return out;
}

/** Merges gone, nothing repeated: the cells below/right of the first are simply blank. */
function unmergedBlank(s: GridSheet): GridSheet {
  return { ...cloneSheet(s), merges: [] };
}

/** The blocks split over two sheets at a blank row near the middle. */
function splitInTwo(s: GridSheet): Grid {
  const mid = Math.floor(s.values.length / 2);
  let cut = mid;
  while (cut < s.values.length && (s.values[cut] ?? []).some((v) => v !== undefined && v !== null && v !== '')) cut++;
  const a = cloneSheet(s);
  const b = cloneSheet(s);
  a.values = a.values.slice(0, cut);
  a.formats = a.formats?.slice(0, cut);
  a.merges = a.merges.filter((m) => m.bottom < cut);
  b.name = `${s.name}（续）`;
  b.values = b.values.slice(cut);
  b.formats = b.formats?.slice(cut);
  b.merges = b.merges.filter((m) => m.top >= cut).map((m) => ({ ...m, top: m.top - cut, bottom: m.bottom - cut }));
  return { sheets: [a, b], name: s.name };
}

/** How many cells a rewrite changed (so no test passes on a rewrite that did nothing). */
function changedCells(a: Grid, b: Grid): number {
  let n = 0;
  a.sheets.forEach((s, i) => {
    const other = b.sheets[i].values;
    for (let r = 0; r < Math.max(s.values.length, other.length); r++) {
      const x = s.values[r] ?? [];
      const y = other[r] ?? [];
      for (let c = 0; c < Math.max(x.length, y.length); c++) if ((x[c] ?? null) !== (y[c] ?? null)) n++;
    }
  });
  return n;
}

describe.each(['hebei-2021-anshan.xlsx', 'hebei-2025-zhangerzhuang.xlsx'])('%s, rewritten', (name) => {
  let grid: Grid;
  let base: string[];
  beforeAll(async () => {
    grid = await readWorkbookFile(fixture(name));
    base = findings(grid);
    expect(base.length).toBeGreaterThan(0);
  });
  const one = (f: (s: GridSheet) => GridSheet): Grid => ({ ...grid, sheets: grid.sheets.map(f) });

  it('moved 3 rows down and 2 columns right: same findings, cells moved with it', () => {
    expect(findings(one((s) => shifted(s, 3, 2)), { rows: 3, cols: 2 })).toEqual(base);
  });

  it('labels with inner spaces, line breaks and half-width punctuation: same findings', () => {
    const g = one(respelled);
    expect(changedCells(grid, g)).toBeGreaterThan(4);
    expect(findings(g)).toEqual(base);
  });

  it('amounts and percentages typed as text: same findings', () => {
    const g = one(asText);
    if (name.includes('anshan')) expect(changedCells(grid, g)).toBeGreaterThan(50); // zhangerzhuang is text already
    expect(findings(g)).toEqual(base);
  });

  it('merged areas replaced by the text repeated in every cell: same findings', () => {
    const g = one(repeatedInsteadOfMerged);
    expect(changedCells(grid, g)).toBeGreaterThan(20);
    expect(g.sheets[0].merges).toEqual([]);
    expect(findings(g)).toEqual(base);
  });

  it('merged areas replaced by blanks ("same as above"): same findings', () => {
    expect(findings(one(unmergedBlank))).toEqual(base);
  });

  it('split over two sheets: the same blocks and findings', () => {
    const two = splitInTwo(grid.sheets[0]);
    const rec = recognize(two);
    expect(rec.blocks).toHaveLength(recognize(grid).blocks.length);
    const strip = (xs: string[]) => xs.map((x) => x.replace(/\|[A-Z]+\d+$/, '')).sort();
    expect(strip(findings(two))).toEqual(strip(base));
  });
});

describe('disclosure-2023-haomen.xlsx, rewritten', () => {
  let grid: Grid;
  let base: string[];
  beforeAll(async () => {
    grid = await readWorkbookFile(fixture('disclosure-2023-haomen.xlsx'));
    base = findings(grid);
    expect(base.length).toBeGreaterThan(0);
  });

  it('headings with the other bracket and colon widths: same findings', () => {
    const swap = (t: string) =>
      t
        .replace(/[()（）:：]/g, (ch) => ({ '(': '（', ')': '）', '（': '(', '）': ')', ':': '：', '：': ':' })[ch] ?? ch);
    const g: Grid = { ...grid, sheets: grid.sheets.map((s) => mapCells(s, (v, f) => [typeof v === 'string' && v.includes('指标') ? swap(v) : v, f])) };
    expect(changedCells(grid, g)).toBeGreaterThan(20);
    expect(findings(g)).toEqual(base);
  });

  it('the header row repeated at a page break in the middle: same blocks and findings', () => {
    const s = cloneSheet(grid.sheets[0]);
    const header = s.values.findIndex((r) => (r ?? []).some((v) => v === '单位及项目名称'));
    const at = Math.floor((header + s.values.length) / 2);
    s.values.splice(at, 0, [...(s.values[header] ?? [])]);
    s.formats?.splice(at, 0, []);
    s.merges = s.merges.map((m) => (m.top >= at ? { ...m, top: m.top + 1, bottom: m.bottom + 1 } : m));
    const g: Grid = { ...grid, sheets: [s] };
    expect(recognize(g).blocks).toHaveLength(recognize(grid).blocks.length);
    const strip = (xs: string[]) => xs.map((x) => x.replace(/\|[A-Z]+\d+$/, '')).sort();
    expect(strip(findings(g))).toEqual(strip(base));
  });
});

describe('the 一体化 exports (test/findings/yth-workbook.ts), rewritten', () => {
  let grid: Grid;
  let base: string[];
  beforeAll(() => {
    grid = ythWorkbook();
    base = findings(grid);
    expect(base.length).toBeGreaterThan(8);
  });
  const one = (f: (s: GridSheet) => GridSheet): Grid => ({ ...grid, sheets: grid.sheets.map(f) });

  it('moved 3 rows down and 2 columns right: same findings, cells moved with it', () => {
    expect(findings(one((s) => shifted(s, 3, 2)), { rows: 3, cols: 2 })).toEqual(base);
  });

  it('labels with inner spaces, line breaks and half-width punctuation: same findings', () => {
    const g = one(respelled);
    expect(changedCells(grid, g)).toBeGreaterThan(8);
    expect(findings(g)).toEqual(base);
  });

  it('amounts typed as text: same findings', () => {
    const g = one(asText);
    expect(changedCells(grid, g)).toBeGreaterThan(20);
    expect(findings(g)).toEqual(base);
  });

  it('merged areas replaced by the text repeated in every cell: same findings', () => {
    const g = one(repeatedInsteadOfMerged);
    expect(changedCells(grid, g)).toBeGreaterThan(50);
    expect(findings(g)).toEqual(base);
  });

  it('merged areas replaced by blanks ("same as above"): same findings', () => {
    expect(findings(one(unmergedBlank))).toEqual(base);
  });

  it('the project tables stacked on one sheet, then split over two: the same blocks and findings', () => {
    const stack: GridSheet = { name: '项目表', values: [], formats: [], merges: [] };
    for (const s of grid.sheets.slice(1, 4)) {
      const top = stack.values.length + (stack.values.length > 0 ? 2 : 0);
      while (stack.values.length < top) {
        stack.values.push([]);
        stack.formats?.push([]);
      }
      s.values.forEach((r) => stack.values.push(r ? [...r] : []));
      s.values.forEach((_, i) => stack.formats?.push([...(s.formats?.[i] ?? [])]));
      stack.merges.push(...s.merges.map((m) => ({ ...m, top: m.top + top, bottom: m.bottom + top })));
    }
    const stacked: Grid = { sheets: [grid.sheets[0], stack], name: grid.name };
    const strip = (xs: string[]) => xs.map((x) => x.replace(/\|[A-Z]+\d+$/, '')).sort();
    expect(strip(findings(stacked))).toEqual(strip(base));
    const two: Grid = { sheets: [grid.sheets[0], ...splitInTwo(stack).sheets], name: grid.name };
    expect(recognize(two).blocks).toHaveLength(3);
    expect(strip(findings(two))).toEqual(strip(base));
  });
});
