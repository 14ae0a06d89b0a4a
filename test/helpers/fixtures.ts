import * as path from 'path';

/**
 * The shared, read-only fixture workbooks (../shared/fixtures beside the repository). A checkout
 * that does not sit beside `shared/` (a git worktree elsewhere) names the folder in JXMB_FIXTURES.
 */
export const FIXTURES_DIR = process.env.JXMB_FIXTURES ?? path.resolve(__dirname, '../../../shared/fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES_DIR, name);
}
