/**
 * Label normalisation and the label vocabulary of the block and list formats (docs/domain.md §2), read
 * from the registered profiles (src/domain/profiles.ts): a new format's labels are data.
 *
 * Labels are compared after removing every kind of whitespace (inner spaces, line breaks,
 * ideographic space), folding full-width punctuation to half-width (`（%）`→`(%)`, `：`→`:`) and
 * dropping a trailing colon (src/domain/text.ts). The label tables are built once per registry state.
 */

import type { FieldSpec, IndicatorRole, Profile } from '../domain/profile';
import { profiles, profilesVersion } from '../domain/profiles';
import { normLabel } from '../domain/text';

// one normaliser for the whole project (src/domain/text.ts)
export { normLabel, stripSpaces, toHalfWidth } from '../domain/text';

/** Longest text that can still be a label (longer cells are skipped without normalising). */
export const MAX_LABEL_LENGTH = 40;

/**
 * What a block label stands for: a profile field key (`code`, `budget`, `fiscalUpper` …), the same
 * key with `@2` for a label whose value is on its second row (预算规模及资金用途), `plan`, or
 * `indicators` (the indicator table's 一级指标 header).
 */
export type BlockField = string;

/** Columns of the indicator table header. */
export type IndicatorColumn = IndicatorRole;

/** The three cells of a split 指标值 (符号 | 值 | 计量单位). */
export type SplitPart = 'operator' | 'number' | 'unit';

/** Columns of a disclosure list header: the list profile's field keys. */
export type ListColumn = string;

export const PLAN_SLOT = 'plan';
export const INDICATORS_SLOT = 'indicators';

/** The slot of a field spec: its key, or `key@2` when its value sits on the label's second row. */
export function slotOf(f: FieldSpec): BlockField {
  return f.secondRow ? `${f.key}@2` : f.key;
}

/** The field key of a slot (`usage@2` → `usage`). */
export function keyOfSlot(slot: BlockField): string {
  const at = slot.indexOf('@');
  return at < 0 ? slot : slot.slice(0, at);
}

/** A header text as compared: normalised, without the system's leading `*` (required) mark. */
export function headerKey(text: string): string | undefined {
  if (text.length > MAX_LABEL_LENGTH) return undefined;
  return normLabel(text).replace(/^\*+/, '');
}

/**
 * Every profile's labels, merged: a label means the same field in every format (the first
 * registered profile wins a clash). Built once per registry state (profilesVersion).
 */
export interface Vocabulary {
  block: Map<string, BlockField>;
  columns: Map<string, IndicatorColumn>;
  splitParts: Map<string, SplitPart>;
  list: Map<string, ListColumn>;
  /** per block profile: its own normalised labels (fields, plan, 一级指标) and indicator header texts */
  own: Map<Profile, { labels: Set<string>; columns: Set<string> }>;
  /** the block profiles in registration order */
  blockProfiles: Profile[];
}

let vocab: { version: number; v: Vocabulary } | undefined;

function put<K>(m: Map<string, K>, label: string, k: K, key = normLabel): void {
  const n = key(label);
  if (n !== undefined && n !== '' && !m.has(n)) m.set(n, k);
}

const starless = (s: string) => normLabel(s).replace(/^\*+/, '');

/** The merged label tables of the registered profiles. */
export function vocabulary(): Vocabulary {
  const version = profilesVersion();
  if (vocab && vocab.version === version) return vocab.v;
  const v: Vocabulary = { block: new Map(), columns: new Map(), splitParts: new Map(), list: new Map(), own: new Map(), blockProfiles: [] };
  for (const p of profiles) {
    if (p.layout === 'list') {
      for (const f of p.fields) for (const l of f.labels) put(v.list, l, f.key);
      continue;
    }
    if (p.layout !== 'block') continue; // a `rows` table is found by its header row (src/sheet/indicator-rows.ts)
    v.blockProfiles.push(p);
    const labels = new Set<string>();
    const columns = new Set<string>();
    for (const f of p.fields) {
      for (const l of f.labels) {
        put(v.block, l, slotOf(f));
        labels.add(normLabel(l));
      }
    }
    for (const l of p.plan?.labels ?? []) {
      put(v.block, l, PLAN_SLOT);
      labels.add(normLabel(l));
    }
    for (const c of p.indicatorColumns) {
      for (const l of c.labels) {
        put(v.columns, l, c.role, starless);
        columns.add(starless(l));
        if (c.role === 'level1') {
          put(v.block, l, INDICATORS_SLOT);
          labels.add(normLabel(l));
        }
      }
    }
    const sv = p.splitValue;
    if (sv) {
      for (const [part, ls] of [['operator', sv.operator], ['number', sv.number], ['unit', sv.unit]] as [SplitPart, string[]][]) {
        for (const l of ls) {
          put(v.splitParts, l, part, starless);
          columns.add(starless(l));
        }
      }
    }
    v.own.set(p, { labels, columns });
  }
  vocab = { version, v };
  return v;
}

