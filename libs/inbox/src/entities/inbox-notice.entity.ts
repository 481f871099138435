import { Column, Entity, Index, ManyToOne, Unique } from 'typeorm';
import { InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';
import { User } from '@app/identity';
import { Plan } from '@app/plans';
import { INBOX_NOTICE_KINDS, InboxNoticeKind } from '../inbox-kinds';

/**
 * One notice for one person (a request to act, a document that arrived, a child plan to draft,
 * a deadline), shown in the web UI's inbox until read. Written in the transaction that causes it.
 */
@Entity('inbox_notice')
@Unique('uq_inbox_notice_user_dedupe', ['userId', 'dedupeKey'])
@Index(['userId', 'readAt'])
export class InboxNotice {
  @UuidPrimaryKey() id: string;

  @UuidColumn() userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) user?: User;

  @Column({ type: 'enum', enum: INBOX_NOTICE_KINDS, enumName: 'inbox_notice_kind' }) kind: InboxNoticeKind;

  @Index() @UuidColumn({ nullable: true }) planId: string | null;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE', nullable: true }) plan?: Plan | null;

  /** The organization at which the person gets the notice, when it is one of theirs. */
  @UuidColumn({ nullable: true }) organizationId: string | null;

  /** The document that arrived (văn bản đến), for `incoming_document`. */
  @UuidColumn({ nullable: true }) incomingDocumentId: string | null;

  /** The due date a cascade notice is about: a new due date gets its own reminders. */
  @Column({ type: 'date', nullable: true }) dueDate: string | null;

  /** The line shown to the person, in Vietnamese. */
  @Column({ type: 'text' }) message: string;

  /** The same notice written twice (a job run again, a repeated delivery) is one row. */
  @Column({ type: 'varchar', length: 200 }) dedupeKey: string;

  @InstantColumn() createdAt: Date;

  @InstantColumn({ nullable: true }) readAt: Date | null;
}
