import * as path from 'path';

/**
 * The read-only fixture workbooks, in the repository (test/fixtures/workbooks): real 绩效目标表
 * workbooks that the tests and the 指标库 build (scripts/build-indicator-library.ts) read.
 */
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures/workbooks');

export function fixture(name: string): string {
  return path.join(FIXTURES_DIR, name);
}
