import { Client } from 'pg';
import { auditHash, HashedFields } from '@app/audit';
import { Clock, DAY_MS } from '@app/jobs';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, waitFor, withFutureDeadlines } from '../../support/workflow-client';

/**
 * An audit trail the application cannot rewrite (issue 16, point 6): migrations run as an owner
 * role, the server as a role that may only INSERT and SELECT the trail; the chains' heads are
 * signed with a key file after every issuance and once a day, so that even the owner, who can
 * disable the trigger and re-hash a stream, is found out by /api/audit/verify.
 */
describe('security: the audit trail against its own database roles', () => {
  let t: TestApp;
  let server: Client;
  let owner: Client;
  const verify = () => getJson(t, 'tu-bd.auditor', '/api/audit/verify');

  /** A row as auditHash reads it, from the table's snake_case columns. */
  const hashedFields = (row: Record<string, any>): HashedFields => ({
    stream: row.stream,
    seq: row.seq,
    planId: row.plan_id,
    organizationId: row.organization_id,
    actorId: row.actor_id,
    actorName: row.actor_name,
    at: row.at,
    event: row.event,
    fromState: row.from_state,
    toState: row.to_state,
    reason: row.reason,
    contentVersion: row.content_version,
    contentSha256: row.content_sha256,
    requestId: row.request_id,
    data: row.data,
    prevHash: row.prev_hash,
  });

  /** As the owner role: the trigger off, the change, the trigger on (what an owner-level attacker can do). */
  async function asOwner(change: () => Promise<void>): Promise<void> {
    await owner.query('BEGIN');
    await owner.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change');
    await change();
    await owner.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change');
    await owner.query('COMMIT');
  }

  /** A bcd-duk plan returned once: a short chain of its own. */
  async function returnedPlan(): Promise<string> {
    const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'RETURN', reason: 'Sai thể thức phần Nơi nhận' }, 'draft');
    return id;
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: true, roleSplit: true, env: { CLOCK_ADJUSTABLE: '1' } });
    server = new Client({ connectionString: t.databaseUrl });
    owner = new Client({ connectionString: t.ownerUrl! });
    await Promise.all([server.connect(), owner.connect()]);
  });
  afterAll(async () => {
    await Promise.all([server?.end(), owner?.end()]);
    await t?.close();
  });

  it("the server's role may only INSERT and SELECT the trail and its signed heads: no UPDATE, DELETE, TRUNCATE, nor turning the trigger off", async () => {
    expect((await server.query('SELECT current_user AS u')).rows[0].u).toBe('kehoach_server');
    expect((await owner.query(`SELECT tableowner FROM pg_tables WHERE tablename = 'audit_event'`)).rows[0].tableowner).toBe('kehoach_owner');
    await returnedPlan();
    for (const table of ['audit_event', 'audit_head']) {
      for (const sql of [`UPDATE ${table} SET seq = seq`, `DELETE FROM ${table}`, `TRUNCATE ${table}`, `ALTER TABLE ${table} DISABLE TRIGGER USER`]) {
        await expect(server.query(sql)).rejects.toThrow(/permission denied|must be owner/);
      }
      expect((await server.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n).toBeGreaterThanOrEqual(0);
    }
    const privileges = await server.query(
      `SELECT table_name, string_agg(privilege_type, ',' ORDER BY privilege_type) AS p FROM information_schema.role_table_grants
       WHERE grantee = 'kehoach_server' AND table_name IN ('audit_event', 'audit_head') GROUP BY table_name ORDER BY table_name`,
    );
    expect(privileges.rows).toEqual([
      { table_name: 'audit_event', p: 'INSERT,SELECT' },
      { table_name: 'audit_head', p: 'INSERT,SELECT' },
    ]);
  });

  it('an issuance signs its chain in its transaction; the daily job, on the queue, signs every chain that moved', async () => {
    const issued = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await signThroughApi(t, 'bcd-duk', issued);
    const heads = await owner.query(`SELECT reason, seq FROM audit_head WHERE stream = $1`, [`plan:${issued}`]);
    expect(heads.rows.map((h) => h.reason)).toContain('issuance');
    const [issuedRow] = (await owner.query(`SELECT seq FROM audit_event WHERE stream = $1 AND event = 'ISSUED'`, [`plan:${issued}`])).rows;
    expect(heads.rows.find((h) => h.reason === 'issuance').seq).toBe(issuedRow.seq);

    const returned = await returnedPlan();
    await t.app.get(Clock).advance(DAY_MS + 60_000);
    await waitFor(
      'the daily signing of the heads',
      async () =>
        (await owner.query(`SELECT count(*)::int AS n FROM audit_head WHERE stream = $1 AND reason = 'daily'`, [`plan:${returned}`])).rows[0].n,
      (n) => n === 1,
      60_000,
    );
    expect(await verify()).toMatchObject({ ok: true, broken: [] });
  });

  it('a stream re-hashed by the owner (every link consistent) and a tail cut by the owner are named against the signed heads', async () => {
    const [rehashed, cut] = [await returnedPlan(), await returnedPlan()];
    await t.app.get(Clock).advance(DAY_MS + 60_000);
    await waitFor(
      'the next daily signing',
      async () =>
        (await owner.query(`SELECT count(DISTINCT stream)::int AS n FROM audit_head WHERE stream = ANY($1)`, [[`plan:${rehashed}`, `plan:${cut}`]]))
          .rows[0].n,
      (n) => n === 2,
      60_000,
    );
    expect((await verify()).ok).toBe(true);

    // Re-hash: rewrite the return reason and recompute every hash and link from there on.
    await asOwner(async () => {
      const rows = (await owner.query(`SELECT * FROM audit_event WHERE stream = $1 ORDER BY seq`, [`plan:${rehashed}`])).rows;
      let prevHash: string | null = null;
      for (const row of rows) {
        const fields = { ...hashedFields(row), reason: row.event === 'RETURN' ? 'Không có lý do' : row.reason, prevHash };
        const hash = auditHash(fields);
        await owner.query(`UPDATE audit_event SET reason = $1, prev_hash = $2, hash = $3 WHERE id = $4`, [fields.reason, prevHash, hash, row.id]);
        prevHash = hash;
      }
    });
    // Cut: the last events of the other stream are gone.
    await asOwner(async () => {
      await owner.query(`DELETE FROM audit_event WHERE stream = $1 AND seq > 1`, [`plan:${cut}`]);
    });

    const report = await verify();
    expect(report.ok).toBe(false);
    const byStream = Object.fromEntries(report.broken.map((b: { stream: string }) => [b.stream, b]));
    expect(byStream[`plan:${rehashed}`]).toMatchObject({ planId: rehashed, problem: 'signed_head_mismatch' });
    expect(byStream[`plan:${rehashed}`].message).toMatch(/viết lại/);
    expect(byStream[`plan:${cut}`]).toMatchObject({ planId: cut, problem: 'truncated', seq: 2 });
    expect(byStream[`plan:${cut}`].message).toMatch(/bị cắt/);
    expect(report.broken).toHaveLength(2);
  });
});
