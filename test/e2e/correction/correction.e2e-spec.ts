import request from 'supertest';
import { DataSource } from 'typeorm';
import { Plan, recipientLine, archiveRecipient, type PlanContent } from '@app/plans';
import { PkiService } from '@app/rendering';
import { signThroughApi } from '../../support/issued-plan';
import { nssDbTrusting, pdfFile, pdfsig, pdftotext } from '../../support/pdf-tools';
import { createPlan, planContent } from '../../support/plan-factory';
import { SmtpSink } from '../../support/smtp-sink';
import { createTestApp, passwordOf, TestApp } from '../../support/test-app';
import {
  expectTransition,
  getJson,
  getPdf,
  sendEvent,
  signAndIssue,
  untilJobsSettled,
  waitFor,
  withFutureDeadlines,
} from '../../support/workflow-client';

const EXTERNAL = 'vanphong.doitac@example.test';

/**
 * Đính chính (issue 17 part 3, Nghị định 30 Art. 18): an issued plan's error of form is corrected
 * by a notice of its own, the Party's Thông báo (numbered in its own TB series) and the State's
 * công văn ("V/v đính chính ..." under its number, no type name); it walks the short road
 * (drafter, signer, clerk) through the API, is signed by both keys, sent to every recipient of
 * the original, and the original links to it. Every refusal names its rule and writes nothing.
 */
