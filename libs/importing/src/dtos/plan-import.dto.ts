import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID } from 'class-validator';
import type { PlanContent } from '@app/plans';
import type { DetectedHeader, ImportReport } from '../parser/import-report';

export class ImportPlanQueryDto {
  @ApiPropertyOptional({ description: 'true: lưu thành dự thảo tại tổ chức của người soạn; mặc định chỉ xem trước' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' || value === true ? true : value === 'false' || value === '0' || value === false ? false : value,
  )
  @IsBoolean()
  save?: boolean;

  @ApiPropertyOptional({ description: 'Tổ chức ban hành, khi người soạn soạn thảo cho nhiều tổ chức' })
  @IsOptional()
  @IsUUID()
  organizationId?: string;
}

export class ImportReportDto {
  @ApiProperty({
    description: 'Những gì đã nhận ra: loại (what), vị trí trong nội dung (path), dòng trong tệp (line)',
    type: 'array',
    items: { type: 'object' },
  })
  recognized: ImportReport['recognized'];

  @ApiProperty({ description: 'Dòng không xếp được vào đâu: vẫn giữ lại thành đoạn văn tại keptAt', type: 'array', items: { type: 'object' } })
  unrecognized: ImportReport['unrecognized'];

  @ApiProperty({ type: [String], description: 'Điều người soạn cần kiểm tra lại' })
  warnings: string[];
}

export class ImportResultDto {
  @ApiProperty({ allOf: [{ $ref: getSchemaPath('PlanContent') }] })
  content: PlanContent;

  @ApiProperty({ type: ImportReportDto })
  report: ImportReport;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Phần đầu văn bản: khối Đảng/Nhà nước, số ký hiệu, ngày, dấu dự thảo, cơ quan ban hành',
  })
  detected: DetectedHeader;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Mã dự thảo đã lưu (khi save=true)' })
  planId: string | null;
}

/** The import report kept with a draft made from a file. */
export class ImportReportRecordDto {
  @ApiProperty() planId: string;
  @ApiProperty() fileName: string;
  @ApiProperty() fileSha256: string;
  @ApiProperty() fileSize: number;
  @ApiProperty({ description: 'Định dạng và bảng mã đã đọc: "txt/tcvn3", "docx"' }) source: string;
  @ApiProperty({ type: ImportReportDto }) report: ImportReport;
  @ApiProperty({ type: 'object', additionalProperties: true }) detected: DetectedHeader;
  @ApiProperty() createdAt: string;
}
