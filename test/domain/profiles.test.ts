import { BlockSchema } from '../../src/domain/model';
import { hasColumn, hasField, type Profile } from '../../src/domain/profile';
import { canonicalLevel1, canonicalLevel2, getProfile, hebeiProject, ProfileSchema, profiles, registerProfile } from '../../src/domain/profiles';
import { hebeiBlock, listBlock } from '../helpers/blocks';

describe('profiles', () => {
  it('ships six valid profiles', () => {
    expect(profiles.map((p) => p.id)).toEqual(['hebei-project', 'central-2021', 'disclosure-list', 'hebei-yth-annual', 'hebei-yth-info', 'sichuan-yth-annual']);
    for (const p of profiles) expect(ProfileSchema.safeParse(p).success).toBe(true);
    const list = getProfile('disclosure-list');
    expect(list.layout).toBe('list');
    expect(list.plan).toBeUndefined();
    expect(list.totals).toEqual([]);
    expect(hasColumn(list, 'basis')).toBe(false);
    expect(getProfile('hebei-project').rules['plan/behind-schedule']).toBe('off');
    expect(getProfile('hebei-project').satisfactionFloor).toBe(80);
  });

  it('the 一体化 layouts as data: money in 元 with two totals relations; a split 指标值; no code, plan or basis where the export has none', () => {
    const annual = getProfile('hebei-yth-annual');
    expect(annual.moneyUnit).toBe('元');
    expect(annual.totals).toEqual([
      { total: 'budget', parts: ['fiscal', 'other'] },
      { total: 'fiscal', parts: ['fiscalUpper', 'fiscalLocal'], remainder: 'fiscalLocal' },
    ]);
    expect(hasField(annual, 'code')).toBe(false);
    expect(annual.plan).toBeUndefined();
    expect(hasColumn(annual, 'basis')).toBe(false);
    const info = getProfile('hebei-yth-info');
    expect(info.splitValue).toBeDefined();
    expect(hasField(info, 'code')).toBe(true);
    expect(hasField(info, 'budget')).toBe(false);
    expect(info.fixedIndicators?.[0]).toMatchObject({ level2: '成本指标', level3: '项目或定额成本控制率' });
  });

  it('refuses a layout whose data does not hold together', () => {
    expect(() => registerProfile({ ...hebeiProject, id: 'bad4', totals: [{ total: 'budget', parts: ['fiscal', 'nope'] }] })).toThrow(/不是本配置的金额字段/);
    expect(() => registerProfile({ ...hebeiProject, id: 'bad5', fields: hebeiProject.fields.filter((f) => f.key !== 'name') })).toThrow(/项目名称/);
    expect(() => registerProfile({ ...hebeiProject, id: 'bad6', indicatorColumns: hebeiProject.indicatorColumns.filter((c) => c.role !== 'value') })).toThrow(/value/);
    expect(profiles.some((p) => p.id.startsWith('bad'))).toBe(false);
  });

  it('central-2021 has 成本指标 as a 一级', () => {
    const c = getProfile('central-2021');
    expect(c.level1.map((l) => l.name)).toEqual(['产出指标', '成本指标', '效益指标', '满意度指标']);
    expect(canonicalLevel2(c, '产出指标', '成本指标')).toBeUndefined();
    expect(canonicalLevel2(c, '成本指标', '经济成本指标')).toEqual({ canonical: '经济成本指标', alias: false });
    expect(canonicalLevel2(hebeiProject, '产出指标', '成本指标')).toEqual({ canonical: '成本指标', alias: false });
  });

  it('unknown ids throw in Chinese', () => {
    expect(() => getProfile('shanxi')).toThrow(/未知的表格配置“shanxi”/);
  });

  it('resolves names and aliases after normalising spaces', () => {
    const p = getProfile('hebei-project');
    expect(canonicalLevel1(p, '产出\n指标')).toEqual({ canonical: '产出指标', alias: false });
    expect(canonicalLevel1(p, '效果指标')).toEqual({ canonical: '效益指标', alias: true });
    expect(canonicalLevel1(p, '成本指标')).toBeUndefined();
    expect(canonicalLevel1(p, '')).toBeUndefined();
    expect(canonicalLevel2(p, '效益指标', '可持续性影响')).toEqual({ canonical: '可持续影响指标', alias: true });
    expect(canonicalLevel2(p, '效果指标', '可持续性影响指标')).toEqual({ canonical: '可持续影响指标', alias: true });
    expect(canonicalLevel2(p, '效益指标', '环境效益指标')).toEqual({ canonical: '生态效益指标', alias: true });
    expect(canonicalLevel2(p, '满意度指标', '满意度指标')).toEqual({ canonical: '服务对象满意度指标', alias: true });
    expect(canonicalLevel2(p, '满意度指标', '社会公众或服务对象满意度指标')?.canonical).toBe('服务对象满意度指标');
    // an alias is only understood under the 一级 its canonical name belongs to
    expect(canonicalLevel2(p, '产出指标', '满意度指标')).toBeUndefined();
    expect(canonicalLevel2(p, '产出指标', '社会效益指标')).toBeUndefined();
    expect(canonicalLevel2(p, '未知指标', '数量指标')).toBeUndefined();
  });

  it('registers a new province as data, validated', () => {
    const shanxi: Profile = { ...hebeiProject, id: 'shanxi-project', name: '山西省项目支出绩效目标表' };
    expect(registerProfile(shanxi).id).toBe('shanxi-project');
    expect(getProfile('shanxi-project').name).toBe('山西省项目支出绩效目标表');
    expect(() => registerProfile({ ...hebeiProject, id: 'bad', aliases: { level1: { 效果: '不存在指标' }, level2: {} } })).toThrow(/不是本配置的一级指标/);
    expect(() => registerProfile({ ...hebeiProject, id: 'bad2', checkpointSets: [['5月中旬']] })).toThrow(/缺少对应月份/);
    expect(() => registerProfile({ ...hebeiProject, id: 'bad3', satisfactionFloor: 180 })).toThrow(/无效/);
    expect(profiles.some((p) => p.id.startsWith('bad'))).toBe(false);
  });
});

