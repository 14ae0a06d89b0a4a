/**
 * Recognition of `rows` tables (docs/domain.md §2.8): one row per indicator, the project's fields written
 * on its first row (merged down, or blank below), driven by the `rows` profiles' data — their field
 * columns (`fields`), indicator columns (`indicatorColumns`), split 指标值 (`splitValue`) and money
 * unit. No code here asks for a profile by its id.
 *
 * - The header row holds the profile's field and indicator headers in any order, with other columns
 *   between them (分值, 备注 …): it is a header when it holds 项目名称, 一级指标, 三级指标 and the
 *   指标值 (or its 指标性质). Of two columns a role's labels both name (权重 and 分值), the one the
 *   profile lists first is read.
 * - Below it, a project starts where 项目名称 is filled and owns the rows below it. A row with
 *   项目名称 blank and no indicator cell filled but an amount or a unit (the department row
 *   `820-马踏镇部门`, a unit total) is not a project: it ends the one before. The header repeated
 *   after a page break, the title and the `金额单位:元` line repeated with it are skipped, and the
 *   project goes on below them. A `注：` line ends the table.
 * - Rows with indicators but no project above them (a table that starts mid-project) are counted in
 *   the sheet's note, never read as a project of their own.
 * - The value is 指标性质 + 指标值 + 度量单位 read as one (§2.5, src/domain/split-value.ts); without a
 *   指标性质 column the 指标值 cell is read whole (§4).
 *
 * Linear in the rows of the table; never throws on any grid.
 */
import type { Block, Field, IndicatorRow } from '../domain/model';
import { BLOCK_FIELD_KEYS, type IndicatorRole, type Profile } from '../domain/profile';
import { profiles } from '../domain/profiles';
import { readSplitValue } from '../domain/split-value';
import { cellAddress, displayText, makeField } from './display';
import type { GridSheet } from './grid';
import { closeCjkGaps, headerKey, labelMoneyUnit, looksLikeNote, looksLikeTitle, moneyUnitOf, normLabel, type SplitPart } from './labels';

/** What a header cell of a `rows` table stands for. */
type Target = { kind: 'field'; key: string } | { kind: 'role'; role: IndicatorRole } | { kind: 'split'; part: SplitPart };

interface HeaderMatch {
  profile: Profile;
  /** column of each target (by `targetId`) */
  cols: Map<string, number>;
  /** normalised header text of each column */
  texts: Map<number, string>;
  left: number;
  right: number;
}

export interface RowsBlock {
  block: Omit<Block, 'index'>;
  top: number;
  bottom: number;
}

export interface RowsTables {
  built: RowsBlock[];
  /** rows the tables take (header to last row), so no other reader looks into them */
  spans: { from: number; to: number }[];
  /** zh-CN notes for the sheet (rows that belong to no project) */
  notes: string[];
}

const targetId = (t: Target) => (t.kind === 'field' ? `field:${t.key}` : t.kind === 'role' ? t.role : t.part);

/** Header key → targets with their rank (the label's position among the target's labels), per `rows` profile. */
const tables = new WeakMap<Profile, Map<string, { target: Target; rank: number }[]>>();

function headerTable(p: Profile): Map<string, { target: Target; rank: number }[]> {
  const hit = tables.get(p);
  if (hit) return hit;
  const m = new Map<string, { target: Target; rank: number }[]>();
  const put = (label: string, target: Target, rank: number) => {
    const k = headerKey(label);
    if (!k) return;
    const list = m.get(k) ?? [];
    list.push({ target, rank });
    m.set(k, list);
  };
  for (const f of p.fields) f.labels.forEach((l, i) => put(l, { kind: 'field', key: f.key }, i));
  for (const c of p.indicatorColumns) c.labels.forEach((l, i) => put(l, { kind: 'role', role: c.role }, i));
  const sv = p.splitValue;
  if (sv) {
    for (const part of ['operator', 'number', 'unit'] as const) sv[part].forEach((l, i) => put(l, { kind: 'split', part }, i));
  }
  tables.set(p, m);
  return m;
}

/** A header key without a money-unit suffix (`预算数（元）` → `预算数`). */
function bareKey(k: string): string {
  return k.replace(/\((?:万元|元)\)$/, '');
}

function cellText(sheet: GridSheet, r: number, c: number): string {
  const v = sheet.values[r]?.[c];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v.trim();
  return displayText(v, sheet.formats?.[r]?.[c]);
}

