/**
 * CI runs on busy machines: no test may pass or fail on how long something took. Speed is measured
 * by `npm run bench` only. A test may read the clock only to stop a hung wait or to print a figure,
 * and says so on that line (`clock-ok:` and why); the browser end-to-end run never reads the pane's
 * time to interactive (that is scripts/bench-tti.js's figure).
 */
import * as fs from 'fs';
import * as path from 'path';
import { getConfig } from '@testing-library/dom';

const root = path.resolve(__dirname, '../..');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return files(p);
    return /\.(ts|tsx|js)$/.test(e.name) ? [p] : [];
  });
}

const CLOCK = /\bDate\.now\(|\bperformance\.now\(|\bprocess\.hrtime|\bconsole\.time|new Date\(\)\.getTime\(/;

describe('no test asserts a wall-clock duration', () => {
  const tests = [...files(path.join(root, 'test')), path.join(root, 'scripts', 'e2e.js')];

  it('the clock is read only on lines that say why (a hang-stop or a printed figure)', () => {
    const offending: string[] = [];
    for (const file of tests) {
      if (file === __filename) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (CLOCK.test(line) && !/clock-ok:/.test(line)) offending.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offending).toEqual([]);
  });

  it('the end-to-end run neither reads the time to interactive nor has a time budget', () => {
    const e2e = fs.readFileSync(path.join(root, 'scripts', 'e2e.js'), 'utf8');
    expect(e2e).not.toMatch(/__jxmbReady|getEntriesByType|BUDGET/);
    // the figure is the bench's: scripts/bench-tti.js reads it, and bench.ts reports it
    expect(fs.readFileSync(path.join(root, 'scripts', 'bench-tti.js'), 'utf8')).toMatch(/__jxmbReady/);
    expect(fs.readFileSync(path.join(root, 'scripts', 'bench.ts'), 'utf8')).toMatch(/bench-tti\.js/);
  });

  it('waits are hang-stops sized for a busy machine: jest per test, Testing Library per wait', () => {
    const jestConfig = fs.readFileSync(path.join(root, 'jest.config.js'), 'utf8');
    expect(Number(/testTimeout: ([\d_]+)/.exec(jestConfig)?.[1].replace(/_/g, ''))).toBeGreaterThanOrEqual(120_000);
    expect(getConfig().asyncUtilTimeout).toBeGreaterThanOrEqual(30_000); // its default, 1 s, fails slow panes
  });

  it('catches what it is for', () => {
    expect(CLOCK.test('    expect(Date.now() - t0).toBeLessThan(3000);')).toBe(true);
    expect(CLOCK.test('    const ms = performance.now() - t;')).toBe(true);
    expect(CLOCK.test('    expect(r.durationMs).toBe(12);')).toBe(false);
  });
});
