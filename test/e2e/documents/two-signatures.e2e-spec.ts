import { createPrivateKey } from 'node:crypto';
import forge from 'node-forge';
import { rgb, StandardFonts } from 'pdf-lib';
import {
  appendRevision,
  checkPdfSignatures,
  createCertificateAuthority,
  issueSigningCertificate,
  KeyAndCertificate,
  launchChromium,
  revisionCount,
  signIssuedPdf,
  signNewRevision,
  SigningIdentity,
  SLOT_URL_PREFIX,
  takeSlots,
} from '@app/rendering';
import { nssDbTrusting, pdfFile, pdfsig, pdftotext, qpdfCheck } from '../../support/pdf-tools';

/**
 * The mechanics of an electronic original with two signatures (Nghị định 30): the signer signs
 * the printed document with its number and date left blank; the clerk then writes the number
 * and date where the template left room, and the organization signs, in an incremental update
 * that leaves the signer's revision, and so its signature, as it was. Checked from outside
 * with poppler's pdfsig (NSS trusting the CA) and qpdf.
 */
describe('two signatures on one PDF: the signer, then the organization in an incremental update', () => {
  const ca = createCertificateAuthority({ commonName: 'CA thử nghiệm', organization: 'kehoach' });
  const identity = (entry: KeyAndCertificate): SigningIdentity => ({
    key: createPrivateKey(entry.keyPem),
    certificate: forge.pki.certificateFromPem(entry.certPem),
    chain: [forge.pki.certificateFromPem(ca.certPem)],
  });
  const person = identity(
    issueSigningCertificate(ca, { commonName: 'Bùi Quang Nhựt', organization: 'Ban Chỉ đạo', organizationalUnit: 'Trưởng Ban Chỉ đạo' }),
  );
  const organization = identity(issueSigningCertificate(ca, { commonName: 'Ban Chỉ đạo thực hiện Quy chế dân chủ', organization: 'Ban Chỉ đạo' }));
  const nssdir = nssDbTrusting(ca.certPem);
  const info = (signerName: string, at: string) => ({
    title: 'Kế hoạch',
    author: 'Ban Chỉ đạo',
    subject: 'thử nghiệm',
    keywords: [],
    creationDate: new Date(at),
    signingTime: new Date(at),
    signerName,
    reason: 'Ký ban hành',
    location: 'Bình Định',
    contactInfo: '',
  });
  let printed: Buffer;
  let slots: Awaited<ReturnType<typeof takeSlots>>['slots'];
  let signedBySigner: Buffer;
  let issued: Buffer;

  beforeAll(async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const slot = (name: string, width: string) =>
        `<a href="${SLOT_URL_PREFIX}${name}" style="display:inline-block;width:${width};color:inherit;text-decoration:none">&nbsp;</a>`;
      await page.setContent(
        `<html><body style="font:14pt serif;margin:0">` +
          `<p>Số ${slot('number', '2.5em')}-KH/BCĐ</p><p><i>Bình Định, ngày ${slot('day', '1.6em')} tháng ${slot('month', '1.6em')} năm 2026</i></p>` +
          `<p style="margin-top:40px">TRƯỞNG BAN</p><p>${slot('signature', '150px')}</p><p><b>Bùi Quang Nhựt</b></p></body></html>`,
      );
      printed = Buffer.from(await page.pdf({ format: 'A4', printBackground: true }));
    } finally {
      await browser.close();
    }
  });

  it('reads where the template left room for the number, the date and the seal, and leaves no link behind', async () => {
    ({ pdf: printed, slots } = await takeSlots(printed));
    expect(Object.keys(slots).sort()).toEqual(['day', 'month', 'number', 'signature']);
    expect(slots.number.page).toBe(0);
    // the date line is below the number line (PDF y grows upwards)
    expect(slots.day.rect[1]).toBeLessThan(slots.number.rect[1]);
    expect(printed.toString('latin1')).not.toContain(SLOT_URL_PREFIX);
  });

  it('the signer signs the document as printed: one signature, over the whole file', async () => {
    signedBySigner = await signIssuedPdf(printed, info('Bùi Quang Nhựt', '2026-12-05T02:00:00Z'), person);
    const report = pdfsig(pdfFile(signedBySigner, 'signer.pdf'), nssdir);
    expect(report).toContain('Signature #1');
    expect(report).not.toContain('Signature #2');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Signer Certificate Common Name: Bùi Quang Nhựt');
  });

  it('the clerk writes number and date and the organization signs in a new revision; both signatures verify', async () => {
    issued = await signNewRevision(signedBySigner, info('Ban Chỉ đạo', '2026-12-05T03:00:00Z'), organization, async (doc) => {
      const font = await doc.embedFont(StandardFonts.TimesRoman);
      const page = doc.getPage(0);
      const write = (name: string, text: string) => page.drawText(text, { x: slots[name].rect[0] + 2, y: slots[name].rect[1] + 4, size: 14, font });
      write('number', '04');
      write('day', '05');
      write('month', '12');
      const [x1, y1, x2, y2] = slots.signature.rect;
      page.drawCircle({ x: x1 + (x2 - x1) / 3, y: (y1 + y2) / 2, size: 30, borderColor: rgb(0.8, 0, 0), borderWidth: 2 });
    });
    // the signer's revision is the start of the issued file, byte for byte
    expect(issued.subarray(0, signedBySigner.length).equals(signedBySigner)).toBe(true);
    expect(revisionCount(issued)).toBe(revisionCount(signedBySigner) + 1);
    const file = pdfFile(issued, 'issued.pdf');
    const report = pdfsig(file, nssdir);
    const [first, second] = report.split(/Signature #2/);
    expect(first).toContain('Signer Certificate Common Name: Bùi Quang Nhựt');
    expect(first).toContain('Signature Validation: Signature is Valid.');
    expect(first).toContain('Certificate Validation: Certificate is Trusted.');
    expect(first).toContain('Not total document signed');
    expect(second).toContain('Signer Certificate Common Name: Ban Chỉ đạo thực hiện Quy chế dân chủ');
    expect(second).toContain('Signature Validation: Signature is Valid.');
    expect(second).toContain('Certificate Validation: Certificate is Trusted.');
    expect(second).toContain('Total document signed');
    expect(second).not.toContain('Not total document signed');
    expect(qpdfCheck(file).ok).toBe(true);
    expect(pdftotext(file).replace(/\s+/g, ' ')).toMatch(/Số 04 ?-KH\/BCĐ/);
  });

  it('a byte changed in the signer\u2019s revision breaks both signatures; one changed after it breaks only the organization\u2019s', async () => {
    const flip = (at: number) => {
      const copy = Buffer.from(issued);
      copy[at] = copy[at] === 0x20 ? 0x21 : 0x20;
      return copy;
    };
    // a byte of page content inside the signer's revision (not inside a signature's hole)
    const inSigner = issued.indexOf('stream', 200) + 20;
    const early = pdfsig(pdfFile(flip(inSigner), 'tampered-1.pdf'), nssdir).split(/Signature #2/);
    expect(early[0]).not.toContain('Signature Validation: Signature is Valid.');
    expect(early[1]).not.toContain('Signature Validation: Signature is Valid.');
    // a byte of the organization's revision, before its signature dictionary
    const inClerk = signedBySigner.length + 10;
    const late = pdfsig(pdfFile(flip(inClerk), 'tampered-2.pdf'), nssdir).split(/Signature #2/);
    expect(late[0]).toContain('Signature Validation: Signature is Valid.');
    expect(late[1]).not.toContain('Signature Validation: Signature is Valid.');
  });

  it('the application\u2019s own check reads the same: the signer\u2019s revision, then the whole file, both valid and trusted', async () => {
    const checked = checkPdfSignatures(issued, [ca.certPem]);
    expect(checked.map((c) => [c.signerCommonName, c.coversWholeFile, c.digestMatches, c.signatureValid, c.trusted])).toEqual([
      ['Bùi Quang Nhựt', false, true, true, true],
      ['Ban Chỉ đạo thực hiện Quy chế dân chủ', true, true, true, true],
    ]);
    expect(checked[0].byteRange[2] + checked[0].byteRange[3]).toBe(signedBySigner.length);
    const other = createCertificateAuthority({ commonName: 'CA khác', organization: 'khác' });
    expect(checkPdfSignatures(issued, [other.certPem]).map((c) => c.trusted)).toEqual([false, false]);
    const tampered = Buffer.from(issued);
    const at = issued.indexOf('stream', 200) + 20;
    tampered[at] = tampered[at] === 0x20 ? 0x21 : 0x20;
    expect(checkPdfSignatures(tampered, [ca.certPem]).map((c) => c.digestMatches)).toEqual([false, false]);
  });

  it('an edit that changes nothing writes no revision', async () => {
    expect((await appendRevision(issued, () => undefined)).equals(issued)).toBe(true);
  });
});
