/**
 * The 绩效指标 text of a disclosure list row (docs/domain.md §2.2), parsed into indicator items:
 *
 * ```
 * 一、产出指标                       ← 一级 heading
 * (一) 数量指标：                    ← 二级 heading (full/half-width brackets and colon, colon optional)
 * 1. 培训乡村两级调委会成员数 39人次   ← item: [n.] name value
 * 三、满意度指标
 * 群众满意度 ≥95%                    ← no 二级 heading under 满意度: 服务对象满意度指标 implied
 * ```
 *
 * The value is the trailing target: an operator/number/unit (`≥95%`, `≤1.02万元`, `≥ 10次`,
 * `1.15万人/年`), LaTeX residue (`$\geq 95\%$`), a date or period, or a short word after a space
 * (`提高`, `一年内`, `按年`). A value may be glued to the name when it is a number with a unit or a
 * date (`支付及时率100%`). Several numbered items on one line are split. Lines that fit no heading
 * or carry no recognisable value are returned as `unparsed`, with a Chinese reason.
 *
 * Repairs that follow the evident intent (and are not reported): a 二级 heading that belongs to
 * another 一级 than the current one (`(一) 社会效益指标` right after the 成本指标 items, the
 * `二、效益指标` heading missing) switches the 一级 to the one the 二级 belongs to; a `(三)满意度指标`
 * sub-heading switches to 满意度指标.
 */
import { normLabel } from './labels';

export interface ParsedIndicator {
  /** 一级 as written in the heading (`产出指标`), or implied from the 二级 heading */
  level1: string;
  level1Implied: boolean;
  /** 二级 as written (`数量指标`), or `服务对象满意度指标` implied under 满意度指标 */
  level2: string;
  level2Implied: boolean;
  /** 三级 name; '' for a 二级 heading with no items under it */
  name: string;
  /** the trailing target as written (`≥95%`, `$\geq 95\%$`, `提高`); '' for an empty 二级 heading */
  value: string;
  /** the source line (trimmed) */
  line: string;
  /** 0-based index of the line in the text */
  lineIndex: number;
}

export interface UnparsedIndicatorLine {
  line: string;
  lineIndex: number;
  /** zh-CN: what is wrong and what is expected */
  reason: string;
}

export interface ParsedIndicatorText {
  items: ParsedIndicator[];
  unparsed: UnparsedIndicatorLine[];
}

const CN_NUM = '[一二三四五六七八九十]+';
const H1_RE = new RegExp(`^${CN_NUM}\\s*[、.．,，]\\s*(.+)$`);
const H2_RE = new RegExp(`^[(（]\\s*(?:${CN_NUM}|\\d{1,2})\\s*[)）]\\s*[、.．]?\\s*(.+)$`);
const DIGIT_NUMBERING_RE = /^\d{1,2}\s*[.．、]\s*(.+)$/;
const NUMBERING_RE = new RegExp(`^(?:\\d{1,2}\\s*[.．、]|[(（]\\s*(?:\\d{1,2}|${CN_NUM})\\s*[)）]|\\d{1,2}\\s*[)）]|${CN_NUM}\\s*[、.．])\\s*`);
const HEADING_WITH_REST_RE = /^(.{1,14}?指标)\s*[:：]\s*(.+)$/;
const ENDS_WITH_INDICATOR_RE = /指标$/;

/** Known 一级 names (canonical and alias) → canonical family. */
const LEVEL1_FAMILY = new Map<string, string>([
  ['产出指标', '产出指标'],
  ['效益指标', '效益指标'],
  ['效果指标', '效益指标'],
  ['满意度指标', '满意度指标'],
  ['成本指标', '成本指标'],
]);

/** Known 二级 names (canonical and alias) → the 一级 family they belong to. */
const LEVEL2_FAMILY = new Map<string, string>([
  ['数量指标', '产出指标'],
  ['质量指标', '产出指标'],
  ['时效指标', '产出指标'],
  ['成本指标', '产出指标'],
  ['经济效益指标', '效益指标'],
  ['社会效益指标', '效益指标'],
  ['生态效益指标', '效益指标'],
  ['环境效益指标', '效益指标'],
  ['可持续影响指标', '效益指标'],
  ['可持续性影响指标', '效益指标'],
  ['可持续性影响', '效益指标'],
  ['可持续影响', '效益指标'],
  ['服务对象满意度指标', '满意度指标'],
  ['满意度指标', '满意度指标'],
  ['社会公众或服务对象满意度指标', '满意度指标'],
  ['经济成本指标', '成本指标'],
  ['社会成本指标', '成本指标'],
  ['生态环境成本指标', '成本指标'],
]);

const IMPLIED_SATISFACTION_LEVEL2 = '服务对象满意度指标';

// ---- values ---------------------------------------------------------------------------------

