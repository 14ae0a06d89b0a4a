import * as React from 'react';
import {
  Button,
  Switch,
  ToggleButton,
  Text,
  Caption1,
  Subtitle2,
  Body1,
  Spinner,
  MessageBar,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowSync16Regular, CheckmarkCircle48Regular, Broom16Regular, TableAdd20Regular } from '@fluentui/react-icons';
import type { Diagnostic, Severity } from '../../domain/model';
import type { CellRef, CheckResult } from '../host';
import { isSafeFix } from '../host';
import { S, SEVERITY_LABEL } from '../strings';
import { DiagnosticItem } from './DiagnosticItem';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '10px', minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '6px', justifyContent: 'space-between' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '4px' },
  list: { margin: 0, padding: 0 },
  group: { display: 'flex', flexDirection: 'column', gap: '2px' },
  groupHead: {
    display: 'flex',
    flexDirection: 'column',
    padding: '6px 4px 2px',
    borderBottom: `2px solid ${tokens.colorNeutralStroke2}`,
    overflowWrap: 'anywhere',
  },
  meta: { color: tokens.colorNeutralForeground3 },
  selection: {
    border: `1px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: '4px',
  },
  empty: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    gap: '8px',
    padding: '24px 8px',
  },
  cleanIcon: { color: tokens.colorPaletteGreenForeground1 },
  fixAll: { alignSelf: 'stretch' },
});

export interface CheckTabProps {
  result: CheckResult | null;
  /** zh-CN when the result may be out of date, else null */
  stale?: string | null;
  live: boolean;
  busy: boolean;
  selection: CellRef | null;
  /** a short status line (e.g. after 修复全部) */
  notice?: string | null;
  onLiveChange(on: boolean): void;
  onRecheck(): void;
  onSelect(d: Diagnostic): void;
  onFix(d: Diagnostic): void;
  onFixAll(): void;
  /** 清除全部标记 (absent: the host cannot mark) */
  onClearMarks?(): void;
  onGoToTemplates?(): void;
}

interface Group {
  key: string;
  title: string;
  range?: string;
  items: Diagnostic[];
}

export function groupByBlock(diagnostics: Diagnostic[]): Group[] {
  const groups = new Map<string, Group>();
  for (const d of diagnostics) {
    const key = d.block ? `b${d.block.index}` : 'workbook';
    let g = groups.get(key);
    if (!g) {
      g = d.block
        ? { key, title: S.blockGroup(d.block.index, d.block.name), range: `${d.sheet}!${d.block.range}`, items: [] }
        : { key, title: S.workbookGroup, items: [] };
      groups.set(key, g);
    }
    g.items.push(d);
  }
  const order = (g: Group) => (g.key === 'workbook' ? -1 : Number(g.key.slice(1)));
  return [...groups.values()].sort((a, b) => order(a) - order(b));
}

export function countBySeverity(diagnostics: Diagnostic[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const d of diagnostics) c[d.severity]++;
  return c;
}

/** the focusable controls of the tab (busy buttons too: they stay focusable), in tab order */
function focusables(root: HTMLElement | null): HTMLElement[] {
  if (!root) return [];
  return [...root.querySelectorAll<HTMLElement>('button, input, select, [tabindex="0"]')].filter(
    (el) => !(el as HTMLButtonElement).disabled && el.getAttribute('aria-hidden') !== 'true' && el.tabIndex >= 0,
  );
}

const sameRef = (d: Diagnostic, ref: CellRef | null) => ref !== null && d.sheet === ref.sheet && d.cell === ref.cell;

export function CheckTab(props: CheckTabProps) {
  const { result, stale, live, busy, selection, notice, onLiveChange, onRecheck, onSelect, onFix, onFixAll, onClearMarks, onGoToTemplates } = props;
  const styles = useStyles();
  const [shown, setShown] = React.useState<Record<Severity, boolean>>({ error: true, warning: true, info: true });
  const diagnostics = result?.diagnostics ?? [];
  const counts = countBySeverity(diagnostics);
  const safe = diagnostics.filter(isSafeFix).length;
  const allShown = SEVERITIES.every((s) => shown[s]);
  const visible = diagnostics.filter((d) => shown[d.severity]);
  const atSelection = selection ? diagnostics.filter((d) => sameRef(d, selection)) : [];
  const groups = groupByBlock(visible);

  // Keyboard users keep their place: when the focused control goes away (its problem was fixed, the
  // bulk-fix button is done, a filter hid it), focus moves to the control now at the same position
  // in the pane, not to the start of the page.
  const rootRef = React.useRef<HTMLElement>(null);
  const focused = React.useRef<{ el: HTMLElement; index: number } | null>(null);
  const onFocus = (e: React.FocusEvent) => {
    const all = focusables(rootRef.current);
    focused.current = { el: e.target as HTMLElement, index: all.indexOf(e.target as HTMLElement) };
  };
  React.useLayoutEffect(() => {
    const f = focused.current;
    if (!f || f.el.isConnected || f.index < 0) return;
    const active = document.activeElement;
    if (active && active !== document.body) return; // the clerk has moved on to another control
    // the pane's window is not the focused one (the clerk is typing in the sheet while a live check
    // removed the button): never pull focus into the pane
    if (!document.hasFocus()) return;
    const all = focusables(rootRef.current);
    all[Math.min(f.index, all.length - 1)]?.focus();
  });

  const toggle = (s: Severity) => {
    // first click on a severity while all are shown: show only that one
    if (allShown) setShown({ error: false, warning: false, info: false, [s]: true });
    else {
      const next = { ...shown, [s]: !shown[s] };
      setShown(SEVERITIES.some((x) => next[x]) ? next : { error: true, warning: true, info: true });
    }
  };

  return (
    <section className={styles.root} aria-label={S.tabs.check} ref={rootRef} onFocus={onFocus}>
      <div className={styles.row}>
        <Switch checked={live} onChange={(_, data) => onLiveChange(data.checked)} label={S.live} title={S.liveHint} />
        <Button icon={busy ? <Spinner size="extra-tiny" /> : <ArrowSync16Regular />} onClick={onRecheck} disabledFocusable={busy}>
          {busy ? S.checking : S.recheck}
        </Button>
        {onClearMarks && (
          <Button size="small" appearance="subtle" icon={<Broom16Regular />} onClick={onClearMarks} disabledFocusable={busy} title={S.clearMarksHint}>
            {S.clearMarks}
          </Button>
        )}
      </div>

      {result && (
        <>
          <div className={styles.filters} role="group" aria-label={S.filterLabel}>
            <ToggleButton size="small" checked={allShown} onClick={() => setShown({ error: true, warning: true, info: true })}>
              {S.filterAll} {diagnostics.length}
            </ToggleButton>
            {SEVERITIES.map((s) => (
              <ToggleButton
                key={s}
                size="small"
                checked={!allShown && shown[s]}
                onClick={() => toggle(s)}
                aria-label={`${SEVERITY_LABEL[s]} ${counts[s]} 个`}
                data-severity={s}
              >
                {SEVERITY_LABEL[s]} {counts[s]}
              </ToggleButton>
            ))}
          </div>
          <Caption1 className={styles.meta} aria-live="polite">
            {S.counts(counts.error, counts.warning, counts.info)} · {S.yearNote(result.year)} · {S.duration(result.durationMs)}
          </Caption1>
        </>
      )}

      {stale && (
        <MessageBar intent="info" role="status" data-testid="stale">
          <MessageBarBody>{stale}</MessageBarBody>
        </MessageBar>
      )}

      {result?.notices?.map((n) => (
        <MessageBar key={n} intent="warning" data-testid="check-notice">
          <MessageBarBody>{n}</MessageBarBody>
        </MessageBar>
      ))}

      {notice && (
        <MessageBar intent="success">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      )}

      {safe > 0 && (
        <Button appearance="primary" className={styles.fixAll} onClick={onFixAll} disabledFocusable={busy} title={S.fixAllHint}>
          {S.fixAll(safe)}
        </Button>
      )}

      {selection && atSelection.length > 0 && (
        <div className={styles.selection} data-testid="selection-diagnostics">
          <Subtitle2 as="h2">{S.selectionTitle(selection.cell)}</Subtitle2>
          <ul className={styles.list}>
            {atSelection.map((d, i) => (
              <DiagnosticItem key={`sel${i}`} diagnostic={d} current busy={busy} onSelect={onSelect} onFix={onFix} />
            ))}
          </ul>
        </div>
      )}

      {!result && <Spinner label={S.loading} />}

      {result && diagnostics.length === 0 && result.blocks.length > 0 && (
        <div className={styles.empty} role="status">
          <CheckmarkCircle48Regular className={styles.cleanIcon} aria-hidden />
          <Subtitle2 as="h2">{S.clean}</Subtitle2>
          <Body1>{S.cleanDetail(result.blocks.length)}</Body1>
        </div>
      )}

      {result && diagnostics.length === 0 && result.blocks.length === 0 && (
        <div className={styles.empty} role="status">
          <Subtitle2 as="h2">{S.noBlocks}</Subtitle2>
          <Body1>{S.noBlocksDetail}</Body1>
          {onGoToTemplates && (
            <Button icon={<TableAdd20Regular />} onClick={onGoToTemplates}>
              {S.tabs.templates}
            </Button>
          )}
        </div>
      )}

      {result && diagnostics.length > 0 && visible.length === 0 && <Text>{S.filteredEmpty}</Text>}

      {groups.length > 0 && (
        <div aria-label={S.diagnosticsListLabel} role="region">
          {groups.map((g) => (
            <div key={g.key} className={styles.group} data-testid="diagnostic-group">
              <div className={styles.groupHead}>
                <Subtitle2 as="h2">{g.title}</Subtitle2>
                {g.range && <Caption1 className={styles.meta}>{g.range}</Caption1>}
              </div>
              <ul className={styles.list}>
                {g.items.map((d, i) => (
                  <DiagnosticItem
                    key={`${d.ruleId}${d.sheet}${d.cell}${i}`}
                    diagnostic={d}
                    current={sameRef(d, selection)}
                    busy={busy}
                    onSelect={onSelect}
                    onFix={onFix}
                  />
                ))}
              </ul>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
