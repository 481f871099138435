import request from 'supertest';
import { DataSource } from 'typeorm';
import { type Recipient, recipientLine } from '@app/plans';
import { signThroughApi } from './issued-plan';
import { createPlan, planContent } from './plan-factory';
import { passwordOf, type TestApp } from './test-app';
import { expectTransition, waitFor, withFutureDeadlines } from './workflow-client';

/** The three Party committees that implement the plan revoked in the revocation tests. */
export const IMPLEMENTERS = ['db-stc', 'db-syt', 'db-sgd'] as const;
export type Implementer = (typeof IMPLEMENTERS)[number];

export interface IssuedPlanWithChildren {
  planId: string;
  /** Organization ids by code. */
  orgs: Record<string, string>;
  /** The child plan of each implementing committee: db-stc's issued, db-syt's signed at its clerk's desk, db-sgd's a draft. */
  children: Record<Implementer, string>;
}

/**
 * A plan of the Ban Chỉ đạo (bcd-duk) to the three committees, each marked to implement it, issued
 * and distributed through the real workflow and queue; the cascade's child drafts then walk on:
 * Sở Tài chính issues its own plan, Sở Y tế's is signed and waits at its clerk's desk (no number
 * yet), Sở Giáo dục's stays a draft. With
 * `webhook`, Sở Giáo dục also receives by webhook (signed with `webhook.secret`).
 */
export async function issuePlanWithChildren(t: TestApp, webhook?: { url: string; secret: string }): Promise<IssuedPlanWithChildren> {
  const db = t.app.get(DataSource);
  const admin = `Bearer ${await t.token('tu-bd.admin')}`;
  const orgs: Record<string, string> = {};
  for (const org of (await request(t.http).get('/api/organizations').set('Authorization', admin)).body) orgs[org.code] = org.id;
  if (webhook) {
    await request(t.http)
      .patch(`/api/organizations/${orgs['db-sgd']}`)
      .set('Authorization', admin)
      .send({ webhookUrl: webhook.url, webhookSecret: webhook.secret })
      .expect(200);
  }
  const line = (code: string): Recipient => recipientLine(`r-${code}`, `Đảng ủy ${code}`, { organizationId: orgs[code], mustImplement: true });
  const content = planContent({
    recipients: [
      ...IMPLEMENTERS.map(line),
      { ...line('db-stc'), id: 'r-luu', name: 'VP, BTGĐUK', organizationId: null, purpose: 'archive', mustImplement: false },
    ],
  });
  const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(content));
  await signThroughApi(t, 'bcd-duk', planId);
  const stateOf = async (id: string): Promise<string> => (await db.query(`SELECT state FROM plan WHERE id = $1`, [id]))[0].state;
  await waitFor(
    'the plan to be distributed',
    () => stateOf(planId),
    (s) => s === 'distributed',
    60_000,
  );
  const rows: { id: string; organization_id: string }[] = await waitFor(
    'a child draft at every implementing committee',
    () => db.query(`SELECT id, organization_id FROM plan WHERE parent_plan_id = $1`, [planId]),
    (r) => r.length === IMPLEMENTERS.length,
    60_000,
  );
  const childOf = (code: Implementer) => rows.find((r) => r.organization_id === orgs[code])!.id;
  const children = { 'db-stc': childOf('db-stc'), 'db-syt': childOf('db-syt'), 'db-sgd': childOf('db-sgd') };
  await signThroughApi(t, 'db-stc', children['db-stc']);
  await waitFor(
    "Sở Tài chính's plan to be distributed",
    () => stateOf(children['db-stc']),
    (s) => s === 'distributed',
    60_000,
  );
  await expectTransition(t, 'db-syt.drafter', children['db-syt'], { type: 'SUBMIT' }, 'review');
  await expectTransition(t, 'db-syt.reviewer', children['db-syt'], { type: 'APPROVE' }, 'review');
  await expectTransition(t, 'db-syt.format_checker', children['db-syt'], { type: 'APPROVE' }, 'awaitingSignature');
  const signer = 'db-syt.signer';
  await expectTransition(t, signer, children['db-syt'], { type: 'SIGN', password: passwordOf(signer) }, 'awaitingIssue');
  return { planId, orgs, children };
}
