import { allRules } from '../../src/domain/rules';
import { run } from './helpers';

describe('jxmb rules', () => {
  it('lists every rule with its default severity per table format', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(allRules.length + 1);
    expect(lines[0]).toMatch(/^规则\s+hebei-project \/ central-2021 \/ disclosure-list \/ hebei-yth-annual \/ hebei-yth-info \/ sichuan-yth-annual\s+说明$/);
    expect(r.stdout).toMatch(/^plan\/behind-schedule\s+关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 关闭\s+资金支出计划低于序时进度/m);
    // a disclosure list and the 一体化 申报表 have no code
    expect(r.stdout).toMatch(/^id\/code-missing\s+错误 \/ 错误 \/ 关闭 \/ 关闭 \/ 错误 \/ 关闭\s/m);
    // the split 指标值 is in the 一体化 信息表 and the one-row-per-indicator table; the plan rules only where there is a plan
    expect(r.stdout).toMatch(/^value\/split-operator\s+关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 错误 \/ 错误\s/m);
    // weights and directions only where the table has those columns
    expect(r.stdout).toMatch(/^indicator\/weights-total\s+关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 错误\s/m);
    expect(r.stdout).toMatch(/^value\/direction-mismatch\s+关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 关闭 \/ 警告\s/m);
    expect(r.stdout).toMatch(/^plan\/decreasing\s+错误 \/ 错误 \/ 关闭 \/ 关闭 \/ 关闭 \/ 关闭\s/m);
    expect(r.stdout).toMatch(/^total\/funding-mismatch\s+错误 \/ 错误 \/ 关闭 \/ 错误 \/ 关闭 \/ 关闭\s/m);
    expect(r.stdout).toMatch(/^total\/summary-mismatch\s+错误 \/ 错误 \/ 错误 \/ 错误 \/ 错误 \/ 错误\s/m);
  });

  it('json: id, description and severity per profile', async () => {
    const r = await run(['rules', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as { id: string; severity: Record<string, string> }[];
    expect(rows.map((x) => x.id)).toEqual(allRules.map((x) => x.id));
    expect(rows.find((x) => x.id === 'value/satisfaction')?.severity).toEqual({
      'hebei-project': 'error',
      'central-2021': 'error',
      'disclosure-list': 'error',
      'hebei-yth-annual': 'error',
      'hebei-yth-info': 'error',
      'sichuan-yth-annual': 'error',
    });
  });

  it('a bad format is a one-line Chinese message and exit 2', async () => {
    const r = await run(['rules', '--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('输出格式“xml”无效：应为 text 或 json');
  });
});
