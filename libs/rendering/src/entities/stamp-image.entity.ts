import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

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
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: StampKind, enumName: 'stamp_kind' })
  kind: StampKind;

  /** The signing authority (signature) or the organization (seal). */
  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'bytea' })
  png: Buffer;

  /** Who uploaded it; null for a picture drawn for a demo installation. */
  @Column({ type: 'uuid', nullable: true })
  uploadedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
