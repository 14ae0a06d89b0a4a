/**
 * 指标库: suggestions for the block the selection is in — for the project type its 项目名称, 资金用途
 * and 绩效目标 lead to (said in words; the clerk can pick another type), grouped by 二级, what it
 * already has marked — each added to the table in its place with one click. The library is loaded
 * (its own chunk) when this tab first opens.
 */
import * as React from 'react';
import {
  Button,
  Caption1,
  Dropdown,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Option,
  OptionGroup,
  Spinner,
  Subtitle2,
  Text,
  makeStyles,
} from '@fluentui/react-components';
import { parseA1, parseRange, rangeContains } from '../../domain/address';
import type { AddIndicatorOutcome, BlockInfo, CellRef, CheckResult, IndicatorTypeInfo, PaneCatalog, SuggestResultInfo, SuggestionInfo } from '../host';
import { S } from '../strings';
import { SuggestionList } from './SuggestionList';
import { useIndicators } from './useIndicators';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  muted: { overflowWrap: 'anywhere' },
  // the pane can be 320 px wide: the dropdown takes the width there is, not its 250 px minimum
  dropdown: { minWidth: 0, width: '100%' },
});

/** The dropdown's value for 自动识别 and for 不限类型 (a type id is neither). */
const AUTO = '__auto';
const NONE = '__none';

/** The type dropdown: 自动识别, 不限类型, then every type under its group. */
export function TypePicker({ types, value, onChange }: { types: IndicatorTypeInfo[]; value: string; onChange(v: string): void }) {
  const styles = useStyles();
  const groups = React.useMemo(() => {
    const m = new Map<string, IndicatorTypeInfo[]>();
    for (const t of types) m.set(t.group, [...(m.get(t.group) ?? []), t]);
    return [...m.entries()];
  }, [types]);
  const text = value === AUTO ? S.typeAuto : value === NONE ? S.typeNone : (types.find((t) => t.id === value)?.name ?? S.typeAuto);
  return (
    <Field label={S.typeLabel}>
      <Dropdown className={styles.dropdown} value={text} selectedOptions={[value]} onOptionSelect={(_, d) => d.optionValue && onChange(d.optionValue)}>
        <Option value={AUTO}>{S.typeAuto}</Option>
        <Option value={NONE}>{S.typeNone}</Option>
        {groups.map(([group, list]) => (
          <OptionGroup key={group} label={group}>
            {list.map((t) => (
              <Option key={t.id} value={t.id}>
                {t.name}
              </Option>
            ))}
          </OptionGroup>
        ))}
      </Dropdown>
    </Field>
  );
}

/** What the list is for, in words. */
export function typeLine(r: Pick<SuggestResultInfo, 'type' | 'typeBy' | 'keyword'>): string {
  if (r.type) return r.typeBy === 'picked' ? S.typePicked(r.type.name) : S.typeRecognised(r.type.name, r.keyword);
  return r.typeBy === 'picked' ? S.typeNonePicked : S.typeNoneRecognised;
}

export interface IndicatorsTabProps {
  catalog: PaneCatalog;
  result: CheckResult | null;
  selection: CellRef | null;
  /** absent: the host cannot add rows (the list is still shown) */
  onAdd?(block: BlockInfo, s: SuggestionInfo): Promise<AddIndicatorOutcome>;
}

const PAGE = 15;

/** The recognised block whose range holds the selected cell. */
export function blockAt(result: CheckResult | null, selection: CellRef | null): BlockInfo | undefined {
  if (!result || !selection) return undefined;
  let p: { row: number; col: number };
  try {
    p = parseA1(selection.cell);
  } catch {
    return undefined;
  }
  return result.blocks.find((b) => {
    if (b.sheet !== selection.sheet) return false;
    try {
      return rangeContains(parseRange(b.range), p.row, p.col);
    } catch {
      return false;
    }
  });
}