const UNIT_SUFFIX_RE = /\((?:万元|元)\)$/;

/** The normalised key of a text that may be a label; undefined for texts too long to be one. */
export function labelKey(text: string): string | undefined {
  return text.length > MAX_LABEL_LENGTH ? undefined : normLabel(text);
}

/** A label key without a money-unit suffix (`资金总额(元)` → `资金总额`). */
export function bareLabelKey(n: string): string {
  return n.endsWith(')') ? n.replace(UNIT_SUFFIX_RE, '') : n;
}

/** The block field a normalised label key stands for. */
export function blockLabelOfKey(n: string, v: Vocabulary = vocabulary()): BlockField | undefined {
  const block = v.block;
  const hit = block.get(n);
  if (hit) return hit;
  if (n.endsWith(')') && UNIT_SUFFIX_RE.test(n)) return block.get(n.replace(UNIT_SUFFIX_RE, ''));
  return undefined;
}

/** The list column a normalised label key stands for (a `（万元）` suffix is allowed). */
export function listColumnOfKey(n: string, v: Vocabulary = vocabulary()): ListColumn | undefined {
  const list = v.list;
  return list.get(n) ?? (n.endsWith(')') && UNIT_SUFFIX_RE.test(n) ? list.get(n.replace(UNIT_SUFFIX_RE, '')) : undefined);
}

/** The block field a cell's text labels, if it is one. */
export function blockLabelOf(text: string): BlockField | undefined {
  const n = labelKey(text);
  return n === undefined ? undefined : blockLabelOfKey(n);
}

export function indicatorColumnOf(text: string): IndicatorColumn | undefined {
  const n = headerKey(text);
  return n === undefined ? undefined : vocabulary().columns.get(n);
}

/** The split-value part a sub-header names (`*符号`, `值`, `计量单位`). */
export function splitPartOf(text: string): SplitPart | undefined {
  const n = headerKey(text);
  return n === undefined ? undefined : vocabulary().splitParts.get(n);
}

export function listColumnOf(text: string): ListColumn | undefined {
  const n = labelKey(text);
  return n === undefined ? undefined : listColumnOfKey(n);
}

/** `单位：万元`, `单位:元`, `金额单位：万元` → the money unit; anything else → undefined. */
const MONEY_UNIT_RE = /^(?:金额)?单位:(万元|元)$/;
export function moneyUnitOf(text: string): '万元' | '元' | undefined {
  if (text.length > 20) return undefined;
  const m = MONEY_UNIT_RE.exec(normLabel(text));
  return m ? (m[1] as '万元' | '元') : undefined;
}

/** A unit suffix in a label such as `预算数（元）` → the money unit it declares. */
export function labelMoneyUnit(text: string): '万元' | '元' | undefined {
  const m = /\((万元|元)\)$/.exec(normLabel(text));
  return m ? (m[1] as '万元' | '元') : undefined;
}

/** A block title (`1.镇街改革补贴项目绩效目标表`, `项目支出绩效目标表`, `预算项目绩效信息表`, `…申报表`). */
const TITLE_RE = /(?:绩效目标|目标表|绩效表|绩效信息表|申报表)|^\d{1,3}\s*[.、．]/;
export function looksLikeTitle(text: string): boolean {
  return text.length <= 120 && TITLE_RE.test(text);
}

/** A notes line that ends an indicator table (`注：…`, `说明：…`, `备注:…`). */
const NOTE_RE = /^[\s\u3000]*(?:注|说明|备注|填报说明|附注)\s*\d*\s*[:：]/;
export function looksLikeNote(text: string): boolean {
  return NOTE_RE.test(text);
}

/** Remove whitespace between two CJK characters (`调委会工作 补助经费` → `调委会工作补助经费`); trim. */
const CJK_GAP_RE = /([\u3400-\u9fff\uff08\uff09()])[\s\u00a0\u3000]+(?=[\u3400-\u9fff\uff08\uff09()])/g;
export function closeCjkGaps(s: string): string {
  return s.replace(CJK_GAP_RE, '$1').trim();
}
