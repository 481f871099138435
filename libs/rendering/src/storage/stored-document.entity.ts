import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * An immutable document kept in PostgreSQL, addressed by its SHA-256 (issued PDFs): every
 * process on every machine reads what any other wrote, and a backup of the database holds them.
 */
@Entity('stored_document')
export class StoredDocument {
  @PrimaryColumn({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ type: 'bytea' })
  bytes!: Buffer;

  @Column({ type: 'int' })
  size!: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
