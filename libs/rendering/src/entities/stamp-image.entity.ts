import { Column, Entity, Index } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';

export enum StampKind {
  /** The signer's signature image (blue), one per signing authority. */
  Signature = 'signature',
  /** The organization's seal (red), one per organization. */
  Seal = 'seal',
}

/** A PNG printed on issued documents; the newest of a kind and owner is the one in use. */
@Entity('stamp_image')
@Index('stamp_image_owner', ['kind', 'ownerId', 'createdAt'])
export class StampImage {
  @UuidPrimaryKey() id: string;

  @Column({ type: 'enum', enum: StampKind, enumName: 'stamp_kind' }) kind: StampKind;

  /** The signing authority (signature) or the organization (seal). */
  @UuidColumn() ownerId: string;

  @Column({ type: 'bytea' }) png: Buffer;

  /** Who uploaded it; null for a picture drawn for a demo installation. */
  @UuidColumn({ nullable: true }) uploadedBy: string | null;

  @CreatedAt() createdAt: Date;
}
