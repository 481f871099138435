import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { PlanContent } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';

/** The State seed (Kế hoạch 48/KH-UBND of UBND xã Nhơn Hậu), typed into the editor by its drafter. */
const SEED: PlanContent = JSON.parse(readFileSync(join(__dirname, '..', '..', 'fixtures', 'state-xa-2024-48-KH-UBND.json'), 'utf8'));

describe('web UI: the plan editor (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let drafter: BrowserUser;
  let planId: string;

  const db = () => t.app.get(DataSource);
  const currentVersion = async () => (await db().query(`SELECT current_version FROM plan WHERE id = $1`, [planId]))[0].current_version as number;
  const savedContent = async (): Promise<PlanContent> =>
    (await db().query(`SELECT v.content FROM plan_version v JOIN plan p ON p.id = v.plan_id AND v.version = p.current_version WHERE p.id = $1`, [planId]))[0].content;
  /** The id of what the last operation added: the editor opens at it (#el-<id>). */
  const focusedId = () => drafter.page.evaluate(() => decodeURIComponent(location.hash.replace(/^#el-/, '')));
  const field = (name: string) => `[id="f-${name}"]`;
  /** Long texts are pasted (one input event), short ones typed key by key. */
  const enter = async (name: string, value: string) => {
    await drafter.page.click(field(name), { count: 3 });
    await drafter.page.$eval(field(name), (el) => ((el as HTMLInputElement).value = ''));
    if (value.length > 80) await drafter.page.keyboard.sendCharacter(value);
    else await drafter.page.type(field(name), value);
  };
  const press = (op: string, label: string) => drafter.clickAndWait(`button[name="op"][value="${op}"]`, label);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    browser = await BrowserSession.start(t, 'plan-editor');
    drafter = await browser.person('soan-thao');
    await drafter.login('ubnd-nh.drafter');
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
});
