import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import { BrowserSession, BrowserUser } from '../../support/browser-user';
import { createTestApp, TestApp } from '../../support/test-app';

import { SEEDS_DIR as SEEDS } from '../../support/seeds';

describe('web UI: import a plan from a file (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let drafter: BrowserUser;
  const plans = async () => Number((await t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM plan`))[0].n);
  const choose = async (file: string) => {
    const input = (await drafter.page.$('#f-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    browser = await BrowserSession.start(t, 'import');
    drafter = await browser.person('drafter');
    await drafter.login('ubnd-nh.drafter');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(drafter.pageErrors).toEqual([]));

  it('previews the structure beside the report, then saves the draft', async () => {
    expect(await drafter.open('/import', 'trang-nhap')).toBe(200);
    expect(await drafter.text('h1')).toBe('Nhập kế hoạch từ tệp');
    expect(await drafter.text()).toContain('Cơ quan ban hành: Ủy ban nhân dân xã Nhơn Hậu');

    await choose(join(SEEDS, 'state-xa-2024-48-KH-UBND.txt'));
    const before = await plans();
    await drafter.page.click('button[value="preview"]');
    await drafter.page.waitForSelector('#imp-report');
    await drafter.shot('xem-truoc');
    const preview = await drafter.text('.imp-preview');
    expect(preview).toContain('Văn bản hành chính Nhà nước');
    expect(preview).toContain('48/KH-UBND');
    expect(preview).toContain('I. MỤC ĐÍCH, YÊU CẦU');
    expect(preview).toContain('Nghị định số 59/2023/NĐ-CP');
    expect(preview).toContain('TT.Đảng ủy (B/C)');
    expect(preview).toContain('Giã Văn Thọ');
    const report = await drafter.text('.imp-report');
    expect(report).toContain('Không nhận ra (0)');
    // Roman-numeral parts are "Mục", their numbered items "Điểm"; cited documents "Văn bản căn cứ".
    expect(report).toContain('Điểm đánh số');
    expect(report).not.toContain('Phần (I, II');
    expect(await drafter.text('.imp-preview')).toContain('Văn bản căn cứ');
    expect(await plans()).toBe(before);

    // After the preview the page is the result page: choose the file again and save.
    await choose(join(SEEDS, 'state-xa-2024-48-KH-UBND.txt'));
    const [response] = await Promise.all([drafter.page.waitForNavigation({ waitUntil: 'load' }), drafter.page.click('button[value="save"]')]);
    await drafter.shot('da-luu');
    expect(response?.status()).toBe(200);
    expect(drafter.page.url()).toMatch(/\/plans\/[0-9a-f-]{36}$/);
    expect(await drafter.text()).toContain('Đã nhập "state-xa-2024-48-KH-UBND.txt" thành dự thảo');
    expect(await plans()).toBe(before + 1);
  });

  it('says clearly why a file is refused, and saves nothing', async () => {
    await drafter.open('/import', 'trang-nhap-2');
    const before = await plans();
    await choose(join(__dirname, '..', '..', 'fixtures', 'seed-plans.json'));
    await drafter.page.click('button[value="save"]');
    await drafter.page.waitForSelector('#form-failure');
    await drafter.shot('tu-choi');
    expect(await drafter.text('#form-failure')).toContain('chỉ nhận .docx, .md hoặc .txt');
    expect(await plans()).toBe(before);
  });
});
