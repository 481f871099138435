import { DataSource } from 'typeorm';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { createTestApp, TestApp } from '../../support/test-app';

/** Issue 16: an organization's admin sees the whole tree but administers only their subtree (in Chromium). */
describe('web UI: administration scoped to a subtree', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let desk: BrowserUser;
  let phone: BrowserUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    browser = await BrowserSession.start(t, 'scoped-admin');
    desk = await browser.person('admin');
    phone = await browser.person('admin-phone', PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the town admin is offered only the town and its communes', async () => {
    await desk.login('ubnd-an.admin');
    expect(await desk.open('/admin/organizations', 'to-chuc')).toBe(200);
    const editable = await desk.page.$$eval('.org-name a', (links) => links.map((a) => a.textContent?.trim()));
    expect(editable.sort()).toEqual(['Ủy ban nhân dân thị xã An Nhơn', 'Ủy ban nhân dân xã Nhơn Hậu', 'Ủy ban nhân dân xã Nhơn Phong'].sort());
    expect(await desk.text('.org-tree')).toContain('Tỉnh ủy Bình Định');
    expect(await desk.page.$('a[href="/admin/organizations/new"]')).toBeNull();
    const province = (await t.app.get(DataSource).query(`SELECT id FROM organization WHERE code = 'tu-bd'`))[0].id;
    expect(await desk.open(`/admin/organizations/${province}`, 'to-chuc-cap-tren')).toBe(403);
    expect(await desk.open('/admin/users', 'nguoi-dung')).toBe(200);
    expect(await desk.text('tbody')).not.toContain('tu-bd.');
    expect(desk.pageErrors).toEqual([]);
  });

  it('fits a phone', async () => {
    await phone.login('ubnd-np.admin');
    expect(await phone.open('/admin/organizations', 'to-chuc-dien-thoai')).toBe(200);
    expect(await phone.page.$$eval('.org-name a', (links) => links.length)).toBe(1);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
