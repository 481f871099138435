import { createPrivateKey, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { PDFDocument } from 'pdf-lib';
import { createCertificateAuthority, issueSigningCertificate } from './local-ca';
import { checkPdfSignatures, derElement } from './pdf-signature-verifier';
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

  it("takes the signature's CMS by the length its DER header states, so one ending in a zero byte is not cut by the hole's padding", () => {
    const hex = (text: string) => Buffer.from(text.replace(/\s/g, ''), 'hex');
    // a SEQUENCE whose last content byte is zero, then the hole's zero padding
    expect(derElement(hex('30 03 02 01 00  00 00 00 00'))).toEqual(hex('30 03 02 01 00'));
    // long form: 0x82 then two length bytes (a CMS of a few kilobytes)
    const long = Buffer.concat([hex('30 82 01 00'), Buffer.alloc(0x100, 0), Buffer.alloc(64, 0)]);
    expect(derElement(long).length).toBe(4 + 0x100);
    // the real signature's CMS is exactly its element: padding gone, nothing of it cut
    const hole = signed.toString('latin1');
    const contents = hole.slice(hole.indexOf('/Contents <') + 11, hole.indexOf('>', hole.indexOf('/Contents <')));
    const cms = derElement(Buffer.from(contents, 'hex'));
    expect(cms.length).toBeLessThan(contents.length / 2);
    expect(forge.asn1.fromDer(forge.util.createBuffer(cms.toString('binary'))).composed).toBe(true);
    // a header that promises more than there is: the bytes as they are, for the parser to refuse
    expect(derElement(hex('30 82 ff ff 00'))).toEqual(hex('30 82 ff ff 00'));
    expect(derElement(Buffer.alloc(0))).toEqual(Buffer.alloc(0));
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
