import { defineErrorCodes, domainErrorClass, ErrorCodeOf, FieldProblem } from '@app/common';

export const WorkflowErrorCode = defineErrorCodes({
  not_found: { AuthorityNotFound: 'authority_not_found', OrganizationNotFound: 'organization_not_found' },
  invalid: {
    InvalidEvent: 'invalid_event',
    IdempotencyKeyReused: 'idempotency_key_reused',
    InvalidReviewChain: 'invalid_review_chain',
    InvalidDelegation: 'invalid_delegation',
  },
  conflict: { StaleVersion: 'stale_version' },
  refused: { TransitionRefused: 'transition_refused' },
  forbidden: { NotOrganizationAdmin: 'not_organization_admin', NotAllowedToDelegate: 'not_allowed_to_delegate', NotSigner: 'not_signer' },
});
export type WorkflowErrorCode = ErrorCodeOf<typeof WorkflowErrorCode>;

/** Errors of the workflow: refused transitions, stale versions, bad events, review chains, delegations. */
export class WorkflowError extends domainErrorClass(WorkflowErrorCode) {
  /** 422 with the `{path, code, message}` list. */
  static invalid(errors: FieldProblem[], message = 'Sự kiện không hợp lệ', code: WorkflowErrorCode = WorkflowErrorCode.InvalidEvent): WorkflowError {
    return new WorkflowError(code, message, { errors });
  }
}
