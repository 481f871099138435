import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { Plan } from '@app/plans';
import { DOCUMENT_STORE, DocumentStore, PkiService, revisionCount } from '@app/rendering';
import { createPlan, planContent } from '../../support/plan-factory';
import { nssDbTrusting, pdfFile, pdfsig, pdftotext } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, getPdf, sendEvent, waitFor, withFutureDeadlines } from '../../support/workflow-client';

/** Where the issued PDF is kept for the picture in docs/issuance.md (test/artifacts is not committed). */
export const SIGNED_ISSUED_PDF = join(__dirname, '..', '..', 'artifacts', 'signed-issued', 'issued.pdf');

/**
 * Two signatures on the electronic original (Nghị định 30, Art. 5 and 32), checked from outside
 * with poppler's pdfsig and an NSS database trusting the installation's CA: SIGN is the
 * signer's own PAdES signature on the document as the signing page shows it (number and date
 * blank); the clerk's ISSUE writes number, date and seal and adds the organization's signature
 * in an incremental update, so the signer's signature stays valid.
 */
describe('issuance with two signatures: the signer\u2019s key at SIGN, the organization\u2019s at the clerk\u2019s desk', () => {
  let t: TestApp;
  let nssdir: string;
  let planId: string;
  let signed: Buffer;
  let issued: Buffer;
  const db = () => t.app.get(DataSource);
  const row = () => db().manager.findOneByOrFail(Plan, { id: planId });
  const store = () => t.app.get<DocumentStore>(DOCUMENT_STORE);
  const signerName = async () => (await db().query(`SELECT full_name FROM app_user WHERE username = 'bcd-duk.signer'`))[0].full_name as string;

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    nssdir = nssDbTrusting(t.app.get(PkiService).caCertificatePem()!);
    planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');
  }, 120_000);
  afterAll(() => t.close());

  it('a wrong password signs nothing: no document, no key, the plan where it was', async () => {
    const before = await row();
    const wrong = await sendEvent(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'sai-mat-khau' });
    expect(wrong.status).toBe(409);
    expect(wrong.body).toMatchObject({ refusedBy: 'passwordConfirmed', allowedEvents: ['RETURN', 'SIGN'] });
    const after = await row();
    expect({ state: after.state, rowVersion: after.rowVersion, signed: after.signedPdfSha256 }).toEqual({
      state: 'awaitingSignature',
      rowVersion: before.rowVersion,
      signed: null,
    });
    expect(await db().query(`SELECT 1 FROM signer_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = 'bcd-duk.signer'`)).toEqual([]);
  });

  it('a signer of another organization, or of another capacity, is refused', async () => {
    const stranger = await sendEvent(t, 'ubnd-nh.signer', planId, { type: 'SIGN', password: 'demo1234' });
    expect([403, 404]).toContain(stranger.status);
    const reviewer = await sendEvent(t, 'bcd-duk.reviewer', planId, { type: 'SIGN', password: 'demo1234' });
    expect(reviewer.status).toBe(409);
    expect(reviewer.body.refusedBy).toBe('bySigner');
    expect((await row()).signedPdfSha256).toBeNull();
  });

  it('the signing page offers exactly the document SIGN signs, to the person who may sign it only', async () => {
    const preview = await getPdf(t, 'bcd-duk.signer', `/api/plans/${planId}/signing.pdf`);
    expect(preview.status).toBe(200);
    const text = pdftotext(pdfFile(preview.body, 'signing.pdf')).replace(/\s+/g, ' ');
    expect(text).toContain(await signerName());
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toMatch(/ngày\s+tháng\s+năm \d{4}/);
    for (const who of ['bcd-duk.reviewer', 'bcd-duk.clerk'])
      expect({ who, status: (await getPdf(t, who, `/api/plans/${planId}/signing.pdf`)).status }).toEqual({ who, status: 403 });
    expect((await getPdf(t, 'ubnd-nh.signer', `/api/plans/${planId}/signing.pdf`)).status).toBe(404);
  });

  it('SIGN: the signer\u2019s own signature on the document as shown, number and date blank, their name from identity', async () => {
    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    const plan = await row();
    expect(plan.signedPdfSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(plan.signatureSlots ?? {}).sort()).toEqual(['day', 'month', 'number', 'signature']);
    signed = (await store().get(plan.signedPdfSha256!))!;
    const report = pdfsig(pdfFile(signed, 'signed-by-signer.pdf'), nssdir);
    expect(report).toContain(`Signer Certificate Common Name: ${await signerName()}`);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
    expect(report).not.toContain('Signature #2');
    const text = pdftotext(pdfFile(signed, 'signed-text.pdf')).replace(/\s+/g, ' ');
    expect(text).not.toContain('DỰ THẢO');
    expect(text).toContain(await signerName());
    // the number's and the date's places are blank: "Số    -KH/BCĐ", "ngày    tháng    năm 2026"
    expect(text).toMatch(/ Số /);
    expect(text).toContain(' -KH/BCĐ ');
    expect(text).toMatch(/ngày\s+tháng\s+năm \d{4}/);
    expect(signed.toString('latin1')).not.toContain('slot.kehoach.invalid');
    // the clerk opens exactly this document at the desk; someone who may not read the plan does not
    expect((await getPdf(t, 'bcd-duk.clerk', `/api/plans/${planId}/signed.pdf`)).body.equals(signed)).toBe(true);
    expect((await getPdf(t, 'ubnd-nh.drafter', `/api/plans/${planId}/signed.pdf`)).status).toBe(404);
  });

  it('the clerk issues: number, date and seal in a new revision, and the organization\u2019s signature; pdfsig finds both valid and trusted', async () => {
    await expectTransition(t, 'bcd-duk.clerk', planId, { type: 'ISSUE' }, 'signed');
    const plan = await waitFor('the issuance', row, (p) => p.pdfSha256 !== null, 120_000);
    issued = (await store().get(plan.pdfSha256!))!;
    expect(issued.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(revisionCount(issued)).toBe(revisionCount(signed) + 1);
    mkdirSync(join(SIGNED_ISSUED_PDF, '..'), { recursive: true });
    writeFileSync(SIGNED_ISSUED_PDF, issued);
    const report = pdfsig(pdfFile(issued, 'issued.pdf'), nssdir);
    const [first, second] = report.split(/Signature #2/);
    expect(first).toContain(`Signer Certificate Common Name: ${await signerName()}`);
    expect(first).toContain('Signature Validation: Signature is Valid.');
    expect(first).toContain('Certificate Validation: Certificate is Trusted.');
    expect(first).toContain('Not total document signed');
    const organization = (await db().query(`SELECT full_name FROM organization WHERE code = 'bcd-duk'`))[0].full_name as string;
    expect(second).toContain(`Signer Certificate Common Name: ${organization}`);
    expect(second).toContain('Signature Validation: Signature is Valid.');
    expect(second).toContain('Certificate Validation: Certificate is Trusted.');
    expect(second).toContain('Total document signed');
    expect(second).not.toContain('Not total document signed');
    const text = pdftotext(pdfFile(issued, 'issued-text.pdf')).replace(/\s+/g, ' ');
    const number = plan.numberSymbol!.split('-')[0];
    expect(text).toMatch(new RegExp(`Số\\s*${number}\\s*-KH/BCĐ`));
    const [year, month, day] = plan.issuedOn!.split('-');
    expect(text).toMatch(new RegExp(`ngày\\s*${day}\\s*tháng\\s*${Number(month) <= 2 ? month : Number(month)}\\s*năm ${year}`));
    // the PDF the API serves is this one
    expect((await getPdf(t, 'bcd-duk.drafter', `/api/plans/${planId}/pdf`)).body.equals(issued)).toBe(true);
  });

  it('one changed byte in the signer\u2019s revision breaks both signatures; one in the organization\u2019s breaks only that one', () => {
    const flip = (at: number) => {
      const copy = Buffer.from(issued);
      copy[at] = copy[at] === 0x20 ? 0x21 : 0x20;
      return copy;
    };
    const early = pdfsig(pdfFile(flip(issued.indexOf('stream', 200) + 20), 'tampered-signer.pdf'), nssdir).split(/Signature #2/);
    expect(early[0]).not.toContain('Signature Validation: Signature is Valid.');
    expect(early[1]).not.toContain('Signature Validation: Signature is Valid.');
    const late = pdfsig(pdfFile(flip(signed.length + 10), 'tampered-organization.pdf'), nssdir).split(/Signature #2/);
    expect(late[0]).toContain('Signature Validation: Signature is Valid.');
    expect(late[1]).not.toContain('Signature Validation: Signature is Valid.');
  });

  it('the audit trail has both steps, and the signer\u2019s certificate is theirs', async () => {
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${planId}/history`);
    expect(history.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['STEP_UP_FAILED', 'SIGN', 'ISSUE', 'NUMBERED', 'ISSUED']));
    const [key] = await db().query(
      `SELECT k.certificate_pem FROM signer_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = 'bcd-duk.signer' AND k.superseded_at IS NULL`,
    );
    expect(key.certificate_pem).toContain('BEGIN CERTIFICATE');
  });
});
