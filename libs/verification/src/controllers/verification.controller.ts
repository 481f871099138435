import { Controller, Get, Param, Post, Req, Res, StreamableFile, UploadedFile, UseFilters, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, wantsHtml } from '@app/common';
import { pdfFileResponse } from '@app/rendering';
import { FileCheck, VerificationService, VerifiedPlan } from '../services/verification.service';
import { DropCheckProblemFilter, DroppedPdfInterceptor } from './drop-check';
import { VerificationPageRenderer } from './verification-page.renderer';
import { VerificationRateLimitGuard } from './verification-rate-limit.guard';

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
    private readonly pages: VerificationPageRenderer,
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
  @UseFilters(DropCheckProblemFilter)
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
    res.status(200);
    if (wantsHtml(req)) return this.pages.render(res, plan, check);
    res.setHeader('Cache-Control', 'no-store');
    res.json(check ? { plan, check } : plan);
  }
}
