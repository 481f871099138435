import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const HEAD_SIGNING_REASONS = ['issuance', 'daily'] as const;
/** Why a head was signed: a plan was issued (in that transaction), or the daily round. */
export type HeadSigningReason = (typeof HEAD_SIGNING_REASONS)[number];

/**
 * A chain's head as it stood, signed with a key the server's database role cannot read (a key
 * file): whoever rewrites or cuts a stream afterwards cannot sign a head that matches it.
 * Append-only like the trail (a trigger and the server role's rights).
 */
@Entity('audit_head')
@Index(['stream', 'seq'])
export class AuditHead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 80 })
  stream: string;

  @Column({ type: 'int' })
  seq: number;

  /** The hash of the stream's row `seq`. */
  @Column({ type: 'varchar', length: 64 })
  hash: string;

  @Column({ type: 'timestamptz' })
  signedAt: Date;

  @Column({ type: 'enum', enum: HEAD_SIGNING_REASONS, enumName: 'audit_head_reason' })
  reason: HeadSigningReason;

  /** SHA-256 of the public key (DER): which key signed. */
  @Column({ type: 'varchar', length: 64 })
  keyId: string;

  /** Ed25519 over the canonical JSON of {stream, seq, hash, signedAt, keyId}, base64. */
  @Column({ type: 'text' })
  signature: string;
}
