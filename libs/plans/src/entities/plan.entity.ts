import { Column, Entity, Index, ManyToOne, VersionColumn } from 'typeorm';
import { CreatedAt, InstantColumn, UpdatedAt, UuidColumn, UuidPrimaryKey } from '@app/db';
import { Organization, User } from '@app/identity';

/**
 * A plan (or another document of the same anatomy) at its issuing organization. The content
 * lives in immutable PlanVersion rows; this row holds where the plan stands.
 * `rowVersion` is the optimistic lock sent as If-Match.
 */
@Entity('plan')
@Index(['organizationId', 'state'])
// An organization's plans newest change first (its list, a drafter's drafts, a leader's pending): the page without sorting them all.
@Index(['organizationId', 'updatedAt'])
// The few revoked plans: the outgoing register asks which of a year's thousands of plans were revoked.
@Index('idx_plan_revoked', ['id'], { where: '"revoked_at" IS NOT NULL' })
// Trigram index for `q` searches (created in the migration; TypeORM leaves it alone).
@Index('idx_plan_search_text_trgm', { synchronize: false })
// One replacement under way or issued per plan: a second draft replacing it is refused until the first is cancelled.
@Index('uq_plan_replaces_plan', ['replacesPlanId'], { unique: true, where: `replaces_plan_id IS NOT NULL AND state <> 'cancelled'` })
export class Plan {
  @UuidPrimaryKey() id: string;

  @UuidColumn() organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' }) organization?: Organization;

  @Column({ type: 'varchar', length: 8 }) documentType: string;

  /** The workflow state (draft, review, awaitingSignature, signed, issued, ...), kept in step with the machine snapshot. */
  @Column({ type: 'varchar', length: 40, default: 'draft' }) state: string;

  /** Latest saved content version (1, 2, ...). */
  @Column({ type: 'int', default: 1 }) currentVersion: number;

  /** The version frozen by the last SUBMIT; null while never submitted. */
  @Column({ type: 'int', nullable: true }) submittedVersion: number | null;

  /** DỰ THẢO round: 1, then 2 after the first return, ... */
  @Column({ type: 'int', default: 1 }) draftRound: number;

  /** Copy of the current summary line for lists. */
  @Column({ type: 'text' }) summary: string;

  /** Summary and body folded to ASCII lower case, for searches with or without diacritics. */
  @Column({ type: 'text', select: false, default: '' }) searchText: string;

  @UuidColumn() createdById: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) createdBy?: User;

  /** Number and symbol once issued: number 4, "04-KH/BCĐ". */
  @Column({ type: 'int', nullable: true }) number: number | null;

  @Column({ type: 'varchar', length: 60, nullable: true }) numberSymbol: string | null;

  /** The date on the date line (Vietnam time). */
  @Column({ type: 'date', nullable: true }) issuedOn: string | null;

  @InstantColumn({ nullable: true }) signedAt: Date | null;

  @UuidColumn({ nullable: true }) signedById: string | null;

  /** SHA-256 of the issued PDF (its storage address). */
  @Column({ type: 'varchar', length: 64, nullable: true }) pdfSha256: string | null;

  /** The document the signer signed at SIGN with their own key (stored by its SHA-256): the issued PDF's first revision. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  signedPdfSha256: string | null;

  /** Where that document left room for the number, day, month and seal (document-slots.ts), in PDF points. */
  @Column({ type: 'jsonb', nullable: true })
  signatureSlots: Record<string, { page: number; rect: [number, number, number, number] }> | null;

  /** The plan this one implements (cascade), and the date by which it must be issued. */
  @Index() @UuidColumn({ nullable: true }) parentPlanId: string | null;

  @ManyToOne(() => Plan, { nullable: true, onDelete: 'RESTRICT' }) parentPlan?: Plan | null;

  @Column({ type: 'date', nullable: true }) dueDate: string | null;

  /**
   * Đính chính (Nghị định 30 Art. 18): the issued plan this correction notice corrects. The
   * notice is a plan row of its own type (Thông báo / Công văn) walking the short road.
   */
  @Index() @UuidColumn({ nullable: true }) correctsPlanId: string | null;

  @ManyToOne(() => Plan, { nullable: true, onDelete: 'RESTRICT' }) correctsPlan?: Plan | null;

  /**
   * Thu hồi (REVOKE, Nghị định 30 Art. 18): when, by whom, why, and the decision that revoked
   * it; what the register, the recipients and the verification page show of a revoked plan.
   */
  @InstantColumn({ nullable: true }) revokedAt: Date | null;

  @UuidColumn({ nullable: true }) revokedById: string | null;

  @Column({ type: 'text', nullable: true }) revocationReason: string | null;

  /** Number and symbol of the revoking decision ("12-QĐ/TU"), when there is one. */
  @Column({ type: 'varchar', length: 60, nullable: true }) revocationDecision: string | null;

  /**
   * Thay thế (Nghị định 30 Art. 18): the issued plan this one replaces. When this one is issued,
   * that one becomes `replaced` (machine v5); "replaced by" is read back through this column.
   */
  @UuidColumn({ nullable: true }) replacesPlanId: string | null;

  @ManyToOne(() => Plan, { nullable: true, onDelete: 'RESTRICT' }) replacesPlan?: Plan | null;

  @CreatedAt() createdAt: Date;

  /** The plans list's order (newest change first): walked backwards, a page of a million plans reads 20 rows, not all. */
  @Index() @UpdatedAt() updatedAt: Date;

  @VersionColumn() rowVersion: number;
}
