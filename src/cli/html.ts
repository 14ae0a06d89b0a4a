/**
 * `jxmb check --format html`: one self-contained page for the whole run, for a reviewer who does not
 * use a terminal — a summary table of every file first (counts by severity, the worst problems),
 * then per file its problems grouped by project, each with the cell, the message and the fix.
 *
 * Self-contained: inline CSS, no script, no image, no font or link to anything outside the page; a
 * Content-Security-Policy (`default-src 'none'`) makes the browser refuse any request the page
 * might still try. Everything taken from the files (names, sheet names, cell text in messages) is
 * hostile input and HTML-escaped. Prints on A4 landscape: each file starts a new page, table
 * headers repeat, rows are not split across pages, severity colours are kept.
 */
import type { Severity } from '../domain/model';
import { allRules } from '../domain/rules';
import { FORMATS, type SourceFormat } from '../files/formats';
import type { ReportFile, Summary } from './report';
import { SEVERITY_LABEL } from './stylish';

/** One file as the page shows it: the JSON report's file plus what the reader found out. */
export interface HtmlFile extends ReportFile {
  format?: SourceFormat;
  /** sheets (or Word tables) without a recognisable table, as one line each */
  noTables: string[];
}

export interface HtmlMeta {
  generated: Date;
  version: string;
  /** the paths given on the command line */
  paths: string[];
  year?: number;
  profile?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text → HTML text or attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const DESCRIPTION = new Map(allRules.map((r) => [r.id, r.description]));

function counts(f: ReportFile): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of f.diagnostics) n[d.severity]++;
  return n;
}

/** The worst problems of a file: its rules by severity, then by how often they fire (at most `max`). */
export function worstProblems(f: ReportFile, max = 3): { ruleId: string; severity: Severity; count: number; description: string }[] {
  const byRule = new Map<string, { ruleId: string; severity: Severity; count: number }>();
  for (const d of f.diagnostics) {
    const key = `${d.ruleId}|${d.severity}`;
    const e = byRule.get(key);
    if (e) e.count++;
    else byRule.set(key, { ruleId: d.ruleId, severity: d.severity, count: 1 });
  }
  return [...byRule.values()]
    .sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || (a.ruleId < b.ruleId ? -1 : 1))
    .slice(0, max)
    .map((e) => ({ ...e, description: DESCRIPTION.get(e.ruleId) ?? e.ruleId }));
}

function badge(sev: Severity, text: string = SEVERITY_LABEL[sev]): string {
  return `<span class="sev ${sev}">${escapeHtml(text)}</span>`;
}

