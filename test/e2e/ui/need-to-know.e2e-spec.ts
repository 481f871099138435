import { BrowserSession, PHONE } from '../../support/browser-user';
import { issuePlan } from '../../support/issued-plan';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { getJson, withFutureDeadlines } from '../../support/workflow-client';

/**
 * What a recipient and a scoped administrator see in the browser (issue 16, point 2): the
 * recipient's plan page shows the issued document, its history stays closed; an administrator's
 * outgoing register offers the organizations they administer only. At desktop and phone widths.
 */
describe('web: need-to-know pages', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;
  let summary: string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    const orgs: { code: string; id: string }[] = await getJson(t, 'quantri', '/api/organizations');
    const stc = orgs.find((o) => o.code === 'db-stc')!.id;
    const content = withFutureDeadlines(planContent());
    content.recipients = [{ ...content.recipients[0], id: 'r-stc', name: 'Đảng bộ Sở Tài chính', organizationId: stc }, ...content.recipients];
    summary = content.summary;
    planId = await createPlan(t, 'bcd-duk.drafter', content);
    await issuePlan(t.app, planId);
    browser = await BrowserSession.start(t, 'need-to-know');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)('a recipient reads the issued plan, not its history (%s)', async (width, viewport) => {
    const recipient = await browser.person(`noi-nhan-${width}`, viewport);
    await recipient.login('db-stc.clerk');
    expect(await recipient.open(`/plans/${planId}`, 'ke-hoach-da-ban-hanh')).toBe(200);
    const text = await recipient.page.evaluate(() => document.body.innerText);
    expect(text.toLocaleLowerCase('vi')).toContain(summary.toLocaleLowerCase('vi').slice(0, 40));
    // The issued PDF is offered; what a recipient may not open (the draft preview, the history, the sending) is not.
    const links = await recipient.page.evaluate(() => [...document.querySelectorAll('.actions-col a')].map((a) => a.textContent?.trim()));
    expect(links).toContain('Bản PDF đã ban hành');
    expect(links).not.toEqual(expect.arrayContaining(['Lịch sử']));
    expect(links).not.toContain('Xem trước PDF');
    expect(links).not.toContain('Tình hình phát hành');
    expect(await recipient.open(`/plans/${planId}/history`, 'lich-su-khong-duoc-xem')).toBe(403);
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const)("a district's administrator sees the registers of their subtree only (%s)", async (width, viewport) => {
    const admin = await browser.person(`quan-tri-${width}`, viewport);
    await admin.login('duk-bd.admin');
    expect(await admin.open('/register', 'so-van-ban-di')).toBe(200);
    const options = await admin.page.evaluate(() => [...document.querySelectorAll('select option')].map((o) => o.textContent ?? ''));
    expect(options.join('|')).not.toMatch(/Ủy ban nhân dân|Tỉnh ủy/);
  });
});
