import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Render, StreamableFile } from '@nestjs/common';
import { Actor, CurrentActor, Roles } from '@app/common';
import { Clock } from '@app/jobs';
import { WebPage } from '../web-page';
import { AuditViewsService, historyCsv } from './audit-views.service';

/** History, statechart and verification of the audit trail (Kiểm tra, giám sát). */
@WebPage()
@Controller()
export class AuditWebController {
  constructor(
    private readonly views: AuditViewsService,
    private readonly clock: Clock,
  ) {}

  @Get('audit')
  @Roles('auditor')
  @Render('audit/overview')
  overview(@CurrentActor() actor: Actor, @Query('q') q?: string) {
    return this.views.overview(actor, q);
  }

  @Get('plans/:id/history')
  @Render('audit/history')
  history(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('all') all?: string) {
    return this.views.historyPage(actor, id, all === '1');
  }

  @Get('plans/:id/history.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async historyCsv(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const csv = historyCsv(await this.views.history(actor, id));
    return new StreamableFile(Buffer.from(csv, 'utf8'), { disposition: `attachment; filename="lich-su-${id.slice(0, 8)}.csv"` });
  }

  @Get('plans/:id/history.json')
  async historyJson(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<StreamableFile> {
    const json = JSON.stringify({ planId: id, exportedAt: this.clock.now().toISOString(), events: await this.views.history(actor, id) }, null, 2);
    return new StreamableFile(Buffer.from(json, 'utf8'), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="lich-su-${id.slice(0, 8)}.json"`,
    });
  }
}
