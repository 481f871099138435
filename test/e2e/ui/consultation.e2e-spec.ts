import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser } from '../../support/browser-user';
import { createPlan } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { withFutureDeadlines } from '../../support/workflow-client';

/**
 * Xin ý kiến in Chromium: the drafter circulates a draft (the Party seed, created through the
 * API: the story test types one in by hand) to two consultees, one comments on a part, the other
 * has nothing to add; the drafter accepts the comment and can then submit.
 */
const SEED: PlanContent = withFutureDeadlines(
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'party-khoi-2024-04-KH-BCD.json'), 'utf8')),
);

describe('web UI: consultation on a draft (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let planId: string;
  let drafter: BrowserUser;

  const state = async () => (await t.app.get(DataSource).query(`SELECT state FROM plan WHERE id = $1`, [planId]))[0].state as string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    planId = await createPlan(t, 'bcd-duk.drafter', SEED);
    browser = await BrowserSession.start(t, 'consultation');
    drafter = await browser.person('soan-thao');
    await drafter.login('bcd-duk.drafter');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the drafter circulates the draft to two consultees with a deadline', async () => {
    await drafter.open(`/plans/${planId}`, 'ke-hoach');
    expect(await drafter.text('.action-details summary')).toBe('Xin ý kiến');
    await drafter.page.click('.action-details summary');
    const options = await drafter.page.$$eval('input[name="consultees"]', (boxes) =>
      boxes.map((b) => (b.parentElement as HTMLElement).innerText.trim()),
    );
    expect(options.some((o) => o.includes('Ban Chỉ đạo'))).toBe(true);
    for (const org of ['Ban Chỉ đạo', 'Đảng ủy Khối các cơ quan tỉnh Bình Định']) {
      const box = await drafter.page.$$eval(
        'input[name="consultees"]',
        (boxes, wanted) => boxes.findIndex((b) => (b.parentElement as HTMLElement).innerText.includes(`(${wanted}`)),
        org,
      );
      await (await drafter.page.$$('input[name="consultees"]'))[box].click();
    }
    expect(await drafter.clickText('Gửi xin ý kiến', 'da-xin-y-kien')).toBe(200);
    expect(await drafter.text('[role="status"]')).toContain('Đã gửi xin ý kiến');
    expect(await state()).toBe('consultation');
    expect(await drafter.text('[aria-labelledby="wf-title"]')).toContain('chưa trả lời');
  });

  it('a consultee comments on a part; another has nothing to add; the round closes', async () => {
    const first = await browser.person('gop-y-1');
    await first.login('bcd-duk.consultee');
    await first.clickText('Việc cần làm', 'viec-can-lam');
    await first.clickAndWait('section[aria-labelledby="sec-consultations"] .work-item a', 'gop-y');
    await first.choose('Mục, điểm', 'Mục II-');
    await first.page.type('#cm-text-0', 'Đề nghị nêu rõ thời gian sơ kết 6 tháng.');
    expect(await first.clickText('Gửi góp ý', 'da-gop-y')).toBe(200);
    expect(await first.text('[role="status"]')).toContain('Đã gửi góp ý');
    const second = await browser.person('gop-y-2');
    await second.login('duk-bd.consultee');
    await second.open(`/plans/${planId}/consult`, 'gop-y-2');
    expect(await second.clickText('Không có ý kiến', 'khong-co-y-kien')).toBe(200);
    expect(await state()).toBe('draft');
  });

  it('the drafter must answer the comment before submitting; accepts it; then submits', async () => {
    await drafter.open(`/plans/${planId}`, 'gop-y-can-tra-loi');
    expect(await drafter.text('.comments')).toContain('Đề nghị nêu rõ thời gian sơ kết 6 tháng.');
    expect(await drafter.text('.comments')).toContain('Mục II-');
    expect(await drafter.text('.comments')).not.toContain('Phần');
    // submitting with the comment unanswered is refused, with the reason and what can be done
    expect(await drafter.page.$('form input[name="type"][value="SUBMIT"]')).toBeNull();
    await drafter.fill('Ghi chú', 'Đã bổ sung vào mục III.');
    expect(await drafter.clickText('Ghi nhận', 'da-tiep-thu')).toBe(200);
    expect(await drafter.text('.comments')).toContain('Tiếp thu');
    expect(await drafter.clickText('Trình duyệt', 'da-trinh')).toBe(200);
    expect(await state()).toBe('review');
    expect(drafter.pageErrors).toEqual([]);
  });
});
