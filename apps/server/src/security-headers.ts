import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig } from '@app/config';

/** The editor's PDF preview is framed by the editor page itself: the one response the same origin may frame. */
const FRAMED_BY_SELF = /^\/api\/plans\/[^/]+\/preview\.pdf$/;

/**
 * Security headers on every response, from helmet: a Content-Security-Policy with scripts
 * only from our own files (no inline script, no handler attributes), no framing (clickjacking),
 * nosniff, a same-origin referrer policy, and HSTS when the server sits behind TLS (TRUST_PROXY).
 * Inline style attributes stay allowed: progress bars set their width with one.
 */
export function securityHeaders(config: AppConfig) {
  const policy = (frameAncestors: string) =>
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'", 'data:'],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: [frameAncestors],
        },
      },
      strictTransportSecurity: config.trustProxy ? { maxAge: 365 * 24 * 3600, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'same-origin' },
      xFrameOptions: { action: frameAncestors === "'self'" ? 'sameorigin' : 'deny' },
      crossOriginEmbedderPolicy: false,
    });
  const everywhere = policy("'none'");
  const preview = policy("'self'");
  return (req: Request, res: Response, next: NextFunction) => (FRAMED_BY_SELF.test(req.path) ? preview : everywhere)(req, res, next);
}
