/**
 * A tiny stand-in for recognition + checking, so the adapter can be tested on its own: any text
 * cell containing `XXX` is an error (fix: drop the XXX), `百分比` a warning (fix: `%`), `TODO` an
 * info (no fix).
 */
import { toA1 } from '../../src/domain/address';
import type { Diagnostic } from '../../src/domain/model';
import type { Analysis } from '../../src/excel/pass';
import type { Grid } from '../../src/sheet/grid';

export function toyAnalyze(grid: Grid): Analysis<string[]> {
  const diagnostics: Diagnostic[] = [];
  for (const s of grid.sheets) {
    s.values.forEach((row, r) =>
      row?.forEach((v, c) => {
        if (typeof v !== 'string') return;
        const cell = toA1(r, c);
        const base = { sheet: s.name, cell, block: null };
        if (v.includes('XXX'))
          diagnostics.push({
            ...base,
            ruleId: 'table/placeholder-text',
            severity: 'error',
            message: `单元格内容“${v}”含模板占位符“XXX”，应填写实际内容`,
            fix: { cell, value: v.replace(/XXX/g, '').trim() || null, label: '删除占位符' },
          });
        if (v.includes('百分比'))
          diagnostics.push({
            ...base,
            ruleId: 'value/percent-notation',
            severity: 'warning',
            message: `指标值“${v}”写法不规范，应写作“${v.replace('百分比', '%')}”`,
            fix: { cell, value: v.replace('百分比', '%'), label: '改为%' },
          });
        if (v.includes('TODO')) diagnostics.push({ ...base, ruleId: 'toy/todo', severity: 'info', message: `“${v}”尚未完成` });
      }),
    );
  }
  return { blocks: [], diagnostics, sheets: grid.sheets.map((s) => s.name) };
}
