import { Body, Controller, Get, HttpCode, Param, ParseBoolPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Actor, CurrentActor } from '@app/common';
import { InboxNoticeDto, MarkInboxReadDto } from '../dtos/inbox-notice.dto';
import { kindsOf } from '../inbox-kinds';
import { InboxService } from '../services/inbox.service';

export class FormerUnreadQueryDto {
  @IsOptional()
  @IsIn(['true', 'false', '1', '0'])
  unread?: string;
}

const WORKFLOW = kindsOf('workflow');
const DISTRIBUTION = kindsOf('distribution');
const CASCADE = kindsOf('cascade');

// Each former route's fields, in its order.
const workflowShape = ({ id, planId, kind, message, createdAt, readAt }: InboxNoticeDto) => ({
  id,
  planId,
  kind,
  message,
  createdAt,
  readAt,
});
const incomingShape = ({ id, incomingDocumentId, organizationId, planId, message, createdAt, readAt }: InboxNoticeDto) => ({
  id,
  incomingDocumentId,
  organizationId,
  planId,
  message,
  createdAt,
  readAt,
});
const cascadeShape = ({ id, kind, organizationId, planId, dueDate, message, readAt, createdAt }: InboxNoticeDto) => ({
  id,
  kind,
  organizationId,
  planId,
  dueDate,
  message,
  readAt,
  createdAt,
});

/**
 * The three notice APIs from before the one inbox (/api/notifications, /api/incoming-notifications,
 * /api/cascade/notices), answering as they did from the inbox, each with its own kinds and shape.
 * New clients use /api/inbox.
 */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api')
export class FormerNoticeRoutesController {
  constructor(private readonly inbox: InboxService) {}

  @Get('notifications')
  @ApiOperation({ deprecated: true, summary: 'Thông báo của quy trình (nay: GET /api/inbox?source=workflow)' })
  @ApiQuery({ name: 'unread', required: false, type: Boolean })
  async workflowNotices(@CurrentActor() actor: Actor, @Query('unread', new ParseBoolPipe({ optional: true })) unread?: boolean) {
    return (await this.inbox.list(actor, { unreadOnly: unread ?? false, kinds: WORKFLOW })).map(workflowShape);
  }

  @Post('notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, summary: 'Nay: POST /api/inbox/:id/read' })
  async workflowRead(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return workflowShape((await this.inbox.markRead(actor, [id], WORKFLOW))[0]);
  }

  @Get('incoming-notifications')
  @ApiOperation({ deprecated: true, summary: '"Có văn bản đến" (nay: GET /api/inbox?kind=incoming_document)' })
  async incomingNotices(@CurrentActor() actor: Actor, @Query() query: FormerUnreadQueryDto) {
    return (await this.inbox.list(actor, { unreadOnly: query.unread === 'true', kinds: DISTRIBUTION })).map(incomingShape);
  }

  @Post('incoming-notifications/:id/read')
  @HttpCode(200)
  @ApiOperation({ deprecated: true, summary: 'Nay: POST /api/inbox/:id/read' })
  async incomingRead(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return incomingShape((await this.inbox.markRead(actor, [id], DISTRIBUTION))[0]);
  }

  @Get('cascade/notices')
  @ApiOperation({ deprecated: true, summary: 'Thông báo về kế hoạch triển khai (nay: GET /api/inbox?source=cascade)' })
  async cascadeNotices(@CurrentActor() actor: Actor, @Query() query: FormerUnreadQueryDto) {
    return (await this.inbox.list(actor, { unreadOnly: query.unread === '1' || query.unread === 'true', kinds: CASCADE })).map(cascadeShape);
  }

  @Post('cascade/notices/read')
  @HttpCode(204)
  @ApiOperation({ deprecated: true, summary: 'Nay: POST /api/inbox/read' })
  async cascadeRead(@CurrentActor() actor: Actor, @Body() dto: MarkInboxReadDto): Promise<void> {
    await this.inbox.markRead(actor, dto.ids, CASCADE);
  }
}
