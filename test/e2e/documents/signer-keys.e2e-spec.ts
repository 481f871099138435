import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { DataSource } from 'typeorm';
import { DEMO_PASSWORD } from '@app/identity';
import { KeyHolder, PkiService, signIssuedPdf, SignerKeyService } from '@app/rendering';
import { nssDbTrusting, pdfFile, pdfsig } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';
import { userId } from '../../support/workflow-client';

/** Each signer's own key and certificate, sealed under their own secret. */
describe('signer keys: one per person and organization, opened only by the person', () => {
  let t: TestApp;
  let holder: KeyHolder;
  const keys = () => t.app.get(SignerKeyService);

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    const organization = (await t.app.get(DataSource).query(`SELECT id, full_name AS "fullName", code FROM organization WHERE code = 'bcd-duk'`))[0];
    holder = {
      userId: await userId(t, 'bcd-duk.signer'),
      fullName: 'Bùi Quang Nhựt',
      title: 'TRƯỞNG BAN CHỈ ĐẠO',
      organizationId: organization.id,
      organizationName: organization.fullName,
      organizationCode: organization.code,
    };
  });
  afterAll(() => t.close());

  it('issues a key at the first signature, with a certificate naming the person, their title and organization', async () => {
    const first = await keys().unlock(holder, DEMO_PASSWORD);
    expect(first.issued).toBe(true);
    const subject = first.key.certificate.subject;
    expect(forge.util.decodeUtf8(String(subject.getField('CN').value))).toBe('Bùi Quang Nhựt');
    expect(forge.util.decodeUtf8(String(subject.attributes.find((a) => a.name === 'title')?.value))).toBe('TRƯỞNG BAN CHỈ ĐẠO');
    expect(forge.util.decodeUtf8(String(subject.getField('O').value))).toBe(holder.organizationName);
    const again = await keys().unlock(holder, DEMO_PASSWORD);
    expect(again.issued).toBe(false);
    expect(again.record.fingerprint).toBe(first.record.fingerprint);
  });

  it('stores the private key encrypted: the stored key does not open without the person\u2019s secret', async () => {
    const [row] = await t.app
      .get(DataSource)
      .query(`SELECT encrypted_key_pem FROM signer_key WHERE user_id = $1 AND superseded_at IS NULL`, [holder.userId]);
    expect(row.encrypted_key_pem).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    expect(() => createPrivateKey({ key: row.encrypted_key_pem, format: 'pem', passphrase: 'not-the-password' })).toThrow();
    expect(() => createPrivateKey({ key: row.encrypted_key_pem, format: 'pem' })).toThrow();
  });

  it('signs a PDF that pdfsig verifies with the person as signer, trusted through the CA', async () => {
    const { key } = await keys().unlock(holder, DEMO_PASSWORD);
    const { PDFDocument } = await import('pdf-lib');
    const doc = await PDFDocument.create();
    doc.addPage();
    const at = new Date('2026-12-05T02:00:00Z');
    const signed = await signIssuedPdf(
      Buffer.from(await doc.save()),
      {
        title: 't',
        author: 'a',
        subject: 's',
        keywords: [],
        creationDate: at,
        signingTime: at,
        signerName: 'Bùi Quang Nhựt',
        reason: 'Ký',
        location: 'Bình Định',
        contactInfo: '',
      },
      key,
    );
    const report = pdfsig(pdfFile(signed, 'person-signed.pdf'), nssDbTrusting(t.app.get(PkiService).caCertificatePem()!));
    expect(report).toContain('Signer Certificate Common Name: Bùi Quang Nhựt');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Certificate Validation: Certificate is Trusted.');
  });

  it('after a password reset the old key is superseded, a new certificate is issued, and both stay on record', async () => {
    const before = await keys().unlock(holder, DEMO_PASSWORD);
    const after = await keys().unlock(holder, 'mat-khau-moi-sau-khi-dat-lai');
    expect(after.issued).toBe(true);
    expect(after.record.fingerprint).not.toBe(before.record.fingerprint);
    const all = await keys().certificates(holder.userId, holder.organizationId);
    expect(all.map((k) => k.fingerprint)).toEqual([after.record.fingerprint, before.record.fingerprint]);
    expect(all[1].supersededAt).not.toBeNull();
    expect((await keys().findByFingerprint(before.record.fingerprint))?.certificatePem).toContain('BEGIN CERTIFICATE');
  });
});
