/**
 * What the task pane needs from its surroundings, split in two:
 *
 * - {@link PaneHost}: the workbook side (Excel through src/excel, or the in-memory workbook of the
 *   preview and the tests) — checking results, selection, fixes, settings, template insertion;
 * - {@link PaneCatalog}: the pure data side (profiles, rules, the project-type library, the
 *   template header schema) — the same in every host.
 *
 * The React components never touch Office.js or the domain modules directly: the container
 * (Pane.tsx) talks to these two interfaces, so a test can give it plain fakes.
 */
import type { Diagnostic, Severity } from '../domain/model';
import type { Suggestion, TypeInfo } from '../domain/indicators/suggest';
import { isSafeBulkFix } from '../domain/fixes';

export interface CellRef {
  sheet: string;
  cell: string;
}

/** A recognised block as the pane lists it. */
export interface BlockInfo {
  index: number;
  name: string;
  sheet: string;
  range: string;
  /** its table format (profile id) */
  profile?: string;
  /** 资金用途 and 绩效目标 as written (the 指标库 ranks by them) */
  usage?: string;
  goal?: string;
  /** the 三级 names it has */
  indicators?: string[];
}

/** A suggestion of the 指标库 (src/domain/indicators). */
export type SuggestionInfo = Suggestion;

export interface SuggestionGroup {
  level1: string;
  level2: string;
  items: SuggestionInfo[];
}

export interface SuggestQueryInfo {
  name: string;
  usage?: string;
  goal?: string;
  /** 三级 names already there: marked */
  existing?: string[];
  profileId?: string;
  top?: number;
  /** the project type the clerk picked (an id; '' for none); absent: recognised from the text */
  typeId?: string;
}

/** A project type of the 指标库 (`垃圾清运`, group `环境卫生与生态`). */
export type IndicatorTypeInfo = TypeInfo;

/** Suggestions for a project and the type they are for. */
export interface SuggestResultInfo {
  /** the type the list is for; undefined: none recognised (nor picked) */
  type?: IndicatorTypeInfo;
  typeBy: 'recognised' | 'picked' | 'none';
  /** the word of the project's text that led to the recognised type */
  keyword?: string;
  groups: SuggestionGroup[];
}

/** The 指标库, once loaded (its own chunk: the pane's first paint does not wait for it). */
export interface IndicatorsApi {
  /** the library's project types, in its order (for the clerk's pick) */
  types: IndicatorTypeInfo[];
  /** suggestions for a project, grouped by 二级 in the format's order */
  suggest(query: SuggestQueryInfo): SuggestResultInfo;
}

export type AddIndicatorOutcome = { ok: true; /** zh-CN: where it went */ note: string } | { ok: false; message: string };

export interface CheckResult {
  blocks: BlockInfo[];
  diagnostics: Diagnostic[];
  year?: number;
  sheets: string[];
  durationMs: number;
  /** zh-CN: what the clerk should know about this check (a protected sheet, what this Excel cannot do) */
  notices?: string[];
}

/** Settings saved in the workbook (设置 page). */
export interface PaneSettings {
  /** '' = recognised from the sheet */
  profileId: string;
  /** budget year; undefined = found in the workbook */
  year?: number;
  /** satisfaction floor in percent; undefined = the profile's */
  satisfactionFloor?: number;
  planPacing: boolean;
  /** per-rule severity or `off`; a rule not listed keeps its default */
  rules: Record<string, Severity | 'off'>;
  /** mark flagged cells in the sheet (absent: on) */
  marks?: boolean;
}

export type InsertResult =
  | { ok: true; sheet: string; range: string; /** zh-CN: why the block is not where the selection was */ note?: string }
  | { ok: false; message: string };

export interface HostCapabilities {
  /** can mark flagged cells (conditional formats) */
  highlighting: boolean;
  /** selection-changed events are delivered */
  selectionEvents: boolean;
}

