/**
 * The browser preview: the task pane beside a spreadsheet view of the in-memory workbook, so jxmb
 * can be tried without Excel. No Office.js: the pane talks to the same adapter as in Excel, over
 * the in-memory Excel (src/imitation/excel). `?wb=` picks the sample workbook, `?width=` the pane
 * width, `?theme=dark` the dark theme.
 */
import '../taskpane/no-eval';
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { MemoryWorkbook, createMemoryExcel } from '../imitation/excel';
import type { Grid } from '../sheet/grid';
import { Pane } from '../taskpane/Pane';
import { createCatalog } from '../taskpane/catalog';
import { createExcelHost } from '../taskpane/excel-host';
import { paneTheme } from '../taskpane/theme';
import { SheetView } from './SheetView';
import zhangerzhuang from '@fixtures/hebei-2025-zhangerzhuang.xlsx';
import anshan from '@fixtures/hebei-2021-anshan.xlsx';
import haomen from '@fixtures/disclosure-2023-haomen.xlsx';

type SampleGrid = Grid & { sheets: (Grid['sheets'][number] & { widths?: (number | null)[] })[] };

const SAMPLES: Record<string, { label: string; grid: SampleGrid | null }> = {
  zhangerzhuang: { label: '张二庄镇 2025 年', grid: zhangerzhuang },
  anshan: { label: '安山镇 2021 年', grid: anshan },
  haomen: { label: '浩门镇 2023 年公开表（每行一个项目）', grid: haomen },
  blank: { label: '空白工作簿', grid: null },
};

declare global {
  interface Window {
    /** for the e2e test: ms from navigation start to the first check result shown */
    __jxmbReady?: number;
    __jxmbBook?: MemoryWorkbook;
  }
}

function Preview() {
  const params = new URLSearchParams(window.location.search);
  const sample = SAMPLES[params.get('wb') ?? ''] ? (params.get('wb') as string) : 'zhangerzhuang';
  const width = Math.max(300, Math.min(600, Number(params.get('width')) || 320));
  const dark = params.get('theme') === 'dark';

  const { book, widths, host } = React.useMemo(() => {
    const grid = SAMPLES[sample].grid;
    const wb = grid ? MemoryWorkbook.fromGrid(grid) : new MemoryWorkbook({ sheets: ['Sheet1'] });
    const w: Record<string, (number | null)[]> = {};
    for (const s of grid?.sheets ?? []) if (s.widths) w[s.name] = s.widths;
    window.__jxmbBook = wb;
    return { book: wb, widths: w, host: createExcelHost(createMemoryExcel(wb)) };
  }, [sample]);
  const catalog = React.useMemo(() => createCatalog(), []);
  // The sheet view stands in for Excel's own grid: it is drawn once the pane is up, so it does not
  // compete with the pane's start (in Excel the grid is not the add-in's work either).
  const [sheetShown, setSheetShown] = React.useState(false);

  // F6 moves focus between the sheet and the task pane, as in Excel (the grid keeps Tab for moving
  // between cells, so F6 is the way out of it without a mouse)
  const paneRef = React.useRef<HTMLDivElement>(null);
  React.useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F6') return;
      const pane = paneRef.current;
      if (!pane) return;
      e.preventDefault();
      const target = pane.contains(document.activeElement)
        ? document.querySelector<HTMLElement>('.grid')
        : pane.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]');
      target?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const go = (patch: Record<string, string>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    window.location.search = next.toString();
  };

  return (
    <div className={`preview ${dark ? 'dark' : ''}`}>
      <header className="topbar">
        <h1>绩效目标表助手 · 浏览器预览</h1>
        <label>
          示例工作簿
          <select value={sample} onChange={(e) => go({ wb: e.target.value })} aria-label="示例工作簿">
            {Object.entries(SAMPLES).map(([k, s]) => (
              <option key={k} value={k}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          任务窗格宽度
          <select value={String(width)} onChange={(e) => go({ width: e.target.value })} aria-label="任务窗格宽度">
            {[320, 400, 500].map((w) => (
              <option key={w} value={w}>
                {w} px
              </option>
            ))}
          </select>
        </label>
        <label>
          主题
          <select value={dark ? 'dark' : 'light'} onChange={(e) => go({ theme: e.target.value })} aria-label="主题">
            <option value="light">浅色</option>
            <option value="dark">深色</option>
          </select>
        </label>
        <span className="hint">F6：在工作表与任务窗格之间切换</span>
      </header>
      <div className="main">
        {/* Landmarks: the preview's bar (banner), the stand-in for Excel's sheet (a named region), and
            the task pane, whose own `main` must not sit inside another landmark (axe
            landmark-main-is-top-level): its frame here is a plain element, as Excel's is. */}
        <section className="sheetpane" aria-label="工作表（模拟 Excel）">
          {sheetShown ? <SheetView book={book} widths={widths} /> : <div className="sheet-loading">正在显示工作表…</div>}
        </section>
        <div className="taskpane" style={{ width }} data-testid="taskpane" ref={paneRef}>
          <Pane
            host={host}
            catalog={catalog}
            theme={paneTheme(dark)}
            onReady={() => {
              window.__jxmbReady = performance.now();
              setTimeout(() => setSheetShown(true), 0);
            }}
          />
        </div>
      </div>
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<Preview />);
