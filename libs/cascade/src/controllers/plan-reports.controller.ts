import { Body, Controller, Get, Param, ParseUUIDPipe, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { PlanReportDto, ReportMatrixDto, SubmitReportDto } from '../dtos/plan-report.dto';
import { PlanReportsService } from '../services/plan-reports.service';

@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api/plans')
export class PlanReportsController {
  constructor(private readonly reports: PlanReportsService) {}

  @Post(':id/reports')
  @ApiOperation({ summary: 'Tổ chức thực hiện gửi báo cáo kết quả cho một nhiệm vụ báo cáo của kế hoạch' })
  @ApiCreatedResponse({ type: PlanReportDto })
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: SubmitReportDto): Promise<PlanReportDto> {
    return this.reports.submit(actor, id, dto);
  }

  @Get(':id/reports')
  @ApiOkResponse({ type: [PlanReportDto] })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<PlanReportDto[]> {
    return this.reports.list(actor, id);
  }

  @Get(':id/reports/:reportId/attachments/:attachmentId')
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('reportId', ParseUUIDPipe) reportId: string,
    @Param('attachmentId', ParseUUIDPipe) attachmentId: string,
  ): Promise<StreamableFile> {
    const file = await this.reports.attachment(actor, id, reportId, attachmentId);
    return new StreamableFile(file.data, {
      type: file.mediaType,
      disposition: `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      length: file.data.length,
    });
  }

  @Get(':id/report-matrix')
  @ApiOperation({ summary: 'Bảng tổng hợp báo cáo: tổ chức x nhiệm vụ báo cáo, với trạng thái và quá hạn' })
  @ApiOkResponse({ type: ReportMatrixDto })
  matrix(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<ReportMatrixDto> {
    return this.reports.matrix(actor, id);
  }
}
