import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const PUBLIC_READ_ONLY = /^\/v\//;

type SessionRequest = Request & { session?: { csrfToken?: string; userId?: string } & Record<string, unknown> };

/** The session's CSRF token, created on first use (forms carry it in `_csrf`). */
export function csrfToken(req: SessionRequest): string {
  if (!req.session) return '';
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(24).toString('base64url');
  return req.session.csrfToken;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Synchronizer-token CSRF protection for everything a browser session can change:
 * forms send `_csrf`, scripts send `X-CSRF-Token`. Bearer-token API calls carry no
 * ambient credentials and are exempt.
 */
export function csrfMiddleware(req: SessionRequest, res: Response, next: NextFunction): void {
  // The public verification page (/v/*) uses no session and changes nothing (its drop check only
  // reads the file): no token, and no session made for anonymous visitors.
  if (PUBLIC_READ_ONLY.test(req.path)) {
    res.locals.csrfToken = '';
    return next();
  }
  res.locals.csrfToken = () => csrfToken(req);
  if (SAFE_METHODS.has(req.method)) return next();
  if (/^bearer /i.test(req.headers.authorization ?? '')) return next();
  const expected = req.session?.csrfToken;
  const given =
    (req.body && typeof req.body === 'object' && typeof req.body._csrf === 'string' ? req.body._csrf : undefined) ?? req.headers['x-csrf-token'];
  // An API call without a signed-in session carries no ambient credentials: the guard decides.
  // A signed-in session always needs the token, even before a page has created one.
  if (req.path.startsWith('/api/') && !req.session?.userId) return next();
  if (expected && typeof given === 'string' && same(expected, given)) {
    if (req.body && typeof req.body === 'object') delete req.body._csrf;
    return next();
  }
  res.status(403);
  if (!req.path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
    res.render('error', {
      status: 403,
      code: 'csrf',
      message: 'Biểu mẫu đã hết hạn hoặc không hợp lệ (thiếu mã chống giả mạo). Vui lòng tải lại trang và thử lại.',
    });
    return;
  }
  res.json({ statusCode: 403, code: 'csrf', message: 'Thiếu hoặc sai mã chống giả mạo (CSRF)' });
}
