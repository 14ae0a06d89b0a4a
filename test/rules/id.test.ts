import { idCodeFormat, idCodeMissing, idCodeYear, idDuplicateProject } from '../../src/domain/rules/id';
import { hebeiBlock, listBlock } from '../helpers/blocks';
import { runRule } from '../helpers/run-rule';

describe('id/code-missing', () => {
  it('is silent on a real code', () => {
    expect(runRule(idCodeMissing, [hebeiBlock({ code: '13043425P00442410076K' })])).toEqual([]);
  });

  it.each(['', 'XXXXXXXXXXXXXXXXXXXXX', 'xxx', '待定', '/', '——'])('reports code “%s”', (code) => {
    const out = runRule(idCodeMissing, [hebeiBlock({ code })]);
    expect(out).toHaveLength(1);
    expect(out[0].cell).toBe('B3');
    expect(out[0].severity).toBe('error');
    expect(out[0].message).toContain('21位项目编码');
  });

  it('reports an absent code at its label', () => {
    expect(runRule(idCodeMissing, [hebeiBlock({ omit: ['code'] })]).map((r) => r.cell)).toEqual(['A3']);
  });

  it('does not run on a disclosure list (no code field)', () => {
    expect(runRule(idCodeMissing, [listBlock()])).toEqual([]);
  });
});

describe('id/code-format', () => {
  it.each(['130322210QXP1WKIBNS3X', '13043425P00442410076K', '13032221ANQ154NYHCYX3'])('accepts %s', (code) => {
    expect(runRule(idCodeFormat, [hebeiBlock({ code })])).toEqual([]);
  });

  it.each([
    ['13032221ANQ154NYHCYX', '现为20位'],
    ['13032221anq154nyhcyx3', '含小写字母'],
    ['130322 21ANQ154NYHCYX3', '含空格'],
    ['13032221-ANQ154NYHCYX3', '含其他字符'],
  ])('warns on %s', (code, detail) => {
    const out = runRule(idCodeFormat, [hebeiBlock({ code })]);
    expect(out).toHaveLength(1);
    expect(out[0].severity).toBe('warning');
    expect(out[0].message).toContain(detail);
    expect(out[0].message).toContain('应为21位数字或大写字母');
  });

  it('leaves blanks and placeholders to id/code-missing', () => {
    expect(runRule(idCodeFormat, [hebeiBlock({ code: '' }), hebeiBlock({ code: 'XXXX', index: 1 })])).toEqual([]);
  });
});

describe('id/code-year', () => {
  it('warns when the code entered the library after the budget year', () => {
    const out = runRule(idCodeYear, [hebeiBlock({ code: '13043425P00442410076K' })], { year: 2024 });
    expect(out).toHaveLength(1);
    expect(out[0].message).toContain('2025年入库');
    expect(out[0].message).toContain('2024年');
  });

  it('accepts the budget year and earlier years (continuing projects)', () => {
    const blocks = [
      hebeiBlock({ code: '13043425P00442410076K' }),
      hebeiBlock({ code: '130322190QXP1WKIBNS3X', index: 1 }),
    ];
    expect(runRule(idCodeYear, blocks, { year: 2025 })).toEqual([]);
  });

  it('is silent without a budget year or with a malformed code', () => {
    expect(runRule(idCodeYear, [hebeiBlock({ code: '13043425P00442410076K' })])).toEqual([]);
    expect(runRule(idCodeYear, [hebeiBlock({ code: '13043429P0044241007' })], { year: 2021 })).toEqual([]);
  });

  it('ignores a fund-origin year in the project name', () => {
    const b = hebeiBlock({ code: '13032221ANQ154NYHCYX3', name: '2023年村级公益事业建设一事一议财政奖补资金' });
    expect(runRule(idCodeYear, [b], { year: 2021 })).toEqual([]);
  });
});

describe('id/duplicate-project', () => {
  const a = hebeiBlock({ index: 0, name: '村级办公经费', code: '130322219GER8HTIB96ND' });

  it('is silent on different projects', () => {
    const b = hebeiBlock({ index: 1, startRow: 23, name: '人大之家经费', code: '130322219GY1M71LCCD9C' });
    expect(runRule(idDuplicateProject, [a, b])).toEqual([]);
  });

  it('reports a repeated name on the later block, pointing at the first; whitespace does not matter', () => {
    const b = hebeiBlock({ index: 1, startRow: 23, name: '村级 办公经费 ', code: '130322219GY1M71LCCD9C' });
    const out = runRule(idDuplicateProject, [a, b]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ cell: 'E25', blockIndex: 1, related: ['E3'], messageId: 'name' });
    expect(out[0].message).toContain('第1个表');
  });

  it('reports a repeated code', () => {
    const b = hebeiBlock({ index: 1, startRow: 23, name: '人大之家经费', code: '130322219GER8HTIB96ND' });
    const out = runRule(idDuplicateProject, [a, b]);
    expect(out.map((r) => [r.cell, r.messageId, r.related])).toEqual([['B25', 'code', ['B3']]]);
  });

  it('reports a block copied whole once, and names the other sheet', () => {
    const b = hebeiBlock({ index: 1, sheet: '第二页', name: '村级办公经费', code: '130322219GER8HTIB96ND' });
    const out = runRule(idDuplicateProject, [a, b]);
    expect(out).toHaveLength(1);
    expect(out[0].messageId).toBe('both');
    expect(out[0].related).toEqual(['Sheet1!E3', 'Sheet1!B3']);
  });

  it('does not compare blank names or placeholder codes', () => {
    const b1 = hebeiBlock({ index: 0, name: '', code: 'XXXXXXXXXXXXXXXXXXXXX' });
    const b2 = hebeiBlock({ index: 1, startRow: 23, name: '', code: 'XXXXXXXXXXXXXXXXXXXXX' });
    expect(runRule(idDuplicateProject, [b1, b2])).toEqual([]);
  });

  it('compares names within one unit only', () => {
    const b = hebeiBlock({ index: 1, startRow: 23, unitName: '813002昌黎县安山镇卫生院', code: '130322219GY1M71LCCD9C' });
    expect(runRule(idDuplicateProject, [a, b])).toEqual([]);
  });

  it('on a disclosure list ignores the department and unit rows that share the unit name', () => {
    const dept = listBlock({ index: 0, row: 3, role: 'department', code: '407', name: '门源县浩门镇政府' });
    const unit = listBlock({ index: 1, row: 4, role: 'unit', code: '407001', name: '门源县浩门镇政府', amount: 3.4 });
    const p1 = listBlock({ index: 2, row: 5, parentIndex: 1, name: '党校工作经费' });
    const p2 = listBlock({ index: 3, row: 6, parentIndex: 1, name: '党校工作经费' });
    const out = runRule(idDuplicateProject, [dept, unit, p1, p2]);
    expect(out.map((r) => [r.cell, r.related])).toEqual([['B6', ['B5']]]);
  });
});
