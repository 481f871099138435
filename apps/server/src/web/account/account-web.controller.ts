import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Render, Req, Res, UploadedFile, UseInterceptors } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor, CurrentActor, ValidationFailed } from '@app/common';
import { ChangePasswordDto, MIN_PASSWORD_LENGTH, UsersService } from '@app/identity';
import { StampImageInterceptor, StampUploadsService } from '@app/issuance';
import { FormBody, submitForm, text, validateForm } from '../forms';
import { WebPage } from '../web-page';

const PASSWORD_LABELS = { currentPassword: 'Mật khẩu hiện tại', newPassword: 'Mật khẩu mới', confirmPassword: 'Nhập lại mật khẩu mới' };

/** The signed-in person's own account: change the password; put up the signature image printed when they sign. */
@WebPage()
@Controller('account')
export class AccountWebController {
  constructor(
    private readonly users: UsersService,
    private readonly stamps: StampUploadsService,
  ) {}

  @Get('password')
  @Render('account/password')
  passwordForm() {
    return passwordPage();
  }

  @Post('password')
  changePassword(@CurrentActor() actor: Actor, @Body() body: FormBody, @Req() req: Request, @Res() res: Response) {
    return submitForm(req, res, {
      run: async () => {
        const dto = await validateForm(ChangePasswordDto, { currentPassword: text(body, 'currentPassword'), newPassword: text(body, 'newPassword') });
        if (text(body, 'confirmPassword') !== dto.newPassword) throw mismatch();
        await this.users.changeOwnPassword(actor, dto, req.ip ?? 'unknown', req.sessionID);
      },
      success: () => ({ redirect: '/', flash: 'Đã đổi mật khẩu. Các phiên đăng nhập khác của bạn đã kết thúc.' }),
      view: 'account/password',
      model: async () => passwordPage(),
      labels: PASSWORD_LABELS,
    });
  }

  @Get('signature')
  @Render('account/signature')
  signatureForm(@CurrentActor() actor: Actor) {
    return this.signaturePage(actor);
  }

  @Post('signature/:id')
  @UseInterceptors(StampImageInterceptor)
  uploadSignature(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ) {
    return submitForm(req, res, {
      run: () => this.stamps.uploadSignature(actor, id, file?.buffer),
      success: () => ({ redirect: '/account/signature', flash: 'Đã thay ảnh chữ ký: văn bản ký từ nay in ảnh mới.' }),
      view: 'account/signature',
      model: () => this.signaturePage(actor),
      labels: { file: 'Tệp ảnh' },
    });
  }

  private async signaturePage(actor: Actor) {
    return { title: 'Ảnh chữ ký của tôi', authorities: await this.stamps.ownAuthorities(actor) };
  }
}

function passwordPage() {
  return { title: 'Đổi mật khẩu', minLength: MIN_PASSWORD_LENGTH };
}

function mismatch() {
  return new ValidationFailed(
    [{ path: 'confirmPassword', code: 'mismatch', message: 'confirmPassword: hai lần nhập mật khẩu mới không giống nhau' }],
    'Mật khẩu mới chưa đổi được',
  );
}