/** Row r read as a header of profile p, or undefined when it is not one. */
function matchHeader(sheet: GridSheet, r: number, p: Profile): HeaderMatch | undefined {
  const row = sheet.values[r];
  if (!Array.isArray(row)) return undefined;
  const table = headerTable(p);
  const best = new Map<string, { col: number; rank: number }>();
  const texts = new Map<number, string>();
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (typeof v !== 'string' || v.length === 0 || v.length > 40) continue;
    const k = headerKey(v);
    if (!k) continue;
    const hits = table.get(k) ?? table.get(bareKey(k));
    if (!hits) continue;
    texts.set(c, k);
    for (const { target, rank } of hits) {
      const id = targetId(target);
      const cur = best.get(id);
      if (!cur || rank < cur.rank) best.set(id, { col: c, rank });
    }
  }
  const has = (id: string) => best.has(id);
  if (!has('field:name') || !has('level1') || !has('level3') || !(has('number') || has('value') || has('operator'))) return undefined;
  // one column, one meaning: a column two targets claim keeps the one whose label ranks first
  const byCol = new Map<number, { id: string; rank: number }>();
  for (const [id, { col, rank }] of best) {
    const cur = byCol.get(col);
    if (!cur || rank < cur.rank) byCol.set(col, { id, rank });
  }
  const cols = new Map<string, number>();
  for (const [col, { id }] of byCol) cols.set(id, col);
  if (!cols.has('field:name') || !cols.has('level1') || !cols.has('level3')) return undefined;
  const all = [...cols.values()];
  return { profile: p, cols, texts, left: Math.min(...all), right: Math.max(...all) };
}

/** The header of any `rows` profile on row r (the forced one only, when forced): the best-matching. */
function headerAt(sheet: GridSheet, r: number, candidates: Profile[]): HeaderMatch | undefined {
  let best: HeaderMatch | undefined;
  for (const p of candidates) {
    const m = matchHeader(sheet, r, p);
    if (m && (!best || m.cols.size > best.cols.size)) best = m;
  }
  return best;
}

/** The same header again (a page break): most of the header's texts in the same columns. */
function repeatsHeader(sheet: GridSheet, r: number, h: HeaderMatch): boolean {
  let same = 0;
  for (const [c, k] of h.texts) if (headerKey(cellText(sheet, r, c)) === k) same++;
  return same >= Math.min(3, h.texts.size);
}

const OWN_FIELDS = new Set<string>(BLOCK_FIELD_KEYS);
const INDICATOR_IDS = ['level1', 'level2', 'level3', 'operator', 'number', 'unit', 'value', 'weight', 'direction'];

interface Project {
  first: number;
  rows: number[];
  name: string;
}

/**
 * The `rows` tables of a sheet, from the rows that may hold their header (`candidates`: rows the
 * label scan found 一级指标, a list or a 汇总 header on). `forced`: read with this `rows` profile only.
 */
export function findRowsTables(sheet: GridSheet, candidates: Iterable<number>, forced?: Profile): RowsTables {
  const out: RowsTables = { built: [], spans: [], notes: [] };
  const rowsProfiles = forced ? (forced.layout === 'rows' ? [forced] : []) : profiles.filter((p) => p.layout === 'rows');
  if (rowsProfiles.length === 0) return out;
  const nRows = Array.isArray(sheet.values) ? sheet.values.length : 0;
  const rowsSorted = [...new Set(candidates)].filter((r) => r >= 0 && r < nRows).sort((a, b) => a - b);
  let orphans = 0;
  for (const hr of rowsSorted) {
    if (out.spans.some((s) => hr >= s.from && hr < s.to)) continue;
    const h = headerAt(sheet, hr, rowsProfiles);
    if (!h) continue;
    const res = readTable(sheet, hr, h, nRows);
    out.built.push(...res.built);
    out.spans.push({ from: hr, to: res.end + 1 });
    orphans += res.orphans;
  }
  if (orphans > 0) out.notes.push(`有${orphans}行指标上方没有项目名称，不属于任何项目，未检查`);
  return out;
}