export interface PaneHost {
  /** Starts the host (reads settings, runs the first check). */
  start(): Promise<void>;
  dispose(): void;
  onResult(listener: (result: CheckResult) => void): () => void;
  onSelection(listener: (ref: CellRef) => void): () => void;
  /** zh-CN message of a failed background check */
  onError?(listener: (message: string) => void): () => void;
  /** zh-CN when the shown result may be out of date (an edit not yet checked, live checking off…), else null */
  onStatus?(listener: (stale: string | null) => void): () => void;
  /** live checking on/off */
  setLive(on: boolean): void;
  recheck(): Promise<void>;
  applyFix(diagnostic: Diagnostic): Promise<void>;
  /** applies the fixes that are safe in bulk; resolves to how many were applied */
  applySafeFixes(): Promise<number>;
  /** 清除全部标记: deletes every jxmb mark in the workbook; resolves to a zh-CN line saying what was done */
  clearMarks?(): Promise<string>;
  select(ref: CellRef): Promise<void>;
  loadSettings(): Promise<PaneSettings>;
  saveSettings(settings: PaneSettings): Promise<void>;
  /** inserts a template block at the active cell (or below the used range), with 指标库 indicators added to the type's */
  insertTemplate(profileId: string, typeId: string, header: unknown, extras?: SuggestionInfo[]): Promise<InsertResult>;
  /** adds a 指标库 indicator to a recognised block, in its place (absent: the host cannot) */
  addIndicator?(block: BlockInfo, indicator: SuggestionInfo): Promise<AddIndicatorOutcome>;
  capabilities(): HostCapabilities;
}

export interface ProfileInfo {
  id: string;
  name: string;
  /** the profile's own satisfaction floor (percent) */
  satisfactionFloor?: number;
}

export interface RuleInfo {
  id: string;
  severity: Severity;
  description: string;
  defaultOff?: boolean;
  /** the rule's own word on its fixes (`bulk`: notation only, applied by 修复全部格式问题) */
  fixable?: 'one' | 'bulk';
}

export interface ProjectTypeInfo {
  id: string;
  name: string;
  description?: string;
  keywords?: string[];
  profiles?: string[];
}

/**
 * The header form as typed, by field key (all text; the profile's header schema parses it). The
 * keys are the profile's header fields (src/domain/templates/header.ts): `name`, `code`, its money
 * fields (`budget`, `fiscal`, `fiscalUpper` …, or a new format's own) and `year`.
 */
export type HeaderInput = Record<string, string>;

export type HeaderField = string;

export type HeaderValidation =
  | { ok: true; header: unknown }
  | { ok: false; errors: Partial<Record<HeaderField, string>> };

export interface PaneCatalog {
  profiles: ProfileInfo[];
  rules: RuleInfo[];
  defaultProfileId: string;
  searchTypes(query: string, profileId: string): ProjectTypeInfo[];
  validateHeader(input: HeaderInput, profileId: string): HeaderValidation;
  /** the header fields of this profile's template, in the form's order (a disclosure list has no code) */
  headerFields(profileId: string): HeaderField[];
  /** how this profile names its header fields, with the money unit (`资金总额（元）`) */
  headerLabels(profileId: string): Partial<Record<HeaderField, string>>;
  /** the 指标库, loaded the first time it is asked for (the same promise after) */
  indicators?(): Promise<IndicatorsApi>;
  /** the 三级 names a project type's template inserts (marked in the 模板 page's suggestions) */
  typeIndicatorNames?(typeId: string): string[];
}

/** Only notation fixes are applied in bulk (the domain decides which). */
export const isSafeFix = isSafeBulkFix;

/** Recently used project types, most recent first (kept in localStorage when there is one). */
export interface RecentStore {
  load(): string[];
  save(ids: string[]): void;
}

const RECENT_KEY = 'jxmb.recentTypes';

export function localRecentStore(storage: Storage | undefined = safeLocalStorage()): RecentStore {
  let memory: string[] = [];
  return {
    load() {
      if (!storage) return memory;
      try {
        const raw = storage.getItem(RECENT_KEY);
        const parsed: unknown = raw ? JSON.parse(raw) : [];
        return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
      } catch {
        return [];
      }
    },
    save(ids) {
      memory = ids.slice(0, 8);
      if (!storage) return;
      try {
        storage.setItem(RECENT_KEY, JSON.stringify(memory));
      } catch {
        /* storage full or blocked: keep the in-memory list */
      }
    },
  };
}

function safeLocalStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

/** Moves `id` to the front of the recent list. */
export function pushRecent(list: string[], id: string, max = 8): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, max);
}
