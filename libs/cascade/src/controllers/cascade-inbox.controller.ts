import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsUUID } from 'class-validator';
import { Actor, CurrentActor } from '@app/common';
import { ReportDutyOwedDto } from '../dtos/plan-report.dto';
import { CascadeNoticeDto, CascadeNoticesService } from '../services/cascade-notices.service';
import { PlanReportsService } from '../services/plan-reports.service';

export class MarkNoticesReadDto {
  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray() @ArrayNotEmpty() @ArrayMaxSize(500) @IsUUID('all', { each: true })
  ids: string[];
}

/** What the cascade asks of the signed-in person: its notices and the reports its organizations owe. */
@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api/cascade')
export class CascadeInboxController {
  constructor(
    private readonly notices: CascadeNoticesService,
    private readonly reports: PlanReportsService,
  ) {}

  @Get('notices')
  @ApiOperation({ summary: 'Thông báo về kế hoạch triển khai: cần xây dựng, sắp đến hạn, quá hạn' })
  mine(@CurrentActor() actor: Actor, @Query('unread') unread?: string): Promise<CascadeNoticeDto[]> {
    return this.notices.mine(actor, unread === '1' || unread === 'true');
  }

  @Post('notices/read')
  @HttpCode(204)
  markRead(@CurrentActor() actor: Actor, @Body() dto: MarkNoticesReadDto): Promise<void> {
    return this.notices.markRead(actor, dto.ids);
  }

  @Get('report-duties')
  @ApiOperation({ summary: 'Các nhiệm vụ báo cáo mà tổ chức của người dùng phải thực hiện, với hạn và tình trạng' })
  @ApiOkResponse({ type: [ReportDutyOwedDto] })
  reportDuties(@CurrentActor() actor: Actor): Promise<ReportDutyOwedDto[]> {
    return this.reports.owed(actor);
  }
}
