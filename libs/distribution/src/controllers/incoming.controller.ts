import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, Roles } from '@app/common';
import { IncomingDocumentDto, IncomingNotificationDto, IncomingPageDto, ListIncomingNotificationsQueryDto, ListIncomingQueryDto, ReportHandlingDto } from '../dtos/incoming.dto';
import { IncomingNotificationsService } from '../services/incoming-notifications.service';
import { IncomingService } from '../services/incoming.service';

/** Văn bản đến: the inbox of the organizations whose clerk or leader the actor is. */
@ApiTags('incoming')
@ApiBearerAuth()
@Controller('api/incoming')
@Roles('clerk', 'signer', 'reviewer')
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

  @Post(':id/status')
  @HttpCode(200)
  @ApiOkResponse({ type: IncomingDocumentDto })
  reportHandling(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ReportHandlingDto): Promise<IncomingDocumentDto> {
    return this.incoming.reportHandling(actor, id, dto);
  }
}

/** "Có văn bản đến": the actor's notices of documents that arrived at an organization whose inbox they keep. */
@ApiTags('incoming')
@ApiBearerAuth()
@Controller('api/incoming-notifications')
export class IncomingNotificationsController {
  constructor(private readonly notifications: IncomingNotificationsService) {}

  @Get()
  @ApiOkResponse({ type: [IncomingNotificationDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListIncomingNotificationsQueryDto): Promise<IncomingNotificationDto[]> {
    return this.notifications.list(actor, query.unread === 'true');
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: IncomingNotificationDto })
  markRead(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<IncomingNotificationDto> {
    return this.notifications.markRead(actor, id);
  }
}
