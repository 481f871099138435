import { Column, Entity, Index, ManyToOne, Unique, VersionColumn } from 'typeorm';
import { CreatedAt, InstantColumn, UpdatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from '@app/identity';
import { Plan } from '@app/plans';
import {
  DELIVERY_CHANNELS,
  DELIVERY_PURPOSES,
  DELIVERY_STATUSES,
  DeliveryChannel,
  DeliveryPurpose,
  DeliveryStatus,
  HANDLING_STATUSES,
  HandlingStatus,
} from '../delivery-states';

/**
 * One issued plan on its way to one recipient line ("Nơi nhận") by one channel, or later the
 * notice of its revocation by the same way. Created in the transaction that issues (revokes) the
 * plan; its job attempts it until it has ended (delivery-states.ts).
 */
@Entity('delivery')
@Unique('uq_delivery_plan_recipient_channel_purpose', ['planId', 'recipientId', 'channel', 'purpose'])
@Index('idx_delivery_pending', ['status', 'nextAttemptAt'])
// "Was that the plan's last open delivery?" is asked at the end of every delivery: one index probe.
@Index('idx_delivery_open_by_plan', ['planId'], { where: `status IN ('queued', 'sent', 'failed')` })
export class Delivery {
  @UuidPrimaryKey() id: string;

  @Index() @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  /** `content.recipients[].id` of the issued version. */
  @Column({ type: 'varchar', length: 100 }) recipientId: string;

  /** The line as printed, for the sender's list. */
  @Column({ type: 'varchar', length: 500 }) recipientName: string;

  @Column({ type: 'enum', enum: DELIVERY_CHANNELS, enumName: 'delivery_channel' }) channel: DeliveryChannel;

  @Column({ type: 'enum', enum: DELIVERY_PURPOSES, enumName: 'delivery_purpose', default: 'issue' }) purpose: DeliveryPurpose;

  /** Organization id (inbox, archive), e-mail address (email) or URL (webhook). */
  @Column({ type: 'varchar', length: 500 }) target: string;

  /** The organization of this system behind the line, if any. */
  @Index() @UuidColumn({ nullable: true }) organizationId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'SET NULL' }) organization?: Organization | null;

  @Column({ type: 'enum', enum: DELIVERY_STATUSES, enumName: 'delivery_status', default: 'queued' }) status: DeliveryStatus;

  @Column({ type: 'int', default: 0 }) attempts: number;

  @Column({ type: 'text', nullable: true }) lastError: string | null;

  /** When the next attempt is due (null once ended). */
  @InstantColumn({ nullable: true }) nextAttemptAt: Date | null;

  /** A worker holds the delivery until then; a worker that died lets it go when this passes. */
  @InstantColumn({ nullable: true }) claimedUntil: Date | null;

  @InstantColumn({ nullable: true }) sentAt: Date | null;

  @InstantColumn({ nullable: true }) deliveredAt: Date | null;

  @InstantColumn({ nullable: true }) acknowledgedAt: Date | null;

  /** Handling reported by the receiver (edXML status), mirrored from its incoming document. */
  @Column({ type: 'enum', enum: HANDLING_STATUSES, enumName: 'handling_status', nullable: true }) handlingStatus: HandlingStatus | null;

  /** Message-ID of the mail, or the id the webhook receiver deduplicates on. */
  @Column({ type: 'varchar', length: 200, nullable: true }) messageId: string | null;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn() rowVersion: number;
}
