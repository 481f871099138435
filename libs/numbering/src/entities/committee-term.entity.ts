import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Organization } from '@app/identity';

/**
 * A committee term (nhiệm kỳ), from congress to congress. Party registers count per document
 * type per term, with no yearly reset. An organization without terms of its own (a Ban Chỉ
 * đạo, an office) follows the terms of the nearest superior that has them.
 */
@Entity('committee_term')
@Unique('uq_committee_term_start', ['organizationId', 'startsOn'])
export class CommitteeTerm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  /** "Nhiệm kỳ 2020 - 2025". */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'date' })
  startsOn: string;

  /** The day before the next congress; null while the term runs. */
  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
