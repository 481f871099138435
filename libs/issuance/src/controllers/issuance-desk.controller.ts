import { Controller, Get, Param, ParseUUIDPipe, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { DeskIssueDto, DeskPlanDto } from '../dtos/issuance-desk.dto';
import { IssuanceDeskService } from '../services/issuance-desk.service';
import { PlanSignatureService } from '../services/plan-signature.service';

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

/** The signing page's PDF: exactly the document SIGN will sign (number and date blank, the signer's name, capacity and image). */
@ApiTags('issuance')
@ApiBearerAuth()
@Controller('api/plans')
export class SigningDocumentController {
  constructor(private readonly signatures: PlanSignatureService) {}

  @Get(':id/signing.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'Bản sẽ ký (chỉ người có thẩm quyền ký kế hoạch lúc này)' })
  async signing(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const bytes = await this.signatures.preview(actor, id);
    return new StreamableFile(bytes, { type: 'application/pdf', disposition: `inline; filename="ban-se-ky-${id.slice(0, 8)}.pdf"` });
  }
}
