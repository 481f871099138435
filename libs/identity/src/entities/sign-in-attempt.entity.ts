import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from '@app/db';

/** Every sign-in attempt, kept to throttle guessing per account and per address across processes. */
@Entity('sign_in_attempt')
@Index(['username', 'attemptedAt'])
@Index(['address', 'attemptedAt'])
export class SignInAttempt {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;

  @Column({ type: 'varchar', length: 60 }) username: string;

  @Column({ type: 'varchar', length: 64 }) address: string;

  @Column({ type: 'boolean' }) succeeded: boolean;

  @CreatedAt() attemptedAt: Date;
}
