import { createHash, createPrivateKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import forge from 'node-forge';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { SignerKey } from '../entities/signer-key.entity';
import { RenderingError, RenderingErrorCode } from '../rendering.error';
import { identityFromPkcs12, LocalKeySigner, SignatureKey, SigningIdentity } from './cades-signer';
import { PkiService } from './pki.service';

/** Who signs, as their certificate names them. */
export interface KeyHolder {
  userId: string;
  fullName: string;
  /** The title printed under the capacity lines ("TRƯỞNG BAN CHỈ ĐẠO"). */
  title: string;
  organizationId: string;
  organizationName: string;
  organizationCode: string;
}

export interface UnlockedKey {
  key: SignatureKey;
  record: SignerKey;
  /** True when this call issued the key (first signature, or the secret changed by a reset). */
  issued: boolean;
}

/**
 * People's own signing keys (the local signer; a remote signing service or a token would
 * implement SignatureKey instead). A key is made at a person's first signature for an
 * organization, encrypted under the secret they typed, and opened only with it afterwards.
 */
@Injectable()
export class SignerKeyService {
  private readonly logger = new Logger(SignerKeyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pki: PkiService,
  ) {}

  /**
   * The person's key, opened with their secret. The caller has already checked the secret (the
   * step-up of SIGN): a current key it does not open was sealed under a secret that was reset,
   * so it is superseded and a new key and certificate are issued.
   */
  async unlock(holder: KeyHolder, verifiedSecret: string): Promise<UnlockedKey> {
    const current = await this.current(holder);
    if (current) {
      const opened = open(current.encryptedKeyPem, verifiedSecret);
      if (opened) return { key: signer(opened, current.certificatePem, await this.chainPems()), record: strip(current), issued: false };
      this.logger.warn(`signer key ${current.id} no longer opens with the person's secret (password reset): issuing a new one`);
    }
    return this.issue(holder, verifiedSecret, current?.id ?? null);
  }

  /** Every certificate the person has held for the organization, newest first (for verification). */
  certificates(userId: string, organizationId: string): Promise<SignerKey[]> {
    return this.dataSource.getRepository(SignerKey).find({ where: { userId, organizationId }, order: { createdAt: 'DESC' } });
  }

  findByFingerprint(fingerprint: string): Promise<SignerKey | null> {
    return this.dataSource.getRepository(SignerKey).findOne({ where: { fingerprint } });
  }

  private async current(holder: Pick<KeyHolder, 'userId' | 'organizationId'>): Promise<SignerKey | null> {
    return this.dataSource
      .getRepository(SignerKey)
      .createQueryBuilder('k')
      .addSelect('k.encryptedKeyPem')
      .where('k.user_id = :userId AND k.organization_id = :organizationId AND k.superseded_at IS NULL', holder)
      .getOne();
  }

  private async issue(holder: KeyHolder, secret: string, supersedes: string | null): Promise<UnlockedKey> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forgePublic = forge.pki.publicKeyFromPem(publicKey.export({ type: 'spki', format: 'pem' }).toString()) as forge.pki.rsa.PublicKey;
    const { certPem, chainPems } = this.pki.certifyPerson(forgePublic, {
      commonName: holder.fullName,
      title: holder.title,
      organization: holder.organizationName,
      organizationalUnit: holder.organizationCode,
    });
    const record = await this.store(holder, certPem, sealed(privateKey, secret), supersedes);
    return { key: signer(privateKey, certPem, chainPems), record: strip(record), issued: true };
  }

  /**
   * A certificate the organization's CA issued elsewhere (the PKCS#12 a person was given, in
   * production): its key is sealed under the person's own secret, as a key made here is, and
   * becomes their current key for the organization (the one before stays for verification).
   */
  async importPkcs12(
    holder: Pick<KeyHolder, 'userId' | 'organizationId'>,
    p12: Buffer,
    p12Passphrase: string,
    secret: string,
    /** Written in the same transaction (the organization's audit row). */
    alsoWrite: (manager: EntityManager, record: SignerKey) => Promise<unknown> = async () => undefined,
  ): Promise<SignerKey> {
    let identity: SigningIdentity;
    try {
      identity = identityFromPkcs12(p12, p12Passphrase);
    } catch {
      throw new RenderingError(
        RenderingErrorCode.InvalidCertificate,
        'Không đọc được tệp chứng thư số (PKCS#12): sai mật khẩu của tệp hoặc tệp hỏng',
        {
          errors: [{ path: 'file', code: 'unreadable', message: 'Không đọc được tệp PKCS#12 với mật khẩu đã nhập' }],
        },
      );
    }
    const ca = this.pki.caCertificatePem();
    if (!ca || !forge.pki.certificateFromPem(ca).verify(identity.certificate)) {
      throw new RenderingError(RenderingErrorCode.InvalidCertificate, 'Chứng thư số không do tổ chức cấp chứng thư của hệ thống cấp', {
        errors: [{ path: 'file', code: 'untrusted', message: 'Chứng thư số không do CA của hệ thống cấp' }],
      });
    }
    const now = new Date();
    if (identity.certificate.validity.notBefore > now || identity.certificate.validity.notAfter < now) {
      throw new RenderingError(RenderingErrorCode.InvalidCertificate, 'Chứng thư số chưa đến hạn hoặc đã hết hạn', {
        errors: [{ path: 'file', code: 'expired', message: 'Chứng thư số ngoài thời hạn hiệu lực' }],
      });
    }
    const current = await this.current(holder);
    const record = await this.store(
      holder,
      forge.pki.certificateToPem(identity.certificate),
      sealed(identity.key, secret),
      current?.id ?? null,
      alsoWrite,
    );
    return strip(record);
  }

  /** The person's new current key; the one it supersedes keeps its certificate (earlier signatures stay verifiable). */
  private store(
    holder: Pick<KeyHolder, 'userId' | 'organizationId'>,
    certPem: string,
    encryptedKeyPem: string,
    supersedes: string | null,
    alsoWrite: (manager: EntityManager, record: SignerKey) => Promise<unknown> = async () => undefined,
  ): Promise<SignerKey> {
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(SignerKey);
      if (supersedes) await repository.update({ id: supersedes, supersededAt: IsNull() }, { supersededAt: new Date() });
      const record = await repository.save(
        repository.create({
          userId: holder.userId,
          organizationId: holder.organizationId,
          certificatePem: certPem,
          fingerprint: fingerprint(certPem),
          encryptedKeyPem,
          supersededAt: null,
        }),
      );
      await alsoWrite(manager, record);
      return record;
    });
  }

  private async chainPems(): Promise<string[]> {
    const ca = this.pki.caCertificatePem();
    return ca ? [ca] : [];
  }
}

/** SHA-256 of a certificate's DER, lower-case hex. */
export function fingerprint(certPem: string): string {
  const der = forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(certPem))).getBytes();
  return createHash('sha256').update(Buffer.from(der, 'binary')).digest('hex');
}

/** The private key as stored: PKCS#8 encrypted under the person's secret (AES-256). */
function sealed(key: KeyObject, secret: string): string {
  return key.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: secret }).toString();
}

function open(encryptedKeyPem: string, secret: string): KeyObject | null {
  try {
    return createPrivateKey({ key: encryptedKeyPem, format: 'pem', passphrase: secret });
  } catch {
    return null; // a wrong passphrase: the caller decides what that means
  }
}

function signer(key: KeyObject, certPem: string, chainPems: string[]): SignatureKey {
  return new LocalKeySigner({
    key,
    certificate: forge.pki.certificateFromPem(certPem),
    chain: chainPems.map((pem) => forge.pki.certificateFromPem(pem)),
  });
}

function strip(record: SignerKey): SignerKey {
  const { encryptedKeyPem: _secret, ...rest } = record;
  return rest as SignerKey;
}
