import { DomainError, ErrorKind, FieldProblem } from '@app/common';

export enum NumberingErrorCode {
  InvalidQuery = 'invalid_query',
  OrganizationRequired = 'organization_required',
  OrganizationNotFound = 'organization_not_found',
  NotClerk = 'not_clerk',
  RegisterMissing = 'register_missing',
  RegisterExists = 'register_exists',
  TermOverlaps = 'term_overlaps',
}

const KIND: Record<NumberingErrorCode, ErrorKind> = {
  invalid_query: 'invalid',
  organization_required: 'invalid',
  organization_not_found: 'not_found',
  not_clerk: 'forbidden',
  register_missing: 'conflict',
  register_exists: 'conflict',
  term_overlaps: 'conflict',
};

/** Errors of registers and numbers. */
export class NumberingError extends DomainError {
  constructor(code: NumberingErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }

  static invalid(errors: FieldProblem[], message = 'Tham số không hợp lệ'): NumberingError {
    return new NumberingError(NumberingErrorCode.InvalidQuery, message, { errors });
  }
}
