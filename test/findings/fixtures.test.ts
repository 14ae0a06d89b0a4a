/**
 * The three real workbooks, end to end (read → recognise → check), with the findings docs/domain.md
 * leads us to expect asserted block by block. Every error listed here is a real problem of that
 * table (the reason is noted); anything else that fires — or anything listed that stops firing —
 * fails the test. Entries are `ruleId@cell`; a trailing `!` marks an error.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkFile } from '../../src/cli/check';
import { fixture } from '../helpers/fixtures';
import { writeGridXlsx } from '../helpers/grid-xlsx';
import { ythWorkbook } from './yth-workbook';

type Expected = Record<number, string>;

async function findings(name: string, file = fixture(name)): Promise<{ blocks: number; year: number | null; byBlock: Record<number, string[]>; profiles: string[] }> {
  const r = await checkFile({ path: file, display: path.basename(file), rel: path.basename(file) });
  expect(r.error).toBeNull();
  const byBlock: Record<number, string[]> = {};
  for (const d of r.diagnostics) {
    const k = d.block ? d.block.index + 1 : 0;
    (byBlock[k] ??= []).push(`${d.ruleId}@${d.cell}${d.severity === 'error' ? '!' : ''}`);
  }
  return { blocks: r.blocks.length, year: r.year, byBlock, profiles: [...new Set(r.blocks.map((b) => b.profile))] };
}

function expand(expected: Expected): Record<number, string[]> {
  return Object.fromEntries(Object.entries(expected).map(([k, v]) => [Number(k), v.split(/\s+/).filter(Boolean)]));
}

function sorted(x: Record<number, string[]>): Record<number, string[]> {
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, [...v].sort()]));
}

describe('hebei-2021-anshan.xlsx (17 blocks, budget year 2021 from the title)', () => {
  // Percentages written “百分比/百分百” (warnings with a fix), cost standards written with “≥”,
  // a 30% satisfaction target, a plan with blank checkpoints before a filled 12月底, and the last
  // block cut short: no 满意度 at all (the only error) and an empty 生态效益 row.
  const expected: Expected = {
    1: 'value/percent-notation@F13 value/percent-notation@F14 value/percent-notation@F20',
    2: 'value/cost-direction@F35 value/percent-notation@F40',
    3: 'value/percent-notation@F53 value/cost-direction@F55 value/percent-notation@F60',
    4: 'value/percent-notation@F74 value/cost-direction@F75 value/percent-notation@F76 value/percent-notation@F80',
    5: 'value/percent-notation@F93 value/percent-notation@F94 value/percent-notation@F100',
    6: 'value/percent-notation@F113 value/percent-notation@F114 value/percent-notation@F120',
    7: 'value/percent-notation@F133 value/percent-notation@F140',
    8: 'value/percent-notation@F153 value/percent-notation@F154 value/percent-notation@F156 value/percent-notation@F157 value/percent-notation@F160',
    9: 'value/percent-notation@F173 value/cost-direction@F175 value/percent-notation@F180',
    10: 'value/percent-notation@F193 value/percent-notation@F194 value/percent-notation@F198 value/percent-notation@F200',
    11: 'value/percent-notation@F213 value/percent-notation@F214 value/cost-direction@F215 value/percent-notation@F220',
    12: 'value/percent-notation@F233 value/percent-notation@F234 value/percent-notation@F236 value/percent-notation@F240',
    13: 'value/percent-notation@F253 value/percent-notation@F260',
    14: 'value/percent-notation@F273 value/percent-notation@F280 value/satisfaction@F280',
    15: 'value/percent-notation@F293 value/percent-notation@F294 value/percent-notation@F300',
    16: 'plan/blank-checkpoint@B309 plan/blank-checkpoint@C309 plan/blank-checkpoint@D309 value/percent-notation@F313 value/percent-notation@F320',
    17: 'indicator/missing-level1@A331! value/percent-notation@F333 value/percent-notation@F334 indicator/empty-level2@C338',
  };

  it('finds exactly the expected problems, block by block', async () => {
    const r = await findings('hebei-2021-anshan.xlsx');
    expect(r.blocks).toBe(17);
    expect(r.year).toBe(2021);
    expect(sorted(r.byBlock)).toEqual(sorted(expand(expected)));
  });
});

describe('hebei-2025-zhangerzhuang.xlsx (4 blocks, 2025; amounts and plans stored as text, 其他资金 blank)', () => {
  // Text numbers, '25%' text plans and a blank 其他资金 are all fine: no error. Three 效益 rows
  // repeat the 三级 name as the 指标值 — not a target.
  const expected: Expected = {
    1: 'indicator/name-as-value@F16',
    2: 'indicator/name-as-value@F34 indicator/name-as-value@F35',
  };

  it('finds exactly the expected problems, block by block', async () => {
    const r = await findings('hebei-2025-zhangerzhuang.xlsx');
    expect(r.blocks).toBe(4);
    expect(r.year).toBe(2025);
    expect(sorted(r.byBlock)).toEqual(sorted(expand(expected)));
  });
});

describe('disclosure-2023-haomen.xlsx (one row per project, 2023)', () => {
  // Errors: 2021 dates copied into a 2023 list (#5, #7, #17); projects whose 满意度 heading has no
  // indicator (#8, #11, #12, #17, #18); 效益 headings whose only lines carry no value (#28, #29);
  // a cost total of ≤2万元/年 against a budget of 1.7万元 (#27). Warnings: LaTeX residue, bare
  // numbers, 2021 work planned in 2023 goals, two 医保 projects with the same 8 indicators, lines
  // that cannot be read. The unit total 588.39 vs the rows' 588.38 is rounding: nothing.
  const expected: Expected = {
    4: 'text/unparsed-indicator@E6',
    5: 'value/year-mismatch@D7 indicator/alias-name@E7 value/percent-notation@E7 value/percent-notation@E7 value/year-mismatch@E7! value/year-mismatch@E7!',
    6: 'value/percent-notation@E8',
    7: 'value/percent-notation@E9 value/percent-notation@E9 value/year-mismatch@E9!',
    8: 'indicator/missing-level1@E10!',
    9: 'indicator/copied-set@B11',
    11: 'indicator/missing-level1@E13!',
    12: 'indicator/missing-level1@E14!',
    13: 'value/year-mismatch@D15',
    14: 'value/percent-notation@E16',
    15: 'value/percent-notation@E17 value/percent-notation@E17',
    16: 'value/missing-unit@E18 value/percent-notation@E18 value/percent-notation@E18',
    17: 'indicator/duplicate@E19 indicator/missing-level1@E19! value/year-mismatch@E19!',
    18: 'indicator/missing-level1@E20!',
    19: 'value/missing-unit@E21 value/percent-notation@E21',
    20: 'value/percent-notation@E22 value/percent-notation@E22',
    21: 'value/percent-notation@E23',
    22: 'value/percent-notation@E24',
    23: 'indicator/alias-name@E25 indicator/empty-level2@E25 value/percent-notation@E25',
    24: 'indicator/alias-name@E26 indicator/empty-level2@E26',
    25: 'indicator/copied-set@B27',
    26: 'value/missing-unit@E28',
    27: 'text/unparsed-indicator@E29 total/cost-exceeds-budget@E29!',
    28: 'indicator/empty-level2@E30 indicator/missing-level1@E30! text/unparsed-indicator@E30',
    29: 'indicator/empty-level2@E31 indicator/missing-level1@E31! text/unparsed-indicator@E31',
    30: 'indicator/empty-level2@E32',
  };

  it('finds exactly the expected problems, block by block', async () => {
    const r = await findings('disclosure-2023-haomen.xlsx');
    expect(r.blocks).toBe(28); // the department and unit rows are no projects
    expect(r.year).toBe(2023);
    expect(sorted(r.byBlock)).toEqual(sorted(expand(expected)));
  });

  it('the year given by the reviewer wins over the title: 2021 dates are then right', async () => {
    const file = fixture('disclosure-2023-haomen.xlsx');
    const r = await checkFile({ path: file, display: path.basename(file), rel: path.basename(file) }, { year: 2021 });
    expect(r.year).toBe(2021);
    const years = r.diagnostics.filter((d) => d.ruleId === 'value/year-mismatch');
    expect(years.map((d) => d.cell)).not.toEqual(expect.arrayContaining(['E7', 'E9', 'E19']));
    expect(years.every((d) => !/2021年/.test(d.message.split('与预算年度')[0]))).toBe(true);
  });
});

describe('一体化 exports (2024: a 汇总, two 申报表, a 信息表, a 部门整体 table; written to .xlsx and read back)', () => {
  // Errors: 上级补助 90000 + 本级安排 56000 ≠ 财政拨款 156000 (#1); the split 指标值 of the 信息表 (#2):
  // a 数量 with no 计量单位, the unknown 符号 “大于”, “≥90%” typed whole into 值 with 符号 and 单位
  // blank; the 汇总 lists 村级党组织活动经费 at 3.2万元 (预算数 and 财政资金), its 申报表 says 30,000元
  // (workbook-level diagnostics on the 汇总 sheet, block 0).
  // Warnings: “≥95百分比”, a 70% satisfaction target. The fixed 成本控制率 rows, the blank 其他资金,
  // the 说明 column, the 部门整体 table and the 汇总 itself: nothing.
  const expected: Expected = {
    0: 'total/summary-mismatch@C6! total/summary-mismatch@D6!',
    1: 'total/funding-mismatch@E8! value/percent-notation@E18 value/satisfaction@E24',
    2: 'value/split-missing-unit@F9! value/split-operator@D10! value/split-not-numeric@E15! value/split-operator@D15!',
  };

  it('finds exactly the expected problems, block by block', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jxmb-yth-'));
    const file = path.join(dir, '安山镇2024年一体化导出.xlsx');
    await writeGridXlsx(ythWorkbook(), file);
    const r = await findings('安山镇2024年一体化导出.xlsx', file);
    expect(r.blocks).toBe(3);
    expect(r.profiles).toEqual(['hebei-yth-annual', 'hebei-yth-info']);
    expect(r.year).toBe(2024);
    expect(sorted(r.byBlock)).toEqual(sorted(expand(expected)));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
