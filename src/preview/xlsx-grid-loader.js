// webpack loader: turns a fixture .xlsx into a Grid module (src/sheet/grid.ts) at build time, so the
// browser preview can load a real sample workbook without ExcelJS in the bundle. Values are typed
// (numbers stay numbers, formulas give their cached result, rich text its plain text), number
// formats are kept, and merged areas keep their value in the top-left cell only.
const ExcelJS = require('exceljs');

const VT_MERGE = 1; // ExcelJS ValueType.Merge

function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Math.round((v.getTime() - Date.UTC(1899, 11, 30)) / 864e5 * 1e6) / 1e6;
  if (typeof v === 'object') {
    if (typeof v.error === 'string') return { error: v.error };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text || '').join('');
    if ('text' in v) return plain(v.text);
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return v.result === undefined ? null : plain(v.result);
  }
  return null;
}

async function toGrid(buffer, name) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer);
  const sheets = [];
  wb.eachSheet((ws) => {
    const values = [];
    const formats = [];
    ws.eachRow({ includeEmpty: false }, (row, rn) => {
      row.eachCell({ includeEmpty: false }, (cell, cn) => {
        if (cell.type === VT_MERGE) return;
        const v = plain(cell.value);
        if (v !== null) (values[rn - 1] ||= [])[cn - 1] = v;
        if (cell.numFmt && cell.numFmt !== 'General') (formats[rn - 1] ||= [])[cn - 1] = cell.numFmt;
      });
    });
    for (let i = 0; i < values.length; i++) values[i] ||= [];
    for (let i = 0; i < formats.length; i++) formats[i] ||= [];
    const merges = Object.values(ws._merges || {}).map((m) => {
      const r = m.model || m;
      return { top: r.top - 1, left: r.left - 1, bottom: r.bottom - 1, right: r.right - 1 };
    });
    const widths = (ws.columns || []).map((c) => (c && c.width) || null);
    if (ws.state && ws.state !== 'visible') return;
    sheets.push({ name: ws.name, values, formats, merges, widths });
  });
  return { name, sheets };
}

module.exports = function xlsxGridLoader(source) {
  const done = this.async();
  const name = require('path').basename(this.resourcePath);
  toGrid(source, name).then(
    (grid) => done(null, `export default ${JSON.stringify(grid)};`),
    (err) => done(err),
  );
};
module.exports.raw = true;
module.exports.toGrid = toGrid;
