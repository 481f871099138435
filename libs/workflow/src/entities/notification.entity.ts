import { Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@app/identity';
import { Plan } from '@app/plans';

export const NOTIFICATION_KINDS = [
  'consultation_request',
  'consultation_closed',
  'review_request',
  'signature_request',
  'returned',
  'signed',
  'reminder',
  'escalation',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A message for one person about a plan, shown in the web UI until read. */
@Entity('notification')
@Unique('uq_notification_user_dedupe', ['userId', 'dedupeKey'])
@Index(['userId', 'readAt'])
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'uuid', nullable: true })
  planId: string | null;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE', nullable: true })
  plan?: Plan | null;

  @Column({ type: 'enum', enum: NOTIFICATION_KINDS, enumName: 'notification_kind' })
  kind: NotificationKind;

  @Column({ type: 'text' })
  message: string;

  /** The same notice written twice (a job run again) is one row. */
  @Column({ type: 'varchar', length: 200 })
  dedupeKey: string;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
