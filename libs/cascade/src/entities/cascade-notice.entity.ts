import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@app/identity';
import { Plan } from '@app/plans';

export const CASCADE_NOTICE_KINDS = ['child_plan_assigned', 'due_reminder', 'overdue'] as const;
/** A child plan to draft (to its drafters), its due date near (to its drafters and signer), a child overdue (to the parent organization). */
export type CascadeNoticeKind = (typeof CASCADE_NOTICE_KINDS)[number];

/**
 * A notice of the cascade to one person. One per (kind, person, child plan, due date): a job
 * that runs again never notifies twice, and a new due date gets its own reminders.
 */
@Entity('cascade_notice')
@Unique('uq_cascade_notice', ['kind', 'userId', 'planId', 'dueDate'])
export class CascadeNotice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'enum', enum: CASCADE_NOTICE_KINDS, enumName: 'cascade_notice_kind' })
  kind: CascadeNoticeKind;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  /** The organization at which the person gets the notice. */
  @Column({ type: 'uuid' })
  organizationId: string;

  /** The child plan the notice is about. */
  @Index()
  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  plan?: Plan;

  @Column({ type: 'date' })
  dueDate: string;

  /** The line shown to the person, in Vietnamese. */
  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
