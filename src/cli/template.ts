/**
 * `jxmb template` — writes a blank (or header-filled) 绩效目标表 workbook from the template library,
 * the offline way to get a form; `jxmb template --list` lists the project types.
 *
 *   jxmb template --profile hebei-project --type 农村保洁员经费 --year 2025 -o 保洁.xlsx
 *   jxmb template --profile hebei-yth-annual --type 保洁 --field 资金总额=156000 --field 上级补助=100000 -o 申报表.xlsx
 *   jxmb template --type all --year 2025 --unit 昌黎县安山镇人民政府本级 --unit-code 813001 -o 全部.xlsx
 *   jxmb template --list [--profile disclosure-list] [--type 保洁]
 *
 * The header is the profile's (src/domain/templates/header.ts): `--field 名称=值` (repeatable) fills a
 * header field by the format's own name for it (`资金总额`, `上级补助`, `预算年度`…) or its key; the
 * older flags (--name --code --budget --fiscal --other --upper --local) are aliases of the fields of
 * those keys. With --unit --unit-code --money-unit --plan the header is validated first; a bad header
 * is refused with a Chinese message naming the field and nothing is written.
 */
import { Command } from 'commander';
import * as path from 'path';
import { getProfile, profiles } from '../domain/profiles';
import type { Profile } from '../domain/profile';
import { fieldSpec } from '../domain/profile';
import { normLabel } from '../domain/text';
import {
  findType,
  fitsText,
  headerCaption,
  headerFields,
  normalizeQuery,
  parseHeader,
  scoreType,
  searchTypes,
  typeFits,
  typesForProfile,
  type ProjectType,
} from '../domain/templates';
import { renderWorkbook } from '../sheet/render';
import { writeTemplateXlsx } from './template-xlsx';

export interface TemplateOptions {
  profile?: string;
  type?: string;
  year?: string;
  output?: string;
  list?: boolean;
  name?: string;
  code?: string;
  budget?: string;
  fiscal?: string;
  other?: string;
  upper?: string;
  local?: string;
  unit?: string;
  unitCode?: string;
  moneyUnit?: string;
  plan?: string;
  /** `名称=值`, repeatable: a header field of the profile by its caption, a label or its key */
  field?: string[];
}

export interface TemplateIO {
  out(text: string): void;
  err(text: string): void;
  /** writes the workbook (default: ExcelJS to the file); injectable for tests */
  write?: typeof writeTemplateXlsx;
}

const defaultIO: TemplateIO = {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
};

/** The default format: the first registered profile (河北 项目绩效目标表). */
export const DEFAULT_PROFILE = profiles[0].id;

function resolveProfile(id: string | undefined): Profile | string {
  try {
    return getProfile(id ?? DEFAULT_PROFILE);
  } catch (e) {
    return (e as Error).message;
  }
}

/** The type(s) named by `--type` for a profile, or a Chinese error message. */
export function resolveTypes(query: string | undefined, profile: Profile): ProjectType[] | string {
  const fitting = typesForProfile(profile.id);
  if (query === undefined || normalizeQuery(query) === '') {
    const generic = fitting.find((t) => t.indicators.length === 0);
    return generic ? [generic] : `“${profile.name}”没有通用模板，请用 --type 指定类型`;
  }
  if (normalizeQuery(query) === 'all') return fitting;
  const exact = findType(query);
  if (exact) {
    return typeFits(exact, profile.id) ? [exact] : `模板类型“${exact.name}”不适用于“${profile.name}”（适用：${fitsText(exact)}）`;
  }
  const found = searchTypes(query, profile.id);
  if (found.length === 0) {
    return `找不到模板类型“${query}”。可用的类型：${fitting.map((t) => t.name).join('、')}（用 --list 查看）`;
  }
  const q = normalizeQuery(query);
  const best = scoreType(found[0], q);
  const tied = found.filter((t) => scoreType(t, q) === best);
  if (tied.length > 1) {
    return `模板类型“${query}”不明确，可能是：${tied.map((t) => `${t.name}（${t.id}）`).join('、')}；请写完整名称或编号`;
  }
  return [found[0]];
}

function listTypes(opts: TemplateOptions, io: TemplateIO): number {
  let profileId: string | undefined;
  if (opts.profile !== undefined) {
    const p = resolveProfile(opts.profile);
    if (typeof p === 'string') {
      io.err(p);
      return 2;
    }
    profileId = p.id;
  }
  const types = searchTypes(opts.type ?? '', profileId);
  if (types.length === 0) {
    io.err(`没有与“${opts.type ?? ''}”匹配的模板类型`);
    return 1;
  }
  const pad = Math.max(...types.map((t) => t.id.length));
  for (const t of types) {
    const rows = t.indicators.length === 0 ? '按格式留空行' : `${t.indicators.length}个三级指标`;
    io.out(`${t.id.padEnd(pad)}  ${t.name}  — ${t.description}（${rows}；适用：${fitsText(t)}）`);
  }
  if (profileId === undefined) io.out(`\n表格格式：${profiles.map((p) => `${p.id}（${p.name}）`).join('、')}`);
  return 0;
}

/** The header field a `--field` name stands for: its key, its caption (with or without the money unit) or a label. */
function fieldKey(profile: Profile, name: string): string | undefined {
  const n = normLabel(name).replace(/\((万元|元)\)$/, '');
  for (const key of headerFields(profile)) {
    const spec = fieldSpec(profile, key);
    const names = [key, headerCaption(profile, key), spec?.caption ?? '', ...(spec?.labels ?? [])];
    if (names.some((x) => x !== '' && normLabel(x).replace(/\((万元|元)\)$/, '') === n)) return key;
  }
  return undefined;
}

