import { Body, Controller, Get, Post, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, organizationsWithRole, Roles } from '@app/common';
import { OrganizationsService } from '@app/identity';
import { ImportFileInterceptor, PlanImportService, UploadedPlanFile } from '@app/importing';
import { FormBody, formFailure, redirectAfterSave, setFlash, text } from '../forms';
import { WebPage } from '../web-page';
import { importResultView } from './import-page.view';

/** "Nhập kế hoạch từ tệp": pick a Word, Markdown or text file, see what was recognized, save it as a draft. */
@WebPage()
@Controller('import')
export class ImportPageController {
  constructor(
    private readonly imports: PlanImportService,
    private readonly organizations: OrganizationsService,
  ) {}

  @Get()
  @Roles('drafter')
  @Render('import')
  page(@CurrentActor() actor: Actor) {
    return this.model(actor, null);
  }

  /** Preview (the page with the result) or save (to the new draft); the form posts with its CSRF token in a header. */
  @Post()
  @Roles('drafter')
  @UseInterceptors(ImportFileInterceptor)
  async submit(
    @CurrentActor() actor: Actor,
    @UploadedFile() file: UploadedPlanFile | undefined,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const organizationId = text(body, 'organizationId') || undefined;
    const save = text(body, 'intent') === 'save';
    try {
      const result = await this.imports.import(actor, file, { save, organizationId });
      if (result.planId) {
        setFlash(req, `Đã nhập "${file?.originalname ?? 'tệp'}" thành dự thảo. Hãy đối chiếu với bản gốc: báo cáo nhập được lưu kèm kế hoạch.`);
        await redirectAfterSave(req, res, `/plans/${result.planId}`);
        return;
      }
      const orgs = await this.model(actor, organizationId ?? null);
      res.render('import', { ...orgs, fileName: file?.originalname, result: importResultView(result, orgs.family) });
    } catch (error) {
      const failure = formFailure(error, { file: 'Tệp', organizationId: 'Cơ quan ban hành' });
      if (!failure) throw error;
      res.status(failure.status).render('import', { ...(await this.model(actor, organizationId ?? null)), failure });
    }
  }

  private async model(actor: Actor, selected: string | null) {
    const ids = organizationsWithRole(actor, 'drafter');
    const organizations = await Promise.all(ids.map((id) => this.organizations.get(id)));
    const chosen = organizations.find((o) => o.id === selected) ?? organizations[0];
    return {
      title: 'Nhập kế hoạch từ tệp',
      organizations: organizations.map((o) => ({ id: o.id, label: o.fullName, selected: o.id === chosen?.id })),
      single: organizations.length === 1 ? organizations[0] : null,
      family: chosen?.family ?? 'party',
    };
  }
}
