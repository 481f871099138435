import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { DeskIssueDto, DeskPlanDto } from '../dtos/issuance-desk.dto';
import { IssuanceDeskService } from '../services/issuance-desk.service';

/**
 * The clerk's desk ("Chờ cấp số"). Issuing and refusing are the plan's events
 * (`POST /api/plans/:id/events` with ISSUE {registerId?} or REFUSE_ISSUE {reason}).
 */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/issuance/desk')
export class IssuanceDeskController {
  constructor(private readonly desk: IssuanceDeskService) {}

  @Get()
  @Roles('clerk')
  @ApiOkResponse({ type: [DeskPlanDto], description: 'signed plans waiting for their number at the organizations where the person is a clerk' })
  queue(@CurrentActor() actor: Actor): Promise<DeskPlanDto[]> {
    return this.desk.queue(actor);
  }

  @Get(':planId')
  @Roles('clerk')
  @ApiOkResponse({ type: DeskIssueDto, description: 'one plan at the desk: the registers, the next number of each, the date' })
  plan(@CurrentActor() actor: Actor, @Param('planId', ParseUUIDPipe) planId: string): Promise<DeskIssueDto> {
    return this.desk.plan(actor, planId);
  }
}
