import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '@app/identity';
import { storedContent } from '../content/plan-canonical';
import type { PlanContent } from '../content/plan-content';
import { Plan } from './plan.entity';

/** One immutable saved version of a plan's content, with its author and time. */
@Entity('plan_version')
@Unique('uq_plan_version', ['planId', 'version'])
export class PlanVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' })
  plan?: Plan;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb', transformer: { to: (c: PlanContent) => c, from: storedContent } })
  content: PlanContent;

  /** SHA-256 of the canonical JSON of the content. */
  @Column({ type: 'varchar', length: 64 })
  contentSha256: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  author?: User;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
