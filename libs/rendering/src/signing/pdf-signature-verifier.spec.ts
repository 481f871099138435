import { createPrivateKey, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { createCertificateAuthority, issueSigningCertificate } from './local-ca';
import { checkPdfSignatures } from './pdf-signature-verifier';
import { signIssuedPdf } from './pdf-signature';

/** What the public verification page reads from a signature, and that no file, however broken, makes the check throw. */
describe('checkPdfSignatures', () => {
  const ca = createCertificateAuthority({ commonName: 'CA thử nghiệm', organization: 'kehoach' });
  const signer = issueSigningCertificate(ca, { commonName: 'Bùi Quang Nhựt', organization: 'Ban Chỉ đạo', title: 'Phó Bí thư' });
  let signed: Buffer;

  beforeAll(async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    const at = new Date('2026-12-05T02:30:15Z');
    signed = await signIssuedPdf(
      Buffer.from(await doc.save({ useObjectStreams: false })),
      {
        title: 'Kế hoạch',
        author: 'Ban Chỉ đạo',
        subject: 'thử nghiệm',
        keywords: [],
        creationDate: at,
        signingTime: at,
        signerName: 'Bùi Quang Nhựt',
        reason: 'Ký ban hành',
        location: 'Bình Định',
        contactInfo: '',
      },
      {
        key: createPrivateKey(signer.keyPem),
        certificate: forge.pki.certificateFromPem(signer.certPem),
        chain: [forge.pki.certificateFromPem(ca.certPem)],
      },
    );
  });

  it("reads the certificate's name, title and organization and the signing time of the dictionary", () => {
    const [checked] = checkPdfSignatures(signed, [ca.certPem]);
    expect(checked).toMatchObject({
      signerCommonName: 'Bùi Quang Nhựt',
      signerTitle: 'Phó Bí thư',
      signerOrganization: 'Ban Chỉ đạo',
      coversWholeFile: true,
      digestMatches: true,
      signatureValid: true,
      trusted: true,
    });
    expect(checked.signingTime?.toISOString()).toBe('2026-12-05T02:30:15.000Z');
  });

  it('never throws: random bytes, cut files, a damaged signature value or certificate', () => {
    const hole = signed.indexOf('/Contents <') + 11;
    const damaged = (at: number, length: number) => {
      const copy = Buffer.from(signed);
      copy.write(randomBytes(length).toString('hex').slice(0, length), at, 'latin1');
      return copy;
    };
    for (const file of [
      randomBytes(4096),
      Buffer.alloc(0),
      signed.subarray(0, Math.floor(signed.length / 2)),
      signed.subarray(0, signed.indexOf('/ByteRange') + 30),
      damaged(hole + 40, 200),
      damaged(hole + 2000, 600),
      Buffer.from('%PDF-1.7\n/ByteRange [0 10 20 5] <3082zz>\n/ByteRange [0 1 2 999999999]'),
    ]) {
      expect(() => checkPdfSignatures(file, [ca.certPem])).not.toThrow();
    }
  });
});
