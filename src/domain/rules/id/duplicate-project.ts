import type { Block } from '../../model';
import { defineRule } from '../../rule';
import { blockName, compact, crossRef, fieldText, quote } from '../block-helpers';
import { CODE_RE, codeText, isPlaceholderCode } from './code';

/** Blocks of a list that are projects (department and unit rows carry the unit's own name). */
function isProject(b: Block): boolean {
  return b.listRole === undefined || b.listRole === 'project';
}

/**
 * The scope names are compared in: the same unit (two units of a department may each run a
 * project called 村级办公经费). Codes are unique everywhere.
 */
function unitKey(b: Block): string {
  if (b.parentIndex !== undefined) return `#${b.parentIndex}`;
  return compact(fieldText(b.unitName));
}

function ordinal(b: Block): string {
  return `第${b.index + 1}个表`;
}

/** id/duplicate-project — two blocks in one workbook share a 项目名称 or a 项目编码. */
export const idDuplicateProject = defineRule({
  id: 'id/duplicate-project',
  severity: 'warning',
  scope: 'workbook',
  description: '同一工作簿中两个表的项目名称或项目编码相同',
  messages: {
    name: '项目名称“{{name}}”与{{first}}（{{firstCell}}）相同：同一项目只应填一张表，请核对是否重复或名称有误',
    code: '项目编码“{{code}}”与{{first}}（{{firstCell}}）相同：每个项目的编码唯一，请核对是否抄错',
    both: '项目名称“{{name}}”和项目编码都与{{first}}（{{firstCell}}）相同：同一项目只应填一张表，请删除重复的表',
  },
  check(ctx) {
    const blocks = [...ctx.blocks].filter(isProject).sort((a, b) => a.index - b.index);
    const byName = new Map<string, Block>();
    const byCode = new Map<string, Block>();
    for (const b of blocks) {
      const name = compact(fieldText(b.name));
      const nameKey = name ? `${unitKey(b)}\u0000${name}` : undefined;
      const codeRaw = codeText(b.code);
      const code = codeRaw !== undefined ? compact(codeRaw).toUpperCase() : '';
      const codeKey = code && !isPlaceholderCode(code) && CODE_RE.test(code) ? code : undefined;

      const firstByName = nameKey !== undefined ? byName.get(nameKey) : undefined;
      const firstByCode = codeKey !== undefined ? byCode.get(codeKey) : undefined;

      if (firstByName && firstByName === firstByCode) {
        ctx.report({
          block: b,
          at: b.name!.cell,
          messageId: 'both',
          data: { name: quote(fieldText(b.name)), first: ordinal(firstByName), firstCell: crossRef(b, firstByName, firstByName.name!.cell) },
          related: [crossRef(b, firstByName, firstByName.name!.cell), crossRef(b, firstByName, firstByName.code!.cell)],
        });
      } else {
        if (firstByName) {
          const ref = crossRef(b, firstByName, firstByName.name!.cell);
          ctx.report({
            block: b,
            at: b.name!.cell,
            messageId: 'name',
            data: { name: quote(fieldText(b.name)), first: ordinal(firstByName), firstCell: ref },
            related: [ref],
          });
        }
        if (firstByCode) {
          const ref = crossRef(b, firstByCode, firstByCode.code!.cell);
          ctx.report({
            block: b,
            at: b.code!.cell,
            messageId: 'code',
            data: { code: codeRaw ?? code, first: `${ordinal(firstByCode)}“${quote(blockName(firstByCode), 20)}”`, firstCell: ref },
            related: [ref],
          });
        }
      }
      if (nameKey !== undefined && !byName.has(nameKey)) byName.set(nameKey, b);
      if (codeKey !== undefined && !byCode.has(codeKey)) byCode.set(codeKey, b);
    }
  },
});
