import { DataSource } from 'typeorm';
import { deskAndPhone } from '../../support/browser-user';

/** Issue 16: an organization's admin sees the whole tree but administers only their subtree (in Chromium). */
describe('web UI: administration scoped to a subtree', () => {
  const ui = deskAndPhone('scoped-admin', 'admin');

  it('the town admin is offered only the town and its communes', async () => {
    await ui.desk.login('ubnd-an.admin');
    expect(await ui.desk.open('/admin/organizations', 'to-chuc')).toBe(200);
    const editable = await ui.desk.page.$$eval('.org-name a', (links) => links.map((a) => a.textContent?.trim()));
    expect(editable.sort()).toEqual(['Ủy ban nhân dân thị xã An Nhơn', 'Ủy ban nhân dân xã Nhơn Hậu', 'Ủy ban nhân dân xã Nhơn Phong'].sort());
    expect(await ui.desk.text('.org-tree')).toContain('Tỉnh ủy Bình Định');
    expect(await ui.desk.page.$('a[href="/admin/organizations/new"]')).toBeNull();
    const province = (await ui.t.app.get(DataSource).query(`SELECT id FROM organization WHERE code = 'tu-bd'`))[0].id;
    expect(await ui.desk.open(`/admin/organizations/${province}`, 'to-chuc-cap-tren')).toBe(403);
    expect(await ui.desk.open('/admin/users', 'nguoi-dung')).toBe(200);
    expect(await ui.desk.text('tbody')).not.toContain('tu-bd.');
    expect(ui.desk.pageErrors).toEqual([]);
  });

  it('fits a phone', async () => {
    await ui.phone.login('ubnd-np.admin');
    expect(await ui.phone.open('/admin/organizations', 'to-chuc-dien-thoai')).toBe(200);
    expect(await ui.phone.page.$$eval('.org-name a', (links) => links.length)).toBe(1);
    const overflow = await ui.phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it("the commune's own form shows the town above it, and offers no place at the top of the tree", async () => {
    const commune = (await ui.t.app.get(DataSource).query(`SELECT id FROM organization WHERE code = 'ubnd-np'`))[0].id;
    expect(await ui.phone.open(`/admin/organizations/${commune}`, 'to-chuc-cua-minh-dien-thoai')).toBe(200);
    const parents = await ui.phone.page.$$eval('#f-parentId option', (options) =>
      options.map((o) => ({ text: o.textContent?.trim(), selected: (o as HTMLOptionElement).selected })),
    );
    expect(parents.find((o) => o.selected)?.text).toBe('Ủy ban nhân dân thị xã An Nhơn');
    expect(parents.map((o) => o.text)).not.toContain('(không có, cấp cao nhất)');
    // saved as it stands, it stays under the town (the form used to send no parent, which the scope refused)
    expect(await ui.phone.clickAndWait('form.form-grid button[type=submit]', 'to-chuc-cua-minh-da-luu')).toBe(200);
    expect(await ui.phone.text('.alert-ok')).toContain('Đã lưu tổ chức');
    const [saved] = await ui.t.app
      .get(DataSource)
      .query(`SELECT p.code FROM organization o JOIN organization p ON p.id = o.parent_id WHERE o.code = 'ubnd-np'`);
    expect(saved.code).toBe('ubnd-an');
    expect(ui.phone.pageErrors).toEqual([]);
  });
});
