import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  IsUrl,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { cleanText } from '@app/common';
import { FAMILIES, Family, ISSUANCE_MODES, IssuanceMode } from '../entities/organization.entity';

const clean = () => Transform(({ value }) => (typeof value === 'string' ? cleanText(value) : value));
// Header lines keep their line breaks; each line is cleaned on its own.
const cleanLines = () => Transform(({ value }) => (typeof value === 'string' ? value.split('\n').map(cleanText).filter(Boolean).join('\n') : value));

/** Capital letters (Đ included), digits, groups joined by "-" or "/". */
export const SYMBOL_PATTERN = /^[A-Z0-9Đ]+(?:[-/][A-Z0-9Đ]+)*$/;

export class CreateOrganizationDto {
  @ApiProperty({ example: 'bcd-duk' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9-]{1,39}$/)
  @clean()
  code: string;

  @ApiProperty({ enum: FAMILIES })
  @IsIn(FAMILIES)
  family: Family;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;

  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  level: number;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  @clean()
  fullName: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @clean()
  shortName: string;

  /** Printed in every number symbol ("04-KH/BCĐ"): only what a symbol holds. */
  @ApiProperty({ example: 'BCĐ', pattern: SYMBOL_PATTERN.source })
  @IsString()
  @MaxLength(30)
  @Matches(SYMBOL_PATTERN, { message: 'symbolAbbreviation: chỉ gồm chữ in hoa, chữ số, "-" và "/" (ví dụ BCĐ, UBND)' })
  @clean()
  symbolAbbreviation: string;

  @ApiProperty({ example: 'Bình Định' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  @clean()
  placeName: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  @cleanLines()
  superiorHeader?: string | null;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(300)
  @cleanLines()
  headerName: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsEmail()
  @clean()
  email?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  webhookUrl?: string | null;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  webhookSecret?: string | null;

  @ApiPropertyOptional({
    description: 'Văn phòng ít người: một người được duyệt nhiều bước và ký (bỏ phân tách nhiệm vụ). Mặc định: không.',
  })
  @IsOptional()
  @IsBoolean()
  relaxedSeparationOfDuties?: boolean;

  /** desk: the clerk numbers and issues at "Chờ cấp số" (default); automatic: issued right after the signature. */
  @ApiPropertyOptional({ enum: ISSUANCE_MODES, default: 'desk' })
  @IsOptional()
  @IsIn(ISSUANCE_MODES, { message: 'issuanceMode: chỉ nhận desk (văn thư cấp số) hoặc automatic (cấp số tự động)' })
  issuanceMode?: IssuanceMode;
}

export class UpdateOrganizationDto extends PartialType(CreateOrganizationDto) {}

export class OrganizationDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty({ enum: FAMILIES }) family: Family;
  @ApiProperty({ nullable: true }) parentId: string | null;
  @ApiProperty() level: number;
  @ApiProperty() fullName: string;
  @ApiProperty() shortName: string;
  @ApiProperty() symbolAbbreviation: string;
  @ApiProperty() placeName: string;
  @ApiProperty({ nullable: true }) superiorHeader: string | null;
  @ApiProperty() headerName: string;
  @ApiProperty({ nullable: true }) email: string | null;
  @ApiProperty({ enum: ISSUANCE_MODES }) issuanceMode: IssuanceMode;
  /** Shown only to administrators of the organization (the URL may carry a secret). */
  @ApiPropertyOptional({ nullable: true }) webhookUrl?: string | null;
  @ApiProperty() relaxedSeparationOfDuties: boolean;
  @ApiProperty() version: number;
}
