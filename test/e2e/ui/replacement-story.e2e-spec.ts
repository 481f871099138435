import request from 'supertest';
import { DataSource } from 'typeorm';
import { archiveRecipient, recipientLine } from '@app/plans';
import { VerificationCodesService } from '@app/verification';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor, withFutureDeadlines } from '../../support/workflow-client';

/**
 * The replacement as people see it (in Chromium, at 1280 and 390 px): the Ban Chỉ đạo's drafter
 * presses "Soạn văn bản thay thế" on an issued plan and lands in the editor of a new draft that
 * cites it; the draft walks the road; then the old plan's page says by which plan it was
 * replaced, its history and statechart show the transition, the recipient's clerk finds the
 * copy replaced in "Văn bản đến", the register shows both lines, and the public verification
 * page of the old plan says it is no longer in force.
 */
describe('web UI: replacing an issued plan (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;
  let oldNumber: string;
  let replacementId: string;
  let newNumber: string;
  let orgs: Record<string, string>;
  const people: BrowserUser[] = [];
  const db = () => t.app.get(DataSource);
  const stateOf = async (id: string): Promise<string> => (await db().query(`SELECT state FROM plan WHERE id = $1`, [id]))[0].state;

  const person = async (username: string, viewport?: typeof PHONE) => {
    const user = await browser.person(`${username.replace(/\./g, '-')}${viewport ? '-390' : ''}`, viewport);
    await user.login(username);
    people.push(user);
    return user;
  };
  /** Nothing sticks out of a phone's screen. */
  const fitsPhone = async (user: BrowserUser) => expect(await user.overflowing()).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const admin = `Bearer ${await t.token('tu-bd.admin')}`;
    orgs = {};
    for (const org of (await request(t.http).get('/api/organizations').set('Authorization', admin)).body) orgs[org.code] = org.id;
    const content = planContent({
      recipients: [recipientLine('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: orgs['db-stc'] }), archiveRecipient('r-luu', 'VP, BTGĐUK')],
    });
    planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(content));
    oldNumber = (await signThroughApi(t, 'bcd-duk', planId)).numberSymbol!;
    await waitFor(
      'the plan to be distributed',
      () => stateOf(planId),
      (s) => s === 'distributed',
      60_000,
    );
    browser = await BrowserSession.start(t, 'replacement');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    for (const user of people) expect(user.pageErrors).toEqual([]);
  });

  it('the drafter presses "Soạn văn bản thay thế" and gets a new draft that cites the issued plan', async () => {
    const phone = await person('bcd-duk.drafter', PHONE);
    await phone.open(`/plans/${planId}`, 'ke-hoach-da-phat-hanh');
    expect(await phone.text()).toContain('Soạn văn bản thay thế');
    await fitsPhone(phone);
    // the clerk reads the plan but does not draft: no button
    const clerk = await person('bcd-duk.clerk');
    await clerk.open(`/plans/${planId}`, 'ke-hoach-da-phat-hanh-van-thu');
    expect(await clerk.text()).not.toContain('Soạn văn bản thay thế');

    const drafter = await person('bcd-duk.drafter');
    await drafter.open(`/plans/${planId}`, 'ke-hoach-da-phat-hanh');
    expect(await drafter.clickText('Soạn văn bản thay thế', 'du-thao-thay-the')).toBe(200);
    expect(await drafter.text('body')).toContain('Đã tạo dự thảo văn bản thay thế từ nội dung đã ban hành.');
    const match = /\/plans\/([0-9a-f-]{36})\/edit/.exec(drafter.page.url());
    expect(match).not.toBeNull();
    replacementId = match![1];
    expect(replacementId).not.toBe(planId);

    await drafter.open(`/plans/${replacementId}`, 'du-thao-thay-the-trang');
    const page = await drafter.text();
    expect(page).toContain('Dự thảo');
    expect(page).toContain(`Thay thế Kế hoạch số ${oldNumber}`);
    expect(page).toContain(`Kế hoạch này thay thế Kế hoạch số ${oldNumber} ngày`);
    // the issued plan's page now points to the replacement under way, and offers no second one
    await drafter.open(`/plans/${planId}`, 'ke-hoach-dang-co-van-ban-thay-the');
    const old = await drafter.text();
    expect(old).toContain('Văn bản thay thế đang soạn');
    expect(old).not.toContain('Soạn văn bản thay thế');
  });

  it('once the replacement is issued, the old plan says by which plan it was replaced; its history and statechart show it', async () => {
    newNumber = (await signThroughApi(t, 'bcd-duk', replacementId)).numberSymbol!;
    await waitFor(
      'the old plan to be replaced',
      () => stateOf(planId),
      (s) => s === 'replaced',
      60_000,
    );
    for (const viewport of [undefined, PHONE]) {
      const clerk = await person('bcd-duk.clerk', viewport);
      await clerk.open(`/plans/${planId}`, 'da-duoc-thay-the');
      const text = await clerk.text();
      expect(text).toContain('Đã được thay thế');
      expect(text).toContain(`bởi Kế hoạch số ${newNumber}`);
      expect(text).not.toContain('Soạn văn bản thay thế');
      await clerk.open(`/plans/${replacementId}`, 'van-ban-thay-the');
      expect(await clerk.text()).toContain(`Thay thế Kế hoạch số ${oldNumber}`);
      await clerk.open(`/plans/${planId}/history`, 'lich-su');
      const history = await clerk.text();
      expect(history).toContain('Soạn văn bản thay thế');
      expect(history).toContain('Được thay thế bằng văn bản mới');
      expect(await clerk.page.$$eval('svg text', (texts) => texts.map((t) => t.textContent))).toContain('Đã được thay thế');
      if (viewport) await fitsPhone(clerk);
    }
  });

  it("the recipient's clerk finds the old copy replaced in Văn bản đến; the register shows both lines", async () => {
    await waitFor(
      'the replacement notices',
      () =>
        db().query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'delivered')::int AS delivered FROM delivery WHERE plan_id = $1 AND purpose = 'replacement'`,
          [planId],
        ),
      (rows) => rows[0].total >= 1 && rows[0].delivered === rows[0].total,
      60_000,
    );
    const recipient = await person('db-stc.clerk');
    await recipient.open('/incoming', 'van-ban-den-da-duoc-thay-the');
    const incoming = await recipient.text();
    expect(incoming).toContain(`Đã được thay thế bởi văn bản số ${newNumber}`);
    expect(incoming).toContain('Xem văn bản thay thế');

    for (const viewport of [undefined, PHONE]) {
      const clerk = await person('bcd-duk.clerk', viewport);
      await clerk.open(`/register?org=${orgs['bcd-duk']}`, 'so-van-ban-di');
      const register = await clerk.text();
      expect(register).toContain(`bởi số ${newNumber}`);
      expect(register).toContain(`Thay thế số ${oldNumber}`);
      if (viewport) await fitsPhone(clerk);
    }
  });

  it('the public verification page of the old plan says it was replaced, and by which number', async () => {
    const code = await t.app.get(VerificationCodesService).codeFor(db().manager, planId);
    for (const viewport of [undefined, PHONE]) {
      const reader = await browser.person(`nguoi-doc${viewport ? '-390' : ''}`, viewport);
      people.push(reader);
      await reader.open(`/v/${code}`, 'trang-kiem-tra');
      const text = await reader.text('body');
      expect(text).toContain(`Đã được thay thế bởi Kế hoạch số ${newNumber}`);
      expect(text).toContain('văn bản này không còn hiệu lực');
      if (viewport) await fitsPhone(reader);
    }
  });
});
