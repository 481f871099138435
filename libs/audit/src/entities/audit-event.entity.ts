import { Column, Entity, Index, Unique } from 'typeorm';
import { InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';

/**
 * One line of the audit trail. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE)
 * and hash-chained per stream: `plan:<id>` for a plan, `organization:<id>` for what happens
 * to an organization outside its plans (delegations of signing authority). Each row carries
 * the previous row's hash and its own hash over a canonical JSON of its fields.
 * No foreign keys: the trail outlives what it describes.
 */
@Entity('audit_event')
@Unique('uq_audit_event_stream_seq', ['stream', 'seq'])
export class AuditEvent {
  @UuidPrimaryKey() id: string;

  @Column({ type: 'varchar', length: 80 }) stream: string;

  /** 1, 2, 3... within the stream, without gaps. */
  @Column({ type: 'int' }) seq: number;

  @Index() @UuidColumn({ nullable: true }) planId: string | null;

  @UuidColumn({ nullable: true }) organizationId: string | null;

  /** Null for the system (jobs). */
  @UuidColumn({ nullable: true }) actorId: string | null;

  @Column({ type: 'varchar', length: 200 }) actorName: string;

  @InstantColumn() at: Date;

  /** SUBMIT, APPROVE, CONTENT_SAVED, STEP_UP_FAILED, JOB_COMPLETED, DELEGATED... */
  @Column({ type: 'varchar', length: 60 }) event: string;

  @Column({ type: 'varchar', length: 40, nullable: true }) fromState: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true }) toState: string | null;

  @Column({ type: 'text', nullable: true }) reason: string | null;

  @Column({ type: 'int', nullable: true }) contentVersion: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true }) contentSha256: string | null;

  @Column({ type: 'varchar', length: 80, nullable: true }) requestId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" }) data: Record<string, unknown>;

  @Column({ type: 'varchar', length: 64, nullable: true }) prevHash: string | null;

  @Column({ type: 'varchar', length: 64 }) hash: string;
}
