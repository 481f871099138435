import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { PlanContent, Table } from '@app/plans';
import { BrowserSession, BrowserUser, PHONE, SCREENSHOT_DIR } from '../../support/browser-user';
import { openEditor, PlanEditorDriver, savedPlan } from '../../support/plan-editor-driver';
import { createTestApp, TestApp } from '../../support/test-app';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'appendix', 'state-xa-2025-appendix.txt');

describe('web UI: tables and appendices in the editor, the plan page and the diff (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let drafter: BrowserUser;
  let editor: PlanEditorDriver;
  let planId: string;
  /** Versions around the row added in the editor, for the diff. */
  const versions = { withRow: 0, withoutRow: 0 };
  const currentVersion = async () => (await savedPlan(db(), planId)).version;

  const db = () => t.app.get(DataSource);
  const saved = async (): Promise<PlanContent> => (await savedPlan(db(), planId)).content;
  /** The part of the page a person looks at (the appendix, its table), as they see it. */
  const shotOf = async (user: BrowserUser, selector: string, label: string) => {
    const box = (await (await user.page.$(selector))!.boundingBox())!;
    const clip = { x: box.x, y: box.y + (await user.page.evaluate(() => window.scrollY)), width: box.width, height: Math.min(box.height, 1200) };
    await user.page.screenshot({ path: join(SCREENSHOT_DIR, 'plan-tables', `${label}.png`) as `${string}.png`, clip, captureBeyondViewport: true });
  };
  const appendixTable = (content: PlanContent): Table => content.appendices[0].children.find((n): n is Table => n.kind === 'table')!;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const res = await request(t.http)
      .post('/api/plans/import?save=true')
      .set('Authorization', `Bearer ${await t.token('ubnd-nh.drafter')}`)
      .attach('file', readFileSync(FIXTURE), 'ke-hoach-phu-luc.txt');
    expect(res.status).toBe(201);
    planId = res.body.planId;
    ({ browser, drafter, editor } = await openEditor(t, 'plan-tables'));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(drafter.pageErrors).toEqual([]));

  it('edits the appendix table: rows added, typed, moved and removed; columns added, moved and removed', async () => {
    expect(await drafter.open(`/plans/${planId}/edit#appendices`, 'soan-thao-phu-luc')).toBe(200);
    const before = appendixTable(await saved());
    expect(await drafter.page.$$eval('.etable-grid', (els) => els.length)).toBe(2);

    // A row after the first task row, filled in as a task.
    await editor.press(`table|row-add|${before.id}|${before.rows[1].id}`, 'them-hang');
    const rowId = await editor.focusedId();
    const cell = (k: number) => `b.${before.id}.r.${rowId}.c${k}`;
    await editor.enter(cell(0), '2');
    await editor.enter(cell(1), 'Rà soát danh sách hộ dân vùng sạt lở');
    await editor.enter(cell(2), 'Công an xã');
    await editor.enter(cell(4), 'Quý II/2025');
    await editor.press(`table|row-task|${before.id}|${rowId}`, 'hang-la-nhiem-vu');
    let table = appendixTable(await saved());
    versions.withRow = await currentVersion();
    expect(table.rows).toHaveLength(before.rows.length + 1);
    expect(table.rows[2]).toMatchObject({
      id: rowId,
      cells: [
        { text: '2' },
        { text: 'Rà soát danh sách hộ dân vùng sạt lở' },
        { text: 'Công an xã' },
        { text: '' },
        { text: 'Quý II/2025' },
        { text: '' },
      ],
    });
    expect(table.rows[2].task).toMatchObject({ carriedOutBy: 'Công an xã', timeframe: { kind: 'text', text: 'Quý II/2025' } });

    // Moved down one, then removed.
    await editor.press(`table|row-down|${before.id}|${rowId}`, 'hang-xuong');
    expect(appendixTable(await saved()).rows[3].id).toBe(rowId);
    drafter.page.once('dialog', (dialog) => void dialog.accept());
    await editor.press(`table|row-delete|${before.id}|${rowId}`, 'xoa-hang');
    expect(appendixTable(await saved()).rows.map((r) => r.id)).toEqual(before.rows.map((r) => r.id));
    versions.withoutRow = await currentVersion();

    // A column after "Sản phẩm", named "Ghi chú"; moved left of it; removed. Group rows keep spanning the width.
    await editor.press(`table|col-add|${before.id}|6`, 'them-cot');
    table = appendixTable(await saved());
    expect(table.columns).toHaveLength(7);
    expect(table.rows[0].cells.map((c) => c.colSpan)).toEqual([1, 6]);
    const added = table.columns[6].id;
    await editor.enter(`b.${before.id}.col.${added}.title`, 'Ghi chú');
    await editor.press(`table|col-left|${before.id}|6`, 'cot-sang-trai');
    table = appendixTable(await saved());
    expect(table.columns.map((c) => c.title)).toEqual([
      'TT',
      'Nội dung nhiệm vụ',
      'Cơ quan chủ trì',
      'Cơ quan phối hợp',
      'Thời gian hoàn thành',
      'Ghi chú',
      'Sản phẩm',
    ]);
    expect(table.rows[1].cells.map((c) => c.text)).toEqual([
      ...before.rows[1].cells.slice(0, 5).map((c) => c.text),
      '',
      before.rows[1].cells[5].text,
    ]);
    drafter.page.once('dialog', (dialog) => void dialog.accept());
    await editor.press(`table|col-delete|${before.id}|5`, 'xoa-cot');
    table = appendixTable(await saved());
    expect(table.columns.map((c) => c.id)).toEqual(before.columns.map((c) => c.id));
    expect(table.rows).toEqual(before.rows);
    await drafter.shot('bang-sau-khi-sua');
    await shotOf(drafter, '#appendices', 'phu-luc-may-tinh');
  });

  it('the diff between versions names the rows added and removed', async () => {
    const diff = async (from: number, to: number) =>
      (
        await request(t.http)
          .get(`/api/plans/${planId}/diff?from=${from}&to=${to}`)
          .set('Authorization', `Bearer ${await t.token('ubnd-nh.drafter')}`)
          .expect(200)
      ).body;
    const added = await diff(1, versions.withRow);
    expect(added.rows).toEqual([expect.objectContaining({ change: 'added', text: 'Rà soát danh sách hộ dân vùng sạt lở' })]);
    expect(added.tasks).toEqual([expect.objectContaining({ change: 'added', text: 'Rà soát danh sách hộ dân vùng sạt lở' })]);
    const removed = await diff(versions.withRow, versions.withoutRow);
    expect(removed.rows).toEqual([expect.objectContaining({ change: 'removed' })]);
    // The versions page shows the same redline, section "Hàng của bảng".
    await drafter.open(`/plans/${planId}/versions?from=1&to=${versions.withRow}`, 'phien-ban');
    expect(await drafter.text()).toContain('Hàng của bảng');
  });

  it('a phone reads the table: the editor scrolls the table sideways, the plan page shows the sheet fitted to the screen', async () => {
    const phone = await browser.person('soan-thao-dien-thoai', PHONE);
    await phone.login('ubnd-nh.drafter');
    // The plan page shows the document as the PDF prints it (one view), scaled to the screen's width.
    for (const [path, label, holder] of [
      [`/plans/${planId}`, 'ke-hoach-dien-thoai', '.paper-sheet .document table'],
      [`/plans/${planId}/edit#appendices`, 'soan-thao-dien-thoai', '.table-scroll'],
    ]) {
      expect(await phone.open(path, label)).toBe(200);
      const widths = await phone.page.evaluate(() => ({ page: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.page).toBeLessThanOrEqual(widths.view + 1);
      expect(await phone.page.$$eval(holder, (els) => els.length)).toBeGreaterThan(0);
    }
    await shotOf(phone, '#appendices', 'phu-luc-dien-thoai');
    await phone.open(`/plans/${planId}`, 'ke-hoach-dien-thoai-lai');
    await shotOf(phone, '.paper-sheet .appendix', 'phu-luc-van-ban-dien-thoai');
    expect(await phone.text()).toContain('PHỤ LỤC');
    expect(phone.pageErrors).toEqual([]);
  });
});
