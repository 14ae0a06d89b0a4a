import * as path from 'path';

/** The shared, read-only fixture workbooks (../shared/fixtures beside the repository). */
export const FIXTURES_DIR = path.resolve(__dirname, '../../../shared/fixtures');

export function fixture(name: string): string {
  return path.join(FIXTURES_DIR, name);
}
