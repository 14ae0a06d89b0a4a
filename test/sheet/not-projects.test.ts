/**
 * Tables that are not project tables (docs/domain.md §2.6) never become blocks and never get project
 * diagnostics — a 汇总 table, a 部门整体绩效目标表, the budget tables, notes — on their own sheet,
 * on a sheet beside the real blocks, and on the same sheet above or below them.
 */
import { checkBlocks } from '../../src/domain/engine';
import type { Diagnostic } from '../../src/domain/model';
import type { Grid, GridSheet } from '../../src/sheet/grid';
import { recognize } from '../../src/sheet/recognize';
import { SheetBuilder, STANDARD_INDICATORS, writeBlock } from './grid-builder';
import { writeDepartment, writeGeneralBudget, writeIncomeExpense, writeNotes, writeSummary } from './other-tables';
import { writeAnnual } from './yth-builder';

const YEAR = 2021;

/** Two stacked blocks with real problems (a 百分比 notation, a funding mismatch), from `row`. */
function writeTwoBlocks(b: SheetBuilder, row: number): number {
  const ind = STANDARD_INDICATORS.map((r) => [...r]);
  ind[1][4] = '100百分比';
  let r = writeBlock(b, { row, title: '1.村级办公经费绩效目标表', name: '村级办公经费', indicators: ind }) + 2;
  r = writeBlock(b, { row: r, title: '2.农村保洁员经费绩效目标表', name: '农村保洁员经费', code: '130322219GER8HTIB97ND', budget: 156.12, fiscal: 150, other: 0 });
  return r;
}

const SUMMARY = [
  { name: '村级办公经费', budget: 29.5, fiscal: 29.5, other: 0 },
  { name: '农村保洁员经费', budget: 156.12, fiscal: 150, other: 0 },
];

type Kind = 'summary' | 'department' | 'income-expense' | 'general-budget' | 'notes';

const writers: Record<Kind, (b: SheetBuilder, row: number) => number> = {
  summary: (b, row) => writeSummary(b, SUMMARY, { row, numberFormat: '0.00' }),
  department: (b, row) => writeDepartment(b, { row }),
  'income-expense': (b, row) => writeIncomeExpense(b, { row }),
  'general-budget': (b, row) => writeGeneralBudget(b, { row }),
  notes: (b, row) => writeNotes(b, { row }),
};

const NOTES: Record<Kind, RegExp> = {
  summary: /项目汇总表，不是项目绩效目标表/,
  department: /部门整体绩效目标表，不是项目绩效目标表/,
  'income-expense': /预算表，不是项目绩效目标表/,
  'general-budget': /预算表，不是项目绩效目标表/,
  notes: /未找到可识别的绩效目标表/,
};

function check(grid: Grid): { names: string[]; ranges: string[]; diags: Diagnostic[]; notes: (string | undefined)[] } {
  const rec = recognize(grid);
  return {
    names: rec.blocks.map((b) => b.name?.text ?? ''),
    ranges: rec.blocks.map((b) => `${b.sheet}!${b.range}`),
    diags: checkBlocks(rec.blocks, { year: YEAR }, undefined, { summaries: rec.summaries }),
    notes: rec.sheets.map((s) => s.note),
  };
}

const show = (ds: Diagnostic[]) => ds.map((d) => `${d.sheet}!${d.cell} ${d.ruleId}`);

/** The blocks alone, at the same place: what every variant must give. */
function baseline(row: number, name = '项目表'): ReturnType<typeof check> {
  const b = new SheetBuilder(name);
  writeTwoBlocks(b, row);
  return check({ sheets: [b.build()] });
}

