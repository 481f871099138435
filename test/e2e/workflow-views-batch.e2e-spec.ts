import request from 'supertest';
import { AuthService } from '@app/identity';
import { PlanWorkflowQueriesService } from '@app/workflow';
import { createPlan, planContent } from '../support/plan-factory';
import { createTestApp, TEST_USER_PASSWORD, TestApp } from '../support/test-app';
import { expectTransition, getJson, userId, withFutureDeadlines } from '../support/workflow-client';

/**
 * The work page asks what a person may do with a hundred plans at once (`viewsOf`). The batch
 * must answer exactly as the plan's own view does, for every state and standing, and leave out
 * the plans a person reads only by a read rule (a consultee of another body), which `view` answers.
 */
describe('workflow: the views of many plans at once', () => {
  let t: TestApp;
  const plans: Record<string, string> = {};

  const content = () => withFutureDeadlines(planContent());
  const actor = async (username: string) => (await t.app.get(AuthService).loadActor(await userId(t, username), 'token'))!;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    const orgs = await getJson(t, 'tu-bd.admin', '/api/organizations');
    const org = Object.fromEntries(orgs.map((o: { code: string; id: string }) => [o.code, o.id]));
    // someone who both drafts and reviews: the plan they wrote is not theirs to approve
    const created = await request(t.http)
      .post('/api/users')
      .set('Authorization', `Bearer ${await t.token('tu-bd.admin')}`)
      .send({
        username: 'bcd-duk.drafter-reviewer',
        fullName: 'Người soạn thảo kiêm duyệt',
        password: TEST_USER_PASSWORD,
        memberships: [{ organizationId: org['bcd-duk'], roles: ['drafter', 'reviewer'] }],
      });
    expect(created.status).toBe(201);

    plans.draft = await createPlan(t, 'bcd-duk.drafter', content());
    plans.firstStep = await createPlan(t, 'bcd-duk.drafter', content());
    await expectTransition(t, 'bcd-duk.drafter', plans.firstStep, { type: 'SUBMIT' }, 'review');
    plans.secondStep = await createPlan(t, 'bcd-duk.drafter', content());
    await expectTransition(t, 'bcd-duk.drafter', plans.secondStep, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', plans.secondStep, { type: 'APPROVE' }, 'review');
    plans.toSign = await createPlan(t, 'bcd-duk.drafter', content());
    await expectTransition(t, 'bcd-duk.drafter', plans.toSign, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', plans.toSign, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', plans.toSign, { type: 'APPROVE' }, 'awaitingSignature');
    plans.consulting = await createPlan(t, 'bcd-duk.drafter', content());
    await expectTransition(
      t,
      'bcd-duk.drafter',
      plans.consulting,
      { type: 'CIRCULATE', consultees: [await userId(t, 'db-stc.drafter'), await userId(t, 'bcd-duk.reviewer')], deadline: '2099-12-31' },
      'consultation',
    );
    plans.ownWork = await createPlan(t, 'bcd-duk.drafter-reviewer', content());
    await expectTransition(t, 'bcd-duk.drafter-reviewer', plans.ownWork, { type: 'SUBMIT' }, 'review');
  });
  afterAll(() => t.close());

  const people = [
    'bcd-duk.drafter',
    'bcd-duk.reviewer',
    'bcd-duk.format_checker',
    'bcd-duk.signer',
    'bcd-duk.clerk',
    'bcd-duk.drafter-reviewer',
    'tu-bd.auditor',
  ];

  it.each(people)('%s: each plan as its own view says, in one batch', async (username) => {
    const queries = t.app.get(PlanWorkflowQueriesService);
    const who = await actor(username);
    const ids = Object.values(plans);
    const batch = await queries.viewsOf(who, ids);
    expect([...batch.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(batch.get(id)).toEqual(await queries.view(who, id));
  });

  it('answers what each may do: the reviewer the first step, the format checker the second, the signer the signature, the consultee the comment', async () => {
    const queries = t.app.get(PlanWorkflowQueriesService);
    const allowed = async (username: string, id: string) => (await queries.viewsOf(await actor(username), [id])).get(id)!.allowedEvents;
    expect(await allowed('bcd-duk.reviewer', plans.firstStep)).toContain('APPROVE');
    expect(await allowed('bcd-duk.format_checker', plans.firstStep)).not.toContain('APPROVE');
    expect(await allowed('bcd-duk.format_checker', plans.secondStep)).toContain('APPROVE');
    expect(await allowed('bcd-duk.signer', plans.toSign)).toContain('SIGN');
    expect(await allowed('bcd-duk.reviewer', plans.consulting)).toEqual(expect.arrayContaining(['COMMENT', 'NO_COMMENT']));
    // separation of duties holds in the batch too
    expect(await allowed('bcd-duk.drafter-reviewer', plans.ownWork)).not.toContain('APPROVE');
    expect(await allowed('bcd-duk.reviewer', plans.ownWork)).toContain('APPROVE');
  });

  it("leaves out what a person reads only by a rule (a consultee of another body) or not at all; the plan's own view answers the consultee", async () => {
    const queries = t.app.get(PlanWorkflowQueriesService);
    const consultee = await actor('db-stc.drafter');
    expect((await queries.viewsOf(consultee, Object.values(plans))).size).toBe(0);
    const own = await queries.view(consultee, plans.consulting);
    expect(own.allowedEvents).toEqual(expect.arrayContaining(['COMMENT', 'NO_COMMENT']));
    expect(own.chain).toEqual([]);
    expect((await queries.viewsOf(await actor('ubnd-np.drafter'), Object.values(plans))).size).toBe(0);
    expect((await queries.viewsOf(consultee, [])).size).toBe(0);
  });
});
