import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { BodyNode, PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { openEditor, PlanEditorDriver, savedPlan } from '../../support/plan-editor-driver';
import { createTestApp, TestApp } from '../../support/test-app';

/** The State seed (Kế hoạch 48/KH-UBND of UBND xã Nhơn Hậu), typed into the editor by its drafter. */
const SEED: PlanContent = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'state-xa-2024-48-KH-UBND.json'), 'utf8'));

describe('web UI: the plan editor (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let drafter: BrowserUser;
  let planId: string;

  const db = () => t.app.get(DataSource);
  const currentVersion = async () => (await savedPlan(db(), planId)).version;
  const savedContent = async (): Promise<PlanContent> => (await savedPlan(db(), planId)).content;
  let editor: PlanEditorDriver;
  const focusedId = () => editor.focusedId();
  const enter = (name: string, value: string) => editor.enter(name, value);
  const press = (op: string, label: string) => editor.press(op, label);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    ({ browser, drafter, editor } = await openEditor(t, 'plan-editor'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(drafter.pageErrors).toEqual([]));

  it('creates a draft with the anatomy of a plan', async () => {
    await drafter.clickText('Kế hoạch', 'ke-hoach');
    await drafter.clickText('Soạn kế hoạch mới', 'ke-hoach-moi');
    await drafter.fill('Trích yếu', 'Thực hiện dân chủ ở cơ sở');
    expect(await drafter.clickText('Tạo dự thảo', 'soan-thao')).toBe(200);
    planId = drafter.page.url().match(/\/plans\/([0-9a-f-]{36})\/edit/)![1];
    const parts = await drafter.page.$$eval('.enode-part > .enode-head .enode-label', (els) => els.map((e) => e.textContent?.trim()));
    expect(parts).toEqual(['I.', 'II.', 'III.']);
    expect(await drafter.text('#check-panel')).toContain('lỗi');
  });

  const texts = (nodes: BodyNode[]): unknown[] =>
    nodes.map((n) =>
      n.kind === 'item'
        ? [n.kind, n.heading, n.text, texts(n.children)]
        : n.kind === 'bullet'
          ? [n.kind, n.text, texts(n.children)]
          : n.kind === 'table'
            ? [n.kind, n.rows.length]
            : [n.kind, n.text],
    );

  it('takes the State seed typed in as a drafter would: summary, preamble, every part and item, closing', async () => {
    await editor.enterText(SEED);
    expect(await press('save', 'da-luu-noi-dung')).toBe(200);
    expect(await drafter.text('[role="status"]')).toMatch(/Đã lưu phiên bản \d+/);
    const saved = await savedContent();
    expect(saved.summary).toBe(SEED.summary);
    expect(saved.preamble.paragraphs).toEqual(SEED.preamble.paragraphs);
    expect(saved.parts.map((p) => [p.title, texts(p.children)])).toEqual(SEED.parts.map((p) => [p.title, texts(p.children)]));
    expect(saved.closing).toEqual(SEED.closing);
    // the numbering is the system's: II.1 has a paragraph under it, III.1 three dashes
    const labels = await drafter.page.$$eval('.enode > .enode-head .enode-label', (els) => els.map((e) => e.textContent?.trim()));
    expect(labels.slice(0, 6)).toEqual(['I.', '1.', '2.', '3.', '4.', 'II.']);
    expect(labels.filter((l) => l === '-')).toHaveLength(3);
  });

  it('shows what is wrong beside the field and saves nothing until it is fixed', async () => {
    const before = await currentVersion();
    const part = (await drafter.page.$$eval('.enode-part', (els) => els.map((e) => e.id.replace(/^el-/, ''))))[0];
    await press(`node|add|paragraph|${part}`, 'them-doan-trong');
    expect(await drafter.text('[role="status"].alert')).toContain('Đã thêm');
    const id = await focusedId();
    // the new paragraph has the focus, ready for typing
    expect(await drafter.page.evaluate(() => document.activeElement?.id)).toBe(`f-b.${id}.text`);
    expect(await press('save', 'luu-khi-con-loi')).toBe(422);
    expect(await drafter.text(`[id="f-b.${id}.text-error"]`)).toBe('Không được để trống');
    expect(await drafter.text('#form-failure')).toContain('Chưa lưu');
    expect(await currentVersion()).toBe(before);
    drafter.page.once('dialog', (dialog) => void dialog.accept());
    expect(await press(`node|delete|${id}`, 'xoa-doan-trong')).toBe(200);
    expect(await currentVersion()).toBe(before);
  });

  it('saves by itself a moment after typing stops', async () => {
    const before = await currentVersion();
    await enter('place', 'Nhơn Hậu');
    await drafter.page.waitForFunction(() => /Đã lưu tự động phiên bản \d+/.test(document.getElementById('save-status')?.textContent ?? ''), {
      timeout: 15_000,
    });
    await drafter.shot('tu-dong-luu');
    expect(await currentVersion()).toBe(before + 1);
    expect((await savedContent()).place).toBe('Nhơn Hậu');
    // the format check beside the form follows the saved version
    await drafter.page.waitForFunction((v) => document.getElementById('check-panel')?.textContent?.includes(`Phiên bản ${v}`), {}, before + 1);
  });

  it('assigns a task in the task table, with who directs, who carries out and when', async () => {
    const part2 = (await drafter.page.$$eval('.enode-part', (els) => els.map((e) => e.id.replace(/^el-/, ''))))[1];
    const item = await drafter.page.$eval(`[id="el-${part2}"] .enode-item`, (e) => e.id.replace(/^el-/, ''));
    await press(`task|on|${item}`, 'giao-nhiem-vu');
    await enter(`b.${item}.directedBy`, 'Chủ tịch UBND xã');
    await enter(`b.${item}.carriedOutBy`, 'Văn phòng - Thống kê xã');
    await drafter.page.select(`[id="f-b.${item}.timeKind"]`, 'quarter');
    await drafter.page.click(`input[name="b.${item}.timeQuarters"][value="2"]`);
    await enter(`b.${item}.timeYear`, '2024');
    expect(await press('save', 'nhiem-vu-da-luu')).toBe(200);
    const task = (await savedContent()).parts[1].children[0] as { task: unknown };
    expect(task.task).toEqual({
      directedBy: 'Chủ tịch UBND xã',
      carriedOutBy: 'Văn phòng - Thống kê xã',
      assigneeOrganizationIds: [],
      timeframe: { kind: 'quarter', quarters: [2], year: 2024, text: null },
    });
    expect(await drafter.page.$eval(`[id="f-b.${item}.carriedOutBy"]`, (i) => (i as HTMLInputElement).value)).toBe('Văn phòng - Thống kê xã');
  });

  it("lists the seed's recipients, adds subordinate bodies from the tree with the implement flag, keeps the archive line last", async () => {
    const archive = await drafter.page.$eval('.recipient', (e) => e.id.replace(/^el-/, ''));
    await editor.enterRecipients(SEED);
    await drafter.page.click('#picker summary');
    await drafter.tick('— Ủy ban nhân dân xã Nhơn Phong', true, '#picker');
    await drafter.tick('Phải xây dựng kế hoạch thực hiện', true, '#picker');
    expect(await press('rcp|from-tree', 'noi-nhan-tu-cay')).toBe(200);
    const saved = await savedContent();
    expect(saved.recipients.map((r) => [r.name, r.purpose, r.note, r.mustImplement])).toEqual([
      ...SEED.recipients.filter((x) => x.purpose !== 'archive').map((r) => [r.name, r.purpose, r.note, false]),
      ['Ủy ban nhân dân xã Nhơn Phong', 'implement', null, true],
      ['VT', 'archive', null, false],
    ]);
    expect(saved.recipients.at(-1)!.id).toBe(archive);
    expect(saved.recipients.find((r) => r.mustImplement)!.organizationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('takes the signature from the signing authorities and clears the format check', async () => {
    await drafter.choose('Người có thẩm quyền ký', 'CHỦ TỊCH');
    expect(await press('sig|authority', 'chu-ky')).toBe(200);
    const signature = (await savedContent()).signature;
    expect(signature.capacityLines).toEqual(['CHỦ TỊCH']);
    expect(signature.signerUserId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await drafter.text('#check-panel')).toContain('Không có lỗi thể thức');
    // every field of the editor has a name a screen reader can say
    expect(await drafter.unlabeled()).toEqual([]);
    // Words of an office: Roman-numeral parts are "Mục", cited documents "Văn bản căn cứ", "Xin ý kiến".
    const page = await drafter.text();
    for (const words of ['+ Mục mới', 'Tên mục I', 'Văn bản căn cứ', 'Xin ý kiến, các việc khác']) expect(page).toContain(words);
    for (const words of ['Phần mới', 'Tên phần', 'Văn bản được dẫn', 'góp ý, các việc']) expect(page).not.toContain(words);
    await drafter.docShot('soan-thao');
  });

  it('moves a part down and back up, the numbering following', async () => {
    const parts = await drafter.page.$$eval('.enode-part', (els) => els.map((e) => e.id.replace(/^el-/, '')));
    await press(`node|down|${parts[0]}`, 'phan-xuong');
    expect((await savedContent()).parts.map((p) => p.id)).toEqual([parts[1], parts[0], parts[2]]);
    expect(await drafter.page.$eval(`[id="el-${parts[0]}"] .enode-label`, (e) => e.textContent?.trim())).toBe('II.');
    await press(`node|up|${parts[0]}`, 'phan-len');
    expect((await savedContent()).parts.map((p) => p.id)).toEqual(parts);
  });

  it('previews the draft as a PDF marked DỰ THẢO', async () => {
    const href = await drafter.page.$eval('a[href$="/preview.pdf"]', (a) => a.getAttribute('href'));
    const bytes = await drafter.page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url!)).arrayBuffer())), href);
    const text = pdftotext(pdfFile(Buffer.from(bytes), 'preview.pdf'));
    expect(text).toContain('DỰ THẢO');
    expect(text).toContain('Tiếp tục phát huy dân chủ');
  });

  it('finds the plan in the list by words typed without diacritics', async () => {
    await drafter.clickText('Kế hoạch', 'danh-sach');
    await drafter.fill('Tìm trong trích yếu và nội dung (có hoặc không dấu)', 'dan van chinh quyen nam 2024');
    await drafter.clickText('Tìm', 'tim-khong-dau');
    expect(await drafter.text('tbody')).toContain('Thực hiện dân chủ ở cơ sở và dân vận chính quyền năm 2024');
    await drafter.docShot('ke-hoach');
    await drafter
      .clickText('Thực hiện dân chủ ở cơ sở và dân vận chính quyền năm 2024\ntrên địa bàn xã Nhơn Hậu'.split('\n').join(' '), 'van-ban')
      .catch(async () => {
        await drafter.clickAndWait(`a[href="/plans/${planId}"]`, 'van-ban');
      });
    expect(await drafter.text('.paper')).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(await drafter.text('.paper')).toContain('DỰ THẢO');
    await drafter.docShot('van-ban');
  });

  it("hides another organization's draft: its pages are 404", async () => {
    const stranger = await browser.person('don-vi-khac');
    await stranger.login('ubnd-np.drafter');
    expect(await stranger.open(`/plans/${planId}/edit`, 'du-thao-don-vi-khac')).toBe(404);
    expect(await stranger.text('h1')).toBe('Không tìm thấy');
    expect(await stranger.open(`/plans/${planId}`, 'van-ban-don-vi-khac')).toBe(404);
    await stranger.page.browserContext().close();
  });

  it('fits a phone', async () => {
    const phone = await browser.person('dien-thoai', PHONE);
    await phone.login('ubnd-nh.drafter');
    for (const path of [`/plans/${planId}/edit`, `/plans/${planId}`, '/plans']) {
      await phone.open(path, path.split('/').pop()!);
      if (path.endsWith('/edit')) await phone.docShot('dien-thoai-soan-thao');
      if (path === '/plans') await phone.docShot('dien-thoai-ke-hoach');
      const width = await phone.contentWidth();
      expect({ path, width, sticking: width > PHONE.width ? await phone.overflowing() : [] }).toEqual({ path, width: PHONE.width, sticking: [] });
    }
  });
});
