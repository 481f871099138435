import request from 'supertest';
import { deskAndPhone } from '../../support/browser-user';

/** Issue 16: people change their own password on a page of their own (in Chromium, desktop and phone). */
describe("web UI: changing one's own password", () => {
  const ui = deskAndPhone('account', 'clerk');

  it('reaches the page from their name, is told what is wrong in Vietnamese, then changes it', async () => {
    await ui.desk.login('ubnd-np.clerk');
    expect(await ui.desk.clickAndWait('a.who', 'doi-mat-khau')).toBe(200);
    expect(await ui.desk.text('h1')).toBe('Đổi mật khẩu');
    await ui.desk.fill('Mật khẩu hiện tại', 'demo1234');
    await ui.desk.fill('Mật khẩu mới', 'matkhau123456');
    await ui.desk.fill('Nhập lại mật khẩu mới', 'matkhau123456');
    expect(await ui.desk.clickText('Đổi mật khẩu', 'doi-mat-khau-pho-bien')).toBe(422);
    expect(await ui.desk.text('#f-newPassword-error')).toMatch(/phổ biến/);
    await ui.desk.fill('Mật khẩu hiện tại', 'demo1234');
    await ui.desk.fill('Mật khẩu mới', 'Van-thu-Nhon-Phong-2024');
    await ui.desk.fill('Nhập lại mật khẩu mới', 'Van-thu-Nhon-Phong-2024');
    expect(await ui.desk.clickText('Đổi mật khẩu', 'doi-mat-khau-xong')).toBe(200);
    expect(await ui.desk.text('.flash, [role=status], .alert')).toMatch(/Đã đổi mật khẩu/);
    await request(ui.t.http).post('/api/auth/login').send({ username: 'ubnd-np.clerk', password: 'Van-thu-Nhon-Phong-2024' }).expect(200);
    expect(ui.desk.pageErrors).toEqual([]);
  });

  it('fits a phone', async () => {
    await ui.phone.login('ubnd-np.drafter');
    expect(await ui.phone.clickAndWait('a.account-link', 'doi-mat-khau-dien-thoai')).toBe(200);
    const overflow = await ui.phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
