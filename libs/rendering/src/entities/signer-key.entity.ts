import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'text' })
  certificatePem: string;

  /** SHA-256 of the certificate's DER, lower-case hex. */
  @Index()
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** PKCS#8, encrypted (PBES2, AES-256-CBC) under the person's secret. */
  @Column({ type: 'text', select: false })
  encryptedKeyPem: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  supersededAt: Date | null;
}
