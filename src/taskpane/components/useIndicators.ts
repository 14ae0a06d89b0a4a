/**
 * The 指标库 for a component: asked for (its chunk fetched) the first time `enabled` is true, then
 * kept. `state` says whether it is there yet, or why not; `retry` asks again after a failure
 * (catalog.indicators forgets a failed fetch).
 */
import * as React from 'react';
import type { IndicatorsApi, PaneCatalog } from '../host';

export type IndicatorsState =
  | { state: 'idle' | 'loading'; retry(): void }
  | { state: 'ready'; api: IndicatorsApi; retry(): void }
  | { state: 'failed'; message: string; retry(): void };

type Loaded = { state: 'idle' | 'loading' } | { state: 'ready'; api: IndicatorsApi } | { state: 'failed'; message: string };

export function useIndicators(catalog: PaneCatalog, enabled = true): IndicatorsState {
  const [s, setS] = React.useState<Loaded>({ state: 'idle' });
  const [attempt, setAttempt] = React.useState(0);
  const ready = s.state === 'ready';
  React.useEffect(() => {
    if (!enabled || !catalog.indicators || ready) return undefined;
    let live = true;
    setS({ state: 'loading' });
    catalog.indicators().then(
      (api) => {
        if (live) setS({ state: 'ready', api });
      },
      (e: unknown) => {
        if (live) setS({ state: 'failed', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [catalog, enabled, attempt, ready]);
  const retry = React.useCallback(() => setAttempt((n) => n + 1), []);
  return { ...s, retry };
}
