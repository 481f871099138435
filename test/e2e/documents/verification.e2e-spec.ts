import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { dateLinePhrase, parseIsoDate } from '@app/common';
import { Organization } from '@app/identity';
import { Plan } from '@app/plans';
import { sha256Hex } from '@app/rendering';
import { PlanVerification, VerificationCodesService } from '@app/verification';
import { BrowserSession, PHONE } from '../../support/browser-user';
import { signThroughApi } from '../../support/issued-plan';
import { pageCount, pageImage, pdfFile, pdftotext, qrCodes } from '../../support/pdf-tools';
import { createPlan, planContent } from '../../support/plan-factory';
import { createTestApp, TestApp } from '../../support/test-app';
import { withFutureDeadlines } from '../../support/workflow-client';

const PUBLIC_URL = 'https://kehoach.test';
const LIMIT = 6;
const UPLOAD_LIMIT = 3 * 1024 * 1024;
const ENV = {
  PUBLIC_URL,
  TRUST_PROXY: '1',
  VERIFY_REQUESTS_PER_MINUTE: String(LIMIT),
  VERIFY_UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT),
};

/** Every request comes from its own client address (behind the proxy), except where the rate limit is the subject. */
let clients = 0;
const nextClient = () => `198.51.${Math.floor(++clients / 250)}.${clients % 250}`;

function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  (res as unknown as NodeJS.ReadableStream).on('data', (c: Buffer) => chunks.push(c));
  (res as unknown as NodeJS.ReadableStream).on('end', () => cb(null, Buffer.concat(chunks)));
}

/**
 * The public verification page, from outside and without a session: a plan issued through the
 * API carries its address as a QR code on its last page; the page shows only issued plans'
 * public facts; a dropped PDF is compared byte for byte and its signatures checked.
 */
