/** The pane's host over the in-memory Excel: 指标库 indicators added to a table and to a template. */
import { indicatorLibrary, suggestIndicators } from '../../src/domain/indicators';
import { MemoryWorkbook, createMemoryExcel } from '../../src/imitation/excel';
import { validateHeader } from '../../src/taskpane/catalog';
import { createExcelHost } from '../../src/taskpane/excel-host';
import type { CheckResult } from '../../src/taskpane/host';

async function setup() {
  const wb = new MemoryWorkbook();
  const host = createExcelHost(createMemoryExcel(wb), { debounceMs: 5 });
  const results: CheckResult[] = [];
  host.onResult((r) => results.push(r));
  await host.start();
  return { wb, host, last: () => results[results.length - 1] };
}

function header() {
  const v = validateHeader({ name: '2025年农村保洁员经费', code: '', budget: '12.5', fiscal: '', other: '', year: '2025' });
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.header;
}

describe('createExcelHost — 指标库', () => {
  test('the blocks carry what the ranking reads: format, 资金用途, 绩效目标, the 三级 names', async () => {
    const { host, last } = await setup();
    await host.insertTemplate('hebei-project', 'rural-cleaners', header());
    const b = last().blocks[0];
    expect(b.profile).toBe('hebei-project');
    expect(b.indicators).toContain('保洁员人数');
    expect(b.indicators?.every((n) => n.trim() !== '')).toBe(true);
    host.dispose();
  });

  test('addIndicator: the row is added in its place, the result re-checked', async () => {
    const { host, last } = await setup();
    await host.insertTemplate('hebei-project', 'rural-cleaners', header());
    const block = last().blocks[0];
    const s = suggestIndicators({ name: block.name, existing: block.indicators, top: 30 }).find((x) => !x.existing && x.level2 === '数量指标');
    expect(s).toBeDefined();
    const r = await host.addIndicator!(block, s!);
    expect(r).toEqual({ ok: true, note: expect.stringContaining(`“${s!.name}”（产出指标 › 数量指标）`) });
    expect(last().blocks[0].indicators).toContain(s!.name);
    // twice: refused, the table has it now
    const again = await host.addIndicator!(last().blocks[0], s!);
    expect(again).toEqual({ ok: false, message: `表中已有三级指标“${s!.name}”，未重复添加` });
    host.dispose();
  });

  test('insertTemplate with 指标库 extras: written under their 二级 with the type’s own, values blank', async () => {
    const { host, last } = await setup();
    const lib = indicatorLibrary();
    const extra = suggestIndicators({ name: '2025年农村保洁员经费', top: 40 }).find((x) => x.name === '享受保洁服务的人数');
    expect(extra).toBeDefined();
    expect(lib.indicators[extra!.id].name).toBe('享受保洁服务的人数');
    const r = await host.insertTemplate('hebei-project', 'rural-cleaners', header(), [extra!]);
    expect(r.ok).toBe(true);
    const names = last().blocks[0].indicators ?? [];
    expect(names).toContain('享受保洁服务的人数');
    expect(names.indexOf('享受保洁服务的人数')).toBeLessThan(names.indexOf('保洁员工资足额发放率')); // a 数量 row, before 质量
    expect(last().diagnostics.some((d) => d.ruleId === 'indicator/missing-value')).toBe(true);
    host.dispose();
  });
});