describe('test block builders', () => {
  it('hebeiBlock lays out the canonical block', () => {
    const b = hebeiBlock({ startRow: 23, index: 1 });
    expect(BlockSchema.safeParse(b).success).toBe(true);
    expect(b.anchor).toBe('A23');
    expect(b.code?.cell).toBe('B25');
    expect(b.budget).toMatchObject({ cell: 'C26', value: 29.5, text: '29.50' });
    expect(b.plan?.values.map((v) => v.cell)).toEqual(['B29', 'C29', 'D29', 'E29']);
    expect(b.indicators[0].value.cell).toBe('F32');
    expect(b.range).toBe('A23:G38');
  });
  it('blank 一级/二级 inherit from above', () => {
    const b = hebeiBlock({ indicators: [['产出指标', '数量指标', '村数', '39个'], ['', '', '户数', '10户']], plan: [0.25, 0.5, 0.75, 1] });
    expect(b.indicators[1].level1.text).toBe('产出指标');
    expect(b.indicators[1].inherited).toEqual({ level1: true, level2: true });
    expect(b.plan?.values[0]).toMatchObject({ value: 0.25, text: '25.00%', numberFormat: '0.00%' });
  });
  it('listBlock builds disclosure rows', () => {
    const b = listBlock({ row: 6, indicators: [['产出指标', '数量指标', '机关党员人数', '22人']] });
    expect(b).toMatchObject({ profile: 'disclosure-list', listRole: 'project', anchor: 'B6' });
    expect(b.indicators[0].value).toMatchObject({ cell: 'E6', text: '22人' });
    const u = listBlock({ role: 'unit', row: 4, code: '407001', amount: 588.39 });
    expect(u.code?.cell).toBe('A4');
    expect(u.budget?.value).toBe(588.39);
  });
});
