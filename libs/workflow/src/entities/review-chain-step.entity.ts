import { Column, Entity, ManyToOne, Unique } from 'typeorm';
import { UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from '@app/identity';
import { REVIEW_STEP_ROLES, ReviewStepRole } from '@workflows/index';

/** One step of an organization's review chain, in order (position 1, 2, ...). */
@Entity('review_chain_step')
@Unique('uq_review_chain_step_position', ['organizationId', 'position'])
export class ReviewChainStep {
  @UuidPrimaryKey() id: string;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) organization?: Organization;

  @Column({ type: 'int' }) position: number;

  @Column({ type: 'enum', enum: REVIEW_STEP_ROLES, enumName: 'review_step_role' }) role: ReviewStepRole;

  /** "Duyệt nội dung", "Kiểm tra thể thức"... */
  @Column({ type: 'varchar', length: 200 }) label: string;
}
