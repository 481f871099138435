import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ConsoleLogger, LogLevel } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The id of the HTTP request being served, wherever the code runs on its behalf (null in jobs). */
export function currentRequestId(): string | null {
  return requestContext.getStore()?.requestId ?? null;
}

/** Gives every request an id (taken from X-Request-Id when sane), echoed in the response and the logs. */
export function requestIdMiddleware(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  const given = req.headers['x-request-id'];
  const requestId = typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
  req.id = requestId;
  res.setHeader('X-Request-Id', requestId);
  requestContext.run({ requestId }, next);
}

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Structured JSON logs at the configured level. */
export function createLogger(level: 'error' | 'warn' | 'log' | 'debug' | 'verbose'): ConsoleLogger {
  return new ConsoleLogger('kehoach', { json: true, logLevels: LEVELS.slice(0, LEVELS.indexOf(level) + 1) });
}

/** Logs one line per request (method, path, status, time, request id, user): never bodies, so never passwords. */
export function accessLogMiddleware(logger: ConsoleLogger) {
  return (req: Request & { id?: string; user?: { username: string } }, res: Response, next: NextFunction) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logger.log(
        { requestId: req.id, method: req.method, path: req.path, status: res.statusCode, ms: Math.round(ms), user: req.user?.username },
        'HTTP',
      );
    });
    next();
  };
}
