import { Column, Entity, Index, ManyToOne, PrimaryColumn } from 'typeorm';
import { CreatedAt, InstantColumn, UuidColumn } from '@app/db';
import { User } from '@app/identity';
import { Plan } from '@app/plans';

export const COMMENT_RESOLUTIONS = ['accepted', 'declined'] as const;
/** Tiếp thu (accepted) or giải trình (declined, with the explanation). */
export type CommentResolution = (typeof COMMENT_RESOLUTIONS)[number];

/** A consultee's comment on a circulated draft, anchored to a part or item, and the drafter's answer. */
@Entity('consultation_comment')
@Index(['planId', 'round'])
export class ConsultationComment {
  /** Chosen before the transition, which carries the ids of the comments it opens. */
  @PrimaryColumn({ type: 'uuid' }) id: string;

  @UuidColumn() planId: string;

  @ManyToOne(() => Plan, { onDelete: 'CASCADE' }) plan?: Plan;

  /** The consultation round (1, 2, ...). */
  @Column({ type: 'int' }) round: number;

  @UuidColumn() consulteeId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' }) consultee?: User;

  /** Id of the part or item commented on; null for the draft as a whole. */
  @Column({ type: 'varchar', length: 80, nullable: true }) anchorId: string | null;

  @Column({ type: 'text' }) text: string;

  /** The content version the comment was made on. */
  @Column({ type: 'int' }) contentVersion: number;

  @CreatedAt() createdAt: Date;

  @Column({ type: 'enum', enum: COMMENT_RESOLUTIONS, enumName: 'comment_resolution', nullable: true }) resolution: CommentResolution | null;

  @Column({ type: 'text', nullable: true }) resolutionNote: string | null;

  @UuidColumn({ nullable: true }) resolvedById: string | null;

  @InstantColumn({ nullable: true }) resolvedAt: Date | null;
}
