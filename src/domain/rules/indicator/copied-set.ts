import type { Block } from '../../model';
import { defineRule } from '../../rule';
import { normLabel, quote } from '../../text';
import { fieldText, hasName, indicatorsAnchor, isProjectBlock, isSatisfactionRow, resolveRows } from './rows';

/** shared (三级 name, 指标值) pairs needed, and their share of the smaller block's non-满意度 rows */
export const COPIED_MIN_PAIRS = 5;
export const COPIED_MIN_SHARE = 0.6;
/**
 * A pair shared by more distinct indicator sets than this is boilerplate of the whole workbook,
 * not copying between two projects; skipping it keeps the pair counting linear in the blocks.
 */
export const COPIED_MAX_POSTING = 64;

interface Entry {
  block: Block;
  /** distinct (name, value) keys outside 满意度 */
  keys: string[];
  /** non-满意度 rows with a 三级 name */
  rows: number;
  name: string;
  code: string;
}

function projectName(b: Block): string {
  return normLabel(fieldText(b.name));
}

function projectCode(b: Block): string {
  return normLabel(fieldText(b.code)).toUpperCase();
}

function sameProject(a: Entry, b: Entry): boolean {
  return (a.name !== '' && a.name === b.name) || (a.code !== '' && a.code === b.code);
}

/**
 * indicator/copied-set — two blocks of different projects share ≥5 identical (三级 name, 指标值)
 * pairs outside 满意度 (and outside the rows the format fixes), and those are ≥60% of the smaller
 * block's non-满意度 rows. Reported on both.
 *
 * Near-linear: blocks with the same key set are grouped by a hash of the set; pairs are counted
 * through an inverted index key → groups, so only groups that share a key are ever compared.
 */
export const indicatorCopiedSet = defineRule({
  id: 'indicator/copied-set',
  severity: 'warning',
  scope: 'workbook',
  description: '不同项目的绩效指标大量雷同（疑似照抄）',
  messages: {
    copied:
      '本项目有{{count}}组三级指标及指标值与“{{other}}”（{{otherCell}}）完全相同（如“{{example}}”）：不同项目的绩效指标应按各自的内容和资金用途填写，请核对是否照抄',
  },
  check(ctx) {
    const entries: Entry[] = [];
    // the rows the system fixes in every table (the 一体化 成本控制率 row) are nobody's copy
    const fixed = new Set((ctx.profile.fixedIndicators ?? []).map((f) => normLabel(f.level3)));
    for (const block of ctx.blocks) {
      if (!isProjectBlock(block)) continue;
      const rows = resolveRows(ctx.profile, block).filter((r) => hasName(r) && !isSatisfactionRow(r) && !fixed.has(r.name));
      const keys = new Set<string>();
      for (const r of rows) {
        if (r.value.kind === 'empty') continue;
        const v = r.value.canonical ?? normLabel(r.value.raw);
        keys.add(`${r.name}\u0000${v}`);
      }
      if (keys.size < COPIED_MIN_PAIRS) continue;
      entries.push({ block, keys: [...keys].sort(), rows: rows.length, name: projectName(block), code: projectCode(block) });
    }

    // groups of blocks with identical key sets
    const groups = new Map<string, Entry[]>();
    for (const e of entries) {
      const sig = e.keys.join('\u0001');
      const g = groups.get(sig);
      if (g) g.push(e);
      else groups.set(sig, [e]);
    }
    const groupList = [...groups.values()];

    // best partner per block: [partner, shared count, example key]
    const best = new Map<Block, { other: Entry; count: number; example: string }>();
    const offer = (a: Entry, b: Entry, count: number, example: string) => {
      const cur = best.get(a.block);
      if (!cur || count > cur.count || (count === cur.count && b.block.index < cur.other.block.index))
        best.set(a.block, { other: b, count, example });
    };
    const qualifies = (a: Entry, b: Entry, count: number) =>
      count >= COPIED_MIN_PAIRS && count >= COPIED_MIN_SHARE * Math.min(a.rows, b.rows);

    // within a group: every block of one project is a copy of the first block of another project
    for (const g of groupList) {
      for (const a of g) {
        const b = g.find((x) => x !== a && !sameProject(a, x));
        if (b && qualifies(a, b, a.keys.length)) offer(a, b, a.keys.length, a.keys[0]);
      }
    }

    // across groups: count shared keys through the inverted index
    const postings = new Map<string, number[]>();
    groupList.forEach((g, gi) => {
      for (const k of g[0].keys) {
        const p = postings.get(k);
        if (p) p.push(gi);
        else postings.set(k, [gi]);
      }
    });
    const shared = new Map<number, Map<number, { count: number; example: string }>>();
    for (const [key, p] of postings) {
      if (p.length < 2 || p.length > COPIED_MAX_POSTING) continue;
      for (let i = 0; i < p.length; i++) {
        let m = shared.get(p[i]);
        if (!m) shared.set(p[i], (m = new Map()));
        for (let j = i + 1; j < p.length; j++) {
          const s = m.get(p[j]);
          if (s) s.count++;
          else m.set(p[j], { count: 1, example: key });
        }
      }
    }
    for (const [gi, m] of shared) {
      for (const [gj, s] of m) {
        if (s.count < COPIED_MIN_PAIRS) continue;
        for (const a of groupList[gi]) {
          for (const b of groupList[gj]) {
            if (sameProject(a, b) || !qualifies(a, b, s.count)) continue;
            offer(a, b, s.count, s.example);
            offer(b, a, s.count, s.example);
            break; // one partner of the other group is enough for `a`; `b`s get theirs below
          }
        }
        for (const b of groupList[gj]) {
          if (best.has(b.block)) continue;
          const a = groupList[gi].find((x) => !sameProject(x, b) && qualifies(x, b, s.count));
          if (a) offer(b, a, s.count, s.example);
        }
      }
    }

    for (const e of entries) {
      const hit = best.get(e.block);
      if (!hit) continue;
      const [name, value] = hit.example.split('\u0000');
      ctx.report({
        at: e.block.name?.cell ?? indicatorsAnchor(e.block),
        block: e.block,
        messageId: 'copied',
        data: {
          count: hit.count,
          other: quote(fieldText(hit.other.block.name) || `第${hit.other.block.index + 1}个项目`),
          otherCell: `${hit.other.block.sheet}!${hit.other.block.name?.cell ?? hit.other.block.anchor}`,
          example: `${name} ${value}`,
        },
        related: [hit.other.block.name?.cell ?? hit.other.block.anchor],
      });
    }
  },
});