export function IndicatorsTab({ catalog, result, selection, onAdd }: IndicatorsTabProps) {
  const styles = useStyles();
  const ids = React.useId().replace(/:/g, '');
  const block = blockAt(result, selection);
  const lib = useIndicators(catalog);
  const [picked, setPicked] = React.useState(AUTO);
  const [top, setTop] = React.useState(PAGE);
  const [pending, setPending] = React.useState<number | null>(null);
  const [outcome, setOutcome] = React.useState<AddIndicatorOutcome | null>(null);
  const blockKey = block ? `${block.sheet}!${block.range}` : '';
  React.useEffect(() => {
    setTop(PAGE);
    setOutcome(null);
    setPicked(AUTO);
  }, [blockKey]);

  const api = lib.state === 'ready' ? lib.api : undefined;
  // recomputed when what the ranking reads changes (a re-check gives a new BlockInfo object every time)
  const queryKey = block ? JSON.stringify([block.name, block.usage, block.goal, block.profile, block.indicators, top, picked]) : '';
  const suggested = React.useMemo(
    () =>
      block && api
        ? // what the table has is listed (marked) on top of `top` new ones
          api.suggest({
            name: block.name,
            usage: block.usage,
            goal: block.goal,
            existing: block.indicators,
            profileId: block.profile,
            top: top + (block.indicators?.length ?? 0),
            ...(picked === AUTO ? {} : { typeId: picked === NONE ? '' : picked }),
          })
        : undefined,
    [api, queryKey],
  );
  const groups = suggested?.groups ?? [];
  const count = groups.reduce((n, g) => n + g.items.length, 0);
  const fresh = groups.reduce((n, g) => n + g.items.filter((x) => !x.existing).length, 0);

  const add = async (s: SuggestionInfo) => {
    if (!block || !onAdd) return;
    setPending(s.id);
    setOutcome(null);
    try {
      setOutcome(await onAdd(block, s));
    } catch (e) {
      setOutcome({ ok: false, message: S.error(e instanceof Error ? e.message : String(e)) });
    } finally {
      setPending(null);
    }
  };

  return (
    <section className={styles.root} aria-labelledby={`${ids}-title`}>
      <Subtitle2 as="h2" id={`${ids}-title`}>
        {S.indicatorsTitle}
      </Subtitle2>
      <Caption1 className={styles.muted}>{S.indicatorsIntro}</Caption1>
      {!block ? (
        <MessageBar intent="info">
          <MessageBarBody>
            {S.indicatorsNoBlock}
            <br />
            {S.indicatorsNoBlockDetail}
          </MessageBarBody>
        </MessageBar>
      ) : lib.state === 'failed' ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{S.indicatorsLoadFailed(lib.message)}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" onClick={lib.retry}>
              {S.indicatorsRetry}
            </Button>
          </MessageBarActions>
        </MessageBar>
      ) : !suggested || !api ? (
        <Spinner size="tiny" labelPosition="after" label={S.indicatorsLoading} />
      ) : (
        <>
          <Text className={styles.muted}>{S.indicatorsFor(block.name, `${block.sheet}!${block.range}`)}</Text>
          <Text className={styles.muted} aria-live="polite">
            {typeLine(suggested)}
          </Text>
          <TypePicker
            types={api.types}
            value={picked}
            onChange={(v) => {
              setPicked(v);
              setTop(PAGE);
            }}
          />
          {!onAdd && <Caption1>{S.cannotAdd}</Caption1>}
          {outcome && (
            <MessageBar intent={outcome.ok ? 'success' : 'error'} role={outcome.ok ? 'status' : 'alert'}>
              <MessageBarBody>{outcome.ok ? outcome.note : outcome.message}</MessageBarBody>
            </MessageBar>
          )}
          {count === 0 ? (
            <Caption1>{S.noSuggestions}</Caption1>
          ) : (
            <div role="region" aria-label={S.indicatorsListLabel}>
              <SuggestionList
                groups={groups}
                addLabel={S.addToTable}
                existingLabel={S.inTable}
                pending={pending}
                onAdd={(s) => void add(s)}
                idPrefix={`${ids}-s`}
              />
            </div>
          )}
          {fresh >= top && (
            <Button appearance="secondary" onClick={() => setTop((t) => t + PAGE)}>
              {S.more}
            </Button>
          )}
        </>
      )}
    </section>
  );
}
