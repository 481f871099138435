import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { User } from '@app/identity';
import { Plan } from '@app/plans';
import type { DetectedHeader, ImportReport } from '../parser/import-report';

/**
 * What the importer recognized and did not in the file a draft was made from. It stays with
 * the plan so the drafter (and a reviewer) can see what to check.
 */
@Entity('plan_import_report')
export class PlanImportReport {
  @UuidPrimaryKey() id: string;

  @Index({ unique: true }) @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  @Column({ type: 'varchar', length: 255 }) fileName: string;

  /** SHA-256 of the uploaded bytes. */
  @Column({ type: 'varchar', length: 64 }) fileSha256: string;

  @Column({ type: 'int' }) fileSize: number;

  /** Format and encoding as read: "txt/tcvn3", "docx". */
  @Column({ type: 'varchar', length: 40 }) source: string;

  @Column({ type: 'jsonb' }) report: ImportReport;

  @Column({ type: 'jsonb' }) detected: DetectedHeader;

  @UuidColumn() importedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) importedBy?: User;

  @CreatedAt() createdAt: Date;
}
