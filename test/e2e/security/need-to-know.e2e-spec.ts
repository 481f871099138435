import request from 'supertest';
import { issuePlan } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, userId, withFutureDeadlines } from '../../support/workflow-client';

/**
 * Need-to-know reads (issue 16, point 2): an auditor reads the organizations assigned to them
 * and their subtrees; a consultee of another organization the version circulated to them and
 * their own comments; a recipient the issued version and its public facts. Nothing else.
 */
describe('security: need-to-know reads', () => {
  let t: TestApp;
  let org: Record<string, string>;
  const status = async (who: string, path: string) =>
    (
      await request(t.http)
        .get(path)
        .set('Authorization', `Bearer ${await t.token(who)}`)
    ).status;
  const code = async (who: string, path: string) =>
    (
      await request(t.http)
        .get(path)
        .set('Authorization', `Bearer ${await t.token(who)}`)
    ).body.code;

  beforeAll(async () => {
    // No workers: the issued plan below is issued by the test (real PDF), its deliveries are not sent.
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    const orgs = await getJson(t, 'quantri', '/api/organizations');
    org = Object.fromEntries(orgs.map((o: { code: string; id: string }) => [o.code, o.id]));
  });
  afterAll(() => t.close());

  it("an auditor reads the plans and trail of their organization's subtree: parent yes, sibling and other trees no", async () => {
    const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    const seen = {
      own: await status('bcd-duk.auditor', `/api/plans/${id}/history`),
      parent: await status('duk-bd.auditor', `/api/plans/${id}/history`),
      top: await status('tu-bd.auditor', `/api/plans/${id}/history`),
      sibling: await status('db-stc.auditor', `/api/plans/${id}/history`),
      otherTree: await status('ubnd-an.auditor', `/api/plans/${id}/history`),
    };
    expect(seen).toEqual({ own: 200, parent: 200, top: 200, sibling: 404, otherTree: 404 });
    const listed = await getJson(t, 'db-stc.auditor', `/api/plans?org=${org['bcd-duk']}&pageSize=100`);
    expect(listed.total).toBe(0);
    expect(await code('db-stc.auditor', `/api/audit/organizations/${org['bcd-duk']}`)).toBe('outside_audit_scope');
    expect(await status('duk-bd.auditor', `/api/audit/organizations/${org['bcd-duk']}`)).toBe(200);
    // verify covers only the chains in scope: the commune's auditor does not learn of this plan's stream
    const everything = await getJson(t, 'tu-bd.auditor', '/api/audit/verify');
    const commune = await getJson(t, 'ubnd-np.auditor', '/api/audit/verify');
    expect(commune.streams).toBeLessThan(everything.streams);
  });

  it('a consultee of another organization reads the version circulated to them and their own comments, not later drafts, others’ comments or the history', async () => {
    const first = withFutureDeadlines(planContent());
    const id = await createPlan(t, 'bcd-duk.drafter', first);
    const outsider = await userId(t, 'duk-bd.consultee');
    const member = await userId(t, 'bcd-duk.consultee');
    const deadline = new Date(Date.now() + 7 * 86_400_000).toISOString();
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'CIRCULATE', consultees: [outsider, member], deadline }, 'consultation');
    await expectTransition(t, 'bcd-duk.consultee', id, { type: 'COMMENT', comments: [{ text: 'Góp ý của Ban: bổ sung kinh phí.' }] }, 'consultation');
    await expectTransition(t, 'duk-bd.consultee', id, { type: 'COMMENT', comments: [{ text: 'Đảng ủy Khối: nêu rõ thời hạn.' }] }, 'draft');
    // the drafter writes version 2 after the round
    const saved = await request(t.http)
      .put(`/api/plans/${id}/content`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
      .send({ baseVersion: 1, content: { ...first, summary: `${first.summary} (sau góp ý)` } });
    expect(saved.status).toBe(200);

    const plan = await getJson(t, 'duk-bd.consultee', `/api/plans/${id}`);
    expect({ version: plan.version, summary: plan.content.summary }).toEqual({ version: 1, summary: first.summary });
    expect(await status('duk-bd.consultee', `/api/plans/${id}/versions/1`)).toBe(200);
    expect((await getJson(t, 'duk-bd.consultee', `/api/plans/${id}/versions`)).map((v: { version: number }) => v.version)).toEqual([1]);
    expect((await getJson(t, 'bcd-duk.drafter', `/api/plans/${id}/versions`)).map((v: { version: number }) => v.version)).toEqual([1, 2]);
    for (const path of ['versions/2', 'history', 'diff?from=1&to=2', 'export.json', 'preview.pdf']) {
      expect({ path, code: await code('duk-bd.consultee', `/api/plans/${id}/${path}`) }).toEqual({ path, code: 'need_to_know' });
    }
    const comments = await getJson(t, 'duk-bd.consultee', `/api/plans/${id}/comments`);
    expect(comments.map((c: { text: string }) => c.text)).toEqual(['Đảng ủy Khối: nêu rõ thời hạn.']);
    expect((await getJson(t, 'bcd-duk.drafter', `/api/plans/${id}/comments`)).length).toBe(2);
    const workflow = await getJson(t, 'duk-bd.consultee', `/api/plans/${id}/workflow`);
    expect(workflow).toMatchObject({ state: 'draft', chain: [], lastReturn: null, openComments: [], allowedEvents: [] });
    // a stranger still learns nothing
    expect(await code('db-stc.drafter', `/api/plans/${id}`)).toBe('plan_not_found');
  });

  it('a recipient reads the issued version, its PDF and public facts: not the drafts, comments, return reasons or history', async () => {
    const content = withFutureDeadlines(planContent());
    // a line for the Department of Finance's Party committee, before the archive line that ends "Nơi nhận"
    content.recipients = [
      { ...content.recipients[0], id: 'r-stc', name: 'Đảng bộ Sở Tài chính', organizationId: org['db-stc'] },
      ...content.recipients,
    ];
    const id = await createPlan(t, 'bcd-duk.drafter', content);
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'RETURN', reason: 'Lý do nội bộ: chưa rõ kinh phí' }, 'draft');
    await issuePlan(t.app, id);

    const plan = await getJson(t, 'db-stc.drafter', `/api/plans/${id}`);
    expect(plan).toMatchObject({ state: 'issued', version: 1, numberSymbol: expect.any(String), partialReading: true });
    // the web page of the plan shows the issued document to the recipient
    const page = await request(t.http)
      .get(`/plans/${id}`)
      .set('Authorization', `Bearer ${await t.token('db-stc.drafter')}`);
    expect(page.status).toBe(200);
    expect(await status('db-stc.drafter', `/api/plans/${id}/pdf`)).toBe(200);
    for (const path of ['history', 'preview.pdf', 'export.json', 'check']) {
      expect({ path, code: await code('db-stc.drafter', `/api/plans/${id}/${path}`) }).toEqual({ path, code: 'need_to_know' });
    }
    const workflow = await getJson(t, 'db-stc.drafter', `/api/plans/${id}/workflow`);
    expect(workflow).toMatchObject({ chain: [], lastReturn: null });
    expect(JSON.stringify(workflow)).not.toContain('kinh phí');
    expect(await getJson(t, 'db-stc.drafter', `/api/plans/${id}/comments`)).toEqual([]);
    // the issuing organization still reads the whole
    expect((await getJson(t, 'bcd-duk.drafter', `/api/plans/${id}/workflow`)).lastReturn).toMatchObject({ reason: 'Lý do nội bộ: chưa rõ kinh phí' });
  });
});
