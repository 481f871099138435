import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditHash, AuditService } from '@app/audit';
import { createPlan, planContent } from '../support/plan-factory';
import { createTestApp, TestApp } from '../support/test-app';
import { expectTransition, getJson, withFutureDeadlines } from '../support/workflow-client';

/** The audit trail cannot be changed by the application, and a change made behind its back is found. */
describe('audit trail: append-only and hash-chained', () => {
  let t: TestApp;
  let superuser: Client;
  const plans: string[] = [];

  /** As the database superuser, with the append-only trigger off: what an attacker with full access could do. */
  async function tamper(sql: string, params: unknown[]): Promise<void> {
    await superuser.query('BEGIN');
    await superuser.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_change');
    await superuser.query(sql, params);
    await superuser.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_change');
    await superuser.query('COMMIT');
  }

  const verify = () => getJson(t, 'tu-bd.auditor', '/api/audit/verify');

  beforeAll(async () => {
    // Nothing here needs the workers (a signed plan would otherwise go on to be issued in the background).
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    superuser = new Client({ connectionString: t.databaseUrl });
    await superuser.connect();
    for (let i = 0; i < 3; i++) {
      const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
      await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
      await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'RETURN', reason: 'Sai thể thức phần Nơi nhận' }, 'draft');
      plans.push(id);
    }
  });
  afterAll(async () => {
    await superuser.end();
    await t.close();
  });

  it('the application can neither update, delete nor truncate audit rows', async () => {
    const db = t.app.get(DataSource);
    await expect(db.query(`UPDATE audit_event SET reason = 'sửa' WHERE plan_id = $1`, [plans[0]])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.query(`DELETE FROM audit_event WHERE plan_id = $1`, [plans[0]])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await getJson(t, 'tu-bd.auditor', `/api/plans/${plans[0]}/history`)).map((e: { event: string }) => e.event)).toEqual([
      'CREATED',
      'SUBMIT',
      'APPROVE',
      'RETURN',
    ]);
  });

  it("content saves join the plan's chain in the saving transaction, and vanish with it when it rolls back", async () => {
    const db = t.app.get(DataSource);
    const [drafter] = await db.query(`SELECT id, full_name AS "fullName" FROM app_user WHERE username = 'bcd-duk.drafter'`);
    const [plan] = await db.query(`SELECT organization_id AS "organizationId" FROM plan WHERE id = $1`, [plans[0]]);
    const entry = {
      planId: plans[0],
      organizationId: plan.organizationId,
      actor: drafter,
      version: 2,
      contentSha256: 'c'.repeat(64),
      state: 'draft',
    };
    await expect(
      db.transaction(async (manager) => {
        await t.app.get(AuditService).contentSaved(manager, entry);
        throw new Error('the save failed after the audit row');
      }),
    ).rejects.toThrow('the save failed');
    await db.transaction((manager) => t.app.get(AuditService).contentSaved(manager, entry));
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${plans[0]}/history`);
    expect(history.map((e: { event: string }) => e.event)).toEqual(['CREATED', 'SUBMIT', 'APPROVE', 'RETURN', 'CONTENT_SAVED']);
    expect(history[4]).toMatchObject({ seq: 5, contentVersion: 2, contentSha256: 'c'.repeat(64), actorId: drafter.id, prevHash: history[3].hash });
  });

  it('only auditors verify; an untouched trail verifies', async () => {
    const res = await request(t.http)
      .get('/api/audit/verify')
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`);
    expect(res.status).toBe(403);
    expect(await verify()).toMatchObject({ ok: true, firstBroken: null, broken: [] });
  });

  it("a plan's history is hidden from strangers", async () => {
    const res = await request(t.http)
      .get(`/api/plans/${plans[0]}/history`)
      .set('Authorization', `Bearer ${await t.token('ubnd-nh.drafter')}`);
    expect(res.status).toBe(404);
  });

  it('an edited row is named by plan and sequence', async () => {
    await tamper(`UPDATE audit_event SET reason = 'Không có lý do' WHERE plan_id = $1 AND seq = 3`, [plans[0]]);
    const report = await verify();
    expect(report.ok).toBe(false);
    expect(report.firstBroken).toMatchObject({ planId: plans[0], seq: 3, problem: 'hash_mismatch', stream: `plan:${plans[0]}` });
    expect(report.firstBroken.message).toMatch(/đã bị sửa/);
    expect(report.broken).toHaveLength(1);
  });

  it('an edit that recomputes its own hash breaks the link to the next row', async () => {
    const [row] = (await superuser.query(`SELECT * FROM audit_event WHERE plan_id = $1 AND seq = 2`, [plans[1]])).rows;
    // Rewrite the approval as someone else's and give the row a fresh hash of its own.
    const forged = { ...row, actorName: 'Người khác', data: row.data, at: row.at };
    const fields = {
      stream: forged.stream,
      seq: forged.seq,
      planId: forged.plan_id,
      organizationId: forged.organization_id,
      actorId: forged.actor_id,
      actorName: forged.actorName,
      at: forged.at,
      event: forged.event,
      fromState: forged.from_state,
      toState: forged.to_state,
      reason: forged.reason,
      contentVersion: forged.content_version,
      contentSha256: forged.content_sha256,
      requestId: forged.request_id,
      data: forged.data,
      prevHash: forged.prev_hash,
    };
    await tamper(`UPDATE audit_event SET actor_name = $1, hash = $2 WHERE id = $3`, ['Người khác', auditHash(fields), row.id]);
    const report = await verify();
    expect(report.broken).toEqual(expect.arrayContaining([expect.objectContaining({ planId: plans[1], seq: 3, problem: 'prev_hash_mismatch' })]));
  });

  it('a deleted row leaves a gap that is named', async () => {
    await tamper(`DELETE FROM audit_event WHERE plan_id = $1 AND seq = 2`, [plans[2]]);
    const report = await verify();
    expect(report.broken).toEqual(expect.arrayContaining([expect.objectContaining({ planId: plans[2], seq: 3, problem: 'sequence_gap' })]));
    expect(report.broken).toHaveLength(3);
    expect(report.firstBroken.planId).toBe([...plans].sort()[0]);
  });
});
