import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { UuidColumn, UuidPrimaryKey } from '@app/db';
import { PlanReport } from './plan-report.entity';

/** A file sent with a report, kept in the database with the report so that both commit together. */
@Entity('plan_report_attachment')
export class PlanReportAttachment {
  @UuidPrimaryKey() id: string;

  @Index() @UuidColumn() reportId: string;

  @ManyToOne(() => PlanReport, (r) => r.attachments, { onDelete: 'CASCADE' }) report?: PlanReport;

  @Column({ type: 'varchar', length: 255 }) fileName: string;

  @Column({ type: 'varchar', length: 120 }) mediaType: string;

  @Column({ type: 'int' }) size: number;

  @Column({ type: 'varchar', length: 64 }) sha256: string;

  @Column({ type: 'bytea', select: false }) data: Buffer;
}
