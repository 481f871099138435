import { applyDecorators, CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Observable } from 'rxjs';
import { Actor } from '@app/common';
import { takeFlash } from './forms';
import { navigationFor } from './navigation';

/**
 * Gives every page of a web controller what the layout needs (the person, the menu),
 * through res.locals so that error pages rendered by the global filter get them too.
 */
@Injectable()
export class WebLayoutInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request & { user?: Actor }>();
    const res = http.getResponse<Response>();
    if (req.user) {
      res.locals.actor = req.user;
      res.locals.nav = navigationFor(req.user, req.path);
    }
    if (req.method === 'GET') res.locals.flash = takeFlash(req);
    return next.handle();
  }
}

/** Marks a controller as web pages: out of the OpenAPI document, with the layout's data. */
export const WebPage = () => applyDecorators(ApiExcludeController(), UseInterceptors(WebLayoutInterceptor));
