import { Controller, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { InboxService } from '@app/inbox';
import { redirectAfterSave, setFlash } from '../forms';
import { WebPage } from '../web-page';

/** Marking notices of the work page's inbox read; back to the work page each time. */
@WebPage()
@Controller('inbox')
export class InboxWebController {
  constructor(private readonly inbox: InboxService) {}

  @Post('read-all')
  async readAll(@CurrentActor() actor: Actor, @Req() req: Request, @Res() res: Response): Promise<void> {
    const count = await this.inbox.markAllRead(actor);
    setFlash(req, count ? `Đã đánh dấu ${count} thông báo là đã đọc.` : 'Không còn thông báo nào chưa đọc.');
    await redirectAfterSave(req, res, '/#thong-bao');
  }

  @Post(':id/read')
  async read(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.inbox.markRead(actor, [id]);
    await redirectAfterSave(req, res, '/#thong-bao');
  }
}
