import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { IssuanceService } from '@app/issuance';
import { Plan, PlanContent } from '@app/plans';
import { createCertificateAuthority, DOCUMENT_STORE, DocumentStore, issueSigningCertificate, toPkcs12 } from '@app/rendering';
import { createPlan, planContent } from '../../support/plan-factory';
import { nssDbTrusting, pdfFile, pdfsig } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getJson, withFutureDeadlines, signAndIssue } from '../../support/workflow-client';

/**
 * Certificates from configuration (no auto-created CA): while the organization has none, the
 * issuance fails; when the queue gives up, the number is voided and stays in the register,
 * never given again; once the PKCS#12 file is in place, the plan is issued with a new number.
 */
describe('a number voided by an issuance that cannot succeed', () => {
  let t: TestApp;
  const pkiDir = mkdtempSync(join(tmpdir(), 'kehoach-pki-'));
  const passphrase = 'mật khẩu PKCS#12';
  // The CA the installation is given: it certifies the signers' own keys (SIGN); the organization's PKCS#12 comes later.
  const ca = createCertificateAuthority({ commonName: 'CA thử nghiệm', organization: 'Thử nghiệm' });

  beforeAll(async () => {
    writeFileSync(join(pkiDir, 'ca.key.pem'), ca.keyPem);
    writeFileSync(join(pkiDir, 'ca.crt.pem'), ca.certPem);
    // No workers: the test runs the issuance job's steps itself, attempt by attempt.
    t = await createTestApp({ env: { RUN_WORKERS: '0', PKI_DIR: pkiDir, PKI_AUTO_CREATE: '0', PKI_PASSPHRASE: passphrase } });
  });
  afterAll(() => t.close());

  async function signed(content: PlanContent): Promise<string> {
    const id = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(content));
    await expectTransition(t, 'bcd-duk.drafter', id, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', id, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', id, { type: 'APPROVE' }, 'awaitingSignature');
    await signAndIssue(t, 'bcd-duk.signer', id, 'demo1234');
    return id;
  }
  const plan = (id: string) => t.app.get(DataSource).manager.findOneByOrFail(Plan, { id });
  const register = () => getJson(t, 'bcd-duk.clerk', '/api/registers/outgoing?org=bcd-duk');

  it('numbers, fails without a certificate, voids on the last attempt, and never gives the number again', async () => {
    const issuance = t.app.get(IssuanceService);
    const first = await signed(planContent());
    const second = await signed(planContent());

    await expect(issuance.issue(first)).rejects.toMatchObject({ code: 'certificate_missing' });
    expect(await plan(first)).toMatchObject({ state: 'numbered', number: 1, numberSymbol: '01-KH/BCĐ', pdfSha256: null });
    // A retry keeps the number it was given.
    await expect(issuance.issue(first)).rejects.toMatchObject({ code: 'certificate_missing' });
    expect((await plan(first)).number).toBe(1);

    await expect(issuance.issue(first, { finalAttempt: true })).rejects.toMatchObject({ code: 'certificate_missing' });
    expect(await plan(first)).toMatchObject({ state: 'numbered', number: null, numberSymbol: null });
    await expect(issuance.issue(second)).rejects.toMatchObject({ code: 'certificate_missing' });
    expect((await plan(second)).numberSymbol).toBe('02-KH/BCĐ');

    const lines = (await register()).lines;
    expect(lines.map((l: { numberSymbol: string; voided: boolean }) => [l.numberSymbol, l.voided])).toEqual([
      ['01-KH/BCĐ', true],
      ['02-KH/BCĐ', false],
    ]);
    expect(lines[0]).toMatchObject({
      planId: first,
      voidReason: expect.stringContaining('Chưa có chứng thư số'),
      notes: expect.stringContaining('Hủy số'),
    });
    const history = await getJson(t, 'tu-bd.auditor', `/api/plans/${first}/history`);
    expect(history.find((e: { event: string }) => e.event === 'NUMBER_VOIDED')).toMatchObject({
      reason: expect.stringContaining('chứng thư'),
      data: { number: 1, numberSymbol: '01-KH/BCĐ' },
    });

    // The organization's PKCS#12 arrives (from a CA of its own): both plans are issued; the voided plan gets a new number.
    const holder = issueSigningCertificate(ca, { commonName: 'Ban Chỉ đạo', organization: 'Ban Chỉ đạo' });
    writeFileSync(join(pkiDir, 'bcd-duk.p12'), toPkcs12(holder, [ca.certPem], passphrase, 'Ban Chỉ đạo'));
    const issuedSecond = await issuance.issue(second);
    const issuedFirst = await issuance.issue(first);
    expect(issuedSecond).toMatchObject({ numberSymbol: '02-KH/BCĐ', issuedNow: true });
    expect(issuedFirst).toMatchObject({ numberSymbol: '03-KH/BCĐ', issuedNow: true });
    expect(await plan(first)).toMatchObject({ state: 'issued', number: 3, pdfSha256: issuedFirst.pdfSha256 });
    expect((await register()).lines.map((l: { numberSymbol: string; voided: boolean }) => [l.numberSymbol, l.voided])).toEqual([
      ['01-KH/BCĐ', true],
      ['02-KH/BCĐ', false],
      ['03-KH/BCĐ', false],
    ]);
    const pdf = await t.app.get(DataSource).manager.findOneByOrFail(Plan, { id: first });
    const bytes = await t.app.get<DocumentStore>(DOCUMENT_STORE).get(pdf.pdfSha256!);
    // the signer's signature and the organization's, both from the given CA
    const report = pdfsig(pdfFile(bytes!), nssDbTrusting(ca.certPem));
    expect(report.split('Signature Validation: Signature is Valid.').length - 1).toBe(2);
  });
});
