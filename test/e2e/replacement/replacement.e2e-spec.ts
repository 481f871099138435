import { createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ChildPlansService } from '@app/cascade';
import { EDXML_NAMESPACE } from '@app/distribution';
import { archiveRecipient, type PlanContent, recipientLine } from '@app/plans';
import { VerificationCodesService } from '@app/verification';
import { signThroughApi } from '../../support/issued-plan';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { createPlan, planContent } from '../../support/plan-factory';
import { issuePlanWithChildren, IssuedPlanWithChildren } from '../../support/revocation-fixture';
import { SmtpSink, WebhookReceiver } from '../../support/smtp-sink';
import { parseXmlStrict } from '../../support/strict-xml';
import { createTestApp, passwordOf, TestApp } from '../../support/test-app';
import { getJson, getPdf, sendEvent, untilJobsSettled, waitFor, withFutureDeadlines } from '../../support/workflow-client';

const WEBHOOK_SECRET = 'bi-mat-lien-thong-thay-the-2024';

/**
 * Replacement of an issued plan (thay thế, issue 17 part 2; Nghị định 30 Art. 18: an error of
 * content is corrected by a new document of the same form that replaces it). A plan of the Ban
 * Chỉ đạo to three Party committees (inbox and e-mail, one also by webhook), each implementing it
 * (one child issued, one signed at its clerk's desk, one a draft). Bad requests are refused
 * naming the rule, with nothing written. "Soạn văn bản thay thế" starts a draft prefilled from
 * the issued content with the cited line; it walks the whole road; once it is issued, the old
 * plan is replaced, the recipients of both are told once each through the durable queue, their
 * copies are no longer current, the children move to the new parent and are told; the register,
 * its CSV, edXML, the history and the public verification page say so.
 */
