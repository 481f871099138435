import { Column, Entity, Index } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';

/**
 * A person's own signing key and certificate for one organization (the subject names the
 * person, their title and the organization). The private key is stored encrypted under the
 * person's own secret (their password), so the server cannot sign for them without it. A key
 * that their secret no longer opens (after a password reset) is superseded by a new one; the
 * old certificate stays here, so earlier signatures remain verifiable.
 */
@Entity('signer_key')
@Index('signer_key_current', ['userId', 'organizationId'], { unique: true, where: 'superseded_at IS NULL' })
export class SignerKey {
  @UuidPrimaryKey() id: string;

  @UuidColumn() userId: string;

  @UuidColumn() organizationId: string;

  @Column({ type: 'text' }) certificatePem: string;

  /** SHA-256 of the certificate's DER, lower-case hex. */
  @Index() @Column({ type: 'varchar', length: 64 }) fingerprint: string;

  /** PKCS#8, encrypted (PBES2, AES-256-CBC) under the person's secret. */
  @Column({ type: 'text', select: false }) encryptedKeyPem: string;

  @CreatedAt() createdAt: Date;

  @InstantColumn({ nullable: true }) supersededAt: Date | null;
}
