/** Test helpers for the task pane: diagnostics, results, a fake host and rendering in Fluent. */
import * as React from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Diagnostic, Severity } from '../../src/domain/model';
import type { AddIndicatorOutcome, CellRef, CheckResult, InsertResult, PaneHost, PaneSettings } from '../../src/taskpane/host';

export function diag(p: Partial<Diagnostic> & { ruleId: string; cell: string }, blockIndex: number | null = 0): Diagnostic {
  return {
    severity: 'error' as Severity,
    message: `${p.ruleId} 的问题`,
    sheet: 'Sheet1',
    block: blockIndex === null ? null : { index: blockIndex, name: `项目${blockIndex + 1}`, range: `A${blockIndex * 20 + 1}:G${blockIndex * 20 + 18}` },
    ...p,
  };
}

export function result(diagnostics: Diagnostic[], blocks = 2): CheckResult {
  return {
    diagnostics,
    blocks: Array.from({ length: blocks }, (_, i) => ({ index: i, name: `项目${i + 1}`, sheet: 'Sheet1', range: `A${i * 20 + 1}:G${i * 20 + 18}` })),
    year: 2025,
    sheets: ['Sheet1'],
    durationMs: 12,
  };
}

// jsdom has no ResizeObserver (Fluent's MessageBar uses one)
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

/** Renders inside a FluentProvider, as the pane does. */
export function renderInFluent(ui: React.ReactElement): RenderResult {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

export interface FakeHost extends PaneHost {
  calls: { name: string; args: unknown[] }[];
  emitResult(r: CheckResult): void;
  emitSelection(ref: CellRef): void;
  settings: PaneSettings;
  insertResult: InsertResult;
  addResult: AddIndicatorOutcome;
  first: CheckResult;
}

export function fakeHost(first: CheckResult): FakeHost {
  const resultListeners = new Set<(r: CheckResult) => void>();
  const selListeners = new Set<(r: CellRef) => void>();
  const host: FakeHost = {
    calls: [],
    first,
    settings: { profileId: 'hebei-project', planPacing: false, rules: {} },
    insertResult: { ok: true, sheet: 'Sheet1', range: 'A30:G50' },
    addResult: { ok: true, note: '已在第 12 行插入“享受保洁服务的人数”（产出指标 › 数量指标），请填写指标值' },
    emitResult: (r) => resultListeners.forEach((l) => l(r)),
    emitSelection: (ref) => selListeners.forEach((l) => l(ref)),
    async start() {
      host.calls.push({ name: 'start', args: [] });
      host.emitResult(host.first);
    },
    dispose() {
      host.calls.push({ name: 'dispose', args: [] });
    },
    onResult(l) {
      resultListeners.add(l);
      return () => resultListeners.delete(l);
    },
    onSelection(l) {
      selListeners.add(l);
      return () => selListeners.delete(l);
    },
    setLive(on) {
      host.calls.push({ name: 'setLive', args: [on] });
    },
    async recheck() {
      host.calls.push({ name: 'recheck', args: [] });
    },
    async applyFix(d) {
      host.calls.push({ name: 'applyFix', args: [d] });
    },
    async applySafeFixes() {
      host.calls.push({ name: 'applySafeFixes', args: [] });
      return 3;
    },
    async select(ref) {
      host.calls.push({ name: 'select', args: [ref] });
    },
    async loadSettings() {
      return host.settings;
    },
    async saveSettings(s) {
      host.calls.push({ name: 'saveSettings', args: [s] });
      host.settings = s;
    },
    async insertTemplate(profileId, typeId, header, extras) {
      host.calls.push({ name: 'insertTemplate', args: extras ? [profileId, typeId, header, extras] : [profileId, typeId, header] });
      return host.insertResult;
    },
    async addIndicator(block, indicator) {
      host.calls.push({ name: 'addIndicator', args: [block, indicator] });
      return host.addResult;
    },
    capabilities: () => ({ highlighting: true, selectionEvents: true }),
  };
  return host;
}
