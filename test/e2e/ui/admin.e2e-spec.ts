import { DataSource } from 'typeorm';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { createTestApp, TestApp } from '../../support/test-app';

describe('web UI: sign-in, menu by role, administration (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let admin: BrowserUser;

  const count = async (table: string, where = 'true') =>
    Number((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table} WHERE ${where}`))[0].n);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    browser = await BrowserSession.start(t, 'admin');
    admin = await browser.person('admin');
    await admin.login('quantri');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(admin.pageErrors).toEqual([]));

  it('shows the administrator their work page and an administration menu', async () => {
    expect(admin.page.url()).toBe(`${browser.baseUrl}/`);
    expect(await admin.text('h1')).toBe('Việc cần làm');
    const menu = await admin.page.$$eval('nav[aria-label="Điều hướng chính"] a', (links) => links.map((a) => a.textContent?.trim()));
    expect(menu).toEqual(expect.arrayContaining(['Việc cần làm', 'Tổ chức', 'Người dùng', 'Thẩm quyền ký']));
    expect(await admin.page.$eval('a[aria-current="page"]', (a) => a.textContent?.trim())).toBe('Việc cần làm');
  });

  it('does not offer administration to a drafter, and refuses it when asked by address', async () => {
    const drafter = await browser.person('drafter');
    await drafter.login('bcd-duk.drafter');
    const menu = await drafter.page.$$eval('nav[aria-label="Điều hướng chính"] a', (links) => links.map((a) => a.textContent?.trim()));
    expect(menu).not.toContain('Tổ chức');
    expect(await drafter.text()).toContain('Dự thảo cần soạn, sửa');
    expect(await drafter.open('/admin/organizations', 'admin-bi-tu-choi')).toBe(403);
    expect(await drafter.text('h1')).toBe('Không có quyền truy cập');
    await drafter.page.browserContext().close();
  });

  it('adds an organization under its parent: a wrong code is shown beside the field and nothing is saved', async () => {
    await admin.clickText('Tổ chức', 'to-chuc');
    expect(await admin.text('.org-tree')).toContain('Ủy ban nhân dân thị xã An Nhơn');
    await admin.docShot('to-chuc');
    await admin.clickAndWait('a[aria-label="Thêm đơn vị trực thuộc Ủy ban nhân dân thị xã An Nhơn"]', 'to-chuc-them');
    // the parent, the family and the level come from where the person clicked
    expect(await admin.page.$eval('#f-parentId', (s) => (s as HTMLSelectElement).selectedOptions[0].text)).toContain(
      'Ủy ban nhân dân thị xã An Nhơn',
    );
    expect(await admin.page.$eval('#f-family', (s) => (s as HTMLSelectElement).value)).toBe('state');
    expect(await admin.page.$eval('#f-level', (s) => (s as HTMLInputElement).value)).toBe('3');

    const before = await count('organization');
    await admin.fill('Mã', 'Nhơn Lộc');
    await admin.fill('Tên đầy đủ', 'Ủy ban nhân dân xã Nhơn Lộc');
    await admin.fill('Tên ngắn', 'UBND xã Nhơn Lộc');
    await admin.fill('Chữ viết tắt trong ký hiệu', 'UBND');
    await admin.fill('Địa danh', 'Nhơn Lộc');
    await admin.fill('Tên cơ quan ban hành', 'ỦY BAN NHÂN DÂN');
    await admin.page.keyboard.press('Enter');
    await admin.page.type('#f-headerName', 'XÃ NHƠN LỘC');
    expect(await admin.clickText('Thêm tổ chức', 'to-chuc-loi')).toBe(422);
    expect(await admin.text('#f-code-error')).toBe('Sai định dạng');
    expect(await admin.page.$eval('#f-code', (i) => i.getAttribute('aria-invalid'))).toBe('true');
    expect(await admin.text('[role="alert"]')).toContain('Mã: sai định dạng');
    // what was typed is still there
    expect(await admin.page.$eval('#f-fullName', (i) => (i as HTMLInputElement).value)).toBe('Ủy ban nhân dân xã Nhơn Lộc');
    expect(await admin.page.$eval('#f-headerName', (i) => (i as HTMLTextAreaElement).value)).toBe('ỦY BAN NHÂN DÂN\nXÃ NHƠN LỘC');
    expect(await count('organization')).toBe(before);

    await admin.fill('Mã', 'ubnd-nl');
    expect(await admin.clickText('Thêm tổ chức', 'to-chuc-da-them')).toBe(200);
    expect(await admin.text('[role="status"]')).toContain('Đã thêm tổ chức «Ủy ban nhân dân xã Nhơn Lộc»');
    const row = await t.app
      .get(DataSource)
      .query(
        `SELECT o.header_name, o.level, p.code AS parent FROM organization o JOIN organization p ON p.id = o.parent_id WHERE o.code = 'ubnd-nl'`,
      );
    expect(row).toEqual([{ header_name: 'ỦY BAN NHÂN DÂN\nXÃ NHƠN LỘC', level: 3, parent: 'ubnd-an' }]);
    // in the tree, under its parent
    const parentOf = await admin.page.$eval('.org-tree', (tree) => {
      const link = [...tree.querySelectorAll('a')].find((a) => a.textContent === 'Ủy ban nhân dân xã Nhơn Lộc');
      return link?.closest('ul')?.closest('li')?.querySelector('.org-name a')?.textContent;
    });
    expect(parentOf).toBe('Ủy ban nhân dân thị xã An Nhơn');
  });

  it('edits an organization and refuses to make it its own child', async () => {
    await admin.clickText('Ủy ban nhân dân xã Nhơn Lộc', 'to-chuc-sua');
    // its own subtree is not offered as a parent
    const parents = await admin.page.$$eval('#f-parentId option', (os) => os.map((o) => o.textContent ?? ''));
    expect(parents.some((p) => p.includes('Nhơn Lộc'))).toBe(false);
    await admin.fill('Địa danh', 'Nhơn  Lộc, An Nhơn');
    expect(await admin.clickText('Lưu thay đổi', 'to-chuc-da-luu')).toBe(200);
    expect(await admin.text('[role="status"]')).toContain('Đã lưu tổ chức');
    expect((await t.app.get(DataSource).query(`SELECT place_name FROM organization WHERE code = 'ubnd-nl'`))[0].place_name).toBe('Nhơn Lộc, An Nhơn');
  });

  it('adds a person with a role at an organization; finds them without diacritics', async () => {
    await admin.clickText('Người dùng', 'nguoi-dung');
    await admin.docShot('nguoi-dung');
    await admin.clickText('Thêm người dùng', 'nguoi-dung-them');
    await admin.fill('Tên đăng nhập', 'Lê Thị Hoa');
    await admin.fill('Họ và tên', 'Lê Thị Hoa');
    await admin.fill('Mật khẩu ban đầu', 'ngan');
    await admin.choose('Đơn vị', 'Ủy ban nhân dân xã Nhơn Lộc');
    await admin.fill('Chức vụ', 'Chủ tịch UBND xã');
    await admin.tick('Ký ban hành');
    const users = await count('app_user');
    expect(await admin.clickText('Thêm người dùng', 'nguoi-dung-loi')).toBe(422);
    expect(await admin.text('#f-username-error')).toBe('Sai định dạng');
    expect(await admin.text('#f-password-error')).toBe('Quá ngắn');
    expect(await admin.page.$eval('#f-organizationId', (s) => (s as HTMLSelectElement).selectedOptions[0].text)).toContain('Nhơn Lộc');
    expect(await count('app_user')).toBe(users);

    await admin.fill('Tên đăng nhập', 'ubnd-nl.chutich');
    await admin.fill('Mật khẩu ban đầu', 'mat-khau-dai-du');
    expect(await admin.clickText('Thêm người dùng', 'nguoi-dung-da-them')).toBe(200);
    expect(await admin.text('h1')).toContain('Lê Thị Hoa');
    expect(await admin.text('.memberships')).toContain('Ủy ban nhân dân xã Nhơn Lộc');

    await admin.clickText('Người dùng', 'nguoi-dung-danh-sach');
    await admin.fill('Tìm theo tên (có hoặc không dấu)', 'le thi hoa');
    await admin.clickText('Lọc', 'nguoi-dung-tim');
    expect(await admin.text('tbody')).toContain('Lê Thị Hoa');
    expect(await admin.page.$$eval('tbody tr', (rows) => rows.length)).toBe(1);
  });

  it("changes a person's roles and adds them to a second organization", async () => {
    await admin.clickText('Lê Thị Hoa', 'nguoi-dung-sua');
    await admin.tick('Soạn thảo', true, '.membership:not(.new)');
    await admin.choose('Đơn vị', 'Ủy ban nhân dân thị xã An Nhơn');
    await admin.tick('Góp ý', true, '.membership.new');
    expect(await admin.clickText('Lưu đơn vị và vai trò', 'nguoi-dung-vai-tro')).toBe(200);
    const rows = await t.app
      .get(DataSource)
      .query(
        `SELECT o.code, m.roles::text[] AS roles, m.position FROM membership m JOIN organization o ON o.id = m.organization_id JOIN app_user u ON u.id = m.user_id WHERE u.username = 'ubnd-nl.chutich' ORDER BY o.code`,
      );
    expect(rows).toEqual([
      { code: 'ubnd-an', roles: ['consultee'], position: null },
      { code: 'ubnd-nl', roles: expect.arrayContaining(['signer', 'drafter']), position: 'Chủ tịch UBND xã' },
    ]);
  });

  it('gives a signing authority with capacity lines and takes it back', async () => {
    await admin.clickText('Thẩm quyền ký', 'tham-quyen');
    await admin.choose('Đơn vị', 'Ủy ban nhân dân xã Nhơn Lộc');
    await admin.clickText('Xem', 'tham-quyen-nhon-loc');
    expect(await admin.text('tbody')).toContain('Chưa có ai được giao thẩm quyền ký');
    await admin.choose('Người ký', 'Lê Thị Hoa');
    await admin.fill('Thẩm quyền, chức vụ (dòng ký)', 'TM. ỦY BAN NHÂN DÂN');
    await admin.page.keyboard.press('Enter');
    await admin.page.type('#f-capacityLines', 'CHỦ TỊCH');
    await admin.page.$eval('#f-validFrom', (i) => ((i as HTMLInputElement).value = '2024-03-01'));
    await admin.page.$eval('#f-validTo', (i) => ((i as HTMLInputElement).value = '2024-01-01'));
    expect(await admin.clickText('Giao thẩm quyền', 'tham-quyen-loi')).toBe(422);
    expect(await admin.text('#f-validTo-error')).toBe('Phải sau validFrom');
    expect(
      await count('signing_authority', `capacity_lines @> '["CHỦ TỊCH"]' AND user_id = (SELECT id FROM app_user WHERE username = 'ubnd-nl.chutich')`),
    ).toBe(0);

    await admin.page.$eval('#f-validTo', (i) => ((i as HTMLInputElement).value = ''));
    expect(await admin.clickText('Giao thẩm quyền', 'tham-quyen-da-giao')).toBe(200);
    const table = await admin.text('tbody');
    expect(table).toContain('Lê Thị Hoa');
    expect(table).toContain('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    expect(table).toContain('từ 01/03/2024');
    await admin.docShot('tham-quyen-ky');

    admin.page.once('dialog', (dialog) => void dialog.accept());
    expect(await admin.clickText('Xóa', 'tham-quyen-da-xoa')).toBe(200);
    expect(await admin.text('tbody')).toContain('Chưa có ai được giao thẩm quyền ký');
  });

  it('configures the review chain and the registers of an organization', async () => {
    await admin.clickText('Sổ, quy trình', 'so-quy-trinh');
    // the administrator of the Tỉnh ủy configures the bodies below it
    const offered = await admin.page.$$eval('#org option', (os) => os.map((o) => o.textContent ?? ''));
    expect(offered.some((o) => o.includes('Nhơn Hậu'))).toBe(false);
    await admin.choose('Tổ chức', 'Đảng bộ Sở Y tế');
    await admin.clickText('Xem', 'so-quy-trinh-syt');
    expect(await admin.text('#chain-title')).toContain('mặc định');
    await admin.fill('Tên bước thêm', 'Lãnh đạo văn phòng duyệt lần cuối');
    expect(await admin.clickText('Lưu quy trình duyệt', 'quy-trinh-da-luu')).toBe(200);
    const steps = await t.app
      .get(DataSource)
      .query(
        `SELECT s.position, s.role, s.label FROM review_chain_step s JOIN organization o ON o.id = s.organization_id WHERE o.code = 'db-syt' ORDER BY s.position`,
      );
    expect(steps.map((r: { label: string }) => r.label)).toEqual(['Duyệt nội dung', 'Kiểm tra thể thức', 'Lãnh đạo văn phòng duyệt lần cuối']);
    // a chain with no step is refused, beside the form, and changes nothing
    for (const id of ['step-label-0', 'step-label-1', 'step-label-2']) await admin.fill(`Tên bước ${Number(id.slice(-1)) + 1}`, '');
    expect(await admin.clickText('Lưu quy trình duyệt', 'quy-trinh-rong')).toBe(422);
    expect(await admin.text('[role="alert"]')).toBeTruthy();
    expect(await count('review_chain_step', `organization_id = (SELECT id FROM organization WHERE code = 'db-syt')`)).toBe(3);

    await admin.open('/admin/registers', 'so');
    await admin.choose('Tổ chức', 'Đảng bộ Sở Y tế');
    await admin.clickText('Xem', 'so-syt');
    await admin.choose('Mở sổ riêng cho loại văn bản', 'Kế hoạch (KH)');
    expect(await admin.clickText('Mở sổ', 'so-da-mo')).toBe(200);
    expect(await admin.text('#reg-title + ul')).toContain('Kế hoạch');
    await admin.docShot('so-quy-trinh');
    expect(await admin.unlabeled()).toEqual([]);
  });

  it('refuses a form posted without its CSRF token and changes nothing', async () => {
    await admin.open('/admin/organizations/new', 'csrf-form');
    await admin.fill('Mã', 'khong-token');
    await admin.fill('Tên đầy đủ', 'Đơn vị không có mã chống giả mạo');
    await admin.fill('Tên ngắn', 'Không token');
    await admin.fill('Chữ viết tắt trong ký hiệu', 'KT');
    await admin.fill('Địa danh', 'Bình Định');
    await admin.fill('Tên cơ quan ban hành', 'KHÔNG TOKEN');
    await admin.page.$eval('form[action="/admin/organizations/new"] input[name="_csrf"]', (i) => i.remove());
    expect(await admin.clickText('Thêm tổ chức', 'csrf-bi-tu-choi')).toBe(403);
    expect(await admin.text()).toContain('mã chống giả mạo');
    expect(await count('organization', `code = 'khong-token'`)).toBe(0);
  });

  it('fits a phone: the work page and the users table at 390 px', async () => {
    const phone = await browser.person('dien-thoai', PHONE);
    await phone.login('quantri');
    for (const [path, label] of [
      ['/', 'viec-can-lam'],
      ['/admin/users', 'nguoi-dung'],
      ['/admin/organizations/new', 'to-chuc-them'],
    ]) {
      await phone.open(path, label);
      const width = await phone.contentWidth();
      expect({ path, width, sticking: width > PHONE.width ? await phone.overflowing() : [] }).toEqual({ path, width: PHONE.width, sticking: [] });
    }
    expect(phone.pageErrors).toEqual([]);
  });

  it('signs out: the next page asks to sign in again', async () => {
    await admin.open('/', 'truoc-dang-xuat');
    await admin.clickText('Đăng xuất', 'da-dang-xuat');
    expect(admin.page.url()).toContain('/login');
    await admin.open('/admin/users', 'sau-dang-xuat');
    expect(admin.page.url()).toContain('/login?next=%2Fadmin%2Fusers');
  });
});
