import request from 'supertest';
import { DataSource } from 'typeorm';
import { Plan } from '@app/plans';
import { BrowserSession, PHONE } from '../../support/browser-user';
import { signThroughApi } from '../../support/issued-plan';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor } from '../../support/workflow-client';

/**
 * What a newcomer sees who starts the demo and walks the 2024 plan of the Ban Chỉ đạo to its
 * signature: the plan goes to the bodies its "Nơi nhận" names (their inboxes, and by e-mail to
 * the demo mail sink, readable on "Hộp thư thử nghiệm"), and the Party bodies under the Đảng ủy
 * Khối get their implementing drafts.
 */
describe('demo: a demo plan walked from SUBMIT to issuance reaches its recipients and their child plans', () => {
  let t: TestApp;
  let db: DataSource;
  let planId: string;
  let plan: Plan;
  const orgId = async (code: string) => (await db.query(`SELECT id FROM organization WHERE code = $1`, [code]))[0].id as string;

  beforeAll(async () => {
    // DEMO=1 loads the demo plans (dated by the application's clock) and starts the mail sink.
    t = await createTestApp({ demo: true, env: { DEMO: '1', PUBLIC_URL: 'http://kehoach.test' } });
    db = t.app.get(DataSource);
    const rows = await db.query(
      `SELECT p.id FROM plan p JOIN organization o ON o.id = p.organization_id WHERE o.code = 'bcd-duk' AND p.summary LIKE 'triển khai một số nhiệm vụ trọng tâm%'`,
    );
    expect(rows).toHaveLength(1);
    planId = rows[0].id;
  }, 120_000);
  afterAll(() => t?.close());

  it('loads the 2023 draft under the Ban Chỉ đạo of thị xã Đức Phổ, its own issuer, with its recipients bound', async () => {
    const [draft] = await db.query(
      `SELECT p.id, o.full_name AS org FROM plan p JOIN organization o ON o.id = p.organization_id WHERE p.summary LIKE 'thực hiện Quy chế dân chủ ở cơ sở năm %'`,
    );
    expect(draft.org).toBe('Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở thị xã Đức Phổ');
    const content = (
      await request(t.http)
        .get(`/api/plans/${draft.id}`)
        .set('Authorization', `Bearer ${await t.token('bcd-dp.drafter')}`)
        .expect(200)
    ).body.content;
    expect(content.place).toBeNull();
    const bound = content.recipients
      .filter((r: { organizationId: string | null }) => r.organizationId)
      .map((r: { name: string; mustImplement: boolean }) => [r.name, r.mustImplement]);
    expect(bound).toEqual([
      ['Thường trực Thị ủy', false],
      ['Ban Chỉ đạo phường Phổ Ninh', true],
      ['Ban Chỉ đạo xã Phổ Châu', true],
    ]);
    expect(content.signature).toMatchObject({
      capacityLines: ['PHÓ BÍ THƯ THƯỜNG TRỰC', 'kiêm', 'TRƯỞNG BAN CHỈ ĐẠO'],
      signerUserId: expect.any(String),
    });
  });

  it('gives every demo plan dates that pass the format check today', async () => {
    const plans: { id: string; code: string }[] = await db.query(
      `SELECT p.id, o.code FROM plan p JOIN organization o ON o.id = p.organization_id WHERE p.created_by_id IN (SELECT id FROM app_user WHERE username = o.code || '.drafter') ORDER BY o.code`,
    );
    expect(plans.map((p) => p.code)).toEqual(['bcd-dp', 'bcd-duk', 'ubnd-nh']);
    for (const plan of plans) {
      const check = (
        await request(t.http)
          .get(`/api/plans/${plan.id}/check`)
          .set('Authorization', `Bearer ${await t.token(`${plan.code}.drafter`)}`)
          .expect(200)
      ).body;
      expect({ code: plan.code, errors: check.errors }).toEqual({ code: plan.code, errors: [] });
    }
  });

  it('lets the drafter submit the 2024 demo plan today, and the signer sign it: it is issued', async () => {
    const check = (
      await request(t.http)
        .get(`/api/plans/${planId}/check`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
        .expect(200)
    ).body;
    expect(check.errors).toEqual([]);
    plan = await signThroughApi(t, 'bcd-duk', planId);
    expect(plan.numberSymbol).toMatch(/^\d{2}-KH\/BCĐ$/);
  }, 180_000);

  it('distributes to the inboxes of the bound bodies and, by e-mail, to the demo mail sink; the plan ends distributed', async () => {
    const done = await waitFor(
      'the distribution',
      () => db.getRepository(Plan).findOneByOrFail({ id: planId }),
      (p) => p.state === 'distributed',
      120_000,
    );
    expect(done.state).toBe('distributed');
    const deliveries: { channel: string; status: string; target: string; code: string | null }[] = await db.query(
      `SELECT d.channel, d.status, d.target, o.code FROM delivery d LEFT JOIN organization o ON o.id = d.organization_id WHERE d.plan_id = $1 ORDER BY d.channel, o.code`,
      [planId],
    );
    expect(deliveries.every((d) => d.status === 'delivered')).toBe(true);
    expect(deliveries.filter((d) => d.channel === 'inbox').map((d) => d.code)).toEqual(['db-sgd', 'db-stc', 'db-syt', 'duk-bd']);
    const mailed = deliveries
      .filter((d) => d.channel === 'email')
      .map((d) => d.target)
      .sort();
    expect(mailed).toEqual(['danguy@sgd.binhdinh.demo', 'danguy@stc.binhdinh.demo', 'danguy@syt.binhdinh.demo', 'danguykhoi@binhdinh.demo']);

    for (const code of ['duk-bd', 'db-stc', 'db-syt', 'db-sgd']) {
      const inbox = (
        await request(t.http)
          .get('/api/incoming')
          .set('Authorization', `Bearer ${await t.token(`${code}.clerk`)}`)
          .expect(200)
      ).body;
      expect(inbox.items.filter((i: { planId: string }) => i.planId === planId)).toHaveLength(1);
    }
    const mails: {
      recipients: string[];
      subject: string;
      attachments: { fileName: string; contentType: string; size: number }[];
      text_body: string;
    }[] = await db.query(`SELECT recipients, subject, attachments, text_body FROM demo_mail ORDER BY recipients[1]`);
    expect(mails.map((m) => m.recipients[0])).toEqual(mailed);
    for (const mail of mails) {
      expect(mail.subject).toContain(plan.numberSymbol!);
      expect(mail.attachments).toEqual([
        { fileName: `${plan.numberSymbol!.replace('/', '-')}.pdf`, contentType: 'application/pdf', size: expect.any(Number) },
      ]);
      expect(mail.attachments[0].size).toBeGreaterThan(10_000);
      expect(mail.text_body).toContain(`http://kehoach.test/plans/${planId}`);
    }
  }, 180_000);

  it('creates the implementing drafts at the three Party bodies under the Đảng ủy Khối', async () => {
    const children = await waitFor(
      'the child plans',
      () =>
        db.query(`SELECT o.code, p.state FROM plan p JOIN organization o ON o.id = p.organization_id WHERE p.parent_plan_id = $1 ORDER BY o.code`, [
          planId,
        ]),
      (rows: unknown[]) => rows.length === 3,
      60_000,
    );
    expect(children).toEqual([
      { code: 'db-sgd', state: 'draft' },
      { code: 'db-stc', state: 'draft' },
      { code: 'db-syt', state: 'draft' },
    ]);
    expect(await orgId('db-stc')).toEqual(expect.any(String));
  });

  it('shows the mails on "Hộp thư thử nghiệm" to an administrator, at desktop and phone widths, and to nobody else', async () => {
    const browser = await BrowserSession.start(t, 'demo-mail');
    try {
      const admin = await browser.person('admin');
      await admin.login('tu-bd.admin');
      const menu = await admin.page.$$eval('nav[aria-label="Điều hướng chính"] a', (links) => links.map((a) => a.textContent?.trim()));
      expect(menu).toContain('Hộp thư thử nghiệm');
      expect(await admin.open('/demo-mail', 'hop-thu')).toBe(200);
      expect(await admin.text('h1')).toBe('Hộp thư thử nghiệm');
      expect(await admin.text()).toContain('danguy@stc.binhdinh.demo');
      await admin.docShot('hop-thu-thu-nghiem');
      expect(await admin.clickAndWait('.mail-table a', 'thu')).toBe(200);
      expect(await admin.text()).toContain(plan.numberSymbol!);
      expect(await admin.text()).toContain(`${plan.numberSymbol!.replace('/', '-')}.pdf`);
      const pdfHref = await admin.page.$eval('a[href*="/attachments/0"]', (a) => a.getAttribute('href')!);
      const pdf = await admin.page.evaluate(async (href) => {
        const res = await fetch(href);
        return { status: res.status, type: res.headers.get('content-type'), head: new TextDecoder().decode((await res.arrayBuffer()).slice(0, 5)) };
      }, pdfHref);
      expect(pdf).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
      expect(admin.pageErrors).toEqual([]);

      const phone = await browser.person('admin-phone', PHONE);
      await phone.login('tu-bd.admin');
      expect(await phone.open('/demo-mail', 'hop-thu-dien-thoai')).toBe(200);
      expect(await phone.overflowing()).toEqual([]);
      await phone.docShot('dien-thoai-hop-thu-thu-nghiem');

      const clerk = await browser.person('clerk');
      await clerk.login('bcd-duk.clerk');
      expect(await clerk.open('/demo-mail', 'hop-thu-bi-tu-choi')).toBe(403);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
