import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { User } from '@app/identity';
import { storedContent } from '../content/plan-canonical';
import type { PlanContent } from '../content/plan-content';
import { Plan } from './plan.entity';

/** One immutable saved version of a plan's content, with its author and time. */
@Entity('plan_version')
@Unique('uq_plan_version', ['planId', 'version'])
export class PlanVersion {
  @UuidPrimaryKey() id: string;

  @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  @Column({ type: 'int' }) version: number;

  @Column({ type: 'jsonb', transformer: { to: (c: PlanContent) => c, from: storedContent } }) content: PlanContent;

  /** SHA-256 of the canonical JSON of the content. */
  @Column({ type: 'varchar', length: 64 }) contentSha256: string;

  @UuidColumn() authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) author?: User;

  @CreatedAt() createdAt: Date;
}
