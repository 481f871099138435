import { DomainError, ErrorKind } from '@app/common';

export enum RenderingErrorCode {
  NotIssued = 'document_not_issued',
  DocumentMissing = 'document_missing',
  NoContent = 'plan_content_missing',
  CertificateMissing = 'certificate_missing',
  CertificateUnreadable = 'certificate_unreadable',
  RenderFailed = 'render_failed',
  RenderTimeout = 'render_timeout',
  InvalidImage = 'invalid_image',
}

const KIND: Record<RenderingErrorCode, ErrorKind> = {
  document_not_issued: 'not_found',
  document_missing: 'gone',
  plan_content_missing: 'not_found',
  certificate_missing: 'conflict',
  certificate_unreadable: 'conflict',
  render_failed: 'conflict',
  render_timeout: 'conflict',
  invalid_image: 'invalid',
};

/** Errors of document rendering, signing and storage. */
export class RenderingError extends DomainError {
  constructor(code: RenderingErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
