import { Column, Entity, OneToOne, JoinColumn, PrimaryColumn } from 'typeorm';
import { UpdatedAt } from '@app/db';
import { Plan } from '@app/plans';

/**
 * Where a plan stands in its workflow: the persisted snapshot of the machine version it
 * started on. `plan.state` mirrors the snapshot's state for lists and queries.
 */
@Entity('plan_workflow')
export class PlanWorkflow {
  @PrimaryColumn({ type: 'uuid' }) planId: string;

  @OneToOne(() => Plan, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'plan_id' }) plan?: Plan;

  @Column({ type: 'varchar', length: 40 }) machineId: string;

  @Column({ type: 'varchar', length: 20 }) machineVersion: string;

  @Column({ type: 'jsonb' }) snapshot: Record<string, unknown>;

  /** Transitions so far: a reminder scheduled after transition N is stale once there are more. */
  @Column({ type: 'int', default: 0 }) transitions: number;

  @UpdatedAt() updatedAt: Date;
}
