import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const RenderingErrorCode = defineErrorCodes({
  not_found: { NotIssued: 'document_not_issued', NoContent: 'plan_content_missing' },
  invalid: { InvalidImage: 'invalid_image', InvalidCertificate: 'invalid_certificate' },
  conflict: {
    CertificateMissing: 'certificate_missing',
    CertificateUnreadable: 'certificate_unreadable',
    RenderFailed: 'render_failed',
    RenderTimeout: 'render_timeout',
  },
  gone: { DocumentMissing: 'document_missing' },
});
export type RenderingErrorCode = ErrorCodeOf<typeof RenderingErrorCode>;

/** Errors of document rendering, signing and storage. */
export class RenderingError extends domainErrorClass(RenderingErrorCode) {}