function countCell(n: number, sev: Severity): string {
  return `<td class="num${n > 0 ? ` has-${sev}` : ''}">${n}</td>`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function stamp(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const CSS = `
:root { color-scheme: light; --err: #b3261e; --err-bg: #ffc7ce; --warn: #7a5200; --warn-bg: #ffe699; --info: #0b4f8a; --info-bg: #ddebf7; --line: #d0d0d0; --muted: #5f6368; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 28px 48px; font: 14px/1.6 "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; color: #1f1f1f; background: #fff; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 6px; word-break: break-all; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.meta, .muted { color: var(--muted); }
.meta { margin: 0 0 16px; }
.totals { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 20px; padding: 0; list-style: none; }
.totals li { border: 1px solid var(--line); border-radius: 6px; padding: 6px 14px; }
.totals b { font-size: 18px; margin-right: 4px; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #f1f3f4; font-weight: 600; white-space: nowrap; }
td.num { text-align: right; white-space: nowrap; }
td.has-error { color: var(--err); font-weight: 600; }
td.has-warning { color: var(--warn); font-weight: 600; }
td.cell { font-family: Consolas, "DejaVu Sans Mono", monospace; white-space: nowrap; }
td.file { word-break: break-all; }
td.msg { min-width: 22em; }
.sev { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; white-space: nowrap; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.sev.error { background: var(--err-bg); color: var(--err); }
.sev.warning { background: var(--warn-bg); color: var(--warn); }
.sev.info { background: var(--info-bg); color: var(--info); }
.rule { color: var(--muted); font-size: 12px; white-space: nowrap; }
.fix { color: #0d652d; }
.unreadable { color: var(--err); }
ul.worst { margin: 0; padding-left: 1.2em; }
section.file { margin-top: 28px; padding-top: 8px; border-top: 2px solid #9aa0a6; }
.ok { color: #0d652d; }
a { color: #0b57d0; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  section.file { break-before: page; border-top: none; }
  thead { display: table-header-group; }
  tr, .totals li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  td.has-error, td.has-warning, .unreadable { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

function summaryTable(files: HtmlFile[]): string {
  const rows = files.map((f, i) => {
    const link = `<a href="#f${i + 1}">${escapeHtml(f.file)}</a>`;
    if (f.error !== null) {
      return `<tr><td class="num">${i + 1}</td><td class="file">${link}</td><td>—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="num">—</td><td class="unreadable">无法读取：${escapeHtml(f.error)}</td></tr>`;
    }
    const n = counts(f);
    const worst = worstProblems(f);
    const problems =
      worst.length === 0
        ? f.blocks.length === 0
          ? `<span class="unreadable">未检查：${escapeHtml(f.unchecked ?? '未找到可识别的绩效目标表')}</span>`
          : '<span class="ok">未发现问题</span>'
        : `<ul class="worst">${worst
            .map((w) => `<li>${badge(w.severity)} ${escapeHtml(w.description)}${w.count > 1 ? ` ×${w.count}` : ''} <span class="rule">${escapeHtml(w.ruleId)}</span></li>`)
            .join('')}</ul>`;
    return `<tr><td class="num">${i + 1}</td><td class="file">${link}<div class="muted">${escapeHtml(f.format ? FORMATS[f.format].label : '')}</div></td><td>${f.year ?? '未识别'}</td><td class="num">${f.blocks.length}</td>${countCell(n.error, 'error')}${countCell(n.warning, 'warning')}${countCell(n.info, 'info')}<td class="num">${f.diagnostics.filter((d) => d.fix).length}</td><td>${problems}</td></tr>`;
  });
  return `<table class="summary"><thead><tr><th>#</th><th>文件</th><th>预算年度</th><th>项目数</th><th>错误</th><th>警告</th><th>提示</th><th>可修复</th><th>主要问题</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function problemTable(list: ReportFile['diagnostics'], showSheet: boolean, tableNoun: string): string {
  const rows = list.map((d) => {
    const where = showSheet ? `${escapeHtml(d.sheet)}!${escapeHtml(d.cell)}` : escapeHtml(d.cell);
    const related = d.related.length > 0 ? `<div class="muted">相关单元格：${escapeHtml(d.related.join('、'))}</div>` : '';
    const fix = d.fix ? `<span class="fix">${escapeHtml(d.fix.label)}</span>` : '<span class="muted">—</span>';
    return `<tr><td class="cell">${where}</td><td>${badge(d.severity)}</td><td class="msg">${escapeHtml(d.message)}${related}</td><td>${fix}</td><td class="rule">${escapeHtml(d.ruleId)}</td></tr>`;
  });
  return `<table class="problems" aria-label="${escapeHtml(tableNoun)}问题"><thead><tr><th>单元格</th><th>级别</th><th>问题</th><th>修复建议</th><th>规则</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function fileSection(f: HtmlFile, i: number): string {
  const id = `f${i + 1}`;
  const head = `<h2 id="${id}">${i + 1}. ${escapeHtml(f.file)}</h2>`;
  if (f.error !== null) return `<section class="file">${head}<p class="unreadable">无法读取：${escapeHtml(f.error)}</p></section>`;
  const noun = f.format ? FORMATS[f.format].sheetNoun : '工作表';
  const n = counts(f);
  const facts = [f.format ? FORMATS[f.format].label : '', f.year !== null ? `预算年度 ${f.year}` : '预算年度未识别', `${f.blocks.length} 个项目`, `${n.error} 个错误，${n.warning} 个警告，${n.info} 个提示`].filter(Boolean);
  const parts: string[] = [head, `<p class="meta">${escapeHtml(facts.join('　·　'))}</p>`];
  if (f.year === null && f.blocks.length > 0) parts.push('<p class="muted">未识别预算年度，年度规则未检查；可用 --year 指定。</p>');
  const workbookLevel = f.diagnostics.filter((d) => d.block === null);
  if (workbookLevel.length > 0) parts.push(`<h3>整个${f.format ? FORMATS[f.format].fileNoun : '工作簿'}</h3>`, problemTable(workbookLevel, true, noun));
  f.blocks.forEach((b) => {
    const list = f.diagnostics.filter((d) => d.block === b.index);
    if (list.length === 0) return;
    parts.push(
      `<h3>#${b.index} ${escapeHtml(b.name || '（无项目名称）')} <span class="muted">${noun}“${escapeHtml(b.sheet)}”${escapeHtml(b.range)}</span></h3>`,
      problemTable(list, false, noun),
    );
  });
  const clean = f.blocks.filter((b) => !f.diagnostics.some((d) => d.block === b.index));
  if (clean.length > 0 && f.diagnostics.length > 0) {
    parts.push(`<p class="ok">未发现问题的项目：${escapeHtml(clean.map((b) => b.name || `#${b.index}`).join('、'))}</p>`);
  } else if (f.blocks.length > 0 && f.diagnostics.length === 0) {
    parts.push('<p class="ok">✔ 未发现问题</p>');
  }
  if (f.noTables.length > 0) parts.push(`<ul class="muted">${f.noTables.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>`);
  if (f.blocks.length === 0) parts.push(`<p class="unreadable">未检查：${escapeHtml(f.unchecked ?? '未找到可识别的绩效目标表')}。本文件没有识别出项目绩效目标表，不算通过。</p>`);
  return `<section class="file">${parts.join('\n')}</section>`;
}

