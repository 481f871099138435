import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { PlanReportsService, SubmitReportDto } from '@app/cascade';
import { FormBody, lines, optional, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { CascadeViewsService } from './cascade-views.service';

/** Báo cáo kết quả: a body that implements a plan reports on one of its reporting duties. */
@WebPage()
@Controller('plans')
export class ReportsWebController {
  constructor(
    private readonly views: CascadeViewsService,
    private readonly reports: PlanReportsService,
  ) {}

  @Get(':id/reports/new')
  @Render('cascade/report-new')
  form(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('duty') duty?: string, @Query('org') org?: string) {
    return this.views.reportForm(actor, id, duty, org);
  }

  @Post(':id/reports')
  submit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const input = { dutyId: text(body, 'dutyId'), organizationId: optional(body, 'organizationId') ?? undefined, text: lines(body, 'text') };
    return submitForm(req, res, {
      run: async () => this.reports.submit(actor, id, await validateForm(SubmitReportDto, input)),
      success: () => ({ redirect: '/', flash: 'Đã gửi báo cáo.' }),
      view: 'cascade/report-new',
      model: async () => ({ ...(await this.views.reportForm(actor, id, input.dutyId, input.organizationId)), typed: input.text }),
      labels: { text: 'Nội dung báo cáo', dutyId: 'Nhiệm vụ báo cáo', organizationId: 'Tổ chức báo cáo' },
    });
  }
}
