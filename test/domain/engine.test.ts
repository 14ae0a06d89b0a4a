import { checkBlocks, ruleGrade } from '../../src/domain/engine';
import { DiagnosticSchema } from '../../src/domain/model';
import { getProfile } from '../../src/domain/profiles';
import { defineRule, type Rule } from '../../src/domain/rule';
import { allRules, getRule } from '../../src/domain/rules';
import { hebeiBlock, listBlock, type IndicatorTuple } from '../helpers/blocks';

/** a second, different indicator set (the default one twice would be indicator/copied-set) */
const OTHER: IndicatorTuple[] = [
  ['产出指标', '数量指标', '补助人大代表之家数量', '1个', '工作计划'],
  ['产出指标', '质量指标', '资金补助覆盖率', '≥90%', '工作计划'],
  ['产出指标', '时效指标', '资金到位率', '≥90%', '工作计划'],
  ['产出指标', '成本指标', '项目资金核算标准', '2万元/乡镇', '工作计划'],
  ['效益指标', '社会效益指标', '对人大代表履职能力的影响', '提升', '工作计划'],
  ['效益指标', '可持续影响指标', '人大工作可持续性', '持续发挥作用', '工作计划'],
  ['满意度指标', '服务对象满意度指标', '人大代表满意度', '≥90%', '历史经验'],
];

const broken = defineRule({
  id: 'test/broken',
  severity: 'error',
  scope: 'block',
  description: 'throws halfway',
  messages: { m: '不应出现' },
  check(ctx) {
    ctx.report({ at: 'A1', messageId: 'm' });
    throw new Error('boom');
  },
});

const perBlock = defineRule({
  id: 'test/per-block',
  severity: 'warning',
  scope: 'block',
  description: 'reports the name cell of every block',
  messages: { m: '表“{{name}}”' },
  check(ctx) {
    ctx.report({ at: ctx.block!.name!.cell, messageId: 'm', data: { name: ctx.block!.name!.text } });
  },
});

const twoGrades = defineRule({
  id: 'test/two-grades',
  severity: 'error',
  scope: 'block',
  description: 'reports once per grade',
  messages: { e: '严重', w: '提醒' },
  check(ctx) {
    ctx.report({ at: 'B2', messageId: 'e' });
    ctx.report({ at: 'B3', messageId: 'w', severity: 'warning' });
  },
});

const listOnly = defineRule({
  id: 'test/list-only',
  severity: 'info',
  scope: 'workbook',
  layouts: ['list'],
  description: 'counts the blocks it is given',
  messages: { m: '共{{n}}行' },
  check(ctx) {
    ctx.report({ at: 'A1', messageId: 'm', data: { n: ctx.blocks.length }, block: ctx.blocks[0] });
  },
});

