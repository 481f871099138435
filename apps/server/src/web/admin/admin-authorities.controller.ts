import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { CreateAuthorityDto, UsersService } from '@app/identity';
import { StampImageInterceptor, StampUploadsService } from '@app/issuance';
import { FormBody, lines, redirectAfterSave, setFlash, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { AUTHORITY_LABELS, authorityInput } from './admin-forms';
import { AdminViewsService } from './admin-views.service';

/** Administration: who may sign for an organization, in which capacity, from when to when. */
@WebPage()
@Roles('admin')
@Controller('admin/authorities')
export class AdminAuthoritiesController {
  constructor(
    private readonly views: AdminViewsService,
    private readonly users: UsersService,
    private readonly stamps: StampUploadsService,
  ) {}

  @Get()
  @Render('admin/authorities')
  list(@CurrentActor() actor: Actor, @Query('org') org?: string) {
    return this.views.authoritiesPage(actor, org);
  }

  @Post()
  create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const orgId = text(body, 'organizationId');
    return submitForm(req, res, {
      run: async () => this.users.grantAuthority(actor, await validateForm(CreateAuthorityDto, authorityInput(body))),
      success: (a) => ({ redirect: `/admin/authorities?org=${a.organizationId}`, flash: `Đã thêm thẩm quyền ký cho «${a.userFullName}».` }),
      view: 'admin/authorities',
      model: () =>
        this.views.authoritiesPage(actor, orgId, {
          userId: text(body, 'userId'),
          capacityLines: lines(body, 'capacityLines'),
          validFrom: text(body, 'validFrom'),
          validTo: text(body, 'validTo'),
        }),
      labels: AUTHORITY_LABELS,
    });
  }

  @Post(':id/delete')
  async remove(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    await this.users.removeAuthority(actor, id);
    setFlash(req, 'Đã xóa thẩm quyền ký.');
    const org = text(body, 'organizationId');
    await redirectAfterSave(req, res, `/admin/authorities${/^[0-9a-f-]{36}$/.test(org) ? `?org=${org}` : ''}`);
  }

  /** The signature image of one authority, put up by the organization's administrator (for a signer who cannot). */
  @Post(':id/signature-image')
  @UseInterceptors(StampImageInterceptor)
  uploadSignature(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() req: Request,
    @Res() res: Response,
    @Query('org') org?: string,
  ) {
    const back = org && /^[0-9a-f-]{36}$/.test(org) ? org : undefined;
    return submitForm(req, res, {
      run: () => this.stamps.uploadSignature(actor, id, file?.buffer),
      success: () => ({ redirect: `/admin/authorities${back ? `?org=${back}` : ''}`, flash: 'Đã thay ảnh chữ ký.' }),
      view: 'admin/authorities',
      model: () => this.views.authoritiesPage(actor, back),
      labels: { file: 'Tệp ảnh' },
    });
  }
}
