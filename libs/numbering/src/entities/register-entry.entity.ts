import { Column, Entity, Index, ManyToOne, Unique } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization } from '@app/identity';
import { Plan } from '@app/plans';
import { Register } from './register.entity';

/**
 * One line of the outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020 Phụ lục IV):
 * a number given to a plan. Never deleted: a voided number stays, with its reason, and is
 * never given again.
 */
@Entity('register_entry')
@Unique('uq_register_entry_number', ['registerId', 'periodKey', 'number'])
@Index('uq_register_entry_live_plan', ['planId'], { unique: true, where: '"voided_at" IS NULL' })
@Index(['organizationId', 'issuedOn'])
export class RegisterEntry {
  @UuidPrimaryKey() id: string;

  @UuidColumn() registerId: string;

  @ManyToOne(() => Register, { onDelete: 'RESTRICT' }) register?: Register;

  @Column({ type: 'varchar', length: 60 }) periodKey: string;

  @Column({ type: 'int' }) number: number;

  /** "04-KH/BCĐ", "48/KH-UBND". */
  @Column({ type: 'varchar', length: 60 }) numberSymbol: string;

  @Index() @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'RESTRICT' }) plan?: Plan;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' }) organization?: Organization;

  @Column({ type: 'varchar', length: 8 }) documentType: string;

  /** The date on the document (ngày tháng văn bản). */
  @Column({ type: 'date' }) issuedOn: string;

  /** Trích yếu. */
  @Column({ type: 'text' }) summary: string;

  /** Người ký, with the capacity: "Bùi Quang Nhựt (PHÓ BÍ THƯ kiêm TRƯỞNG BAN CHỈ ĐẠO)". */
  @Column({ type: 'varchar', length: 400 }) signer: string;

  /** Nơi nhận, as printed, separated by "; ". */
  @Column({ type: 'text' }) recipients: string;

  /** Đơn vị, người nhận bản lưu: "VP, BTGĐUK". */
  @Column({ type: 'varchar', length: 200 }) archiveUnit: string;

  /** Số lượng bản. */
  @Column({ type: 'int' }) copies: number;

  /** Ngày chuyển: set when distribution sends it. */
  @Column({ type: 'date', nullable: true }) sentOn: string | null;

  /** Ký nhận. */
  @Column({ type: 'text', nullable: true }) receipt: string | null;

  /** Ghi chú. */
  @Column({ type: 'text', nullable: true }) notes: string | null;

  @InstantColumn() assignedAt: Date;

  @InstantColumn({ nullable: true }) voidedAt: Date | null;

  @Column({ type: 'text', nullable: true }) voidReason: string | null;

  @CreatedAt() createdAt: Date;
}
