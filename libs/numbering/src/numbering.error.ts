import { defineErrorCodes, domainErrorClass, ErrorCodeOf, FieldProblem } from '@app/common';

export const NumberingErrorCode = defineErrorCodes({
  not_found: { OrganizationNotFound: 'organization_not_found' },
  invalid: { InvalidQuery: 'invalid_query', OrganizationRequired: 'organization_required' },
  conflict: { RegisterMissing: 'register_missing', RegisterExists: 'register_exists', TermOverlaps: 'term_overlaps' },
  forbidden: { NotClerk: 'not_clerk' },
});
export type NumberingErrorCode = ErrorCodeOf<typeof NumberingErrorCode>;

/** Errors of registers and numbers. */
export class NumberingError extends domainErrorClass(NumberingErrorCode) {
  static invalid(errors: FieldProblem[], message = 'Tham số không hợp lệ'): NumberingError {
    return new NumberingError(NumberingErrorCode.InvalidQuery, message, { errors });
  }
}
