import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { IncomingDocumentDto, IncomingPageDto, ListIncomingQueryDto, ReportHandlingDto } from '../dtos/incoming.dto';
import { INCOMING_ROLES, IncomingService } from '../services/incoming.service';

/** Văn bản đến: the inbox of the organizations whose clerk or leader the actor is. */
@ApiTags('incoming')
@ApiBearerAuth()
@Controller('api/incoming')
@Roles(...INCOMING_ROLES)
export class IncomingController {
  constructor(private readonly incoming: IncomingService) {}

  @Get()
  @ApiOkResponse({ type: IncomingPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ListIncomingQueryDto): Promise<IncomingPageDto> {
    return this.incoming.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: IncomingDocumentDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IncomingDocumentDto> {
    return this.incoming.get(actor, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOkResponse({ type: IncomingDocumentDto })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IncomingDocumentDto> {
    return this.incoming.acknowledge(actor, id);
  }

  @Post(':id/acknowledge-revocation')
  @HttpCode(200)
  @ApiOkResponse({ type: IncomingDocumentDto, description: 'đã nhận thông báo thu hồi (409 not_revoked when the document was not revoked)' })
  acknowledgeRevocation(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IncomingDocumentDto> {
    return this.incoming.acknowledgeRevocation(actor, id);
  }

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: IncomingDocumentDto })
  reportHandling(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportHandlingDto): Promise<IncomingDocumentDto> {
    return this.incoming.reportHandling(actor, id, dto);
  }
}
