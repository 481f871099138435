import { Column, Entity, Index, ManyToOne, OneToMany } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization, User } from '@app/identity';
import { Plan } from '@app/plans';
import { PlanReportAttachment } from './plan-report-attachment.entity';

/**
 * A report (báo cáo kết quả) an implementing organization sends for one reporting duty of a plan
 * ("định kỳ 6 tháng (trước ngày 15/6/2024) ... báo cáo kết quả ... về Ban Chỉ đạo"). A later report
 * for the same duty supersedes the earlier one; none is ever changed.
 */
@Entity('plan_report')
@Index(['planId', 'dutyId', 'organizationId'])
export class PlanReport {
  @UuidPrimaryKey() id: string;

  /** The plan that states the duty (the parent of the reporter's own plan). */
  @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  /** ReportingDuty.id in that plan's issued content. */
  @Column({ type: 'varchar', length: 64 }) dutyId: string;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' }) organization?: Organization;

  /** The reporter's implementing plan, when it has one. */
  @UuidColumn({ nullable: true }) childPlanId: string | null;

  @Column({ type: 'text' }) text: string;

  @UuidColumn() submittedById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) submittedBy?: User;

  /** When it was received, by the application's clock. */
  @InstantColumn() submittedAt: Date;

  @OneToMany(() => PlanReportAttachment, (a) => a.report) attachments?: PlanReportAttachment[];

  @CreatedAt() createdAt: Date;
}
