import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { MAX_FAILED_SIGN_INS, STEP_UP_MAX_FAILURES } from '@app/identity';
import type { PlanContent } from '@app/plans';
import { createPlan } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, sendEvent, withFutureDeadlines, signAndIssue } from '../../support/workflow-client';

/** Issue 16: throttles that stop attackers, not offices. */
describe('throttles', () => {
  let t: TestApp;
  let db: DataSource;
  const seed = withFutureDeadlines(
    JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')) as PlanContent,
  );
  const login = (username: string, password: string, address: string) =>
    request(t.http).post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });

  beforeAll(async () => {
    // behind a proxy, so that each test can sign in from an address of its own
    t = await createTestApp({ demo: true, env: { TRUST_PROXY: '1' } });
    db = t.app.get(DataSource);
  });
  afterAll(() => t.close());

  it('the per-account limit holds under parallel wrong sign-ins', async () => {
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => login('ubnd-nh.reviewer', `sai-mat-khau-${i}`, '10.0.0.1')));
    const counts = statuses.reduce<Record<number, number>>((acc, res) => ({ ...acc, [res.status]: (acc[res.status] ?? 0) + 1 }), {});
    expect(counts).toEqual({ 401: MAX_FAILED_SIGN_INS, 429: 20 - MAX_FAILED_SIGN_INS });
    const refused = statuses.find((res) => res.status === 429)!;
    expect(refused.body.message).toMatch(/quá nhiều lần/);
  });

  it('a busy address never refuses a correct password of an account with no recent failures', async () => {
    const office = '10.0.0.2';
    for (let i = 0; i < MAX_FAILED_SIGN_INS * 3; i++) await login(`khong-co-${i}`, 'sai', office);
    // someone guessing from that address is refused at once, once the account has failed
    expect((await login('ubnd-nh.clerk', 'sai-lan-nua', office)).status).toBe(401);
    expect((await login('ubnd-nh.clerk', 'demo1234', office)).status).toBe(429);
    // a colleague behind the same NAT signs in
    expect((await login('ubnd-nh.drafter', 'demo1234', office)).status).toBe(200);
    expect((await login('ubnd-nh.signer', 'demo1234', office)).status).toBe(200);
  });

  describe('SIGN step-up', () => {
    let planId: string;
    const stepUps = () =>
      db.query(`SELECT event, actor_name FROM audit_event WHERE plan_id = $1 AND event IN ('STEP_UP_FAILED', 'SIGNING_LOCKED') ORDER BY seq`, [
        planId,
      ]);

    beforeAll(async () => {
      planId = await createPlan(t, 'bcd-duk.drafter', seed);
      await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
      await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
      await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
    });

    it('someone who may not sign the plan gets 403 and writes nothing', async () => {
      for (const who of ['bcd-duk.reviewer', 'ubnd-np.signer', 'tu-bd.auditor']) {
        const res = await sendEvent(t, who, planId, { type: 'SIGN', password: 'doan-mo-mat-khau' });
        expect([403, 404]).toContain(res.status);
      }
      expect(await stepUps()).toEqual([]);
      expect(Number((await db.query(`SELECT count(*)::int n FROM step_up_failure`))[0].n)).toBe(0);
    });

    it("five wrong passwords lock the signer's signing (429), recorded once; the right password waits too", async () => {
      for (let i = 0; i < STEP_UP_MAX_FAILURES; i++) {
        const wrong = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: `sai-${i}` });
        expect(wrong.status).toBe(409);
        expect(wrong.body.refusedBy).toBe('passwordConfirmed');
      }
      const locked = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'sai-nua' });
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ code: 'signing_locked', message: expect.stringMatching(/tạm khóa/) });
      expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
      expect((await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' })).status).toBe(429);
      const rows = await stepUps();
      expect(rows.map((r: { event: string }) => r.event)).toEqual([...Array(STEP_UP_MAX_FAILURES).fill('STEP_UP_FAILED'), 'SIGNING_LOCKED']);
      // the lock passes once the wrong tries are older than the window
      await db.query(`UPDATE step_up_failure SET failed_at = failed_at - interval '16 minutes'`);
      await signAndIssue(t, 'bcd-duk.signer', planId, 'demo1234');
    });
  });
});
