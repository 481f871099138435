import { DomainError, ErrorKind, FieldProblem } from '@app/common';

export enum WorkflowErrorCode {
  TransitionRefused = 'transition_refused',
  StaleVersion = 'stale_version',
  InvalidEvent = 'invalid_event',
  IdempotencyKeyReused = 'idempotency_key_reused',
  InvalidReviewChain = 'invalid_review_chain',
  NotOrganizationAdmin = 'not_organization_admin',
  AuthorityNotFound = 'authority_not_found',
  InvalidDelegation = 'invalid_delegation',
  NotAllowedToDelegate = 'not_allowed_to_delegate',
  OrganizationNotFound = 'organization_not_found',
  NotSigner = 'not_signer',
}

const KIND: Record<WorkflowErrorCode, ErrorKind> = {
  transition_refused: 'refused',
  stale_version: 'conflict',
  invalid_event: 'invalid',
  idempotency_key_reused: 'invalid',
  invalid_review_chain: 'invalid',
  not_organization_admin: 'forbidden',
  authority_not_found: 'not_found',
  invalid_delegation: 'invalid',
  not_allowed_to_delegate: 'forbidden',
  organization_not_found: 'not_found',
  not_signer: 'forbidden',
};

/** Errors of the workflow: refused transitions, stale versions, bad events, review chains, delegations. */
export class WorkflowError extends DomainError {
  constructor(code: WorkflowErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }

  /** 422 with the `{path, code, message}` list. */
  static invalid(errors: FieldProblem[], message = 'Sự kiện không hợp lệ', code = WorkflowErrorCode.InvalidEvent): WorkflowError {
    return new WorkflowError(code, message, { errors });
  }
}
