// Stands in for src/domain/indicators/data.ts in the `--env withoutIndicatorLibrary` build (npm run bench):
// the pane without the 指标库's data, to measure what the data adds.
import type { IndicatorLibrary } from '../../../src/domain/indicators/schema';

export const LIBRARY_DATA = { version: 1, sources: [], projects: [], indicators: [] } as unknown as IndicatorLibrary;
