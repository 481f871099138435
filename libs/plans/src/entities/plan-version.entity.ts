import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { PlanContent } from '../content/plan-content';

/** One immutable saved version of a plan's content, with its author and time. */
@Entity('plan_version')
@Unique('uq_plan_version', ['planId', 'version'])
export class PlanVersion {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  content: PlanContent;

  /** SHA-256 of the canonical JSON of the content. */
  @Column({ type: 'varchar', length: 64 })
  contentSha256: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
