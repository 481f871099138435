import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { AuditEventDto, AuditVerifyReportDto } from '../dtos/audit.dto';
import { AuditService } from '../services/audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Recomputes the chains of the organizations the auditor audits and names the first broken link of each broken one. */
  @Get('verify')
  @Roles('auditor')
  @ApiOkResponse({ type: AuditVerifyReportDto })
  verify(@CurrentActor() actor: Actor): Promise<AuditVerifyReportDto> {
    return this.audit.verify(actor.auditedOrganizations ?? []);
  }

  /** An organization's own trail: delegations of signing authority, review chain changes. */
  @Get('organizations/:id')
  @Roles('auditor')
  @ApiOkResponse({ type: [AuditEventDto] })
  organization(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<AuditEventDto[]> {
    return this.audit.organizationHistory(actor, id);
  }
}
