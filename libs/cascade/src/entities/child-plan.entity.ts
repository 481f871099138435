import { Column, Entity, Index, ManyToOne, PrimaryColumn, Unique } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn } from '@app/db';
import { Organization } from '@app/identity';
import { Plan } from '@app/plans';

/**
 * One child plan per parent and organization, whatever the retries of the cascade job: a partial
 * unique index on the plan table itself (created by the Cascade migration; declared here, with
 * the cascade that relies on it, so that the schema check knows it).
 */
Index('uq_plan_parent_organization', { synchronize: false })(Plan);

/** A task of the child's outline marked for its organization (see prefillChildPlan). */
export interface AssignedItemRecord {
  itemId: string;
  parentItemId: string;
  matchedBy: 'organization' | 'name';
}

/**
 * The cascade's record of a child plan (kế hoạch thực hiện): which recipient line of which parent
 * asked for it, by when, what the prefill marked, and which deadline notices went out. The plan
 * row itself carries parentPlanId and dueDate for the tree; this row is the cascade's own.
 */
@Entity('child_plan')
@Unique('uq_child_plan_parent_organization', ['parentPlanId', 'organizationId'])
export class ChildPlan {
  /** The child plan's id (one row per child plan). */
  @PrimaryColumn({ type: 'uuid' }) planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  @Index() @UuidColumn() parentPlanId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) parentPlan?: Plan;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' }) organization?: Organization;

  /** Id of the parent's recipient line that asked for this child. */
  @Column({ type: 'varchar', length: 64, nullable: true }) recipientId: string | null;

  @Column({ type: 'date' }) dueDate: string;

  @Column({ type: 'jsonb', default: () => `'[]'` }) assignedItems: AssignedItemRecord[];

  /** When the parent organization was told the child is overdue (once). */
  @InstantColumn({ nullable: true }) overdueNotifiedAt: Date | null;

  /**
   * "Văn bản cấp trên đã bị thu hồi": the parent was revoked after this child was signed; the
   * child's own organization decides what to do with it.
   */
  @InstantColumn({ nullable: true }) parentRevokedAt: Date | null;

  @CreatedAt() createdAt: Date;
}
