import { createHash, createHmac } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { EDXML_NAMESPACE } from '@app/distribution';
import { recipientLine } from '@app/plans';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { SmtpSink, WebhookReceiver } from '../../support/smtp-sink';
import { parseXmlStrict } from '../../support/strict-xml';
import { createTestApp, TestApp } from '../../support/test-app';
import { withFutureDeadlines } from '../../support/workflow-client';

const WEBHOOK_SECRET = 'bi-mat-cua-so-giao-duc-0123456789';

/** Polls until `check` returns a value (not undefined) or the time is up. */
async function eventually<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('distribution: every recipient line gets the issued plan, with receipts', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let hook: WebhookReceiver;
  const orgs: Record<string, string> = {};
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;

  const line = recipientLine;

  const deliveriesOf = async (planId: string) =>
    (
      await request(t.http)
        .get(`/api/plans/${planId}/deliveries`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .expect(200)
    ).body;
  const untilEnded = (planId: string) =>
    eventually(async () => {
      const body = await deliveriesOf(planId);
      return body.counts.ended === body.counts.total && body.state === 'distributed' ? body : undefined;
    }, `deliveries of ${planId} to end and the plan to be distributed`);
  const mailsTo = (address: string) => sink.mails.filter((m) => m.to.includes(address));

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    hook = await new WebhookReceiver().start();
    // The sweeper stays out of the way (once an hour): here the queue's jobs alone attempt and retry.
    // (The crash test is where the sweeper takes over.)
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url,
        DELIVERY_RETRY_DELAY_SECONDS: '1',
        DELIVERY_RETRY_LIMIT: '3',
        DELIVERY_CLAIM_SECONDS: '5',
        DELIVERY_SWEEP_SECONDS: '3600',
        PUBLIC_URL: 'http://kehoach.test',
        WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
      },
    });
    const admin = await auth('tu-bd.admin');
    for (const org of (await request(t.http).get('/api/organizations').set('Authorization', admin)).body) orgs[org.code] = org.id;
    // Sở Y tế has no address: inbox only. Sở Giáo dục also has a webhook.
    await request(t.http).patch(`/api/organizations/${orgs['db-syt']}`).set('Authorization', admin).send({ email: null }).expect(200);
    await request(t.http)
      .patch(`/api/organizations/${orgs['db-sgd']}`)
      .set('Authorization', admin)
      .send({ webhookUrl: hook.url, webhookSecret: WEBHOOK_SECRET })
      .expect(200);
  });

  afterAll(async () => {
    await t.close();
    await sink.stop();
    await hook.stop();
  });

  describe('a plan to inbox, e-mail, webhook, paper and archive recipients', () => {
    let planId: string;
    let pdf: Buffer;
    let plan: { numberSymbol: string; pdfSha256: string; summary: string; issuedOn: string };

    beforeAll(async () => {
      const content = planContent({
        recipients: [
          line('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: orgs['db-stc'] }),
          line('r-syt', 'Đảng ủy Sở Y tế', { organizationId: orgs['db-syt'] }),
          line('r-sgd', 'Đảng ủy Sở Giáo dục và Đào tạo', { organizationId: orgs['db-sgd'] }),
          line('r-bao', 'Báo Bình Định', { purpose: 'inform', email: 'toasoan@baobinhdinh.demo' }),
          line('r-bcd', 'Các đồng chí Ủy viên Ban Chỉ đạo', { purpose: 'inform' }),
          line('r-luu', 'VP, BTGĐUK', { purpose: 'archive' }),
        ],
      });
      planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(content));
      const issued = await signThroughApi(t, 'bcd-duk', planId);
      plan = { numberSymbol: issued.numberSymbol!, pdfSha256: issued.pdfSha256!, summary: issued.summary, issuedOn: issued.issuedOn! };
      await untilEnded(planId);
      const res = await request(t.http)
        .get(`/api/plans/${planId}/pdf`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      pdf = res.body as Buffer;
    });

    it('plans one delivery per line and channel, leaves the line without address to paper, and ends distributed', async () => {
      const body = await deliveriesOf(planId);
      const channels = Object.fromEntries(
        body.recipients.map((r: { recipientId: string; deliveries: { channel: string }[] }) => [
          r.recipientId,
          r.deliveries.map((d) => d.channel).sort(),
        ]),
      );
      expect(channels).toEqual({
        'r-stc': ['email', 'inbox'],
        'r-syt': ['inbox'],
        'r-sgd': ['email', 'inbox', 'webhook'],
        'r-bao': ['email'],
        'r-bcd': [],
        'r-luu': ['archive'],
      });
      expect(body.recipients.find((r: { recipientId: string }) => r.recipientId === 'r-bcd').paperOnly).toBe(true);
      expect(body.counts).toMatchObject({ total: 8, delivered: 8, dead: 0, ended: 8, percent: 100 });
      expect(body.state).toBe('distributed');
      const row = await t.app.get(DataSource).query(`SELECT state FROM plan WHERE id = $1`, [planId]);
      expect(row[0].state).toBe('distributed');
    });

    it('mails the issued PDF, byte for byte, with number and summary in the subject and the delivery id as Message-ID', async () => {
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(plan.pdfSha256);
      const body = await deliveriesOf(planId);
      const emailDeliveries = body.recipients.flatMap((r: { deliveries: { channel: string }[] }) =>
        r.deliveries.filter((d) => d.channel === 'email'),
      );
      for (const address of ['danguy@stc.binhdinh.demo', 'danguy@sgd.binhdinh.demo', 'toasoan@baobinhdinh.demo']) {
        const mails = mailsTo(address);
        expect(mails).toHaveLength(1);
        const [mail] = mails;
        const delivery = emailDeliveries.find((d: { target: string }) => d.target === address);
        expect(mail.messageId).toBe(`<${delivery.id}@kehoach>`);
        expect(delivery.messageId).toBe(mail.messageId);
        expect(mail.subject).toContain(`Kế hoạch số ${plan.numberSymbol}`);
        expect(mail.subject).toContain(plan.summary);
        const attachment = mail.parts.find((p) => p.headers['content-type'].startsWith('application/pdf'))!;
        expect(attachment.body.equals(pdf)).toBe(true);
        expect(mail.parts[0].body.toString('utf8')).toContain('Kính gửi:');
      }
    });

    it('POSTs the metadata to the webhook, signed with HMAC-SHA256 and carrying the delivery id', async () => {
      const requests = hook.requests.filter((r) => JSON.parse(r.body).plan.id === planId);
      expect(requests).toHaveLength(1);
      const [req] = requests;
      const expected = `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(req.body, 'utf8').digest('hex')}`;
      expect(req.headers['x-kehoach-signature']).toBe(expected);
      const payload = JSON.parse(req.body);
      expect(req.headers['x-kehoach-delivery']).toBe(payload.deliveryId);
      expect(payload.plan).toMatchObject({
        numberSymbol: plan.numberSymbol,
        pdfSha256: plan.pdfSha256,
        pdfUrl: `http://kehoach.test/api/plans/${planId}/pdf`,
      });
      expect(payload.businessType).toBe('new');
      // a forged body does not verify
      expect(createHmac('sha256', WEBHOOK_SECRET).update(req.body.replace(plan.numberSymbol, '99-KH/BCĐ')).digest('hex')).not.toBe(expected.slice(7));
    });

    it("puts the plan once in each organization's inbox, tells its clerks and leaders, and lets it read the plan", async () => {
      for (const code of ['db-stc', 'db-syt', 'db-sgd']) {
        const inbox = (
          await request(t.http)
            .get('/api/incoming')
            .set('Authorization', await auth(`${code}.clerk`))
            .expect(200)
        ).body;
        const mine = inbox.items.filter((i: { planId: string }) => i.planId === planId);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({
          numberSymbol: plan.numberSymbol,
          handlingStatus: 'arrived',
          handlingStatusCode: '01',
          acknowledgedAt: null,
          senderName: expect.stringContaining('Ban Chỉ đạo'),
        });
      }
      const notified: { username: string }[] = await t.app
        .get(DataSource)
        .query(
          `SELECT u.username FROM inbox_notice n JOIN app_user u ON u.id = n.user_id WHERE n.kind = 'incoming_document' AND n.plan_id = $1 AND n.organization_id = $2 ORDER BY 1`,
          [planId, orgs['db-stc']],
        );
      expect(notified.map((n) => n.username)).toEqual(['db-stc.clerk', 'db-stc.reviewer', 'db-stc.signer']);
      const leader = await auth('db-stc.signer');
      const notices = (await request(t.http).get('/api/incoming-notifications?unread=true').set('Authorization', leader).expect(200)).body;
      const notice = notices.find((n: { planId: string }) => n.planId === planId);
      expect(notice.message).toBe(
        `Văn bản đến: Kế hoạch số ${plan.numberSymbol} của Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh`,
      );
      await request(t.http)
        .post(`/api/incoming-notifications/${notice.id}/read`)
        .set('Authorization', await auth('db-stc.clerk'))
        .expect(404);
      expect(
        (await request(t.http).post(`/api/incoming-notifications/${notice.id}/read`).set('Authorization', leader).expect(200)).body.readAt,
      ).not.toBeNull();
      const unread = (await request(t.http).get('/api/incoming-notifications?unread=true').set('Authorization', leader).expect(200)).body;
      expect(unread.some((n: { id: string }) => n.id === notice.id)).toBe(false);
      await request(t.http)
        .get(`/api/plans/${planId}`)
        .set('Authorization', await auth('db-stc.drafter'))
        .expect(200);
      // an organization it was not sent to still cannot
      await request(t.http)
        .get(`/api/plans/${planId}`)
        .set('Authorization', await auth('ubnd-an.drafter'))
        .expect(404);
      const outsider = (
        await request(t.http)
          .get('/api/incoming')
          .set('Authorization', await auth('ubnd-an.clerk'))
          .expect(200)
      ).body;
      expect(outsider.items.some((i: { planId: string }) => i.planId === planId)).toBe(false);
    });

    it('receipts: acknowledge, then report handling; the sender sees them; a wrong step is refused and changes nothing', async () => {
      const clerk = await auth('db-stc.clerk');
      const [doc] = (await request(t.http).get('/api/incoming').set('Authorization', clerk)).body.items.filter(
        (i: { planId: string }) => i.planId === planId,
      );
      await request(t.http)
        .post(`/api/incoming/${doc.id}/acknowledge`)
        .set('Authorization', await auth('ubnd-an.clerk'))
        .expect(404);
      const acked = (await request(t.http).post(`/api/incoming/${doc.id}/acknowledge`).set('Authorization', clerk).expect(200)).body;
      expect(acked.acknowledgedAt).not.toBeNull();
      const again = (await request(t.http).post(`/api/incoming/${doc.id}/acknowledge`).set('Authorization', clerk).expect(200)).body;
      expect(again.acknowledgedAt).toBe(acked.acknowledgedAt);

      const bad = await request(t.http).post(`/api/incoming/${doc.id}/status`).set('Authorization', clerk).send({ status: 'lost' }).expect(422);
      expect(bad.body.errors[0]).toMatchObject({ path: 'status' });
      await request(t.http).post(`/api/incoming/${doc.id}/status`).set('Authorization', clerk).send({ status: 'accepted' }).expect(200);
      const leader = await auth('db-stc.signer');
      const assigned = (
        await request(t.http)
          .post(`/api/incoming/${doc.id}/status`)
          .set('Authorization', leader)
          .send({ status: '04', note: 'Giao Văn phòng Đảng ủy tham mưu' })
          .expect(200)
      ).body;
      expect(assigned).toMatchObject({
        handlingStatus: 'assigned',
        handlingStatusCode: '04',
        handlingNote: 'Giao Văn phòng Đảng ủy tham mưu',
        allowedStatuses: ['in_progress', 'done'],
      });
      const refused = await request(t.http)
        .post(`/api/incoming/${doc.id}/status`)
        .set('Authorization', clerk)
        .send({ status: 'rejected' })
        .expect(409);
      expect(refused.body).toMatchObject({ code: 'handling_status_refused', currentStatus: 'assigned', allowedStatuses: ['in_progress', 'done'] });
      expect(refused.body.message).toMatch(/Không thể chuyển/);
      const unchanged = (await request(t.http).get(`/api/incoming/${doc.id}`).set('Authorization', clerk)).body;
      expect(unchanged.handlingStatus).toBe('assigned');

      const sender = await deliveriesOf(planId);
      const stc = sender.recipients.find((r: { recipientId: string }) => r.recipientId === 'r-stc');
      for (const d of stc.deliveries)
        expect(d).toMatchObject({ status: 'acknowledged', handlingStatus: 'assigned', handlingStatusCode: '04', statusLabel: 'Đã nhận' });
      expect(sender.counts).toMatchObject({ acknowledged: 2, delivered: 6, ended: 8 });
      // the recipient does not see the sender's list
      await request(t.http).get(`/api/plans/${planId}/deliveries`).set('Authorization', clerk).expect(403);
      // the plan's audit trail holds the road and the receipts
      const history = (
        await request(t.http)
          .get(`/api/plans/${planId}/history`)
          .set('Authorization', await auth('bcd-duk.auditor'))
          .expect(200)
      ).body;
      const events = history.map((e: { event: string }) => e.event);
      expect(events).toEqual(expect.arrayContaining(['DISTRIBUTION_STARTED', 'DISTRIBUTED', 'INCOMING_ACKNOWLEDGED', 'INCOMING_HANDLING_REPORTED']));
      expect(events.indexOf('DISTRIBUTION_STARTED')).toBeLessThan(events.indexOf('DISTRIBUTED'));
      expect(
        history.filter((e: { event: string }) => e.event === 'INCOMING_HANDLING_REPORTED').map((e: { data: { to: string } }) => e.data.to),
      ).toEqual(['accepted', 'assigned']);
    });

    it('refuses to resend a delivery that arrived', async () => {
      const body = await deliveriesOf(planId);
      const delivered = body.recipients.find((r: { recipientId: string }) => r.recipientId === 'r-syt').deliveries[0];
      expect(delivered.canResend).toBe(false);
      const res = await request(t.http)
        .post(`/api/deliveries/${delivered.id}/resend`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .expect(409);
      expect(res.body.code).toBe('delivery_not_resendable');
    });

    it('exports an edXML package that parses back to the plan, its recipients and its PDF', async () => {
      const res = await request(t.http)
        .get(`/api/plans/${planId}/edxml`)
        .set('Authorization', await auth('db-stc.clerk'))
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/xml/);
      const xml = parseXmlStrict(res.text);
      const header = xml.getElementsByTagNameNS(EDXML_NAMESPACE, 'MessageHeader')[0];
      const texts = (name: string, root: Element | Document = header) =>
        Array.from(root.getElementsByTagNameNS(EDXML_NAMESPACE, name)).map((e) => e.textContent);
      const [codeNumber, codeNotation] = plan.numberSymbol.split(/-(.*)/s);
      expect(texts('CodeNumber')).toEqual([codeNumber]);
      expect(texts('CodeNotation')).toEqual([codeNotation]);
      expect(texts('PromulgationDate')).toEqual([plan.issuedOn]);
      expect(texts('Subject')).toEqual([plan.summary]);
      expect(texts('TypeName')).toEqual(['Kế hoạch']);
      expect(texts('FullName')).toEqual(['Bùi Quang Nhựt']);
      expect(texts('Function')).toEqual(['TRƯỞNG BAN CHỈ ĐẠO']);
      const from = header.getElementsByTagNameNS(EDXML_NAMESPACE, 'From')[0];
      expect(texts('OrganId', from)).toEqual(['bcd-duk']);
      const to = Array.from(header.getElementsByTagNameNS(EDXML_NAMESPACE, 'To')).map((e) => texts('OrganName', e)[0]);
      expect(to).toEqual([
        'Đảng ủy Sở Tài chính',
        'Đảng ủy Sở Y tế',
        'Đảng ủy Sở Giáo dục và Đào tạo',
        'Báo Bình Định',
        'Các đồng chí Ủy viên Ban Chỉ đạo',
      ]);
      expect(texts('BussinessDocType', xml)).toEqual(['0']);
      const encoded = xml.getElementsByTagName('ContentTransferEncoded')[0].textContent!;
      expect(Buffer.from(encoded.replace(/\s+/g, ''), 'base64').equals(pdf)).toBe(true);
      await request(t.http)
        .get(`/api/plans/${planId}/edxml`)
        .set('Authorization', await auth('ubnd-an.clerk'))
        .expect(404);
    });
  });

  it('SMTP down for the first attempts: the mail waits and retries, the inbox does not wait, and it arrives once when SMTP is back', async () => {
    await sink.stop();
    const planId = await createPlan(
      t,
      'bcd-duk.drafter',
      withFutureDeadlines(
        planContent({
          recipients: [line('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: orgs['db-stc'] }), line('r-luu', 'VP', { purpose: 'archive' })],
        }),
      ),
    );
    await signThroughApi(t, 'bcd-duk', planId);
    const failing = await eventually(async () => {
      const body = await deliveriesOf(planId);
      const mail = body.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'email');
      return mail.status === 'failed' && mail.attempts >= 2 ? body : undefined;
    }, 'the mail to fail twice');
    const mail = failing.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'email');
    expect(mail.lastError).toMatch(/ECONNREFUSED/);
    expect(mail.nextAttemptAt).not.toBeNull();
    expect(failing.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'inbox').status).toBe('delivered');
    // The start job moved it on; the mail keeps it from the end.
    expect(failing.state).toBe('distributing');

    await sink.start();
    const done = await untilEnded(planId);
    expect(done.counts).toMatchObject({ delivered: 3, dead: 0 });
    expect(done.state).toBe('distributed');
    expect(sink.mails.filter((m) => m.messageId === `<${mail.id}@kehoach>`)).toHaveLength(1);
  });

  it('a webhook answering 503 is retried with the same delivery id and the same signed body until it answers 200; the other deliveries do not wait', async () => {
    hook.status = 503;
    const planId = await createPlan(
      t,
      'bcd-duk.drafter',
      withFutureDeadlines(
        planContent({
          recipients: [
            line('r-sgd', 'Đảng ủy Sở Giáo dục và Đào tạo', { organizationId: orgs['db-sgd'] }),
            line('r-luu', 'VP', { purpose: 'archive' }),
          ],
        }),
      ),
    );
    await signThroughApi(t, 'bcd-duk', planId);
    const ofPlan = () => hook.requests.filter((r) => JSON.parse(r.body).plan.id === planId);
    const failing = await eventually(async () => {
      const body = await deliveriesOf(planId);
      const webhook = body.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'webhook');
      return webhook.status === 'failed' && ofPlan().length >= 2 ? body : undefined;
    }, 'the webhook to fail twice');
    const webhook = failing.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'webhook');
    expect(webhook.lastError).toMatch(/HTTP 503/);
    for (const d of failing.recipients[0].deliveries.filter((d: { channel: string }) => d.channel !== 'webhook')) expect(d.status).toBe('delivered');

    hook.status = 200;
    const done = await untilEnded(planId);
    expect(done.recipients[0].deliveries.find((d: { channel: string }) => d.channel === 'webhook').status).toBe('delivered');
    const requests = ofPlan();
    expect(new Set(requests.map((r) => r.headers['x-kehoach-delivery']))).toEqual(new Set([webhook.id]));
    expect(new Set(requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(requests.map((r) => r.headers['x-kehoach-signature'])).size).toBe(1);
  });

  it('SMTP down for good: the mail goes dead and the plan is distributed with it shown; the clerk resends after SMTP is back and it arrives once', async () => {
    await sink.stop();
    const planId = await createPlan(
      t,
      'bcd-duk.drafter',
      withFutureDeadlines(
        planContent({
          recipients: [
            line('r-bao', 'Báo Bình Định', { purpose: 'inform', email: 'banbientap@baobinhdinh.demo' }),
            line('r-luu', 'VP', { purpose: 'archive' }),
          ],
        }),
      ),
    );
    await signThroughApi(t, 'bcd-duk', planId);
    const ended = await untilEnded(planId);
    const dead = ended.recipients[0].deliveries[0];
    expect(dead).toMatchObject({ channel: 'email', status: 'dead', attempts: 4, statusLabel: 'Gửi không thành công', canResend: true });
    expect(ended.counts).toMatchObject({ total: 2, dead: 1, delivered: 1, ended: 2, percent: 100 });
    expect(ended.state).toBe('distributed');

    await sink.start();
    await request(t.http)
      .post(`/api/deliveries/${dead.id}/resend`)
      .set('Authorization', await auth('bcd-duk.drafter'))
      .expect(403);
    await request(t.http)
      .post(`/api/deliveries/${dead.id}/resend`)
      .set('Authorization', await auth('db-stc.clerk'))
      .expect(404);
    const resent = (
      await request(t.http)
        .post(`/api/deliveries/${dead.id}/resend`)
        .set('Authorization', await auth('bcd-duk.clerk'))
        .expect(200)
    ).body;
    expect(resent).toMatchObject({ status: 'queued', attempts: 0 });
    const after = await untilEnded(planId);
    expect(after.recipients[0].deliveries[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    expect(sink.mails.filter((m) => m.messageId === `<${dead.id}@kehoach>`)).toHaveLength(1);
    expect(after.state).toBe('distributed');
    const history = (
      await request(t.http)
        .get(`/api/plans/${planId}/history`)
        .set('Authorization', await auth('bcd-duk.auditor'))
        .expect(200)
    ).body;
    const distributed = history.find((e: { event: string }) => e.event === 'DISTRIBUTED');
    expect(distributed.data.deliveries).toEqual({ total: 2, delivered: 1, acknowledged: 0, dead: 1 });
    const resend = history.find((e: { event: string }) => e.event === 'DELIVERY_RESENT');
    expect(resend).toMatchObject({ actorName: expect.any(String), data: { deliveryId: dead.id, previousStatus: 'dead', channel: 'email' } });
  });
});
