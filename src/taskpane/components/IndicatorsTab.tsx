/**
 * 指标库: suggestions for the block the selection is in — ranked by its 项目名称, 资金用途 and 绩效目标,
 * grouped by 二级, what it already has marked — each added to the table in its place with one click.
 */
import * as React from 'react';
import { Button, Caption1, MessageBar, MessageBarBody, Subtitle2, Text, makeStyles } from '@fluentui/react-components';
import { parseA1, parseRange, rangeContains } from '../../domain/address';
import type { AddIndicatorOutcome, BlockInfo, CellRef, CheckResult, PaneCatalog, SuggestionInfo } from '../host';
import { S } from '../strings';
import { SuggestionList } from './SuggestionList';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: '8px', minWidth: 0 },
  muted: { overflowWrap: 'anywhere' },
});

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
  const [top, setTop] = React.useState(PAGE);
  const [pending, setPending] = React.useState<number | null>(null);
  const [outcome, setOutcome] = React.useState<AddIndicatorOutcome | null>(null);
  const blockKey = block ? `${block.sheet}!${block.range}` : '';
  React.useEffect(() => {
    setTop(PAGE);
    setOutcome(null);
  }, [blockKey]);

  // recomputed when what the ranking reads changes (a re-check gives a new BlockInfo object every time)
  const queryKey = block ? JSON.stringify([block.name, block.usage, block.goal, block.profile, block.indicators, top]) : '';
  const groups = React.useMemo(
    () =>
      block && catalog.suggest
        ? // what the table has is listed (marked) on top of `top` new ones
          catalog.suggest({ name: block.name, usage: block.usage, goal: block.goal, existing: block.indicators, profileId: block.profile, top: top + (block.indicators?.length ?? 0) })
        : [],
    [catalog, queryKey],
  );
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
      ) : (
        <>
          <Text className={styles.muted}>{S.indicatorsFor(block.name, `${block.sheet}!${block.range}`)}</Text>
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
