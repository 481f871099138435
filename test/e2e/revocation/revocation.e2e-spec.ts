import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IMPLEMENTERS, issuePlanWithChildren, IssuedPlanWithChildren } from '../../support/revocation-fixture';
import { SmtpSink, WebhookReceiver } from '../../support/smtp-sink';
import { EDXML_NAMESPACE } from '@app/distribution';
import { VerificationCodesService } from '@app/verification';
import { parseXmlStrict } from '../../support/strict-xml';
import { createTestApp, passwordOf, TestApp } from '../../support/test-app';
import { getJson, sendEvent, waitFor } from '../../support/workflow-client';

const WEBHOOK_SECRET = 'bi-mat-lien-thong-thu-hoi-2024';
const REASON = 'Ban hành không đúng thẩm quyền, nội dung trái với Quy định số 132-QĐ/TW';
const DECISION = '15-QĐ/ĐUK';

/**
 * Revocation of an issued plan (issue 17, Nghị định 30 Art. 18): a plan of the Ban Chỉ đạo to
 * three Party committees, each marked to implement it (inbox and e-mail; one also by webhook),
 * issued and distributed through the real workflow and queue; one child plan issued, one signed
 * and waiting at its clerk's desk, one still a draft. Bad requests are refused naming the rule, with nothing written;
 * the revocation by the authority above tells every recipient once through the channel that
 * delivered the plan, marks their copies, cancels the children still on their road, flags the
 * one issued, and shows in the register, its CSV and the history.
 */
