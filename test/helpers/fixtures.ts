import * as fs from 'fs';
import * as path from 'path';

/**
 * The shared, read-only fixture workbooks: $JXMB_FIXTURES when set, else the first `shared/fixtures`
 * found beside the repository or one level further up (a checkout at /work/main and a worktree at
 * /work/wt/NAME both find /work/shared/fixtures).
 */
function fixturesDir(): string {
  if (process.env.JXMB_FIXTURES) return path.resolve(process.env.JXMB_FIXTURES);
  const root = path.resolve(__dirname, '../..');
  const candidates = [path.resolve(root, '../shared/fixtures'), path.resolve(root, '../../shared/fixtures')];
  return candidates.find((dir) => fs.existsSync(dir)) ?? candidates[0];
}

export const FIXTURES_DIR = fixturesDir();

export function fixture(name: string): string {
  return path.join(FIXTURES_DIR, name);
}
