import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { OrganizationsService } from '@app/identity';
import { PlansService, ReplacementService } from '@app/plans';
import { FormBody, redirectAfterSave, setFlash, submitForm, text } from '../forms';
import { WebPage } from '../web-page';
import { PlanEditorService } from './plan-editor.service';
import { newPlanContent, PlanListFilter, PlanViewsService } from './plan-views.service';

/** Scripts ask for JSON (autosave); a form post wants a page. */
function wantsJson(req: Request): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/** Plans: the list, a new draft, the document page and the structured editor. */
@WebPage()
@Controller('plans')
export class PlansWebController {
  constructor(
    private readonly views: PlanViewsService,
    private readonly editor: PlanEditorService,
    private readonly plans: PlansService,
    private readonly organizations: OrganizationsService,
    private readonly replacement: ReplacementService,
  ) {}

  @Get()
  @Render('plans/list')
  list(@CurrentActor() actor: Actor, @Query() filter: PlanListFilter) {
    return this.views.listPage(actor, filter);
  }

  @Get('new')
  @Roles('drafter')
  @Render('plans/new')
  newForm(@CurrentActor() actor: Actor) {
    return this.views.newPage(actor);
  }

  @Post('new')
  @Roles('drafter')
  create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const typed = { organizationId: text(body, 'organizationId'), documentType: text(body, 'documentType'), summary: text(body, 'summary') };
    return submitForm(req, res, {
      run: async () => {
        const org = typed.organizationId ? await this.organizations.get(typed.organizationId).catch(() => null) : null;
        const content = newPlanContent(org?.family ?? 'party', typed.documentType, typed.summary);
        return this.plans.create(actor, { organizationId: typed.organizationId || undefined, content });
      },
      success: (plan) => ({ redirect: `/plans/${plan.id}/edit`, flash: 'Đã tạo dự thảo. Hãy soạn nội dung: mọi thay đổi được lưu thành phiên bản.' }),
      view: 'plans/new',
      model: () => this.views.newPage(actor, typed),
      labels: { organizationId: 'Cơ quan ban hành', summary: 'Trích yếu' },
    });
  }

  @Get(':id')
  @Render('plans/show')
  show(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.planPage(actor, id);
  }

  /** "Soạn văn bản thay thế": the new draft, prefilled from the issued plan, opens in the editor. */
  @Post(':id/replacement')
  @Roles('drafter', 'signer')
  startReplacement(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: () => this.replacement.start(actor, id),
      success: (draftId) => ({
        redirect: `/plans/${draftId}/edit`,
        flash: 'Đã tạo dự thảo văn bản thay thế từ nội dung đã ban hành. Hãy sửa nội dung cần thay thế rồi trình duyệt như một kế hoạch mới.',
      }),
      view: 'plans/show',
      model: () => this.views.planPage(actor, id),
    });
  }

  @Get(':id/edit')
  @Render('plans/editor')
  edit(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.editor.page(actor, id);
  }

  /** Saves the form as a new version, after the structural operation of the button pressed (if any). */
  @Post(':id/edit')
  async save(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const json = wantsJson(req);
    const outcome = await this.editor.submit(actor, id, body, !json);
    if (json) {
      res
        .status(outcome.saved ? 200 : outcome.status)
        .json(outcome.saved ? outcome : { saved: false, message: outcome.message, problems: outcome.problems });
      return;
    }
    if (!outcome.saved) {
      res.status(outcome.status).render('plans/editor', outcome.model!);
      return;
    }
    setFlash(req, outcome.changed ? `Đã lưu phiên bản ${outcome.version}.` : 'Không có thay đổi nào để lưu.');
    await redirectAfterSave(req, res, `/plans/${id}/edit${outcome.focus ? `#el-${encodeURIComponent(outcome.focus)}` : ''}`);
  }

  @Get(':id/versions')
  @Render('plans/versions')
  versions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query('from') from?: string, @Query('to') to?: string) {
    return this.views.versionsPage(actor, id, from, to);
  }

  /** The format check panel alone, refreshed by the editor's script after an autosave. */
  @Get(':id/check')
  @Render('plans/check-panel')
  async checkPanel(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return { layout: false, ...(await this.editor.page(actor, id)) };
  }
}