describe('the public verification page', () => {
  let t: TestApp;
  let plan: Plan;
  let issuer: Organization;
  let code: string;
  let issuedPdf: Buffer;
  let issuedFile: string;
  let draftId: string;
  let draftCode: string;

  const get = (path: string, accept = 'application/json') => request(t.http).get(path).set('Accept', accept).set('X-Forwarded-For', nextClient());
  const drop = (path: string, bytes: Buffer, accept = 'application/json') =>
    request(t.http)
      .post(path)
      .set('Accept', accept)
      .set('X-Forwarded-For', nextClient())
      .attach('file', bytes, { filename: 'van-ban.pdf', contentType: 'application/pdf' });

  beforeAll(async () => {
    t = await createTestApp({ env: ENV });
    const dataSource = t.app.get(DataSource);
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    plan = await signThroughApi(t, 'bcd-duk', planId);
    issuer = await dataSource.manager.findOneByOrFail(Organization, { id: plan.organizationId });
    code = (await dataSource.manager.findOneByOrFail(PlanVerification, { planId })).code;
    issuedPdf = (
      await request(t.http)
        .get(`/api/plans/${planId}/pdf`)
        .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
        .buffer(true)
        .parse(binary)
    ).body as Buffer;
    issuedFile = pdfFile(issuedPdf, 'issued.pdf');
    // A draft with a code (as a plan awaiting the clerk's desk will have): its address must not answer.
    draftId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent({ summary: 'về một việc còn đang soạn thảo' })));
    draftCode = await t.app.get(VerificationCodesService).codeFor(dataSource.manager, draftId);
  }, 300_000);
  afterAll(() => t?.close());

  it('prints the address as a QR code on the last page only, which zbar reads at 300 dpi', () => {
    const pages = pageCount(issuedFile);
    const url = `${PUBLIC_URL}/v/${code}`;
    expect(qrCodes(pageImage(issuedFile, pages))).toEqual([url]);
    if (pages > 1) expect(qrCodes(pageImage(issuedFile, 1))).toEqual([]);
    expect(pdftotext(issuedFile, ['-f', String(pages), '-l', String(pages)])).toContain(url);
  });

  it('gives each plan one code, made once: asking again in another transaction gives the same', async () => {
    const codes = t.app.get(VerificationCodesService);
    expect(await codes.codeFor(t.app.get(DataSource).manager, plan.id)).toBe(code);
    expect(await codes.codeFor(t.app.get(DataSource).manager, draftId)).toBe(draftCode);
    expect(draftCode).not.toBe(code);
  });

  it('a draft prints no verification address and no QR code', async () => {
    const res = await request(t.http)
      .get(`/api/plans/${draftId}/preview.pdf`)
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
      .buffer(true)
      .parse(binary);
    const file = pdfFile(res.body as Buffer, 'draft.pdf');
    const last = pageCount(file);
    expect(pdftotext(file)).not.toContain('/v/');
    expect(qrCodes(pageImage(file, last))).toEqual([]);
  });

  it('answers without sign-in with number, issuer, date, summary, signatures, the file hash and the standing', async () => {
    const page = await get(`/v/${code}`, 'text/html');
    expect(page.status).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    for (const text of [
      plan.numberSymbol!,
      issuer.fullName,
      'Còn hiệu lực',
      plan.pdfSha256!,
      'Chữ ký hợp lệ',
      dateLinePhrase(parseIsoDate(plan.issuedOn!)),
    ]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain(`href="/v/${code}/pdf"`);

    const json = await get(`/v/${code}`);
    expect(json.status).toBe(200);
    expect(json.body).toMatchObject({
      code,
      url: `${PUBLIC_URL}/v/${code}`,
      documentType: 'Kế hoạch',
      numberSymbol: plan.numberSymbol,
      issuer: issuer.fullName,
      issuedOn: plan.issuedOn,
      signedBy: { name: 'Bùi Quang Nhựt', capacity: 'PHÓ BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO' },
      standing: { kind: 'in_force', label: 'Còn hiệu lực' },
      file: { sha256: plan.pdfSha256, size: issuedPdf.length, downloadUrl: `/v/${code}/pdf` },
    });
    expect(json.body.summary).toContain(planContent().summary.split('\n')[0].replace(/\*/g, '').trim().slice(0, 20));
    expect(json.body.signatures.length).toBeGreaterThanOrEqual(1);
    for (const signature of json.body.signatures) {
      expect(signature).toMatchObject({ intact: true, trusted: true });
      expect(signature.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Date.parse(signature.certificateValidFrom)).toBeLessThan(Date.parse(signature.certificateValidTo));
      // The signer's signature is made at SIGN, the organization's at issuance: both within the road's minutes.
      expect(Date.parse(signature.signingTime)).toBeGreaterThanOrEqual(Date.parse(plan.signedAt!.toISOString()) - 60_000);
      expect(Date.parse(signature.signingTime)).toBeLessThanOrEqual(Date.now());
      expect(page.text).toContain(signature.certificateSha256);
      expect(page.text).toContain(signature.signer);
    }
    expect(json.body.signatures[json.body.signatures.length - 1].coversWholeFile).toBe(true);
  });

  it('shows only public facts of the issued plan: no ids, no people but the signer, nothing of the workflow', async () => {
    const json = await get(`/v/${code}`);
    expect(Object.keys(json.body).sort()).toEqual(
      [
        'code',
        'corrections',
        'corrects',
        'documentType',
        'file',
        'issuedOn',
        'issuer',
        'numberSymbol',
        'signatures',
        'signedBy',
        'standing',
        'summary',
        'url',
      ].sort(),
    );
    const text = JSON.stringify(json.body) + (await get(`/v/${code}`, 'text/html')).text;
    for (const secret of [plan.id, plan.organizationId, plan.createdById, 'bcd-duk.drafter', 'bcd-duk.reviewer', issuer.code]) {
      expect(text).not.toContain(secret);
    }
  });

  it('serves the issued file byte for byte without sign-in', async () => {
    const res = await get(`/v/${code}/pdf`, 'application/pdf').buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(sha256Hex(res.body as Buffer)).toBe(plan.pdfSha256);
  });

  it("a draft's code, an unknown code and malformed ones answer the same 404, on every route, as a page and as JSON", async () => {
    const unknown = code === 'ABCDEFGHJKMNPQRS' ? 'SRQPNMKJHGFEDCBA' : 'ABCDEFGHJKMNPQRS';
    const malformed = [code.toLowerCase(), `${code}A`, 'O0I1L', encodeURIComponent('../../api/plans'), 'x'.repeat(5000), encodeURIComponent('mã')];
    const answers = [];
    for (const wrong of [draftCode, unknown, ...malformed]) {
      const json = await get(`/v/${wrong}`);
      expect(json.status).toBe(404);
      answers.push({ code: json.body.code, message: json.body.message });
      const page = await get(`/v/${wrong}`, 'text/html');
      expect(page.status).toBe(404);
      expect(page.text).toContain('Không tìm thấy văn bản với mã kiểm tra này');
      expect(page.text).not.toContain('về một việc còn đang soạn thảo');
      expect((await get(`/v/${wrong}/pdf`)).status).toBe(404);
      expect((await drop(`/v/${wrong}`, issuedPdf)).status).toBe(404);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0].code).toBe('verification_not_found');
  });

  describe('the drop check', () => {
    it('the issued PDF is "khớp", its signatures verify; nothing is stored', async () => {
      const dataSource = t.app.get(DataSource);
      const storedBefore = Number((await dataSource.query('SELECT count(*) AS n FROM stored_document'))[0].n);
      const res = await drop(`/v/${code}`, issuedPdf);
      expect(res.status).toBe(200);
      expect(res.body.check).toMatchObject({ matches: true, looksLikePdf: true, sha256: plan.pdfSha256, size: issuedPdf.length });
      expect(res.body.check.signatures.length).toBeGreaterThanOrEqual(1);
      for (const signature of res.body.check.signatures) expect(signature).toMatchObject({ intact: true, trusted: true });
      expect(Number((await dataSource.query('SELECT count(*) AS n FROM stored_document'))[0].n)).toBe(storedBefore);

      const page = await drop(`/v/${code}`, issuedPdf, 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Tệp khớp:');
    });

    it('a copy with one byte changed is not the issued file, and its signature is reported broken', async () => {
      const changed = Buffer.from(issuedPdf);
      // A byte of the page content, inside the range the signature covers (before its hole).
      const at = Math.floor(changed.indexOf('stream') + 200);
      changed[at] = changed[at] ^ 0x01;
      const res = await drop(`/v/${code}`, changed);
      expect(res.status).toBe(200);
      expect(res.body.check.matches).toBe(false);
      expect(res.body.check.signatures.length).toBeGreaterThanOrEqual(1);
      expect(res.body.check.signatures.some((s: { intact: boolean }) => !s.intact)).toBe(true);

      const page = await drop(`/v/${code}`, changed, 'text/html');
      expect(page.text).toContain('Tệp không khớp');
      expect(page.text).toContain('Chữ ký không còn nguyên vẹn');
    });

    it('random bytes, a truncated PDF and another PDF are answered, never a crash', async () => {
      const preview = (
        await request(t.http)
          .get(`/api/plans/${draftId}/preview.pdf`)
          .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`)
          .buffer(true)
          .parse(binary)
      ).body as Buffer;
      const cases: [string, Buffer, boolean][] = [
        ['random bytes', randomBytes(64 * 1024), false],
        ['a truncated issued PDF', issuedPdf.subarray(0, Math.floor(issuedPdf.length * 0.6)), true],
        ['the issued PDF cut inside its signature', issuedPdf.subarray(0, issuedPdf.indexOf('/ByteRange') + 200), true],
        ['another PDF (a draft)', preview, true],
        ['a PDF header and garbage', Buffer.concat([Buffer.from('%PDF-1.7\n/ByteRange [0 10 20 5] <zz>\n'), randomBytes(100)]), true],
      ];
      for (const [what, bytes, looksLikePdf] of cases) {
        const res = await drop(`/v/${code}`, bytes);
        expect({ what, status: res.status }).toEqual({ what, status: 200 });
        expect(res.body.check).toMatchObject({ matches: false, looksLikePdf, sha256: sha256Hex(bytes), size: bytes.length });
        // A cut file may keep an earlier revision whole (the signer's signature covers only theirs):
        // what no other file has is an intact signature over all of it.
        for (const signature of res.body.check.signatures) expect(signature.intact && signature.coversWholeFile).toBe(false);
      }
      expect((await get(`/v/${code}`)).status).toBe(200);
    });

    it('an empty file or none is a clear 422; a file over the limit a clear 413; the server goes on', async () => {
      const empty = await drop(`/v/${code}`, Buffer.alloc(0));
      expect(empty.status).toBe(422);
      expect(empty.body.message).toContain('Chưa có tệp để đối chiếu');
      const none = await request(t.http).post(`/v/${code}`).set('Accept', 'application/json').set('X-Forwarded-For', nextClient()).field('x', '1');
      expect(none.status).toBe(422);
      // A browser gets the page again, the reason beside the form, to try another file.
      const page = await drop(`/v/${code}`, Buffer.alloc(0), 'text/html');
      expect(page.status).toBe(422);
      expect(page.text).toContain('Chưa có tệp để đối chiếu');
      expect(page.text).toContain('data-drop-zone');
      expect(page.text).toContain(plan.numberSymbol!);

      const large = await drop(`/v/${code}`, Buffer.alloc(UPLOAD_LIMIT + 1024, 0x25));
      expect(large.status).toBe(413);
      expect(large.body.message).toContain('Tệp quá lớn để đối chiếu');
      const largePage = await drop(`/v/${code}`, Buffer.alloc(UPLOAD_LIMIT + 1024, 0x25), 'text/html');
      expect(largePage.status).toBe(413);
      expect(largePage.text).toContain('Tệp quá lớn để đối chiếu');
      expect(largePage.text).toContain('data-drop-zone');
      expect(largePage.text).toContain('Tệp PDF đến 3 MB');
      expect((await get(`/v/${code}`)).status).toBe(200);
    });
  });

  it(`allows ${LIMIT} requests a minute per client address, shared by every server process, then 429 with Retry-After`, async () => {
    // A second process on the same database counts in the same place.
    const other = await createTestApp({ databaseUrl: t.databaseUrl, env: ENV });
    try {
      // Start early enough in a minute that the six requests share its window.
      const second = new Date().getUTCSeconds();
      if (second > 45) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
      const client = '203.0.113.77';
      const statuses: number[] = [];
      for (let i = 0; i < LIMIT; i++) {
        const app = i % 2 === 0 ? t : other;
        statuses.push(
          (
            await request(app.http)
              .get(`/v/${i === 0 ? code : 'ABCDEFGHJKMNPQRS'}`)
              .set('Accept', 'application/json')
              .set('X-Forwarded-For', client)
          ).status,
        );
      }
      expect(statuses.filter((s) => s === 429)).toEqual([]);
      const refused = await request(other.http).get(`/v/${code}`).set('Accept', 'text/html').set('X-Forwarded-For', client);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(refused.text).toContain('Có quá nhiều yêu cầu kiểm tra văn bản');
      const refusedJson = await request(t.http)
        .post(`/v/${code}`)
        .set('Accept', 'application/json')
        .set('X-Forwarded-For', client)
        .attach('file', issuedPdf, 'a.pdf');
      expect(refusedJson.status).toBe(429);
      expect(refusedJson.body.code).toBe('verification_rate_limited');
      // Another address (another office) is not held back.
      expect((await get(`/v/${code}`)).status).toBe(200);
    } finally {
      await other.close();
    }
  }, 180_000);

  it('reads on a desk and on a phone (screenshots), the drop form works in a real browser, the issued plan\u2019s page links to it', async () => {
    const browser = await BrowserSession.start(t, 'verification');
    try {
      const desk = await browser.person('nguoi-doc');
      expect(await desk.open(`/v/${code}`, 'trang-kiem-tra')).toBe(200);
      await desk.docShot('verification-page');
      const input = await desk.page.$('input[type=file]');
      await input!.uploadFile(issuedFile);
      await desk.clickAndWait('.verify-drop button[type=submit]', 'doi-chieu');
      expect(await desk.page.$eval('#verify-check .alert', (el) => el.textContent)).toContain('Tệp khớp');

      const phone = await browser.person('nguoi-doc-dien-thoai', PHONE);
      expect(await phone.open(`/v/${code}`, 'trang-kiem-tra-dien-thoai')).toBe(200);
      expect(await phone.contentWidth()).toBeLessThanOrEqual(PHONE.width);

      // Signed in, the plan's own page links to its public page once issued, and a draft's does not.
      const drafter = await browser.person('bcd-duk-drafter');
      await drafter.login('bcd-duk.drafter');
      expect(await drafter.open(`/plans/${plan.id}`, 'ke-hoach-da-ban-hanh')).toBe(200);
      expect(await drafter.page.$$eval('a[href^="/v/"]', (links) => links.map((a) => a.getAttribute('href')))).toEqual([`/v/${code}`]);
      expect(await drafter.open(`/plans/${draftId}`, 'du-thao')).toBe(200);
      expect(await drafter.page.$$eval('a[href^="/v/"]', (links) => links.length)).toBe(0);
      for (const user of [desk, phone, drafter]) expect(user.pageErrors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
