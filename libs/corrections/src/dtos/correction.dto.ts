import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** Limits of a correction notice's input: a notice corrects slips, not whole parts (that is a replacement). */
export const CORRECTION_LIMITS = { items: 30, where: 200, text: 2000, summary: 500 } as const;

export class CorrectionItemDto {
  @ApiProperty({ example: 'Mục II, điểm 2', description: 'Vị trí trong văn bản được đính chính' })
  @IsString()
  @MaxLength(CORRECTION_LIMITS.where)
  where: string;

  @ApiProperty({ description: 'Đã in là: đoạn chữ như in trong văn bản đã ban hành' })
  @IsString()
  @MaxLength(CORRECTION_LIMITS.text)
  wrong: string;

  @ApiProperty({ description: 'Nay sửa lại là' })
  @IsString()
  @MaxLength(CORRECTION_LIMITS.text)
  right: string;
}

/** `POST /api/plans/:id/corrections`: what to correct; the summary defaults to "đính chính Kế hoạch số ... ngày ... của ...". */
export class CreateCorrectionDto {
  @ApiProperty({ type: [CorrectionItemDto] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(CORRECTION_LIMITS.items)
  @ValidateNested({ each: true })
  @Type(() => CorrectionItemDto)
  items: CorrectionItemDto[];

  @ApiPropertyOptional({ description: 'Trích yếu, bắt đầu bằng chữ thường' })
  @IsOptional()
  @IsString()
  @MaxLength(CORRECTION_LIMITS.summary)
  summary?: string;
}

/** A correction notice of a plan, as its list and the original's page show it. */
export class CorrectionNoticeDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) correctsPlanId: string;
  @ApiProperty({ example: 'TB', description: 'TB = Thông báo (Đảng), CV = Công văn (Nhà nước)' }) documentType: string;
  @ApiProperty() state: string;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) numberSymbol: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty({ description: 'Trang của văn bản đính chính' }) link: string;
}
