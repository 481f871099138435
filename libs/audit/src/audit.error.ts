import { defineErrorCodes, domainErrorClass, ErrorCodeOf } from '@app/common';

export const AuditErrorCode = defineErrorCodes({
  forbidden: { OutsideAuditScope: 'outside_audit_scope' },
});
export type AuditErrorCode = ErrorCodeOf<typeof AuditErrorCode>;

/** Errors of the audit trail. */
export class AuditError extends domainErrorClass(AuditErrorCode) {}
