import { createHash, createPrivateKey, createSign, KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { Signer } from '@signpdf/signpdf';

const { asn1 } = forge;
const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  sha256: '2.16.840.1.101.3.4.2.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
};

/** A signing key and its certificate chain, loaded from a PKCS#12 file. */
export interface SigningIdentity {
  key: KeyObject;
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
}

/**
 * Whoever holds the private key: a key in this process (LocalKeySigner), or later a remote
 * signing service (Cloud Signature Consortium API: credentials/info gives the chain,
 * signatures/signHash signs the SHA-256 of `data`) or a hardware token (PKCS#11). The CMS
 * structure around the signature value is built here either way.
 */
export interface SignatureKey {
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  /** RSASSA-PKCS1-v1_5 with SHA-256 over `data` (the DER of the CMS signed attributes). */
  signSha256(data: Buffer): Promise<Buffer>;
}

/** A key held in this process's memory (the organization's PKCS#12, or a person's unlocked key). */
export class LocalKeySigner implements SignatureKey {
  readonly certificate: forge.pki.Certificate;
  readonly chain: forge.pki.Certificate[];

  constructor(private readonly identity: SigningIdentity) {
    this.certificate = identity.certificate;
    this.chain = identity.chain;
  }

  async signSha256(data: Buffer): Promise<Buffer> {
    return createSign('sha256').update(data).sign(this.identity.key);
  }
}

export function identityFromPkcs12(p12: Buffer, passphrase: string): SigningIdentity {
  const parsed = forge.pkcs12.pkcs12FromAsn1(asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, passphrase);
  const keyBag =
    parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]?.[0] ??
    parsed.getBags({ bagType: forge.pki.oids.keyBag })[forge.pki.oids.keyBag]?.[0];
  if (!keyBag?.key) throw new Error('PKCS#12 without a private key');
  const privateKey = keyBag.key as forge.pki.rsa.PrivateKey;
  const certs = (parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? []).map((bag) => bag.cert!).filter(Boolean);
  const certificate = certs.find((cert) => {
    const pub = cert.publicKey as forge.pki.rsa.PublicKey;
    return pub.n.compareTo(privateKey.n) === 0 && pub.e.compareTo(privateKey.e) === 0;
  });
  if (!certificate) throw new Error('PKCS#12 without the certificate of its key');
  return {
    key: createPrivateKey(forge.pki.privateKeyToPem(privateKey)),
    certificate,
    chain: certs.filter((cert) => cert !== certificate),
  };
}

function oid(value: string) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(value).getBytes());
}
function seq(items: forge.asn1.Asn1[]) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
}
function set(items: forge.asn1.Asn1[]) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, items);
}
function octets(bytes: Buffer) {
  return asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bytes.toString('binary'));
}
function algorithm(value: string, nullParams = true) {
  return seq(nullParams ? [oid(value), asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')] : [oid(value)]);
}
function der(node: forge.asn1.Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}
function certDer(cert: forge.pki.Certificate): Buffer {
  return der(forge.pki.certificateToAsn1(cert));
}
/**
 * IssuerAndSerialNumber copied from the certificate's own bytes: forge re-encodes parsed names
 * lossily (UTF8String), and the signer is found by an exact match.
 */
function issuerAndSerialNumber(cert: forge.pki.Certificate) {
  const tbs =
    (cert as unknown as { tbsCertificate?: forge.asn1.Asn1 }).tbsCertificate ??
    (forge.pki as unknown as { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 }).getTBSCertificate(cert);
  const fields = tbs.value as forge.asn1.Asn1[];
  const offset = fields[0].tagClass === asn1.Class.CONTEXT_SPECIFIC ? 1 : 0;
  return seq([fields[offset + 2], fields[offset]]);
}

function attribute(type: string, value: forge.asn1.Asn1) {
  return seq([oid(type), set([value])]);
}

/**
 * CMS SignedData for a PAdES baseline signature (SubFilter ETSI.CAdES.detached): detached
 * SHA-256 digest, the signer's certificate pinned by an ESS signing-certificate-v2 attribute,
 * no signing-time attribute (PAdES keeps the time in the signature dictionary's /M).
 */
export async function cadesDetachedSignature(content: Buffer, identity: SignatureKey): Promise<Buffer> {
  const signerCertDer = certDer(identity.certificate);
  const attributes = [
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octets(createHash('sha256').update(content).digest())),
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; SHA-256 is the default hash, so omitted.
    attribute(OID.signingCertificateV2, seq([seq([seq([octets(createHash('sha256').update(signerCertDer).digest())])])])),
  ];
  // A DER SET OF is sorted by the encodings of its elements.
  const sorted = attributes.map((a) => ({ node: a, bytes: der(a) })).sort((x, y) => Buffer.compare(x.bytes, y.bytes));
  const signedAttrsSet = set(sorted.map((a) => a.node));
  const signature = await identity.signSha256(der(signedAttrsSet));
  // In SignerInfo the same SET is written as [0] IMPLICIT.
  const signedAttrs = asn1.create(
    asn1.Class.CONTEXT_SPECIFIC,
    0,
    true,
    sorted.map((a) => a.node),
  );

  const signerInfo = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    issuerAndSerialNumber(identity.certificate),
    algorithm(OID.sha256),
    signedAttrs,
    algorithm(OID.rsaEncryption),
    octets(signature),
  ]);
  const signedData = seq([
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(1).getBytes()),
    set([algorithm(OID.sha256)]),
    seq([oid(OID.data)]),
    asn1.create(
      asn1.Class.CONTEXT_SPECIFIC,
      0,
      true,
      [identity.certificate, ...identity.chain].map((c) => forge.pki.certificateToAsn1(c)),
    ),
    set([signerInfo]),
  ]);
  return der(seq([oid(OID.signedData), asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, [signedData])]));
}

/** The @signpdf Signer that writes a CAdES detached signature with one key. */
export class CadesSigner extends Signer {
  private readonly identity: SignatureKey;

  constructor(key: SignatureKey | SigningIdentity) {
    super();
    this.identity = 'signSha256' in key ? key : new LocalKeySigner(key);
  }

  async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return cadesDetachedSignature(pdfBuffer, this.identity);
  }
}
