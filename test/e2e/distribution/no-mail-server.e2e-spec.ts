import request from 'supertest';
import { DataSource } from 'typeorm';
import { recipientLine } from '@app/plans';
import { BrowserSession } from '../../support/browser-user';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor, withFutureDeadlines } from '../../support/workflow-client';

/** Outside demo mode and without SMTP_URL, e-mail is no channel: nothing is attempted that can only fail. */
describe('distribution without a mail server', () => {
  let t: TestApp;
  let db: DataSource;

  const line = recipientLine;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { DEMO: '0' } });
    db = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  it('plans no e-mail for organizations with an address nor for a free-text address; the plan is distributed at once; the board says so once', async () => {
    const [stc] = await db.query(`SELECT id, email FROM organization WHERE code = 'db-stc'`);
    expect(stc.email).toBeTruthy();
    const planId = await createPlan(
      t,
      'bcd-duk.drafter',
      withFutureDeadlines(
        planContent({
          recipients: [
            line('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: stc.id }),
            line('r-bao', 'Báo Bình Định', { purpose: 'inform', email: 'banbientap@baobinhdinh.demo' }),
            line('r-luu', 'VP', { purpose: 'archive' }),
          ],
        }),
      ),
    );
    await signThroughApi(t, 'bcd-duk', planId);
    const done = await waitFor(
      'the distribution',
      () => db.query(`SELECT state FROM plan WHERE id = $1`, [planId]),
      (rows: { state: string }[]) => rows[0].state === 'distributed',
      60_000,
    );
    expect(done[0].state).toBe('distributed');
    const deliveries: { channel: string; status: string; attempts: number }[] = await db.query(
      `SELECT channel, status, attempts FROM delivery WHERE plan_id = $1 ORDER BY channel::text`,
      [planId],
    );
    expect(deliveries).toEqual([
      { channel: 'archive', status: 'delivered', attempts: 1 },
      { channel: 'inbox', status: 'delivered', attempts: 1 },
    ]);
    expect(Number((await db.query(`SELECT count(*)::int AS n FROM demo_mail`))[0].n)).toBe(0);

    const browser = await BrowserSession.start(t, 'no-mail-server');
    try {
      const clerk = await browser.person('clerk');
      await clerk.login('bcd-duk.clerk');
      expect(await clerk.open(`/plans/${planId}/distribution`, 'phat-hanh-khong-thu')).toBe(200);
      const notices = await clerk.page.$$eval('#mail-notice', (nodes) => nodes.map((n) => n.textContent?.trim()));
      expect(notices).toHaveLength(1);
      expect(notices[0]).toContain('Văn bản đến');
      expect(notices[0]).not.toMatch(/SMTP|MAIL|_URL/);
      const menu = await clerk.page.$$eval('nav[aria-label="Điều hướng chính"] a', (links) => links.map((a) => a.textContent?.trim()));
      expect(menu).not.toContain('Hộp thư thử nghiệm');
      const admin = await browser.person('admin');
      await admin.login('tu-bd.admin');
      // No demo, no mail sink page.
      expect(await admin.open('/demo-mail', 'khong-co-hop-thu')).toBe(404);
    } finally {
      await browser.close();
    }
    const board = (
      await request(t.http)
        .get(`/api/plans/${planId}/deliveries`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.clerk')}`)
        .expect(200)
    ).body;
    expect(board.counts).toMatchObject({ total: 2, ended: 2 });
  }, 180_000);
});
