import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/**
 * Who may sign for an organization, in which capacity lines
 * (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]), and when.
 */
@Entity('signing_authority')
export class SigningAuthority {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: User;

  @Index()
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Organization;

  @Column({ type: 'jsonb' })
  capacityLines: string[];

  @Column({ type: 'date' })
  validFrom: string;

  @Column({ type: 'date', nullable: true })
  validTo: string | null;

  /** Set when this authority is a delegation (ủy quyền / ký thay) from another authority. */
  @Column({ type: 'uuid', nullable: true })
  delegatedFromId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
