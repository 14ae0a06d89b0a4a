/**
 * The recogniser and the engine on hostile grids — random ones and the three real fixtures
 * mutated at random: nothing throws (not even inside, where recognize/checkBlocks would swallow
 * it), every Block validates against BlockSchema with every cell inside its range, and every
 * Diagnostic validates against DiagnosticSchema, has a known rule id, points at a real cell and
 * reads as a finished message.
 */
import fc from 'fast-check';
import { parseA1, parseRange, rangeContains } from '../../src/domain/address';
import { checkBlocks } from '../../src/domain/engine';
import { BlockSchema, DiagnosticSchema, type Block, type Diagnostic } from '../../src/domain/model';
import type { Rule } from '../../src/domain/rule';
import { allRules, getRule } from '../../src/domain/rules';
import { readWorkbookFile } from '../../src/files/read';
import { recognize } from '../../src/sheet/recognize';
import type { Grid } from '../../src/sheet/grid';
import { fixture } from '../helpers/fixtures';
import { SEED, gridSheetArb } from './arbitraries';
import { mutateGrid, mutationArb } from './mutate';

const FIXTURES = ['hebei-2021-anshan.xlsx', 'hebei-2025-zhangerzhuang.xlsx', 'disclosure-2023-haomen.xlsx'];
const grids = new Map<string, Grid>();

beforeAll(async () => {
  for (const f of FIXTURES) grids.set(f, await readWorkbookFile(fixture(f)));
});

/** Every cell address a block names (fields, labels, plan, indicators, unparsed lines, other cells). */
export function blockCells(b: Block): { what: string; cell: string }[] {
  const out: { what: string; cell: string }[] = [{ what: 'anchor', cell: b.anchor }];
  for (const k of ['title', 'unitName', 'code', 'name', 'budget', 'fiscal', 'other', 'usage', 'goal'] as const) {
    const f = b[k];
    if (f) out.push({ what: k, cell: f.cell });
  }
  for (const [k, cell] of Object.entries(b.labels)) out.push({ what: `labels.${k}`, cell });
  if (b.plan) {
    out.push({ what: 'plan.label', cell: b.plan.labelCell });
    b.plan.checkpoints.forEach((f, i) => out.push({ what: `plan.checkpoints[${i}]`, cell: f.cell }));
    b.plan.values.forEach((f, i) => out.push({ what: `plan.values[${i}]`, cell: f.cell }));
  }
  b.indicators.forEach((row, i) => {
    for (const k of ['level1', 'level2', 'level3', 'description', 'value', 'basis'] as const) {
      const f = row[k];
      if (f) out.push({ what: `indicators[${i}].${k}`, cell: f.cell });
    }
  });
  b.unparsed.forEach((u, i) => out.push({ what: `unparsed[${i}]`, cell: u.cell }));
  b.otherCells.forEach((f, i) => out.push({ what: `otherCells[${i}]`, cell: f.cell }));
  return out;
}

function checkBlock(b: Block, i: number): void {
  const parsed = BlockSchema.safeParse(b);
  if (!parsed.success) throw new Error(`block ${i} fails BlockSchema: ${parsed.error.message}`);
  expect(b.index).toBe(i);
  const range = parseRange(b.range);
  expect(range.top).toBeLessThanOrEqual(range.bottom);
  expect(range.left).toBeLessThanOrEqual(range.right);
  for (const { what, cell } of blockCells(b)) {
    // a disclosure-list row's labels are the table's column headers, above the row by design
    if (b.listRole !== undefined && what.startsWith('labels.')) continue;
    const p = parseA1(cell);
    if (!rangeContains(range, p.row, p.col)) throw new Error(`block ${i} (${b.range}): ${what} at ${cell} lies outside its range`);
  }
  if (b.plan) expect(b.plan.values.length).toBe(b.plan.checkpoints.length);
}

