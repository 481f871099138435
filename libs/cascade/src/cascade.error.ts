import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const CascadeErrorCode = defineErrorCodes({
  not_found: { PlanNotFound: 'plan_not_found', NoParent: 'no_parent', AttachmentNotFound: 'attachment_not_found' },
  invalid: { DutyNotFound: 'reporting_duty_not_found', AmbiguousOrganization: 'ambiguous_organization' },
  conflict: { NotIssued: 'plan_not_issued' },
  forbidden: { NotAReporter: 'not_a_reporter', Forbidden: 'forbidden' },
});
export type CascadeErrorCode = ErrorCodeOf<typeof CascadeErrorCode>;

/** Errors of child plans, the cascade tree and reports. */
export class CascadeError extends domainErrorClass(CascadeErrorCode) {}
