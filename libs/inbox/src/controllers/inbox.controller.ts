import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@app/common';
import { InboxNoticeDto, InboxUnreadCountDto, ListInboxQueryDto, MarkInboxReadDto } from '../dtos/inbox-notice.dto';
import { kindsOf } from '../inbox-kinds';
import { InboxService } from '../services/inbox.service';

/** The signed-in person's one inbox: requests to act, documents that arrived, child plans, deadlines. */
@ApiTags('inbox')
@ApiBearerAuth()
@Controller('api/inbox')
export class InboxController {
  constructor(private readonly inbox: InboxService) {}

  @Get()
  @ApiOperation({ summary: 'Thông báo của tôi, chưa đọc trước, mới nhất trước (200 thông báo)' })
  @ApiOkResponse({ type: [InboxNoticeDto] })
  list(@CurrentActor() actor: Actor, @Query() query: ListInboxQueryDto): Promise<InboxNoticeDto[]> {
    const kinds = query.kind ? [query.kind] : query.source ? kindsOf(query.source) : undefined;
    return this.inbox.list(actor, { unreadOnly: query.unread === 'true' || query.unread === '1', kinds });
  }

  @Get('unread-count')
  @ApiOkResponse({ type: InboxUnreadCountDto })
  unreadCount(@CurrentActor() actor: Actor): Promise<InboxUnreadCountDto> {
    return this.inbox.unreadCount(actor);
  }

  @Post('read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc (tất cả hoặc không thông báo nào)' })
  @ApiOkResponse({ type: [InboxNoticeDto] })
  markRead(@CurrentActor() actor: Actor, @Body() dto: MarkInboxReadDto): Promise<InboxNoticeDto[]> {
    return this.inbox.markRead(actor, dto.ids);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: InboxNoticeDto })
  async markOneRead(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<InboxNoticeDto> {
    const [notice] = await this.inbox.markRead(actor, [id]);
    return notice;
  }
}
