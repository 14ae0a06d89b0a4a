/**
 * The 指标库 as the program uses it: the generated data (./data.ts), validated with zod the first
 * time it is asked for.
 */
import { LIBRARY_DATA } from './data';
import { IndicatorLibrarySchema, type IndicatorLibrary } from './schema';

let parsed: IndicatorLibrary | undefined;

export function indicatorLibrary(): IndicatorLibrary {
  parsed ??= IndicatorLibrarySchema.parse(LIBRARY_DATA);
  return parsed;
}