describe.each(Object.keys(writers) as Kind[])('%s', (kind) => {
  it('alone on its sheet: no block, no diagnostic, the sheet says what it is', () => {
    const b = new SheetBuilder('其他');
    writers[kind](b, 0);
    const r = check({ sheets: [b.build()] });
    expect(r.names).toEqual([]);
    expect(show(r.diags)).toEqual([]);
    expect(r.notes[0]).toMatch(NOTES[kind]);
  });

  it('on the sheet before the project tables: the blocks and findings of the project tables alone', () => {
    const other = new SheetBuilder('其他');
    writers[kind](other, 0);
    const blocks = new SheetBuilder('项目表');
    writeTwoBlocks(blocks, 0);
    const r = check({ sheets: [other.build(), blocks.build()] });
    const base = baseline(0);
    expect(r.names).toEqual(['村级办公经费', '农村保洁员经费']);
    expect(r.ranges).toEqual(base.ranges);
    expect(show(r.diags)).toEqual(show(base.diags));
    expect(base.diags.length).toBeGreaterThan(1);
  });

  it('above the project tables on the same sheet', () => {
    const b = new SheetBuilder('项目表');
    const end = writers[kind](b, 0);
    writeTwoBlocks(b, end + 2);
    const r = check({ sheets: [b.build()] });
    const base = baseline(end + 2);
    expect(r.names).toEqual(['村级办公经费', '农村保洁员经费']);
    expect(r.ranges).toEqual(base.ranges);
    expect(show(r.diags)).toEqual(show(base.diags));
  });

  it('below the project tables on the same sheet', () => {
    const b = new SheetBuilder('项目表');
    const end = writeTwoBlocks(b, 0);
    writers[kind](b, end + 2);
    const r = check({ sheets: [b.build()] });
    const base = baseline(0);
    expect(r.names).toEqual(['村级办公经费', '农村保洁员经费']);
    expect(r.ranges).toEqual(base.ranges);
    expect(show(r.diags)).toEqual(show(base.diags));
  });
});

describe('the reproduction: a 汇总 first sheet before stacked tables', () => {
  it('is not read as a project named “预算数” with 项目编码为空, no indicators, no 绩效目标, no plan', () => {
    const summary = new SheetBuilder('汇总');
    writeSummary(summary, SUMMARY);
    const blocks = new SheetBuilder('项目绩效目标表');
    writeTwoBlocks(blocks, 0);
    const grid: Grid = { sheets: [summary.build(), blocks.build()] };
    const rec = recognize(grid);
    expect(rec.blocks.map((b) => b.name?.text)).toEqual(['村级办公经费', '农村保洁员经费']);
    expect(rec.blocks.every((b) => b.sheet === '项目绩效目标表')).toBe(true);
    expect(rec.summaries).toHaveLength(1);
    expect(rec.summaries[0]).toMatchObject({ sheet: '汇总', anchor: 'B3', moneyUnit: '万元', range: 'A3:E6' });
    expect(rec.summaries[0].rows.map((r) => [r.name.text, r.amount?.cell])).toEqual([
      ['村级办公经费', 'C4'],
      ['农村保洁员经费', 'C5'],
    ]);
    const diags = checkBlocks(rec.blocks, { year: YEAR }, undefined, { summaries: rec.summaries });
    expect(diags.filter((d) => d.sheet === '汇总')).toEqual([]);
    expect(diags.map((d) => d.ruleId)).not.toContain('id/code-missing');
    expect(diags.map((d) => d.ruleId)).not.toContain('indicator/missing-level1');
  });

  it('a 汇总 table whose header has a second row (其中：财政资金 | 其他资金 under 预算数) is read too', () => {
    const b = new SheetBuilder('汇总');
    b.row(0, 0, ['序号', '项目名称', '预算数', '其中', undefined]);
    b.row(1, 3, ['财政资金', '其他资金']);
    b.merge('A1:A2').merge('B1:B2').merge('C1:C2').merge('D1:E1');
    b.row(2, 0, [1, '村级办公经费', 29.5, 29.5, 0]);
    b.row(3, 0, ['合计', undefined, 29.5, 29.5, 0]);
    const rec = recognize({ sheets: [b.build()] });
    expect(rec.blocks).toEqual([]);
    expect(rec.summaries[0].rows).toHaveLength(1);
    expect(rec.summaries[0].rows[0]).toMatchObject({ fiscal: { cell: 'D3' }, other: { cell: 'E3' } });
  });
});

describe('a 部门整体 table and an 一体化 申报表 on one sheet', () => {
  it('the 申报表 is a project, the 部门整体 table is not', () => {
    const b = new SheetBuilder('合并');
    const end = writeDepartment(b);
    writeAnnual(b, { row: end + 2 });
    const rec = recognize({ sheets: [b.build()] });
    expect(rec.blocks.map((x) => [x.profile, x.name?.text])).toEqual([['hebei-yth-annual', '2024年农村保洁员经费']]);
  });
});

