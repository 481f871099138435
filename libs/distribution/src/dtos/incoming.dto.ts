import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { cleanText } from '@app/common';
import { EDXML_STATUS_CODE, HANDLING_STATUSES, HandlingStatus } from '../delivery-states';

const HANDLING_INPUTS = [...HANDLING_STATUSES, ...Object.values(EDXML_STATUS_CODE)];

export class IncomingDocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty({ format: 'uuid' }) planId: string;
  @ApiProperty() documentType: string;
  @ApiProperty({ example: 'Kế hoạch' }) documentTypeName: string;
  @ApiPropertyOptional({ nullable: true, example: '04-KH/BCĐ' }) numberSymbol: string | null;
  @ApiPropertyOptional({ nullable: true }) issuedOn: string | null;
  @ApiProperty() summary: string;
  @ApiProperty({ format: 'uuid' }) senderOrganizationId: string;
  @ApiProperty() senderName: string;
  @ApiProperty() receivedAt: Date;
  @ApiPropertyOptional({ nullable: true }) acknowledgedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) acknowledgedById: string | null;
  @ApiProperty({ enum: HANDLING_STATUSES }) handlingStatus: HandlingStatus;
  @ApiProperty({ example: '01', description: 'edXML status code' }) handlingStatusCode: string;
  @ApiProperty({ example: 'Đã đến' }) handlingStatusLabel: string;
  @ApiPropertyOptional({ nullable: true }) handlingNote: string | null;
  @ApiPropertyOptional({ nullable: true }) handlingUpdatedAt: Date | null;
  @ApiProperty({ description: 'statuses the organization may report next' }) allowedStatuses: HandlingStatus[];
  @ApiPropertyOptional({
    nullable: true,
    description: 'the sender revoked the plan (thu hồi): when the notice arrived; the copy is no longer current',
  })
  revokedAt: Date | null;
  @ApiPropertyOptional({ nullable: true }) revocationReason: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'number of the revoking decision' }) revocationDecision: string | null;
  @ApiPropertyOptional({ nullable: true, description: 'đã nhận thông báo thu hồi' }) revocationAcknowledgedAt: Date | null;
  @ApiPropertyOptional({
    nullable: true,
    description: 'the sender replaced the plan (thay thế): when the notice arrived; the copy is no longer current',
  })
  replacedAt: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid', description: 'the plan that replaces it' }) replacedByPlanId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'its number and symbol' }) replacedByNumberSymbol: string | null;
  @ApiProperty() rowVersion: number;
}

export class ListIncomingQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'one of the organizations whose inbox the actor keeps; default all of them' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiPropertyOptional({ enum: HANDLING_STATUSES })
  @IsOptional()
  @IsIn(HANDLING_STATUSES)
  status?: HandlingStatus;

  @ApiPropertyOptional({ description: 'only documents not yet acknowledged' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unacknowledged?: 'true' | 'false';

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only documents in force (neither revoked nor replaced); false: only revoked or replaced ones',
  })
  @IsOptional()
  @IsIn(['true', 'false'])
  current?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}

export class IncomingPageDto {
  @ApiProperty({ type: [IncomingDocumentDto] }) items: IncomingDocumentDto[];
  @ApiProperty() total: number;
}

export class ReportHandlingDto {
  @ApiProperty({
    enum: HANDLING_INPUTS,
    description: 'English code or edXML number: accepted / "03", assigned / "04", in_progress / "05", done / "06", rejected / "02"',
  })
  @IsString()
  @IsIn(HANDLING_INPUTS)
  status: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'ghi chú xử lý (who it was assigned to, why it was rejected...)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value))
  note?: string;
}
