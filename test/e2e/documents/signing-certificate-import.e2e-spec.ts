import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { PkiService, fingerprint } from '@app/rendering';
import { createPlan, planContent } from '../../support/plan-factory';
import { pdfFile, pdfsig } from '../../support/pdf-tools';
import { createTestApp, TestApp } from '../../support/test-app';
import { expectTransition, getPdf, withFutureDeadlines } from '../../support/workflow-client';

/**
 * With a CA given from outside, each signer gets a PKCS#12 from it and imports it: the key is
 * sealed under their own password and SIGN uses it. A file that does not open, a certificate of
 * another CA, a wrong password or someone without a signing authority there: refused, nothing written.
 */
describe('a signer imports the PKCS#12 the organization’s CA gave them', () => {
  let t: TestApp;
  let organizationId: string;
  const db = () => t.app.get(DataSource);
  const keysOf = async () =>
    (await db().query(
      `SELECT k.fingerprint, k.superseded_at FROM signer_key k JOIN app_user u ON u.id = k.user_id WHERE u.username = 'bcd-duk.signer'`,
    )) as {
      fingerprint: string;
      superseded_at: Date | null;
    }[];

  /** A PKCS#12 as a CA hands it out: the person's key and certificate, and the CA's certificate. */
  function pkcs12(certificate: forge.pki.Certificate, key: forge.pki.rsa.PrivateKey, chain: forge.pki.Certificate[], passphrase: string): Buffer {
    const asn1 = forge.pkcs12.toPkcs12Asn1(key, [certificate, ...chain], passphrase, { algorithm: '3des' });
    return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
  }
  function personKey() {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return {
      privateKey: forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey,
      publicKey: forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey,
    };
  }
  const upload = async (file: Buffer | null, fields: Record<string, string>, username = 'bcd-duk.signer') => {
    let req = request(t.http)
      .post('/api/signing-certificates')
      .set('Authorization', `Bearer ${await t.token(username)}`);
    for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
    if (file) req = req.attach('file', file, 'chung-thu.p12');
    return req;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    organizationId = (await db().query(`SELECT id FROM organization WHERE code = 'bcd-duk'`))[0].id;
  });
  afterAll(() => t?.close());

  it('is refused, writing nothing, for a wrong file passphrase, another CA, a wrong password, no authority, no file', async () => {
    const pki = t.app.get(PkiService);
    const { privateKey, publicKey } = personKey();
    const { certPem, chainPems } = pki.certifyPerson(publicKey, {
      commonName: 'Người ký thử',
      title: 'TRƯỞNG BAN',
      organization: 'Ban Chỉ đạo',
      organizationalUnit: 'bcd-duk',
    });
    const given = pkcs12(
      forge.pki.certificateFromPem(certPem),
      privateKey,
      chainPems.map((pem) => forge.pki.certificateFromPem(pem)),
      'mat-khau-tep',
    );
    // A certificate its own issuer signed: not the installation's CA.
    const selfSigned = forge.pki.createCertificate();
    selfSigned.publicKey = publicKey;
    selfSigned.serialNumber = '01';
    selfSigned.validity.notBefore = new Date(Date.now() - 60_000);
    selfSigned.validity.notAfter = new Date(Date.now() + 86_400_000);
    selfSigned.setSubject([{ name: 'commonName', value: 'Tự cấp' }]);
    selfSigned.setIssuer([{ name: 'commonName', value: 'Tự cấp' }]);
    selfSigned.sign(privateKey, forge.md.sha256.create());

    const fields = { organizationId, passphrase: 'mat-khau-tep', password: 'demo1234' };
    const cases: [string, Awaited<ReturnType<typeof upload>>, number, string][] = [
      ['wrong file passphrase', await upload(given, { ...fields, passphrase: 'sai' }), 422, 'invalid_certificate'],
      ['another CA', await upload(pkcs12(selfSigned, privateKey, [], 'mat-khau-tep'), fields), 422, 'invalid_certificate'],
      ['garbage', await upload(Buffer.from('không phải PKCS#12'), fields), 422, 'invalid_certificate'],
      ['wrong password', await upload(given, { ...fields, password: 'sai-mat-khau' }), 403, 'wrong_password'],
      ['no authority there', await upload(given, fields, 'bcd-duk.reviewer'), 403, 'not_signer'],
      ['no file', await upload(null, fields), 422, 'certificate_file_missing'],
      ['not an organization id', await upload(given, { ...fields, organizationId: 'bcd-duk' }), 422, 'validation_failed'],
    ];
    for (const [what, res, status, code] of cases) expect({ what, status: res.status, code: res.body.code }).toEqual({ what, status, code });
    expect(await keysOf()).toEqual([]);
  });

  it('the imported certificate is the one SIGN signs with; the one before stays, superseded', async () => {
    const pki = t.app.get(PkiService);
    const planId = await createPlan(t, 'bcd-duk.drafter', withFutureDeadlines(planContent()));
    await expectTransition(t, 'bcd-duk.drafter', planId, { type: 'SUBMIT' }, 'review');
    await expectTransition(t, 'bcd-duk.reviewer', planId, { type: 'APPROVE' }, 'review');
    await expectTransition(t, 'bcd-duk.format_checker', planId, { type: 'APPROVE' }, 'awaitingSignature');

    const imports: string[] = [];
    for (const commonName of ['Người ký thử lần một', 'Người ký thử lần hai']) {
      const { privateKey, publicKey } = personKey();
      const { certPem, chainPems } = pki.certifyPerson(publicKey, {
        commonName,
        title: 'TRƯỞNG BAN',
        organization: 'Ban Chỉ đạo',
        organizationalUnit: 'bcd-duk',
      });
      const file = pkcs12(
        forge.pki.certificateFromPem(certPem),
        privateKey,
        chainPems.map((pem) => forge.pki.certificateFromPem(pem)),
        'mat-khau-tep',
      );
      const res = await upload(file, { organizationId, passphrase: 'mat-khau-tep', password: 'demo1234' });
      expect(res.status).toBe(201);
      expect(res.body.fingerprint).toBe(fingerprint(certPem));
      imports.push(res.body.fingerprint);
    }
    const keys = await keysOf();
    expect(keys.map((k) => k.fingerprint).sort()).toEqual([...imports].sort());
    expect(keys.find((k) => k.fingerprint === imports[0])!.superseded_at).not.toBeNull();
    expect(keys.find((k) => k.fingerprint === imports[1])!.superseded_at).toBeNull();
    const trail = await db().query(`SELECT data FROM audit_event WHERE event = 'SIGNING_CERTIFICATE_IMPORTED'`);
    expect(trail.map((r: { data: { fingerprint: string } }) => r.data.fingerprint).sort()).toEqual([...imports].sort());

    await expectTransition(t, 'bcd-duk.signer', planId, { type: 'SIGN', password: 'demo1234' }, 'awaitingIssue');
    const signed = await getPdf(t, 'bcd-duk.signer', `/api/plans/${planId}/signed.pdf`);
    expect(signed.status).toBe(200);
    expect(pdfsig(pdfFile(signed.body, 'signed.pdf'))).toContain('Người ký thử lần hai');
  });
});
