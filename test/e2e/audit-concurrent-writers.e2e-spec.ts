import { DataSource } from 'typeorm';
import { auditStreamLockKey, AuditService, streamOf, SYSTEM_AUDIT_ACTOR } from '@app/audit';
import { usePreparedStatements } from '@app/db';
import { createPlan, planContent } from '../support/plan-factory';
import { createTestApp, TestApp } from '../support/test-app';
import { getJson, sendEvent, withFutureDeadlines } from '../support/workflow-client';

/**
 * A transition reads its plan's audit head in the statement that takes the stream's append lock
 * (one round trip instead of three). Writers that append without the plan lock (job outcomes,
 * STEP_UP_FAILED) may get there first: the transition's row must still follow theirs.
 */
describe('audit trail: a transition and another writer of the same stream', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
  });
  afterAll(() => t.close());

  /** Locks on the plan stream's append lock (pg_locks splits the 64-bit key into classid and objid), granted or waited for. */
  const streamLocks = async (planId: string, granted: boolean): Promise<number> => {
    const [{ count }] = await t.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS count FROM pg_locks WHERE locktype = 'advisory' AND granted = $2 AND ((classid::bigint << 32) | objid::bigint) = hashtext($1)::bigint`,
        [auditStreamLockKey(streamOf({ planId })), granted],
      );
    return count;
  };

  const history = async (planId: string) =>
    (await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`)) as { seq: number; event: string; hash: string; prevHash: string | null }[];

  it("a transition that waited for a job outcome's append writes after it, and the chain verifies", async () => {
    const db = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // A job outcome appended without the plan lock, its transaction held open.
    const job = db.transaction(async (manager) => {
      await audit.append(manager, { planId, actor: SYSTEM_AUDIT_ACTOR, event: 'JOB_COMPLETED', data: { queue: 'test' } });
      await gate;
    });
    // Wait until the job holds the stream's lock, then send the transition, which locks the plan and waits for the stream.
    for (let i = 0; i < 250 && !(await streamLocks(planId, true)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await streamLocks(planId, true)).toBe(1);
    const submit = sendEvent(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' });
    for (let i = 0; i < 250 && !(await streamLocks(planId, false)); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await streamLocks(planId, false)).toBe(1);
    release();
    await job;
    const res = await submit;
    expect(res.status).toBe(200);
    const rows = await history(planId);
    expect(rows.map((r) => [r.seq, r.event])).toEqual([
      [1, 'CREATED'],
      [2, 'JOB_COMPLETED'],
      [3, 'SUBMIT'],
    ]);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect(res.body.auditSeq).toBe(3);
    expect((await getJson(t, 'tu-bd.auditor', '/api/audit/verify')).ok).toBe(true);
  });

  it('an append given a stale head reads the head again under the lock and follows it', async () => {
    const db = t.app.get(DataSource);
    const audit = t.app.get(AuditService);
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    const [created] = await history(planId);
    await db.transaction((manager) => audit.append(manager, { planId, actor: SYSTEM_AUDIT_ACTOR, event: 'JOB_COMPLETED', data: {} }));
    const saved = await db.transaction((manager) =>
      audit.append(manager, { planId, actor: SYSTEM_AUDIT_ACTOR, event: 'JOB_FAILED', data: {} }, { head: { seq: created.seq, hash: created.hash } }),
    );
    expect(saved.seq).toBe(3);
    const rows = await history(planId);
    expect(rows.map((r) => r.event)).toEqual(['CREATED', 'JOB_COMPLETED', 'JOB_FAILED']);
    expect(rows[2].prevHash).toBe(rows[1].hash);
    expect((await getJson(t, 'tu-bd.auditor', '/api/audit/verify')).ok).toBe(true);
  });
});

/** Behind a pooler that cannot keep named statements (DATABASE_PREPARED_STATEMENTS=0) the same SQL goes unnamed. */
describe('transitions without named prepared statements', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0', DATABASE_PREPARED_STATEMENTS: '0' } });
  });
  afterAll(async () => {
    await t.close();
    usePreparedStatements(true);
  });

  it('SUBMIT and WITHDRAW, a replay and the audit trail work the same', async () => {
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    const first = await sendEvent(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, { key: 'unnamed-1' });
    expect(first.status).toBe(200);
    const replay = await sendEvent(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, { key: 'unnamed-1' });
    expect(replay.status).toBe(200);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toEqual(first.body);
    expect((await sendEvent(t, 'bcd-duk.drafter', planId, { type: 'WITHDRAW' }, { ifMatch: first.body.rowVersion })).status).toBe(200);
    const [{ named }] = await t.app.get(DataSource).query(`SELECT count(*)::int AS named FROM pg_prepared_statements WHERE name LIKE 'hot_%'`);
    expect(named).toBe(0);
    expect((await getJson(t, 'tu-bd.auditor', '/api/audit/verify')).ok).toBe(true);
  });
});
