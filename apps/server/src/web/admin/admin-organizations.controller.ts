import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { CreateOrganizationDto, OrganizationsService, UpdateOrganizationDto } from '@app/identity';
import { StampImageInterceptor, StampUploadsService } from '@app/issuance';
import { FormBody, submitForm, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { ORGANIZATION_LABELS, organizationForm, organizationInput } from './admin-forms';
import { AdminViewsService } from './admin-views.service';

/** Administration: the organization tree, create and edit. */
@WebPage()
@Roles('admin')
@Controller('admin/organizations')
export class AdminOrganizationsController {
  constructor(
    private readonly views: AdminViewsService,
    private readonly organizations: OrganizationsService,
    private readonly stamps: StampUploadsService,
  ) {}

  @Get()
  @Render('admin/organizations')
  list(@CurrentActor() actor: Actor) {
    return this.views.organizationsPage(actor);
  }

  @Get('new')
  @Render('admin/organization-form')
  newForm(@CurrentActor() actor: Actor, @Query('parent') parent?: string) {
    return this.views.organizationForm(actor, null, undefined, parent ?? null);
  }

  @Post('new')
  create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: async () => this.organizations.create(actor, await validateForm(CreateOrganizationDto, organizationInput(body))),
      success: (org) => ({ redirect: '/admin/organizations', flash: `Đã thêm tổ chức «${org.fullName}».` }),
      view: 'admin/organization-form',
      model: () => this.views.organizationForm(actor, null, organizationForm(body)),
      labels: ORGANIZATION_LABELS,
    });
  }

  @Get(':id')
  @Render('admin/organization-form')
  editForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.organizationForm(actor, id);
  }

  @Post(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: async () => this.organizations.update(actor, id, await validateForm(UpdateOrganizationDto, organizationInput(body))),
      success: (org) => ({ redirect: '/admin/organizations', flash: `Đã lưu tổ chức «${org.fullName}».` }),
      view: 'admin/organization-form',
      model: () => this.views.organizationForm(actor, id, organizationForm(body)),
      labels: ORGANIZATION_LABELS,
    });
  }

  /** The red seal the clerk applies over the signer's image on every document the organization issues. */
  @Post(':id/seal-image')
  @UseInterceptors(StampImageInterceptor)
  uploadSeal(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return submitForm(req, res, {
      run: () => this.stamps.uploadSeal(actor, id, file?.buffer),
      success: () => ({ redirect: `/admin/organizations/${id}`, flash: 'Đã thay ảnh con dấu.' }),
      view: 'admin/organization-form',
      model: () => this.views.organizationForm(actor, id),
      labels: { file: 'Tệp ảnh' },
    });
  }
}
