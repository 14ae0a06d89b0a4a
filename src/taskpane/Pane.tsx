/**
 * The task pane: three tabs (模板 / 检查 / 设置) over a {@link PaneHost} and a {@link PaneCatalog}.
 * The same component runs in Excel and in the browser preview.
 */
import * as React from 'react';
import { FluentProvider, TabList, Tab, makeStyles, tokens, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Theme } from '@fluentui/react-components';
import { TableAdd20Regular, TaskListLtr20Regular, Settings20Regular, Library20Regular } from '@fluentui/react-icons';
import type { Diagnostic } from '../domain/model';
import type { BlockInfo, CellRef, CheckResult, PaneCatalog, PaneHost, PaneSettings, RecentStore, SuggestionInfo } from './host';
import { localRecentStore, pushRecent } from './host';
import { S } from './strings';
import { CheckTab } from './components/CheckTab';
import { TemplatesTab } from './components/TemplatesTab';
import { SettingsTab } from './components/SettingsTab';
import { IndicatorsTab } from './components/IndicatorsTab';

export type TabId = 'templates' | 'check' | 'indicators' | 'settings';

const useStyles = makeStyles({
  provider: {
    minHeight: '100%',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    fontFamily: `${tokens.fontFamilyBase}, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif`,
  },
  tabs: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    // Four tabs on one line in the narrowest pane Excel gives. Office.TaskPane (TaskPaneApi 1.1,
    // learn.microsoft.com/javascript/api/office/office.taskpane): Windows 86 px to 50% of the window
    // (default 320), Mac 270 px (default), Excel on the web 350–500 px. At 320 px the small tabs fit
    // with their icons; below 300 px the icons go (the names stay); below what four names need the
    // bar scrolls sideways — it never wraps (a second line hid 设置 under the others).
    flexWrap: 'nowrap',
    overflowX: 'auto',
    overflowY: 'hidden',
    scrollbarWidth: 'none',
    '& > button': { flexShrink: 0, paddingLeft: '4px', paddingRight: '4px', minWidth: 0 },
    // the pane's own width (in Excel the pane is the viewport; in the preview a box in a wider page)
    '@container (max-width: 299px)': {
      '& .fui-Tab__icon': { display: 'none' },
    },
  },
  body: { padding: '10px 12px 24px', minWidth: 0 },
  main: { display: 'flex', flexDirection: 'column', flex: '1 1 auto', minWidth: 0, containerType: 'inline-size' },
  // the pane's title for assistive technology (Excel shows it in the task pane's title bar)
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

/**
 * What scrolls the pane: in Excel its document (the tab bar sticks to the top); in the preview the
 * box the pane sits in — the nearest ancestor that scrolls vertically.
 */
function scrollerOf(el: Element | null): Element {
  for (let e = el?.parentElement ?? null; e; e = e.parentElement) {
    const y = getComputedStyle(e).overflowY;
    if (y === 'auto' || y === 'scroll') return e;
  }
  return document.scrollingElement ?? document.documentElement;
}

export interface PaneProps {
  host: PaneHost;
  catalog: PaneCatalog;
  theme: Theme;
  recentStore?: RecentStore;
  initialTab?: TabId;
  /** called once the first check result is shown (time-to-interactive measurement) */
  onReady?(): void;
}

export function Pane({ host, catalog, theme, recentStore, initialTab = 'check', onReady }: PaneProps) {
  const styles = useStyles();
  const recentRef = React.useRef<RecentStore>(recentStore ?? localRecentStore());
  const [tab, setTab] = React.useState<TabId>(initialTab);
  const [settings, setSettings] = React.useState<PaneSettings | null>(null);
  const [templateProfile, setTemplateProfile] = React.useState<string | null>(null);
  const [result, setResult] = React.useState<CheckResult | null>(null);
  const [selection, setSelection] = React.useState<CellRef | null>(null);
  const [live, setLive] = React.useState(true);
  const [busy, setBusy] = React.useState(false);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [stale, setStale] = React.useState<string | null>(null);
  const [saved, setSaved] = React.useState(false);
  const [recent, setRecent] = React.useState<string[]>(() => recentRef.current.load());
  const readyRef = React.useRef(false);
  const ids = React.useId().replace(/:/g, '');

  React.useEffect(() => {
    let alive = true;
    const offResult = host.onResult((r) => {
      if (!alive) return;
      setResult(r);
      setBusy(false);
    });
    const offSel = host.onSelection((ref) => alive && setSelection(ref));
    const offErr = host.onError?.((m) => alive && setError(m));
    const offStatus = host.onStatus?.((m) => alive && setStale(m));
    (async () => {
      try {
        const s = await host.loadSettings();
        if (!alive) return;
        setSettings(s);
        setTemplateProfile((p) => p ?? (s.profileId || null));
        await host.start();
      } catch (e) {
        if (alive) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      alive = false;
      offResult();
      offSel();
      offErr?.();
      offStatus?.();
      host.dispose();
    };
  }, [host]);

  React.useEffect(() => {
    if (result && !readyRef.current) {
      readyRef.current = true;
      onReady?.();
    }
  }, [result, onReady]);

  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const onSelect = (d: Diagnostic) => {
    const ref = { sheet: d.sheet, cell: d.cell };
    setSelection(ref);
    void host.select(ref).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  };

  const onFix = (d: Diagnostic) => {
    setNotice(null);
    void run(() => host.applyFix(d));
  };

  const onFixAll = () => {
    setNotice(null);
    void run(async () => {
      const n = await host.applySafeFixes();
      setNotice(S.fixAllDone(n));
    });
  };

  const clearMarks = host.clearMarks?.bind(host);
  const onClearMarks = clearMarks
    ? () => {
        setNotice(null);
        void run(async () => setNotice(await clearMarks()));
      }
    : undefined;

  const onLiveChange = (on: boolean) => {
    setLive(on);
    host.setLive(on);
  };

  const onSettings = (next: PaneSettings) => {
    setSettings(next);
    setSaved(false);
    void run(async () => {
      await host.saveSettings(next);
      setSaved(true);
    });
  };

  const onInsert = async (profileId: string, typeId: string, header: unknown, extras?: SuggestionInfo[]) => {
    const r = await host.insertTemplate(profileId, typeId, header, extras);
    if (r.ok) {
      const next = pushRecent(recent, typeId);
      setRecent(next);
      recentRef.current.save(next);
      // the form's budget year becomes the workbook's when it has none yet
      const year = (header as { year?: unknown } | null)?.year;
      if (settings && settings.year === undefined && typeof year === 'number') {
        const s = { ...settings, year };
        setSettings(s);
        await host.saveSettings(s).catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
      }
    }
    return r;
  };

  // a button that switches the page (检查's “模板” when the workbook has no table) leaves focus on the
  // page's tab, where the keyboard user would find it, not on the vanished button
  // Each tab keeps its own scroll position (the pane's document scrolls); a new check result opens 检查 at its top.
  const scrollOf = React.useRef<Partial<Record<TabId, number>>>({});
  const tabRef = React.useRef<TabId>(tab);
  const mainRef = React.useRef<HTMLElement>(null);
  const selectTab = (t: TabId) => {
    if (t === tabRef.current) return;
    scrollOf.current[tabRef.current] = scrollerOf(mainRef.current).scrollTop;
    setTab(t);
  };
  React.useLayoutEffect(() => {
    if (tabRef.current === tab) return;
    tabRef.current = tab;
    scrollerOf(mainRef.current).scrollTop = scrollOf.current[tab] ?? 0;
  }, [tab]);
  React.useEffect(() => {
    if (tabRef.current !== 'check') scrollOf.current.check = 0;
  }, [result]);

  const tabId = (t: TabId) => `${ids}-tab-${t}`;
  const panelId = `${ids}-panel`;
  const focusTabRef = React.useRef<TabId | null>(null);
  React.useEffect(() => {
    if (focusTabRef.current !== tab) return;
    focusTabRef.current = null;
    document.getElementById(`${ids}-tab-${tab}`)?.focus();
  }, [tab, ids]);
  const goToTab = (t: TabId) => {
    focusTabRef.current = t;
    selectTab(t);
  };
  const addIndicator = host.addIndicator?.bind(host);
  const onAddIndicator = addIndicator ? (block: BlockInfo, s: SuggestionInfo) => addIndicator(block, s) : undefined;

  const profileId = templateProfile || settings?.profileId || catalog.defaultProfileId;

  // One `main` landmark holds the whole pane (tabs and the selected page): the pane is the document
  // in Excel, and the preview puts it beside its sheet, never inside another landmark. Headings:
  // the pane's title (h1, for assistive technology), each page's sections h2.
  return (
    <FluentProvider theme={theme} className={styles.provider}>
      <main className={styles.main} ref={mainRef}>
        <h1 className={styles.visuallyHidden}>{S.appTitle}</h1>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_, d) => selectTab(d.value as TabId)}
          aria-label={S.tabListLabel}
          size="small"
        >
          <Tab value="templates" id={tabId('templates')} aria-controls={panelId} icon={<TableAdd20Regular />}>
            {S.tabs.templates}
          </Tab>
          <Tab value="check" id={tabId('check')} aria-controls={panelId} icon={<TaskListLtr20Regular />}>
            {S.tabs.check}
            {result && result.diagnostics.length > 0 ? `（${result.diagnostics.length}）` : ''}
          </Tab>
          <Tab value="indicators" id={tabId('indicators')} aria-controls={panelId} icon={<Library20Regular />}>
            {S.tabs.indicators}
          </Tab>
          <Tab value="settings" id={tabId('settings')} aria-controls={panelId} icon={<Settings20Regular />}>
            {S.tabs.settings}
          </Tab>
        </TabList>
        <div className={styles.body} role="tabpanel" id={panelId} aria-labelledby={tabId(tab)}>
          {error && (
            <MessageBar intent="error" role="alert" style={{ marginBottom: 8 }}>
              <MessageBarBody>{S.error(error)}</MessageBarBody>
            </MessageBar>
          )}
          {tab === 'check' && (
            <CheckTab
              result={result}
              stale={stale}
              live={live}
              busy={busy}
              selection={selection}
              notice={notice}
              onLiveChange={onLiveChange}
              onRecheck={() => void run(() => host.recheck())}
              onSelect={onSelect}
              onFix={onFix}
              onFixAll={onFixAll}
              onClearMarks={onClearMarks}
              onGoToTemplates={() => goToTab('templates')}
            />
          )}
          {tab === 'templates' && (
            <TemplatesTab
              catalog={catalog}
              profileId={profileId}
              recent={recent}
              year={settings?.year ?? result?.year}
              onProfileChange={setTemplateProfile}
              onInsert={onInsert}
            />
          )}
          {tab === 'indicators' && <IndicatorsTab catalog={catalog} result={result} selection={selection} onAdd={onAddIndicator} />}
          {tab === 'settings' && settings && (
            <SettingsTab
              catalog={catalog}
              settings={settings}
              detectedYear={result?.year}
              defaultFloor={catalog.profiles.find((p) => p.id === (settings.profileId || catalog.defaultProfileId))?.satisfactionFloor}
              saved={saved}
              onChange={onSettings}
            />
          )}
        </div>
      </main>
    </FluentProvider>
  );
}
