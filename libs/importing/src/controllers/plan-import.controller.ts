import {
  Controller,
  Get,
  HttpStatus,
  Injectable,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor, CurrentActor, LimitedFileInterceptor, Roles } from '@app/common';
import { ImportPlanQueryDto, ImportReportRecordDto, ImportResultDto } from '../dtos/plan-import.dto';
import type { UploadedPlanFile } from '../readers/read-upload';
import { PlanExportService } from '../services/plan-export.service';
import { PlanImportService } from '../services/plan-import.service';

/** Multer's upload of the "file" field, with a Vietnamese message when the file is over the limit. */
@Injectable()
export class ImportFileInterceptor extends LimitedFileInterceptor(
  'file',
  'Tệp quá lớn so với dung lượng cho phép tải lên; cần tải tệp lớn hơn thì liên hệ quản trị hệ thống.',
) {}

@ApiTags('import')
@ApiBearerAuth()
@Controller('api/plans')
export class PlanImportController {
  constructor(
    private readonly imports: PlanImportService,
    private readonly exports: PlanExportService,
  ) {}

  @Post('import')
  @Roles('drafter')
  @UseInterceptors(ImportFileInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary', description: '.docx, .md hoặc .txt (UTF-8, TCVN3, VNI)' } },
    },
  })
  @ApiOkResponse({ type: ImportResultDto, description: 'Xem trước (200) hoặc đã lưu thành dự thảo (201, save=true)' })
  @ApiUnprocessableEntityResponse({
    description:
      'Tệp rỗng, không phải tài liệu, định dạng không hỗ trợ, tài liệu Word không có chữ, "bom zip": {errors: [{path, code, message}]}; không lưu gì',
  })
  @ApiPayloadTooLargeResponse({ description: 'Tệp lớn hơn IMPORT_MAX_BYTES' })
  async import(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedPlanFile | undefined,
    @Query() query: ImportPlanQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ImportResultDto> {
    const result = await this.imports.import(actor, file, query);
    res.status(result.planId ? HttpStatus.CREATED : HttpStatus.OK);
    return result;
  }

  @Get(':id/import-report')
  @ApiOkResponse({ description: 'Báo cáo nhập của dự thảo được tạo từ tệp: tên tệp, định dạng, những gì nhận ra và không nhận ra' })
  async importReport(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ImportReportRecordDto> {
    const row = await this.imports.reportOf(actor, id);
    return {
      planId: row.planId,
      fileName: row.fileName,
      fileSha256: row.fileSha256,
      fileSize: row.fileSize,
      source: row.source,
      report: row.report,
      detected: row.detected,
      createdAt: row.createdAt.toISOString(),
    };
  }

  @Get(':id/export.docx')
  @ApiProduces('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
  @ApiOkResponse({ description: 'Kế hoạch (phiên bản hiện tại) dạng Word, đánh số và kiểu đoạn thật của Word' })
  async exportDocx(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const file = await this.exports.docx(actor, id);
    return new StreamableFile(file.bytes, {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      length: file.bytes.length,
      disposition: `attachment; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
    });
  }
}
