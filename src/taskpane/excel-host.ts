/**
 * {@link PaneHost} over the Excel adapter's live checker (src/excel/live.ts): the same code drives
 * real Excel (index.tsx, `officeExcel()`) and the in-memory Excel (the preview, the tests).
 */
import { projectView } from '../domain/projects';
import type { Diagnostic } from '../domain/model';
import { findType } from '../domain/templates';
import { toTemplateIndicator } from '../domain/indicators/form';
import type { TemplateHeader } from '../domain/templates';
import { renderBlock } from '../sheet/render';
import type { ExcelApi } from '../excel/api';
import { createLiveChecker, type LiveResult } from '../excel/live';
import { analyzeGrid } from '../excel/analyze';
import { loadSettings, type WorkbookSettings } from '../excel/settings';
import type { CellRef, CheckResult, InsertResult, PaneHost, PaneSettings } from './host';
import { S } from './strings';

export interface ExcelHostOptions {
  /** wait after the last edit before checking, ms (default 300) */
  debounceMs?: number;
}

/** Workbook settings → the pane's (an absent profile = recognised from the sheet = ''). */
export function toPaneSettings(s: WorkbookSettings): PaneSettings {
  return {
    profileId: s.profile ?? '',
    year: s.year,
    satisfactionFloor: s.satisfactionFloor,
    planPacing: s.planPacing ?? false,
    rules: s.rules ?? {},
    marks: s.highlighting !== false,
  };
}

/** The pane's settings → workbook settings; cleared fields are written as undefined so they are removed. */
export function toWorkbookSettings(p: PaneSettings): WorkbookSettings {
  return {
    profile: p.profileId === '' ? undefined : p.profileId,
    year: p.year,
    satisfactionFloor: p.satisfactionFloor,
    planPacing: p.planPacing,
    rules: p.rules,
    highlighting: p.marks,
  };
}

function firstCell(address: string): string {
  return address.slice(address.lastIndexOf('!') + 1).split(':')[0].replace(/\$/g, '');
}

function toResult(r: LiveResult): CheckResult {
  const sheets = Array.isArray(r.sheets) ? (r.sheets as { name?: string }[]).map((s) => s.name ?? '') : [];
  // a 公开表's department and unit rows are no projects: not listed, not counted
  const view = projectView(r.blocks, r.diagnostics);
  return {
    blocks: view.blocks.map((b) => ({
      index: b.index,
      name: b.name?.text ?? '',
      sheet: b.sheet,
      range: b.range,
      profile: b.profile,
      usage: b.usage?.text,
      goal: b.goal?.text,
      indicators: b.indicators.map((i) => i.level3.text).filter((t) => t.trim() !== ''),
    })),
    diagnostics: view.diagnostics,
    year: r.year,
    sheets,
    durationMs: r.durationMs,
    notices: [...r.capabilities.messages, ...r.notices],
  };
}

export function createExcelHost(excel: ExcelApi, opts: ExcelHostOptions = {}): PaneHost & { onError(l: (m: string) => void): () => void; onStatus(l: (stale: string | null) => void): () => void } {
  const results = new Set<(r: CheckResult) => void>();
  const selections = new Set<(r: CellRef) => void>();
  const errors = new Set<(m: string) => void>();
  const statuses = new Set<(stale: string | null) => void>();
  const checker = createLiveChecker({
    excel,
    analyze: analyzeGrid,
    debounceMs: opts.debounceMs,
    onResult: (r) => {
      const out = toResult(r);
      results.forEach((l) => l(out));
    },
    onSelection: (s) => {
      const ref = { sheet: s.sheet, cell: firstCell(s.address) };
      selections.forEach((l) => l(ref));
    },
    onError: (m) => errors.forEach((l) => l(m)),
    onStatus: (s) => statuses.forEach((l) => l(s.stale)),
  });
  let started = false;

  return {
    async start() {
      started = true;
      await checker.start();
    },
    dispose() {
      void checker.dispose().catch(() => undefined);
    },
    onResult(l) {
      results.add(l);
      return () => results.delete(l);
    },
    onSelection(l) {
      selections.add(l);
      return () => selections.delete(l);
    },
    onError(l) {
      errors.add(l);
      return () => errors.delete(l);
    },
    onStatus(l) {
      statuses.add(l);
      l(checker.status().stale);
      return () => statuses.delete(l);
    },
    setLive(on) {
      if (!started) return;
      if (on) void checker.start().catch((e: unknown) => errors.forEach((l) => l(String(e))));
      else void checker.stop();
    },
    async recheck() {
      await checker.recheck();
    },
    async applyFix(d: Diagnostic) {
      const out = await checker.applyFix(d);
      if (out.refused.length > 0 && out.applied.length === 0) throw new Error(out.refused[0].reason);
    },
    async applySafeFixes() {
      // notation fixes only, against the last reading: a cell changed since is refused, not overwritten
      const out = await checker.applySafeFixes();
      return out.applied.length;
    },
    async clearMarks() {
      const out = await checker.clearMarks();
      return [S.clearMarksDone(out.removed), ...out.notices].join(' ');
    },
    async select(ref) {
      await checker.select(ref.cell, ref.sheet);
    },
    async loadSettings() {
      return toPaneSettings(await loadSettings(excel));
    },
    async saveSettings(p) {
      await checker.updateSettings(toWorkbookSettings(p));
    },
    async insertTemplate(profileId, typeId, header, extras): Promise<InsertResult> {
      const found = findType(typeId);
      if (!found) return { ok: false, message: `找不到项目类型“${typeId}”，请重新选择` };
      // 指标库 indicators the clerk added: written under their 二级 with the type's, values blank
      const type = extras && extras.length > 0 ? { ...found, indicators: [...found.indicators, ...extras.map(toTemplateIndicator)] } : found;
      const r = await checker.insert((at) => renderBlock(profileId, type, header as TemplateHeader, at));
      if (!r.ok) return { ok: false, message: r.reason };
      return { ok: true, sheet: r.sheet, range: r.range, note: r.reason };
    },
    async addIndicator(block, indicator) {
      const r = await checker.addIndicator(block.index, indicator);
      return r.ok ? { ok: true, note: r.note ?? '' } : { ok: false, message: r.reason };
    },
    capabilities: () => ({ highlighting: checker.capabilities.marks, selectionEvents: checker.capabilities.liveEvents }),
  };
}
