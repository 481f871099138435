import { Body, Controller, Get, Post, Query, Render, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, Roles } from '@app/common';
import { CreateRegisterDto, CreateTermDto, RegistersService } from '@app/numbering';
import { ReviewChainInputDto, ReviewChainService } from '@app/workflow';
import { FormBody, list, optional, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';
import { RegisterViewsService } from './register-views.service';

const LABELS = {
  documentType: 'Loại văn bản',
  period: 'Cách đánh số',
  name: 'Tên nhiệm kỳ',
  startsOn: 'Từ ngày',
  endsOn: 'Đến ngày',
  steps: 'Các bước duyệt',
};

/** Sổ văn bản đi for clerks; registers, committee terms and review chains for administrators. */
@WebPage()
@Controller()
export class RegistersWebController {
  constructor(
    private readonly views: RegisterViewsService,
    private readonly registers: RegistersService,
    private readonly chains: ReviewChainService,
  ) {}

  @Get('register')
  @Roles('clerk', 'auditor', 'admin')
  @Render('registers/outgoing')
  outgoing(@CurrentActor() actor: Actor, @Query('org') org?: string, @Query('from') from?: string, @Query('to') to?: string) {
    return this.views.outgoingPage(actor, { org, from, to });
  }

  @Get('admin/registers')
  @Roles('admin')
  @Render('registers/admin')
  admin(@CurrentActor() actor: Actor, @Query('org') org?: string) {
    return this.views.adminPage(actor, org);
  }

  @Post('admin/registers')
  @Roles('admin')
  createRegister(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const org = text(body, 'organizationId');
    return submitForm(req, res, {
      run: async () =>
        this.registers.createRegister(
          actor,
          await validateForm(CreateRegisterDto, {
            organizationId: org,
            documentType: optional(body, 'documentType'),
            ...(text(body, 'period') ? { period: text(body, 'period') } : {}),
          }),
        ),
      success: () => ({ redirect: `/admin/registers?org=${org}`, flash: 'Đã mở sổ văn bản.' }),
      view: 'registers/admin',
      model: () => this.views.adminPage(actor, org),
      labels: LABELS,
    });
  }

  @Post('admin/registers/terms')
  @Roles('admin')
  createTerm(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const org = text(body, 'organizationId');
    const typed = { name: text(body, 'name'), startsOn: text(body, 'startsOn'), endsOn: text(body, 'endsOn') };
    return submitForm(req, res, {
      run: async () =>
        this.registers.createTerm(
          actor,
          await validateForm(CreateTermDto, { organizationId: org, name: typed.name, startsOn: typed.startsOn, endsOn: typed.endsOn || null }),
        ),
      success: (term) => ({ redirect: `/admin/registers?org=${org}`, flash: `Đã thêm ${term.name}.` }),
      view: 'registers/admin',
      model: () => this.views.adminPage(actor, org, typed),
      labels: LABELS,
    });
  }

  /** The review chain: rows with a label are the steps, in order (an empty label drops the row). */
  @Post('admin/registers/chain')
  @Roles('admin')
  setChain(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    const org = text(body, 'organizationId');
    const roles = list(body, 'step.role');
    const labels = ([] as string[]).concat(body['step.label'] ?? []).map((l) => l.trim());
    const steps = labels.map((label, i) => ({ role: roles[i], label })).filter((s) => s.label);
    return submitForm(req, res, {
      run: async () => this.chains.replace(actor, org, await validateForm(ReviewChainInputDto, { steps })),
      success: () => ({ redirect: `/admin/registers?org=${org}#chain`, flash: 'Đã lưu quy trình duyệt. Kế hoạch đang duyệt vẫn theo quy trình cũ.' }),
      view: 'registers/admin',
      model: () => this.views.adminPage(actor, org),
      labels: LABELS,
    });
  }
}
