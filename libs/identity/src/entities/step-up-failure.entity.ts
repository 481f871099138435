import { Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UuidColumn } from '@app/db';

/** A wrong password at a step-up (before a signature), kept to lock a person's signing after too many. */
@Entity('step_up_failure')
@Index(['userId', 'failedAt'])
export class StepUpFailure {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;

  @UuidColumn() userId: string;

  @CreatedAt() failedAt: Date;
}
