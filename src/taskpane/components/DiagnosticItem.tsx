import * as React from 'react';
import { Button, makeStyles, mergeClasses, tokens, Caption1 } from '@fluentui/react-components';
import { ErrorCircle16Filled, Warning16Filled, Info16Filled, Wrench16Regular } from '@fluentui/react-icons';
import type { Diagnostic, Severity } from '../../domain/model';
import { getRule } from '../../domain/rules';
import { S, SEVERITY_LABEL } from '../strings';

const useStyles = makeStyles({
  item: {
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: '6px 4px',
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  current: {
    backgroundColor: tokens.colorBrandBackground2,
  },
  main: {
    justifyContent: 'flex-start',
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    alignItems: 'flex-start',
    minWidth: 0,
    width: '100%',
    padding: '4px',
    height: 'auto',
  },
  text: { display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0, overflowWrap: 'anywhere' },
  icon: { flexShrink: 0, marginTop: '3px', marginRight: '6px' },
  meta: { color: tokens.colorNeutralForeground3 },
  fix: { alignSelf: 'flex-start', marginLeft: '26px', maxWidth: 'calc(100% - 26px)', height: 'auto', textAlign: 'left' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorPaletteBlueForeground2 },
});

export function SeverityIcon({ severity, className }: { severity: Severity; className?: string }) {
  const styles = useStyles();
  const cls = mergeClasses(styles[severity], className);
  const props = { className: cls, 'aria-label': SEVERITY_LABEL[severity], role: 'img' as const };
  if (severity === 'error') return <ErrorCircle16Filled {...props} />;
  if (severity === 'warning') return <Warning16Filled {...props} />;
  return <Info16Filled {...props} />;
}

/** The rule's Chinese title (its description), for the second line of a problem. */
export function ruleTitle(ruleId: string): string {
  return getRule(ruleId)?.description ?? S.unknownRule;
}

export interface DiagnosticItemProps {
  diagnostic: Diagnostic;
  current?: boolean;
  busy?: boolean;
  onSelect(d: Diagnostic): void;
  onFix(d: Diagnostic): void;
}

export function DiagnosticItem({ diagnostic: d, current, busy, onSelect, onFix }: DiagnosticItemProps) {
  const styles = useStyles();
  return (
    <li className={mergeClasses(styles.item, current && styles.current)} data-rule={d.ruleId} data-cell={`${d.sheet}!${d.cell}`}>
      {/* The accessible name is the visible content (severity icon's label, message, cell · rule), so
          what a speech-input user reads is what they can say (axe label-content-name-mismatch); where
          the button leads is its description (title). */}
      <Button appearance="subtle" className={styles.main} onClick={() => onSelect(d)} title={S.goToCell(d.cell)}>
        <SeverityIcon severity={d.severity} className={styles.icon} />
        <span className={styles.text}>
          <span data-message="">{d.message}</span>
          {/* the rule's Chinese title; its id (public, in the JSON) in the tooltip */}
          <Caption1 className={styles.meta} title={S.ruleIdTip(d.ruleId)} data-rule-title="">
            {d.cell} · {ruleTitle(d.ruleId)}
          </Caption1>
        </span>
      </Button>
      {d.fix && (
        <Button
          size="small"
          appearance="outline"
          icon={<Wrench16Regular />}
          className={styles.fix}
          disabledFocusable={busy}
          onClick={() => onFix(d)}
          aria-label={`${S.fixLabel(d.fix.label)}（单元格 ${d.fix.cell}）`}
        >
          {S.fixLabel(d.fix.label)}
        </Button>
      )}
    </li>
  );
}
