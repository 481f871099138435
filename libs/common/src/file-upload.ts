import { CallHandler, ExecutionContext, Injectable, NestInterceptor, PayloadTooLargeException, Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Observable } from 'rxjs';

/**
 * Multer's upload of one file field (in memory, with the limits of the module's MulterModule or `maxBytes`),
 * answering a file over the limit with 413 `file_too_large` and the caller's Vietnamese message.
 */
export function LimitedFileInterceptor(field: string, tooLargeMessage: string, maxBytes?: number): Type<NestInterceptor> {
  @Injectable()
  class Limited extends FileInterceptor(field, maxBytes ? { limits: { fileSize: maxBytes, files: 1 } } : undefined) {
    override async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await super.intercept(context, next);
      } catch (error) {
        if (error instanceof PayloadTooLargeException) throw new PayloadTooLargeException({ code: 'file_too_large', message: tooLargeMessage });
        throw error;
      }
    }
  }
  return Limited;
}
