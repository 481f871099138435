import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { PdfFile, PlanDocumentsService } from '../services/plan-documents.service';

/** A PDF answer, shown in the browser, saved under the file's name (its Vietnamese letters kept in `filename*`). */
export function pdfFileResponse(file: PdfFile): StreamableFile {
  return new StreamableFile(file.bytes, {
    type: 'application/pdf',
    length: file.bytes.length,
    disposition: `inline; filename="${file.filename.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
  });
}

@ApiTags('documents')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Không có kế hoạch, người dùng không được xem, hoặc chưa ban hành' })
@Controller('api/plans')
export class PlanDocumentsController {
  constructor(private readonly documents: PlanDocumentsService) {}

  @Get(':id/preview.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Bản xem trước dự thảo (số và ngày để trống, dấu "DỰ THẢO")' })
  async preview(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdfFileResponse(await this.documents.preview(actor, id));
  }

  @Get(':id/signed.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Bản người ký đã ký số (chữ ký của người có thẩm quyền; số và ngày còn để trống cho văn thư)' })
  async signed(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdfFileResponse(await this.documents.signed(actor, id));
  }

  @Get(':id/pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Bản PDF chính thức đã ký số, đúng từng byte như khi ban hành' })
  async issued(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    return pdfFileResponse(await this.documents.issued(actor, id));
  }
}
