import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { cleanText } from '@app/common';
import { REGISTER_PERIODS, RegisterPeriod } from '../entities/register.entity';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export class OutgoingRegisterQueryDto {
  @ApiPropertyOptional({ description: 'Tổ chức ban hành: id (uuid) hoặc mã (bcd-duk); mặc định: tổ chức duy nhất mà người dùng là văn thư.' })
  @IsOptional()
  @IsString()
  @MaxLength(60)
  org?: string;

  @ApiPropertyOptional({ description: 'Từ ngày (YYYY-MM-DD), theo ngày văn bản.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'from: cần ngày dạng YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: 'Đến ngày (YYYY-MM-DD), theo ngày văn bản.' })
  @IsOptional()
  @Matches(ISO_DATE, { message: 'to: cần ngày dạng YYYY-MM-DD' })
  to?: string;
}

/** One line of the sổ đăng ký văn bản đi (Nghị định 30/2020, Phụ lục IV). */
export class OutgoingRegisterLineDto {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Số, ký hiệu văn bản' }) numberSymbol: string;
  @ApiProperty() number: number;
  @ApiProperty({ description: 'Ngày tháng văn bản' }) issuedOn: string;
  @ApiProperty({ description: 'Tên loại văn bản' }) documentType: string;
  @ApiProperty({ description: 'Trích yếu nội dung' }) summary: string;
  @ApiProperty({ description: 'Người ký' }) signer: string;
  @ApiProperty({ description: 'Nơi nhận văn bản' }) recipients: string;
  @ApiProperty({ description: 'Đơn vị, người nhận bản lưu' }) archiveUnit: string;
  @ApiProperty({ description: 'Số lượng bản' }) copies: number;
  @ApiProperty({ nullable: true, description: 'Ngày chuyển' }) sentOn: string | null;
  @ApiProperty({ nullable: true, description: 'Ký nhận' }) receipt: string | null;
  @ApiProperty({ nullable: true, description: 'Ghi chú' }) notes: string | null;
  @ApiProperty() planId: string;
  @ApiProperty({ description: 'Số đã bị hủy (vẫn giữ trong sổ, không cấp lại)' }) voided: boolean;
  @ApiProperty({ nullable: true }) voidReason: string | null;
  @ApiProperty({ nullable: true, description: 'Ngày thu hồi (the plan was revoked after issuance; the line stays)' }) revokedOn: string | null;
  @ApiProperty({ nullable: true, description: 'Lý do thu hồi' }) revocationReason: string | null;
  @ApiProperty({ nullable: true, description: 'Số quyết định thu hồi' }) revocationDecision: string | null;
  @ApiProperty({ nullable: true, description: 'Được thay thế bởi: number and symbol of the issued plan that replaced this one' })
  replacedBy: string | null;
  @ApiProperty({ nullable: true, description: 'Thay thế: number and symbol of the plan this one replaces' }) replaces: string | null;
}

export class OutgoingRegisterDto {
  @ApiProperty() organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ nullable: true }) from: string | null;
  @ApiProperty({ nullable: true }) to: string | null;
  @ApiProperty({ type: [OutgoingRegisterLineDto] }) lines: OutgoingRegisterLineDto[];
}

export class CreateTermDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ example: 'Nhiệm kỳ 2020 - 2025' })
  @IsString()
  @MaxLength(120)
  @Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value))
  name: string;

  @ApiProperty({ example: '2020-10-15' })
  @Matches(ISO_DATE, { message: 'startsOn: cần ngày dạng YYYY-MM-DD' })
  startsOn: string;

  @ApiPropertyOptional({ nullable: true, example: '2025-10-14' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @Matches(ISO_DATE, { message: 'endsOn: cần ngày dạng YYYY-MM-DD' })
  endsOn?: string | null;
}

export class TermDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty() name: string;
  @ApiProperty() startsOn: string;
  @ApiProperty({ nullable: true }) endsOn: string | null;
}

export class TermsQueryDto {
  @ApiProperty({ description: 'Tổ chức: id (uuid) hoặc mã' })
  @IsString()
  @MaxLength(60)
  org: string;
}

export class CreateRegisterDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;

  @ApiProperty({ nullable: true, description: 'Loại văn bản (KH, CTr...) có sổ riêng; null: một sổ chung cho mọi loại.' })
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(/^[A-ZĐa-zđ]{1,8}$/, { message: 'documentType: mã loại văn bản như KH, CTr' })
  documentType: string | null;

  @ApiPropertyOptional({ enum: REGISTER_PERIODS, description: 'Mặc định: term (Đảng), year (Nhà nước).' })
  @IsOptional()
  @IsIn([...REGISTER_PERIODS])
  period?: RegisterPeriod;
}

export class RegisterDto {
  @ApiProperty() id: string;
  @ApiProperty() organizationId: string;
  @ApiProperty({ nullable: true }) documentType: string | null;
  @ApiProperty({ enum: REGISTER_PERIODS }) period: RegisterPeriod;
  @ApiProperty({ description: 'Số cuối cùng đã cấp theo từng kỳ ("year:2024", "term:<id>")' })
  lastNumbers: Record<string, number>;
}
