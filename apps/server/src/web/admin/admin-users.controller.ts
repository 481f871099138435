import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { CreateUserDto, SetMembershipsDto, UpdateUserDto, UsersService } from '@app/identity';
import { FormBody, list, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { membershipsInput, USER_LABELS, userCreateInput, userUpdateInput } from './admin-forms';
import { AdminViewsService } from './admin-views.service';

/** Administration: people, their roles per organization. */
@WebPage()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(
    private readonly views: AdminViewsService,
    private readonly users: UsersService,
  ) {}

  @Get()
  @Render('admin/users')
  list(@CurrentActor() actor: Actor, @Query('org') org?: string, @Query('q') q?: string) {
    return this.views.usersPage(actor, { org, q });
  }

  @Get('new')
  @Render('admin/user-new')
  newForm(@CurrentActor() actor: Actor) {
    return this.views.userForm(actor, null);
  }

  @Post('new')
  create(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: async () => this.users.create(actor, await validateForm(CreateUserDto, userCreateInput(body))),
      success: (user) => ({ redirect: `/admin/users/${user.id}`, flash: `Đã thêm người dùng «${user.fullName}».` }),
      view: 'admin/user-new',
      model: () =>
        this.views.userForm(actor, null, {
          username: text(body, 'username'),
          fullName: text(body, 'fullName'),
          email: text(body, 'email'),
          organizationId: text(body, 'organizationId'),
          position: text(body, 'position'),
          roles: list(body, 'roles'),
        }),
      labels: { ...USER_LABELS, 'memberships.0.roles': 'Vai trò', 'memberships.0.organizationId': 'Đơn vị' },
    });
  }

  @Get(':id')
  @Render('admin/user-edit')
  editForm(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.views.userForm(actor, id);
  }

  @Post(':id')
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: async () => this.users.update(actor, id, await validateForm(UpdateUserDto, userUpdateInput(body))),
      success: (user) => ({ redirect: `/admin/users/${id}`, flash: `Đã lưu thông tin của «${user.fullName}».` }),
      view: 'admin/user-edit',
      model: () =>
        this.views.userForm(actor, id, { fullName: text(body, 'fullName'), email: text(body, 'email'), active: text(body, 'active') === 'on' }),
      labels: USER_LABELS,
    });
  }

  @Post(':id/memberships')
  setMemberships(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: FormBody,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    const memberships = membershipsInput(body);
    return submitForm(req, res, {
      run: async () => this.users.setMemberships(actor, id, (await validateForm(SetMembershipsDto, { memberships })).memberships),
      success: (user) => ({ redirect: `/admin/users/${id}`, flash: `Đã lưu đơn vị và vai trò của «${user.fullName}».` }),
      view: 'admin/user-edit',
      model: () => this.views.userForm(actor, id, undefined, memberships),
      labels: USER_LABELS,
    });
  }
}
