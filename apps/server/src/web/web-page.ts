import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { from, Observable, switchMap } from 'rxjs';
import { Actor } from '@app/common';
import { AppConfig } from '@app/config';
import { takeFlash } from './forms';
import { navigationFor } from './navigation';

/**
 * Gives every page of a web controller what the layout needs (the person, the menu),
 * through res.locals so that error pages rendered by the global filter get them too.
 */
@Injectable()
export class WebLayoutInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Actor }>();
    const res = http.getResponse<Response>();
    if (req.user) {
      res.locals.actor = req.user;
      res.locals.nav = navigationFor(req.user, req.path, { demo: this.config.demo });
    }
    const flash = req.method === 'GET' ? takeFlash(req) : undefined;
    if (!flash) return next.handle();
    res.locals.flash = flash;
    // Stored before the page is sent, so that the next page cannot show the message again.
    const session = (req as Request & { session: { save: (cb: (err?: unknown) => void) => void } }).session;
    return from(new Promise<void>((resolve, reject) => session.save((err) => (err ? reject(err) : resolve())))).pipe(switchMap(() => next.handle()));
  }
}

/** Marks a controller as web pages: out of the OpenAPI document, with the layout's data. */
export const WebPage = () => applyDecorators(ApiExcludeController(), UseInterceptors(WebLayoutInterceptor));
