/**
 * A 公开表's department and unit rows are not projects (docs/domain.md §2.2, issue 21): the report of the
 * 浩门镇 公开表 lists and counts its 28 projects — not the department row and the unit row — and a
 * unit row's total that does not add up is a workbook-level finding, in the CLI and in the pane alike.
 */
import * as path from 'path';
import { checkFile } from '../../src/cli/check';
import { toReportFile } from '../../src/cli/report';
import { formatFile } from '../../src/cli/stylish';
import { makeColors } from '../../src/cli/ansi';
import type { CheckResult } from '../../src/taskpane/host';
import { readWorkbookFile } from '../../src/files/read';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { createExcelHost } from '../../src/taskpane/excel-host';
import { fixture } from '../helpers/fixtures';

const FILE = fixture('disclosure-2023-haomen.xlsx');
const input = { path: FILE, display: FILE, rel: path.basename(FILE) };

describe('公开表: department and unit rows are not projects', () => {
  it('the CLI report lists and counts 28 projects, none of them the department or the unit', async () => {
    const result = await checkFile(input, {});
    const report = toReportFile(result);
    expect(report.blocks).toHaveLength(28);
    expect(report.blocks.map((b) => b.name)).not.toContain('门源县浩门镇政府');
    expect(result.sheets.reduce((n, s) => n + s.blockCount, 0)).toBe(28);
    expect(formatFile(result, makeColors(false))).toContain('28 个项目');
    for (const d of report.diagnostics) if (d.block !== null) expect(d.block).toBeLessThanOrEqual(28);
  });

  it('a unit total that does not add up is reported on the unit row, belonging to no project', async () => {
    const grid = await readWorkbookFile(FILE);
    const s = grid.sheets[0];
    const unitRow = s.values.findIndex((r, i) => i > 2 && typeof r?.[0] === 'string' && /^\d{6}$/.test(String(r[0]).trim()));
    expect(unitRow).toBeGreaterThan(0);
    const amountCol = s.values[unitRow].findIndex((v, c) => c > 0 && typeof v === 'number');
    (s.values[unitRow] as unknown[])[amountCol] = (s.values[unitRow][amountCol] as number) + 100;
    const host = createExcelHost(createMemoryExcel(MemoryWorkbook.fromGrid(grid)), { debounceMs: 5 });
    const results: CheckResult[] = [];
    host.onResult((r) => results.push(r));
    await host.start();
    host.dispose();
    const result = results[results.length - 1];
    expect(result.blocks).toHaveLength(28);
    const unitSum = result.diagnostics.filter((d) => d.ruleId === 'total/unit-sum-mismatch');
    expect(unitSum).toHaveLength(1);
    expect(unitSum[0].block).toBeNull();
  });
});
