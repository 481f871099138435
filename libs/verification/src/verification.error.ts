import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const VerificationErrorCode = defineErrorCodes({
  /** Unknown, malformed, or a plan that is not issued: one answer, so that nothing tells them apart. */
  not_found: { NotFound: 'verification_not_found' },
  too_many_requests: { TooManyRequests: 'verification_rate_limited' },
  invalid: { NoFile: 'verification_no_file' },
});
export type VerificationErrorCode = ErrorCodeOf<typeof VerificationErrorCode>;

/** Errors of the public verification page. */
export class VerificationError extends domainErrorClass(VerificationErrorCode) {}