function readTable(sheet: GridSheet, hr: number, h: HeaderMatch, nRows: number): { built: RowsBlock[]; end: number; orphans: number } {
  const col = (id: string) => h.cols.get(id);
  const nameCol = col('field:name') as number;
  const isEmpty = (r: number, c: number | undefined) => c === undefined || cellText(sheet, r, c) === '';
  const indicatorCols = INDICATOR_IDS.map(col).filter((c): c is number => c !== undefined);
  const fieldCols = h.profile.fields.map((f) => col(`field:${f.key}`)).filter((c): c is number => c !== undefined);
  const moneyCols = h.profile.fields.filter((f) => f.money).map((f) => col(`field:${f.key}`));
  const unitCol = col('field:unitName');

  const projects: Project[] = [];
  const skipped = new Set<number>(); // header repeats inside the table
  let cur: Project | undefined;
  let end = hr;
  let orphans = 0;
  for (let r = hr + 1; r < nRows; r++) {
    let any = false;
    for (let c = h.left; c <= h.right && !any; c++) if (!isEmpty(r, c)) any = true;
    if (!any) continue;
    const first = firstText(sheet, r, h.right);
    if (looksLikeNote(first)) break;
    if (matchHeader(sheet, r, h.profile) && repeatsHeader(sheet, r, h)) {
      skipped.add(r);
      end = r;
      continue;
    }
    const name = cellText(sheet, r, nameCol);
    const hasIndicator = indicatorCols.some((c) => !isEmpty(r, c));
    if (name === '' && !hasIndicator) {
      // a department or unit row (a code, a total) ends the project; a repeated title or unit line does not
      const lineOnly = moneyUnitOf(first) !== undefined || (looksLikeTitle(first) && !fieldCols.some((c) => c !== unitCol && !isEmpty(r, c)));
      if (!lineOnly && (moneyCols.some((c) => !isEmpty(r, c)) || !isEmpty(r, unitCol))) cur = undefined;
      end = r;
      continue;
    }
    end = r;
    if (name !== '' && (!cur || normLabel(name) !== cur.name || !sameProjectRow(sheet, r, cur.first, fieldCols, nameCol))) {
      cur = { first: r, rows: [], name: normLabel(name) };
      projects.push(cur);
    }
    if (!cur) {
      orphans++;
      continue;
    }
    if (hasIndicator) cur.rows.push(r);
    else if (r !== cur.first) skipped.add(r);
  }
  const moneyUnit = tableMoneyUnit(sheet, hr, h);
  const built = projects.map((p) => buildProject(sheet, hr, h, p, skipped, moneyUnit));
  return { built, end, orphans };
}

/** Row r repeats the project of row `first` (its fields written on every row): no other field differs. */
function sameProjectRow(sheet: GridSheet, r: number, first: number, fieldCols: number[], nameCol: number): boolean {
  for (const c of fieldCols) {
    if (c === nameCol) continue;
    const t = cellText(sheet, r, c);
    if (t !== '' && normLabel(t) !== normLabel(cellText(sheet, first, c))) return false;
  }
  return true;
}

/** The first text of row r, from column A to a little right of the table. */
function firstText(sheet: GridSheet, r: number, right: number): string {
  const row = sheet.values[r];
  if (!Array.isArray(row)) return '';
  for (let c = 0; c < row.length && c <= right + 4; c++) {
    const t = cellText(sheet, r, c);
    if (t !== '') return t;
  }
  return '';
}

/** `金额单位:元` in the rows above the header, else a `（元）` suffix on an amount header, else the profile's. */
function tableMoneyUnit(sheet: GridSheet, hr: number, h: HeaderMatch): '万元' | '元' {
  for (let r = hr - 1; r >= 0 && r >= hr - 3; r--) {
    const row = sheet.values[r];
    if (!Array.isArray(row)) continue;
    for (let c = 0; c < row.length && c <= h.right + 4; c++) {
      const mu = moneyUnitOf(cellText(sheet, r, c));
      if (mu) return mu;
    }
  }
  for (const f of h.profile.fields) {
    const c = h.cols.get(`field:${f.key}`);
    if (!f.money || c === undefined) continue;
    const mu = labelMoneyUnit(cellText(sheet, hr, c));
    if (mu) return mu;
  }
  return h.profile.moneyUnit;
}

