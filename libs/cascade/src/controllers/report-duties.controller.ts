import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { ReportDutyOwedDto } from '../dtos/plan-report.dto';
import { PlanReportsService } from '../services/plan-reports.service';

/** What the cascade asks of the signed-in person: the reports its organizations owe (its notices are in the inbox). */
@ApiTags('cascade')
@ApiBearerAuth()
@Controller('api/cascade')
export class ReportDutiesController {
  constructor(private readonly reports: PlanReportsService) {}

  @Get('report-duties')
  @ApiOperation({ summary: 'Các nhiệm vụ báo cáo mà tổ chức của người dùng phải thực hiện, với hạn và tình trạng' })
  @ApiOkResponse({ type: [ReportDutyOwedDto] })
  reportDuties(@CurrentActor() actor: Actor): Promise<ReportDutyOwedDto[]> {
    return this.reports.owed(actor);
  }
}