/** The `--field 名称=值` options as header input by key, or a Chinese message. */
export function fieldValues(profile: Profile, pairs: string[]): Record<string, string> | string {
  const out: Record<string, string> = {};
  const known = () => headerFields(profile).map((k) => headerCaption(profile, k).replace(/（(万元|元)）$/, '')).join('、');
  for (const pair of pairs) {
    const at = pair.search(/[=＝]/);
    if (at <= 0) return `--field 应写成“名称=值”，如 --field 预算数=20（“${pair}”）`;
    const name = pair.slice(0, at).trim();
    const key = fieldKey(profile, name);
    if (key === undefined) return `“${profile.name}”的表头没有“${name}”，可填写：${known()}`;
    out[key] = pair.slice(at + 1).trim();
  }
  return out;
}

/** Runs `jxmb template` in-process; returns the exit code (0 ok, 1 refused, 2 usage). */
export async function runTemplate(opts: TemplateOptions, io: TemplateIO = defaultIO): Promise<number> {
  if (opts.list) return listTypes(opts, io);

  const profile = resolveProfile(opts.profile);
  if (typeof profile === 'string') {
    io.err(profile);
    return 2;
  }
  if (!opts.output) {
    io.err('请用 -o 指定输出文件，如：jxmb template --type 村级办公经费 -o 模板.xlsx');
    return 2;
  }
  if (path.extname(opts.output).toLowerCase() !== '.xlsx') {
    io.err(`输出文件“${opts.output}”应以 .xlsx 结尾`);
    return 2;
  }
  const types = resolveTypes(opts.type, profile);
  if (typeof types === 'string') {
    io.err(types);
    return 1;
  }
  const fields = fieldValues(profile, opts.field ?? []);
  if (typeof fields === 'string') {
    io.err(fields);
    return 2;
  }
  const parsed = parseHeader(
    {
      name: opts.name,
      code: opts.code,
      budget: opts.budget,
      fiscal: opts.fiscal,
      other: opts.other,
      fiscalUpper: opts.upper,
      fiscalLocal: opts.local,
      year: opts.year,
      unitName: opts.unit,
      unitCode: opts.unitCode,
      moneyUnit: opts.moneyUnit,
      plan: opts.plan,
      ...fields,
    },
    profile,
  );
  if (!parsed.ok) {
    io.err(`表头填写有误，未生成文件：\n${parsed.errors.map((e) => `  - ${e}`).join('\n')}`);
    return 1;
  }
  const header = parsed.header;
  if (types.length > 1 && (header.name !== undefined || header.code !== undefined)) {
    io.err('--type all 会生成多个项目，不能共用同一个 --name 或 --code；请去掉它们，或指定一个类型');
    return 1;
  }
  let rendered;
  try {
    rendered = renderWorkbook(profile, types.map((type) => ({ type, header })));
  } catch (e) {
    io.err(`${(e as Error).message}，未生成文件`);
    return 1;
  }
  try {
    await (io.write ?? writeTemplateXlsx)(rendered, opts.output);
  } catch (e) {
    io.err(`无法写入“${opts.output}”：${(e as Error).message}`);
    return 1;
  }
  const what = types.length === 1 ? `类型“${types[0].name}”` : `全部${types.length}个类型`;
  const count = profile.layout === 'list' ? `${types.length}行项目` : `${types.length}个表`;
  io.out(`已生成 ${opts.output}：${profile.name}，${what}，${count}`);
  return 0;
}

/** `new Command('template')` for src/cli/main.ts (`program.addCommand(templateCommand())`). */
export function templateCommand(io: TemplateIO = defaultIO): Command {
  return new Command('template')
    .description('生成空白绩效目标表（按项目类型预填指标）；--list 列出项目类型')
    .option('-p, --profile <格式>', `表格格式：${profiles.map((p) => p.id).join(' | ')}`, DEFAULT_PROFILE)
    .option('-t, --type <类型>', '项目类型（名称、编号或关键词，如“保洁”）；all = 该格式的全部类型')
    .option('-y, --year <年份>', '预算年度')
    .option('-o, --output <文件>', '输出文件')
    .option('-l, --list', '列出项目类型（可与 --type 关键词、--profile 合用）')
    .option(
      '-f, --field <名称=值>',
      '表头字段，按该格式的叫法填写，可重复：如 --field 预算数=20 --field 财政资金=18；一体化申报表 --field 资金总额=156000 --field 上级补助=100000',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--name <名称>', '项目名称（同 --field 项目名称=…）')
    .option('--code <编码>', '项目编码（21位数字或大写字母；同 --field 项目编码=…）')
    .option('--budget <金额>', '预算数 / 资金总额（同 --field）')
    .option('--fiscal <金额>', '其中：财政资金 / 财政拨款（同 --field）')
    .option('--other <金额>', '其他资金（同 --field）')
    .option('--upper <金额>', '财政拨款其中：上级补助（一体化申报表；同 --field 上级补助=…）')
    .option('--local <金额>', '财政拨款其中：本级安排（一体化申报表；同 --field 本级安排=…）')
    .option('--unit <单位名称>', '单位名称')
    .option('--unit-code <编码>', '单位编码')
    .option('--money-unit <单位>', '金额单位：万元 或 元（默认：该格式的单位，一体化申报表为元）')
    .option('--plan <列表>', '资金支出计划（累计%），如 25,50,75,100')
    .action(async (opts: TemplateOptions) => {
      const code = await runTemplate(opts, io);
      if (code !== 0) process.exitCode = code;
    });
}