const OP = '(?:>=|<=|≥|≤|＞|＜|＝|≧|≦|>|<|=|不低于|不少于|不超过|不高于|大于等于|小于等于|大于|小于|高于|低于|达到|约)';
const NUM = '\\d+(?:[.．]\\d+)?';
const KNOWN_UNIT =
  '(?:%|％|‰|百分比|百分百|万元|亿元|千元|元|万人次|万人|人次|人|次|个月|个|户|村|份|场|期|项|名|批|天|日|月|年|平方米|平米|公里|千米|米|亩|册|条|块|起|件|台|套|所|家|座|间|处|辆|吨|小时|周|季度|篇|本|张|课时|学时|班|株|棵|公顷|元\\/平方米)';
const PER = '(?:\\s*[/／][\\u4e00-\\u9fa5A-Za-z]{1,4}){0,3}';
const DATE =
  '(?:\\d{4}\\s*年(?:\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?)?(?:\\s*(?:至|到|-|－|—|~|～)\\s*(?:\\d{4}\\s*年)?\\s*\\d{1,2}\\s*月(?:\\s*\\d{1,2}\\s*日)?)?(?:底前|之前|以前|前|底|内|完成)?)';

const LATEX_TAIL_RE = /^(.*?)\s*(\$[^$]*\d[^$]*\$)\s*$/;
const SPACED_OP_TAIL_RE = new RegExp(`^(.*?\\S)\\s+(${OP}\\s*${NUM}\\S*)$`);
const LAST_TOKEN_RE = /^(.*\S)[\s\u3000]+(\S+)$/;
const GLUED_DATE_TAIL_RE = new RegExp(`^(.*?[^\\d\\s.．])(${DATE})$`);
const GLUED_NUM_TAIL_RE = new RegExp(`^(.*?[^\\d\\s.．])(${OP}?\\s*${NUM}\\s*${KNOWN_UNIT}${PER})$`);
const PUNCT_ONLY_RE = /^[\p{P}\p{S}]+$/u;
const EDGE_PUNCT_RE = /^[\s:：,，、.。;；]+|[\s:：,，、;；]+$/g;
/** A numbered item starting inside a line: ` 2. 监理费…` (a space, a number, a dot, then no digit). */
const INNER_ITEM_RE = /[\s\u3000]+(?=\d{1,2}\s*[.．、]\s*[^\d\s])/g;

const MAX_WORD_VALUE = 16;

export interface SplitTarget {
  name: string;
  value: string;
}

function cleanName(s: string): string {
  return s.replace(EDGE_PUNCT_RE, '').trim();
}

/**
 * Split an item body (numbering removed) into name and trailing target. Returns undefined when
 * no value can be recognised.
 */
export function splitTarget(body: string): SplitTarget | undefined {
  const s = body.trim();
  if (s === '') return undefined;
  let m = LATEX_TAIL_RE.exec(s);
  if (m) return { name: cleanName(m[1]), value: m[2] };
  m = SPACED_OP_TAIL_RE.exec(s);
  if (m) return { name: cleanName(m[1]), value: m[2] };
  m = LAST_TOKEN_RE.exec(s);
  if (m && m[2].length <= MAX_WORD_VALUE && !PUNCT_ONLY_RE.test(m[2])) {
    const name = cleanName(m[1]);
    if (name !== '') return { name, value: m[2] };
  }
  m = GLUED_DATE_TAIL_RE.exec(s);
  if (m) return { name: cleanName(m[1]), value: m[2].trim() };
  m = GLUED_NUM_TAIL_RE.exec(s);
  if (m) return { name: cleanName(m[1]), value: m[2].trim() };
  return undefined;
}

/** Split `1. 设计费 0.76万元 2. 监理费0.5万元` into its items (only where each piece has a value). */
export function splitItems(line: string): string[] {
  INNER_ITEM_RE.lastIndex = 0;
  const cuts: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = INNER_ITEM_RE.exec(line)) !== null) {
    if (m.index > 0) cuts.push(m.index);
    if (m[0].length === 0) INNER_ITEM_RE.lastIndex++;
  }
  if (cuts.length === 0) return [line];
  const pieces: string[] = [];
  let start = 0;
  for (const cut of cuts) {
    const piece = line.slice(start, cut).trim();
    // keep a piece only if it ends with a recognisable value; otherwise the "n." belongs to the text
    if (splitTarget(stripNumbering(piece)) !== undefined) {
      pieces.push(piece);
      start = cut;
    }
  }
  pieces.push(line.slice(start).trim());
  return pieces.filter((p) => p !== '');
}

function stripNumbering(s: string): string {
  return s.replace(NUMBERING_RE, '');
}

type Heading = { level: 1 | 2; name: string; rest?: string };

