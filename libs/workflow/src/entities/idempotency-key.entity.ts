import { Column, Entity, Unique } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';

/** The first result of a request sent with an Idempotency-Key: a replay returns it and changes nothing. */
@Entity('idempotency_key')
@Unique('uq_idempotency_key_actor_key', ['actorId', 'key'])
export class IdempotencyKey {
  @UuidPrimaryKey() id: string;

  @Column({ type: 'varchar', length: 200 }) key: string;

  @UuidColumn() actorId: string;

  @UuidColumn() planId: string;

  /** SHA-256 of the request (password left out): the same key with another request is refused. */
  @Column({ type: 'varchar', length: 64 }) requestSha256: string;

  @Column({ type: 'jsonb' }) response: Record<string, unknown>;

  @CreatedAt() createdAt: Date;
}
