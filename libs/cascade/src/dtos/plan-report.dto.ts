import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBase64, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { cleanText } from '@app/common';
import { CascadeOrganizationDto, PlanLinkDto } from './cascade-tree.dto';

const clean = () => Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value));
/** Report text keeps its paragraphs: each line is cleaned on its own. */
const cleanParagraphs = () =>
  Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .normalize('NFC')
          .split(/\r?\n/)
          .map(cleanText)
          .join('\n')
          .replace(/\n{3,}/g, '\n\n')
          .trim()
      : value,
  );

export const MAX_REPORT_ATTACHMENTS = 10;

export class ReportAttachmentInputDto {
  @ApiProperty({ example: 'bao-cao-6-thang.pdf' })
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  @Matches(/^[^/\\\u0000-\u001f]+$/)
  @clean()
  fileName: string;

  @ApiProperty({ example: 'application/pdf' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i)
  @MaxLength(120)
  mediaType: string;

  @ApiProperty({ description: 'Nội dung tệp, mã hóa base64' })
  @IsString()
  @IsBase64()
  @MinLength(1)
  contentBase64: string;
}

export class SubmitReportDto {
  @ApiProperty({ description: 'Mã nhiệm vụ báo cáo (reportingDuties[].id) trong kế hoạch' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  dutyId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Tổ chức báo cáo, khi người gửi thuộc nhiều tổ chức phải báo cáo' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;

  @ApiProperty({ description: 'Nội dung báo cáo' })
  @IsString()
  @MinLength(1)
  @MaxLength(100_000)
  @cleanParagraphs()
  text: string;

  @ApiPropertyOptional({ type: [ReportAttachmentInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REPORT_ATTACHMENTS)
  @ValidateNested({ each: true })
  @Type(() => ReportAttachmentInputDto)
  attachments?: ReportAttachmentInputDto[];
}

export class ReportAttachmentDto {
  @ApiProperty() id: string;
  @ApiProperty() fileName: string;
  @ApiProperty() mediaType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
}

export class PlanReportDto {
  @ApiProperty() id: string;
  @ApiProperty() planId: string;
  @ApiProperty() dutyId: string;
  @ApiProperty({ type: CascadeOrganizationDto }) organization: CascadeOrganizationDto;
  @ApiProperty({ nullable: true, type: String }) childPlanId: string | null;
  @ApiProperty() text: string;
  @ApiProperty() submittedById: string;
  @ApiProperty() submittedAt: string;
  @ApiProperty({ description: 'Gửi sau hạn báo cáo' }) late: boolean;
  @ApiProperty({ type: [ReportAttachmentDto] }) attachments: ReportAttachmentDto[];
}

export const REPORT_CELL_STATUSES = ['submitted', 'late', 'pending', 'overdue', 'not_required'] as const;
/** submitted on time, submitted late, not yet due, due and missing (quá hạn), not asked of this organization. */
export type ReportCellStatus = (typeof REPORT_CELL_STATUSES)[number];

export class ReportDutyColumnDto {
  @ApiProperty() id: string;
  @ApiProperty() what: string;
  @ApiProperty({ nullable: true, type: String }) period: string | null;
  @ApiProperty() deadline: string;
  @ApiProperty() to: string;
  @ApiProperty() submitted: number;
  @ApiProperty() late: number;
  @ApiProperty() pending: number;
  @ApiProperty() overdue: number;
}

export class ReportCellDto {
  @ApiProperty() dutyId: string;
  @ApiProperty({ enum: REPORT_CELL_STATUSES }) status: ReportCellStatus;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) reportId: string | null;
  @ApiProperty({ nullable: true, type: String }) submittedAt: string | null;
  @ApiProperty({ description: 'Số lần đã gửi (lần sau thay lần trước)' }) reports: number;
}

export class ChildPlanSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() state: string;
  @ApiProperty({ nullable: true, type: String }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
}

export class ReportMatrixRowDto {
  @ApiProperty({ type: CascadeOrganizationDto }) organization: CascadeOrganizationDto;
  @ApiProperty({ type: ChildPlanSummaryDto, nullable: true }) childPlan: ChildPlanSummaryDto | null;
  @ApiProperty({ type: [ReportCellDto] }) cells: ReportCellDto[];
}

export class ReportMatrixDto {
  @ApiProperty() planId: string;
  @ApiProperty() today: string;
  @ApiProperty({ type: [ReportDutyColumnDto] }) duties: ReportDutyColumnDto[];
  @ApiProperty({ type: [ReportMatrixRowDto] }) rows: ReportMatrixRowDto[];
}

export class ReportDutyOwedDto {
  @ApiProperty({ description: 'Kế hoạch cấp trên đặt ra nhiệm vụ báo cáo' }) plan: PlanLinkDto;
  @ApiProperty({ type: CascadeOrganizationDto, description: 'Tổ chức phải báo cáo' }) organization: CascadeOrganizationDto;
  @ApiProperty({ nullable: true, type: String }) childPlanId: string | null;
  @ApiProperty() dutyId: string;
  @ApiProperty() what: string;
  @ApiProperty({ nullable: true, type: String }) period: string | null;
  @ApiProperty() deadline: string;
  @ApiProperty() to: string;
  @ApiProperty({ enum: REPORT_CELL_STATUSES }) status: ReportCellStatus;
  @ApiProperty() overdue: boolean;
  @ApiProperty({ nullable: true, type: String }) reportId: string | null;
  @ApiProperty() reports: number;
}
