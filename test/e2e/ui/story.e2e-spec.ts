import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { issuanceYear } from '@app/common';
import type { PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { PlanEditorDriver } from '../../support/plan-editor-driver';
import { createTestApp, TestApp } from '../../support/test-app';
import { withFutureDeadlines } from '../../support/workflow-client';

/**
 * The story of the issue, in Chromium, as the people would: the drafter of the Ban Chỉ đạo enters
 * the Party seed (Kế hoạch 04-KH/BCĐ, its reporting deadlines moved ahead so they are not past),
 * names a subordinate body that must implement it, submits; the reviewer returns it with a reason;
 * the drafter fixes and resubmits; the reviewer and the format checker approve; the signer signs
 * (after a wrong password that signs nothing); the clerk numbers and issues it at the desk
 * ("Chờ cấp số"); the issued PDF opens; the recipient acknowledges and
 * finds its child draft; the auditor reads the history.
 */
const SEED: PlanContent = withFutureDeadlines(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')),
);

describe('web UI: the story of a plan, from draft to the child plan (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;
  const people: Record<string, BrowserUser> = {};

  const db = () => t.app.get(DataSource);
  const state = async () =>
    (await db().query(`SELECT state, draft_round FROM plan WHERE id = $1`, [planId]))[0] as { state: string; draft_round: number };
  const person = async (username: string) => {
    if (!people[username]) {
      people[username] = await browser.person(username.replace(/\./g, '-'));
      await people[username].login(username);
    }
    return people[username];
  };
  /** What the person sees on their work page, section by section. */
  const work = async (user: BrowserUser) => {
    await user.clickText('Việc cần làm', 'viec-can-lam');
    return user.text('.work-grid');
  };

  beforeAll(async () => {
    // A mail server that refuses every connection: the e-mail delivery fails and waits for its retry.
    t = await createTestApp({ demo: true, env: { SMTP_URL: 'smtp://127.0.0.1:9' } });
    browser = await BrowserSession.start(t, 'story');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => {
    for (const user of Object.values(people)) expect(user.pageErrors).toEqual([]);
  });

  it('the drafter enters the seed plan, names a body that must implement it, signs it off for the signer, submits', async () => {
    const drafter = await person('bcd-duk.drafter');
    const editor = new PlanEditorDriver(drafter);
    await drafter.clickText('Kế hoạch', 'ke-hoach');
    await drafter.clickText('Soạn kế hoạch mới', 'ke-hoach-moi');
    expect(await drafter.clickText('Tạo dự thảo', 'soan-thao')).toBe(200);
    planId = drafter.page.url().match(/\/plans\/([0-9a-f-]{36})\/edit/)![1];
    await editor.enterText(SEED);
    await editor.enterDuties(SEED);
    await editor.enterRecipients(SEED);
    await drafter.page.click('#picker summary');
    await drafter.tick('— — Đảng bộ Sở Tài chính', true, '#picker');
    await drafter.tick('Phải xây dựng kế hoạch thực hiện', true, '#picker');
    expect(await editor.press('rcp|from-tree', 'noi-nhan-tu-cay')).toBe(200);
    await drafter.choose('Người có thẩm quyền ký', 'TRƯỞNG BAN CHỈ ĐẠO');
    expect(await editor.press('sig|authority', 'chu-ky')).toBe(200);
    expect(await drafter.text('#check-panel')).toContain('Không có lỗi thể thức');
    expect(await drafter.clickText('Trình duyệt', 'da-trinh')).toBe(200);
    expect(await drafter.text('[role="status"]')).toContain('Đã trình duyệt');
    expect(await state()).toEqual({ state: 'review', draft_round: 1 });
  });

  it('the reviewer finds it in their work, returns it with a reason and a note on a part', async () => {
    const reviewer = await person('bcd-duk.reviewer');
    expect(await work(reviewer)).toContain(SEED.summary.split('\n')[0]);
    await reviewer.clickAndWait('section[aria-labelledby="sec-reviews"] .work-item a', 'duyet');
    expect(await reviewer.text('h1')).toContain('Duyệt dự thảo');
    await reviewer.docShot('duyet');
    expect(await reviewer.unlabeled()).toEqual([]);
    // a return without a reason is refused, and says why
    expect(await reviewer.clickText('Trả lại', 'tra-lai-thieu-ly-do')).toBe(200);
    expect(await reviewer.text('[role="alert"]')).toContain('Không thực hiện được');
    expect((await state()).state).toBe('review');
    await reviewer.fill('Lý do trả lại', 'Cần nêu rõ thời gian sơ kết 6 tháng.');
    await reviewer.choose('Mục, điểm', 'Mục III-');
    await reviewer.page.type('#rn-text-0', 'Bổ sung đơn vị chủ trì.');
    expect(await reviewer.clickText('Trả lại', 'da-tra-lai')).toBe(200);
    expect(await reviewer.text('[role="status"]')).toContain('Đã trả lại');
    expect(await state()).toEqual({ state: 'draft', draft_round: 2 });
  });

  it('the drafter reads the reason, fixes the draft and submits again', async () => {
    const drafter = await person('bcd-duk.drafter');
    expect(await work(drafter)).toContain('Sửa dự thảo lần 2');
    await drafter.clickAndWait('section[aria-labelledby="sec-drafts"] .work-item a', 'sua-du-thao');
    expect(await drafter.text('.return-note')).toContain('Cần nêu rõ thời gian sơ kết 6 tháng.');
    expect(await drafter.text('.return-note')).toContain('Mục III- TỔ CHỨC THỰC HIỆN: Bổ sung đơn vị chủ trì.');
    const editor = new PlanEditorDriver(drafter);
    const parts = await editor.partIds();
    await editor.press(`node|add|paragraph|${parts[parts.length - 1]}`, 'them-doan');
    await editor.enter(`b.${await editor.focusedId()}.text`, 'Sơ kết 6 tháng vào tháng 6, tổng kết vào tháng 11.');
    expect(await editor.press('save', 'da-sua')).toBe(200);
    expect(await drafter.clickText('Trình duyệt', 'trinh-lai')).toBe(200);
    expect(await state()).toEqual({ state: 'review', draft_round: 2 });
  });

  it('the reviewer sees what changed since the last round and approves; the format checker approves', async () => {
    const reviewer = await person('bcd-duk.reviewer');
    await work(reviewer);
    await reviewer.clickAndWait('section[aria-labelledby="sec-reviews"] .work-item a', 'duyet-lan-2');
    expect(await reviewer.text('.diff')).toContain('Sơ kết 6 tháng vào tháng 6');
    await reviewer.docShot('duyet-so-sanh');
    expect(await reviewer.clickText('Duyệt: Duyệt nội dung', 'da-duyet')).toBe(200);
    const checker = await person('bcd-duk.format_checker');
    await work(checker);
    await checker.clickAndWait('section[aria-labelledby="sec-reviews"] .work-item a', 'kiem-tra-the-thuc');
    expect(await checker.clickText('Duyệt: Kiểm tra thể thức', 'da-kiem-tra')).toBe(200);
    expect((await state()).state).toBe('awaitingSignature');
  });

  it('the signer re-enters the password: a wrong one signs nothing, the right one signs', async () => {
    const signer = await person('bcd-duk.signer');
    expect(await work(signer)).toContain('Ký ban hành');
    await signer.clickAndWait('section[aria-labelledby="sec-signatures"] .work-item a', 'ky');
    expect(await signer.text('.capacity-box')).toContain('TRƯỞNG BAN CHỈ ĐẠO');
    await signer.docShot('ky');
    expect(await signer.unlabeled()).toEqual([]);
    expect(await signer.text('#password-hint')).toContain('nhập sai mật khẩu');
    expect(await signer.text('#password-hint')).not.toContain('ký sai');
    // The date line carries the year the plan will be dated, not another one.
    // Day and month are left blank for the register (the document's own blanks), the year is the signature's.
    expect(await signer.text('.date-line')).toMatch(new RegExp(`ngày\\s+tháng\\s+năm ${issuanceYear(new Date())}`));
    await signer.fill('Nhập lại mật khẩu để xác nhận', 'sai-mat-khau');
    expect(await signer.clickText('Ký ban hành', 'ky-sai-mat-khau')).toBe(200);
    expect(await signer.text('[role="alert"]')).toContain('Mật khẩu xác nhận không đúng');
    expect((await state()).state).toBe('awaitingSignature');
    await signer.fill('Nhập lại mật khẩu để xác nhận', 'demo1234');
    expect(await signer.clickText('Ký ban hành', 'da-ky')).toBe(200);
    expect(signer.page.url()).toContain(`/plans/${planId}/progress`);
    expect(await signer.text('.alert-ok')).toContain('chuyển đến văn thư');
    expect((await state()).state).toBe('awaitingIssue');
  });

  it('the clerk finds it on the desk ("Chờ cấp số"), sees the register\'s next number and the date, and issues', async () => {
    const clerk = await person('bcd-duk.clerk');
    expect(await work(clerk)).toContain('Cấp số, đóng dấu, ban hành');
    await clerk.clickAndWait('section[aria-labelledby="sec-issuing"] .work-item a', 'cap-so');
    expect(clerk.page.url()).toContain(`/plans/${planId}/issue`);
    expect(await clerk.unlabeled()).toEqual([]);
    const expected = (await clerk.text('[data-next-number]')).trim();
    expect(expected).toMatch(/^\d{2}-KH\/BCĐ$/);
    expect(await clerk.text('.issue-card')).toContain('Sổ Kế hoạch');
    await clerk.docShot('cap-so');
    const phone = await browser.person('van-thu-dien-thoai', PHONE);
    await phone.login('bcd-duk.clerk');
    await phone.open(`/plans/${planId}/issue`, 'cap-so-dien-thoai');
    expect(await phone.contentWidth()).toBe(PHONE.width);
    expect(await clerk.clickText('Cấp số và ban hành', 'da-cap-so')).toBe(200);
    expect(clerk.page.url()).toContain(`/plans/${planId}/progress`);
    expect(['signed', 'numbered', 'issued', 'distributing', 'distributed']).toContain((await state()).state);
    await clerk.page.waitForSelector('[data-issued]:not([hidden])', { timeout: 90_000 });
    expect((await clerk.text('[data-number]')).trim()).toBe(expected);
  });

  it('the signer follows numbering and issuance on the progress page; the issued PDF opens with its number', async () => {
    const signer = await person('bcd-duk.signer');
    // the page draws itself again as each job moves the plan on
    await signer.page.waitForSelector('[data-issued]:not([hidden])', { timeout: 90_000 });
    await signer.shot('da-ban-hanh');
    await signer.docShot('ban-hanh');
    const numberSymbol = (await signer.text('[data-number]')).trim();
    expect(numberSymbol).toMatch(/^\d{2}-KH\/BCĐ$/);
    const href = await signer.page.$eval('a[href$="/pdf"]', (a) => a.getAttribute('href'));
    const pdf = await signer.page.evaluate(async (url) => {
      const response = await fetch(url!);
      return { type: response.headers.get('content-type'), bytes: Array.from(new Uint8Array(await response.arrayBuffer())) };
    }, href);
    expect(pdf.type).toBe('application/pdf');
    const text = pdftotext(pdfFile(Buffer.from(pdf.bytes), 'issued.pdf'));
    expect(text).toContain(`Số ${numberSymbol}`);
    expect(text).not.toContain('DỰ THẢO');

    // Anyone holding the paper opens the address printed on its last page, without signing in.
    const code = /\/v\/([A-Z0-9]{16})/.exec(text.replace(/\s+/g, ''))?.[1];
    expect(code).toBeDefined();
    const reader = await browser.person('nguoi-doc');
    expect(await reader.open(`/v/${code}`, 'trang-kiem-tra')).toBe(200);
    const page = await reader.text('main');
    expect(page).toContain(numberSymbol);
    expect(page).toContain('Còn hiệu lực');
    expect((page.match(/Chữ ký hợp lệ/g) ?? []).length).toBe(2);
  });

  it('the clerk finds the plan in the outgoing register and exports it', async () => {
    const clerk = await person('bcd-duk.clerk');
    await clerk.clickText('Sổ văn bản đi', 'so-van-ban-di');
    const numberSymbol = (await db().query(`SELECT number_symbol FROM plan WHERE id = $1`, [planId]))[0].number_symbol as string;
    const row = await clerk.page.$$eval('.register-table tbody tr', (rows) => rows.map((r) => (r as HTMLElement).innerText));
    expect(row.find((r) => r.includes(numberSymbol))).toContain('triển khai một số nhiệm vụ trọng tâm');
    await clerk.docShot('so-van-ban-di');
    const csv = await clerk.page.evaluate(
      async (url) => (await fetch(url!)).text(),
      await clerk.page.$eval('a[download]', (a) => a.getAttribute('href')),
    );
    expect(csv).toContain(numberSymbol);
  });

  it('the clerk follows the distribution board: each recipient, its channel and status, live', async () => {
    const clerk = await person('bcd-duk.clerk');
    await clerk.open(`/plans/${planId}`, 'ke-hoach-da-ban-hanh');
    await clerk.clickText('Tình hình phát hành', 'phat-hanh');
    await clerk.page.waitForFunction(() => document.querySelectorAll('#board-rows tr').length > 0);
    await clerk.page.waitForFunction(() => /Đã xong \d+\/\d+/.test(document.getElementById('board-counts')?.textContent ?? ''));
    const board = await clerk.text('#board-rows');
    expect(board).toContain('Đảng bộ Sở Tài chính');
    expect(board).toContain('Hộp văn bản đến');
    await clerk.shot('phat-hanh-bang');
    await clerk.docShot('phat-hanh');
    // the mail server refuses the e-mail, which waits for its retry; the clerk sends it again
    // (the form is found and submitted in one step: the script swaps the board in place meanwhile)
    await clerk.page.waitForSelector('#board-rows form button');
    await Promise.all([
      clerk.page.waitForNavigation({ waitUntil: 'load' }),
      clerk.page.evaluate(() => document.querySelector<HTMLFormElement>('#board-rows form')!.requestSubmit()),
    ]);
    await clerk.shot('phat-hanh-gui-lai');
    expect(await clerk.text('.alert-ok')).toContain('Đã xếp lịch gửi lại cho Đảng bộ Sở Tài chính');
    const [resent] = await db().query(`SELECT count(*)::int AS n FROM audit_event WHERE plan_id = $1 AND event = 'DELIVERY_RESENT'`, [planId]);
    expect(resent.n).toBe(1);
  });

  it('the recipient acknowledges the document, reports its handling and opens the child plan from it', async () => {
    const recipient = await person('db-stc.clerk');
    // the inbox delivery is a job after issuance: wait for the row, then look
    for (let i = 0; i < 60 && !(await db().query(`SELECT 1 FROM incoming_document WHERE plan_id = $1`, [planId])).length; i++)
      await new Promise((r) => setTimeout(r, 500));
    expect(await work(recipient)).toContain('Văn bản đến cần xác nhận');
    // the one inbox of the work page tells the clerk too; the notice is marked read there
    expect(await recipient.text('#thong-bao .inbox-notice.unread.source-distribution')).toContain('Văn bản đến: Kế hoạch số');
    await recipient.clickAndWait('#thong-bao .inbox-notice.unread.source-distribution button', 'thong-bao-da-doc');
    expect(await recipient.page.$('#thong-bao .inbox-notice.unread.source-distribution')).toBeNull();
    expect(await recipient.text('#thong-bao')).toContain('đã đọc');
    await recipient.clickText('Văn bản đến', 'van-ban-den');
    await recipient.page.waitForSelector('.incoming.unacknowledged');
    await recipient.shot('van-ban-den-chua-xac-nhan');
    await recipient.docShot('van-ban-den');
    expect(await recipient.unlabeled()).toEqual([]);
    // the page is the server's: each button posts, and the page comes back with what was done
    await recipient.clickAndWait('.incoming.unacknowledged button.primary', 'van-ban-den-da-nhan');
    expect(await recipient.text('.alert-ok')).toContain('Đã xác nhận đã nhận văn bản');
    expect(await recipient.page.$('.incoming.unacknowledged')).toBeNull();
    const row = (
      await db().query(
        `SELECT acknowledged_at FROM incoming_document i JOIN organization o ON o.id = i.organization_id WHERE i.plan_id = $1 AND o.code = 'db-stc'`,
        [planId],
      )
    )[0];
    expect(row.acknowledged_at).not.toBeNull();
    const statusSelect = await recipient.page.$eval('.incoming select[name="status"]', (s) => s.id);
    await recipient.page.select(
      `[id="${statusSelect}"]`,
      await recipient.page.$eval(`[id="${statusSelect}"]`, (s) => (s as HTMLSelectElement).options[0].value),
    );
    await recipient.clickAndWait('.incoming form.handling button', 'van-ban-den-bao-cao');
    expect(await recipient.text('.alert-ok')).toContain('Đã báo cáo');
    expect(await recipient.text('.incoming')).not.toContain('Xử lý: Đã đến');
    // the child plan is drafted by a job after the issuance: the page shows it once it exists
    for (let i = 0; i < 60 && !(await recipient.page.$('.incoming a.button[href^="/plans/"]')); i++) {
      await new Promise((r) => setTimeout(r, 500));
      await recipient.page.reload({ waitUntil: 'load' });
    }
    await recipient.shot('van-ban-den-da-xac-nhan');
    expect(await recipient.text('.incoming')).toContain('Kế hoạch triển khai của đơn vị');
  });

  it('the body that must implement it finds its child draft, citing the parent, in its work', async () => {
    const childDrafter = await person('db-stc.drafter');
    const numberSymbol = (await db().query(`SELECT number_symbol FROM plan WHERE id = $1`, [planId]))[0].number_symbol as string;
    // the cascade drafts it in a job after the issuance: wait for the row, then look as a person would
    for (let i = 0; i < 60 && !(await db().query(`SELECT 1 FROM plan WHERE parent_plan_id = $1`, [planId])).length; i++)
      await new Promise((r) => setTimeout(r, 500));
    const section = await work(childDrafter);
    expect(section).toContain('Kế hoạch cần xây dựng theo cấp trên');
    expect(await childDrafter.text('#thong-bao .source-cascade')).toContain('Cần xây dựng kế hoạch thực hiện');
    expect(await childDrafter.text('section[aria-labelledby="sec-childPlans"] .work-item')).toMatch(/Hạn: \d{2}\/\d{2}\/\d{4}/);
    await childDrafter.docShot('viec-can-lam');
    await childDrafter.clickAndWait('section[aria-labelledby="sec-childPlans"] .work-item a', 'ke-hoach-con');
    expect(await childDrafter.page.$eval('[id="f-preamble"]', (t) => (t as HTMLTextAreaElement).value)).toContain(numberSymbol);
    expect(await childDrafter.text('.crumbs')).toBeTruthy();
    await childDrafter.clickText('Xem văn bản', 'ke-hoach-con-van-ban');
    expect(await childDrafter.page.$eval('a[href^="/plans/"][href$="' + planId + '"]', (a) => a.textContent)).toBe('Kế hoạch cấp trên');
  });

  it('the auditor reads the history: who, when, what, from and to, the reason, the hashes; the chain verifies; the path on the statechart', async () => {
    const auditor = await person('tu-bd.auditor');
    await auditor.clickText('Kiểm tra', 'kiem-tra');
    expect(await auditor.text('.verify')).toContain('Toàn vẹn');
    await auditor.fill('Tìm kế hoạch (có hoặc không dấu)', 'nhiem vu trong tam thuc hien dan chu');
    await auditor.clickText('Tìm', 'kiem-tra-tim');
    // the demo holds the published seed too: the auditor opens the one of this story
    await auditor.clickAndWait(`a[href="/plans/${planId}/history"]`, 'lich-su');
    const timeline = await auditor.text('.timeline');
    for (const line of [
      'Tạo dự thảo',
      'Lưu nội dung',
      'Trình duyệt',
      'Trả lại',
      'Lý do: Cần nêu rõ thời gian sơ kết 6 tháng.',
      'Nhập sai mật khẩu khi ký',
      'Ký ban hành',
      'Đang duyệt → Dự thảo',
      'Chờ ký → Chờ cấp số',
      'Cấp số, ban hành',
      'Chờ cấp số → Đã ký',
    ]) {
      expect(timeline).toContain(line);
    }
    // Each approval names its review step, not "Duyệt" twice.
    const names = await auditor.page.$$eval('.timeline .tl-head strong', (els) => els.map((e) => e.textContent));
    expect(names).toEqual(expect.arrayContaining(['Duyệt nội dung', 'Kiểm tra thể thức']));
    expect(names).not.toContain('Duyệt');
    expect(await auditor.text('.verify')).toContain('Toàn vẹn');
    // the statechart marks the state the plan is in and the road it took
    expect(await auditor.page.$$eval('.statechart .state.visited text', (ts) => ts.map((t) => t.textContent))).toEqual(
      expect.arrayContaining(['Dự thảo', 'Đang duyệt', 'Chờ ký', 'Chờ cấp số', 'Đã ký']),
    );
    expect(await auditor.page.$$eval('.transitions tr.taken td:nth-child(3)', (tds) => tds.map((td) => td.textContent))).toEqual(
      expect.arrayContaining(['Trình duyệt', 'Trả lại / Rút lại', 'Ký ban hành', 'Cấp số, ban hành']),
    );
    await auditor.docShot('lich-su');
    const csv = await auditor.page.evaluate(async (url) => (await fetch(url)).text(), `/plans/${planId}/history.csv`);
    expect(csv.split('\r\n')[0]).toContain('seq,at,atVietnam,actorId,actorName,event');
    expect(csv).toContain('Cần nêu rõ thời gian sơ kết 6 tháng.');
    const json = await auditor.page.evaluate(async (url) => (await fetch(url)).json(), `/plans/${planId}/history.json`);
    expect(json.events.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(['SUBMIT', 'RETURN', 'APPROVE', 'STEP_UP_FAILED', 'SIGN', 'ISSUE']),
    );
  });

  it('fits a phone: the history with its statechart, the document, the work page', async () => {
    const phone = await browser.person('dien-thoai', PHONE);
    await phone.login('tu-bd.auditor');
    for (const path of [`/plans/${planId}/history`, `/plans/${planId}`, `/plans/${planId}/cascade`, '/']) {
      await phone.open(path, path.split('/').pop() || 'viec-can-lam');
      const width = await phone.contentWidth();
      expect({ path, width, sticking: width > PHONE.width ? await phone.overflowing() : [] }).toEqual({ path, width: PHONE.width, sticking: [] });
    }
    await phone.open(`/plans/${planId}/history`, 'lich-su');
    await phone.docShot('dien-thoai-lich-su');
    expect(phone.pageErrors).toEqual([]);
  });

  it('fits a phone: the plans table and the distribution board with its buttons, nothing scrolls sideways', async () => {
    const phone = await browser.person('dien-thoai-van-thu', PHONE);
    await phone.login('bcd-duk.clerk');
    for (const path of ['/plans', `/plans/${planId}/distribution`]) {
      await phone.open(path, path.split('/').pop()!);
      if (path.endsWith('/distribution')) await phone.page.waitForFunction(() => document.querySelectorAll('#board-rows tr').length > 0);
      const width = await phone.contentWidth();
      expect({ path, width, sticking: width > PHONE.width ? await phone.overflowing() : [] }).toEqual({ path, width: PHONE.width, sticking: [] });
      // Every table, cell and button lies inside the screen: no box of its own scrolls sideways either.
      const outside = await phone.page.evaluate(
        (w) =>
          [...document.querySelectorAll('table, td, th, button')]
            .filter((e) => {
              const r = e.getBoundingClientRect();
              return r.width > 0 && (r.right > w + 0.5 || r.left < -0.5);
            })
            .map((e) => `${e.tagName} ${(e.textContent ?? '').trim().slice(0, 30)}`),
        PHONE.width,
      );
      expect({ path, outside }).toEqual({ path, outside: [] });
      if (path === '/plans') await phone.docShot('dien-thoai-danh-sach');
      else await phone.docShot('dien-thoai-phat-hanh');
    }
    expect(phone.pageErrors).toEqual([]);
  });

  it('fits a phone: the work page with its inbox, văn bản đến, the distribution board', async () => {
    for (const [username, paths] of [
      ['db-stc.clerk', ['/', '/incoming']],
      ['bcd-duk.clerk', ['/', `/plans/${planId}/distribution`]],
    ] as const) {
      const phone = await browser.person(`dien-thoai-${username.replace(/\./g, '-')}`, PHONE);
      await phone.login(username);
      for (const path of paths) {
        await phone.open(path, path.split('/').pop() || 'viec-can-lam');
        const width = await phone.contentWidth();
        expect({ path, width, sticking: width > PHONE.width ? await phone.overflowing() : [] }).toEqual({ path, width: PHONE.width, sticking: [] });
      }
      expect(phone.pageErrors).toEqual([]);
    }
  });
});
