import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrganizationsService } from '@app/identity';
import type { PlanContent } from '@app/plans';
import { DocumentMode, RenderingService } from '@app/rendering';
import { vietnamDate } from '@app/common';
import { BrowserSession, BrowserUser, PHONE } from '../../support/browser-user';
import { pdfFile, pdftotext } from '../../support/pdf-tools';
import { createPlan } from '../../support/plan-factory';
import { wordsInOrderRatio } from '../../support/seed-text';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, withFutureDeadlines } from '../../support/workflow-client';

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
const seed = (name: string): PlanContent => withFutureDeadlines(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));

/**
 * The web preview and the PDF are one view: the plan page and the signing page embed the
 * renderer's own document (same markup, numbering and font as the PDF), and the signing page
 * shows what will be issued: no DỰ THẢO, number and date blank for the register.
 */
describe('web UI: the document preview is the document the PDF prints (in Chromium)', () => {
  let t: TestApp;
  let browser: BrowserSession;
  let partyPlan: string;
  let statePlan: string;

  /** The document the renderer makes for this plan in this mode, serialized by the page's own parser. */
  async function rendered(user: BrowserUser, planId: string, mode: DocumentMode): Promise<string> {
    const rendering = t.app.get(RenderingService);
    const row = (await t.app.get(OrganizationsService).list()).find((o) => o.code === (planId === statePlan ? 'ubnd-nh' : 'bcd-duk'))!;
    const content = planId === statePlan ? seed('state-xa-2024-48-KH-UBND.json') : seed('party-thixa-2023-draft.json');
    const html = rendering.documentHtml({ issuer: row, content, mode });
    return user.page.evaluate((source) => {
      const template = document.createElement('template');
      template.innerHTML = source;
      return (template.content.firstElementChild as HTMLElement).outerHTML;
    }, html);
  }

  const embedded = (user: BrowserUser) => user.page.$eval('.paper .document', (el) => el.outerHTML);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    partyPlan = await createPlan(t, 'bcd-duk.drafter', seed('party-thixa-2023-draft.json'));
    statePlan = await createPlan(t, 'ubnd-nh.drafter', seed('state-xa-2024-48-KH-UBND.json'));
    browser = await BrowserSession.start(t, 'document-preview');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it("the plan page of a draft embeds the PDF's document, in its font, and reads as the PDF preview", async () => {
    const drafter = await browser.person('soan-thao');
    await drafter.login('bcd-duk.drafter');
    expect(await drafter.open(`/plans/${partyPlan}`, 'du-thao')).toBe(200);
    const year = vietnamDate(new Date()).year;
    expect(await embedded(drafter)).toBe(await rendered(drafter, partyPlan, { kind: 'draft', round: 1, year }));
    const look = await drafter.page.evaluate(async () => {
      await document.fonts.ready;
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        fontLoaded: document.fonts.check('14pt Tinos') && [...document.fonts].some((f) => f.family.includes('Tinos') && f.status === 'loaded'),
        family: style('.paper .document .preamble').fontFamily,
        itemWeight: style('.paper .document p.item:not(.heading)').fontWeight,
        size: style('.paper .document .preamble').fontSize,
        draftMarks: document.querySelectorAll('.paper .draft-box, .paper .draft-watermark').length,
      };
    });
    // 14 pt is 18.67 CSS px; numbering in the text's own weight, as printed.
    expect(look).toEqual({
      fontLoaded: true,
      family: expect.stringContaining('Tinos'),
      itemWeight: '400',
      size: expect.stringMatching(/^18\.6\d*px$/),
      draftMarks: 2,
    });
    const pdf = await drafter.page.evaluate(
      async (url) => Array.from(new Uint8Array(await (await fetch(url)).arrayBuffer())),
      `/api/plans/${partyPlan}/preview.pdf`,
    );
    const pdfText = pdftotext(pdfFile(Buffer.from(pdf), 'preview.pdf')).normalize('NFC');
    // The PDF prints each footnote at the foot of its page, the web after the text: compared apart.
    const web = await drafter.page.$eval('.paper .document', (el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      const notes = copy.querySelector('.footnotes');
      notes?.remove();
      return { text: copy.textContent ?? '', notes: [...(notes?.querySelectorAll('p') ?? [])].map((p) => p.textContent ?? '') };
    });
    expect(wordsInOrderRatio(web.text.normalize('NFC'), pdfText).ratio).toBeGreaterThanOrEqual(0.99);
    expect(web.notes).toHaveLength(3);
    for (const note of web.notes) expect(wordsInOrderRatio(note.normalize('NFC'), pdfText).ratio).toBe(1);
    await drafter.docShot('van-ban-du-thao');
  });

  it('on a phone the sheet is scaled to the screen, nothing sticks out', async () => {
    const phone = await browser.person('soan-thao-dien-thoai', PHONE);
    await phone.login('ubnd-nh.drafter');
    expect(await phone.open(`/plans/${statePlan}`, 'du-thao-dien-thoai')).toBe(200);
    expect(await phone.overflowing()).toEqual([]);
    const zoom = await phone.page.$eval('.paper-sheet', (el) => Number((el as HTMLElement).style.zoom));
    expect(zoom).toBeGreaterThan(0.3);
    expect(zoom).toBeLessThan(1);
    expect(await phone.contentWidth()).toBeLessThanOrEqual(PHONE.width);
  });

  it('the signing page shows the text as it will be issued: no DỰ THẢO, number and date blank for the register', async () => {
    await expectTransition(t, 'ubnd-nh.drafter', statePlan, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'ubnd-nh.reviewer', statePlan, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'ubnd-nh.format_checker', statePlan, { type: 'APPROVE' }, 'awaitingSignature');
    const year = vietnamDate(new Date()).year;
    for (const [name, viewport] of [
      ['ky', undefined],
      ['ky-dien-thoai', PHONE],
    ] as const) {
      const signer = await browser.person(name, viewport);
      await signer.login('ubnd-nh.signer');
      expect(await signer.open(`/plans/${statePlan}/sign`, 'trang-ky')).toBe(200);
      expect(await embedded(signer)).toBe(await rendered(signer, statePlan, { kind: 'final', year }));
      const text = (await signer.text('.paper')).normalize('NFC');
      expect(text).not.toContain('DỰ THẢO');
      expect(text).toMatch(/Số:\s+\/KH-UBND/);
      expect(text).toMatch(new RegExp(`Nhơn Hậu, ngày\\s+tháng\\s+năm ${year}`));
      expect(await signer.page.$$('.paper .draft-box, .paper .draft-watermark')).toHaveLength(0);
      // The page's own styles stay out of the document: the capacity line prints bare.
      const capacity = await signer.page.$eval('.paper .signature .capacity', (el) => {
        const style = getComputedStyle(el);
        return { border: style.borderTopStyle, background: style.backgroundColor, weight: style.fontWeight, family: style.fontFamily };
      });
      expect(capacity).toEqual({ border: 'none', background: 'rgba(0, 0, 0, 0)', weight: '700', family: expect.stringContaining('Tinos') });
      if (viewport) expect(await signer.overflowing()).toEqual([]);
      else await signer.docShot('ky-ban-hanh');
    }
  });
});
