import { Column, Entity, Index, ManyToOne, Unique, VersionColumn } from 'typeorm';
import { CreatedAt, InstantColumn, UpdatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization, User } from '@app/identity';
import { Plan } from '@app/plans';
import { Delivery } from './delivery.entity';
import { HANDLING_STATUSES, HandlingStatus } from '../delivery-states';

/**
 * Văn bản đến: an issued plan in the inbox of a receiving organization of this system.
 * One per (organization, plan) whatever the number of lines or attempts that brought it.
 */
@Entity('incoming_document')
@Unique('uq_incoming_document_org_plan', ['organizationId', 'planId'])
export class IncomingDocument {
  @UuidPrimaryKey() id: string;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) organization?: Organization;

  @Index() @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  /** The delivery that brought it first. */
  @UuidColumn() deliveryId: string;

  @ManyToOne(() => Delivery, { onDelete: 'CASCADE' }) delivery?: Delivery;

  /** The issuing organization, for the inbox list. */
  @UuidColumn() senderOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) senderOrganization?: Organization;

  @InstantColumn() receivedAt: Date;

  @InstantColumn({ nullable: true }) acknowledgedAt: Date | null;

  @UuidColumn({ nullable: true }) acknowledgedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' }) acknowledgedBy?: User | null;

  @Column({ type: 'enum', enum: HANDLING_STATUSES, enumName: 'handling_status', default: 'arrived' }) handlingStatus: HandlingStatus;

  @Column({ type: 'text', nullable: true }) handlingNote: string | null;

  @InstantColumn({ nullable: true }) handlingUpdatedAt: Date | null;

  @UuidColumn({ nullable: true }) handlingUpdatedById: string | null;

  /** The sender revoked the plan (thu hồi): the copy is no longer current; when the notice arrived. */
  @InstantColumn({ nullable: true }) revokedAt: Date | null;

  /** "Đã nhận thông báo thu hồi": the receipt of the revocation notice. */
  @InstantColumn({ nullable: true }) revocationAcknowledgedAt: Date | null;

  @UuidColumn({ nullable: true }) revocationAcknowledgedById: string | null;

  /** The sender replaced the plan (thay thế): the copy is no longer current; when the notice arrived, and by which plan. */
  @InstantColumn({ nullable: true }) replacedAt: Date | null;

  @UuidColumn({ nullable: true }) replacedByPlanId: string | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn() rowVersion: number;
}
