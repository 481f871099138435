import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { DataSource } from 'typeorm';
import { Organization, User } from '@app/identity';
import { planContent } from '../../support/plan-factory';
import { assignNumbers, insertSignedPlans } from '../../support/numbering-load';
import { createTestApp, TestApp } from '../../support/test-app';

/** Registers of the test: two Party types of one Ban Chỉ đạo, a Party committee, two State bodies sharing one counter across types. */
const REGISTERS = [
  { org: 'bcd-duk', type: 'KH' },
  { org: 'bcd-duk', type: 'CTr' },
  { org: 'duk-bd', type: 'KH' },
  { org: 'ubnd-nh', type: 'KH' },
  { org: 'ubnd-np', type: 'KH' },
] as const;
const PER_REGISTER = 40;

function startSecondProcess(databaseUrl: string): { child: ChildProcessWithoutNullStreams; lines: AsyncIterableIterator<string> } {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'test/support/numbering-process.ts', databaseUrl],
    { cwd: process.cwd(), env: { ...process.env, TS_NODE_PROJECT: 'tsconfig.json' } },
  );
  child.stderr.on('data', (chunk) => process.stderr.write(`[second process] ${chunk}`));
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() };
}

/** 200 number assignments at once, from this process and a second server process, on 5 registers. */
describe('numbering under concurrency', () => {
  let t: TestApp;
  let second: ReturnType<typeof startSecondProcess> | undefined;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    second?.child.kill();
    await t.close();
  });

  it('gives 01..N in every register, with no gap and no duplicate', async () => {
    const dataSource = t.app.get(DataSource);
    const author = await dataSource.manager.findOneByOrFail(User, { username: 'bcd-duk.drafter' });
    const planIds: string[] = [];
    const registerOf = new Map<string, string>();
    for (const register of REGISTERS) {
      const organization = await dataSource.manager.findOneByOrFail(Organization, { code: register.org });
      const ids = await insertSignedPlans(dataSource, organization.id, author.id, planContent({ documentType: register.type }), PER_REGISTER);
      for (const id of ids) registerOf.set(id, `${register.org}/${register.type}`);
      planIds.push(...ids);
    }
    // Interleave the registers, then split between the two processes.
    const shuffled = planIds
      .map((id, i) => ({ id, key: (i * 7919) % planIds.length }))
      .sort((a, b) => a.key - b.key)
      .map((p) => p.id);
    const mine = shuffled.filter((_, i) => i % 2 === 0);
    const theirs = shuffled.filter((_, i) => i % 2 === 1);

    second = startSecondProcess(t.databaseUrl);
    const ready = await second.lines.next();
    expect(ready.value).toBe('ready');
    second.child.stdin.write(`${JSON.stringify({ planIds: theirs, issuedOn: '2024-03-29', concurrency: 12 })}\n`);
    const [local, remoteLine] = await Promise.all([assignNumbers(t.app, mine, '2024-03-29', 12), second.lines.next()]);
    const remote = JSON.parse(remoteLine.value as string) as { pid: number; results: { planId: string; number: number }[] };
    expect(remote.pid).not.toBe(process.pid);
    expect(local).toHaveLength(100);
    expect(remote.results).toHaveLength(100);
    // Both processes numbered in every register: they really competed for the same counters.
    for (const register of REGISTERS) {
      const key = `${register.org}/${register.type}`;
      expect(local.some((r) => registerOf.get(r.planId) === key) && remote.results.some((r) => registerOf.get(r.planId) === key)).toBe(true);
    }

    const rows: { org: string; type: string | null; numbers: number[]; plans: number }[] = await dataSource.query(
      `SELECT o.code AS org, r.document_type AS type, array_agg(e.number ORDER BY e.number) AS numbers, count(DISTINCT e.plan_id)::int AS plans
         FROM register_entry e JOIN register r ON r.id = e.register_id JOIN organization o ON o.id = r.organization_id
        GROUP BY o.code, r.document_type ORDER BY o.code, r.document_type`,
    );
    expect(rows).toHaveLength(REGISTERS.length);
    const expected = Array.from({ length: PER_REGISTER }, (_, i) => i + 1);
    for (const row of rows) {
      expect({ register: `${row.org}/${row.type ?? '*'}`, numbers: row.numbers }).toEqual({
        register: `${row.org}/${row.type ?? '*'}`,
        numbers: expected,
      });
      expect(row.plans).toBe(PER_REGISTER);
    }
    // Party registers count per type; the State bodies share one register across types.
    expect(rows.map((r) => `${r.org}/${r.type ?? '*'}`)).toEqual(['bcd-duk/CTr', 'bcd-duk/KH', 'duk-bd/KH', 'ubnd-nh/*', 'ubnd-np/*']);
    const symbols: { number_symbol: string }[] = await dataSource.query(
      `SELECT p.number_symbol FROM plan p JOIN organization o ON o.id = p.organization_id WHERE o.code IN ('bcd-duk', 'ubnd-nh') AND p.number = 4 ORDER BY 1`,
    );
    expect(symbols.map((s) => s.number_symbol)).toEqual(['04-CTr/BCĐ', '04-KH/BCĐ', '04/KH-UBND']);
    console.log(
      `numbering: 200 assignments, ${local.length} here and ${remote.results.length} in process ${remote.pid}; registers ${rows.map((r) => `${r.org}/${r.type ?? '*'} 01..${r.numbers.length}`).join(', ')}`,
    );
  });
});
