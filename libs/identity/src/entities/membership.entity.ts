import { Column, Entity, Index, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { ROLES, Role } from '@app/common';
import { Organization } from './organization.entity';
import { User } from './user.entity';

/** A person's roles at one organization. */
@Entity('membership')
@Unique('uq_membership_user_org', ['userId', 'organizationId'])
export class Membership {
  @UuidPrimaryKey() id: string;

  @UuidColumn() userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' }) user?: User;

  @Index() @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' }) organization?: Organization;

  @Column({ type: 'enum', enum: ROLES, enumName: 'membership_role', array: true }) roles: Role[];

  /** Position (chức vụ) shown in the UI, e.g. "Chánh Văn phòng". */
  @Column({ type: 'varchar', length: 200, nullable: true }) position: string | null;

  @CreatedAt() createdAt: Date;
}
