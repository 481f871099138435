import { DomainError, ErrorKind } from '@app/common';

export enum IssuanceErrorCode {
  PlanNotFound = 'plan_not_found',
  NotSigned = 'plan_not_signed',
  NotAtDesk = 'plan_not_at_desk',
  NotClerk = 'not_clerk',
  NotSigner = 'not_signer',
}

const KIND: Record<IssuanceErrorCode, ErrorKind> = {
  plan_not_found: 'not_found',
  plan_not_signed: 'refused',
  plan_not_at_desk: 'conflict',
  not_clerk: 'forbidden',
  not_signer: 'forbidden',
};

/** Errors of the issuance of a signed plan. */
export class IssuanceError extends DomainError {
  constructor(code: IssuanceErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
