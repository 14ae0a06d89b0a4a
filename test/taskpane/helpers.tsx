/** Test helpers for the task pane: diagnostics, results, a fake host and rendering in Fluent. */
import * as React from 'react';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import type { Diagnostic, Severity } from '../../src/domain/model';
import type { CellRef, CheckResult, InsertResult, PaneHost, PaneSettings } from '../../src/taskpane/host';

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

// @testing-library/dom (the peer of @testing-library/react) is not installed, so these tests use
// React's act() and a few small DOM queries of their own.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom has no ResizeObserver (Fluent's MessageBar uses one)
if (typeof window !== 'undefined' && !('ResizeObserver' in window)) {
  (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

const mounted: { root: Root; el: HTMLElement }[] = [];
afterEach(() => {
  for (const m of mounted.splice(0)) {
    act(() => m.root.unmount());
    m.el.remove();
  }
});

export function render(ui: React.ReactElement): HTMLElement {
  const el = document.createElement('div');
  document.body.appendChild(el);
  const root = createRoot(el);
  act(() => root.render(ui));
  mounted.push({ root, el });
  return el;
}

export function inFluent(ui: React.ReactElement): HTMLElement {
  return render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>);
}

/** Lets pending promises and effects settle. */
export async function flush(times = 3): Promise<void> {
  for (let i = 0; i < times; i++) await act(async () => new Promise((r) => setTimeout(r, 0)));
}

const norm = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const matches = (text: string, m: string | RegExp) => (typeof m === 'string' ? text === m : m.test(text));

/** Accessible name, roughly: aria-label, aria-labelledby, a <label for>, a wrapping <label>, or the text. */
export function accessibleName(el: Element): string {
  const label = el.getAttribute('aria-label');
  if (label) return norm(label);
  const by = el.getAttribute('aria-labelledby');
  if (by) return norm(by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
  if (el.id) {
    const l = document.querySelector(`label[for="${el.id}"]`);
    if (l) return norm(l.textContent);
  }
  const wrap = el.closest('label');
  if (wrap) return norm(wrap.textContent);
  return norm(el.textContent);
}

const ROLE_SELECTORS: Record<string, string> = {
  button: 'button, [role="button"]',
  switch: '[role="switch"]',
  tab: '[role="tab"]',
  option: '[role="option"]',
  radio: 'input[type="radio"], [role="radio"]',
  combobox: '[role="combobox"], select',
  textbox: 'input:not([type]), input[type="text"], input[type="search"], textarea',
};

export function allByRole(role: string, name?: string | RegExp, scope: ParentNode = document.body): HTMLElement[] {
  const els = [...scope.querySelectorAll<HTMLElement>(ROLE_SELECTORS[role] ?? `[role="${role}"]`)];
  return name === undefined ? els : els.filter((e) => matches(accessibleName(e), name));
}

export function byRole(role: string, name?: string | RegExp, scope: ParentNode = document.body): HTMLElement {
  const els = allByRole(role, name, scope);
  if (els.length !== 1) {
    const all = allByRole(role, undefined, scope).map((e) => accessibleName(e));
    throw new Error(`expected one ${role} named ${String(name)}, found ${els.length}; ${role}s: ${JSON.stringify(all)}`);
  }
  return els[0];
}

/** Deepest elements whose text matches. */
export function allByText(m: string | RegExp, scope: ParentNode = document.body): HTMLElement[] {
  return [...scope.querySelectorAll<HTMLElement>('*')].filter(
    (e) => matches(norm(e.textContent), m) && ![...e.children].some((c) => matches(norm(c.textContent), m)),
  );
}

export function byText(m: string | RegExp, scope: ParentNode = document.body): HTMLElement {
  const els = allByText(m, scope);
  if (els.length === 0) throw new Error(`no element with text ${String(m)}`);
  return els[0];
}

export function click(el: Element): void {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Types into a controlled input (React listens to the native value setter + input event). */
export function type(el: Element, value: string): void {
  const input = el as HTMLInputElement;
  const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  act(() => {
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

export function selectOption(el: Element, value: string): void {
  const select = el as HTMLSelectElement;
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set?.call(select, value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

export function key(el: Element, k: string): void {
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
}

export function blur(el: Element): void {
  act(() => {
    (el as HTMLElement).focus();
    (el as HTMLElement).blur();
  });
}

export interface FakeHost extends PaneHost {
  calls: { name: string; args: unknown[] }[];
  emitResult(r: CheckResult): void;
  emitSelection(ref: CellRef): void;
  settings: PaneSettings;
  insertResult: InsertResult;
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
    async insertTemplate(profileId, typeId, header) {
      host.calls.push({ name: 'insertTemplate', args: [profileId, typeId, header] });
      return host.insertResult;
    },
    capabilities: () => ({ highlighting: true, selectionEvents: true }),
  };
  return host;
}
