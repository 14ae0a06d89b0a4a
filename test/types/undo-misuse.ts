/**
 * Negative-control fixture for test/excel/undo.test.ts (compiled by `npm run lint`, never run): the
 * calls below are what a live pass must never make — members of the “Unsupported APIs” table of
 * the Excel undo page, and setting writes. The test's walker must flag exactly the marked lines.
 */
declare const ws: Excel.Worksheet;
declare const settings: Excel.SettingCollection;
declare const setting: Excel.Setting;

export function misuse(): void {
  ws.delete(); // UNDO
  ws.name = '新名称'; // UNDO
  const n = ws.name; // (a read: fine)
  settings.add('k', n); // SETTING
  setting.value = 'v'; // SETTING
  setting.delete(); // SETTING
  ws.getRange('A1').values = [['x']]; // (undoable: fine)
}
