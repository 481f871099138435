import { Column, Entity, Index, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from '@app/identity';

/**
 * A committee term (nhiệm kỳ), from congress to congress. Party registers count per document
 * type per term, with no yearly reset. An organization without terms of its own (a Ban Chỉ
 * đạo, an office) follows the terms of the nearest superior that has them.
 */
@Entity('committee_term')
@Unique('uq_committee_term_start', ['organizationId', 'startsOn'])
export class CommitteeTerm {
  @UuidPrimaryKey() id: string;

  @Index() @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) organization?: Organization;

  /** "Nhiệm kỳ 2020 - 2025". */
  @Column({ type: 'varchar', length: 120 }) name: string;

  @Column({ type: 'date' }) startsOn: string;

  /** The day before the next congress; null while the term runs. */
  @Column({ type: 'date', nullable: true }) endsOn: string | null;

  @CreatedAt() createdAt: Date;
}
