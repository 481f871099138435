import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MetricsService } from './metrics.service';

/** The route that applies workflow events: its requests are counted as transitions too. */
const EVENTS_ROUTE = '/api/plans/:id/events';

/** What a refused event's status says (the domain filter maps error codes to these). */
function transitionOutcome(status: number): string {
  if (status < 300) return 'applied';
  if (status === 409) return 'refused';
  if (status === 412 || status === 428) return 'stale';
  if (status === 401 || status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 422) return 'invalid';
  return 'error';
}

/** Times every request by its route pattern (so /api/plans/:id is one series, not one per plan). */
@Injectable()
export class RequestMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    const end = this.metrics.requestDuration.startTimer();
    res.on('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      const pattern = typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
      end({ method: req.method, route: pattern, status: `${Math.floor(res.statusCode / 100)}xx` });
      if (pattern === EVENTS_ROUTE && req.method === 'POST') {
        const event = typeof req.body?.type === 'string' && /^[A-Z_]{1,40}$/.test(req.body.type) ? req.body.type : 'unknown';
        this.metrics.transitions.inc({ event, outcome: transitionOutcome(res.statusCode) });
      }
    });
    next();
  }
}

/**
 * `GET /metrics`, answered here, before the application's guards: Prometheus sends
 * `Authorization: Bearer <METRICS_TOKEN>`, which is not a user's token. Off (404) without a token.
 */
@Injectable()
export class MetricsEndpointMiddleware implements NestMiddleware {
  constructor(private readonly metrics: MetricsService) {}

  use(req: Request, res: Response, next: NextFunction): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (!this.metrics.enabled) return next();
    if (!this.metrics.authorized(req.headers.authorization)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ code: 'unauthorized', message: 'Cần mã truy cập số liệu (METRICS_TOKEN)' });
      return;
    }
    this.metrics.exposition().then(
      (text) => res.status(200).setHeader('Content-Type', this.metrics.contentType).send(text),
      (error: Error) => next(error),
    );
  }
}