describe('correcting an issued plan (đính chính)', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let nssdir: string;
  let orgs: Record<string, string>;
  let partyOriginal: string;
  let stateOriginal: string;
  const db = () => t.app.get(DataSource);
  const row = (id: string) => db().manager.findOneByOrFail(Plan, { id });
  const auth = async (username: string) => `Bearer ${await t.token(username)}`;
  const correct = async (username: string, planId: string, body: unknown) =>
    request(t.http)
      .post(`/api/plans/${planId}/corrections`)
      .set('Authorization', await auth(username))
      .send(body as object);
  /** What a refusal must leave as it was: the plans and the audit trail. */
  const written = async () =>
    (await db().query(`SELECT (SELECT count(*) FROM plan)::int AS plans, (SELECT count(*) FROM audit_event)::int AS audit`))[0];

  const recipientsOf = async (planId: string): Promise<string[]> =>
    (await db().query(`SELECT DISTINCT recipient_id FROM delivery WHERE plan_id = $1 AND purpose = 'issue' ORDER BY recipient_id`, [planId])).map(
      (r: { recipient_id: string }) => r.recipient_id,
    );

  /** The notice's short road: the drafter's SUBMIT goes straight to the signer; SIGN; the clerk's ISSUE; then numbered, issued, sent. */
  async function walkShortRoad(org: string, noticeId: string): Promise<Plan> {
    await expectTransition(t, `${org}.drafter`, noticeId, { type: 'SUBMIT' }, 'awaitingSignature');
    await signAndIssue(t, `${org}.signer`, noticeId, passwordOf(`${org}.signer`));
    return waitFor(
      `the notice ${noticeId} to be issued and distributed`,
      () => row(noticeId),
      (p) => p.pdfSha256 !== null && p.state === 'distributed',
      120_000,
    );
  }

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    t = await createTestApp({ env: { SMTP_URL: sink.url, PUBLIC_URL: 'http://kehoach.test', DELIVERY_SWEEP_SECONDS: '3600' } });
    nssdir = nssDbTrusting(t.app.get(PkiService).caCertificatePem()!);
    orgs = {};
    for (const org of (
      await request(t.http)
        .get('/api/organizations')
        .set('Authorization', await auth('tu-bd.admin'))
    ).body)
      orgs[org.code] = org.id;

    const partyContent: PlanContent = withFutureDeadlines(
      planContent({
        recipients: [
          recipientLine('r-stc', 'Đảng ủy Sở Tài chính', { organizationId: orgs['db-stc'], purpose: 'implement' }),
          recipientLine('r-ngoai', 'Văn phòng đối tác', { email: EXTERNAL, purpose: 'inform' }),
          archiveRecipient('r-luu', 'VP, BTGĐUK'),
        ],
      }),
    );
    partyOriginal = await createPlan(t, 'bcd-duk.drafter', partyContent);
    await signThroughApi(t, 'bcd-duk', partyOriginal);

    const stateContent: PlanContent = withFutureDeadlines(
      planContent({
        summary: 'tổ chức Ngày hội Đại đoàn kết toàn dân tộc năm 2024',
        recipients: [
          recipientLine('r-an', 'UBND thị xã An Nhơn', { organizationId: orgs['ubnd-an'], purpose: 'report', note: 'b/c' }),
          recipientLine('r-ngoai', 'Văn phòng đối tác', { email: EXTERNAL, purpose: 'inform' }),
          archiveRecipient('r-luu', 'VT, VP'),
        ],
        signature: { capacityLines: ['CHỦ TỊCH'], signerName: 'Giã Văn Thọ', signerUserId: null, authorityId: null },
      }),
    );
    stateOriginal = await createPlan(t, 'ubnd-nh.drafter', stateContent);
    await signThroughApi(t, 'ubnd-nh', stateOriginal);
    for (const id of [partyOriginal, stateOriginal]) {
      await waitFor(
        'the original to be distributed',
        () => row(id),
        (p) => p.state === 'distributed',
        60_000,
      );
    }
  }, 400_000);

  afterAll(async () => {
    await t?.close();
    await sink?.stop();
  });

  describe('refusals: a clear 4xx naming the rule, nothing written', () => {
    const item = { where: 'Mục I', wrong: 'Phát huy quyền làm chủ của Nhân dân', right: 'Phát huy quyền làm chủ của Nhân dân trên địa bàn' };

    it('an original not issued: a draft, one under review', async () => {
      const draft = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
      const underReview = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
      await expectTransition(t, 'bcd-duk.drafter', underReview, { type: 'SUBMIT' }, 'review');
      const before = await written();
      for (const id of [draft, underReview]) {
        const res = await correct('bcd-duk.drafter', id, { items: [item] });
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'original_not_issued', message: expect.stringMatching(/đã ban hành/) });
      }
      expect(await written()).toEqual(before);
    });

    it('no items, a text the original does not print, a text unchanged, a text too long, an unknown field: 422 naming each', async () => {
      const before = await written();
      const empty = await correct('bcd-duk.drafter', partyOriginal, { items: [] });
      expect(empty.status).toBe(422);
      expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'items', code: 'arrayNotEmpty' })]);

      const absent = await correct('bcd-duk.drafter', partyOriginal, { items: [{ ...item, wrong: 'Phát huy quyền làm chủ của cán bộ' }] });
      expect(absent.status).toBe(422);
      expect(absent.body).toMatchObject({ code: 'invalid_correction' });
      expect(absent.body.errors).toEqual([
        { path: 'items.0.wrong', code: 'wrong_text_not_found', message: expect.stringMatching(/không tìm thấy "Phát huy quyền làm chủ của cán bộ"/) },
      ]);

      const unchanged = await correct('bcd-duk.drafter', partyOriginal, { items: [item, { ...item, right: ` ${item.wrong}  ` }] });
      expect(unchanged.status).toBe(422);
      expect(unchanged.body.errors).toEqual([expect.objectContaining({ path: 'items.1.right', code: 'unchanged_text' })]);

      const blank = await correct('bcd-duk.drafter', partyOriginal, { items: [{ ...item, where: '   ' }] });
      expect(blank.status).toBe(422);
      expect(blank.body.errors).toEqual([expect.objectContaining({ path: 'items.0.where', code: 'required' })]);

      const long = await correct('bcd-duk.drafter', partyOriginal, { items: [{ ...item, right: 'x'.repeat(2001) }] });
      expect(long.status).toBe(422);
      expect(long.body.errors).toEqual([expect.objectContaining({ path: 'items.0.right', code: 'maxLength' })]);
      const many = await correct('bcd-duk.drafter', partyOriginal, { items: Array.from({ length: 31 }, () => item) });
      expect(many.status).toBe(422);
      expect(many.body.errors).toEqual([expect.objectContaining({ path: 'items', code: 'arrayMaxSize' })]);
      const unknown = await correct('bcd-duk.drafter', partyOriginal, { items: [item], organizationId: orgs['bcd-duk'] });
      expect(unknown.status).toBe(422);
      expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'organizationId', code: 'whitelistValidation' })]);
      expect(await written()).toEqual(before);
    });

    it('who may draft it: the drafters and signers of the issuing organization; its other members 403, a recipient 403, a stranger 404', async () => {
      const before = await written();
      const clerk = await correct('bcd-duk.clerk', partyOriginal, { items: [item] });
      expect(clerk.status).toBe(403);
      expect(clerk.body).toMatchObject({ code: 'not_drafter_or_signer' });
      expect((await correct('db-stc.drafter', partyOriginal, { items: [item] })).status).toBe(403);
      expect((await correct('ubnd-nh.drafter', partyOriginal, { items: [item] })).status).toBe(404);
      expect(await written()).toEqual(before);
    });
  });

  describe('Party: Thông báo đính chính through the short road', () => {
    let noticeId: string;
    let notice: Plan;

    it('the drafter drafts it: a TB of its own, linked to the original, its text generated from the items (matched NFC, spaces aside)', async () => {
      const khBefore = (await row(partyOriginal)).number;
      const res = await correct('bcd-duk.drafter', partyOriginal, {
        items: [
          // typed decomposed (NFD) with doubled spaces: still the text as printed
          {
            where: 'Mục I',
            wrong: 'Phát  huy quyền làm chủ của Nhân dân'.normalize('NFD'),
            right: 'Phát huy quyền làm chủ của Nhân dân trên địa bàn',
          },
          {
            where: 'Mục II, điểm 1.1',
            wrong: 'Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở',
            right: 'Tổ chức quán triệt Luật Thực hiện dân chủ ở cơ sở năm 2022',
          },
        ],
      });
      expect(res.status).toBe(201);
      noticeId = res.body.id;
      const original = await row(partyOriginal);
      expect(res.body).toEqual({
        id: noticeId,
        correctsPlanId: partyOriginal,
        documentType: 'TB',
        state: 'draft',
        summary: expect.stringMatching(new RegExp(`^đính chính Kế hoạch số ${original.numberSymbol} ngày \\d{2}/\\d{1,2}/\\d{4} của Ban Chỉ đạo`)),
        numberSymbol: null,
        issuedOn: null,
        link: `/plans/${noticeId}`,
      });
      const detail = await getJson(t, 'bcd-duk.drafter', `/api/plans/${noticeId}`);
      expect(detail.correctsPlanId).toBe(partyOriginal);
      const table = detail.content.parts[0].children[0];
      expect(table.columns.map((c: { title: string }) => c.title)).toEqual(['TT', 'Vị trí', 'Đã in là', 'Nay sửa lại là']);
      expect(table.rows[0].cells.map((c: { text: string }) => c.text)).toEqual([
        '1',
        'Mục I',
        'Phát huy quyền làm chủ của Nhân dân'.normalize('NFC'),
        'Phát huy quyền làm chủ của Nhân dân trên địa bàn',
      ]);
      // the recipients are the original's, none told to implement a notice
      const originalContent = (await getJson(t, 'bcd-duk.drafter', `/api/plans/${partyOriginal}`)).content;
      expect(detail.content.recipients.map((r: { name: string }) => r.name)).toEqual(originalContent.recipients.map((r: { name: string }) => r.name));
      expect(detail.content.recipients.every((r: { mustImplement: boolean }) => !r.mustImplement)).toBe(true);
      expect(detail.content.signature.capacityLines).toEqual(originalContent.signature.capacityLines);
      expect((await row(partyOriginal)).number).toBe(khBefore);
    });

    it('the list of the original\u2019s notices: the draft for its organization, nothing yet for a recipient', async () => {
      expect(await getJson(t, 'bcd-duk.signer', `/api/plans/${partyOriginal}/corrections`)).toEqual([
        expect.objectContaining({ id: noticeId, state: 'draft', documentType: 'TB' }),
      ]);
      expect(await getJson(t, 'db-stc.clerk', `/api/plans/${partyOriginal}/corrections`)).toEqual([]);
    });

    it('SUBMIT goes straight to the signer, SIGN, the clerk issues: numbered in the TB series, not the KH one', async () => {
      const khCounter = async () =>
        (
          await db().query(
            `SELECT c.last_number FROM register_counter c JOIN register r ON r.id = c.register_id WHERE r.organization_id = $1 AND r.document_type = 'KH'`,
            [orgs['bcd-duk']],
          )
        )[0].last_number;
      const khBefore = await khCounter();
      notice = await walkShortRoad('bcd-duk', noticeId);
      expect(notice.numberSymbol).toBe('01-TB/BCĐ');
      expect(await khCounter()).toBe(khBefore);
      const [entry] = await db().query(`SELECT r.document_type FROM register_entry e JOIN register r ON r.id = e.register_id WHERE e.plan_id = $1`, [
        noticeId,
      ]);
      expect(entry.document_type).toBe('TB');
      const history = await getJson(t, 'bcd-duk.auditor', `/api/plans/${noticeId}/history`);
      expect(history.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['SUBMIT', 'SIGN', 'ISSUE', 'ISSUED']));
      expect(history.map((e: { event: string }) => e.event)).not.toContain('APPROVE');
    });

    it('the PDF: "THÔNG BÁO", its number, the corrections, both signatures valid', async () => {
      const pdf = await getPdf(t, 'bcd-duk.drafter', `/api/plans/${noticeId}/pdf`);
      expect(pdf.status).toBe(200);
      const file = pdfFile(pdf.body, 'thong-bao-dinh-chinh.pdf');
      const text = pdftotext(file).replace(/\s+/g, ' ');
      const original = await row(partyOriginal);
      expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
      expect(text).toContain('THÔNG BÁO');
      expect(text).not.toContain('KẾ HOẠCH');
      expect(text).toMatch(/Số\s*01\s*-TB\/BCĐ/);
      expect(text).toContain(`đính chính Kế hoạch số ${original.numberSymbol}`);
      for (const phrase of ['Vị trí', 'Đã in là', 'Nay sửa lại là', 'Mục II, điểm 1.1', 'Phát huy quyền làm chủ của Nhân dân trên địa bàn'])
        expect(text).toContain(phrase);
      expect(text).toContain(`Các nội dung khác của Kế hoạch số ${original.numberSymbol} giữ nguyên.`);
      const report = pdfsig(file, nssdir);
      const [first, second] = report.split(/Signature #2/);
      expect(first).toContain('Signature Validation: Signature is Valid.');
      expect(second).toContain('Signature Validation: Signature is Valid.');
      expect(second).toContain('Certificate Validation: Certificate is Trusted.');
    });

    it('sent to every recipient of the original: the same recipients, the e-mail received', async () => {
      expect(await recipientsOf(noticeId)).toEqual(await recipientsOf(partyOriginal));
      const mails = await waitFor(
        'the notice by e-mail',
        async () => sink.mails.filter((m) => m.subject.startsWith('Thông báo số 01-TB/BCĐ') && m.to.includes(EXTERNAL)),
        (m) => m.length === 1,
      );
      expect(mails[0].subject).toContain('đính chính Kế hoạch số');
      // no child plan is asked of anyone by a notice
      expect(await db().query(`SELECT id FROM plan WHERE parent_plan_id = $1`, [noticeId])).toEqual([]);
    });

    it('the original links to it: its notices, its history, its verification page; the notice says what it corrects', async () => {
      const list = await getJson(t, 'db-stc.clerk', `/api/plans/${partyOriginal}/corrections`);
      expect(list).toEqual([expect.objectContaining({ id: noticeId, numberSymbol: '01-TB/BCĐ', issuedOn: notice.issuedOn, state: 'distributed' })]);
      const history = await getJson(t, 'bcd-duk.auditor', `/api/plans/${partyOriginal}/history`);
      expect(history.find((e: { event: string }) => e.event === 'CORRECTION_ISSUED')).toMatchObject({
        data: { noticeId, numberSymbol: '01-TB/BCĐ', documentType: 'TB' },
      });
      const [code] = await db().query(`SELECT code FROM plan_verification WHERE plan_id = $1`, [partyOriginal]);
      const json = await request(t.http).get(`/v/${code.code}`).set('Accept', 'application/json');
      expect(json.body.corrections).toEqual([
        { label: 'Thông báo số 01-TB/BCĐ', issuedOn: notice.issuedOn, path: expect.stringMatching(/^\/v\/[A-Z0-9]{16}$/) },
      ]);
      const noticePage = await request(t.http).get(json.body.corrections[0].path).set('Accept', 'application/json');
      expect(noticePage.body.corrects).toEqual({
        label: `Kế hoạch số ${(await row(partyOriginal)).numberSymbol}`,
        issuedOn: expect.any(String),
        path: `/v/${code.code}`,
      });
      const page = await request(t.http).get(`/v/${code.code}`).set('Accept', 'text/html');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Đã đính chính');
      expect(page.text).toContain('Thông báo số 01-TB/BCĐ');
      const web = await request(t.http)
        .get(`/plans/${noticeId}`)
        .set('Authorization', await auth('bcd-duk.drafter'));
      expect(web.status).toBe(200);
      expect(web.text).toContain(`Đính chính Kế hoạch số ${(await row(partyOriginal)).numberSymbol}`);
    });
  });

  it('a notice is not corrected by a notice of itself: 409 correction_of_correction, nothing written', async () => {
    const [notice] = await getJson(t, 'bcd-duk.drafter', `/api/plans/${partyOriginal}/corrections`);
    const before = await written();
    const res = await correct('bcd-duk.drafter', notice.id, { items: [{ where: 'Mục I', wrong: 'Vị trí', right: 'Chỗ' }] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'correction_of_correction' });
    expect(await written()).toEqual(before);
  });

  it('nor replaced (thay thế): 409 correction_notice_not_replaced, nothing written, and its page offers neither', async () => {
    const [notice] = await getJson(t, 'bcd-duk.drafter', `/api/plans/${partyOriginal}/corrections`);
    const before = await written();
    const res = await request(t.http)
      .post(`/api/plans/${notice.id}/replacement`)
      .set('Authorization', await auth('bcd-duk.drafter'))
      .send({});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'correction_notice_not_replaced' });
    expect(await written()).toEqual(before);
    const page = await request(t.http)
      .get(`/plans/${notice.id}`)
      .set('Authorization', await auth('bcd-duk.drafter'));
    expect(page.text).not.toContain('Soạn văn bản thay thế');
    expect(page.text).not.toContain('Soạn văn bản đính chính');
  });

  describe('State: công văn đính chính, then the original revoked', () => {
    it('a CV numbered in the body\u2019s shared series, "V/v đính chính ..." under its number and no type name; sent to the original\u2019s recipients', async () => {
      const res = await correct('ubnd-nh.drafter', stateOriginal, {
        items: [{ where: 'Mục III', wrong: 'Các cấp ủy báo cáo kết quả', right: 'Các cơ quan, đơn vị báo cáo kết quả' }],
      });
      expect(res.status).toBe(201);
      expect(res.body.documentType).toBe('CV');
      const notice = await walkShortRoad('ubnd-nh', res.body.id);
      const original = await row(stateOriginal);
      expect(notice.numberSymbol).toBe(`${String(original.number! + 1).padStart(2, '0')}/UBND`);
      const pdf = await getPdf(t, 'ubnd-nh.drafter', `/api/plans/${notice.id}/pdf`);
      const file = pdfFile(pdf.body, 'cong-van-dinh-chinh.pdf');
      const text = pdftotext(file).replace(/\s+/g, ' ');
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toMatch(new RegExp(`Số:\\s*${notice.numberSymbol!.split('/')[0]}\\s*/UBND`));
      // the V/v lines are as wide as the header's left column: the symbol may break after its hyphen
      expect(text).toMatch(new RegExp(`V/v đính chính Kế hoạch số ${original.numberSymbol!.replace('-', '-?\\s?')}`));
      expect(text).not.toMatch(/CÔNG VĂN|KẾ HOẠCH/);
      // addressed to those sent to act or know; Nơi nhận says "Như trên", then the superior (b/c) and the archive
      expect(text).toContain('Kính gửi: Văn phòng đối tác.');
      expect(text).toMatch(/Nơi nhận: - Như trên; - UBND thị xã An Nhơn \(b\/c\); - Lưu: VT, VP\./);
      expect(text).toContain('Các cơ quan, đơn vị báo cáo kết quả');
      const report = pdfsig(file, nssdir);
      expect(report.split(/Signature #2/)[1]).toContain('Signature Validation: Signature is Valid.');
      expect(await recipientsOf(notice.id)).toEqual(await recipientsOf(stateOriginal));
      await waitFor(
        'the công văn by e-mail',
        async () => sink.mails.filter((m) => m.subject.startsWith(`Công văn số ${notice.numberSymbol}`) && m.to.includes(EXTERNAL)),
        (m) => m.length === 1,
      );
    });

    let signersDraft: string;
    it('a signer of the issuing body may draft one too', async () => {
      const res = await correct('ubnd-nh.signer', stateOriginal, {
        items: [{ where: 'Nơi nhận', wrong: 'Văn phòng đối tác', right: 'Văn phòng Hội đồng nhân dân xã' }],
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ documentType: 'CV', state: 'draft', correctsPlanId: stateOriginal });
      signersDraft = res.body.id;
    });

    it('once the original is revoked, its draft notice stops and it can no longer be corrected (409 original_revoked), nothing written', async () => {
      const revoked = await sendEvent(t, 'ubnd-nh.signer', stateOriginal, {
        type: 'REVOKE',
        reason: 'Ban hành không đúng thẩm quyền',
        password: passwordOf('ubnd-nh.signer'),
      });
      expect(revoked.status).toBe(200);
      // its notice still a draft stops with it; the one issued stands
      expect((await row(signersDraft)).state).toBe('cancelled');
      expect((await getJson(t, 'ubnd-nh.drafter', `/api/plans/${stateOriginal}/corrections`)).map((n: { state: string }) => n.state)).toEqual([
        'distributed',
        'cancelled',
      ]);
      // The revocation's own jobs (telling the recipients) finish first: their trail rows are not the refusal's.
      await untilJobsSettled(db());
      const before = await written();
      const res = await correct('ubnd-nh.drafter', stateOriginal, {
        items: [{ where: 'Mục I', wrong: 'Phát huy quyền làm chủ của Nhân dân', right: 'Phát huy quyền làm chủ' }],
      });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'original_revoked', message: expect.stringMatching(/thu hồi/) });
      expect(await written()).toEqual(before);
    });
  });
});
