import request from 'supertest';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { createTestApp, TestApp } from '../../support/test-app';

/** Issue 16: people change their own password on a page of their own (in Chromium, desktop and phone). */
describe("web UI: changing one's own password", () => {
  let t: TestApp;
  let browser: BrowserSession;
  let desk: BrowserUser;
  let phone: BrowserUser;

  beforeAll(async () => {
    t = await createTestApp({ demo: true, env: { RUN_WORKERS: '0' } });
    browser = await BrowserSession.start(t, 'account');
    desk = await browser.person('clerk');
    phone = await browser.person('clerk-phone', PHONE);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('reaches the page from their name, is told what is wrong in Vietnamese, then changes it', async () => {
    await desk.login('ubnd-np.clerk');
    expect(await desk.clickAndWait('a.who', 'doi-mat-khau')).toBe(200);
    expect(await desk.text('h1')).toBe('Đổi mật khẩu');
    await desk.fill('Mật khẩu hiện tại', 'demo1234');
    await desk.fill('Mật khẩu mới', 'matkhau123456');
    await desk.fill('Nhập lại mật khẩu mới', 'matkhau123456');
    expect(await desk.clickText('Đổi mật khẩu', 'doi-mat-khau-pho-bien')).toBe(422);
    expect(await desk.text('#f-newPassword-error')).toMatch(/phổ biến/);
    await desk.fill('Mật khẩu hiện tại', 'demo1234');
    await desk.fill('Mật khẩu mới', 'Van-thu-Nhon-Phong-2024');
    await desk.fill('Nhập lại mật khẩu mới', 'Van-thu-Nhon-Phong-2024');
    expect(await desk.clickText('Đổi mật khẩu', 'doi-mat-khau-xong')).toBe(200);
    expect(await desk.text('.flash, [role=status], .alert')).toMatch(/Đã đổi mật khẩu/);
    await request(t.http).post('/api/auth/login').send({ username: 'ubnd-np.clerk', password: 'Van-thu-Nhon-Phong-2024' }).expect(200);
    expect(desk.pageErrors).toEqual([]);
  });

  it('fits a phone', async () => {
    await phone.login('ubnd-np.drafter');
    expect(await phone.clickAndWait('a.account-link', 'doi-mat-khau-dien-thoai')).toBe(200);
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
