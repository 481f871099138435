import { DataSource } from 'typeorm';
import { Clock, DAY_MS } from '@app/jobs';
import { WORKFLOW_REMINDER_JOB } from '@app/workflow';
import { createPlan, planContent } from '../support/plan-factory';
import { createTestApp, TestApp } from '../support/test-app';
import { expectTransition, getJson, waitFor, withFutureDeadlines } from '../support/workflow-client';

/**
 * Reminders are scheduled jobs on the application's clock: the test moves the clock, the
 * queue's jobs become due, the real workers run them. No sleeping, no timers.
 */
describe('workflow: reminders and escalation', () => {
  let t: TestApp;
  const N = 2;
  const notices = (username: string, planId: string) =>
    getJson(t, username, '/api/notifications').then((list: { planId: string; kind: string; message: string }[]) =>
      list.filter((n) => n.planId === planId),
    );
  const kinds = async (username: string, planId: string) => (await notices(username, planId)).map((n) => n.kind).sort();
  const reminderOutcomes = async (planId: string) =>
    (await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`)).filter(
      (e: { event: string; data: { queue?: string } }) => e.event === 'JOB_COMPLETED' && e.data.queue === WORKFLOW_REMINDER_JOB.queue,
    );

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { CLOCK_ADJUSTABLE: '1', REMINDER_DAYS: String(N) } });
  });
  afterAll(() => t.close());

  it("a review waiting N days reminds the reviewer; at 2N the organization's signer hears of it; a plan that moved on is left alone", async () => {
    const waiting = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', waiting, { type: 'SUBMIT' }, 'review');
    const moved = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', moved, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', moved, { type: 'APPROVE' }, 'review');
    expect(await kinds('bcd-duk.reviewer', waiting)).toEqual(['review_request']);

    await t.app.get(Clock).advance(N * DAY_MS + 60_000);
    await waitFor(
      'the reminder',
      () => kinds('bcd-duk.reviewer', waiting),
      (k) => k.includes('reminder'),
    );
    const [reminder] = (await notices('bcd-duk.reviewer', waiting)).filter((n) => n.kind === 'reminder');
    expect(reminder.message).toMatch(new RegExp(`chờ bạn duyệt \\(bước "Duyệt nội dung"\\) ${N} ngày`));
    // the plan that moved on: its first reminder found a later transition and did nothing; the checker now waits on it
    await waitFor(
      "the moved plan's reminders",
      () => reminderOutcomes(moved),
      (o) => o.length >= 2,
    );
    const outcomes = await reminderOutcomes(moved);
    expect(outcomes.map((o: { data: { detail: Record<string, unknown> } }) => o.data.detail)).toEqual(
      expect.arrayContaining([{ skipped: 'the plan moved on' }, { reminded: [expect.any(String)] }]),
    );
    expect(await kinds('bcd-duk.reviewer', moved)).toEqual(['review_request']);
    expect(await kinds('bcd-duk.format_checker', moved)).toEqual(['reminder', 'review_request']);
    expect(await kinds('bcd-duk.signer', waiting)).toEqual([]);

    await t.app.get(Clock).advance(N * DAY_MS);
    await waitFor(
      'the escalation',
      () => kinds('bcd-duk.signer', waiting),
      (k) => k.includes('escalation'),
    );
    const reviewerName = (await t.app.get(DataSource).query(`SELECT full_name FROM app_user WHERE username = 'bcd-duk.reviewer'`))[0].full_name;
    const [escalation] = await notices('bcd-duk.signer', waiting);
    expect(escalation.message).toContain(`${2 * N} ngày`);
    expect(escalation.message).toContain(reviewerName);
    // written once, however often the jobs ran
    expect((await notices('bcd-duk.reviewer', waiting)).filter((n) => n.kind === 'reminder')).toHaveLength(1);
  });

  it('a signature waiting 2N days is escalated to the signers of the organization above', async () => {
    const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'APPROVE' }, 'awaitingSignature');
    await t.app.get(Clock).advance(N * DAY_MS + 60_000);
    await waitFor(
      "the signer's reminder",
      () => kinds('bcd-duk.signer', id),
      (k) => k.includes('reminder'),
    );
    await t.app.get(Clock).advance(N * DAY_MS);
    await waitFor(
      'the escalation above',
      () => kinds('duk-bd.signer', id),
      (k) => k.includes('escalation'),
    );
    const [note] = await notices('duk-bd.signer', id);
    expect(note.message).toMatch(/chờ ký/);
  });

  it("a plan waiting N days at the clerk's desk reminds the clerk; at 2N the organization's signers hear of it", async () => {
    const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'APPROVE' }, 'awaitingSignature');
    await expectTransition(t, 'bcd-duk.signer', id, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    expect(await kinds('bcd-duk.clerk', id)).toEqual(['signed']);
    await t.app.get(Clock).advance(N * DAY_MS + 60_000);
    await waitFor(
      "the clerk's reminder",
      () => kinds('bcd-duk.clerk', id),
      (k) => k.includes('reminder'),
    );
    const [reminder] = (await notices('bcd-duk.clerk', id)).filter((n) => n.kind === 'reminder');
    expect(reminder.message).toContain(`chờ bạn cấp số, ban hành ${N} ngày`);
    await t.app.get(Clock).advance(N * DAY_MS);
    await waitFor(
      'the escalation to the signers',
      () => kinds('bcd-duk.signer', id),
      (k) => k.includes('escalation'),
    );
    const clerkName = (await t.app.get(DataSource).query(`SELECT full_name FROM app_user WHERE username = 'bcd-duk.clerk'`))[0].full_name;
    const [escalation] = (await notices('bcd-duk.signer', id)).filter((n) => n.kind === 'escalation');
    expect(escalation.message).toContain(`chờ cấp số, ban hành ${2 * N} ngày`);
    expect(escalation.message).toContain(clerkName);
  });

  it('a notice is marked read by its reader only', async () => {
    const [first] = await getJson(t, 'bcd-duk.reviewer', '/api/notifications?unread=true');
    const request = (await import('supertest')).default;
    const stranger = await request(t.http)
      .post(`/api/notifications/${first.id}/read`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.signer')}`);
    expect(stranger.status).toBe(404);
    const read = await request(t.http)
      .post(`/api/notifications/${first.id}/read`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.reviewer')}`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect((await getJson(t, 'bcd-duk.reviewer', '/api/notifications?unread=true')).map((n: { id: string }) => n.id)).not.toContain(first.id);
  });
});