describe('replacing an issued plan: the new draft, its road, the old plan replaced', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let hook: WebhookReceiver;
  let planId: string;
  let orgs: Record<string, string>;
  let children: IssuedPlanWithChildren['children'];
  let replacementId: string;
  const db = () => t.app.get(DataSource);
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const stateOf = async (id: string): Promise<string> => (await db().query(`SELECT state FROM plan WHERE id = $1`, [id]))[0].state;
  const planCount = async (): Promise<number> => (await db().query(`SELECT count(*)::int AS n FROM plan`))[0].n;
  const trailLength = async (id: string): Promise<number> =>
    (await db().query(`SELECT count(*)::int AS n FROM audit_event WHERE plan_id = $1`, [id]))[0].n;
  const replace = async (username: string, id: string) =>
    request(t.http)
      .post(`/api/plans/${id}/replacement`)
      .set('Authorization', await auth(username))
      .send({});
  const replacementNotices = async (): Promise<
    { channel: string; status: string; organization_id: string | null; target: string; message_id: string }[]
  > =>
    db().query(`SELECT channel, status, organization_id, target, message_id FROM delivery WHERE plan_id = $1 AND purpose = 'replacement'`, [planId]);

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
    it('replacing a draft: 409 not_distributed', async () => {
      const [plans, trail] = [await planCount(), await trailLength(children['db-sgd'])];
      const res = await replace('db-sgd.drafter', children['db-sgd']);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'not_distributed', refusedBy: 'not_distributed', state: 'draft' });
      expect(res.body.message).toMatch(/^Chỉ soạn văn bản thay thế cho kế hoạch đã ban hành/);
      expect([await planCount(), await trailLength(children['db-sgd'])]).toEqual([plans, trail]);
    });

    it('a plan signed but not yet issued (at the desk): 409 not_distributed', async () => {
      const res = await replace('db-syt.signer', children['db-syt']);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'not_distributed', state: 'awaitingIssue' });
    });

    it('people who neither draft nor sign for the issuer: refused (the clerk 403, a recipient 403, a stranger 404)', async () => {
      const plans = await planCount();
      expect((await replace('bcd-duk.clerk', planId)).status).toBe(403);
      const recipient = await replace('db-stc.drafter', planId);
      expect(recipient.status).toBe(403);
      expect(recipient.body.code).toBe('need_to_know');
      expect((await replace('ubnd-an.drafter', planId)).status).toBe(404);
      // a reviewer of the issuer reads it but may not start its replacement
      const reviewer = await replace('bcd-duk.reviewer', planId);
      expect(reviewer.status).toBe(403);
      expect(await planCount()).toBe(plans);
    });

    it('replacing a revoked plan: 409 plan_revoked', async () => {
      const revokedId = await createPlan(
        t,
        'bcd-duk.drafter',
        withFutureDeadlines(
          planContent({
            summary: 'kiểm tra công tác dân vận năm 2024',
            recipients: [recipientLine('r-stc', 'Đảng ủy db-stc', { organizationId: orgs['db-stc'] }), archiveRecipient('r-luu', 'VP, BTGĐUK')],
          }),
        ),
      );
      await signThroughApi(t, 'bcd-duk', revokedId);
      await waitFor(
        'the second plan to be distributed',
        () => stateOf(revokedId),
        (s) => s === 'distributed',
        60_000,
      );
      const revoked = await sendEvent(t, 'bcd-duk.signer', revokedId, {
        type: 'REVOKE',
        reason: 'Ban hành nhầm',
        password: passwordOf('bcd-duk.signer'),
      });
      expect(revoked.status).toBe(200);
      // The revocation's own jobs finish first: their trail rows are not the refusal's.
      await untilJobsSettled(db());
      const [plans, trail] = [await planCount(), await trailLength(revokedId)];
      const res = await replace('bcd-duk.drafter', revokedId);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'plan_revoked', refusedBy: 'plan_revoked', state: 'revoked' });
      expect(res.body.message).toBe('Kế hoạch đã bị thu hồi, không còn hiệu lực: không soạn văn bản thay thế');
      expect([await planCount(), await trailLength(revokedId)]).toEqual([plans, trail]);
    }, 180_000);

    it('an unknown field in the body: 422', async () => {
      const res = await request(t.http)
        .post(`/api/plans/${planId}/replacement`)
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ content: {} });
      expect(res.status).toBe(422);
    });
  });

  describe('"Soạn văn bản thay thế": the new draft', () => {
    let draft: Record<string, any>;
    let old: { number_symbol: string; issued_on: string };

    beforeAll(async () => {
      const res = await replace('bcd-duk.drafter', planId);
      expect(res.status).toBe(201);
      draft = res.body;
      replacementId = draft.id;
      [old] = await db().query(`SELECT number_symbol, to_char(issued_on, 'YYYY-MM-DD') AS issued_on FROM plan WHERE id = $1`, [planId]);
    });

    it('is a draft of the same organization, prefilled from the issued content, with the cited line in its preamble', async () => {
      const issued = await getJson(t, 'bcd-duk.drafter', `/api/plans/${planId}`);
      expect(draft).toMatchObject({ state: 'draft', organizationId: issued.organizationId, replacesPlanId: planId, createdById: expect.any(String) });
      expect(draft.replaces).toMatchObject({ id: planId, numberSymbol: old.number_symbol, state: 'distributed' });
      const content = draft.content as PlanContent;
      expect(content.summary).toBe(issued.content.summary);
      expect(content.parts).toEqual(issued.content.parts);
      expect(content.recipients).toEqual(issued.content.recipients);
      expect(content.signature).toEqual(issued.content.signature);
      const [year, month, day] = old.issued_on.split('-');
      const cited = `Kế hoạch này thay thế Kế hoạch số ${old.number_symbol} ngày ${day} tháng ${Number(month) <= 2 ? month : Number(month)} năm ${year} của Ban Chỉ đạo`;
      expect(content.preamble.paragraphs.some((p) => p.startsWith(cited))).toBe(true);
      expect(content.preamble.references).toContainEqual(expect.objectContaining({ planId, numberSymbol: old.number_symbol, date: old.issued_on }));
      const [row] = await db().query(`SELECT replaces_plan_id, state FROM plan WHERE id = $1`, [replacementId]);
      expect(row).toEqual({ replaces_plan_id: planId, state: 'draft' });
      // the old plan's page knows its replacement under way, and its trail records who started it
      expect((await getJson(t, 'bcd-duk.clerk', `/api/plans/${planId}`)).replacedBy).toMatchObject({ id: replacementId, state: 'draft' });
      const [started] = await db().query(`SELECT event, data FROM audit_event WHERE plan_id = $1 AND event = 'REPLACEMENT_STARTED'`, [planId]);
      expect(started.data).toEqual({ replacementId });
    });

    it('a second replacement while one is under way: 409 replacement_under_way, nothing written', async () => {
      const [plans, trail] = [await planCount(), await trailLength(planId)];
      const res = await replace('bcd-duk.signer', planId);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'replacement_under_way', refusedBy: 'replacement_under_way', replacementId });
      expect([await planCount(), await trailLength(planId)]).toEqual([plans, trail]);
    });

    it('is edited as any draft: the drafter corrects the content and adds a recipient', async () => {
      const content = structuredClone(draft.content as PlanContent);
      content.closing = [...content.closing, 'Các đơn vị triển khai theo nội dung đã được điều chỉnh tại Kế hoạch này.'];
      content.recipients.splice(content.recipients.length - 1, 0, recipientLine('r-tu-dp', 'Tỉnh ủy tu-dp', { organizationId: orgs['tu-dp'] }));
      const saved = await request(t.http)
        .put(`/api/plans/${replacementId}/content`)
        .set('Authorization', await auth('bcd-duk.drafter'))
        .send({ baseVersion: 1, content });
      expect(saved.status).toBe(200);
    });
  });

  describe('the replacement walks the whole road; once issued, the old plan is replaced', () => {
    let newNumber: string;

    beforeAll(async () => {
      const issued = await signThroughApi(t, 'bcd-duk', replacementId);
      newNumber = issued.numberSymbol!;
      await waitFor(
        'the replacement to be distributed',
        () => stateOf(replacementId),
        (s) => s === 'distributed',
        60_000,
      );
    }, 180_000);

    it('the old plan is replaced by the system in the issuance transaction, audited', async () => {
      expect(await stateOf(planId)).toBe('replaced');
      const history = await getJson(t, 'bcd-duk.clerk', `/api/plans/${planId}/history`);
      const replaced = (history.items ?? history).find((e: { event: string }) => e.event === 'REPLACED');
      expect(replaced).toMatchObject({ fromState: 'distributed', toState: 'replaced' });
      expect(replaced.data).toMatchObject({ replacementId, numberSymbol: newNumber });
      const oldView = await getJson(t, 'bcd-duk.clerk', `/api/plans/${planId}`);
      expect(oldView.replacedBy).toMatchObject({ id: replacementId, numberSymbol: newNumber, state: 'distributed' });
      // nothing more to do on it: no revocation, no second replacement
      expect((await getJson(t, 'bcd-duk.signer', `/api/plans/${planId}/allowed-events`)).allowedEvents).toEqual([]);
      const again = await replace('bcd-duk.drafter', planId);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'plan_replaced', state: 'replaced' });
    });

    it('the issued PDF of the replacement carries the cited line', async () => {
      const pdf = await getPdf(t, 'bcd-duk.drafter', `/api/plans/${replacementId}/pdf`);
      const text = pdftotext(pdfFile(pdf.body)).replace(/\s+/g, ' ');
      const [{ number_symbol: oldNumber }] = await db().query(`SELECT number_symbol FROM plan WHERE id = $1`, [planId]);
      expect(text).toContain(`Kế hoạch này thay thế Kế hoạch số ${oldNumber} ngày`);
    });

    it('tells the recipients of both plans once each, by the channel and target, through the queue', async () => {
      const expected: { channel: string; target: string }[] = await db().query(
        `SELECT DISTINCT channel, target FROM delivery
          WHERE channel <> 'archive' AND purpose = 'issue'
            AND ((plan_id = $1 AND status IN ('delivered', 'acknowledged')) OR plan_id = $2)`,
        [planId, replacementId],
      );
      const notices = await waitFor(
        'every replacement notice',
        replacementNotices,
        (rows) => rows.length === expected.length && rows.every((r) => r.status === 'delivered'),
        60_000,
      );
      expect(notices.map((n) => `${n.channel} ${n.target}`).sort()).toEqual(expected.map((e) => `${e.channel} ${e.target}`).sort());
      // the new recipient (Tỉnh ủy tu-dp) is among them
      expect(notices.some((n) => n.channel === 'inbox' && n.organization_id === orgs['tu-dp'])).toBe(true);
      // e-mail: one per address, no attachment, leading to the replacing plan
      const mails = sink.mails.filter((m) => m.subject.startsWith('Thay thế '));
      expect(mails).toHaveLength(notices.filter((n) => n.channel === 'email').length);
      for (const mail of mails) {
        expect(mail.subject).toMatch(/^Thay thế Kế hoạch số \d+-KH\/BCĐ ngày/);
        expect(mail.parts.some((p) => /pdf/.test(p.headers['content-type'] ?? ''))).toBe(false);
        const text = mail.parts[0].body.toString('utf8');
        expect(text).toContain(`đã được thay thế bằng Kế hoạch số ${newNumber}`);
        expect(text).toContain(`http://kehoach.test/plans/${replacementId}`);
      }
      expect(new Set(mails.map((m) => m.messageId))).toEqual(new Set(notices.filter((n) => n.channel === 'email').map((n) => n.message_id)));
      // webhook: plan.replaced, signed
      const replaced = hook.requests.filter((r) => JSON.parse(r.body).event === 'plan.replaced');
      expect(replaced).toHaveLength(1);
      expect(replaced[0].headers['x-kehoach-signature']).toBe(
        `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(replaced[0].body, 'utf8').digest('hex')}`,
      );
      const payload = JSON.parse(replaced[0].body);
      expect(payload).toMatchObject({
        event: 'plan.replaced',
        businessType: 'replace',
        replacedBy: { planId: replacementId, numberSymbol: newNumber },
      });
      expect(payload.plan.id).toBe(planId);
      // a second run of the hand-over writes nothing more
      expect((await replacementNotices()).length).toBe(expected.length);
    });

    it("marks each recipient's copy of the old plan replaced (by which number), no longer current, and tells its clerks once", async () => {
      for (const code of ['db-stc', 'db-syt', 'db-sgd']) {
        const current = await getJson(t, `${code}.clerk`, `/api/incoming?current=true`);
        const currentPlans = current.items.map((i: { planId: string }) => i.planId);
        expect(currentPlans).not.toContain(planId);
        expect(currentPlans).toContain(replacementId);
        const old = (await getJson(t, `${code}.clerk`, `/api/incoming?current=false`)).items.find((i: { planId: string }) => i.planId === planId);
        expect(old).toMatchObject({ replacedByPlanId: replacementId, replacedByNumberSymbol: newNumber, allowedStatuses: [] });
        expect(old.replacedAt).toBeTruthy();
        const inbox = await getJson(t, `${code}.clerk`, `/api/inbox?kind=plan_replaced`);
        const notices = (inbox.items ?? inbox).filter((n: { planId: string }) => n.planId === replacementId);
        expect(notices).toHaveLength(1);
        expect(notices[0].message).toContain(`đã được thay thế bằng kế hoạch số ${newNumber}`);
      }
      // the new recipient is told too, though it never had the old plan
      const inbox = await getJson(t, 'tu-dp.clerk', `/api/inbox?kind=plan_replaced`);
      expect((inbox.items ?? inbox).filter((n: { planId: string }) => n.planId === replacementId)).toHaveLength(1);
    });

    it('the children of the old plan now implement the new one, and their drafters and signers are told to check them', async () => {
      for (const code of ['db-stc', 'db-syt', 'db-sgd'] as const) {
        const [row] = await db().query(
          `SELECT p.parent_plan_id, c.parent_plan_id AS cascade_parent FROM plan p JOIN child_plan c ON c.plan_id = p.id WHERE p.id = $1`,
          [children[code]],
        );
        expect(row).toEqual({ parent_plan_id: replacementId, cascade_parent: replacementId });
        const notices = await getJson(t, `${code}.drafter`, `/api/inbox?kind=parent_replaced`);
        const mine = (notices.items ?? notices).filter((n: { planId: string }) => n.planId === children[code]);
        expect(mine).toHaveLength(1);
        expect(mine[0].message).toMatch(/^Văn bản cấp trên đã được thay thế/);
      }
      for (const code of ['db-stc', 'db-syt']) {
        const notices = await getJson(t, `${code}.signer`, `/api/inbox?kind=parent_replaced`);
        expect((notices.items ?? notices).filter((n: { planId: string }) => n.planId === children[code as 'db-stc'])).toHaveLength(1);
      }
      // the new parent's own cascade (run again here: it is idempotent) finds them: no second child for the same committees
      expect(await t.app.get(ChildPlansService).createChildren(replacementId)).toMatchObject({ implementing: 3, existing: 3, created: 0 });
      const kids = await db().query(`SELECT organization_id FROM plan WHERE parent_plan_id = $1`, [replacementId]);
      expect(kids).toHaveLength(3);
      expect(await db().query(`SELECT id FROM plan WHERE parent_plan_id = $1`, [planId])).toEqual([]);
    });

    it('the outgoing register keeps both lines, each naming the other, in JSON and CSV', async () => {
      const [{ number_symbol: oldNumber }] = await db().query(`SELECT number_symbol FROM plan WHERE id = $1`, [planId]);
      const register = await getJson(t, 'bcd-duk.clerk', `/api/registers/outgoing?org=${orgs['bcd-duk']}`);
      expect(register.lines.find((l: { planId: string }) => l.planId === planId)).toMatchObject({ replacedBy: newNumber, replaces: null });
      expect(register.lines.find((l: { planId: string }) => l.planId === replacementId)).toMatchObject({ replacedBy: null, replaces: oldNumber });
      const csv = await request(t.http)
        .get(`/api/registers/outgoing.csv?org=${orgs['bcd-duk']}`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .expect(200);
      const text: string = csv.text ?? csv.body.toString('utf8');
      expect(text.split('\r\n')[0]).toContain('Được thay thế bởi,Thay thế văn bản');
      expect(text.split('\r\n').find((line) => line.startsWith(oldNumber))).toContain(newNumber);
    });

    it('the edXML package of the replacement is a replacement (BussinessDocType 3) naming the plan it replaces', async () => {
      const res = await request(t.http)
        .get(`/api/plans/${replacementId}/edxml`)
        .set('Authorization', await auth('db-syt.clerk'))
        .expect(200);
      const xml = parseXmlStrict(res.text);
      const text = (name: string) => Array.from(xml.getElementsByTagNameNS(EDXML_NAMESPACE, name)).map((e) => e.textContent);
      expect(text('BussinessDocType')).toEqual(['3']);
      expect(text('BussinessDocReason')[0]).toMatch(/^Thay thế Kế hoạch số \d+-KH\/BCĐ ngày/);
      expect(text('DocumentId')).toContain(planId);
    });

    it('the public verification page of the old plan says it was replaced, and by which number', async () => {
      const code = await t.app.get(VerificationCodesService).codeFor(db().manager, planId);
      const json = await request(t.http).get(`/v/${code}`).set('Accept', 'application/json').expect(200);
      expect(json.body.standing).toMatchObject({
        kind: 'replaced',
        label: `Đã được thay thế bởi Kế hoạch số ${newNumber}`,
        byNumberSymbol: newNumber,
      });
      const page = await request(t.http).get(`/v/${code}`).set('Accept', 'text/html').expect(200);
      expect(page.text).toContain(`Đã được thay thế bởi Kế hoạch số ${newNumber}`);
      // and the new one is in force
      const newCode = await t.app.get(VerificationCodesService).codeFor(db().manager, replacementId);
      expect((await request(t.http).get(`/v/${newCode}`).set('Accept', 'application/json').expect(200)).body.standing.kind).toBe('in_force');
    });
  });

  describe('a child plan replaced in its turn', () => {
    let newChild: string;

    beforeAll(async () => {
      const res = await replace('db-stc.drafter', children['db-stc']);
      expect(res.status).toBe(201);
      newChild = res.body.id;
      await signThroughApi(t, 'db-stc', newChild);
      await waitFor(
        'the child to be replaced',
        () => stateOf(children['db-stc']),
        (s) => s === 'replaced',
        60_000,
      );
    }, 180_000);

    it("the new child takes the old one's place under the parent: its link, its due date and the cascade's record", async () => {
      const rows = await db().query(
        `SELECT p.id, p.parent_plan_id, p.due_date IS NOT NULL AS due, c.plan_id IS NOT NULL AS recorded
           FROM plan p LEFT JOIN child_plan c ON c.plan_id = p.id WHERE p.id = ANY($1::uuid[]) ORDER BY p.created_at`,
        [[children['db-stc'], newChild]],
      );
      expect(rows).toEqual([
        { id: children['db-stc'], parent_plan_id: null, due: true, recorded: false },
        { id: newChild, parent_plan_id: replacementId, due: true, recorded: true },
      ]);
      const tree = await getJson(t, 'bcd-duk.clerk', `/api/plans/${replacementId}/children`);
      const ids = JSON.stringify(tree);
      expect(ids).toContain(newChild);
      expect(ids).not.toContain(children['db-stc']);
    });
  });
});
