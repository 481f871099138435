import { Column, Entity, Index, VersionColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidPrimaryKey } from '@app/db';

/** A person who signs in. */
@Entity('app_user')
export class User {
  @UuidPrimaryKey() id: string;

  /** Lower case, unique. */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 60 }) username: string;

  @Column({ type: 'varchar', length: 200 }) fullName: string;

  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;

  /** argon2id; never selected unless asked for. */
  @Column({ type: 'varchar', length: 200, select: false }) passwordHash: string;

  @Column({ type: 'boolean', default: true }) active: boolean;

  /**
   * Installation-wide administration (quản trị hệ thống): held by few, given only by another
   * holder or at set-up; an organization's admin administers only that organization's subtree.
   */
  @Column({ type: 'boolean', default: false }) installationAdmin: boolean;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn() version: number;
}
