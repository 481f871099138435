import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ElementHandle } from 'puppeteer-core';
import { DataSource } from 'typeorm';
import type { BrowserUser } from '../../support/browser-user';
import { DESKTOP, deskAndPhone, PHONE } from '../../support/browser-user';
import { RenderingService, svgToPng } from '@app/rendering';
import { pdfFile } from '../../support/pdf-tools';

/**
 * Issue 15: the signer puts up their own signature image from their menu ("Ảnh chữ ký"), the
 * organization's administrator the seal from its page (in Chromium, desktop and phone); a file
 * that is not a PNG is refused on the page, in Vietnamese, and nothing changes.
 */
describe('web UI: signature images and the seal', () => {
  const ui = deskAndPhone('stamp-images', 'signer');
  let signaturePng: string;
  let sealPng: string;

  beforeAll(async () => {
    const pool = ui.t.app.get(RenderingService).pool;
    signaturePng = pdfFile(
      await svgToPng(
        pool,
        `<svg xmlns="http://www.w3.org/2000/svg" width="333" height="111"><path d="M10 90 C 100 10, 200 110, 320 20" stroke="#1633a8" stroke-width="6" fill="none"/></svg>`,
      ),
      'chu-ky.png',
    );
    sealPng = pdfFile(
      await svgToPng(
        pool,
        `<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" stroke="#c8102e" stroke-width="8" fill="none"/></svg>`,
      ),
      'con-dau.png',
    );
  });

  /**
   * Chooses the file in the upload form and sends it. The page's script goes where the server
   * says (a new page), or writes the page with the problem in place (no navigation).
   */
  async function upload(person: BrowserUser, inputSelector: string, file: string, label: string, refused = false): Promise<void> {
    const input = (await person.page.waitForSelector(inputSelector)) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
    const send = () => input.evaluate((el) => (el as HTMLInputElement).form!.querySelector<HTMLButtonElement>('button[type=submit]')!.click());
    if (refused) {
      await send();
      await person.page.waitForSelector('#form-failure');
    } else {
      await Promise.all([person.page.waitForNavigation({ waitUntil: 'load' }), send()]);
    }
    await person.shot(label);
  }

  const loaded = (person: BrowserUser, selector: string) =>
    person.page.waitForFunction(
      (s) => [...document.querySelectorAll<HTMLImageElement>(s)].some((img) => img.complete && img.naturalWidth > 0),
      {},
      selector,
    );

  it('the signer puts up their signature image from their menu, and a file that is not a PNG is refused', async () => {
    const { desk } = ui;
    await desk.login('bcd-duk.signer');
    expect(await desk.clickText('Ảnh chữ ký', 'anh-chu-ky')).toBe(200);
    expect(await desk.text('h1')).toBe('Ảnh chữ ký của tôi');
    expect(await desk.text('main')).toMatch(/BAN CHỈ ĐẠO|Ban Chỉ đạo/);
    expect(await desk.unlabeled()).toEqual([]);

    const before = Number((await ui.t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM stamp_image`))[0].n);
    const notPng = join(signaturePng, '..', 'khong-phai-png.png');
    writeFileSync(notPng, 'GIF89a không phải ảnh PNG');
    await upload(desk, 'input[type=file]', notPng, 'anh-chu-ky-sai-tep', true);
    expect(await desk.text('#form-failure')).toMatch(/PNG/);
    expect(Number((await ui.t.app.get(DataSource).query(`SELECT count(*)::int AS n FROM stamp_image`))[0].n)).toBe(before);

    await desk.open('/account/signature', 'anh-chu-ky-lai');
    await upload(desk, 'input[type=file]', signaturePng, 'anh-chu-ky-da-tai');
    expect(new URL(desk.page.url()).pathname).toBe('/account/signature');
    expect(await desk.text('.flash, [role=status], .alert')).toMatch(/Đã thay ảnh chữ ký/);
    await loaded(desk, 'img.stamp-preview');
    expect(await desk.page.$eval('img.stamp-preview', (img) => (img as HTMLImageElement).naturalWidth)).toBe(333);
    expect(desk.pageErrors).toEqual([]);
  });

  it('the administrator puts up the seal on the organization’s page', async () => {
    const { phone } = ui;
    // The administrator works from a phone here: the page must fit it.
    await phone.login('bcd-duk.admin');
    const [{ id }] = await ui.t.app.get(DataSource).query(`SELECT id FROM organization WHERE code = 'bcd-duk'`);
    expect(await phone.open(`/admin/organizations/${id}`, 'to-chuc-con-dau')).toBe(200);
    expect(await phone.text('#seal-title')).toBe('Ảnh con dấu');
    await upload(phone, '#f-seal', sealPng, 'con-dau-da-tai');
    expect(await phone.text('.flash, [role=status], .alert')).toMatch(/Đã thay ảnh con dấu/);
    await loaded(phone, 'img.stamp-preview');
    expect(await phone.contentWidth()).toBeLessThanOrEqual(390);
    expect(await phone.overflowing()).toEqual([]);
    // The signing authorities, each with the signature image its holder put up (the table scrolls sideways on a phone).
    expect(await phone.open('/admin/authorities', 'tham-quyen-ky-anh-chu-ky')).toBe(200);
    expect(await phone.text('thead')).toContain('Ảnh chữ ký');
    await loaded(phone, 'td.stamp-cell img.stamp-preview');
    expect(await phone.overflowing()).toEqual([]);
    expect(await phone.unlabeled()).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('the signature page fits a phone', async () => {
    const { desk } = ui;
    await desk.page.setViewport(PHONE);
    // (200, or 304 when the browser's copy of the page is still the same)
    expect([200, 304]).toContain(await desk.open('/account/signature', 'anh-chu-ky-dien-thoai'));
    expect(await desk.contentWidth()).toBeLessThanOrEqual(390);
    expect(await desk.overflowing()).toEqual([]);
    await desk.page.setViewport(DESKTOP);
  });
});
