import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/**
 * Who may sign for an organization, in which capacity lines
 * (["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"], ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]), and when.
 */
@Entity('signing_authority')
export class SigningAuthority {
  @UuidPrimaryKey() id: string;

  @Index() @UuidColumn() userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) user?: User;

  @Index() @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) organization?: Organization;

  @Column({ type: 'jsonb' }) capacityLines: string[];

  @Column({ type: 'date' }) validFrom: string;

  @Column({ type: 'date', nullable: true }) validTo: string | null;

  /** Set when this authority is a delegation (ủy quyền / ký thay) from another authority. */
  @UuidColumn({ nullable: true }) delegatedFromId: string | null;

  @CreatedAt() createdAt: Date;
}
