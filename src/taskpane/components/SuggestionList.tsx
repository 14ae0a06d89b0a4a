/**
 * Suggestions from the 指标库, grouped by 二级 (一级 › 二级 headings), each with its value form, a
 * mark when the table (or template) already has it, and one button that adds it. Keyboard: every
 * button is in the tab order with a name saying what it adds where; a marked row's button is
 * aria-disabled (still focusable, so the keyboard user learns why).
 */
import * as React from 'react';
import { Badge, Button, Caption1, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Add16Regular, Checkmark16Regular, Dismiss16Regular } from '@fluentui/react-icons';
import type { SuggestionGroup, SuggestionInfo } from '../host';
import { S } from '../strings';

const useStyles = makeStyles({
  groups: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  heading: { margin: '4px 0 2px', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '4px' },
  item: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    alignItems: 'center',
    gap: '6px',
    padding: '4px 6px',
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    minWidth: 0,
  },
  text: { display: 'flex', flexDirection: 'column', gap: '1px', minWidth: 0, overflowWrap: 'anywhere' },
  line: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' },
  form: { color: tokens.colorNeutralForeground2, fontFamily: tokens.fontFamilyMonospace },
  desc: { color: tokens.colorNeutralForeground3 },
});

export interface SuggestionListProps {
  groups: SuggestionGroup[];
  /** the label of the add button (`添加到表格` / `加入模板`) */
  addLabel: string;
  /** the mark of an indicator already there (`表中已有` / `模板已有`) */
  existingLabel: string;
  /** ids added in this session (the template's extras): shown as added, with a remove button */
  added?: ReadonlySet<number>;
  /** id being added right now */
  pending?: number | null;
  onAdd(s: SuggestionInfo): void;
  onRemove?(s: SuggestionInfo): void;
  /** id prefix for the group headings */
  idPrefix: string;
}

/** `定性（如：提升）` for a qualitative form with an example. */
export function formText(s: SuggestionInfo): string {
  return s.value === '定性' && s.examples && s.examples.length > 0 ? S.qualitativeForm(s.examples[0]) : s.value;
}

export function SuggestionList({ groups, addLabel, existingLabel, added, pending, onAdd, onRemove, idPrefix }: SuggestionListProps) {
  const styles = useStyles();
  // an add button replaced by 移除 (or back) keeps the keyboard user's place: focus goes to its replacement
  const root = React.useRef<HTMLDivElement>(null);
  const refocus = React.useRef<string | null>(null);
  React.useEffect(() => {
    const key = refocus.current;
    if (key === null) return;
    refocus.current = null;
    root.current?.querySelector<HTMLButtonElement>(`[data-suggestion="${key}"]`)?.focus();
  });
  const add = (s: SuggestionInfo) => {
    if (onRemove) refocus.current = `remove-${s.id}`;
    onAdd(s);
  };
  const remove = (s: SuggestionInfo) => {
    refocus.current = `add-${s.id}`;
    onRemove?.(s);
  };
  return (
    <div className={styles.groups} ref={root}>
      {groups.map((g, gi) => {
        const headingId = `${idPrefix}-g${gi}`;
        return (
          <section key={`${g.level1}/${g.level2}`} aria-labelledby={headingId}>
            <h3 id={headingId} className={styles.heading}>
              {S.groupTitle(g.level1, g.level2)}
            </h3>
            <ul className={styles.list} aria-labelledby={headingId}>
              {g.items.map((s) => {
                const isAdded = added?.has(s.id) ?? false;
                const busy = pending === s.id;
                return (
                  <li key={s.id} className={styles.item}>
                    <span className={styles.text}>
                      <span className={styles.line}>
                        <Text weight="semibold">{s.name}</Text>
                        {s.existing && (
                          <Badge size="small" appearance="tint" color="success" icon={<Checkmark16Regular />}>
                            {existingLabel}
                          </Badge>
                        )}
                        {isAdded && (
                          <Badge size="small" appearance="tint" color="brand">
                            {S.addedTag}
                          </Badge>
                        )}
                      </span>
                      <Caption1 className={styles.form}>{S.formLine(formText(s))}</Caption1>
                      {s.description && <Caption1 className={styles.desc}>{s.description}</Caption1>}
                    </span>
                    {isAdded && onRemove ? (
                      <Button
                        size="small"
                        appearance="subtle"
                        icon={<Dismiss16Regular />}
                        aria-label={S.removeAria(s.name)}
                        data-suggestion={`remove-${s.id}`}
                        onClick={() => remove(s)}
                      >
                        {S.remove}
                      </Button>
                    ) : (
                      <Button
                        size="small"
                        icon={busy ? <Spinner size="extra-tiny" /> : <Add16Regular />}
                        disabledFocusable={s.existing || isAdded || (pending !== null && pending !== undefined)}
                        aria-label={s.existing ? S.existingAria(s.name, existingLabel, addLabel) : S.addAria(s.name, s.level2, addLabel)}
                        data-suggestion={`add-${s.id}`}
                        onClick={() => add(s)}
                      >
                        {addLabel}
                      </Button>
                    )}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
