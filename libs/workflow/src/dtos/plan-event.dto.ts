import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { FieldProblem, isValidIsoDate } from '@app/common';
import { PLAN_EVENT_TYPES, PlanEventType } from '@workflows/index';
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
  @ApiProperty({ enum: PLAN_EVENT_TYPES })
  @IsIn(PLAN_EVENT_TYPES)
  type: PlanEventType;

  @ApiPropertyOptional({ description: 'RETURN, CANCEL: why (required)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ type: [String], description: 'CIRCULATE: user ids asked for an opinion' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsUUID('all', { each: true })
  consultees?: string[];

  @ApiPropertyOptional({ description: 'CIRCULATE: YYYY-MM-DD (end of that day, Vietnam time) or an ISO date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  deadline?: string;

  @ApiPropertyOptional({ type: [CommentInputDto], description: 'COMMENT: the comments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => CommentInputDto)
  comments?: CommentInputDto[];

  @ApiPropertyOptional({ description: 'RESOLVE_COMMENT: the comment' })
  @IsOptional()
  @IsUUID()
  commentId?: string;

  @ApiPropertyOptional({ enum: COMMENT_RESOLUTIONS, description: 'RESOLVE_COMMENT: accepted (tiếp thu) or declined (giải trình)' })
  @IsOptional()
  @IsIn(COMMENT_RESOLUTIONS)
  resolution?: CommentResolution;

  @ApiPropertyOptional({ description: 'RESOLVE_COMMENT: the note' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'SIGN: the signer re-enters the password (step-up); never stored' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;
}

const FIELDS = ['reason', 'consultees', 'deadline', 'comments', 'commentId', 'resolution', 'note', 'password'] as const;
type Field = (typeof FIELDS)[number];

/** The fields each event type requires; any other field is refused. */
export const EVENT_FIELDS: Record<PlanEventType, Field[]> = {
  SUBMIT: [],
  CIRCULATE: ['consultees', 'deadline'],
  COMMENT: ['comments'],
  NO_COMMENT: [],
  DEADLINE: [],
  RESOLVE_COMMENT: ['commentId', 'resolution', 'note'],
  APPROVE: [],
  RETURN: ['reason'],
  SIGN: ['password'],
  WITHDRAW: [],
  CANCEL: ['reason'],
  NUMBERED: [],
  ISSUED: [],
  DISTRIBUTION_STARTED: [],
  DISTRIBUTED: [],
};

const FIELD_NAMES: Record<Field, string> = {
  reason: 'lý do',
  consultees: 'người được xin ý kiến',
  deadline: 'hạn góp ý',
  comments: 'góp ý',
  commentId: 'góp ý cần xử lý',
  resolution: 'tiếp thu hay giải trình',
  note: 'ghi chú',
  password: 'mật khẩu xác nhận',
};

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
}

/** Field problems of an event body beyond its shape: what the type requires, what it does not take. */
export function eventFieldProblems(dto: PlanEventDto): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const required = EVENT_FIELDS[dto.type];
  for (const field of FIELDS) {
    const value = dto[field];
    if (required.includes(field) && isEmpty(value)) {
      problems.push({ path: field, code: 'required', message: `${field}: cần có ${FIELD_NAMES[field]} cho sự kiện ${dto.type}` });
    } else if (!required.includes(field) && value !== undefined) {
      problems.push({ path: field, code: 'not_allowed', message: `${field}: sự kiện ${dto.type} không nhận trường này` });
    }
  }
  if (dto.deadline !== undefined && required.includes('deadline') && !isEmpty(dto.deadline) && parseDeadline(dto.deadline) === null) {
    problems.push({ path: 'deadline', code: 'invalid_date', message: 'deadline: ngày không hợp lệ (YYYY-MM-DD hoặc ngày giờ ISO 8601)' });
  }
  return problems;
}

/** A deadline as an instant: a bare date is the end of that day in Vietnam (UTC+7). */
export function parseDeadline(value: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return isValidIsoDate(value) ? new Date(`${value}T23:59:59+07:00`) : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
