import { createHash, createPublicKey, verify, X509Certificate } from 'node:crypto';
import forge from 'node-forge';

const { asn1 } = forge;
const MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

/** What a PDF's signature says and whether it holds, checked here without outside tools. */
export interface CheckedSignature {
  /** 1-based, in file order (the signer's first, then the organization's). */
  index: number;
  byteRange: [number, number, number, number];
  /** The signature covers every byte of the file but its own hole (later revisions would not be). */
  coversWholeFile: boolean;
  signerCommonName: string;
  /** The certificate subject's title (chức danh) and organization, when it names them. */
  signerTitle: string | null;
  signerOrganization: string | null;
  /** The signing time the signature dictionary states (/M): what the signer claims, not a timestamp. */
  signingTime: Date | null;
  /** SHA-256 of the signer certificate's DER, lower-case hex. */
  certificateFingerprint: string;
  certificateValidFrom: Date;
  certificateValidTo: Date;
  /** The signed bytes hash to the digest the signer signed. */
  digestMatches: boolean;
  /** The signature value verifies with the certificate's public key. */
  signatureValid: boolean;
  /** The certificate was issued by one of the trusted CA certificates. */
  trusted: boolean;
}

/**
 * Finds every PAdES / PKCS#7 detached signature of a PDF (by its /ByteRange) and checks it:
 * the digest of the covered bytes, the signature over the signed attributes, the issuer.
 */
export function checkPdfSignatures(pdf: Buffer, trustedCaPems: string[]): CheckedSignature[] {
  const text = pdf.toString('latin1');
  const trusted = trustedCaPems.map((pem) => new X509Certificate(pem));
  const found: CheckedSignature[] = [];
  // Bounded by the file's own length: each match is a short fixed pattern.
  const pattern = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const byteRange = match.slice(1, 5).map(Number) as CheckedSignature['byteRange'];
    const [a, b, c, d] = byteRange;
    if (a !== 0 || b <= 0 || c <= b || c + d > pdf.length) continue;
    const hole = text.slice(b, c).trim();
    if (!hole.startsWith('<') || !hole.endsWith('>')) continue;
    let checked: ReturnType<typeof checkOne>;
    try {
      checked = checkOne(derElement(Buffer.from(hole.slice(1, -1), 'hex')), Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]), trusted);
    } catch {
      checked = null; // a damaged structure or certificate (anyone may upload a file): not a signature we can read
    }
    if (!checked) continue;
    const signingTime = dictionaryTime(text, match.index, c);
    found.push({ index: found.length + 1, byteRange, coversWholeFile: c + d === pdf.length, signingTime, ...checked });
  }
  return found;
}

/**
 * The DER element at the start of `bytes`, by the length its header states: a signature's hole is
 * padded with zero bytes after the CMS, and the CMS may itself end in a zero byte (its signature
 * value does, one time in 256), so stripping trailing zeros would cut it. Unreadable: `bytes` as they are.
 */
export function derElement(bytes: Buffer): Buffer {
  if (bytes.length < 2) return bytes;
  const first = bytes[1];
  let header = 2;
  let length = first;
  if (first & 0x80) {
    const count = first & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return bytes;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i];
    header += count;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : bytes;
}

/** The /M of the signature dictionary around the /ByteRange at `at` (its hole, from `holeEnd` back, skipped): "D:20240124090000+07'00'". */
function dictionaryTime(text: string, at: number, holeEnd: number): Date | null {
  const around = text.slice(Math.max(0, at - 2048), at) + text.slice(holeEnd, holeEnd + 2048);
  const m = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(around);
  if (!m) return null;
  const offsetMinutes = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) : 0;
  const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMinutes * 60_000;
  return Number.isNaN(utc) ? null : new Date(utc);
}

function checkOne(
  cms: Buffer,
  signedBytes: Buffer,
  trusted: X509Certificate[],
): Omit<CheckedSignature, 'index' | 'byteRange' | 'coversWholeFile' | 'signingTime'> | null {
  let contentInfo: forge.asn1.Asn1;
  try {
    contentInfo = asn1.fromDer(forge.util.createBuffer(cms.toString('binary')));
  } catch {
    return null; // not a CMS structure: not a signature we can read
  }
  const signedData = children(children(contentInfo)[1])[0];
  const parts = children(signedData);
  const certificates = parts.find((p) => p.tagClass === asn1.Class.CONTEXT_SPECIFIC && p.type === 0);
  const signerInfo = children(parts[parts.length - 1])[0];
  const fields = children(signerInfo);
  const signedAttrs = fields.find((f) => f.tagClass === asn1.Class.CONTEXT_SPECIFIC && f.type === 0);
  const signatureValue = fields.filter((f) => f.tagClass === asn1.Class.UNIVERSAL && f.type === asn1.Type.OCTETSTRING).pop();
  if (!certificates || !signedAttrs || !signatureValue) return null;

  // The signer is the certificate whose serial number the SignerInfo names.
  const serial = Buffer.from((children(fields[1])[1]?.value as string) ?? '', 'binary').toString('hex');
  const certs = children(certificates).map((node) => new X509Certificate(Buffer.from(asn1.toDer(node).getBytes(), 'binary')));
  const signer = certs.find((cert) => cert.serialNumber.toLowerCase().replace(/^0+/, '') === serial.replace(/^0+/, '')) ?? certs[0];

  const digest = children(signedAttrs)
    .map((attribute) => children(attribute))
    .find(([type]) => asn1.derToOid(type.value as string) === MESSAGE_DIGEST)?.[1];
  const signedDigest = digest ? Buffer.from(children(digest)[0].value as string, 'binary') : Buffer.alloc(0);
  const digestMatches = signedDigest.equals(createHash('sha256').update(signedBytes).digest());

  // The signature covers the attributes encoded as a SET (tag 0x31), not as the [0] of SignerInfo.
  const attributesDer = Buffer.from(asn1.toDer(signedAttrs).getBytes(), 'binary');
  attributesDer[0] = 0x31;
  let signatureValid: boolean;
  try {
    signatureValid = verify(
      'sha256',
      attributesDer,
      createPublicKey(signer.publicKey.export({ type: 'spki', format: 'pem' })),
      Buffer.from(signatureValue.value as string, 'binary'),
    );
  } catch {
    signatureValid = false; // an unknown key type or a malformed value does not verify
  }
  const subject = (name: string) => new RegExp(`(?:^|\\n)${name}=([^\\n]*)`).exec(signer.subject)?.[1] ?? null;
  return {
    signerCommonName: subject('CN') ?? '',
    signerTitle: subject('title'),
    signerOrganization: subject('O'),
    certificateFingerprint: signer.fingerprint256.replace(/:/g, '').toLowerCase(),
    certificateValidFrom: new Date(signer.validFrom),
    certificateValidTo: new Date(signer.validTo),
    digestMatches,
    signatureValid,
    trusted: trusted.some((ca) => signer.checkIssued(ca) && signer.verify(ca.publicKey)),
  };
}

function children(node: forge.asn1.Asn1 | undefined): forge.asn1.Asn1[] {
  return Array.isArray(node?.value) ? (node!.value as forge.asn1.Asn1[]) : [];
}
