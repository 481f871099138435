import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { Clock } from '@app/jobs';
import type { PlanContent } from '@app/plans';
import { createPlan as createAnyPlan, planContent as anyPlanContent } from '../support/plan-factory';
import { createTestApp, TEST_USER_PASSWORD, TestApp } from '../support/test-app';
import { expectTransition, getJson, sendEvent, transitions, withFutureDeadlines } from '../support/workflow-client';

/** Who may do what on the road, and what the API answers when they may not. */
describe('workflow: rules', () => {
  let t: TestApp;
  let org: Record<string, string>;
  const admin = 'tu-bd.admin';

  async function createUser(username: string, organizationCode: string, roles: string[]): Promise<string> {
    const res = await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${await t.token(admin)}`)
      .send({
        username,
        fullName: `Người thử ${username}`,
        password: TEST_USER_PASSWORD,
        memberships: [{ organizationId: org[organizationCode], roles }],
      });
    if (res.status !== 201) throw new Error(`create user ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  async function createAuthority(
    userId: string,
    organizationCode: string,
    capacityLines: string[],
    validFrom = '2020-01-01',
    validTo: string | null = null,
  ): Promise<string> {
    const res = await request(t.http)
      .post('/api/authorities')
      .set('Authorization', `Bearer ${await t.token(admin)}`)
      .send({ userId, organizationId: org[organizationCode], capacityLines, validFrom, validTo });
    if (res.status !== 201) throw new Error(`create authority: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }

  /** A bcd-duk plan taken through both review steps, waiting for a signature. */
  async function awaitingSignature(drafter = 'bcd-duk.drafter', content = planContent()): Promise<string> {
    const id = await createPlan(drafter, content);
    await expectTransition(t, drafter, id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'APPROVE' }, 'awaitingSignature');
    return id;
  }

  /** A small plan the format check lets through. */
  const planContent = (overrides: Partial<PlanContent> = {}) => withFutureDeadlines(anyPlanContent(overrides));
  const createPlan = (who: string, content: PlanContent = planContent()) => createAnyPlan(t, who, content);

  const history = (planId: string) => getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);

  beforeAll(async () => {
    // Nothing here needs the workers (a signed plan would otherwise go on to be issued in the background).
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    const orgs = await getJson(t, admin, '/api/organizations');
    org = Object.fromEntries(orgs.map((o: { code: string; id: string }) => [o.code, o.id]));
  });
  afterAll(() => t.close());

  describe('separation of duties', () => {
    it('a reviewer who drafted the plan may not approve it; another reviewer may', async () => {
      await createUser('bcd-duk.drafter-reviewer', 'bcd-duk', ['drafter', 'reviewer']);
      const id = await createPlan('bcd-duk.drafter-reviewer');
      await expectTransition(t, 'bcd-duk.drafter-reviewer', id, { type: 'SUBMIT' }, 'review');
      const refused = await sendEvent(t, 'bcd-duk.drafter-reviewer', id, { type: 'APPROVE' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'transition_refused',
        refusedBy: 'notByDrafter',
        state: 'review',
        allowedEvents: ['WITHDRAW', 'CANCEL'],
      });
      expect(refused.body.message).toBe('Người soạn thảo không được duyệt hay ký văn bản do chính mình soạn');
      const allowed = await getJson(t, 'bcd-duk.drafter-reviewer', `/api/plans/${id}/allowed-events`);
      expect(allowed.allowedEvents).toEqual(refused.body.allowedEvents);
      expect(transitions(await history(id))).toEqual(['SUBMIT']);
      await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
    });

    it("nor may one who wrote a version of someone else's draft (a co-drafter)", async () => {
      const id = await createPlan('bcd-duk.drafter');
      const plan = await getJson(t, 'bcd-duk.drafter-reviewer', `/api/plans/${id}`);
      const content = planContent({ summary: `${plan.summary} (bổ sung)` });
      const saved = await request(t.http)
        .put(`/api/plans/${id}/content`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter-reviewer')}`)
        .send({ baseVersion: 1, content });
      expect(saved.status).toBe(200);
      await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      const refused = await sendEvent(t, 'bcd-duk.drafter-reviewer', id, { type: 'APPROVE' });
      expect(refused.status).toBe(409);
      expect(refused.body.refusedBy).toBe('notByDrafter');
      expect((await getJson(t, 'bcd-duk.drafter-reviewer', `/api/plans/${id}/allowed-events`)).allowedEvents).toEqual([]);
    });

    it('a signer who drafted the plan may not sign it, even holding the authority', async () => {
      const userId = await createUser('bcd-duk.drafter-signer', 'bcd-duk', ['drafter', 'signer']);
      await createAuthority(userId, 'bcd-duk', ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO']);
      const id = await awaitingSignature('bcd-duk.drafter-signer');
      const refused = await sendEvent(t, 'bcd-duk.drafter-signer', id, { type: 'SIGN', password: TEST_USER_PASSWORD });
      expect(refused.status).toBe(409);
      expect(refused.body.refusedBy).toBe('notByDrafter');
    });
  });

  describe('separation of duties between reviewers and signer', () => {
    const relax = async (on: boolean) => {
      const res = await request(t.http)
        .patch(`/api/organizations/${org['bcd-duk']}`)
        .set('Authorization', `Bearer ${await t.token(admin)}`)
        .send({ relaxedSeparationOfDuties: on });
      expect(res.status).toBe(200);
      expect(res.body.relaxedSeparationOfDuties).toBe(on);
    };

    it('one person holding every role approves one step only and may not sign; a tiny office relaxes it, recorded in its trail', async () => {
      const userId = await createUser('bcd-duk.all-roles', 'bcd-duk', ['reviewer', 'format_checker', 'signer']);
      await createAuthority(userId, 'bcd-duk', ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO']);
      const id = await createPlan('bcd-duk.drafter');
      await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      await expectTransition(t, 'bcd-duk.all-roles', id, { type: 'APPROVE' }, 'review');
      const secondStep = await sendEvent(t, 'bcd-duk.all-roles', id, { type: 'APPROVE' });
      expect(secondStep.status).toBe(409);
      expect(secondStep.body).toMatchObject({
        code: 'transition_refused',
        refusedBy: 'notApproverThisRound',
        state: 'review',
        allowedEvents: ['RETURN'],
      });
      expect(secondStep.body.message).toBe('Mỗi bước duyệt cần một người khác: bạn đã duyệt một bước của vòng trình này (phân tách nhiệm vụ)');
      await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'APPROVE' }, 'awaitingSignature');
      const sign = await sendEvent(t, 'bcd-duk.all-roles', id, { type: 'SIGN', password: TEST_USER_PASSWORD });
      expect(sign.status).toBe(409);
      expect(sign.body).toMatchObject({ refusedBy: 'notApproverThisRound', allowedEvents: ['RETURN'] });
      expect(sign.body.message).toBe('Người ký không được là người đã duyệt một bước của vòng trình này (phân tách nhiệm vụ)');
      expect(transitions(await history(id))).toEqual(['SUBMIT', 'APPROVE', 'APPROVE']);

      await relax(true);
      try {
        const small = await createPlan('bcd-duk.drafter');
        await expectTransition(t, 'bcd-duk.drafter', small, { type: 'SUBMIT' }, 'review');
        await expectTransition(t, 'bcd-duk.all-roles', small, { type: 'APPROVE' }, 'review');
        await expectTransition(t, 'bcd-duk.all-roles', small, { type: 'APPROVE' }, 'awaitingSignature');
        await expectTransition(t, 'bcd-duk.all-roles', small, { type: 'SIGN', password: TEST_USER_PASSWORD }, 'awaitingIssue');
      } finally {
        await relax(false);
      }
      const trail = await getJson(t, 'tu-bd.auditor', `/api/audit/organizations/${org['bcd-duk']}`);
      const changes = trail.filter((e: { event: string }) => e.event === 'ORGANIZATION_UPDATED').map((e: { data: unknown }) => e.data);
      expect(changes.slice(-2)).toEqual([
        { before: { relaxedSeparationOfDuties: false }, after: { relaxedSeparationOfDuties: true } },
        { before: { relaxedSeparationOfDuties: true }, after: { relaxedSeparationOfDuties: false } },
      ]);
    });
  });

  describe('signing authority', () => {
    it('a signer without authority for the organization is refused; one of another organization does not even see the plan', async () => {
      await createUser('bcd-duk.signer-without-authority', 'bcd-duk', ['signer']);
      const id = await awaitingSignature();
      const refused = await sendEvent(t, 'bcd-duk.signer-without-authority', id, { type: 'SIGN', password: TEST_USER_PASSWORD });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ refusedBy: 'bySigner', allowedEvents: [] });
      expect(refused.body.message).toMatch(/không có thẩm quyền ký/);
      const stranger = await sendEvent(t, 'ubnd-nh.signer', id, { type: 'SIGN', password: 'demo1234' });
      expect(stranger.status).toBe(404);
      expect(transitions(await history(id))).toEqual(['SUBMIT', 'APPROVE', 'APPROVE']);
    });

    it('an authority in another capacity, or expired, does not sign the plan', async () => {
      const other = await createUser('bcd-duk.other-capacity', 'bcd-duk', ['signer']);
      await createAuthority(other, 'bcd-duk', ['T/M BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN']);
      const expired = await createUser('bcd-duk.expired', 'bcd-duk', ['signer']);
      await createAuthority(expired, 'bcd-duk', ['PHÓ BÍ THƯ', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'], '2020-01-01', '2021-12-31');
      const id = await awaitingSignature();
      for (const who of ['bcd-duk.other-capacity', 'bcd-duk.expired']) {
        const refused = await sendEvent(t, who, id, { type: 'SIGN', password: TEST_USER_PASSWORD });
        expect(refused.status).toBe(409);
        expect(refused.body.refusedBy).toBe('bySigner');
      }
      await expectTransition(t, 'bcd-duk.signer', id, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    });

    it("delegation (ký thay): the deputy signs as K/T, recorded in the organization's trail; the holder cannot sign in the deputy's capacity", async () => {
      const deputyId = await createUser('bcd-duk.deputy', 'bcd-duk', ['consultee']);
      const authorities = await getJson(t, 'bcd-duk.signer', `/api/authorities?org=${org['bcd-duk']}`);
      const holder = authorities.find(
        (a: { capacityLines: string[]; delegatedFromId: string | null }) =>
          a.capacityLines.join('|') === 'PHÓ BÍ THƯ|kiêm|TRƯỞNG BAN CHỈ ĐẠO' && !a.delegatedFromId,
      );
      const today = t.app.get(Clock).today();
      const nextMonth = new Date(Date.parse(today) + 30 * 86400_000).toISOString().slice(0, 10);

      const stranger = await request(t.http)
        .post(`/api/authorities/${holder.id}/delegations`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.reviewer')}`)
        .send({ deputyUserId: deputyId, validFrom: today, validTo: nextMonth });
      expect(stranger.status).toBe(403);
      const backwards = await request(t.http)
        .post(`/api/authorities/${holder.id}/delegations`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.signer')}`)
        .send({ deputyUserId: deputyId, validFrom: nextMonth, validTo: today });
      expect(backwards.status).toBe(422);
      expect(backwards.body.errors.map((e: { path: string }) => e.path)).toContain('validTo');

      const created = await request(t.http)
        .post(`/api/authorities/${holder.id}/delegations`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.signer')}`)
        .send({ deputyUserId: deputyId, validFrom: today, validTo: nextMonth });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        userId: deputyId,
        capacityLines: ['K/T TRƯỞNG BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN CHỈ ĐẠO'],
        delegatedFromId: holder.id,
        validFrom: today,
        validTo: nextMonth,
      });
      const again = await request(t.http)
        .post(`/api/authorities/${created.body.id}/delegations`)
        .set('Authorization', `Bearer ${await t.token(admin)}`)
        .send({ deputyUserId: await createUser('bcd-duk.deputy2', 'bcd-duk', ['consultee']), validFrom: today, validTo: nextMonth });
      expect(again.status).toBe(422);
      expect(again.body.errors[0].code).toBe('already_delegated');

      const trail = await getJson(t, 'tu-bd.auditor', `/api/audit/organizations/${org['bcd-duk']}`);
      expect(trail.filter((e: { event: string }) => e.event === 'DELEGATED')).toEqual([
        expect.objectContaining({
          actorName: expect.any(String),
          data: expect.objectContaining({
            authorityId: created.body.id,
            delegatedFromId: holder.id,
            deputyUserId: deputyId,
            capacityLines: ['K/T TRƯỞNG BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN CHỈ ĐẠO'],
          }),
        }),
      ]);

      const base = planContent();
      const id = await awaitingSignature('bcd-duk.drafter', {
        ...base,
        signature: { ...base.signature, capacityLines: ['K/T TRƯỞNG BAN CHỈ ĐẠO', 'PHÓ TRƯỞNG BAN CHỈ ĐẠO'], signerName: 'Người thử bcd-duk.deputy' },
      });
      const holderTries = await sendEvent(t, 'bcd-duk.signer', id, { type: 'SIGN', password: 'demo1234' });
      expect(holderTries.status).toBe(409);
      expect(holderTries.body.refusedBy).toBe('bySigner');
      await expectTransition(t, 'bcd-duk.deputy', id, { type: 'SIGN', password: TEST_USER_PASSWORD }, 'awaitingIssue');
      const sign = (await history(id)).find((e: { event: string }) => e.event === 'SIGN');
      expect(sign.data).toMatchObject({ authorityId: created.body.id, delegatedFromId: holder.id });
    });
  });

  describe('concurrency, versions and idempotency', () => {
    it('20 concurrent APPROVE with the same If-Match: exactly one succeeds, the others get 409, the history has one approval', async () => {
      const id = await createPlan('bcd-duk.drafter');
      const submitted = await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      await t.token('bcd-duk.reviewer');
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => sendEvent(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, { ifMatch: submitted.rowVersion })),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses).toEqual([200, ...Array(19).fill(409)]);
      expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.code))).toEqual(new Set(['stale_version']));
      expect(transitions(await history(id))).toEqual(['SUBMIT', 'APPROVE']);
    });

    it('20 concurrent APPROVE without If-Match: the row lock serializes them, one passes, the rest are refused at the next step', async () => {
      const id = await createPlan('bcd-duk.drafter');
      await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      const responses = await Promise.all(Array.from({ length: 20 }, () => sendEvent(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' })));
      expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
      const refused = responses.filter((r) => r.status === 409);
      expect(refused).toHaveLength(19);
      expect(new Set(refused.map((r) => r.body.refusedBy))).toEqual(new Set(['byStepHolder']));
      expect(transitions(await history(id))).toEqual(['SUBMIT', 'APPROVE']);
    });

    it('a stale If-Match is 409 with the current version; a malformed one is 422', async () => {
      const id = await createPlan('bcd-duk.drafter');
      const plan = await getJson(t, 'bcd-duk.drafter', `/api/plans/${id}`);
      const stale = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, { ifMatch: plan.rowVersion + 5 });
      expect(stale.status).toBe(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', currentRowVersion: plan.rowVersion });
      const malformed = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, { ifMatch: 'yesterday' });
      expect(malformed.status).toBe(422);
      expect(malformed.body.errors[0].path).toBe('If-Match');
      const ok = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, { ifMatch: plan.rowVersion });
      expect(ok.status).toBe(200);
      expect(ok.headers.etag).toBe(`"${ok.body.rowVersion}"`);
      expect(ok.body.rowVersion).toBe(plan.rowVersion + 1);
    });

    it('a replay with the same Idempotency-Key returns the first result and changes nothing; the key with another request is refused', async () => {
      const id = await createPlan('bcd-duk.drafter');
      const first = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, { key: 'submit-once-1' });
      expect(first.status).toBe(200);
      const replay = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, { key: 'submit-once-1' });
      expect(replay.status).toBe(200);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(transitions(await history(id))).toEqual(['SUBMIT']);
      const misuse = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'WITHDRAW' }, { key: 'submit-once-1' });
      expect(misuse.status).toBe(422);
      expect(misuse.body.code).toBe('idempotency_key_reused');
      // the same key is another person's own key
      const reviewer = await sendEvent(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, { key: 'submit-once-1' });
      expect(reviewer.status).toBe(200);
    });
  });

  describe('bad input changes nothing', () => {
    it('422 with {path, code, message} in Vietnamese for unknown types, missing and foreign fields', async () => {
      const id = await createPlan('bcd-duk.drafter');
      const unknown = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'PUBLISH' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors[0]).toMatchObject({ path: 'type', code: 'isIn' });
      const foreign = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT', password: 'x', reason: 'y' });
      expect(foreign.status).toBe(422);
      expect(foreign.body.errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`).sort()).toEqual([
        'password:not_allowed',
        'reason:not_allowed',
      ]);
      expect(foreign.body.errors[0].message).toMatch(/không nhận/);
      const circulate = await sendEvent(t, 'bcd-duk.drafter', id, {
        type: 'CIRCULATE',
        consultees: ['00000000-0000-4000-8000-000000000000'],
        deadline: '2099-02-30',
      });
      expect(circulate.status).toBe(422);
      expect(circulate.body.errors).toEqual([expect.objectContaining({ path: 'deadline', code: 'invalid_date' })]);
      const nobody = await sendEvent(t, 'bcd-duk.drafter', id, {
        type: 'CIRCULATE',
        consultees: ['00000000-0000-4000-8000-000000000000'],
        deadline: '2099-01-31',
      });
      expect(nobody.status).toBe(422);
      expect(nobody.body.errors).toEqual([expect.objectContaining({ path: 'consultees.0', code: 'not_found' })]);
      const plan = await getJson(t, 'bcd-duk.drafter', `/api/plans/${id}`);
      expect(plan).toMatchObject({ state: 'draft', rowVersion: 1 });
      expect(transitions(await history(id))).toEqual([]);
    });

    it('SUBMIT is refused while the format check finds errors, with the errors', async () => {
      const id = await createPlan(
        'bcd-duk.drafter',
        anyPlanContent({
          reportingDuties: [
            {
              id: 'd1',
              what: 'kết quả',
              period: null,
              deadline: '2020-06-15',
              to: 'Ban Chỉ đạo',
              toOrganizationId: null,
              reporterOrganizationIds: [],
            },
          ],
        }),
      );
      const refused = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'transition_refused', refusedBy: 'formatClean', state: 'draft' });
      expect(refused.body.formatErrors).toEqual([expect.objectContaining({ path: 'reportingDuties.0.deadline' })]);
      expect(refused.body.message).toMatch(/lỗi thể thức/);
      expect(transitions(await history(id))).toEqual([]);
    });

    it('a system event sent by a person is refused with the reason', async () => {
      const id = await createPlan('bcd-duk.drafter');
      const deadline = new Date(Date.now() + 86400_000).toISOString();
      await expectTransition(
        t,
        'bcd-duk.drafter',
        id,
        {
          type: 'CIRCULATE',
          consultees: [
            (await getJson(t, admin, `/api/users?org=${org['bcd-duk']}`)).find((u: { username: string }) => u.username === 'bcd-duk.consultee').id,
          ],
          deadline,
        },
        'consultation',
      );
      const refused = await sendEvent(t, 'bcd-duk.admin', id, { type: 'DEADLINE' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ refusedBy: 'bySystem', message: 'Chỉ hệ thống mới gửi được sự kiện này', allowedEvents: ['CANCEL'] });
    });

    it('CANCEL needs a reason; an admin may cancel; a cancelled plan takes no more events', async () => {
      const id = await createPlan('bcd-duk.drafter');
      expect((await sendEvent(t, 'bcd-duk.admin', id, { type: 'CANCEL', reason: ' ' })).status).toBe(422);
      expect((await sendEvent(t, 'bcd-duk.reviewer', id, { type: 'CANCEL', reason: 'Trùng kế hoạch khác' })).body.refusedBy).toBe('byDrafterOrAdmin');
      await expectTransition(t, 'bcd-duk.admin', id, { type: 'CANCEL', reason: 'Trùng kế hoạch khác' }, 'cancelled');
      const after = await sendEvent(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' });
      expect(after.status).toBe(409);
      expect(after.body).toMatchObject({ refusedBy: 'not_in_state', allowedEvents: [] });
      expect((await history(id)).find((e: { event: string }) => e.event === 'CANCEL')).toMatchObject({
        event: 'CANCEL',
        reason: 'Trùng kế hoạch khác',
        toState: 'cancelled',
      });
    });

    it('WITHDRAW: the drafter takes a plan back from review to draft', async () => {
      const id = await createPlan('bcd-duk.drafter');
      await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
      expect((await sendEvent(t, 'bcd-duk.reviewer', id, { type: 'WITHDRAW' })).body.refusedBy).toBe('byDrafter');
      const back = await expectTransition(t, 'bcd-duk.drafter', id, { type: 'WITHDRAW' }, 'draft');
      expect(back.allowedEvents).toEqual(['SUBMIT', 'CIRCULATE', 'CANCEL']);
    });
  });

  describe('review chains', () => {
    const state = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'state-xa-2024-48-KH-UBND.json'), 'utf8')) as PlanContent;
    const stateSeed = withFutureDeadlines(state);

    it('defaults to two steps; an administrator of the organization or above replaces it; plans under way keep theirs', async () => {
      const orgId = org['ubnd-nh'];
      expect(await getJson(t, 'ubnd-nh.drafter', `/api/organizations/${orgId}/review-chain`)).toEqual({
        organizationId: orgId,
        isDefault: true,
        steps: [
          { role: 'reviewer', label: 'Duyệt nội dung' },
          { role: 'format_checker', label: 'Kiểm tra thể thức' },
        ],
      });
      const underWay = await createPlan('ubnd-nh.drafter', stateSeed);
      await expectTransition(t, 'ubnd-nh.drafter', underWay, { type: 'SUBMIT' }, 'review');

      const put = async (who: string, body: unknown) =>
        request(t.http)
          .put(`/api/organizations/${orgId}/review-chain`)
          .set('Authorization', `Bearer ${await t.token(who)}`)
          .send(body as object);
      const oneStep = { steps: [{ role: 'format_checker', label: '  Văn phòng kiểm tra thể thức ' }] };
      expect((await put('ubnd-nh.drafter', oneStep)).status).toBe(403);
      expect((await put('ubnd-np.admin', oneStep)).status).toBe(403);
      const invalid = await put('ubnd-an.admin', { steps: [{ role: 'signer', label: 'x' }] });
      expect(invalid.status).toBe(422);
      expect(invalid.body.errors[0].path).toBe('steps.0.role');
      expect((await put('ubnd-an.admin', { steps: [] })).status).toBe(422);
      const replaced = await put('ubnd-an.admin', oneStep);
      expect(replaced.status).toBe(200);
      expect(replaced.body).toEqual({
        organizationId: orgId,
        isDefault: false,
        steps: [{ role: 'format_checker', label: 'Văn phòng kiểm tra thể thức' }],
      });
      const trail = await getJson(t, 'ubnd-an.auditor', `/api/audit/organizations/${orgId}`);
      expect(trail.map((e: { event: string }) => e.event)).toEqual(['REVIEW_CHAIN_CHANGED']);
      // an auditor of another tree is not assigned to this organization
      expect((await getJson(t, 'tu-bd.auditor', `/api/audit/organizations/${orgId}`, 403)).code).toBe('outside_audit_scope');

      // the plan submitted before the change still has two steps
      await expectTransition(t, 'ubnd-nh.reviewer', underWay, { type: 'APPROVE' }, 'review');
      await expectTransition(t, 'ubnd-nh.format_checker', underWay, { type: 'APPROVE' }, 'awaitingSignature');
      // a new plan takes the one-step chain, and the State signer signs it
      const fresh = await createPlan('ubnd-nh.drafter', stateSeed);
      await expectTransition(t, 'ubnd-nh.drafter', fresh, { type: 'SUBMIT' }, 'review');
      expect((await sendEvent(t, 'ubnd-nh.reviewer', fresh, { type: 'APPROVE' })).body.refusedBy).toBe('byStepHolder');
      await expectTransition(t, 'ubnd-nh.format_checker', fresh, { type: 'APPROVE' }, 'awaitingSignature');
      // ubnd-nh keeps automatic issuance (an administrator's setting, in the organization's trail): no desk after SIGN
      const setMode = async (who: string, issuanceMode: unknown) =>
        request(t.http)
          .patch(`/api/organizations/${orgId}`)
          .set('Authorization', `Bearer ${await t.token(who)}`)
          .send({ issuanceMode });
      expect((await setMode('ubnd-nh.clerk', 'automatic')).status).toBe(403);
      expect((await setMode('ubnd-np.admin', 'automatic')).status).toBe(403);
      const badMode = await setMode('ubnd-nh.admin', 'tự động');
      expect(badMode.status).toBe(422);
      expect(JSON.stringify(badMode.body)).toContain('issuanceMode');
      const automatic = await setMode('ubnd-nh.admin', 'automatic');
      expect(automatic.status).toBe(200);
      expect(automatic.body.issuanceMode).toBe('automatic');
      const changed = (await getJson(t, 'ubnd-an.auditor', `/api/audit/organizations/${orgId}`)).find(
        (e: { event: string }) => e.event === 'ORGANIZATION_UPDATED',
      );
      expect(changed.data).toEqual({ before: { issuanceMode: 'desk' }, after: { issuanceMode: 'automatic' } });
      await expectTransition(t, 'ubnd-nh.signer', fresh, { type: 'SIGN', password: 'demo1234' }, 'signed');
      const approve = (await getJson(t, 'ubnd-an.auditor', `/api/plans/${fresh}/history`)).find((e: { event: string }) => e.event === 'APPROVE');
      expect(approve.data).toEqual({ step: 1, of: 1, role: 'format_checker', label: 'Văn phòng kiểm tra thể thức' });
    });
  });
});
