import { ArgumentsHost, Catch, ExceptionFilter, Injectable, PayloadTooLargeException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainErrorFilter, LimitedFileInterceptor, wantsHtml } from '@app/common';
import { VerificationService, VerifiedPlan } from '../services/verification.service';
import { VerificationError, VerificationErrorCode } from '../verification.error';
import { VerificationPageRenderer } from './verification-page.renderer';

/** The dropped file, in memory only (never written anywhere), refused past VERIFY_UPLOAD_MAX_BYTES with a Vietnamese message. */
@Injectable()
export class DroppedPdfInterceptor extends LimitedFileInterceptor(
  'file',
  'Tệp quá lớn để đối chiếu: vượt dung lượng trang kiểm tra nhận. Văn bản đã ban hành nhỏ hơn nhiều, hãy kiểm tra lại tệp.',
) {}

/**
 * A drop check refused (no file, an empty one, one too large) is shown on the page beside the
 * form, so that a browser without JavaScript can try again; anything else, and every answer to
 * a machine, goes the usual way (DomainErrorFilter).
 */
@Catch(VerificationError, PayloadTooLargeException)
@Injectable()
export class DropCheckProblemFilter implements ExceptionFilter {
  private readonly usual = new DomainErrorFilter();

  constructor(
    private readonly verification: VerificationService,
    private readonly page: VerificationPageRenderer,
  ) {}

  async catch(exception: VerificationError | PayloadTooLargeException, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const status = exception instanceof PayloadTooLargeException ? 413 : exception.code === VerificationErrorCode.NoFile ? 422 : null;
    if (!status || !wantsHtml(req)) return this.usual.catch(exception, host);
    let plan: VerifiedPlan;
    try {
      plan = await this.verification.verifiedPlan(req.params.code);
    } catch (error) {
      return this.usual.catch(error, host);
    }
    const response = exception instanceof PayloadTooLargeException ? (exception.getResponse() as { message?: string }) : exception;
    res.status(status);
    this.page.render(res, plan, null, response.message ?? 'Không đối chiếu được tệp này.');
  }
}
