import { ApiProperty } from '@nestjs/swagger';

export class AuditEventDto {
  @ApiProperty() seq: number;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty() actorName: string;
  @ApiProperty({ description: 'SUBMIT, APPROVE, RETURN, SIGN, CONTENT_SAVED, STEP_UP_FAILED, JOB_COMPLETED...' }) event: string;
  @ApiProperty({ nullable: true, type: String }) fromState: string | null;
  @ApiProperty({ nullable: true, type: String }) toState: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: Number }) contentVersion: number | null;
  @ApiProperty({ nullable: true, type: String }) contentSha256: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ type: Object }) data: Record<string, unknown>;
  @ApiProperty({ nullable: true, type: String }) prevHash: string | null;
  @ApiProperty() hash: string;
}

/**
 * What broke: a row changed (hash), a link (prev hash), a missing row (gap); against the latest
 * signed head: the chain cut before it (truncated), rewritten at it (signed_head_mismatch), or a
 * head whose signature is not the key's.
 */
export const BROKEN_LINK_PROBLEMS = [
  'hash_mismatch',
  'prev_hash_mismatch',
  'sequence_gap',
  'truncated',
  'signed_head_mismatch',
  'head_signature_invalid',
] as const;
export type BrokenLinkProblem = (typeof BROKEN_LINK_PROBLEMS)[number];

export class BrokenLinkDto {
  @ApiProperty() stream: string;
  @ApiProperty({ nullable: true, type: String }) planId: string | null;
  @ApiProperty({ nullable: true, type: String }) organizationId: string | null;
  @ApiProperty() seq: number;
  @ApiProperty({ enum: BROKEN_LINK_PROBLEMS }) problem: BrokenLinkProblem;
  @ApiProperty() message: string;
}

export class AuditVerifyReportDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() streams: number;
  @ApiProperty() events: number;
  @ApiProperty({ description: 'Streams with a signed head (signed after every issuance and once a day)' }) signedHeads: number;
  @ApiProperty({ type: BrokenLinkDto, nullable: true, description: 'The first broken link found (streams in order)' })
  firstBroken: BrokenLinkDto | null;
  @ApiProperty({ type: [BrokenLinkDto], description: 'The first broken link of every broken stream' }) broken: BrokenLinkDto[];
  @ApiProperty() checkedAt: string;
}
