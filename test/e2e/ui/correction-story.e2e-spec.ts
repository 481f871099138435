import { DataSource } from 'typeorm';
import { Plan, recipientLine, archiveRecipient } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { signThroughApi } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { waitFor, withFutureDeadlines } from '../../support/workflow-client';

/**
 * Đính chính as people do it (in Chromium, at 1280 and 390 px): on an issued plan's page the
 * drafter opens "Soạn văn bản đính chính", adds and removes rows (Vị trí, Đã in là, Nay sửa lại
 * là), is told when a text is not in the plan, creates the Thông báo đính chính and sends it to
 * the signer; the signer signs, the clerk numbers and issues it; then the original's page, its
 * history and its public verification page lead to it.
 */
describe('web UI: correcting an issued plan (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;
  let noticeId: string;
  let numberSymbol: string;
  const people: BrowserUser[] = [];
  const db = () => t.app.get(DataSource);
  const row = (id: string) => db().manager.findOneByOrFail(Plan, { id });

  const person = async (username: string, viewport?: typeof PHONE) => {
    const user = await browser.person(`${username.replace(/\./g, '-')}${viewport ? '-390' : ''}`, viewport);
    await user.login(username);
    people.push(user);
    return user;
  };
  /** Types into one row's field: the rows repeat their labels, so the field is found by its id. */
  const type = async (user: BrowserUser, id: string, value: string) => {
    await user.page.click(`[id="${id}"]`, { count: 3 });
    await user.page.$eval(`[id="${id}"]`, (el) => {
      (el as HTMLInputElement).value = '';
    });
    await user.page.type(`[id="${id}"]`, value);
  };
  const rowsShown = (user: BrowserUser) => user.page.$$eval('fieldset.correction-row', (rows) => rows.length);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const orgs: Record<string, string> = {};
    for (const org of await db().query(`SELECT id, code FROM organization`)) orgs[org.code] = org.id;
    planId = await createPlan(
      t,
      'bcd-duk.drafter',
      withFutureDeadlines(
        planContent({
          recipients: [recipientLine('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: orgs['db-stc'] }), archiveRecipient('r-luu', 'VP, BTGĐUK')],
        }),
      ),
    );
    await signThroughApi(t, 'bcd-duk', planId);
    await waitFor(
      'the plan to be distributed',
      () => row(planId),
      (p) => p.state === 'distributed',
      60_000,
    );
    browser = await BrowserSession.start(t, 'correction');
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    for (const user of people) expect(user.pageErrors).toEqual([]);
  });

  it('the drafter opens the form from the issued plan, adds and removes rows, is told what is not in the plan, creates the notice', async () => {
    const drafter = await person('bcd-duk.drafter');
    await drafter.open(`/plans/${planId}`, 'ke-hoach-da-ban-hanh');
    expect(await drafter.clickText('Soạn văn bản đính chính', 'form-dinh-chinh')).toBe(200);
    expect(await drafter.text('h1')).toBe('Soạn Thông báo đính chính');
    expect(await drafter.unlabeled()).toEqual([]);
    await type(drafter, 'f-items.0.where', 'Mục I');
    await type(drafter, 'f-items.0.wrong', 'Phát huy quyền làm chủ của Nhân dân');
    await type(drafter, 'f-items.0.right', 'Phát huy quyền làm chủ của Nhân dân trên địa bàn');
    expect(await drafter.clickText('Thêm dòng', 'them-dong')).toBe(200);
    expect(await rowsShown(drafter)).toBe(2);
    // what was typed in the first row is still there
    expect(await drafter.page.$eval('[id="f-items.0.right"]', (el) => (el as HTMLTextAreaElement).value)).toBe(
      'Phát huy quyền làm chủ của Nhân dân trên địa bàn',
    );
    await type(drafter, 'f-items.1.where', 'Mục II, điểm 1');
    await type(drafter, 'f-items.1.wrong', 'Một câu không có trong kế hoạch');
    await type(drafter, 'f-items.1.right', 'Câu đúng');
    expect(await drafter.clickText('Tạo dự thảo đính chính', 'loi-khong-tim-thay')).toBe(422);
    expect(await drafter.text('[role="alert"]')).toContain('Dòng 2, đã in là: không tìm thấy "Một câu không có trong kế hoạch"');
    expect(await drafter.text('#row-1')).toContain('Không tìm thấy');
    expect(await db().query(`SELECT id FROM plan WHERE corrects_plan_id = $1`, [planId])).toEqual([]);
    expect(await drafter.clickText('Xóa dòng 2', 'xoa-dong')).toBe(200);
    expect(await rowsShown(drafter)).toBe(1);
    expect(await drafter.clickText('Tạo dự thảo đính chính', 'du-thao-dinh-chinh')).toBe(200);
    noticeId = drafter.page.url().match(/\/plans\/([0-9a-f-]{36})$/)![1];
    const page = await drafter.text();
    expect(page).toContain('Đã tạo dự thảo văn bản đính chính');
    const original = await row(planId);
    expect(page).toContain(`đính chính Kế hoạch số ${original.numberSymbol}`);
    expect(page).toContain('Nay sửa lại là');

    // the same form at a phone's width: nothing sticks out, every field named
    const phone = await person('bcd-duk.drafter', PHONE);
    await phone.open(`/plans/${planId}/corrections/new`, 'form-dinh-chinh');
    expect(await phone.overflowing()).toEqual([]);
    expect(await phone.unlabeled()).toEqual([]);
  });

  it('the drafter sends it to the signer (no review), the signer signs, the clerk numbers and issues it', async () => {
    const drafter = await person('bcd-duk.drafter');
    await drafter.open(`/plans/${noticeId}`, 'du-thao-dinh-chinh');
    expect(await drafter.clickText('Trình ký', 'da-trinh-ky')).toBe(200);
    expect((await row(noticeId)).state).toBe('awaitingSignature');
    expect(await drafter.text('.alert-ok')).toContain('Đã trình ký');

    const signer = await person('bcd-duk.signer');
    await signer.open(`/plans/${noticeId}/sign`, 'ky-dinh-chinh');
    expect(await signer.text()).toContain('THÔNG BÁO');
    await signer.fill('Nhập lại mật khẩu để xác nhận', 'demo1234');
    expect(await signer.clickText('Ký ban hành', 'da-ky')).toBe(200);
    expect((await row(noticeId)).state).toBe('awaitingIssue');

    const clerk = await person('bcd-duk.clerk');
    await clerk.open(`/plans/${noticeId}/issue`, 'cap-so-dinh-chinh');
    expect((await clerk.text('[data-next-number]')).trim()).toBe('01-TB/BCĐ');
    expect(await clerk.text('.issue-card')).toContain('Sổ Thông báo');
    expect(await clerk.clickText('Cấp số và ban hành', 'da-cap-so')).toBe(200);
    await clerk.page.waitForSelector('[data-issued]:not([hidden])', { timeout: 90_000 });
    numberSymbol = (await clerk.text('[data-number]')).trim();
    expect(numberSymbol).toBe('01-TB/BCĐ');
  });

  it('the original\u2019s page, its history and its verification page lead to the notice; the notice says what it corrects', async () => {
    const notice = await waitFor(
      'the notice to be distributed',
      () => row(noticeId),
      (p) => p.state === 'distributed',
      60_000,
    );
    for (const viewport of [undefined, PHONE]) {
      const drafter = await person('bcd-duk.drafter', viewport);
      await drafter.open(`/plans/${planId}`, 'ke-hoach-da-dinh-chinh');
      const page = await drafter.text();
      expect(page).toContain(`Đã đính chính bởi Thông báo số ${numberSymbol} ngày`);
      expect(await drafter.page.$eval('.corrected-banner a', (a) => a.getAttribute('href'))).toBe(`/plans/${noticeId}`);
      if (viewport) expect(await drafter.overflowing()).toEqual([]);
      await drafter.open(`/plans/${planId}/history`, 'lich-su-ke-hoach');
      expect(await drafter.text()).toContain(`Đã đính chính bởi Thông báo số ${numberSymbol}`);
      if (viewport) expect(await drafter.overflowing()).toEqual([]);
    }
    const drafter = await person('bcd-duk.drafter');
    await drafter.open(`/plans/${noticeId}`, 'thong-bao-dinh-chinh');
    const original = await row(planId);
    expect(await drafter.text('.corrects-banner')).toContain(`đính chính Kế hoạch số ${original.numberSymbol}`);
    expect(notice.numberSymbol).toBe(numberSymbol);

    // the public page of the original, as anyone holding the paper opens it
    const [{ code }] = await db().query(`SELECT code FROM plan_verification WHERE plan_id = $1`, [planId]);
    const reader = await browser.person('nguoi-doc', PHONE);
    expect(await reader.open(`/v/${code}`, 'trang-kiem-tra')).toBe(200);
    const publicPage = await reader.text('main');
    expect(publicPage).toContain('Đã đính chính');
    expect(publicPage).toContain(`Thông báo số ${numberSymbol}`);
    expect(await reader.overflowing()).toEqual([]);
    expect(await reader.clickText(`Thông báo số ${numberSymbol}`, 'trang-kiem-tra-thong-bao')).toBe(200);
    const noticePage = await reader.text('main');
    expect(noticePage).toContain(`Thông báo số ${numberSymbol}`);
    expect(noticePage).toContain(`Kế hoạch số ${original.numberSymbol}`);
  });
});
