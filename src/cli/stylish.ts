/**
 * The default, human-readable output: per file, per block, per cell, in Chinese.
 */
import type { Diagnostic, Severity } from '../domain/model';
import type { Colors } from './ansi';
import type { FileResult } from './check';
import { FORMATS } from '../files/formats';
import { blockName, type Summary } from './report';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

function severityText(sev: Severity, c: Colors): string {
  const label = SEVERITY_LABEL[sev];
  return sev === 'error' ? c.red(label) : sev === 'warning' ? c.yellow(label) : c.blue(label);
}

function diagLines(diags: Diagnostic[], sheet: string | null, c: Colors): string[] {
  const where = (d: Diagnostic): string => (sheet !== null && d.sheet === sheet ? d.cell : `${d.sheet}!${d.cell}`);
  const width = Math.max(...diags.map((d) => where(d).length));
  const lines: string[] = [];
  for (const d of diags) {
    const loc = where(d);
    lines.push(`    ${c.gray(loc.padEnd(width))}  ${severityText(d.severity, c)}  ${d.message}  ${c.gray(d.ruleId)}`);
    if (d.related && d.related.length > 0) lines.push(`    ${' '.repeat(width)}  ${c.gray(`相关单元格：${d.related.join('、')}`)}`);
    if (d.fix) lines.push(`    ${' '.repeat(width)}  ${c.gray(`修复建议：${d.fix.label}`)}`);
  }
  return lines;
}

function counts(diags: Diagnostic[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of diags) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export const NO_TABLE = '未找到可识别的绩效目标表';

/**
 * `工作表“Sheet2”：未找到可识别的绩效目标表`, with the recogniser's other remark (empty, hidden …) in brackets;
 * a sheet holding a table that is not a project table: what it is (`这是项目汇总表…`). For a Word
 * document the noun is 表格.
 */
export function noTableLine(sheet: string, note?: string, noun = '工作表'): string {
  const extra = (note ?? '')
    .replace(NO_TABLE, '')
    .replace(/^[：:；;，,\s]+|[：:；;，,\s]+$/g, '');
  // a table the recogniser knows is not a project table (汇总, 部门整体, 预算表) says so itself
  if (/(^|；)这是/.test(extra)) return `${noun}“${sheet}”：${extra}`;
  return `${noun}“${sheet}”：${NO_TABLE}${extra ? `（${extra}）` : ''}`;
}

/** What a sheet of the grid is to the reader: a 工作表, or for a Word document a 表格. */
export function sheetNoun(r: Pick<FileResult, 'format'>): string {
  return r.format ? FORMATS[r.format].sheetNoun : '工作表';
}

/** The lines for one file (ending with a newline), printed as soon as the file is checked. */
export function formatFile(r: FileResult, c: Colors): string {
  const name = c.underline(r.input.display);
  if (r.error !== null) {
    return `${name}\n  ${c.red('✖')} 无法读取：${r.error}\n\n`;
  }
  const facts = [r.year !== null ? `预算年度 ${r.year}` : '预算年度未识别', `${r.blocks.length} 个项目`];
  if (r.format && !FORMATS[r.format].usual) facts.unshift(FORMATS[r.format].label);
  const noun = sheetNoun(r);
  const out: string[] = [`${name}（${facts.join('，')}）`];
  if (r.year === null && r.blocks.length > 0) out.push(`  ${c.gray('未识别预算年度，年度规则未检查；可用 --year 指定')}`);

  const byBlock = new Map<number, Diagnostic[]>();
  const workbookLevel: Diagnostic[] = [];
  for (const d of r.diagnostics) {
    if (!d.block) {
      workbookLevel.push(d);
      continue;
    }
    const list = byBlock.get(d.block.index);
    if (list) list.push(d);
    else byBlock.set(d.block.index, [d]);
  }
  if (workbookLevel.length > 0) {
    out.push(`  ${c.bold('整个工作簿')}`);
    out.push(...diagLines(workbookLevel, null, c));
  }
  r.blocks.forEach((b, i) => {
    const diags = byBlock.get(b.index);
    byBlock.delete(b.index);
    if (!diags || diags.length === 0) return;
    out.push(`  ${c.bold(`#${i + 1} ${blockName(b) || '（无项目名称）'}`)}  ${c.gray(`${noun}“${b.sheet}”${b.range}`)}`);
    out.push(...diagLines(diags, b.sheet, c));
  });
  // diagnostics naming a block the recogniser did not return (should not happen): still shown
  for (const diags of byBlock.values()) {
    const ref = diags[0].block;
    out.push(`  ${c.bold(ref?.name || '（未知项目）')}  ${c.gray(ref?.range ?? '')}`);
    out.push(...diagLines(diags, null, c));
  }
  for (const s of r.sheets) {
    if (s.blockCount === 0) {
      out.push(`  ${c.gray(noTableLine(s.name, s.note, noun))}`);
    }
  }
  const n = counts(r.diagnostics);
  if (r.blocks.length === 0) {
    if (r.sheets.length === 0) out.push(`  ${c.gray('未找到可识别的绩效目标表')}`);
    out.push(`  ${c.red('✖')} 未检查：没有识别出项目绩效目标表，本文件不算通过`);
  } else if (r.diagnostics.length === 0) {
    out.push(`  ${c.green('✔')} 未发现问题`);
  } else {
    out.push(`  ${n.errors > 0 ? c.red('✖') : n.warnings > 0 ? c.yellow('⚠') : c.blue('ℹ')} ${n.errors} 个错误，${n.warnings} 个警告，${n.infos} 个提示`);
  }
  return `${out.join('\n')}\n\n`;
}

export function formatSummary(s: Summary, unreadable: number, c: Colors): string {
  const unchecked = s.unchecked ?? 0;
  const symbol = s.errors > 0 || unreadable > 0 || unchecked > 0 ? c.red('✖') : s.warnings > 0 ? c.yellow('⚠') : c.green('✔');
  let tail = unreadable > 0 ? `；${unreadable} 个文件无法读取` : '';
  if (unchecked > 0) tail += `；${unchecked} 个文件未检查（未识别出项目绩效目标表）`;
  return `${symbol} ${c.bold(`${s.files} 个文件：${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 个提示${tail}`)}\n`;
}
