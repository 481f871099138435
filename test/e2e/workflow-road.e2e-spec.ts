import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Clock, DAY_MS, JobsService } from '@app/jobs';
import type { PlanContent } from '@app/plans';
import { PLAN_ISSUE_JOB } from '@app/issuance';
import { WorkflowService } from '@app/workflow';
import { createPlan } from '../support/plan-factory';
import { createTestApp, TestApp } from '../support/test-app';
import { expectTransition, getJson, sendEvent, transitions, userId, waitFor, withFutureDeadlines } from '../support/workflow-client';

/**
 * The whole road of a seed plan (Kế hoạch 04-KH/BCĐ of the Ban Chỉ đạo) through the real
 * service, the real queue and the real database: submit, return, consultation with a deadline
 * that fires when the clock moves, resubmit, two review steps, signature with step-up, and the
 * issuance job handed off to a handler that drives it to distributed.
 */
describe('workflow: the road of a seed plan', () => {
  let t: TestApp;
  let planId: string;
  let consulteeA: string;
  let consulteeB: string;
  // The seed as published, with its reporting deadlines moved to next year: the format check
  // judges them against today's date, and a deadline already past is an error.
  const seed = withFutureDeadlines(
    JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')) as PlanContent,
  );
  const workflow = (who = 'bcd-duk.drafter') => getJson(t, who, `/api/plans/${planId}/workflow`);
  const history = () => getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);
  const notices = async (username: string) => getJson(t, username, '/api/notifications');

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { CLOCK_ADJUSTABLE: '1', REMINDER_DAYS: '3' } });
    planId = await createPlan(t, 'bcd-duk.drafter', seed);
    consulteeA = await userId(t, 'bcd-duk.consultee');
    consulteeB = await userId(t, 'duk-bd.consultee');
  });
  afterAll(() => t.close());

  it('starts as a draft the drafter may submit, circulate or cancel', async () => {
    const allowed = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}/allowed-events`);
    expect(allowed).toMatchObject({ state: 'draft', allowedEvents: ['SUBMIT', 'CIRCULATE', 'CANCEL'] });
    expect((await getJson(t, 'bcd-duk.reviewer', `/api/plans/${planId}/allowed-events`)).allowedEvents).toEqual([]);
  });

  it('SUBMIT freezes the content and asks the first step of the default chain', async () => {
    const result = await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    expect(result).toMatchObject({ fromState: 'draft', submittedVersion: 1, draftRound: 1, allowedEvents: ['WITHDRAW', 'CANCEL'] });
    const view = await workflow();
    expect(view.chain.map((s: { label: string }) => s.label)).toEqual(['Duyệt nội dung', 'Kiểm tra thể thức']);
    expect(view.currentStep).toBe(1);
    const reviewerNotices = await notices('bcd-duk.reviewer');
    expect(reviewerNotices[0]).toMatchObject({ planId, kind: 'review_request' });
    // frozen: the plans domain refuses a new version while under review
    const plan = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}`);
    const save = await request(t.http)
      .put(`/api/plans/${planId}/content`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
      .send({ baseVersion: plan.currentVersion, content: { ...seed, summary: `${seed.summary} (sửa)` } });
    expect(save.status).toBe(409);
    expect(save.body.code).toBe('not_draft');
  });

  it('RETURN needs a reason (422, nothing written); with one the plan goes back to draft, round 2', async () => {
    const before = (await history()).length;
    const bad = await sendEvent(t, 'bcd-duk.reviewer', planId, { type: 'RETURN' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'required' })]);
    expect((await history()).length).toBe(before);
    const result = await expectTransition(
      t,
      'bcd-duk.reviewer',
      planId,
      { type: 'RETURN', reason: 'Cần bổ sung chỉ tiêu cụ thể cho từng cơ sở' },
      'draft',
    );
    expect(result.draftRound).toBe(2);
    const drafterNotices = await notices('bcd-duk.drafter');
    expect(drafterNotices[0]).toMatchObject({ kind: 'returned', message: expect.stringContaining('Cần bổ sung chỉ tiêu') });
  });

  it('CIRCULATE to two consultees; one comments on an item, the deadline fires when the clock passes it', async () => {
    const clock = t.app.get(Clock);
    const deadline = new Date(clock.now().getTime() + 3 * DAY_MS).toISOString();
    const circulated = await expectTransition(
      t,
      'bcd-duk.drafter',
      planId,
      { type: 'CIRCULATE', consultees: [consulteeA, consulteeB], deadline },
      'consultation',
    );
    expect(circulated.allowedEvents).toEqual(['WITHDRAW', 'CANCEL']);
    // the consultee of another organization reads the draft they are asked about
    await getJson(t, 'duk-bd.consultee', `/api/plans/${planId}`);
    expect((await notices('duk-bd.consultee'))[0]).toMatchObject({ kind: 'consultation_request', planId });

    const anchor = seed.parts[1].id;
    const unknownAnchor = await sendEvent(t, 'bcd-duk.consultee', planId, { type: 'COMMENT', comments: [{ anchorId: 'no-such-part', text: 'x' }] });
    expect(unknownAnchor.status).toBe(422);
    expect(unknownAnchor.body.errors[0]).toMatchObject({ path: 'comments.0.anchorId', code: 'unknown_anchor' });
    const commented = await expectTransition(
      t,
      'bcd-duk.consultee',
      planId,
      { type: 'COMMENT', comments: [{ anchorId: anchor, text: 'Đề nghị nêu rõ thời gian sơ kết 6 tháng.' }] },
      'consultation',
    );
    expect(commented.commentIds).toHaveLength(1);
    const again = await sendEvent(t, 'bcd-duk.consultee', planId, { type: 'NO_COMMENT' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'transition_refused', refusedBy: 'byPendingConsultee', allowedEvents: [] });

    // the second consultee never answers: move time past the deadline, the queued job closes the round
    await clock.advance(4 * DAY_MS);
    const view = await waitFor(
      'the deadline job',
      () => workflow(),
      (v) => v.state === 'draft',
    );
    expect(view.openComments).toEqual(commented.commentIds);
    const deadlineEvent = (await history()).find((e: { event: string }) => e.event === 'DEADLINE');
    expect(deadlineEvent).toMatchObject({
      actorId: null,
      actorName: 'Hệ thống',
      fromState: 'consultation',
      toState: 'draft',
      data: { round: 1, unanswered: [consulteeB] },
    });
    const comments = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}/comments`);
    expect(comments).toEqual([expect.objectContaining({ anchorId: anchor, consulteeId: consulteeA, resolution: null })]);
  });

  it('the drafter must answer each comment before resubmitting', async () => {
    const refused = await sendEvent(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ refusedBy: 'noOpenComments', allowedEvents: ['CIRCULATE', 'RESOLVE_COMMENT', 'CANCEL'] });
    const [comment] = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}/comments`);
    await expectTransition(
      t,
      'bcd-duk.drafter',
      planId,
      { type: 'RESOLVE_COMMENT', commentId: comment.id, resolution: 'accepted', note: 'Đã bổ sung vào mục III' },
      'draft',
    );
    const [resolved] = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}/comments`);
    expect(resolved).toMatchObject({ resolution: 'accepted', resolutionNote: 'Đã bổ sung vào mục III' });
    const resubmitted = await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    expect(resubmitted.draftRound).toBe(2);
  });

  it('two review steps in order: content review, then the format check', async () => {
    const early = await sendEvent(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' });
    expect(early.status).toBe(409);
    expect(early.body.refusedBy).toBe('byStepHolder');
    const first = await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    expect(first.allowedEvents).toEqual([]);
    expect((await workflow()).currentStep).toBe(2);
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
    expect((await notices('bcd-duk.signer'))[0]).toMatchObject({ kind: 'signature_request', planId });
  });

  it('SIGN needs the password again: a wrong one is refused and recorded, the plan unchanged', async () => {
    const before = await getJson(t, 'bcd-duk.signer', `/api/plans/${planId}/allowed-events`);
    expect(before.allowedEvents).toEqual(['RETURN', 'SIGN']);
    const missing = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN' });
    expect(missing.status).toBe(422);
    const wrong = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'not-my-password' }, { ifMatch: before.rowVersion });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ code: 'transition_refused', refusedBy: 'passwordConfirmed', allowedEvents: ['RETURN', 'SIGN'] });
    const after = await getJson(t, 'bcd-duk.signer', `/api/plans/${planId}/allowed-events`);
    expect(after).toMatchObject({ state: 'awaitingSignature', rowVersion: before.rowVersion });
    const failed = (await history()).filter((e: { event: string }) => e.event === 'STEP_UP_FAILED');
    expect(failed).toEqual([expect.objectContaining({ actorName: expect.any(String), data: { for: 'SIGN' } })]);
    expect(JSON.stringify(await history())).not.toContain('not-my-password');
  });

  it('SIGN with the password: signed, and at the clerk\'s desk ("Chờ cấp số"); nothing is numbered yet', async () => {
    const before = await getJson(t, 'bcd-duk.signer', `/api/plans/${planId}/allowed-events`);
    const signed = await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    expect(signed.rowVersion).toBeGreaterThan(before.rowVersion);
    const jobs = await t.app.get(JobsService).jobsOfPlan(t.app.get(DataSource).manager, PLAN_ISSUE_JOB.queue, planId);
    expect(jobs).toEqual([]);
    const plan = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}`);
    expect(plan).toMatchObject({ state: 'awaitingIssue', submittedVersion: 1, draftRound: 2, numberSymbol: null });
    const sign = (await history()).find((e: { event: string }) => e.event === 'SIGN');
    expect(sign).toMatchObject({
      fromState: 'awaitingSignature',
      toState: 'awaitingIssue',
      contentVersion: 1,
      contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      data: { stepUp: 'password', authorityId: expect.any(String) },
    });
    expect((await notices('bcd-duk.clerk'))[0]).toMatchObject({ kind: 'signed', planId, message: expect.stringContaining('chờ văn thư cấp số') });
    expect((await getJson(t, 'bcd-duk.clerk', `/api/plans/${planId}/allowed-events`)).allowedEvents).toEqual(['ISSUE', 'REFUSE_ISSUE']);
  });

  it('the desk: only a clerk of the organization issues; a refusal needs a reason and goes back to the signer', async () => {
    for (const who of ['bcd-duk.signer', 'bcd-duk.drafter', 'duk-bd.clerk']) {
      const refused = await sendEvent(t, who, planId, { type: 'ISSUE' });
      expect([403, 404, 409]).toContain(refused.status);
      if (refused.status === 409) expect(refused.body).toMatchObject({ code: 'transition_refused', refusedBy: 'byClerk' });
    }
    const otherRegister = await sendEvent(t, 'bcd-duk.clerk', planId, { type: 'ISSUE', registerId: '00000000-0000-4000-8000-000000000000' });
    expect(otherRegister.status).toBe(422);
    expect(otherRegister.body.errors).toEqual([expect.objectContaining({ path: 'registerId', code: 'unknown_register' })]);
    const noReason = await sendEvent(t, 'bcd-duk.clerk', planId, { type: 'REFUSE_ISSUE' });
    expect(noReason.status).toBe(422);
    expect((await workflow()).state).toBe('awaitingIssue');
    await expectTransition(t, 'bcd-duk.clerk', planId, { type: 'REFUSE_ISSUE', reason: 'Thiếu nơi nhận Văn phòng Tỉnh ủy' }, 'awaitingSignature');
    expect((await notices('bcd-duk.signer'))[0]).toMatchObject({ kind: 'signature_request', planId });
    expect((await notices('bcd-duk.drafter'))[0]).toMatchObject({
      kind: 'returned',
      message: expect.stringContaining('Thiếu nơi nhận Văn phòng Tỉnh ủy'),
    });
    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
  });

  it("the clerk's ISSUE: signed, and the issuance job is in the queue, written in the same transaction", async () => {
    const issued = await expectTransition(t, 'bcd-duk.clerk', planId, { type: 'ISSUE' }, 'signed');
    const jobs = await t.app.get(JobsService).jobsOfPlan(t.app.get(DataSource).manager, PLAN_ISSUE_JOB.queue, planId);
    expect(jobs).toEqual([expect.objectContaining({ data: { planId, signedSeq: issued.auditSeq, issuedAt: expect.any(String) } })]);
    const plan = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}`);
    expect(plan).toMatchObject({ state: 'signed', submittedVersion: 1, draftRound: 2 });
  });

  it("hands off to issuance through the real queue: the plan_issue job's handler moves the plan on with system events", async () => {
    const jobs = t.app.get(JobsService);
    const service = t.app.get(WorkflowService);
    const seen: string[] = [];
    // The issuance module registers the real handler; where it is absent, this one stands in for it.
    const standIn = !jobs.isWorking(PLAN_ISSUE_JOB);
    if (standIn) {
      await jobs.work(PLAN_ISSUE_JOB, async (data, job) => {
        seen.push(job.id);
        for (const type of ['NUMBERED', 'ISSUED', 'DISTRIBUTION_STARTED', 'DISTRIBUTED'] as const) {
          await t.app
            .get(DataSource)
            .transaction((manager) => service.applySystemEvent(data.planId, { type }, { manager, data: { by: 'test issuance handler' } }));
        }
        return { issued: data.planId };
      });
    }
    jobs.wake([PLAN_ISSUE_JOB.queue]);
    const isIssueOutcome = (e: { event: string; data: { queue?: string } }) => e.event === 'JOB_COMPLETED' && e.data.queue === PLAN_ISSUE_JOB.queue;
    const trail = await waitFor(
      'the issuance job',
      () => history(),
      (h) => h.some(isIssueOutcome),
      60_000,
    );
    // the outcome is recorded by the handler just before pg-boss marks the job completed
    const [job] = await waitFor(
      'the job completed',
      () => jobs.jobsOfPlan(t.app.get(DataSource).manager, PLAN_ISSUE_JOB.queue, planId),
      (j) => j[0]?.state === 'completed',
      30_000,
    );
    expect(job.state).toBe('completed');
    expect(trail.find(isIssueOutcome).data).toMatchObject({ jobId: job.id });
    if (standIn) expect(seen).toEqual([job.id]);
    // after the clerk's ISSUE, only the system moved the plan, in the machine's order
    const afterSign = trail
      .slice(trail.findIndex((e: { event: string }) => e.event === 'ISSUE') + 1)
      .filter((e: { event: string }) => !e.event.startsWith('JOB_'));
    expect(afterSign.length).toBeGreaterThan(0);
    expect(afterSign.map((e: { event: string }) => e.event)).toEqual(
      ['NUMBERED', 'ISSUED', 'DISTRIBUTION_STARTED', 'DISTRIBUTED'].slice(0, afterSign.length),
    );
    expect(afterSign.every((e: { actorId: string | null; actorName: string }) => e.actorId === null && e.actorName === 'Hệ thống')).toBe(true);
    // the distribution job may still be moving the plan on: read its state and its trail until both tell the same moment
    const settled = await waitFor(
      'the state and the trail to agree',
      async () => {
        const { state } = await workflow();
        const systemEvents = (await history()).filter((e: { event: string }) => !e.event.startsWith('JOB_'));
        return { state, lastToState: systemEvents[systemEvents.length - 1].toState };
      },
      (pair) => pair.state === pair.lastToState,
      30_000,
    );
    expect(settled.state).toBe(settled.lastToState);
  });

  it('the history tells the whole road, hash-chained, and verifies', async () => {
    const events = await history();
    expect(transitions(events).slice(0, 15)).toEqual([
      'SUBMIT',
      'RETURN',
      'CIRCULATE',
      'COMMENT',
      'DEADLINE',
      'RESOLVE_COMMENT',
      'SUBMIT',
      'APPROVE',
      'APPROVE',
      'STEP_UP_FAILED',
      'SIGN',
      'REFUSE_ISSUE',
      'SIGN',
      'ISSUE',
      'NUMBERED',
    ]);
    events.forEach((e: { seq: number; prevHash: string | null; hash: string }, i: number) => {
      expect(e.seq).toBe(i + 1);
      expect(e.prevHash).toBe(i === 0 ? null : events[i - 1].hash);
    });
    const ret = events.find((e: { event: string }) => e.event === 'RETURN');
    expect(ret).toMatchObject({
      reason: 'Cần bổ sung chỉ tiêu cụ thể cho từng cơ sở',
      fromState: 'review',
      toState: 'draft',
      data: { from: 'review', step: 1 },
    });
    expect(events.every((e: { requestId: string | null; actorId: string | null }) => e.actorId === null || e.requestId)).toBe(true);
    const report = await getJson(t, 'tu-bd.auditor', '/api/audit/verify');
    expect(report).toMatchObject({ ok: true, firstBroken: null });
    expect(report.events).toBeGreaterThanOrEqual(events.length);
  });
});