function buildProject(sheet: GridSheet, hr: number, h: HeaderMatch, p: Project, skipped: Set<number>, moneyUnit: '万元' | '元'): RowsBlock {
  const profile = h.profile;
  const col = (id: string) => h.cols.get(id);
  const mapped = new Map<number, Set<number>>();
  const take = (r: number, c: number): Field => {
    let s = mapped.get(r);
    if (!s) mapped.set(r, (s = new Set()));
    s.add(c);
    return makeField(sheet, r, c);
  };
  const top = p.first;
  const bottom = Math.max(top, ...p.rows);
  // the header is shared by every project of the table, outside each one's range: no label cells of its own
  const labels: Record<string, string> = {};
  const values = new Map<string, Field>();
  for (const f of profile.fields) {
    const c = col(`field:${f.key}`);
    if (c === undefined) continue;
    const field = take(top, c);
    values.set(f.key, f.key === 'name' ? { ...field, text: closeCjkGaps(field.text) } : field);
  }

  const c1 = col('level1') as number;
  const c2 = col('level2');
  const c3 = col('level3') as number;
  const cOp = col('operator');
  const cNum = col('number') ?? col('value');
  const cUnit = col('unit');
  const cDesc = col('description');
  const cW = col('weight');
  const cDir = col('direction');
  const blankAt = (r: number, c: number): Field => ({ cell: cellAddress(sheet, r, c), value: null, text: '' });
  const indicators: IndicatorRow[] = [];
  let prev1: Field | undefined;
  let prev2: Field | undefined;
  for (const r of p.rows) {
    let level1: Field;
    let level2: Field;
    let inh1 = false;
    let inh2 = false;
    let new1 = false;
    if (cellText(sheet, r, c1) === '' && prev1) {
      level1 = prev1;
      inh1 = true;
    } else {
      level1 = take(r, c1);
      new1 = prev1 === undefined || normLabel(prev1.text) !== normLabel(level1.text);
    }
    if (c2 === undefined) level2 = blankAt(r, c1);
    else if (cellText(sheet, r, c2) === '' && prev2 && !new1) {
      level2 = prev2;
      inh2 = true;
    } else level2 = take(r, c2);
    const row: IndicatorRow = {
      row: r + (sheet.origin?.row ?? 0),
      level1,
      level2,
      level3: take(r, c3),
      value: cNum !== undefined ? take(r, cNum) : blankAt(r, c3),
      inherited: { level1: inh1, level2: inh2 },
    };
    if (cOp !== undefined && cNum !== undefined) {
      const parts = {
        operator: take(r, cOp),
        number: row.value,
        unit: cUnit !== undefined ? take(r, cUnit) : blankAt(r, cNum),
      };
      const reading = readSplitValue(parts);
      row.value = { cell: parts.number.cell, value: reading.text === '' ? null : reading.text, text: reading.text };
      row.split = parts;
    } else if (cUnit !== undefined && cNum !== undefined && cellText(sheet, r, cUnit) !== '') {
      // 指标值 and 度量单位 without 指标性质: the value is the two together (`95` + `%`)
      take(r, cUnit);
      const text = `${row.value.text}${cellText(sheet, r, cUnit)}`;
      row.value = { ...row.value, value: text, text };
    }
    if (cDesc !== undefined) row.description = take(r, cDesc);
    if (cW !== undefined) row.weight = take(r, cW);
    if (cDir !== undefined) row.direction = take(r, cDir);
    const cRemark = col('remark');
    if (cRemark !== undefined) take(r, cRemark);
    indicators.push(row);
    prev1 = level1;
    prev2 = level2;
  }

  const otherCells: Field[] = [];
  for (let r = top; r <= bottom; r++) {
    if (skipped.has(r)) continue;
    for (let c = h.left; c <= h.right; c++) {
      if (mapped.get(r)?.has(c) || cellText(sheet, r, c) === '') continue;
      // a project field written again on a row below (no merge) is the project's, not other content
      if (r !== top && profile.fields.some((f) => col(`field:${f.key}`) === c && normLabel(cellText(sheet, r, c)) === normLabel(cellText(sheet, top, c)))) continue;
      otherCells.push(makeField(sheet, r, c));
    }
  }

  const nameField = values.get('name') as Field;
  const block: Omit<Block, 'index'> = {
    profile: profile.id,
    sheet: sheet.name,
    range: `${cellAddress(sheet, top, h.left)}:${cellAddress(sheet, bottom, h.right)}`,
    anchor: nameField.cell,
    moneyUnit,
    labels,
    indicators,
    unparsed: [],
    otherCells,
  };
  const own = block as Record<string, unknown>;
  for (const [key, f] of values) {
    if (OWN_FIELDS.has(key)) own[key] = f;
    else (block.extra ??= {})[key] = f;
  }
  return { block, top, bottom };
}
