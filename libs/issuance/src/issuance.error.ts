import { DomainError, ErrorKind } from '@app/common';

export enum IssuanceErrorCode {
  PlanNotFound = 'plan_not_found',
  NotSigned = 'plan_not_signed',
}

const KIND: Record<IssuanceErrorCode, ErrorKind> = {
  plan_not_found: 'not_found',
  plan_not_signed: 'refused',
};

/** Errors of the issuance of a signed plan. */
export class IssuanceError extends DomainError {
  constructor(code: IssuanceErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