function headingOf(line: string): Heading | undefined {
  let m = H1_RE.exec(line);
  if (m) {
    const name = normLabel(m[1]);
    if (ENDS_WITH_INDICATOR_RE.test(name) && name.length <= 12) return { level: 1, name };
    const w = HEADING_WITH_REST_RE.exec(m[1]);
    if (w && LEVEL1_FAMILY.has(normLabel(w[1]))) return { level: 1, name: normLabel(w[1]), rest: w[2] };
    return undefined;
  }
  m = H2_RE.exec(line);
  if (m) {
    const name = normLabel(m[1]);
    if (ENDS_WITH_INDICATOR_RE.test(name) && name.length <= 16) return { level: 2, name };
    const w = HEADING_WITH_REST_RE.exec(m[1]);
    if (w) return { level: 2, name: normLabel(w[1]), rest: w[2] };
    return undefined;
  }
  const bare = normLabel(line);
  if (LEVEL1_FAMILY.has(bare) && !LEVEL2_FAMILY.has(bare)) return { level: 1, name: bare };
  if (LEVEL2_FAMILY.has(bare)) {
    // `成本指标` / `满意度指标` alone: a 二级 if we are under a 一级 — decided by the caller
    return { level: LEVEL1_FAMILY.has(bare) ? 1 : 2, name: bare };
  }
  m = DIGIT_NUMBERING_RE.exec(line);
  if (m) {
    const name = normLabel(m[1]);
    if (LEVEL2_FAMILY.has(name) && !LEVEL1_FAMILY.has(name)) return { level: 2, name };
  }
  return undefined;
}

/** Parse a 绩效指标 cell's text. Never throws. */
export function parseIndicatorText(text: string): ParsedIndicatorText {
  const items: ParsedIndicator[] = [];
  const unparsed: UnparsedIndicatorLine[] = [];
  let level1: string | undefined;
  let level1Implied = false;
  let level2: string | undefined;
  let level2HasItems = true;
  let level2Line = '';
  let level2LineIndex = -1;

  const closeLevel2 = () => {
    if (level1 !== undefined && level2 !== undefined && !level2HasItems) {
      // a 二级 heading with nothing under it: an empty row (indicator/empty-level2)
      items.push({
        level1,
        level1Implied,
        level2,
        level2Implied: false,
        name: '',
        value: '',
        line: level2Line,
        lineIndex: level2LineIndex,
      });
    }
    level2HasItems = true;
  };

  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let h = headingOf(line);
    // a bare `成本指标` / `满意度指标` under a 一级 that has it as 二级 is a 二级 heading
    if (h && h.level === 1 && h.rest === undefined && level1 !== undefined && LEVEL2_FAMILY.has(h.name)) {
      const fam = LEVEL2_FAMILY.get(h.name);
      if (fam === LEVEL1_FAMILY.get(level1) && h.name !== level1) h = { level: 2, name: h.name };
    }
    let itemText: string | undefined;
    if (h && h.level === 1) {
      closeLevel2();
      level1 = h.name;
      level1Implied = false;
      level2 = undefined;
      itemText = h.rest;
    } else if (h && h.level === 2) {
      closeLevel2();
      const fam = LEVEL2_FAMILY.get(h.name);
      const cur = level1 === undefined ? undefined : LEVEL1_FAMILY.get(level1);
      if (fam !== undefined && (level1 === undefined || (cur !== undefined && cur !== fam))) {
        // the 二级 belongs to another (known) 一级: the 一级 heading is missing or misplaced
        level1 = fam;
        level1Implied = true;
      }
      level2 = h.name;
      level2HasItems = false;
      level2Line = line;
      level2LineIndex = i;
      itemText = h.rest;
    } else {
      itemText = line;
    }
    if (itemText === undefined) continue;
    for (const piece of splitItems(itemText)) {
      const body = stripNumbering(piece);
      // `1. 保洁员人数：` — a numbered name ending in a colon is a value left blank (the template's
      // form), read as an indicator without a value rather than as an unreadable line
      const slot = body !== piece ? /^(.*[^\s：:])\s*[：:]\s*$/.exec(body) : null;
      const t = slot ? { name: slot[1].trim(), value: '' } : splitTarget(body);
      if (!t) {
        unparsed.push({
          line,
          lineIndex: i,
          reason: `未找到指标值：“${piece}”应写作“指标名称 指标值”（名称与指标值之间空一格，如“培训人数 39人次”“支付及时率 100%”）`,
        });
        level2HasItems = true; // the heading is not empty: its line is reported as unparsed
        continue;
      }
      if (t.name === '') {
        level2HasItems = true;
        unparsed.push({ line, lineIndex: i, reason: `只有指标值“${t.value}”，缺少指标名称：应写作“指标名称 指标值”` });
        continue;
      }
      if (level1 === undefined) {
        unparsed.push({
          line,
          lineIndex: i,
          reason: `“${piece}”不在任何一级指标标题之下，无法归类：应先写一级指标标题，如“一、产出指标”`,
        });
        continue;
      }
      let l2 = level2;
      let l2Implied = false;
      if (l2 === undefined) {
        if (LEVEL1_FAMILY.get(level1) === '满意度指标') {
          l2 = IMPLIED_SATISFACTION_LEVEL2;
          l2Implied = true;
        } else {
          unparsed.push({
            line,
            lineIndex: i,
            reason: `“${piece}”不在任何二级指标标题之下，无法归类：应写在二级指标标题下，如“(一) 数量指标：”`,
          });
          continue;
        }
      }
      level2HasItems = true;
      items.push({ level1, level1Implied, level2: l2, level2Implied: l2Implied, name: t.name, value: t.value, line, lineIndex: i });
    }
  }
  closeLevel2();
  return { items, unparsed };
}
