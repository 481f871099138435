import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { IssuanceService } from '@app/issuance';
import { issuanceDate } from '@app/numbering';
import { Plan, PlanContent } from '@app/plans';
import { PkiService } from '@app/rendering';
import { createPlan } from '../../support/plan-factory';
import {
  findPhrase,
  findPhrases,
  nssDbTrusting,
  pageCount,
  pdffonts,
  pdfFile,
  pdfinfo,
  pdfsig,
  pdftotext,
  qpdfCheck,
  WordBox,
  wordBoxes,
} from '../../support/pdf-tools';
import { wordsInOrderRatio } from '../../support/seed-text';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, getPdf, waitFor, withFutureDeadlines, signAndIssue } from '../../support/workflow-client';

interface SeedPlan {
  fixture: string;
  seed: string;
  organizationCode: string;
  family: 'party' | 'state';
  status: 'issued' | 'draft';
}

const FIXTURES = join(__dirname, '..', '..', 'fixtures');
import { SEEDS_DIR as SEEDS } from '../../support/seeds';
const seedPlans = JSON.parse(readFileSync(join(FIXTURES, 'seed-plans.json'), 'utf8')) as SeedPlan[];
const fixture = (s: SeedPlan) => JSON.parse(readFileSync(join(FIXTURES, s.fixture), 'utf8')) as PlanContent;
const seedText = (s: SeedPlan) => readFileSync(join(SEEDS, s.seed), 'utf8');

/** The road to SIGN through the API, as the people of the organization would walk it. */
async function signThroughApi(t: TestApp, org: string, content: PlanContent): Promise<string> {
  const planId = await createPlan(t, `${org}.drafter`, content);
  await expectTransition(t, `${org}.drafter`, planId, { type: 'SUBMIT' }, 'review');
  await expectTransition(t, `${org}.reviewer`, planId, { type: 'APPROVE' }, 'review');
  await expectTransition(t, `${org}.format_checker`, planId, { type: 'APPROVE' }, 'awaitingSignature');
  await signAndIssue(t, `${org}.signer`, planId, 'demo1234');
  return planId;
}

const center = (w: WordBox) => (w.xMin + w.xMax) / 2;
const sameRow = (a: WordBox, b: WordBox) => a.yMin < b.yMax && b.yMin < a.yMax;

/**
 * The seed plans issued through the API: SIGN enqueues the issuance, the queue's worker numbers,
 * renders, signs and stores; the PDF is then checked by outside tools, as any reader would.
 */
