import { Column, Entity, Index, ManyToOne } from 'typeorm';
import { CreatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from '@app/identity';

export const REGISTER_PERIODS = ['term', 'year'] as const;
/** When numbers start again at 01: each committee term (Party) or each calendar year (State). */
export type RegisterPeriod = (typeof REGISTER_PERIODS)[number];

/**
 * An outgoing register (sổ đăng ký văn bản đi) of one issuing organization: for one document
 * type, or for every type when `documentType` is null (a State body may share one counter
 * across types). A Ban Chỉ đạo is an organization of its own, so it has its own registers.
 */
@Entity('register')
@Index('uq_register_org_type', ['organizationId', 'documentType'], { unique: true, where: '"document_type" IS NOT NULL' })
@Index('uq_register_org_shared', ['organizationId'], { unique: true, where: '"document_type" IS NULL' })
export class Register {
  @UuidPrimaryKey() id: string;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' }) organization?: Organization;

  /** KH, CTr...; null = shared by every type. */
  @Column({ type: 'varchar', length: 8, nullable: true }) documentType: string | null;

  @Column({ type: 'enum', enum: REGISTER_PERIODS, enumName: 'register_period' }) period: RegisterPeriod;

  @CreatedAt() createdAt: Date;
}
