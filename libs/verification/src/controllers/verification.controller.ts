import {
  CanActivate,
  Controller,
  ExecutionContext,
  Get,
  Injectable,
  Param,
  Post,
  Req,
  Res,
  StreamableFile,
  UploadedFile,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { LimitedFileInterceptor, Public, wantsHtml } from '@app/common';
import { AppConfig } from '@app/config';
import { pdfFileResponse } from '@app/rendering';
import { VerificationRateLimitService } from '../services/verification-rate-limit.service';
import { FileCheck, VerificationService, VerifiedPlan } from '../services/verification.service';

/** Every request to /v/* counts against its client address's limit, found or not, before anything is read. */
@Injectable()
export class VerificationRateLimitGuard implements CanActivate {
  constructor(private readonly limit: VerificationRateLimitService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    await this.limit.hit(req.ip ?? req.socket.remoteAddress ?? 'unknown');
    return true;
  }
}

/** The dropped file, in memory only (never written anywhere), refused past VERIFY_UPLOAD_MAX_BYTES with a Vietnamese message. */
@Injectable()
export class DroppedPdfInterceptor extends LimitedFileInterceptor(
  'file',
  'Tệp quá lớn để đối chiếu: vượt dung lượng trang kiểm tra nhận. Văn bản đã ban hành nhỏ hơn nhiều, hãy kiểm tra lại tệp.',
) {}

/**
 * The public verification page (no sign-in): `/v/<code>` printed with a QR code on every issued
 * document. Browsers get the page; machines asking for JSON (no `text/html` in Accept) get the same facts as JSON.
 */
@ApiExcludeController()
@Public()
@UseGuards(VerificationRateLimitGuard)
@Controller('v')
export class VerificationController {
  constructor(
    private readonly verification: VerificationService,
    private readonly config: AppConfig,
  ) {}

  @Get(':code')
  async page(@Param('code') code: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.respond(req, res, await this.verification.verifiedPlan(code), null);
  }

  @Get(':code/pdf')
  async pdf(@Param('code') code: string): Promise<StreamableFile> {
    return pdfFileResponse(await this.verification.issuedPdf(code));
  }

  /** The drop check: a multipart form (works without JavaScript) with the PDF in `file`. */
  @Post(':code')
  @UseInterceptors(DroppedPdfInterceptor)
  async check(
    @Param('code') code: string,
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { plan, check } = await this.verification.checkFile(code, file?.buffer);
    this.respond(req, res, plan, check);
  }

  private respond(req: Request, res: Response, plan: VerifiedPlan, check: FileCheck | null): void {
    res.status(200).setHeader('Cache-Control', 'no-store');
    if (!wantsHtml(req)) {
      res.json(check ? { plan, check } : plan);
      return;
    }
    res.render('verification/plan', {
      title: `Kiểm tra ${plan.documentType.toLocaleLowerCase('vi')} số ${plan.numberSymbol}`,
      plan,
      check,
      uploadLimitMb: Math.floor(this.config.verificationUploadMaxBytes / (1024 * 1024)) || 1,
    });
  }
}
