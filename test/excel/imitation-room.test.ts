/**
 * The in-memory Excel has a room of its own (src/imitation/excel): the adapter's barrel does not
 * export it, the adapter does not import it, and its modules import one another without a cycle
 * (type imports included: the workbook's state and its structural operations both build on
 * ./cells.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

const src = path.resolve(__dirname, '../../src');
const room = path.join(src, 'imitation/excel');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** The relative modules a file imports or re-exports (type-only ones included). */
function importsOf(file: string): string[] {
  const code = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:import|export)\s[^'";]*?from\s+'(\.[^']+)'/g)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const hit = [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (hit) out.push(hit);
  }
  return out;
}

describe('the in-memory Excel, a room of its own', () => {
  it('its modules import one another without a cycle', () => {
    const files = filesUnder(room);
    expect(files.length).toBeGreaterThanOrEqual(5);
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, trail: string[]) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push([...trail.slice(trail.indexOf(f)), f].map((x) => path.relative(room, x)).join(' → '));
        return;
      }
      state.set(f, 'open');
      for (const g of importsOf(f)) if (g.startsWith(room)) visit(g, [...trail, f]);
      state.set(f, 'done');
    };
    for (const f of files) visit(f, []);
    expect(cycles).toEqual([]);
  });

  it('the adapter neither exports nor imports it', () => {
    const adapter = filesUnder(path.join(src, 'excel'));
    const users = adapter.filter((f) => importsOf(f).some((g) => g.startsWith(room)));
    expect(users.map((f) => path.relative(src, f))).toEqual([]);
    expect(fs.existsSync(path.join(src, 'excel/memory'))).toBe(false);
  });
});
