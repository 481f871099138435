import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Where a plan of the cascade stands, for counting: issued, in progress, not started (the untouched prefill), cancelled. */
export const CASCADE_STATUSES = ['issued', 'in_progress', 'not_started', 'cancelled'] as const;
export type CascadeStatus = (typeof CASCADE_STATUSES)[number];

export class CascadeOrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() fullName: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ description: 'Cấp của tổ chức: 1 tỉnh, 2 huyện / khối, 3 xã / cơ sở...' }) level: number;
}

export class CascadeNodeDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) parentPlanId: string | null;
  @ApiProperty({ description: 'Cấp trong cây triển khai: 0 là kế hoạch gốc, 1 là kế hoạch con trực tiếp...' }) depth: number;
  @ApiProperty({ type: CascadeOrganizationDto }) organization: CascadeOrganizationDto;
  @ApiProperty({ description: 'Trạng thái quy trình (draft, review, awaitingSignature, issued...)' }) state: string;
  @ApiProperty({ enum: CASCADE_STATUSES }) status: CascadeStatus;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: Number }) number: number | null;
  @ApiProperty({ nullable: true, type: String, example: '04-KH/BCĐ' }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-01-24' }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-02-08' }) dueDate: string | null;
  @ApiProperty({ description: 'Quá hạn: chưa ban hành khi đã qua hạn' }) overdue: boolean;
}

export class CascadeLevelCountsDto {
  @ApiProperty() depth: number;
  @ApiProperty() total: number;
  @ApiProperty() issued: number;
  @ApiProperty() inProgress: number;
  @ApiProperty() notStarted: number;
  @ApiProperty() cancelled: number;
  @ApiProperty() overdue: number;
}

export class CascadeTreeDto {
  @ApiProperty({ type: CascadeNodeDto }) root: CascadeNodeDto;
  @ApiProperty({ description: 'Ngày dùng để tính quá hạn (giờ Việt Nam)' }) today: string;
  @ApiProperty({ description: 'Số kế hoạch con, cháu...' }) total: number;
  @ApiProperty({ type: [CascadeLevelCountsDto] }) levels: CascadeLevelCountsDto[];
  @ApiProperty({ type: [CascadeNodeDto], description: 'Theo thứ tự cây: mỗi kế hoạch trước các kế hoạch con của nó, cùng cấp theo tên tổ chức' })
  descendants: CascadeNodeDto[];
}

export class PlanLinkDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: CascadeOrganizationDto }) organization: CascadeOrganizationDto;
  @ApiProperty() documentType: string;
  @ApiProperty() state: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) dueDate?: string | null;
  @ApiPropertyOptional() overdue?: boolean;
}
