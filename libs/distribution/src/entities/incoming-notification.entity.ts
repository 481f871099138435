import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@app/identity';
import { IncomingDocument } from './incoming-document.entity';

/**
 * "Có văn bản đến": tells a clerk or leader of the receiving organization that a plan arrived.
 * One per (person, incoming document), so a repeated delivery never notifies twice.
 */
@Entity('incoming_notification')
@Unique('uq_incoming_notification_user_document', ['userId', 'incomingDocumentId'])
export class IncomingNotification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Column({ type: 'uuid' })
  incomingDocumentId: string;

  @ManyToOne(() => IncomingDocument, { onDelete: 'CASCADE' })
  incomingDocument?: IncomingDocument;

  @Column({ type: 'uuid' })
  organizationId: string;

  @Column({ type: 'uuid' })
  planId: string;

  /** The line shown to the person, in Vietnamese. */
  @Column({ type: 'text' })
  message: string;

  @Column({ type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
