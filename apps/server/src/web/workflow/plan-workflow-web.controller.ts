import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor } from '@app/common';
import { FormBody, redirectAfterSave, setFlash, text } from '../forms';
import { WebPage } from '../web-page';
import { PlanEventsWebService } from './plan-events-web.service';
import { PlanWorkflowViewsService } from './plan-workflow-views.service';

/** Only a path of this site, and only under the plan: where a failed form goes back to. */
function backTo(value: string, id: string): string {
  return value.startsWith(`/plans/${id}`) && !value.includes('//') ? value : `/plans/${id}`;
}

/** Moving a plan: submit, circulate, comment, review, sign, the clerk's desk, and the progress after signature. */
@WebPage()
@Controller('plans')
export class PlanWorkflowWebController {
  constructor(
    private readonly views: PlanWorkflowViewsService,
    private readonly events: PlanEventsWebService,
  ) {}

  @Post(':id/events')
  async send(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request & { id?: string },
    @Res() res: Response,
  ) {
    const outcome = await this.events.send(actor, id, body, req.id);
    if (outcome.ok) setFlash(req, outcome.message);
    else setFlash(req, outcome.message, 'error', outcome.details);
    await redirectAfterSave(req, res, outcome.ok ? outcome.redirect : backTo(text(body, 'returnTo'), id));
  }

  @Get(':id/review')
  @Render('workflow/review')
  review(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.reviewPage(actor, id);
  }

  @Get(':id/sign')
  @Render('workflow/sign')
  sign(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.signPage(actor, id);
  }

  @Get(':id/issue')
  @Render('workflow/issue')
  issue(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.issuePage(actor, id);
  }

  @Get(':id/progress')
  @Render('workflow/progress')
  progress(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.progressPage(actor, id);
  }

  @Get(':id/consult')
  @Render('workflow/consult')
  consult(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.consultPage(actor, id);
  }
}
