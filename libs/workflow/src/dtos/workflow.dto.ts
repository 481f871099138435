import { ApiProperty } from '@nestjs/swagger';
import { REVIEW_STEP_ROLES } from '@workflows/index';

export class TransitionResultDto {
  @ApiProperty() planId: string;
  @ApiProperty() event: string;
  @ApiProperty() fromState: string;
  @ApiProperty() toState: string;
  @ApiProperty({ description: 'The new row version: send it as If-Match with the next event' }) rowVersion: number;
  @ApiProperty() draftRound: number;
  @ApiProperty({ nullable: true, type: Number }) submittedVersion: number | null;
  @ApiProperty({ description: 'Sequence number of the audit event written' }) auditSeq: number;
  @ApiProperty({ type: [String], description: 'Events the sender may send now' }) allowedEvents: string[];
  @ApiProperty({ type: [String], description: 'COMMENT: ids of the comments written' }) commentIds: string[];
}

export class AllowedEventsDto {
  @ApiProperty() planId: string;
  @ApiProperty() state: string;
  @ApiProperty() rowVersion: number;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
}

export class ReviewStepViewDto {
  @ApiProperty() position: number;
  @ApiProperty({ enum: REVIEW_STEP_ROLES }) role: string;
  @ApiProperty() label: string;
  @ApiProperty({ nullable: true, type: String, description: 'Who approved it in this round' }) approvedBy: string | null;
}

export class ConsultationViewDto {
  @ApiProperty() round: number;
  @ApiProperty({ type: [String] }) consultees: string[];
  @ApiProperty({ type: [String] }) answered: string[];
  @ApiProperty() deadline: string;
}

export class WorkflowViewDto {
  @ApiProperty() planId: string;
  @ApiProperty() state: string;
  @ApiProperty() stateLabel: string;
  @ApiProperty() machineVersion: string;
  @ApiProperty() rowVersion: number;
  @ApiProperty() draftRound: number;
  @ApiProperty({ nullable: true, type: Number }) submittedVersion: number | null;
  @ApiProperty({ type: [ReviewStepViewDto], description: 'The chain of this round (empty before SUBMIT)' }) chain: ReviewStepViewDto[];
  @ApiProperty({ nullable: true, type: Number, description: 'Position (1-based) of the review step under way' }) currentStep: number | null;
  @ApiProperty({ type: ConsultationViewDto, nullable: true }) consultation: ConsultationViewDto | null;
  @ApiProperty({ type: [String] }) openComments: string[];
  @ApiProperty({ type: Object, nullable: true }) lastReturn: Record<string, unknown> | null;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
}

export class CommentDto {
  @ApiProperty() id: string;
  @ApiProperty() round: number;
  @ApiProperty() consulteeId: string;
  @ApiProperty() consulteeName: string;
  @ApiProperty({ nullable: true, type: String }) anchorId: string | null;
  @ApiProperty() text: string;
  @ApiProperty() contentVersion: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ nullable: true, enum: ['accepted', 'declined'] }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String }) resolutionNote: string | null;
}
