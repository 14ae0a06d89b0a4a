import { createLiveChecker } from '../../src/excel/live';
import { createMemoryExcel, MemoryWorkbook } from '../../src/imitation/excel';
import { loadSettings, parseSettings, saveSettings, SETTINGS_KEY } from '../../src/excel/settings';
import { getCapabilities } from '../../src/excel/capabilities';
import { toyAnalyze } from './toy';

describe('workbook settings', () => {
  test('saved in the workbook and loaded by a new adapter on the same workbook', async () => {
    const wb = new MemoryWorkbook();
    const excel = createMemoryExcel(wb);
    expect(await loadSettings(excel)).toEqual({});
    await saveSettings(excel, { profile: 'central-2021', year: 2025, satisfactionFloor: 85, planPacing: true, rules: { 'value/missing-unit': 'off' } });
    expect(typeof wb.settings.get(SETTINGS_KEY)).toBe('string');
    const reopened = createMemoryExcel(wb);
    expect(await loadSettings(reopened)).toEqual({ profile: 'central-2021', year: 2025, satisfactionFloor: 85, planPacing: true, rules: { 'value/missing-unit': 'off' } });
  });

  test('invalid settings are rejected on save and ignored on load', async () => {
    const excel = createMemoryExcel(new MemoryWorkbook());
    await expect(saveSettings(excel, { year: 12 })).rejects.toThrow();
    expect(parseSettings('{"year":"二〇二五"}')).toEqual({});
    expect(parseSettings('not json')).toEqual({});
    expect(parseSettings('{"year":2024,"highlighting":false}')).toEqual({ year: 2024, highlighting: false });
  });

  test('the checker passes stored settings to the analysis, overridden by the ones it is given', async () => {
    const wb = new MemoryWorkbook();
    const excel = createMemoryExcel(wb);
    await saveSettings(excel, { year: 2024, satisfactionFloor: 90 });
    const seen: unknown[] = [];
    const checker = createLiveChecker({
      excel,
      settings: { year: 2025 },
      analyze: (g, s) => {
        seen.push(s);
        return toyAnalyze(g);
      },
    });
    const r = await checker.updateSettings({ planPacing: true });
    expect(seen.at(-1)).toEqual({ year: 2025, satisfactionFloor: 90, planPacing: true });
    expect(r.settings).toEqual({ year: 2025, satisfactionFloor: 90, planPacing: true });
    expect(await loadSettings(excel)).toEqual({ year: 2024, satisfactionFloor: 90, planPacing: true });
    await checker.dispose();
  });

  test('capabilities by requirement set, with Chinese messages only for what is missing', () => {
    const full = getCapabilities(createMemoryExcel(new MemoryWorkbook()));
    expect(full).toMatchObject({ liveEvents: true, triggerSource: true, notes: true, mergedAreas: true, marks: true, undoGroups: true, messages: [] });
    const old = getCapabilities(createMemoryExcel(new MemoryWorkbook({ support: { excelApi: 13 } })));
    expect(old).toMatchObject({ triggerSource: false, notes: false, mergedAreas: true, marks: true, undoGroups: false });
    expect(old.messages).toHaveLength(2); // triggerSource, undoGroups (notes only clean up after an earlier version)
    expect(old.messages.every((m) => /[\u4e00-\u9fff]/.test(m))).toBe(true);
  });
});
