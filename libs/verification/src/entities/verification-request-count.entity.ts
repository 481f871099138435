import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Requests of one client address to the public verification page in one minute: the rate limit every process shares. */
@Entity('verification_request_count')
@Index('verification_request_count_window', ['windowStart'])
export class VerificationRequestCount {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  clientAddress: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  count: number;
}