describe('total/summary-mismatch', () => {
  function run(summary: (b: SheetBuilder) => void, blocks: (b: SheetBuilder) => void = (b) => writeTwoBlocks(b, 0)) {
    const s = new SheetBuilder('汇总');
    summary(s);
    const p = new SheetBuilder('项目表');
    blocks(p);
    const sheets: GridSheet[] = [s.build(), p.build()];
    const rec = recognize({ sheets });
    return checkBlocks(rec.blocks, { year: YEAR }, undefined, { summaries: rec.summaries }).filter((d) => d.ruleId === 'total/summary-mismatch');
  }

  it('a 汇总 that agrees with the blocks: nothing', () => {
    expect(run((b) => writeSummary(b, SUMMARY))).toEqual([]);
  });

  it('an amount that differs: an error at the 汇总 cell, workbook-level (no block), naming the block’s cell', () => {
    const d = run((b) => writeSummary(b, [SUMMARY[0], { ...SUMMARY[1], budget: 160 }]));
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ severity: 'error', sheet: '汇总', cell: 'C5', block: null, related: ["'项目表'!C22"] });
    expect(d[0].message).toBe(
      '汇总表中“农村保洁员经费”的预算数为160万元，与该项目表（\'项目表\'!C22）的预算数156.12万元不一致：两处金额应相同，请核对',
    );
  });

  it('财政资金 and 其他资金 columns are compared too', () => {
    const d = run((b) => writeSummary(b, [SUMMARY[0], { ...SUMMARY[1], fiscal: 156.12, other: 0 }]));
    expect(d.map((x) => x.cell)).toEqual(['D5']);
  });

  it('元 and 万元 are converted: a 汇总 in 元 against blocks in 万元', () => {
    const yuan = SUMMARY.map((x) => ({ name: x.name, budget: x.budget * 10000, fiscal: x.fiscal * 10000, other: 0 }));
    expect(run((b) => writeSummary(b, yuan, { unit: '元' }))).toEqual([]);
    const off = [yuan[0], { ...yuan[1], budget: 1561300 }];
    const d = run((b) => writeSummary(b, off, { unit: '元' }));
    expect(d.map((x) => `${x.cell} ${x.message}`)).toEqual([
      'C5 汇总表中“农村保洁员经费”的预算数为1561300元，与该项目表（\'项目表\'!C22）的预算数156.12万元不一致：两处金额应相同，请核对',
    ]);
  });

  it('names match after normalising: numbering, spaces and full-width characters', () => {
    expect(
      run((b) =>
        writeSummary(b, [
          { ...SUMMARY[0], name: '1. 村级办公 经费' },
          { ...SUMMARY[1], name: '（２）农村保洁员经费项目' },
        ]),
      ),
    ).toEqual([]);
  });

  it('a listed project with no block and a block the 汇总 leaves out: warnings, at the 汇总 row and at the block', () => {
    const d = run((b) => writeSummary(b, [SUMMARY[0], { name: '村级党组织活动经费', budget: 3, fiscal: 3, other: 0 }]));
    expect(d.map((x) => `${x.severity} ${x.sheet}!${x.cell} ${x.block ? x.block.name : '-'}`)).toEqual([
      'warning 项目表!E21 农村保洁员经费',
      'warning 汇总!B5 -',
    ]);
    expect(d[0].message).toBe("本项目“农村保洁员经费”没有列入汇总表（'汇总'!B3）：汇总表应列出工作簿中的每个项目");
    expect(d[1].message).toBe('汇总表列出的项目“村级党组织活动经费”在本工作簿中找不到对应的项目绩效目标表：请核对项目名称是否与项目表一致，或补上该项目的表');
  });

  it('a 汇总 that names none of the workbook’s projects is another list: not checked', () => {
    expect(run((b) => writeSummary(b, [{ name: '县直单位项目', budget: 10, fiscal: 10, other: 0 }]))).toEqual([]);
  });

  it('the 一体化 申报表 (元) is checked against a 汇总 in 万元', () => {
    const d = run(
      (b) => writeSummary(b, [{ name: '2024年农村保洁员经费', budget: 15.6, fiscal: 15.6, other: 0 }]),
      (b) => writeAnnual(b),
    );
    expect(d).toEqual([]);
    const off = run(
      (b) => writeSummary(b, [{ name: '2024年农村保洁员经费', budget: 15.7, fiscal: 15.6, other: 0 }]),
      (b) => writeAnnual(b),
    );
    expect(off.map((x) => x.message)).toEqual([
      "汇总表中“2024年农村保洁员经费”的预算数为15.7万元，与该项目表（'项目表'!E7）的资金总额156000元不一致：两处金额应相同，请核对",
    ]);
  });
});
