import { DomainError, ErrorKind } from '@app/common';

export enum VerificationErrorCode {
  /** Unknown, malformed, or a plan that is not issued: one answer, so that nothing tells them apart. */
  NotFound = 'verification_not_found',
  TooManyRequests = 'verification_rate_limited',
  NoFile = 'verification_no_file',
}

const KIND: Record<VerificationErrorCode, ErrorKind> = {
  verification_not_found: 'not_found',
  verification_rate_limited: 'too_many_requests',
  verification_no_file: 'invalid',
};

/** Errors of the public verification page. */
export class VerificationError extends DomainError {
  constructor(code: VerificationErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
