import { defineRule } from '../../rule';
import { quote } from '../../text';
import { fieldText, hasName, isProjectBlock, resolveRows } from './rows';

/** indicator/duplicate — the same 三级 name twice in one block. */
export const indicatorDuplicate = defineRule({
  id: 'indicator/duplicate',
  severity: 'warning',
  scope: 'block',
  description: '同一项目中三级指标重复',
  messages: {
    duplicate: '三级指标“{{name}}”在本项目中重复出现（另见{{first}}）：每个三级指标只应填写一次，请合并或改名',
  },
  check(ctx) {
    const block = ctx.block;
    if (!block || !isProjectBlock(block)) return;
    const first = new Map<string, string>();
    for (const r of resolveRows(ctx.profile, block)) {
      if (!hasName(r)) continue;
      const cell = r.row.level3.cell;
      const seen = first.get(r.name);
      if (seen === undefined) {
        first.set(r.name, cell);
        continue;
      }
      // a list row keeps every indicator in one cell: name the line instead of the cell
      const where = seen === cell ? '同一单元格的前文' : seen;
      ctx.report({ at: cell, messageId: 'duplicate', data: { name: quote(fieldText(r.row.level3)), first: where }, related: [seen] });
    }
  },
});
