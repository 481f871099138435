import { generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';

/**
 * A local certificate authority for demo and test installations: one CA, and one signing
 * certificate per organization, so that issued PDFs carry a real PAdES signature that any
 * validator checks once the CA is trusted. Production installations configure PKCS#12 files
 * issued by a real CA instead.
 */

export interface KeyAndCertificate {
  keyPem: string;
  certPem: string;
}

export interface SubjectInfo {
  commonName: string;
  organization: string;
  organizationalUnit?: string;
  /** A person's title (chức danh), X.509 attribute `title`. */
  title?: string;
}

const YEARS_VALID = 10;

function utf8Attrs(subject: SubjectInfo): forge.pki.CertificateField[] {
  const attrs: forge.pki.CertificateField[] = [
    { shortName: 'C', value: 'VN' },
    { shortName: 'O', value: subject.organization.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 as never },
  ];
  if (subject.organizationalUnit) {
    attrs.push({ shortName: 'OU', value: subject.organizationalUnit.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 as never });
  }
  if (subject.title) attrs.push({ name: 'title', value: subject.title.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 as never });
  attrs.push({ shortName: 'CN', value: subject.commonName.normalize('NFC'), valueTagClass: forge.asn1.Type.UTF8 as never });
  return attrs;
}

/** RSA keys from Node's native generator (forge's own is far slower). */
function newRsaKey(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey: forgeKey, publicKey: forge.pki.rsa.setPublicKey(forgeKey.n, forgeKey.e), keyPem };
}

function serialNumber(): string {
  // Positive, 16 bytes: the high bit cleared.
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, now: Date): void {
  cert.validity.notBefore = new Date(now.getTime() - 24 * 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + YEARS_VALID * 365 * 24 * 3600_000);
}

export function createCertificateAuthority(subject: SubjectInfo, now = new Date()): KeyAndCertificate {
  const { privateKey, publicKey, keyPem } = newRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, now);
  cert.setSubject(utf8Attrs(subject));
  cert.setIssuer(utf8Attrs(subject));
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { keyPem, certPem: forge.pki.certificateToPem(cert) };
}

/** A document-signing certificate (an organization's or a person's), issued by the local CA. */
export function issueSigningCertificate(ca: KeyAndCertificate, subject: SubjectInfo, now = new Date()): KeyAndCertificate {
  const { publicKey, keyPem } = newRsaKey();
  return { keyPem, certPem: certifyPublicKey(ca, publicKey, subject, now) };
}

/** A certificate for a key generated elsewhere (a person's key, which the CA never sees in clear). */
export function certifyPublicKey(ca: KeyAndCertificate, publicKey: forge.pki.rsa.PublicKey, subject: SubjectInfo, now = new Date()): string {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, now);
  cert.setSubject(utf8Attrs(subject));
  // Parsed UTF8String values are raw bytes while setIssuer expects text: decode them, or they are encoded twice.
  cert.setIssuer(
    caCert.subject.attributes.map((attr) =>
      attr.valueTagClass === (forge.asn1.Type.UTF8 as never) ? { ...attr, value: forge.util.decodeUtf8(String(attr.value)) } : attr,
    ),
  );
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // emailProtection: NSS (pdfsig, Firefox) checks document signatures as e-mail signer usage.
    { name: 'extKeyUsage', emailProtection: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

/** A PKCS#12 file holding the key, its certificate and the CA chain. */
export function toPkcs12(entry: KeyAndCertificate, chainPems: string[], passphrase: string, friendlyName: string): Buffer {
  const key = forge.pki.privateKeyFromPem(entry.keyPem);
  const certs = [entry.certPem, ...chainPems].map((pem) => forge.pki.certificateFromPem(pem));
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, passphrase, { algorithm: '3des', friendlyName, generateLocalKeyId: true });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
