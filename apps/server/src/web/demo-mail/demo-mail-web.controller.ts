import { Controller, Get, Param, ParseIntPipe, ParseUUIDPipe, Render, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { DemoMailService } from '@app/distribution';
import { WebPage } from '../web-page';

const kilobytes = (size: number) => `${Math.max(1, Math.round(size / 1024)).toLocaleString('vi-VN')} KB`;

/** "Hộp thư thử nghiệm": in demo mode, the mails the distribution sent, kept instead of sent. */
@WebPage()
@Roles('admin')
@Controller('demo-mail')
export class DemoMailWebController {
  constructor(private readonly mails: DemoMailService) {}

  @Get()
  @Render('demo-mail/list')
  async list(@CurrentActor() actor: Actor) {
    const { mails, total } = await this.mails.list(actor);
    return {
      title: 'Hộp thư thử nghiệm',
      total,
      mails: mails.map((m) => ({ ...m, to: m.recipients.join(', '), attachmentCount: m.attachments.length })),
    };
  }

  @Get(':id')
  @Render('demo-mail/message')
  async message(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    const mail = await this.mails.get(actor, id);
    return {
      title: mail.subject || 'Thư không có tiêu đề',
      mail: {
        ...mail,
        to: mail.recipients.join(', '),
        attachments: mail.attachments.map((a, i) => ({ ...a, index: i, sizeText: kilobytes(a.size) })),
      },
    };
  }

  @Get(':id/attachments/:index')
  async attachment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('index', ParseIntPipe) index: number,
    @Res() res: Response,
  ) {
    const file = await this.mails.attachment(actor, id, index);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
    res.send(file.body);
  }
}
