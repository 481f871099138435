import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, HTTP_STATUS_OF } from './domain-error';

/** Whether a request comes from the web UI (HTML pages) rather than an API client. */
export function wantsHtml(req: Request): boolean {
  return !req.path.startsWith('/api') && req.path !== '/health' && (req.headers.accept ?? '').includes('text/html');
}

/**
 * The one place where errors become HTTP responses: domain errors by their kind,
 * Nest's HttpExceptions as they are, anything else as 500 with only an error id
 * (the details go to the log under that id).
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const requestId = (req as Request & { id?: string }).id;
    let status: number;
    let body: Record<string, unknown>;
    if (exception instanceof DomainError) {
      status = HTTP_STATUS_OF[exception.kind];
      body = { statusCode: status, code: exception.code, message: exception.message, ...exception.details };
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const response = exception.getResponse();
      body = typeof response === 'string' ? { statusCode: status, message: response } : { statusCode: status, ...(response as object) };
      if (!body.code) body.code = httpCode(status);
    } else {
      status = 500;
      const errorId = randomUUID();
      this.logger.error({ errorId, requestId, error: exception instanceof Error ? exception.stack : String(exception) });
      body = { statusCode: 500, code: 'internal_error', message: 'Lỗi hệ thống', errorId };
    }
    if (res.headersSent) return;
    // A throttle says when to come back (sign-in, signature step-up).
    if (status === 429 && typeof body.retryAfterSeconds === 'number') res.setHeader('Retry-After', String(body.retryAfterSeconds));
    if (wantsHtml(req)) {
      if (status === 401) return res.redirect(`/login?next=${encodeURIComponent(req.originalUrl)}`);
      res
        .status(status)
        .render('error', { status, message: body.message, code: body.code, reference: body.errorId ?? requestId, errors: body.errors });
      return;
    }
    res.status(status).json({ ...body, requestId });
  }
}

function httpCode(status: number): string {
  return (
    {
      400: 'bad_request',
      401: 'unauthorized',
      403: 'forbidden',
      404: 'not_found',
      409: 'conflict',
      413: 'payload_too_large',
      415: 'unsupported_media_type',
      422: 'invalid',
      429: 'too_many_requests',
    }[status] ?? 'error'
  );
}
