import { DomainError, ErrorKind } from '@app/common';

export enum CascadeErrorCode {
  PlanNotFound = 'plan_not_found',
  NoParent = 'no_parent',
  NotIssued = 'plan_not_issued',
  DutyNotFound = 'reporting_duty_not_found',
  NotAReporter = 'not_a_reporter',
  AmbiguousOrganization = 'ambiguous_organization',
  AttachmentNotFound = 'attachment_not_found',
  Forbidden = 'forbidden',
}

const KIND: Record<CascadeErrorCode, ErrorKind> = {
  plan_not_found: 'not_found',
  no_parent: 'not_found',
  plan_not_issued: 'conflict',
  reporting_duty_not_found: 'invalid',
  not_a_reporter: 'forbidden',
  ambiguous_organization: 'invalid',
  attachment_not_found: 'not_found',
  forbidden: 'forbidden',
};

/** Errors of child plans, the cascade tree and reports. */
export class CascadeError extends DomainError {
  constructor(code: CascadeErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(KIND[code], code, message, details);
  }
}
