import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn } from 'typeorm';
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
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Index()
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  plan?: Plan;

  /** The delivery that brought it first. */
  @Column({ type: 'uuid' })
  deliveryId: string;

  @ManyToOne(() => Delivery, { onDelete: 'CASCADE' })
  delivery?: Delivery;

  /** The issuing organization, for the inbox list. */
  @Column({ type: 'uuid' })
  senderOrganizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  senderOrganization?: Organization;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acknowledgedById: string | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  acknowledgedBy?: User | null;

  @Column({ type: 'enum', enum: HANDLING_STATUSES, enumName: 'handling_status', default: 'arrived' })
  handlingStatus: HandlingStatus;

  @Column({ type: 'text', nullable: true })
  handlingNote: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  handlingUpdatedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  handlingUpdatedById: string | null;

  /** The sender revoked the plan (thu hồi): the copy is no longer current; when the notice arrived. */
  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** "Đã nhận thông báo thu hồi": the receipt of the revocation notice. */
  @Column({ type: 'timestamptz', nullable: true })
  revocationAcknowledgedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  revocationAcknowledgedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  rowVersion: number;
}