/** A rule that throws is swallowed by the engine; here it is recorded so the property sees it. */
function watched(thrown: string[]): Rule[] {
  return allRules.map((r) => ({
    ...r,
    check(ctx) {
      try {
        r.check(ctx);
      } catch (e) {
        thrown.push(`${r.id}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        throw e;
      }
    },
  }));
}

function checkDiagnostics(ds: Diagnostic[], blocks: Block[], opts: { strictText: boolean }): void {
  const sheets = new Set(blocks.map((b) => b.sheet));
  for (const d of ds) {
    const parsed = DiagnosticSchema.safeParse(d);
    if (!parsed.success) throw new Error(`diagnostic fails DiagnosticSchema: ${parsed.error.message}`);
    expect(getRule(d.ruleId)).toBeDefined();
    expect(sheets.has(d.sheet)).toBe(true);
    expect(() => parseRange(d.cell.replace(/\$/g, ''))).not.toThrow();
    if (d.fix) {
      expect(() => parseA1(d.fix!.cell)).not.toThrow();
      for (const e of d.fix.also ?? []) expect(() => parseA1(e.cell)).not.toThrow();
    }
    if (d.block) {
      const b = blocks[d.block.index];
      expect(b).toBeDefined();
      expect(d.block.range).toBe(b.range);
    }
    expect(d.message.length).toBeGreaterThan(0);
    if (d.message.includes('{{')) throw new Error(`unfilled placeholder in ${d.ruleId}: ${d.message}`);
    if (opts.strictText && /undefined|NaN|\[object /.test(d.message)) throw new Error(`${d.ruleId} prints a broken value: ${d.message}`);
  }
}

const BROKEN_SHEET = /识别该工作表时出错/;

describe('recognize + checkBlocks on random grids', () => {
  it('never throw (not even internally); blocks and diagnostics fit their schemas', () => {
    fc.assert(
      fc.property(
        fc.array(gridSheetArb, { minLength: 1, maxLength: 3 }),
        fc.option(fc.integer({ min: 1990, max: 2100 }), { nil: undefined }),
        fc.option(fc.constantFrom('hebei-project', 'central-2021', 'disclosure-list', 'no-such-profile'), { nil: undefined }),
        (sheets, year, profile) => {
          const rec = recognize({ sheets }, { profile });
          expect(rec.sheets).toHaveLength(sheets.length);
          for (const s of rec.sheets) if (BROKEN_SHEET.test(s.note ?? '')) throw new Error(`sheet “${s.name}”: ${s.note}`);
          rec.blocks.forEach(checkBlock);
          const thrown: string[] = [];
          const ds = checkBlocks(rec.blocks, { year: year ?? rec.year, planPacing: true }, watched(thrown));
          expect(thrown).toEqual([]);
          checkDiagnostics(ds, rec.blocks, { strictText: false });
        },
      ),
      { seed: SEED, numRuns: 250 },
    );
  });
});

describe('recognize + checkBlocks on mutated real fixtures', () => {
  test.each(FIXTURES)('%s: blocks and diagnostics stay well-formed whatever is blanked, swapped, broken or perturbed', (name) => {
    const grid = grids.get(name) as Grid;
    // the unmutated fixture first: a negative control that the checks themselves pass
    const base = recognize(grid);
    expect(base.blocks.length).toBeGreaterThan(0);
    base.blocks.forEach(checkBlock);
    checkDiagnostics(checkBlocks(base.blocks, { year: base.year }), base.blocks, { strictText: true });
    fc.assert(
      fc.property(fc.array(fc.nat(3), { maxLength: 12 }), fc.array(mutationArb, { minLength: 1, maxLength: 12 }), (picks, mutations) => {
        const g = mutateGrid(grid, picks, mutations);
        const rec = recognize(g);
        for (const s of rec.sheets) if (BROKEN_SHEET.test(s.note ?? '')) throw new Error(`sheet “${s.name}”: ${s.note}`);
        rec.blocks.forEach(checkBlock);
        const thrown: string[] = [];
        const ds = checkBlocks(rec.blocks, { year: rec.year, planPacing: true }, watched(thrown));
        expect(thrown).toEqual([]);
        checkDiagnostics(ds, rec.blocks, { strictText: true });
      }),
      { seed: SEED, numRuns: name.startsWith('hebei-2021') ? 25 : 50 },
    );
  });
});

describe('checkBlocks on arbitrary schema-valid blocks', () => {
  const L1 = ['产出指标', '效益指标', '满意度指标', '成本指标', '产出', '效果指标', '', '其他'];
  const L2 = ['数量指标', '质量指标', '时效指标', '成本指标', '经济成本指标', '社会效益指标', '经济效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标', '满意度', ''];
  const L3 = ['发放人数', '资金使用合规率', '村民满意度', '经费标准', '完成及时率', '运转情况', '数量指标', 'XXX', ''];
  const VALUES = ['≥95%', '100%', '95百分比', '≤3000元/村', '39个', '1年', '顺利运转', '≥90%', '2021年12月底前', '≤10.56万元/年', '120%', '-5%', '$\\geq 95\\%$', 'XXX', ''];
  const scalar = fc.oneof(
    fc.constantFrom<string | number | boolean | null | { error: string }>(...VALUES, null, true, { error: '#REF!' }, 0, 0.25, 1, 1.2, 20, 7.69, -3),
    fc.double({ min: -1e9, max: 1e9, noNaN: true }),
    fc.string({ maxLength: 12 }),
  );
  const fmt = fc.option(fc.constantFrom('0.00', '0%', '0.00%', '@', 'General'), { nil: undefined });
  /** a field at a random cell inside A1:H40 (the block's range) */
  const fieldArb = fc.record({ row: fc.nat(39), col: fc.nat(7), value: scalar, numberFormat: fmt }).map(({ row, col, value, numberFormat }) => {
    const f: { cell: string; value: typeof value; text: string; numberFormat?: string } = {
      cell: `${String.fromCharCode(65 + col)}${row + 1}`,
      value,
      text: value === null ? '' : typeof value === 'object' ? value.error : String(value).trim(),
    };
    if (numberFormat !== undefined) f.numberFormat = numberFormat;
    return f;
  });
  const named = (names: string[]) => fc.tuple(fieldArb, fc.constantFrom(...names)).map(([f, v]) => ({ ...f, value: v, text: v }));
  const indicatorArb = fc.record({
    row: fc.nat(39),
    level1: named(L1),
    level2: named(L2),
    level3: named(L3),
    value: fc.oneof(named(VALUES), fieldArb),
    basis: fc.option(fieldArb, { nil: undefined }),
    description: fc.option(fieldArb, { nil: undefined }),
    inherited: fc.record({ level1: fc.boolean(), level2: fc.boolean() }),
  });
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const blockArb = fc.record({
    profile: fc.constantFrom('hebei-project', 'central-2021', 'disclosure-list', 'unknown-profile'),
    sheet: fc.constantFrom('Sheet1', '表二'),
    moneyUnit: fc.constantFrom('万元' as const, '元' as const),
    title: opt(named(['2021年项目支出绩效目标表', '项目支出绩效目标表', '2025年度', ''])),
    unitName: opt(fieldArb),
    code: opt(fc.oneof(named(['130322210000000000123', '13032225000000000012', '407001', 'abc', '']), fieldArb)),
    name: opt(fc.oneof(named(['村级组织运转经费', 'XXX项目', '']), fieldArb)),
    budget: opt(fieldArb),
    fiscal: opt(fieldArb),
    other: opt(fieldArb),
    usage: opt(fieldArb),
    plan: opt(
      fc.integer({ min: 0, max: 6 }).chain((n) =>
        fc.record({
          labelCell: fc.constant('A6'),
          checkpoints: fc.array(named(['3月底', '6月底', '9月底', '10月底', '12月底', '年底', '']), { minLength: n, maxLength: n }),
          values: fc.array(fieldArb, { minLength: n, maxLength: n }),
        }),
      ),
    ),
    goal: opt(fieldArb),
    indicators: fc.array(indicatorArb, { maxLength: 14 }),
    listRole: opt(fc.constantFrom('department' as const, 'unit' as const, 'project' as const)),
    otherCells: fc.array(fieldArb, { maxLength: 4 }),
  });

  it('no rule throws; every diagnostic fits DiagnosticSchema with a known rule id', () => {
    let nBlocks = 0;
    const fired = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(blockArb, { maxLength: 5 }),
        fc.record({
          year: opt(fc.integer({ min: 1990, max: 2100 })),
          satisfactionFloor: opt(fc.integer({ min: 0, max: 100 })),
          planPacing: opt(fc.boolean()),
        }),
        (partials, settings) => {
          const blocks: Block[] = [];
          for (const p of partials) {
            const clean = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
            const r = BlockSchema.safeParse({ index: blocks.length, range: 'A1:H40', anchor: 'A1', ...clean });
            if (r.success) blocks.push(r.data);
          }
          const clean = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
          const thrown: string[] = [];
          const ds = checkBlocks(blocks, clean, watched(thrown));
          expect(thrown).toEqual([]);
          checkDiagnostics(ds, blocks, { strictText: false });
          for (const d of ds) if (d.block) expect(d.sheet).toBe(blocks[d.block.index].sheet);
          nBlocks += blocks.length;
          for (const d of ds) fired.add(d.ruleId);
        },
      ),
      { seed: SEED, numRuns: 300 },
    );
    // the generator reaches the rules: most generated blocks are valid and many rules fire
    expect(nBlocks).toBeGreaterThan(300);
    expect(fired.size).toBeGreaterThan(allRules.length / 2);
  });
});

describe('regressions found by the properties', () => {
  it('a NaN/±Infinity a host hands over reads as #NUM!, so the block still fits BlockSchema', () => {
    for (const bad of [NaN, Infinity, -Infinity]) {
      const rec = recognize({ sheets: [{ name: 'S', values: [['项目编码', bad], ['项目名称', '村级组织运转经费'], ['其他资金']], merges: [] }] });
      expect(rec.blocks.length).toBe(1);
      expect(rec.blocks[0].code?.value).toEqual({ error: '#NUM!' });
      expect(BlockSchema.safeParse(rec.blocks[0]).success).toBe(true);
    }
    // a finite number stays a number
    const ok = recognize({ sheets: [{ name: 'S', values: [['项目编码', 407001], ['项目名称', '村级组织运转经费'], ['其他资金']], merges: [] }] });
    expect(ok.blocks[0].code?.value).toBe(407001);
  });
});
