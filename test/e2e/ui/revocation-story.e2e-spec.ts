import { DataSource } from 'typeorm';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { IMPLEMENTERS, issuePlanWithChildren, IssuedPlanWithChildren } from '../../support/revocation-fixture';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor } from '../../support/workflow-client';

const REASON = 'Ban hành không đúng thẩm quyền';
const DECISION = '15-QĐ/ĐUK';

/**
 * The revocation as people see it (in Chromium, at 1280 and 390 px): the Ban Chỉ đạo's signer
 * revokes an issued plan whose children are under way; each recipient committee's clerk finds
 * the copy marked "Đã thu hồi" in "Văn bản đến" and confirms the notice; the children show
 * what became of them; the register and the tree show the revocation.
 */
describe('web UI: revoking an issued plan (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let issued: IssuedPlanWithChildren;
  const people: BrowserUser[] = [];
  const db = () => t.app.get(DataSource);

  const person = async (username: string, viewport?: typeof PHONE) => {
    const user = await browser.person(`${username.replace(/\./g, '-')}${viewport ? '-390' : ''}`, viewport);
    await user.login(username);
    // The revocation form asks before it acts; the person says yes.
    user.page.on('dialog', (dialog) => void dialog.accept());
    people.push(user);
    return user;
  };
  /** Nothing sticks out of a phone's screen. */
  const fitsPhone = async (user: BrowserUser) => expect(await user.overflowing()).toEqual([]);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    issued = await issuePlanWithChildren(t);
    browser = await BrowserSession.start(t, 'revocation');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    for (const user of people) expect(user.pageErrors).toEqual([]);
  });

  it('the signer revokes the plan from its page, with the reason, the decision and the password', async () => {
    const phone = await person('bcd-duk.signer', PHONE);
    await phone.open(`/plans/${issued.planId}`, 'ke-hoach-da-phat-hanh');
    expect(await phone.text()).toContain('Thu hồi văn bản');
    await fitsPhone(phone);

    const signer = await person('bcd-duk.signer');
    await signer.open(`/plans/${issued.planId}`, 'ke-hoach-da-phat-hanh');
    await signer.page.click('details.action-details summary::-p-text(Thu hồi văn bản)');
    await signer.fill('Lý do thu hồi', REASON);
    await signer.fill('Số quyết định thu hồi (nếu có)', DECISION);
    await signer.fill('Nhập lại mật khẩu để xác nhận', 'demo1234');
    await signer.shot('form-thu-hoi');
    await signer.clickText('Thu hồi', 'da-thu-hoi');
    const page = await signer.text();
    expect(page).toContain('Đã thu hồi văn bản. Hệ thống đang thông báo thu hồi đến mọi nơi đã nhận.');
    expect(page).toContain(`theo Quyết định số ${DECISION}`);
    expect(page).toContain(`Lý do: ${REASON}`);
    expect(page).not.toContain('Thu hồi văn bản\n');
    expect((await db().query(`SELECT state FROM plan WHERE id = $1`, [issued.planId]))[0].state).toBe('revoked');

    await phone.open(`/plans/${issued.planId}`, 'da-thu-hoi');
    expect(await phone.text()).toContain('Đã thu hồi');
    await fitsPhone(phone);

    // The history: the event with its reason, and the statechart with the transition taken.
    for (const user of [signer, phone]) {
      await user.open(`/plans/${issued.planId}/history`, 'lich-su');
      const history = await user.text();
      expect(history).toContain('Thu hồi');
      expect(history).toContain(REASON);
      expect(await user.page.$$eval('svg text', (texts) => texts.map((t) => t.textContent))).toContain('Đã thu hồi');
    }
    await fitsPhone(phone);
  });

  it("each recipient's clerk finds the copy revoked and confirms the notice", async () => {
    // Every notice out (through each channel that delivered the plan) before the clerks look.
    const notices = await waitFor(
      'the revocation notices',
      () =>
        db().query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE status = 'delivered')::int AS delivered FROM delivery WHERE plan_id = $1 AND purpose = 'revocation'`,
          [issued.planId],
        ),
      (rows) => rows[0].total >= IMPLEMENTERS.length && rows[0].delivered === rows[0].total,
      60_000,
    );
    const total = notices[0].total as number;
    for (const code of IMPLEMENTERS) {
      const clerk = await person(`${code}.clerk`);
      await clerk.open('/incoming', 'van-ban-den-da-thu-hoi');
      const text = await clerk.text();
      expect(text).toContain('Đã thu hồi');
      expect(text).toContain(`Lý do: ${REASON}`);
      expect(text).toContain('Chưa xác nhận thông báo thu hồi');
      await clerk.clickText('Xác nhận đã nhận thông báo thu hồi', 'da-xac-nhan-thu-hoi');
      expect(await clerk.text()).toContain('Đã nhận thông báo thu hồi');
    }
    const phone = await person('db-stc.clerk', PHONE);
    await phone.open('/incoming', 'van-ban-den-da-thu-hoi');
    await fitsPhone(phone);
    // The sender's board: how far the notices went, and the receipts.
    for (const viewport of [undefined, PHONE]) {
      const clerk = await person('bcd-duk.clerk', viewport);
      await clerk.open(`/plans/${issued.planId}/distribution`, 'tinh-hinh-thong-bao-thu-hoi');
      expect(await clerk.text()).toContain(`Thông báo thu hồi: đã xong ${total}/${total} (100%), đã xác nhận đã nhận ${total}`);
      if (viewport) await fitsPhone(clerk);
    }
    const receipts = await db().query(
      `SELECT count(*)::int AS n FROM incoming_document WHERE plan_id = $1 AND revocation_acknowledged_at IS NOT NULL`,
      [issued.planId],
    );
    expect(receipts[0].n).toBe(IMPLEMENTERS.length);
  });

  it('the children: those on their road cancelled, the issued one flagged for its committee', async () => {
    for (const code of ['db-syt', 'db-sgd'] as const) {
      const drafter = await person(`${code}.drafter`);
      await drafter.open(`/plans/${issued.children[code]}`, 'ke-hoach-con-bi-huy');
      const text = await drafter.text();
      expect(text).toContain('Đã hủy');
      expect(text).toContain('Văn bản cấp trên đã bị thu hồi');
    }
    const drafter = await person('db-stc.drafter');
    await drafter.open(`/plans/${issued.children['db-stc']}`, 'ke-hoach-con-da-phat-hanh');
    const text = await drafter.text();
    expect(text).toContain('Văn bản cấp trên đã bị thu hồi');
    expect(text).toContain('Đề nghị đơn vị xem xét kế hoạch này.');
    const phone = await person('db-stc.drafter', PHONE);
    await phone.open(`/plans/${issued.children['db-stc']}`, 'ke-hoach-con-da-phat-hanh');
    await fitsPhone(phone);
  });

  it('the register keeps the line with the revocation; the tree shows it', async () => {
    for (const viewport of [undefined, PHONE]) {
      const clerk = await person('bcd-duk.clerk', viewport);
      await clerk.open(`/register?org=${issued.orgs['bcd-duk']}`, 'so-van-ban-di');
      const register = await clerk.text();
      expect(register).toContain('Thu hồi');
      expect(register).toContain(`QĐ số ${DECISION}`);
      expect(register).toContain(REASON);
      await clerk.open(`/plans/${issued.planId}/cascade`, 'cay-trien-khai');
      const tree = await clerk.text();
      expect(tree).toContain('Đã thu hồi');
      expect(tree).toContain('Đã hủy');
      if (viewport) await fitsPhone(clerk);
    }
  });
});
