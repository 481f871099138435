import { Check, Column, Entity, Index, ManyToOne, VersionColumn } from 'typeorm';
import { CreatedAt, UpdatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';

export const FAMILIES = ['party', 'state'] as const;
/** Party documents (văn bản của Đảng) or State documents (văn bản hành chính): two layouts, two numbering styles. */
export type Family = (typeof FAMILIES)[number];

export const ISSUANCE_MODES = ['desk', 'automatic'] as const;
/**
 * How a signed plan is issued: at the clerk's desk ("Chờ cấp số": the văn thư numbers, dates,
 * seals and signs for the organization, Nghị định 30 Art. 32), or automatically right after
 * the signature.
 */
export type IssuanceMode = (typeof ISSUANCE_MODES)[number];

/** An issuing body: a Party committee, a steering committee (Ban Chỉ đạo), a People's Committee... */
@Entity('organization')
@Check(`"level" >= 1`)
export class Organization {
  @UuidPrimaryKey() id: string;

  /** Short stable code used in URLs and demo user names (e.g. "bcd-duk"). */
  @Index({ unique: true }) @Column({ type: 'varchar', length: 40 }) code: string;

  @Column({ type: 'enum', enum: FAMILIES, enumName: 'organization_family' }) family: Family;

  @Index() @UuidColumn({ nullable: true }) parentId: string | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' }) parent?: Organization | null;

  /** 1 = province (tỉnh), 2 = district / khối / thị xã, 3 = commune / cơ sở, deeper as needed. */
  @Column({ type: 'int' }) level: number;

  @Column({ type: 'varchar', length: 300 }) fullName: string;

  @Column({ type: 'varchar', length: 120 }) shortName: string;

  /** Abbreviation in document symbols: BCĐ, ĐUK, UBND, TU... */
  @Column({ type: 'varchar', length: 30 }) symbolAbbreviation: string;

  /** Place name of the date line: "Bình Định", "Nhơn Hậu". */
  @Column({ type: 'varchar', length: 120 }) placeName: string;

  /** Header line(s) of the superior body, e.g. "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH BÌNH ĐỊNH" (lines separated by \n). */
  @Column({ type: 'varchar', length: 300, nullable: true }) superiorHeader: string | null;

  /** The issuing body's own header as printed, upper case (lines separated by \n). */
  @Column({ type: 'varchar', length: 300 }) headerName: string;

  @Column({ type: 'varchar', length: 200, nullable: true }) email: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true }) webhookUrl: string | null;

  @Column({ type: 'enum', enum: ISSUANCE_MODES, enumName: 'organization_issuance_mode', default: 'desk' })
  issuanceMode: IssuanceMode;

  /** HMAC key for webhook deliveries; never returned by the API. */
  @Column({ type: 'varchar', length: 200, nullable: true, select: false }) webhookSecret: string | null;

  /**
   * Separation of duties relaxed for a tiny office (văn phòng ít người): one person may approve
   * several review steps and sign. Off by default; a change is recorded in the trail.
   */
  @Column({ type: 'boolean', default: false }) relaxedSeparationOfDuties: boolean;

  @CreatedAt() createdAt: Date;

  @UpdatedAt() updatedAt: Date;

  @VersionColumn() version: number;
}