/** The whole page. */
export function formatHtml(files: HtmlFile[], summary: Summary, meta: HtmlMeta): string {
  const unreadable = files.filter((f) => f.error !== null).length;
  const unchecked = files.filter((f) => f.error === null && f.blocks.length === 0).length;
  const options = [meta.year !== undefined ? `预算年度 ${meta.year}` : '', meta.profile ? `表格格式 ${meta.profile}` : ''].filter(Boolean);
  const totals = [
    `<li><b>${summary.files}</b>个文件</li>`,
    `<li>${badge('error')} <b>${summary.errors}</b>个错误</li>`,
    `<li>${badge('warning')} <b>${summary.warnings}</b>个警告</li>`,
    `<li>${badge('info')} <b>${summary.infos}</b>个提示</li>`,
    unreadable > 0 ? `<li class="unreadable"><b>${unreadable}</b>个文件无法读取</li>` : '',
    unchecked > 0 ? `<li class="unreadable"><b>${unchecked}</b>个文件未检查（未识别出项目绩效目标表）</li>` : '',
  ].join('');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jxmb ${escapeHtml(meta.version)}">
<title>绩效目标表检查报告</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>绩效目标表检查报告</h1>
<p class="meta">检查时间 ${escapeHtml(stamp(meta.generated))}　·　检查对象 ${escapeHtml(meta.paths.join('、'))}${options.length > 0 ? `　·　${escapeHtml(options.join('，'))}` : ''}</p>
</header>
<main>
<h2>汇总</h2>
<ul class="totals">${totals}</ul>
${summaryTable(files)}
${files.map((f, i) => fileSection(f, i)).join('\n')}
</main>
<footer>由 jxmb ${escapeHtml(meta.version)} 生成。单元格地址指原文件中的位置${files.some((f) => f.format && FORMATS[f.format].sheetNoun === '表格') ? '（Word 文档按表格编号：每个表格一个工作表，标题行为第 1 行）' : ''}；“可修复”的问题可在 Excel 加载项中一键修复。</footer>
</body>
</html>
`;
}
