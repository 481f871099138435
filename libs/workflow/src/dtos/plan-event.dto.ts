import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { FieldProblem } from '@app/common';
import { eventFieldDoc, eventFieldProblems as planEventFieldProblems, PLAN_EVENT_LABELS, PLAN_EVENT_TYPES, PlanEventType } from '@workflows/index';
import { COMMENT_RESOLUTIONS, CommentResolution } from '../entities/consultation-comment.entity';

export class CommentInputDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Id of the part or item commented on; absent for the draft as a whole' })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  anchorId?: string | null;

  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  text: string;
}

/** `POST /api/plans/:id/events`: the event type and the fields that type takes. */
export class PlanEventDto {
  @ApiProperty({ enum: PLAN_EVENT_TYPES, description: PLAN_EVENT_TYPES.map((t) => `${t}: ${PLAN_EVENT_LABELS[t]}`).join('; ') })
  @IsIn(PLAN_EVENT_TYPES)
  type: PlanEventType;

  @ApiPropertyOptional({ description: eventFieldDoc('reason') })
  @IsOptional()
  @IsString()
  // The table refuses a reason over REASON_MAX_LENGTH with its own message; this only bounds the body.
  @MaxLength(20000)
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: eventFieldDoc('consultees') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  consultees?: string[];

  @ApiPropertyOptional({ description: eventFieldDoc('deadline') })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  deadline?: string;

  @ApiPropertyOptional({ type: [CommentInputDto], description: eventFieldDoc('comments') })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommentInputDto)
  comments?: CommentInputDto[];

  @ApiPropertyOptional({ description: eventFieldDoc('commentId') })
  @IsOptional()
  @IsUUID()
  commentId?: string;

  @ApiPropertyOptional({ enum: COMMENT_RESOLUTIONS, description: eventFieldDoc('resolution') })
  @IsOptional()
  @IsIn(COMMENT_RESOLUTIONS)
  resolution?: CommentResolution;

  @ApiPropertyOptional({ description: eventFieldDoc('note') })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ format: 'uuid', description: eventFieldDoc('registerId') })
  @IsOptional()
  @IsUUID()
  registerId?: string;

  @ApiPropertyOptional({ description: eventFieldDoc('decisionNumber') })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  decisionNumber?: string;

  @ApiPropertyOptional({ description: eventFieldDoc('password') })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}

/** Field problems of an event body beyond its shape, as the event table (workflows/plan-events.ts) says. */
export function eventFieldProblems(dto: PlanEventDto): FieldProblem[] {
  return planEventFieldProblems(dto.type, dto);
}