describe('checkBlocks', () => {
  it('finds nothing on correct blocks, and every diagnostic fits the schema', () => {
    const blocks = [
      hebeiBlock({ index: 0 }),
      hebeiBlock({ index: 1, startRow: 23, name: '人大之家经费', code: '130322219GY1M71LCCD9C', indicators: OTHER }),
    ];
    expect(checkBlocks(blocks, { year: 2021 })).toEqual([]);
    const bad = checkBlocks([hebeiBlock({ plan: ['50%', '25%', '75%', '90%'], budget: 30, fiscal: 20 })]);
    expect(bad.length).toBeGreaterThan(0);
    for (const d of bad) expect(() => DiagnosticSchema.parse(d)).not.toThrow();
  });

  it('builds diagnostics with block reference, message, related and fix', () => {
    const out = checkBlocks([hebeiBlock({ index: 3, startRow: 5, name: '村级办公经费', plan: [null, '50%', '75%', '100%'] })]);
    const d = out.find((x) => x.ruleId === 'plan/blank-checkpoint')!;
    expect(d).toMatchObject({
      severity: 'warning',
      sheet: 'Sheet1',
      cell: 'B11',
      block: { index: 3, name: '村级办公经费', range: 'A5:G20' },
      fix: { cell: 'B11', value: 0, numberFormat: '0%' },
    });
    expect(d.message).toContain('“3月底”为空');
  });

  it('sorts by block index, then row, then column, then rule id', () => {
    const b0 = hebeiBlock({ index: 0, budget: 30, fiscal: 20, plan: ['50%', '25%', '75%', '90%'], name: '' });
    const b1 = hebeiBlock({ index: 1, startRow: 23, name: '人大之家经费', code: '', goal: '', indicators: OTHER });
    const out = checkBlocks([b1, b0]);
    const keys = out.map((d) => `${d.block!.index}|${d.cell}|${d.ruleId}`);
    expect(keys).toEqual([
      '0|E3|table/missing-field',
      '0|C4|total/funding-mismatch',
      '0|C7|plan/decreasing',
      '0|E7|plan/final-not-100',
      '1|B25|id/code-missing',
      '1|B30|table/missing-field',
    ]);
  });

  it('groups blocks by profile and runs only the rules of the profile’s layout', () => {
    const hebei = hebeiBlock({ index: 0, plan: ['50%', '25%', '75%', '100%'] });
    const unit = listBlock({ index: 1, row: 4, role: 'unit', code: '407001', name: '门源县浩门镇政府', amount: 10 });
    const project = listBlock({ index: 2, row: 5, parentIndex: 1, amount: 1.7 });
    const out = checkBlocks([hebei, unit, project], {}, [...allRules, listOnly]);
    expect(out.filter((d) => d.ruleId === 'plan/decreasing').map((d) => d.block!.index)).toEqual([0]);
    expect(out.filter((d) => d.ruleId === 'total/unit-sum-mismatch').map((d) => d.cell)).toEqual(['C4']);
    // the workbook rule ran once, for the list profile only, with that profile's blocks
    expect(out.filter((d) => d.ruleId === 'test/list-only').map((d) => d.message)).toEqual(['共2行']);
  });

  it('switches rules off through the profile or the settings, settings winning', () => {
    const blocks = [hebeiBlock({ plan: ['50%', '25%', '75%', '100%'] })];
    expect(checkBlocks(blocks).some((d) => d.ruleId === 'plan/decreasing')).toBe(true);
    expect(checkBlocks(blocks, { rules: { 'plan/decreasing': 'off' } }).some((d) => d.ruleId === 'plan/decreasing')).toBe(false);
    // plan/behind-schedule: off in the profile and by default; planPacing or an explicit grade switches it on
    expect(checkBlocks(blocks).some((d) => d.ruleId === 'plan/behind-schedule')).toBe(false);
    expect(checkBlocks(blocks, { planPacing: true }).filter((d) => d.ruleId === 'plan/behind-schedule').map((d) => d.cell)).toEqual(['C7', 'D7']);
    expect(checkBlocks(blocks, { rules: { 'plan/behind-schedule': 'warning' } }).find((d) => d.ruleId === 'plan/behind-schedule')?.severity).toBe('warning');
    expect(checkBlocks(blocks, { planPacing: true, rules: { 'plan/behind-schedule': 'off' } }).some((d) => d.ruleId === 'plan/behind-schedule')).toBe(false);
  });

  it('re-grades a rule: every report takes the new severity, else a rule’s own grades stay', () => {
    const blocks = [hebeiBlock()];
    const own = checkBlocks(blocks, {}, [twoGrades]);
    expect(own.map((d) => d.severity)).toEqual(['error', 'warning']);
    const regraded = checkBlocks(blocks, { rules: { 'test/two-grades': 'info' } }, [twoGrades]);
    expect(regraded.map((d) => d.severity)).toEqual(['info', 'info']);
    const warn = checkBlocks([hebeiBlock({ budget: 30, fiscal: 20 })], { rules: { 'total/funding-mismatch': 'warning' } });
    expect(warn.find((d) => d.ruleId === 'total/funding-mismatch')?.severity).toBe('warning');
  });

  it('survives a throwing rule, dropping its partial reports and running the others', () => {
    const out = checkBlocks([hebeiBlock({ index: 0 }), hebeiBlock({ index: 1, startRow: 23, name: '人大之家经费' })], {}, [broken, perBlock]);
    expect(out.map((d) => [d.ruleId, d.cell])).toEqual([
      ['test/per-block', 'E3'],
      ['test/per-block', 'E25'],
    ]);
  });

  it('skips blocks of an unknown profile without crashing', () => {
    const odd = { ...hebeiBlock(), profile: 'no-such-profile' };
    expect(checkBlocks([odd], {}, [perBlock])).toEqual([]);
  });

  it('runs workbook rules once per profile and attaches reports to the block they name', () => {
    const a = hebeiBlock({ index: 0 });
    const b = hebeiBlock({ index: 1, startRow: 23 });
    const out = checkBlocks([a, b]).filter((d) => d.ruleId === 'id/duplicate-project');
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'E25', block: { index: 1 }, related: ['E3', 'B3'] });
  });

  it('removes identical diagnostics (same rule, cell and message)', () => {
    const twice = defineRule({
      id: 'test/twice',
      severity: 'info',
      scope: 'block',
      description: 'reports the same thing twice',
      messages: { m: '同一条' },
      check(ctx) {
        ctx.report({ at: 'A1', messageId: 'm' });
        ctx.report({ at: 'A1', messageId: 'm' });
        ctx.report({ at: 'A2', messageId: 'm' });
      },
    });
    expect(checkBlocks([hebeiBlock()], {}, [twice]).map((d) => d.cell)).toEqual(['A1', 'A2']);
  });

  it('a fund-origin year in the project name and usage does not trip the structure, id, plan or total rules', () => {
    const b = hebeiBlock({
      name: '2018年果皮箱、景观花池项目质保金',
      code: '13032223ANQ154NYHCYX3',
      budget: 3.2,
      fiscal: 3.2,
      other: '',
      usage: '预算数3.2万元，用于支付2018年果皮箱、景观花池项目质保金。',
      indicators: OTHER,
    });
    const mine = checkBlocks([b], { year: 2023 }).filter((d) => /^(table|id|plan|total)\//.test(d.ruleId));
    expect(mine).toEqual([]);
  });

  it('passes the budget year to the rules', () => {
    const b = hebeiBlock({ code: '13043425P00442410076K' });
    expect(checkBlocks([b], { year: 2024 }).map((d) => d.ruleId)).toContain('id/code-year');
    expect(checkBlocks([b]).map((d) => d.ruleId)).not.toContain('id/code-year');
  });
});

describe('rule registry', () => {
  it('has unique ids, all findable, each with messages and a description', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of allRules) {
      expect(getRule(r.id)).toBe(r);
      expect(Object.keys(r.messages).length).toBeGreaterThan(0);
      expect(r.description).not.toBe('');
    }
    expect(getRule('no/such-rule')).toBeUndefined();
  });

  it('ruleGrade follows layouts and precedence', () => {
    const hebei = getProfile('hebei-project');
    const list = getProfile('disclosure-list');
    const unitSum = getRule('total/unit-sum-mismatch') as Rule;
    expect(ruleGrade(unitSum, hebei)).toBeUndefined();
    expect(ruleGrade(unitSum, list)).toEqual({ severity: 'error', regraded: false });
    expect(ruleGrade(unitSum, list, { rules: { 'total/unit-sum-mismatch': 'warning' } })).toEqual({ severity: 'warning', regraded: true });
  });
});