describe('issuance of the seed plans', () => {
  let t: TestApp;
  let nssdir: string;
  const issued = new Map<string, { planId: string; file: string; bytes: Buffer; plan: Plan }>();

  beforeAll(async () => {
    t = await createTestApp();
    nssdir = nssDbTrusting(t.app.get(PkiService).caCertificatePem()!);
    for (const seed of seedPlans.filter((s) => s.status === 'issued')) {
      const planId = await signThroughApi(t, seed.organizationCode, withFutureDeadlines(fixture(seed)));
      const plan = await waitFor(
        `issuance of ${seed.fixture}`,
        () => t.app.get(DataSource).manager.findOneByOrFail(Plan, { id: planId }),
        (p) => p.pdfSha256 !== null && ['issued', 'distributing', 'distributed'].includes(p.state),
        60_000,
      );
      const res = await getPdf(t, `${seed.organizationCode}.drafter`, `/api/plans/${planId}/pdf`);
      expect(res.status).toBe(200);
      issued.set(seed.fixture, { planId, file: pdfFile(res.body as Buffer, `${seed.organizationCode}.pdf`), bytes: res.body as Buffer, plan });
    }
  }, 240_000);
  afterAll(() => t.close());
  const signerNameOf = async (organizationCode: string): Promise<string> =>
    (await t.app.get(DataSource).query(`SELECT full_name FROM app_user WHERE username = $1`, [`${organizationCode}.signer`]))[0].full_name;

  describe.each(seedPlans.filter((s) => s.status === 'issued'))('$fixture', (seed) => {
    const doc = () => issued.get(seed.fixture)!;

    it('is numbered from its register and dated the day of signing (or the next working day)', () => {
      const { plan } = doc();
      expect(plan.number).toBe(1);
      expect(plan.numberSymbol).toBe(seed.family === 'party' ? '01-KH/BCĐ' : '01/KH-UBND');
      expect(plan.issuedOn).toBe(issuanceDate(plan.signedAt!));
    });

    it('is stored by its SHA-256, immutable, and the hash is in the audit trail with ISSUED', async () => {
      const { plan, bytes, planId } = doc();
      const sha = createHash('sha256').update(bytes).digest('hex');
      expect(plan.pdfSha256).toBe(sha);
      // In PostgreSQL (the default store), byte for byte, and the database refuses to change it.
      const db = t.app.get(DataSource);
      const [stored] = await db.query(`SELECT bytes, size FROM stored_document WHERE sha256 = $1`, [sha]);
      expect(stored.size).toBe(bytes.length);
      expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
      await expect(db.query(`UPDATE stored_document SET size = 0 WHERE sha256 = $1`, [sha])).rejects.toThrow(/immutable/);
      await expect(db.query(`DELETE FROM stored_document WHERE sha256 = $1`, [sha])).rejects.toThrow(/immutable/);
      const history = await getJson(t, `${seed.organizationCode}.auditor`, `/api/plans/${planId}/history`);
      const events = history.map((e: { event: string }) => e.event);
      expect(events).toEqual(expect.arrayContaining(['SIGN', 'NUMBERED', 'ISSUED']));
      expect(history.find((e: { event: string }) => e.event === 'ISSUED').data).toMatchObject({ pdfSha256: sha, numberSymbol: plan.numberSymbol });
      // A re-run of the issuance (the queue delivers at least once) changes nothing.
      const again = await t.app.get(IssuanceService).issue(planId);
      expect(again).toMatchObject({ pdfSha256: sha, issuedNow: false });
    });

    it('carries a PAdES signature that pdfsig finds valid with the demo CA trusted, and invalid once a signed byte changes', () => {
      const { file, bytes } = doc();
      const report = pdfsig(file, nssdir);
      expect(report).toContain('Signature Type: ETSI.CAdES.detached');
      expect(report).toContain('Signature Validation: Signature is Valid.');
      expect(report).toContain('Certificate Validation: Certificate is Trusted.');
      expect(report).toContain('Total document signed');
      const tampered = Buffer.from(bytes);
      // A byte of the first signed range (the page content comes before the signature's hole).
      tampered[Math.floor(bytes.indexOf('/ByteRange') / 2)] ^= 0x01;
      const broken = pdfsig(pdfFile(tampered, 'tampered.pdf'), nssdir);
      expect(broken).not.toContain('Signature is Valid.');
      expect(broken).toMatch(/Signature Validation: (Digest Mismatch|Signature is Invalid)/);
    });

    it('passes qpdf --check, embeds every font, and has fixed metadata', () => {
      const { file, plan } = doc();
      const check = qpdfCheck(file);
      expect(check.output).toContain('No syntax or stream encoding errors');
      expect(check.ok).toBe(true);
      const fonts = pdffonts(file);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.filter((f) => !f.embedded)).toEqual([]);
      const info = pdfinfo(file);
      const content = fixture(seed);
      expect(info.Author).toBe(
        seed.organizationCode === 'bcd-duk'
          ? 'Ban Chỉ đạo thực hiện Quy chế dân chủ ở cơ sở Đảng ủy Khối các cơ quan tỉnh'
          : 'Ủy ban nhân dân xã Nhơn Hậu',
      );
      expect(info.Subject).toBe(content.summary.replace(/\s*\n\s*/g, ' '));
      expect(info.Keywords).toBe(plan.numberSymbol);
      expect(info.Title).toContain(plan.numberSymbol);
      expect(info.CreationDate).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    it('reads as the seed: at least 97% of its words in order', () => {
      const { file } = doc();
      const result = wordsInOrderRatio(seedText(seed), pdftotext(file));
      console.log(
        `${seed.fixture}: ${(result.ratio * 100).toFixed(1)}% of the seed's ${result.seedWords} words found in order in the issued PDF (${result.matched} matched)`,
      );
      expect(result.ratio).toBeGreaterThanOrEqual(0.97);
    });

    it('puts header, number and date, title, signature block and recipients where the layout says', async () => {
      const { file, plan } = doc();
      const words = wordBoxes(file);
      const last = pageCount(file);
      const page1 = words.filter((w) => w.page === 1);
      const width = page1[0].pageWidth;
      const national = findPhrase(words, seed.family === 'party' ? 'ĐẢNG CỘNG SẢN VIỆT NAM' : 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 1)!;
      expect(national.xMin).toBeGreaterThan(width / 2 - 40);
      expect(center(national)).toBeGreaterThan(width / 2);
      if (seed.family === 'state') {
        const motto = findPhrase(words, 'Độc lập - Tự do - Hạnh phúc', 1)!;
        expect(motto.yMin).toBeGreaterThan(national.yMax - 1);
        expect(Math.abs(center(motto) - center(national))).toBeLessThan(10);
      }
      const number = findPhrase(words, seed.family === 'party' ? `Số ${plan.numberSymbol}` : `Số: ${plan.numberSymbol}`, 1)!;
      expect(number).not.toBeNull();
      expect(center(number)).toBeLessThan(width / 2);
      const year = plan.issuedOn!.slice(0, 4);
      const dateEnd = findPhrase(words, `năm ${year}`, 1)!;
      expect(center(dateEnd)).toBeGreaterThan(width / 2);
      if (seed.family === 'state') expect(sameRow(number, dateEnd)).toBe(true);
      else {
        // Hướng dẫn 36: the date right under the rule of "ĐẢNG CỘNG SẢN VIỆT NAM", the number lower, on the left.
        expect(dateEnd.yMin).toBeGreaterThan(national.yMax);
        expect(dateEnd.yMin - national.yMax).toBeLessThan(12);
        expect(number.yMin).toBeGreaterThan(dateEnd.yMax);
      }
      const title = findPhrase(words, 'KẾ HOẠCH', 1)!;
      expect(title.yMin).toBeGreaterThan(number.yMax);
      expect(Math.abs(center(title) - (width + (30 - 15) * 2.8346) / 2)).toBeLessThan(15);
      const recipients = findPhrase(words, 'Nơi nhận:', last)!;
      expect(recipients).not.toBeNull();
      expect(recipients.xMax).toBeLessThan(width / 2);
      const content = fixture(seed);
      // The name printed last on the page is the signature block's (the signature box names the signer too).
      // (the name of the person who signed, from identity: not the one typed in the content)
      const [{ full_name: signerName }] = await t.app
        .get(DataSource)
        .query(`SELECT full_name FROM app_user WHERE username = $1`, [`${seed.organizationCode}.signer`]);
      const signer = findPhrases(words, signerName, last).pop()!;
      expect(signer.xMin).toBeGreaterThan(width / 2 - 40);
      expect(center(signer)).toBeGreaterThan(width / 2);
      const capacity = findPhrase(words, content.signature.capacityLines[content.signature.capacityLines.length - 1], last)!;
      expect(capacity.yMax).toBeLessThan(signer.yMin);
      expect(sameRow(recipients, capacity) || recipients.yMin < signer.yMin).toBe(true);
      // Between them, no text: the signer's signature image, with the seal over its left third (Nghị định 30, Phụ lục I §II.8.a).
      expect(words.filter((w) => w.page === last && w.yMin > capacity.yMax && w.yMax < signer.yMin && w.xMin > width / 2)).toEqual([]);
      const images = execFileSync('pdfimages', ['-list', '-f', String(last), '-l', String(last), file], { encoding: 'utf8' });
      // (each PNG with transparency is an image and its soft mask)
      expect(images.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image\b/.test(line)).length).toBe(2);
      // Page numbers at the top centre from page 2, never on page 1.
      if (last > 1) {
        const top = words.filter((w) => w.page === 2).sort((a, b) => a.yMin - b.yMin)[0];
        expect(top.text).toBe('2');
        expect(top.yMax).toBeLessThan(20 * 2.8346);
      }
      expect(page1.sort((a, b) => a.yMin - b.yMin)[0].text).not.toBe('1');
    });

    it('is in the outgoing register, and in its CSV (UTF-8 with a BOM)', async () => {
      const { plan } = doc();
      const register = await getJson(t, `${seed.organizationCode}.clerk`, `/api/registers/outgoing?org=${seed.organizationCode}`);
      expect(register.lines).toEqual([
        expect.objectContaining({
          numberSymbol: plan.numberSymbol,
          issuedOn: plan.issuedOn,
          documentType: 'KH',
          voided: false,
          planId: plan.id,
          // the person who signed, from identity
          signer: expect.stringContaining(await signerNameOf(seed.organizationCode)),
        }),
      ]);
      const csv = await request(t.http)
        .get(`/api/registers/outgoing.csv?org=${seed.organizationCode}`)
        .set('Authorization', `Bearer ${await t.token(`${seed.organizationCode}.clerk`)}`)
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => cb(null, Buffer.concat(chunks)));
        });
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      const body = csv.body as Buffer;
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body.toString('utf8').slice(1).trim().split('\r\n');
      expect(lines[0]).toBe(
        '"Số, ký hiệu văn bản",Ngày tháng văn bản,Tên loại và trích yếu nội dung văn bản,Người ký,Nơi nhận văn bản,"Đơn vị, người nhận bản lưu",Số lượng bản,Ngày chuyển,Ký nhận,Ghi chú,Ngày thu hồi,Quyết định thu hồi,Lý do thu hồi,Được thay thế bởi,Thay thế văn bản',
      );
      expect(lines[1].startsWith(`${plan.numberSymbol},`)).toBe(true);
      expect(lines).toHaveLength(2);
    });
  });

  it('the draft seed previews with DỰ THẢO and reads as the seed (at least 97% of words in order)', async () => {
    const seed = seedPlans.find((s) => s.status === 'draft')!;
    const planId = await createPlan(t, `${seed.organizationCode}.drafter`, fixture(seed));
    const res = await getPdf(t, `${seed.organizationCode}.drafter`, `/api/plans/${planId}/preview.pdf`);
    expect(res.status).toBe(200);
    const file = pdfFile(res.body as Buffer, 'draft.pdf');
    const result = wordsInOrderRatio(seedText(seed), pdftotext(file));
    console.log(
      `${seed.fixture}: ${(result.ratio * 100).toFixed(1)}% of the seed's ${result.seedWords} words found in order in the draft preview (${result.matched} matched)`,
    );
    expect(result.ratio).toBeGreaterThanOrEqual(0.97);
    expect(pdfsig(file)).toMatch(/does not contain any signatures/);
    expect(findPhrase(wordBoxes(file), 'DỰ THẢO', 1)).not.toBeNull();
  });

  it('keeps the register to its clerks and auditors', async () => {
    const drafter = await request(t.http)
      .get('/api/registers/outgoing?org=bcd-duk')
      .set('Authorization', `Bearer ${await t.token('bcd-duk.drafter')}`);
    expect(drafter.status).toBe(403);
    const otherClerk = await request(t.http)
      .get('/api/registers/outgoing?org=bcd-duk')
      .set('Authorization', `Bearer ${await t.token('ubnd-nh.clerk')}`);
    expect(otherClerk.status).toBe(404);
    const auditor = await request(t.http)
      .get('/api/registers/outgoing?org=bcd-duk')
      .set('Authorization', `Bearer ${await t.token('tu-bd.auditor')}`);
    expect(auditor.status).toBe(200);
    const badDates = await request(t.http)
      .get('/api/registers/outgoing?org=bcd-duk&from=2024-05-01&to=2024-01-01')
      .set('Authorization', `Bearer ${await t.token('bcd-duk.clerk')}`);
    expect(badDates.status).toBe(422);
    expect(badDates.body.errors).toEqual([expect.objectContaining({ path: 'to', code: 'before_from' })]);
    const notADate = await request(t.http)
      .get('/api/registers/outgoing?org=bcd-duk&from=24/01/2024')
      .set('Authorization', `Bearer ${await t.token('bcd-duk.clerk')}`);
    expect(notADate.status).toBe(422);
  });
});
