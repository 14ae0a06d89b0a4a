import { allRules } from '../../src/domain/rules';
import { run } from './helpers';

describe('jxmb rules', () => {
  it('lists every rule with its default severity per table format', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(allRules.length + 1);
    expect(lines[0]).toMatch(/^规则\s+hebei-project \/ central-2021 \/ disclosure-list\s+说明$/);
    expect(r.stdout).toMatch(/^plan\/behind-schedule\s+关闭 \/ 关闭 \/ 关闭\s+资金支出计划低于序时进度/m);
    expect(r.stdout).toMatch(/^id\/code-missing\s+错误 \/ 错误 \/ 关闭\s/m); // a disclosure list has no code
  });

  it('json: id, description and severity per profile', async () => {
    const r = await run(['rules', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as { id: string; severity: Record<string, string> }[];
    expect(rows.map((x) => x.id)).toEqual(allRules.map((x) => x.id));
    expect(rows.find((x) => x.id === 'value/satisfaction')?.severity).toEqual({ 'hebei-project': 'error', 'central-2021': 'error', 'disclosure-list': 'error' });
  });

  it('a bad format is a one-line Chinese message and exit 2', async () => {
    const r = await run(['rules', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('输出格式“xml”无效：应为 text 或 json');
  });
});
