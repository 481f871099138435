import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, DomainError, Roles } from '@app/common';
import {
  DeliveriesService,
  HANDLING_STATUS_LABEL,
  INCOMING_ROLES,
  IncomingDocumentDto,
  IncomingService,
  parseHandlingStatus,
  ReportHandlingDto,
} from '@app/distribution';
import { FormBody, optional, redirectAfterSave, setFlash, text, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { DistributionViewsService, DistributionBoardView, IncomingPageView } from './distribution-views.service';

/** Where a form of văn bản đến came from (its filter kept); anything else goes to the plain page. */
function backTo(body: FormBody, id: string): string {
  const back = text(body, 'back');
  return `${/^\/incoming(\?[\w=&%.-]*)?$/.test(back) ? back : '/incoming'}#in-${id}`;
}

/**
 * Runs a change asked by a button, then goes back with a message: what was done, or why it was
 * not (a refused or invalid change is the person's to read; any other error goes to the error page).
 */
async function act(req: Request, res: Response, back: string, run: () => Promise<string>): Promise<void> {
  try {
    setFlash(req, await run());
  } catch (error) {
    if (!(error instanceof DomainError) || !['invalid', 'conflict', 'refused'].includes(error.kind)) throw error;
    const problems = Array.isArray(error.details.errors) ? (error.details.errors as { message: string }[]).map((p) => p.message) : [];
    setFlash(req, error.message, 'error', problems);
  }
  await redirectAfterSave(req, res, back);
}

/** A receipt posted from "Văn bản đến": done, and said in a sentence, or the refusal shown. */
function receipt(req: Request, res: Response, back: string, what: string, confirm: () => Promise<IncomingDocumentDto>) {
  return act(req, res, back, async () => {
    const doc = await confirm();
    return `Đã xác nhận ${what} ${doc.numberSymbol ?? doc.summary}.`;
  });
}

/** Văn bản đến (acknowledge, report handling) and the distribution board (resend), drawn by the server. */
@WebPage()
@Controller()
export class DistributionWebController {
  constructor(
    private readonly views: DistributionViewsService,
    private readonly incoming: IncomingService,
    private readonly deliveries: DeliveriesService,
  ) {}

  @Get('incoming')
  @Roles(...INCOMING_ROLES)
  @Render('distribution/incoming')
  incomingPage(
    @CurrentActor() actor: Actor,
    @Query('organizationId') organizationId?: string,
    @Query('unacknowledged') unacknowledged?: string,
  ): Promise<IncomingPageView> {
    return this.views.incomingPage(actor, { organizationId: organizationId || undefined, unacknowledged: unacknowledged === 'true' });
  }

  @Post('incoming/:id/acknowledge')
  @Roles(...INCOMING_ROLES)
  acknowledge(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return receipt(req, res, backTo(body, id), 'đã nhận văn bản', () => this.incoming.acknowledge(actor, id));
  }

  /** "Đã nhận thông báo thu hồi". */
  @Post('incoming/:id/acknowledge-revocation')
  @Roles(...INCOMING_ROLES)
  acknowledgeRevocation(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return receipt(req, res, backTo(body, id), 'đã nhận thông báo thu hồi văn bản', () => this.incoming.acknowledgeRevocation(actor, id));
  }

  @Post('incoming/:id/status')
  @Roles(...INCOMING_ROLES)
  reportHandling(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return act(req, res, backTo(body, id), async () => {
      const dto = await validateForm(ReportHandlingDto, { status: text(body, 'status'), note: optional(body, 'note') ?? undefined });
      await this.incoming.reportHandling(actor, id, dto);
      const status = parseHandlingStatus(dto.status);
      return `Đã báo cáo: ${status ? HANDLING_STATUS_LABEL[status] : dto.status}.`;
    });
  }

  @Get('plans/:id/distribution')
  @Render('distribution/board')
  board(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<DistributionBoardView> {
    return this.views.board(actor, id);
  }

  @Post('plans/:id/distribution/:deliveryId/resend')
  @Roles('clerk')
  resend(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return act(req, res, `/plans/${id}/distribution`, async () => {
      const delivery = await this.deliveries.resend(actor, deliveryId);
      return `Đã xếp lịch gửi lại cho ${delivery.recipientName}.`;
    });
  }
}