describe('revoking an issued plan: recipients, children, register', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let hook: WebhookReceiver;
  let planId: string;
  let orgs: Record<string, string>;
  let children: IssuedPlanWithChildren['children'];
  const db = () => t.app.get(DataSource);
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const stateOf = async (id: string): Promise<string> => (await db().query(`SELECT state FROM plan WHERE id = $1`, [id]))[0].state;
  const trailLength = async (id: string): Promise<number> =>
    (await db().query(`SELECT count(*)::int AS n FROM audit_event WHERE plan_id = $1`, [id]))[0].n;
  const revocationDeliveries = async () =>
    db().query(
      `SELECT id, channel, status, organization_id, message_id FROM delivery WHERE plan_id = $1 AND purpose = 'revocation' ORDER BY channel`,
      [planId],
    );

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    hook = await new WebhookReceiver().start();
    t = await createTestApp({
      env: { SMTP_URL: sink.url, WEBHOOK_ALLOW_HOSTS: '127.0.0.1', PUBLIC_URL: 'http://kehoach.test', DELIVERY_SWEEP_SECONDS: '3600' },
    });
    ({ planId, orgs, children } = await issuePlanWithChildren(t, { url: hook.url, secret: WEBHOOK_SECRET }));
  }, 300_000);

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
    await hook?.stop();
  });

  describe('bad requests are refused naming the rule, and nothing is written', () => {
    it('revoking a draft: 409 not_in_state with the allowed events', async () => {
      const before = await trailLength(children['db-sgd']);
      const res = await sendEvent(t, 'db-sgd.signer', children['db-sgd'], { type: 'REVOKE', reason: REASON, password: passwordOf('db-sgd.signer') });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'transition_refused', refusedBy: 'not_in_state', state: 'draft' });
      expect(res.body.message).toBe('Không thể thực hiện REVOKE khi kế hoạch ở trạng thái "Dự thảo"');
      expect(Array.isArray(res.body.allowedEvents)).toBe(true);
      expect(await stateOf(children['db-sgd'])).toBe('draft');
      expect(await trailLength(children['db-sgd'])).toBe(before);
    });

    it('someone who holds no authority of the issuer or above it: refused; the drafter and a sibling committee alike', async () => {
      for (const username of ['bcd-duk.drafter', 'bcd-duk.clerk', 'db-syt.signer']) {
        const res = await sendEvent(t, username, planId, { type: 'REVOKE', reason: REASON, password: passwordOf(username) });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'transition_refused', refusedBy: 'byRevoker', allowedEvents: [] });
        expect(res.body.message).toMatch(/thẩm quyền ký của cơ quan ban hành hoặc của cơ quan cấp trên/);
      }
      const allowed = await getJson(t, 'bcd-duk.signer', `/api/plans/${planId}/allowed-events`);
      expect(allowed.allowedEvents).toEqual(['REVOKE']);
      // the organization above: its signer reads the issued plan (to revoke it), its clerk does not
      expect((await getJson(t, 'duk-bd.signer', `/api/plans/${planId}/allowed-events`)).allowedEvents).toEqual(['REVOKE']);
      await getJson(t, 'duk-bd.clerk', `/api/plans/${planId}`, 404);
      // nor does a signer above read a draft below
      await getJson(t, 'duk-bd.signer', `/api/plans/${children['db-sgd']}`, 404);
    });

    it('a reason missing or too long, an unknown field: 422 naming the field; a wrong password: 409, recorded as a failed step-up', async () => {
      const before = await trailLength(planId);
      const missing = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'REVOKE', password: passwordOf('bcd-duk.signer') });
      expect(missing.status).toBe(422);
      expect(missing.body.errors).toEqual([
        expect.objectContaining({ path: 'reason', code: 'required', message: 'reason: cần có lý do cho sự kiện REVOKE' }),
      ]);
      const long = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'REVOKE', reason: 'ư'.repeat(2001), password: passwordOf('bcd-duk.signer') });
      expect(long.status).toBe(422);
      expect(long.body.errors).toEqual([expect.objectContaining({ path: 'reason', code: 'too_long', message: 'reason: lý do dài quá 2000 ký tự' })]);
      const stray = await sendEvent(t, 'bcd-duk.drafter', children['db-sgd'], { type: 'CANCEL', reason: 'x', decisionNumber: DECISION });
      expect(stray.status).toBe(422);
      expect(stray.body.errors).toEqual([expect.objectContaining({ path: 'decisionNumber', code: 'not_allowed' })]);
      expect(await trailLength(planId)).toBe(before);

      const wrong = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'REVOKE', reason: REASON, password: 'khong-dung' });
      expect(wrong.status).toBe(409);
      expect(wrong.body).toMatchObject({ refusedBy: 'passwordConfirmed', message: 'Mật khẩu xác nhận không đúng' });
      const [failed] = await db().query(`SELECT event, data FROM audit_event WHERE plan_id = $1 ORDER BY seq DESC LIMIT 1`, [planId]);
      expect(failed).toEqual({ event: 'STEP_UP_FAILED', data: { for: 'REVOKE' } });
      expect(await stateOf(planId)).toBe('distributed');
      expect(await revocationDeliveries()).toEqual([]);
    });
  });

  describe('the authority above revokes it', () => {
    let result: request.Response;

    beforeAll(async () => {
      // Đảng ủy Khối (duk-bd) is the organization above the Ban Chỉ đạo.
      result = await sendEvent(t, 'duk-bd.signer', planId, {
        type: 'REVOKE',
        reason: `  ${REASON.normalize('NFD')} `,
        decisionNumber: DECISION,
        password: passwordOf('duk-bd.signer'),
      });
    });

    it('moves the plan to revoked and keeps who, when, why and by which decision (NFC, trimmed)', async () => {
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ fromState: 'distributed', toState: 'revoked', allowedEvents: [] });
      const [plan] = await db().query(
        `SELECT p.state, p.revocation_reason, p.revocation_decision, p.revoked_at IS NOT NULL AS revoked, u.username
           FROM plan p JOIN app_user u ON u.id = p.revoked_by_id WHERE p.id = $1`,
        [planId],
      );
      expect(plan).toEqual({ state: 'revoked', revocation_reason: REASON, revocation_decision: DECISION, revoked: true, username: 'duk-bd.signer' });
      const history = await getJson(t, 'bcd-duk.clerk', `/api/plans/${planId}/history`);
      const entries = history.items ?? history;
      const revoke = entries.find((e: { event: string }) => e.event === 'REVOKE');
      expect(revoke).toMatchObject({ fromState: 'distributed', toState: 'revoked', reason: REASON });
      expect(revoke.data).toMatchObject({ stepUp: 'password', decisionNumber: DECISION });
    });

    it('a second revocation is refused, naming the state', async () => {
      const again = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'REVOKE', reason: REASON, password: passwordOf('bcd-duk.signer') });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ refusedBy: 'not_in_state', state: 'revoked', allowedEvents: [] });
      expect(again.body.message).toBe('Không thể thực hiện REVOKE khi kế hoạch ở trạng thái "Đã thu hồi"');
    });

    it('tells every recipient once through each channel that delivered the plan, by the queue', async () => {
      const issued: { channel: string; organization_id: string }[] = await db().query(
        `SELECT channel, organization_id FROM delivery WHERE plan_id = $1 AND purpose = 'issue' AND channel <> 'archive' AND status IN ('delivered', 'acknowledged') ORDER BY channel`,
        [planId],
      );
      expect(issued.length).toBe(7); // three inboxes, three mails, one webhook
      const notices = await waitFor(
        'every revocation notice',
        revocationDeliveries,
        (rows) => rows.length === issued.length && rows.every((r: { status: string }) => r.status === 'delivered'),
        60_000,
      );
      expect(notices.map((n: { channel: string; organization_id: string }) => [n.channel, n.organization_id]).sort()).toEqual(
        issued.map((d) => [d.channel, d.organization_id]).sort(),
      );
      // e-mail: one notice per address, no attachment, its own Message-ID
      const mails = sink.mails.filter((m) => m.subject.startsWith('Thu hồi '));
      expect(mails).toHaveLength(3);
      for (const mail of mails) {
        expect(mail.subject).toMatch(/^Thu hồi Kế hoạch số \d+-KH\/BCĐ ngày/);
        expect(mail.parts.some((p) => /pdf/.test(p.headers['content-type'] ?? ''))).toBe(false);
        const text = mail.parts[0].body.toString('utf8');
        expect(text).toContain(`Lý do: ${REASON}`);
        expect(text).toContain(`theo Quyết định số ${DECISION}`);
      }
      const mailIds = notices.filter((n: { channel: string }) => n.channel === 'email').map((n: { message_id: string }) => n.message_id);
      expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(mailIds));
      // webhook: plan.revoked, signed like plan.issued
      const revoked = hook.requests.filter((r) => JSON.parse(r.body).event === 'plan.revoked');
      expect(revoked).toHaveLength(1);
      const payload = JSON.parse(revoked[0].body);
      expect(revoked[0].headers['x-kehoach-signature']).toBe(
        `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(revoked[0].body, 'utf8').digest('hex')}`,
      );
      expect(payload).toMatchObject({ event: 'plan.revoked', businessType: 'revoke', revocation: { reason: REASON, decisionNumber: DECISION } });
      expect(payload.plan.id).toBe(planId);
    });

    it("marks each recipient's copy revoked, no longer current, tells its clerks once, and takes the receipt", async () => {
      for (const code of IMPLEMENTERS) {
        const current = await getJson(t, `${code}.clerk`, `/api/incoming?current=true`);
        expect(current.items.map((i: { planId: string }) => i.planId)).not.toContain(planId);
        const withdrawn = await getJson(t, `${code}.clerk`, `/api/incoming?current=false`);
        const copy = withdrawn.items.find((i: { planId: string }) => i.planId === planId);
        expect(copy).toMatchObject({ revocationReason: REASON, revocationDecision: DECISION, revocationAcknowledgedAt: null, allowedStatuses: [] });
        expect(copy.revokedAt).toBeTruthy();
        const inbox = await getJson(t, `${code}.clerk`, `/api/inbox?kind=plan_revoked`);
        const notices = (inbox.items ?? inbox).filter((n: { planId: string }) => n.planId === planId);
        expect(notices).toHaveLength(1);
        expect(notices[0].message).toContain(REASON);
        // a revoked copy is no longer handled
        const handled = await request(t.http)
          .post(`/api/incoming/${copy.id}/status`)
          .set('Authorization', await auth(`${code}.clerk`))
          .send({ status: 'accepted' });
        expect(handled.status).toBe(409);
        expect(handled.body.message).toBe('Văn bản đã bị thu hồi: không tiếp tục xử lý');
      }
      const stcCopy = (await getJson(t, 'db-stc.clerk', `/api/incoming?current=false`)).items.find((i: { planId: string }) => i.planId === planId);
      const ack = await request(t.http)
        .post(`/api/incoming/${stcCopy.id}/acknowledge-revocation`)
        .set('Authorization', await auth('db-stc.clerk'))
        .expect(200);
      expect(ack.body.revocationAcknowledgedAt).toBeTruthy();
      // again: nothing more
      await request(t.http)
        .post(`/api/incoming/${stcCopy.id}/acknowledge-revocation`)
        .set('Authorization', await auth('db-stc.clerk'))
        .expect(200);
      const acked: { channel: string; status: string }[] = await db().query(
        `SELECT channel, status FROM delivery WHERE plan_id = $1 AND purpose = 'revocation' AND organization_id = $2 ORDER BY channel`,
        [planId, orgs['db-stc']],
      );
      // (in the enum's order: inbox, then email)
      expect(acked).toEqual([
        { channel: 'inbox', status: 'acknowledged' },
        { channel: 'email', status: 'acknowledged' },
      ]);
      const receipts = await db().query(
        `SELECT count(*)::int AS n FROM audit_event WHERE plan_id = $1 AND event = 'INCOMING_REVOCATION_ACKNOWLEDGED'`,
        [planId],
      );
      expect(receipts[0].n).toBe(1);
      // the issued plan's own receipts are untouched by it
      const issue = await db().query(`SELECT count(*)::int AS n FROM delivery WHERE plan_id = $1 AND purpose = 'issue' AND status = 'acknowledged'`, [
        planId,
      ]);
      expect(issue[0].n).toBe(0);
      // someone of another committee cannot acknowledge for it; a copy not revoked has nothing to acknowledge
      await request(t.http)
        .post(`/api/incoming/${stcCopy.id}/acknowledge-revocation`)
        .set('Authorization', await auth('db-syt.clerk'))
        .expect(404);
    });

    it("cancels the children still on their road (one signed, at its clerk's desk) with the reason, flags the issued one and tells its drafter and signer", async () => {
      expect(await stateOf(children['db-syt'])).toBe('cancelled');
      expect(await stateOf(children['db-sgd'])).toBe('cancelled');
      expect(await stateOf(children['db-stc'])).toBe('distributed');
      for (const code of ['db-syt', 'db-sgd'] as const) {
        const [event] = await db().query(`SELECT event, reason, data FROM audit_event WHERE plan_id = $1 ORDER BY seq DESC LIMIT 1`, [
          children[code],
        ]);
        expect(event).toEqual({ event: 'PARENT_REVOKED', reason: REASON, data: { parentPlanId: planId } });
        const drafterNotices = await getJson(t, `${code}.drafter`, `/api/inbox?kind=parent_revoked`);
        expect((drafterNotices.items ?? drafterNotices).filter((n: { planId: string }) => n.planId === children[code])).toHaveLength(1);
      }
      // the child at the desk had been signed: its signer is told too, and the desk no longer holds it
      const signerNotices = await getJson(t, 'db-syt.signer', `/api/inbox?kind=parent_revoked`);
      expect((signerNotices.items ?? signerNotices).filter((n: { planId: string }) => n.planId === children['db-syt'])).toHaveLength(1);
      const desk = await getJson(t, 'db-syt.clerk', '/api/issuance/desk');
      expect(JSON.stringify(desk)).not.toContain(children['db-syt']);
      const [flag] = await db().query(`SELECT parent_revoked_at IS NOT NULL AS flagged FROM child_plan WHERE plan_id = $1`, [children['db-stc']]);
      expect(flag.flagged).toBe(true);
      for (const username of ['db-stc.drafter', 'db-stc.signer']) {
        const notices = await getJson(t, username, `/api/inbox?kind=parent_revoked`);
        const mine = (notices.items ?? notices).filter((n: { planId: string }) => n.planId === children['db-stc']);
        expect(mine).toHaveLength(1);
        expect(mine[0].message).toMatch(/^Văn bản cấp trên đã bị thu hồi/);
      }
      // the child's own copy at its recipients is untouched: it is its organization's to decide
      const childCopies = await db().query(`SELECT count(*)::int AS n FROM incoming_document WHERE plan_id = $1 AND revoked_at IS NOT NULL`, [
        children['db-stc'],
      ]);
      expect(childCopies[0].n).toBe(0);
    });

    it('its edXML package travels as a revocation (BussinessDocType 1) with the reason', async () => {
      const res = await request(t.http)
        .get(`/api/plans/${planId}/edxml`)
        .set('Authorization', await auth('db-syt.clerk'))
        .expect(200);
      const xml = parseXmlStrict(res.text);
      const text = (name: string) => Array.from(xml.getElementsByTagNameNS(EDXML_NAMESPACE, name)).map((e) => e.textContent);
      expect(text('BussinessDocType')).toEqual(['1']);
      expect(text('BussinessDocReason')).toEqual([REASON]);
    });

    it('keeps the line in the outgoing register with the revocation, in JSON and CSV', async () => {
      const register = await getJson(t, 'bcd-duk.clerk', `/api/registers/outgoing?org=${orgs['bcd-duk']}`);
      const [plan] = await db().query(`SELECT number_symbol FROM plan WHERE id = $1`, [planId]);
      const lineOf = register.lines.find((l: { planId: string }) => l.planId === planId);
      expect(lineOf).toMatchObject({ numberSymbol: plan.number_symbol, voided: false, revocationReason: REASON, revocationDecision: DECISION });
      expect(lineOf.revokedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const csv = await request(t.http)
        .get(`/api/registers/outgoing.csv?org=${orgs['bcd-duk']}`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .expect(200);
      const text = csv.text ?? csv.body.toString('utf8');
      expect(text.split('\r\n')[0]).toContain('Ngày thu hồi,Quyết định thu hồi,Lý do thu hồi');
      expect(text).toContain(DECISION);
      expect(text).toContain(REASON);
    });

    it('the public verification page (/v/<code>) says "Đã thu hồi", with the day, the decision and the reason', async () => {
      const code = await t.app.get(VerificationCodesService).codeFor(db().manager, planId);
      const [{ on }] = await db().query(`SELECT to_char(revoked_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS on FROM plan WHERE id = $1`, [
        planId,
      ]);
      const json = await request(t.http).get(`/v/${code}`).set('Accept', 'application/json').expect(200);
      expect(json.body.standing).toEqual({ kind: 'revoked', label: 'Đã thu hồi', on, reason: REASON, decisionNumber: DECISION });
      const page = await request(t.http).get(`/v/${code}`).set('Accept', 'text/html').expect(200);
      const [year, month, day] = on.split('-');
      expect(page.text).toContain('Đã thu hồi');
      expect(page.text).toContain(`ngày ${day}/${month}/${year} theo Quyết định số ${DECISION}: ${REASON}`);
    });
  });
});
