import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { cleanText } from '@app/common';
import type { PlanContent } from '../content/plan-content';

/** The content is checked by ajv against docs/plan.schema.json (PlanContentValidator), not here. */
const contentProperty = () => ApiProperty({ allOf: [{ $ref: getSchemaPath('PlanContent') }] });

export class CreatePlanDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Tổ chức ban hành; mặc định: tổ chức duy nhất mà người dùng là chuyên viên soạn thảo.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @contentProperty()
  @IsObject()
  content: PlanContent;
}

export class SavePlanContentDto {
  @ApiProperty({ minimum: 1, description: 'Phiên bản đã chỉnh sửa; khác phiên bản hiện tại thì bị từ chối (409) và không lưu gì.' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  baseVersion: number;

  @contentProperty()
  @IsObject()
  content: PlanContent;
}

export class ListPlansQueryDto {
  @ApiPropertyOptional({ description: 'Trạng thái (draft, review, ...); nhiều trạng thái cách nhau bởi dấu phẩy.' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z_]{1,40}(,[A-Za-z_]{1,40}){0,19}$/)
  status?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tổ chức ban hành.' })
  @IsOptional()
  @IsUUID()
  org?: string;

  @ApiPropertyOptional({ description: 'Tìm trong trích yếu và nội dung, có dấu hoặc không dấu ("dan chu" tìm được "dân chủ").' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value))
  q?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class DiffQueryDto {
  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from: number;

  @ApiProperty({ minimum: 1 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to: number;
}

export class CheckQueryDto {
  @ApiPropertyOptional({ description: 'Ngày dự kiến ký (YYYY-MM-DD); mặc định: ngày ban hành, hoặc hôm nay.' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  date?: string;
}

export const PLAN_EXPORT_FORMAT = 'kehoach.plan';

/** A whole plan as exported by GET /api/plans/:id/export.json (or written elsewhere: then only `content` is needed). */
export class ImportPlanDto {
  @ApiPropertyOptional({ enum: [PLAN_EXPORT_FORMAT] })
  @IsOptional()
  @IsIn([PLAN_EXPORT_FORMAT])
  format?: string;

  @ApiPropertyOptional({ enum: [1] })
  @IsOptional()
  @IsIn([1])
  formatVersion?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  exportedAt?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Thông tin của kế hoạch ở nơi xuất (chỉ để tham khảo).' })
  @IsOptional()
  @IsObject()
  plan?: Record<string, unknown>;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tổ chức nhận bản nhập; mặc định như khi tạo mới.' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @contentProperty()
  @IsObject()
  content: PlanContent;
}

/** Thu hồi: what a revoked plan shows (its page, its recipients, the verification page). */
export class PlanRevocationDto {
  @ApiProperty() revokedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) revokedById: string | null;
  @ApiProperty() reason: string;
  @ApiProperty({ nullable: true, type: String, description: 'number of the revoking decision' }) decisionNumber: string | null;
}

/**
 * "Soạn văn bản thay thế" takes nothing: the new draft is the issued content with the cited line,
 * edited afterwards as any draft. Any field is refused (422), so a client cannot think it set one.
 */
export class StartReplacementDto {}

/** Thay thế: the other end of a replacement, as the plan page links it (named apart from the cascade's PlanLinkDto: OpenAPI keys schemas by class name). */
export class ReplacementLinkDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'KH' }) documentType: string;
  @ApiProperty({ nullable: true, type: String }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty() state: string;
}

export class PlanDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ enum: ['party', 'state'] }) family: 'party' | 'state';
  @ApiProperty({ example: 'KH' }) documentType: string;
  @ApiProperty({ example: 'draft' }) state: string;
  @ApiProperty() summary: string;
  @ApiProperty({ description: 'Phiên bản nội dung mới nhất (= currentVersion).' }) version: number;
  @ApiProperty() currentVersion: number;
  @ApiProperty({ nullable: true, type: Number }) submittedVersion: number | null;
  @ApiProperty() draftRound: number;
  @ApiProperty({ nullable: true, type: Number }) number: number | null;
  @ApiProperty({ nullable: true, type: String }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) parentPlanId: string | null;
  @ApiProperty({ nullable: true, type: String }) dueDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Văn bản đính chính: kế hoạch đã ban hành mà văn bản này đính chính' })
  correctsPlanId: string | null;
  @ApiProperty({ nullable: true, type: PlanRevocationDto, description: 'set once the plan was revoked after issuance' })
  revocation: PlanRevocationDto | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'the issued plan this one replaces (thay thế)' })
  replacesPlanId: string | null;
  @ApiProperty() createdById: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
  @ApiProperty({ description: 'Khóa lạc quan của dòng kế hoạch.' }) rowVersion: number;
}

export class PlanDetailDto extends PlanDto {
  @contentProperty() content: PlanContent;
  @ApiProperty() contentSha256: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Số thứ tự tính được của từng phần, mục: { id: "I-" | "1." | "a)" | "-" }.',
  })
  numbering: Record<string, string>;
  @ApiProperty({
    description: 'Người đọc chỉ được xem phiên bản được gửi cho mình (người được xin ý kiến, nơi nhận): không xem dự thảo khác, góp ý, lịch sử.',
  })
  partialReading: boolean;
  @ApiProperty({ nullable: true, type: ReplacementLinkDto, description: 'the plan this one replaces (thay thế)' })
  replaces: ReplacementLinkDto | null;
  @ApiProperty({
    nullable: true,
    type: ReplacementLinkDto,
    description: 'the replacement of this plan: under way (a draft on its road) or issued (this plan is then `replaced`)',
  })
  replacedBy: ReplacementLinkDto | null;
}

export class PlanPageDto {
  @ApiProperty({ type: [PlanDto] }) items: PlanDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class PlanVersionDto {
  @ApiProperty() version: number;
  @ApiProperty() authorId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() createdAt: string;
  @ApiProperty() contentSha256: string;
  @ApiProperty() summary: string;
}

export class PlanVersionDetailDto extends PlanVersionDto {
  @ApiProperty() planId: string;
  @contentProperty() content: PlanContent;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) numbering: Record<string, string>;
}

export class PlanExportDto {
  @ApiProperty({ enum: [PLAN_EXPORT_FORMAT] }) format: string;
  @ApiProperty({ enum: [1] }) formatVersion: number;
  @ApiProperty() exportedAt: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) plan: Record<string, unknown>;
  @contentProperty() content: PlanContent;
}

export class ImportedPlanDto extends PlanDetailDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object' },
    description: 'Liên kết không tồn tại ở hệ thống này đã được bỏ (tổ chức, người ký, kế hoạch cấp trên).',
  })
  warnings: { path: string; code: string; message: string }[];
}
